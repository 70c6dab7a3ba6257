//! `mtlsctl cert create`: a root CA, an intermediate CA or a client certificate.
//!
//! `--encrypt-key` (CA and intermediate only) writes the new key as encrypted PKCS#8 with a
//! key password (`--password-file`, `MTLSCTL_NEW_KEY_PASSWORD`, `MTLSCTL_CA_PASSWORD`, or a
//! confirmed prompt); `--password-file` and `MTLSCTL_CA_PASSWORD` also open an encrypted issuer
//! key, and a warning is printed when the new key gets the issuer key's password. `--p12` (client certificates only)
//! also writes `<name>.p12` (modern profile, 0600) with the key and the issuer as chain; its
//! password comes from `MTLSCTL_P12_PASSWORD` or a confirmed prompt (`--password-file` is the
//! key password here). Passwords are asked before anything is generated or written.

use std::path::PathBuf;

use serde::Serialize;

use super::{Ctx, SignerFiles};
use crate::cli::CreateArgs;
use crate::commands::Answer;
use crate::pki::files::{FileSet, PUBLIC_MODE, SECRET_MODE};
use crate::pki::issue::{CertSpec, Issued, Profile, Signer};
use crate::pki::keys::{Key, KeyType};
use crate::pki::p12::P12Profile;
use crate::pki::password::{PasswordRequest, Purpose};
use crate::pki::spec::{NotAfter, Subject};

/// What `cert create` reports.
#[derive(Debug, Serialize)]
pub struct CreateReport {
    /// Profile made.
    pub profile: Profile,
    /// Common name.
    pub cn: String,
    /// Serial, upper-case hex.
    pub serial: String,
    /// Own SKI.
    pub ski: String,
    /// Issuer SKI: what to pin in `cf.tls_client_auth.cert_issuer_ski`.
    pub issuer_ski: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// Certificate file.
    pub certificate: PathBuf,
    /// Key file (none when signing a CSR: the key stays with its owner).
    pub key: Option<PathBuf>,
    /// True when the key file is encrypted PKCS#8.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub key_encrypted: bool,
    /// The PKCS#12 file, with --p12.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12: Option<PathBuf>,
    /// True when a store CA was created first.
    pub ca_created: bool,
}

impl CreateReport {
    /// The facts of `issued`, written to `certificate` (and `key`); the flags start false.
    pub fn new(
        profile: Profile,
        cn: String,
        issued: &Issued,
        certificate: PathBuf,
        key: Option<PathBuf>,
    ) -> anyhow::Result<CreateReport> {
        Ok(CreateReport {
            profile,
            cn,
            serial: issued.serial.clone(),
            ski: issued.ski.clone(),
            issuer_ski: issued.issuer_ski.clone(),
            not_after: rfc3339(issued.not_after)?,
            certificate,
            key,
            key_encrypted: false,
            p12: None,
            ca_created: false,
        })
    }
}

/// A store CA made by this run: its certificate and key file, written by
/// [`NewStoreCa::add_files`] with what the run publishes.
pub struct NewStoreCa {
    /// Its CN.
    pub cn: String,
    /// The certificate.
    pub issued: Issued,
    /// Where the certificate goes (`ca.crt` in the store).
    pub path: PathBuf,
    key_path: PathBuf,
    key_pem: String,
}

impl NewStoreCa {
    /// A new root CA for the store (default subject when `subject` is `None`), and its key,
    /// so that the run that made it can sign without reading it back. With `key_password`,
    /// the key file is encrypted. Nothing is written.
    pub fn make(
        ctx: &Ctx,
        subject: Option<Subject>,
        key_type: KeyType,
        not_after: Option<NotAfter>,
        key_password: Option<&str>,
    ) -> anyhow::Result<(NewStoreCa, Key)> {
        let subject = subject.unwrap_or_else(|| ca_subject(None, None));
        let (issued, key_pem, key) = make_root(ctx, &subject, key_type, not_after, key_password)?;
        let ca = NewStoreCa {
            cn: subject.cn().unwrap_or_default().to_string(),
            issued,
            path: ctx.store.ca_cert_path(),
            key_path: ctx.store.ca_key_path(),
            key_pem,
        };
        Ok((ca, key))
    }

    /// Adds `ca.crt` and `ca.key` to `files`; they replace existing ones only with `replace`.
    pub fn add_files(&self, files: &mut FileSet, replace: bool) {
        if replace {
            files.add(&self.path, self.issued.pem.clone(), PUBLIC_MODE);
            files.add(&self.key_path, self.key_pem.clone(), SECRET_MODE);
        } else {
            files.add_new(&self.path, self.issued.pem.clone(), PUBLIC_MODE);
            files.add_new(&self.key_path, self.key_pem.clone(), SECRET_MODE);
        }
    }
}

/// Runs `cert create`.
pub fn run(args: CreateArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let profile = if args.profile.ca {
        Profile::RootCa
    } else if args.profile.intermediate {
        Profile::IntermediateCa
    } else {
        Profile::Client
    };
    let not_after = args
        .validity
        .not_after
        .or(args.validity.days.map(NotAfter::days));
    if args.encrypt_key && profile == Profile::Client {
        anyhow::bail!(
            "--encrypt-key is for CA keys: use it with --ca or --intermediate (client keys go to devices, often as --p12)"
        );
    }
    if args.p12 && profile != Profile::Client {
        anyhow::bail!(
            "--p12 is for client certificates (export a CA with `cert export --p12` if you must)"
        );
    }
    if profile == Profile::RootCa {
        if args.issuer.issuer_cert.is_some() {
            anyhow::bail!(
                "a root CA is self-signed: --issuer-cert/--issuer-key do not apply (use --intermediate)"
            );
        }
        return create_root(args, not_after, ctx);
    }

    if args.issuer.issuer_cert.is_none() {
        // A damaged store is reported before anything else.
        ctx.store.has_ca()?;
    }
    let default_cn = match profile {
        Profile::IntermediateCa => "mtlsctl intermediate CA".to_string(),
        _ => super::user_at_host(),
    };
    let subject = super::subject_from(
        args.names.subject.as_ref(),
        args.names.cn.as_deref(),
        &default_cn,
    );
    let stem = match (&args.names.cn, profile) {
        (Some(cn), _) => super::slug(cn),
        (None, Profile::IntermediateCa) => "intermediate".into(),
        (None, _) => "client".into(),
    };
    let count = args.count.max(1);
    if count > 1 && (args.out.is_some() || args.key_out.is_some()) {
        anyhow::bail!(
            "--count makes one file pair per certificate (<name>-001.crt ...): --out and --key-out do not apply"
        );
    }
    // One (subject, certificate path, key path) per certificate to make.
    let width = count.to_string().len().max(3);
    let targets: Vec<(Subject, PathBuf, PathBuf)> = (1..=count)
        .map(|i| {
            let (subject, stem) = if count == 1 {
                (subject.clone(), stem.clone())
            } else {
                let cn = format!("{}-{i:0width$}", subject.cn().unwrap_or("client"));
                (subject.clone().with_cn(&cn), format!("{stem}-{i:0width$}"))
            };
            let cert = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{stem}.crt")));
            let key = args
                .key_out
                .clone()
                .unwrap_or_else(|| super::key_path_for(&cert));
            (subject, cert, key)
        })
        .collect();
    // Refuse before creating anything (not even the store CA) when a target exists.
    let mut files = FileSet::new(args.force);
    for (_, cert, key) in &targets {
        files.add(cert, Vec::new(), PUBLIC_MODE);
        files.add(key, Vec::new(), SECRET_MODE);
    }
    if args.p12 {
        for (_, cert, _) in &targets {
            files.add(cert.with_extension("p12"), Vec::new(), SECRET_MODE);
        }
    }
    files.preflight()?;

    let key_password = if args.encrypt_key {
        Some(super::new_key_password(args.password_file.as_deref())?)
    } else {
        None
    };
    let p12_password = if args.p12 {
        Some(
            PasswordRequest {
                purpose: Purpose::P12,
                file: None,
                allow_empty: false,
                confirm: true,
                file_flag: None,
                context: "the .p12 file".into(),
            }
            .read()?,
        )
    } else {
        None
    };
    let not_after = not_after
        .unwrap_or(NotAfter::days(profile.default_days()))
        .resolve(ctx.now);
    // A store with no CA gets one, written with the certificates in one transaction. If
    // another run creates the store CA first, this run signs with that one instead.
    let mut attempts = 0;
    let (signer, made) = loop {
        attempts += 1;
        let signer: SignerFiles =
            super::signer_or_new_ca(&args.issuer, ctx, true, args.password_file.as_deref())?;
        if attempts == 1 {
            signer.warn_if_password_reused(ctx, key_password.as_ref());
        }
        let mut files = signer.file_set(args.force);
        let mut made = Vec::with_capacity(targets.len());
        for (subject, cert_path, key_path) in &targets {
            let key = args.key_type.generate()?;
            let spec = CertSpec {
                profile,
                subject: subject.clone(),
                sans: args.names.sans.clone(),
                not_after,
            };
            let issued = super::issue_with(&spec, &key, signer.signer(), ctx)?;
            files.add(cert_path, issued.pem.clone(), PUBLIC_MODE);
            files.add(
                key_path,
                super::key_file_pem(&key, key_password.as_deref().map(String::as_str))?,
                SECRET_MODE,
            );
            let cn = spec.subject.cn().unwrap_or_default().to_string();
            let p12_path = match &p12_password {
                Some(pw) => {
                    let p = cert_path.with_extension("p12");
                    let chain = vec![signer.cert_der.clone()];
                    let bytes = super::export::build_p12(
                        &issued.der,
                        &key,
                        &chain,
                        pw,
                        P12Profile::Modern,
                        &cn,
                    )?;
                    files.add(&p, bytes, SECRET_MODE);
                    Some(p)
                }
                None => None,
            };
            made.push((issued, cn, cert_path.clone(), key_path.clone(), p12_path));
        }
        // Store-signed certificates are recorded as they are published (pending, then valid).
        let records: Vec<_> = made
            .iter()
            .map(|(issued, cn, path, _, _)| (issued, cn.as_str(), profile, path.as_path()))
            .collect();
        match signer.publish(ctx, files, &records) {
            Ok(()) => break (signer, made),
            Err(e) if attempts < 3 && signer.new_ca.is_some() && super::lost_ca_race(ctx, &e) => {}
            Err(e) => return Err(e),
        }
    };
    let reports = made
        .into_iter()
        .map(|(issued, cn, certificate, key, p12)| {
            Ok(CreateReport {
                key_encrypted: key_password.is_some(),
                p12,
                ca_created: signer.new_ca.is_some(),
                ..CreateReport::new(profile, cn, &issued, certificate, Some(key))?
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    report_all(ctx, reports, count > 1)
}

fn create_root(
    args: CreateArgs,
    not_after: Option<NotAfter>,
    ctx: &mut Ctx,
) -> anyhow::Result<Answer> {
    let into_store = args.out.is_none() && args.key_out.is_none();
    if into_store {
        let exists = ctx.store.has_ca()?;
        if exists && !args.force {
            anyhow::bail!(
                "the store {} already has a CA; use --force to replace it (the old one is kept as ca.key/ca.crt.<time>.bak; certificates it issued will no longer verify against the new one), or --out to write a CA elsewhere",
                ctx.store.root().display()
            );
        }
        let subject = ca_subject(args.names.subject.as_ref(), args.names.cn.as_deref());
        let key_password = if args.encrypt_key {
            Some(super::new_key_password(args.password_file.as_deref())?)
        } else {
            None
        };
        if exists {
            backup_store_ca(ctx)?;
        }
        let created = create_store_ca(
            ctx,
            Some(subject),
            args.key_type,
            not_after,
            args.force,
            key_password.as_deref().map(String::as_str),
        )?;
        return report(
            ctx,
            CreateReport {
                key_encrypted: args.encrypt_key,
                ca_created: true,
                ..CreateReport::new(
                    Profile::RootCa,
                    created.cn,
                    &created.issued,
                    ctx.store.ca_cert_path(),
                    Some(ctx.store.ca_key_path()),
                )?
            },
        );
    }
    let cert_path = args.out.clone().unwrap_or_else(|| PathBuf::from("ca.crt"));
    let key_path = args
        .key_out
        .clone()
        .unwrap_or_else(|| super::key_path_for(&cert_path));
    let subject = ca_subject(args.names.subject.as_ref(), args.names.cn.as_deref());
    let mut files = FileSet::new(args.force);
    files.add(&cert_path, Vec::new(), PUBLIC_MODE);
    files.add(&key_path, Vec::new(), SECRET_MODE);
    files.preflight()?;
    let key_password = if args.encrypt_key {
        Some(super::new_key_password(args.password_file.as_deref())?)
    } else {
        None
    };
    let (issued, key_pem, _) = make_root(
        ctx,
        &subject,
        args.key_type,
        not_after,
        key_password.as_deref().map(String::as_str),
    )?;
    let mut files = FileSet::new(args.force);
    files.add(&cert_path, issued.pem.clone(), PUBLIC_MODE);
    files.add(&key_path, key_pem, SECRET_MODE);
    files.commit()?;
    report(
        ctx,
        CreateReport {
            key_encrypted: args.encrypt_key,
            ..CreateReport::new(
                Profile::RootCa,
                subject.cn().unwrap_or_default().to_string(),
                &issued,
                cert_path,
                Some(key_path),
            )?
        },
    )
}

/// Before `cert create --ca --force` replaces the store CA: copies `ca.key` and `ca.crt` to
/// `ca.key.<UTC time>.bak` and `ca.crt.<UTC time>.bak` in the store (0600, never replacing a
/// file), so the old CA can still be restored to revoke what it issued and sign its CRLs.
fn backup_store_ca(ctx: &Ctx) -> anyhow::Result<()> {
    let stamp = ctx.now.format(time::macros::format_description!(
        "[year][month][day]T[hour][minute][second]Z"
    ))?;
    let root = ctx.store.root();
    let key = zeroize::Zeroizing::new(crate::pki::load::read_bytes(&ctx.store.ca_key_path())?);
    let cert = crate::pki::load::read_bytes(&ctx.store.ca_cert_path())?;
    let key_bak = root.join(format!("ca.key.{stamp}.bak"));
    let cert_bak = root.join(format!("ca.crt.{stamp}.bak"));
    let mut files = FileSet::new(false);
    files.add(&key_bak, key.to_vec(), SECRET_MODE);
    files.add(&cert_bak, cert, SECRET_MODE);
    files.commit()?;
    ctx.out.status(format!(
        "the old CA is kept as {} and {}: certificates it issued no longer verify against the new CA; to revoke them or publish their CRL, put these files back as ca.key and ca.crt",
        key_bak.display(),
        cert_bak.display()
    ));
    Ok(())
}

fn default_ca_cn() -> String {
    format!("mtlsctl CA {}", super::user_at_host())
}

fn ca_subject(subject: Option<&Subject>, cn: Option<&str>) -> Subject {
    let mut s = super::subject_from(subject, cn, &default_ca_cn());
    if subject.is_none() {
        // A recognisable organisation, as mkcert does.
        let o = crate::pki::spec::ATTRS
            .iter()
            .find(|(n, _)| *n == "O")
            .map(|(_, a)| *a);
        if let Some(o) = o {
            s.entries.insert(0, (o, "mtlsctl".into()));
        }
    }
    s
}

fn make_root(
    ctx: &Ctx,
    subject: &Subject,
    key_type: KeyType,
    not_after: Option<NotAfter>,
    key_password: Option<&str>,
) -> anyhow::Result<(Issued, String, Key)> {
    let key = key_type.generate()?;
    let spec = CertSpec {
        profile: Profile::RootCa,
        subject: subject.clone(),
        sans: Vec::new(),
        not_after: not_after
            .unwrap_or(NotAfter::days(Profile::RootCa.default_days()))
            .resolve(ctx.now),
    };
    let issued = super::issue_with(&spec, &key, Signer::SelfSigned(&key), ctx)?;
    let pem = super::key_file_pem(&key, key_password)?;
    Ok((issued, pem, key))
}

/// Creates the store CA (the store directory is created 0700) and records it in the index.
/// With `key_password`, the key is written encrypted; with `force`, it replaces the store's CA.
pub fn create_store_ca(
    ctx: &mut Ctx,
    subject: Option<Subject>,
    key_type: KeyType,
    not_after: Option<NotAfter>,
    force: bool,
    key_password: Option<&str>,
) -> anyhow::Result<NewStoreCa> {
    // Refuse a damaged index before writing the CA that it could not then record.
    ctx.store.read_index()?;
    ctx.store.ensure()?;
    let (ca, _) = NewStoreCa::make(ctx, subject, key_type, not_after, key_password)?;
    let mut files = FileSet::new(force);
    ca.add_files(&mut files, force);
    super::publish(
        ctx,
        files,
        &[(
            &ca.issued,
            ca.cn.as_str(),
            Profile::RootCa,
            ca.path.as_path(),
        )],
    )?;
    Ok(ca)
}

fn rfc3339(t: time::OffsetDateTime) -> anyhow::Result<String> {
    Ok(t.format(&time::format_description::well_known::Rfc3339)?)
}

/// Prints a creation report: JSON, or one line per file then validity and issuer SKI.
pub fn report(ctx: &mut Ctx, r: CreateReport) -> anyhow::Result<Answer> {
    report_all(ctx, vec![r], false)
}

/// Prints several creation reports (a JSON array when `many`).
fn report_all(ctx: &mut Ctx, reports: Vec<CreateReport>, many: bool) -> anyhow::Result<Answer> {
    if ctx.out.json {
        match (many, reports.first()) {
            (false, Some(r)) => ctx.out.json(r)?,
            _ => ctx.out.json(&reports)?,
        }
        return Ok(Answer::Yes);
    }
    for r in &reports {
        ctx.out
            .line(format!("certificate  {}", r.certificate.display()))?;
        if let Some(key) = &r.key {
            ctx.out.line(format!("key          {}", key.display()))?;
        }
        if let Some(p12) = &r.p12 {
            ctx.out.line(format!("p12          {}", p12.display()))?;
        }
    }
    if let Some(r) = reports.first() {
        ctx.out
            .line(format!("profile      {}", r.profile.describe()))?;
        ctx.out.line(format!("not_after    {}", r.not_after))?;
        ctx.out.line(format!("issuer_ski   {}", r.issuer_ski))?;
    }
    Ok(Answer::Yes)
}
