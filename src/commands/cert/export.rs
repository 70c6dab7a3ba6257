//! `mtlsctl cert export FILE --p12`: a PKCS#12 file with the certificate, its key and the
//! chain, for phones and devices.
//!
//! The key defaults to the `.key` file next to the certificate; an encrypted key is opened
//! with a key password (`MTLSCTL_CA_PASSWORD` or a prompt; `--password-file` is the PKCS#12
//! password here). The chain is `--chain` when given, else the store CA when it issued the
//! certificate, else any certificates after the leaf in FILE. The PKCS#12 password comes from
//! `--password-file`, `MTLSCTL_P12_PASSWORD` or a confirmed prompt on a terminal, and must not
//! be empty unless `--empty-password`. The output is written 0600 through `pki::files`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Ctx;
use crate::cli::ExportArgs;
use crate::commands::Answer;
use crate::pki::files::{self, SECRET_MODE};
use crate::pki::p12::{self, P12Profile};
use crate::pki::password::{PasswordRequest, Purpose};
use crate::pki::{cert, load};

/// What `cert export` reports.
#[derive(Debug, Serialize)]
pub struct ExportReport {
    /// The PKCS#12 file written.
    pub file: PathBuf,
    /// `modern` or `legacy`.
    pub profile: String,
    /// Its algorithms, in words.
    pub algorithms: &'static str,
    /// Certificates in the file (leaf first).
    pub certificates: usize,
    /// The friendly name on the key.
    pub name: String,
}

/// The chain for a certificate issued by the store CA: the CA, or nothing.
pub fn store_chain_for(ctx: &Ctx, leaf_der: &[u8]) -> Vec<Vec<u8>> {
    let Ok(true) = ctx.store.has_ca() else {
        return Vec::new();
    };
    let Ok(input) = load::load(&ctx.store.ca_cert_path()) else {
        return Vec::new();
    };
    let Ok(ca_der) = input.first_certificate() else {
        return Vec::new();
    };
    let (Ok(ca), Ok(leaf)) = (cert::parse(ca_der), cert::parse(leaf_der)) else {
        return Vec::new();
    };
    if cert::is_signed_by(&leaf, &ca) {
        vec![ca_der.to_vec()]
    } else {
        Vec::new()
    }
}

/// Builds the PKCS#12 bytes (shared with `cert create --p12`).
pub fn build_p12(
    cert_der: &[u8],
    key: &crate::pki::keys::Key,
    chain: &[Vec<u8>],
    password: &str,
    profile: P12Profile,
    name: &str,
) -> anyhow::Result<Vec<u8>> {
    let key_der = zeroize::Zeroizing::new(key.serialize_der());
    Ok(if password.is_empty() {
        p12::export_allowing_empty_password(cert_der, &key_der, chain, profile, name)?
    } else {
        p12::export(cert_der, &key_der, chain, password, profile, name)?
    })
}

/// Runs `cert export`.
pub fn run(args: ExportArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    if !args.p12 {
        anyhow::bail!("say which format to export: --p12 (the only one for now)");
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.file.with_extension("p12"));
    let mut check = files::FileSet::new(args.force);
    check.add(&out, Vec::new(), SECRET_MODE);
    check.preflight()?;

    let input = load::load(&args.file)?;
    let leaf = input.first_certificate()?.to_vec();
    let parsed = cert::parse(&leaf).map_err(|e| anyhow::anyhow!("{}: {}", input.name, e.0))?;
    let name = parsed
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| stem(&args.file));
    let key_path = args
        .key
        .clone()
        .unwrap_or_else(|| super::key_path_for(&args.file));
    if !key_path.exists() {
        anyhow::bail!(
            "{}: no key file for {}; name it with --key",
            key_path.display(),
            input.name
        );
    }
    let key = super::load_private_key(&key_path, None, None)?;

    let chain: Vec<Vec<u8>> = match &args.chain {
        Some(path) => {
            let c = load::load(path)?;
            let certs: Vec<Vec<u8>> = c.certificates().into_iter().map(<[u8]>::to_vec).collect();
            if certs.is_empty() {
                anyhow::bail!("{}: no certificate found ({})", c.name, c.describe());
            }
            certs
        }
        None => {
            let from_store = store_chain_for(ctx, &leaf);
            if from_store.is_empty() {
                input
                    .certificates()
                    .into_iter()
                    .skip(1)
                    .map(<[u8]>::to_vec)
                    .collect()
            } else {
                from_store
            }
        }
    };
    if chain.is_empty() {
        ctx.out.warn(format!(
            "{}: no chain found (not issued by the store CA); the PKCS#12 holds only the certificate and key (add --chain FILE)",
            input.name
        ));
    }
    if let Some(w) = args.profile.warning() {
        ctx.out.warn(w);
    }
    let password = PasswordRequest {
        purpose: Purpose::P12,
        file: args.password.password_file.as_deref(),
        allow_empty: args.password.empty_password,
        confirm: true,
        file_flag: Some("--password-file"),
        context: out.display().to_string(),
    }
    .read()?;
    let bytes = build_p12(&leaf, &key, &chain, &password, args.profile, &name)?;
    files::write_file(&out, &bytes, SECRET_MODE, args.force)?;
    let report = ExportReport {
        file: out.clone(),
        profile: args.profile.to_string(),
        algorithms: args.profile.describe(),
        certificates: 1 + chain.len(),
        name,
    };
    if ctx.out.json {
        ctx.out.json(&report)?;
    } else {
        ctx.out.line(format!("p12          {}", out.display()))?;
        ctx.out.status(format!(
            "PKCS#12 ({} profile: {}), {} certificate(s)",
            report.profile, report.algorithms, report.certificates
        ));
    }
    Ok(Answer::Yes)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "certificate".into())
}
