//! `mtlsctl cert ...`: the certificate commands, and what they share (finding the signer,
//! writing a certificate with its key, recording it in the store index).

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Answer, Ctx};
use crate::cli::{CertCommand, IssuerArgs};
use crate::pki::files::FileSet;
use crate::pki::issue::{self, CertSpec, Issued, Profile, Signer};
use crate::pki::keys::{self, Key, KeyType};
use crate::pki::load;
use crate::pki::password::{Password, PasswordRequest, Purpose};
use crate::pki::spec::Subject;
use crate::pki::store::IndexEntry;
use zeroize::Zeroizing;

pub mod create;
pub mod csr;
pub mod export;
pub mod inspect;
pub mod list;
pub mod renew;
pub mod revoke;
pub mod sign;
pub mod verify;

/// Dispatches `cert` subcommands.
pub fn run(cmd: CertCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match cmd {
        CertCommand::Create(a) => create::run(a, ctx),
        CertCommand::Csr(a) => csr::run(a, ctx),
        CertCommand::Sign(a) => sign::run(a, ctx),
        CertCommand::List(a) => list::run(a, ctx),
        CertCommand::Inspect(a) => inspect::run(a, ctx),
        CertCommand::Verify(a) => verify::run(a, ctx),
        CertCommand::Revoke(a) => revoke::run(a, ctx),
        CertCommand::Export(a) => export::run(a, ctx),
        CertCommand::Renew(a) => renew::run(a, ctx),
    }
}

/// A CA ready to sign: its certificate, key, and whether it is the store's.
pub struct SignerFiles {
    /// CA certificate DER.
    pub cert_der: Vec<u8>,
    /// CA key.
    pub key: Key,
    /// True when this is the store CA (issued certificates are then indexed).
    pub from_store: bool,
    /// The password that decrypted the key, when it was encrypted (to warn about reuse).
    pub key_password: Option<Password>,
    /// A store CA made by this run and not written yet: [`SignerFiles::file_set`] and
    /// [`SignerFiles::publish`] write it with the first certificates it signs, in one
    /// transaction.
    pub new_ca: Option<create::NewStoreCa>,
}

impl SignerFiles {
    /// Warns when `new_password` (for a new key this run encrypts) is the one that opened
    /// the issuer's key: one leaked password would then open both keys.
    pub fn warn_if_password_reused(&self, ctx: &Ctx, new_password: Option<&Password>) {
        if let (Some(old), Some(new)) = (&self.key_password, new_password)
            && old == new
        {
            ctx.out.warn(
                "the new key is encrypted with the same password as the issuer's key: whoever learns one opens both; give the new key its own password (MTLSCTL_NEW_KEY_PASSWORD, or a prompt on a terminal) and re-run",
            );
        }
    }
}

impl SignerFiles {
    /// The rcgen-facing signer.
    pub fn signer(&self) -> Signer<'_> {
        Signer::Ca(issue::Issuer {
            cert_der: &self.cert_der,
            key: &self.key,
        })
    }

    /// A new set of files to publish with [`SignerFiles::publish`]: it starts with the
    /// store CA's files when this run made the CA (never replacing one, whatever `force`).
    pub fn file_set(&self, force: bool) -> FileSet {
        let mut files = FileSet::new(force);
        if let Some(ca) = &self.new_ca {
            ca.add_files(&mut files, false);
        }
        files
    }

    /// Publishes `files` (made by [`SignerFiles::file_set`]), recording in the store index
    /// the certificates among them that the store CA signed (`issued`), and the new store CA
    /// when this run made it; see [`publish`]. Then says on stderr that the CA was created.
    pub fn publish(
        &self,
        ctx: &Ctx,
        files: FileSet,
        issued: &[(&Issued, &str, Profile, &Path)],
    ) -> anyhow::Result<()> {
        let Some(ca) = &self.new_ca else {
            let recorded = if self.from_store { issued } else { &[] };
            return publish(ctx, files, recorded);
        };
        let mut records = vec![(
            &ca.issued,
            ca.cn.as_str(),
            Profile::RootCa,
            ca.path.as_path(),
        )];
        records.extend_from_slice(issued);
        publish(ctx, files, &records)?;
        ctx.out.status(format!(
            "created a new CA in {} (CN={}, SKI {})",
            ctx.store.root().display(),
            ca.cn,
            ca.issued.ski
        ));
        Ok(())
    }
}

/// Whether `e` says that the store CA this run was about to create exists already: another
/// run created it first (it did so under the index lock, so it is complete).
pub fn lost_ca_race(ctx: &Ctx, e: &anyhow::Error) -> bool {
    use crate::pki::files::FileError;
    use crate::pki::store::StoreError;
    let exists = match e.downcast_ref::<StoreError>() {
        Some(StoreError::File(FileError::Exists(p))) => p,
        _ => match e.downcast_ref::<FileError>() {
            Some(FileError::Exists(p)) => p,
            _ => return false,
        },
    };
    *exists == ctx.store.ca_cert_path() || *exists == ctx.store.ca_key_path()
}

/// Loads `--issuer-cert/--issuer-key`, or the store CA (creating and writing it first when
/// `create_if_missing` and the store has none). An encrypted key is decrypted with the
/// password from `password_file`, `MTLSCTL_CA_PASSWORD` or a prompt on a terminal.
pub fn load_signer(
    issuer: &IssuerArgs,
    ctx: &mut Ctx,
    create_if_missing: bool,
    password_file: Option<&Path>,
) -> anyhow::Result<SignerFiles> {
    let mut signer = signer_or_new_ca(issuer, ctx, create_if_missing, password_file)?;
    if signer.new_ca.is_some() {
        match signer.publish(ctx, signer.file_set(false), &[]) {
            Ok(()) => signer.new_ca = None,
            // Another run created the CA at the same moment: use that one.
            Err(e) if lost_ca_race(ctx, &e) => {
                return signer_or_new_ca(issuer, ctx, false, password_file);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(signer)
}

/// [`load_signer`], except that a store CA made because the store has none is not written:
/// it is in [`SignerFiles::new_ca`], for the caller to publish with what it signs
/// ([`SignerFiles::file_set`], [`SignerFiles::publish`]). When that publish fails because
/// another run created a CA first ([`lost_ca_race`]), call this again: it loads that CA.
pub fn signer_or_new_ca(
    issuer: &IssuerArgs,
    ctx: &mut Ctx,
    create_if_missing: bool,
    password_file: Option<&Path>,
) -> anyhow::Result<SignerFiles> {
    if let (Some(cert), Some(key)) = (&issuer.issuer_cert, &issuer.issuer_key) {
        return load_ca_files(cert, key, false, password_file);
    }
    // A damaged index is reported before anything is written: otherwise the new files
    // would be published and then not recorded.
    ctx.store.read_index()?;
    if !ctx.store.has_ca()? {
        if !create_if_missing {
            anyhow::bail!(crate::pki::store::StoreError::NoCa(
                ctx.store.root().to_path_buf()
            ));
        }
        ctx.store.ensure()?;
        let (ca, key) = create::NewStoreCa::make(ctx, None, KeyType::P256, None, None)?;
        // Signs with the key just made: reading it back would only parse it again.
        return Ok(SignerFiles {
            cert_der: ca.issued.der.clone(),
            key,
            from_store: true,
            key_password: None,
            new_ca: Some(ca),
        });
    }
    load_ca_files(
        &ctx.store.ca_cert_path(),
        &ctx.store.ca_key_path(),
        true,
        password_file,
    )
    .map_err(|e| {
        // A missing or wrong password is not damage; anything else unreadable in the store is.
        let password_problem = e.downcast_ref::<crate::pki::password::PasswordError>().is_some()
            || matches!(e.downcast_ref::<keys::KeyError>(), Some(keys::KeyError::WrongPassword { .. }));
        if password_problem {
            return e;
        }
        anyhow::anyhow!(
            "the store CA in {} is damaged: {e:#}; restore ca.crt and ca.key from a backup, or move the store aside and create a new CA (mtlsctl will not overwrite it)",
            ctx.store.root().display()
        )
    })
}

/// The store CA certificate (DER), which must exist and parse; anything else is reported as
/// a damaged store with what to do.
pub fn store_ca_der(ctx: &Ctx) -> anyhow::Result<Vec<u8>> {
    if !ctx.store.has_ca()? {
        anyhow::bail!(crate::pki::store::StoreError::NoCa(
            ctx.store.root().to_path_buf()
        ));
    }
    let path = ctx.store.ca_cert_path();
    let read = || -> anyhow::Result<Vec<u8>> {
        let der = load::load(&path)?.first_certificate()?.to_vec();
        crate::pki::cert::parse(&der).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        // The key must at least be a PEM private key (it is decrypted only when it signs).
        let key = load::load(&ctx.store.ca_key_path())?;
        let plain = key.first_of(load::Kind::PrivateKey, "a private key");
        if plain.is_err() {
            key.first_of(load::Kind::EncryptedPrivateKey, "a private key")?;
        } else if let Ok(text) = std::str::from_utf8(&load::read_bytes(&ctx.store.ca_key_path())?) {
            keys::key_from_pem(&key.name, text)?;
        }
        Ok(der)
    };
    read().map_err(|e| {
        anyhow::anyhow!(
            "the store CA in {} is damaged: {e:#}; restore ca.crt and ca.key from a backup, or move the store aside and create a new CA (mtlsctl will not overwrite it)",
            ctx.store.root().display()
        )
    })
}

/// Loads the store CA (never creating one).
pub fn load_store_ca(ctx: &mut Ctx, password_file: Option<&Path>) -> anyhow::Result<SignerFiles> {
    load_signer(&IssuerArgs::default(), ctx, false, password_file)
}

fn load_ca_files(
    cert: &Path,
    key: &Path,
    from_store: bool,
    password_file: Option<&Path>,
) -> anyhow::Result<SignerFiles> {
    let cert_der = load::load(cert)?.first_certificate()?.to_vec();
    let (key, key_password) =
        load_private_key_and_password(key, password_file, Some("--password-file"))?;
    Ok(SignerFiles {
        cert_der,
        key,
        from_store,
        key_password,
        new_ca: None,
    })
}

/// Reads a private key file (PKCS#8, SEC1 or PKCS#1 PEM); an encrypted PKCS#8 key is
/// decrypted with a key password (file, `MTLSCTL_CA_PASSWORD`, or a prompt on a terminal).
pub fn load_private_key(
    path: &Path,
    password_file: Option<&Path>,
    file_flag: Option<&'static str>,
) -> anyhow::Result<Key> {
    Ok(load_private_key_and_password(path, password_file, file_flag)?.0)
}

/// [`load_private_key`], also returning the password when the key was encrypted.
pub fn load_private_key_and_password(
    path: &Path,
    password_file: Option<&Path>,
    file_flag: Option<&'static str>,
) -> anyhow::Result<(Key, Option<Password>)> {
    let name = path.display().to_string();
    // The PEM of a private key: wiped from memory when dropped.
    let key_bytes = Zeroizing::new(load::read_bytes(path)?);
    let key_text = std::str::from_utf8(&key_bytes)
        .map_err(|_| anyhow::anyhow!("{name}: not a PEM private key"))?;
    if !crate::pki::keyenc::is_encrypted_pem(key_text) {
        return Ok((keys::key_from_pem(&name, key_text)?, None));
    }
    let password = PasswordRequest {
        purpose: Purpose::Key,
        file: password_file,
        allow_empty: false,
        confirm: false,
        file_flag,
        context: format!("the encrypted key {name}"),
    }
    .read()?;
    let key = keys::key_from_encrypted_pem(&name, key_text, &password)?;
    Ok((key, Some(password)))
}

/// A new key's file contents: plain PKCS#8 PEM, or encrypted with `password`.
pub fn key_file_pem(key: &Key, password: Option<&str>) -> anyhow::Result<String> {
    Ok(match password {
        Some(pw) => keys::encrypted_key_pem(key, pw)?,
        None => keys::key_pem(key)?,
    })
}

/// Asks for a new key-encryption password (confirmed when prompted): `--password-file`,
/// else `MTLSCTL_NEW_KEY_PASSWORD`, else `MTLSCTL_CA_PASSWORD`, else a prompt.
pub fn new_key_password(password_file: Option<&Path>) -> anyhow::Result<Password> {
    Ok(PasswordRequest {
        purpose: Purpose::NewKey,
        file: password_file,
        allow_empty: false,
        confirm: true,
        file_flag: Some("--password-file"),
        context: "the new key".into(),
    }
    .read()?)
}

/// Issues a certificate, with context on errors.
pub fn issue_with(
    spec: &CertSpec,
    subject_key: &impl rcgen::PublicKeyData,
    signer: Signer<'_>,
    ctx: &Ctx,
) -> anyhow::Result<Issued> {
    issue::issue(spec, subject_key, signer, ctx.now).context("cannot issue the certificate")
}

/// SHA-256 fingerprint, lower-case hex. With aws-lc, which signed the certificate: see
/// [`crate::pki::cert::key_id_method1`] for why not a second implementation.
pub fn fingerprint_sha256(der: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der))
}

/// Publishes `files`. When the store CA signed, `issued` lists the certificates among them,
/// which are recorded in the store index (as pending) before they are published (see
/// [`crate::pki::store::Store::publish_recorded`]), so a crash in between never leaves a
/// certificate the store cannot revoke. With `issued` empty, the files are only published.
pub fn publish(
    ctx: &Ctx,
    files: FileSet,
    issued: &[(&Issued, &str, Profile, &Path)],
) -> anyhow::Result<()> {
    if issued.is_empty() {
        files.commit()?;
        return Ok(());
    }
    let entries = index_entries(ctx, issued)?;
    ctx.store.publish_recorded(files, entries)?;
    Ok(())
}

/// Index entries (status `valid`) for certificates the store CA issued.
pub fn index_entries(
    ctx: &Ctx,
    issued: &[(&Issued, &str, Profile, &Path)],
) -> anyhow::Result<Vec<IndexEntry>> {
    let rfc3339 = time::format_description::well_known::Rfc3339;
    let issued_at = ctx.now.format(&rfc3339)?;
    let mut entries = Vec::with_capacity(issued.len());
    for (cert, cn, profile, path) in issued {
        entries.push(IndexEntry {
            serial: cert.serial.clone(),
            cn: cn.to_string(),
            profile: profile.as_str().to_string(),
            ski: cert.ski.clone(),
            issuer_ski: cert.issuer_ski.clone(),
            not_after: cert.not_after.format(&rfc3339)?,
            fingerprint_sha256: fingerprint_sha256(&cert.der),
            path: absolute(path).display().to_string(),
            status: crate::pki::store::status::VALID.into(),
            issued_at: issued_at.clone(),
            revoked_at: None,
            reason: None,
        });
    }
    Ok(entries)
}

/// An absolute version of `p` (for the index), without resolving links.
pub fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The key path next to a certificate path: `x.crt` -> `x.key`.
pub fn key_path_for(cert: &Path) -> PathBuf {
    cert.with_extension("key")
}

/// A file-name stem from a CN: `Device 42/eu` -> `device-42-eu`.
pub fn slug(cn: &str) -> String {
    let mut s = String::new();
    for c in cn.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '@' {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches(['-', '.']).replace("..", ".");
    if s.is_empty() { "cert".into() } else { s }
}

/// `user@host`, for default names (read once per run).
pub fn user_at_host() -> String {
    static USER_AT_HOST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER_AT_HOST
        .get_or_init(|| {
            let user = std::env::var("USER")
                .or_else(|_| std::env::var("LOGNAME"))
                .unwrap_or_else(|_| "user".into());
            let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                .map(|h| h.trim().to_string())
                .ok()
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| "localhost".into());
            format!("{user}@{host}")
        })
        .clone()
}

/// The subject from `--subject` and `--cn`, with a default CN.
pub fn subject_from(subject: Option<&Subject>, cn: Option<&str>, default_cn: &str) -> Subject {
    let base = subject.cloned().unwrap_or_default();
    match cn {
        Some(cn) => base.with_cn(cn),
        None if base.cn().is_some() => base,
        None => base.with_cn(default_cn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Device 42/eu"), "device-42-eu");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("///"), "cert");
        assert_eq!(slug("ops@acme.com"), "ops@acme.com");
    }
}
