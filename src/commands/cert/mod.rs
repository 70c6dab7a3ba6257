//! `mtlsctl cert ...`: the certificate commands, and what they share (finding the signer,
//! writing a certificate with its key, recording it in the store index).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rcgen::KeyPair;
use sha2::{Digest, Sha256};

use super::{Answer, Ctx};
use crate::cli::{CertCommand, IssuerArgs};
use crate::pki::issue::{self, CertSpec, Issued, Profile, Signer};
use crate::pki::keys::{self, KeyType};
use crate::pki::load;
use crate::pki::spec::Subject;
use crate::pki::store::IndexEntry;

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
    pub key: KeyPair,
    /// True when this is the store CA (issued certificates are then indexed).
    pub from_store: bool,
}

impl SignerFiles {
    /// The rcgen-facing signer.
    pub fn signer(&self) -> Signer<'_> {
        Signer::Ca(issue::Issuer {
            cert_der: &self.cert_der,
            key: &self.key,
        })
    }
}

/// Loads `--issuer-cert/--issuer-key`, or the store CA (creating it first when
/// `create_if_missing` and the store has none).
pub fn load_signer(
    issuer: &IssuerArgs,
    ctx: &mut Ctx,
    create_if_missing: bool,
) -> anyhow::Result<SignerFiles> {
    if let (Some(cert), Some(key)) = (&issuer.issuer_cert, &issuer.issuer_key) {
        return load_ca_files(cert, key, false);
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
        let created = create::create_store_ca(ctx, None, KeyType::P256, None, false)?;
        ctx.out.status(format!(
            "created a new CA in {} (CN={}, SKI {})",
            ctx.store.root().display(),
            created.cn,
            created.issued.ski
        ));
    }
    load_ca_files(&ctx.store.ca_cert_path(), &ctx.store.ca_key_path(), true).map_err(|e| {
        anyhow::anyhow!(
            "the store CA in {} is damaged: {e:#}; restore ca.crt and ca.key from a backup, or move the store aside and create a new CA (mtlsctl will not overwrite it)",
            ctx.store.root().display()
        )
    })
}

fn load_ca_files(cert: &Path, key: &Path, from_store: bool) -> anyhow::Result<SignerFiles> {
    let cert_der = load::load(cert)?.first_certificate()?.to_vec();
    let key_bytes = load::read_bytes(key)?;
    let key_text = String::from_utf8(key_bytes)
        .map_err(|_| anyhow::anyhow!("{}: not a PEM private key", key.display()))?;
    let key = keys::key_from_pem(&key.display().to_string(), &key_text)?;
    Ok(SignerFiles {
        cert_der,
        key,
        from_store,
    })
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

/// SHA-256 fingerprint, lower-case hex.
pub fn fingerprint_sha256(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

/// Records issued certificates in the store index, under one lock.
pub fn record(ctx: &Ctx, issued: &[(&Issued, &str, Profile, &Path)]) -> anyhow::Result<()> {
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
            status: "valid".into(),
            issued_at: issued_at.clone(),
            revoked_at: None,
            reason: None,
        });
    }
    ctx.store.update_index(|index| {
        index.certificates.extend(entries);
        Ok(())
    })?;
    Ok(())
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

/// `user@host`, for default names.
pub fn user_at_host() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "user".into());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{user}@{host}")
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
