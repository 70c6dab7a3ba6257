//! `mtlsctl cert renew FILE`: a new certificate with the same subject, SANs and profile.
//!
//! New serial; new validity (`--days`/`--not-after`, by default as long as the old one's);
//! a new key of the same type, unless `--reuse-key` (then the key file next to FILE, which
//! must match it). When the old key is encrypted PKCS#8 (an intermediate's), the new key is
//! encrypted too, with the key password (`--password-file` or `MTLSCTL_CA_PASSWORD`). Signed by `--issuer-cert/--issuer-key` or the store CA. When the store CA
//! signs and the old certificate is in its index, the old entry becomes `superseded`, or
//! `revoked` with reason superseded under `--revoke-old`; the new entry is added in the same
//! locked update. `--revoke-old` on a certificate the index does not hold is refused before
//! anything is written. A root CA is not renewed here (`cert create --ca`).
//!
//! What is refused (security review M1): a certificate the signing CA did not sign
//! ([`issue::check_issued_by`]); a CA certificate unless `--intermediate` says an intermediate
//! is meant; a profile that disagrees with the store index's record; and `--reuse-key` for a
//! certificate the index records as revoked with reason unspecified, keyCompromise or
//! cACompromise (its key is not certified again; there is no override).

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::Ctx;
use super::create::{CreateReport, report};
use crate::cli::RenewArgs;
use crate::commands::Answer;
use crate::pki::crl_issue::Reason;
use crate::pki::files::{FileSet, PUBLIC_MODE, SECRET_MODE};
use crate::pki::issue::{self, CertSpec, Profile};
use crate::pki::keys;
use crate::pki::load;
use crate::pki::spec::NotAfter;
use crate::pki::store::{IndexEntry, status};

/// Runs `cert renew`.
pub fn run(args: RenewArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let input = load::load(&args.file)?;
    let old_der = input.first_certificate()?.to_vec();
    let mut facts =
        issue::renewal_facts(&old_der).map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
    if facts.profile == Profile::RootCa {
        anyhow::bail!(
            "{}: a root CA is not renewed; create a new one with `mtlsctl cert create --ca`",
            input.name
        );
    }
    if facts.profile.is_ca() && !args.intermediate {
        anyhow::bail!(
            "{}: is a CA certificate; renewing it issues a new intermediate CA, so say so with --intermediate",
            input.name
        );
    }
    if !facts.profile.is_ca() && args.intermediate {
        anyhow::bail!(
            "{}: is a client certificate, not an intermediate CA; drop --intermediate",
            input.name
        );
    }
    let cert_out = args.out.clone().unwrap_or_else(|| args.file.clone());
    let old_key_path = super::key_path_for(&args.file);
    let key_out: Option<PathBuf> = if args.reuse_key {
        None
    } else {
        Some(
            args.key_out
                .clone()
                .unwrap_or_else(|| super::key_path_for(&cert_out)),
        )
    };
    let mut files = FileSet::new(args.force);
    files.add(&cert_out, Vec::new(), PUBLIC_MODE);
    if let Some(k) = &key_out {
        files.add(k, Vec::new(), SECRET_MODE);
    }
    files.preflight()?;

    // The key: the old one (checked against the certificate) or a new one of the same type.
    let key = if args.reuse_key {
        if !old_key_path.exists() {
            anyhow::bail!(
                "{}: --reuse-key needs the certificate's key next to it, and there is none",
                old_key_path.display()
            );
        }
        let key = super::load_private_key(
            &old_key_path,
            args.password_file.as_deref(),
            Some("--password-file"),
        )?;
        let cert = crate::pki::cert::parse(&old_der)
            .map_err(|e| anyhow::anyhow!("{}: {}", input.name, e.0))?;
        if cert.public_key().raw != rcgen::PublicKeyData::subject_public_key_info(&key).as_slice() {
            anyhow::bail!(
                "{}: this key does not belong to {}",
                old_key_path.display(),
                input.name
            );
        }
        key
    } else {
        let Some(key_type) = keys::key_type_of_cert(&old_der) else {
            anyhow::bail!(
                "{}: its key type is not one mtlsctl generates (p256, p384, ed25519, rsa2048/3072/4096); use --reuse-key",
                input.name
            );
        };
        key_type.generate()?
    };

    let signer = super::load_signer(&args.issuer, ctx, false, args.password_file.as_deref())?;
    // Only what this signer issued is renewed: never a certificate from another CA.
    issue::check_issued_by(&old_der, &signer.cert_der)
        .map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
    // A new key for a certificate whose key was encrypted is encrypted too.
    let old_key_encrypted = !args.reuse_key
        && std::fs::read_to_string(&old_key_path)
            .is_ok_and(|t| crate::pki::keyenc::is_encrypted_pem(&t));
    let key_password = if old_key_encrypted {
        Some(super::new_key_password(args.password_file.as_deref())?)
    } else {
        None
    };
    signer.warn_if_password_reused(ctx, key_password.as_ref());
    let old_fp = hex::encode(Sha256::digest(&old_der));
    let old_entry: Option<IndexEntry> = if signer.from_store {
        ctx.store
            .read_index()?
            .certificates
            .into_iter()
            .find(|e| e.fingerprint_sha256 == old_fp)
    } else {
        None
    };
    let old_in_index = old_entry.is_some();
    if let Some(entry) = &old_entry {
        // The store recorded what it issued: that profile wins over the file's extensions.
        let recorded = Profile::from_index(&entry.profile).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: the store index records an unknown profile {:?} for it",
                input.name,
                entry.profile
            )
        })?;
        if recorded != facts.profile {
            anyhow::bail!(
                "{}: the store index records its profile as {}, but the certificate is a {}; not renewed",
                input.name,
                recorded.as_str(),
                facts.profile.as_str()
            );
        }
        facts.profile = recorded;
        if args.reuse_key && entry.status == status::REVOKED {
            let reason = entry
                .reason
                .as_deref()
                .unwrap_or(Reason::Unspecified.name());
            let compromise = [
                Reason::Unspecified,
                Reason::KeyCompromise,
                Reason::CaCompromise,
            ]
            .iter()
            .any(|r| r.name() == reason);
            if compromise {
                anyhow::bail!(
                    "{}: was revoked (reason {reason}); its key may be compromised and is not certified again: renew without --reuse-key to give it a new key",
                    input.name
                );
            }
        }
    }
    if args.revoke_old && !old_in_index {
        anyhow::bail!(
            "{}: --revoke-old needs the certificate in the store index (issued by the store CA), and it is not there",
            input.name
        );
    }
    let not_after = args
        .validity
        .not_after
        .or(args.validity.days.map(NotAfter::days))
        .unwrap_or(NotAfter::In(facts.lifetime - crate::pki::issue::BACKDATE))
        .resolve(ctx.now);
    let spec = CertSpec {
        profile: facts.profile,
        subject: facts.subject.clone(),
        sans: facts.sans.clone(),
        not_after,
    };
    let issued = super::issue_with(&spec, &key, signer.signer(), ctx)?;
    let mut files = FileSet::new(args.force);
    files.add(&cert_out, issued.pem.clone(), PUBLIC_MODE);
    if let Some(k) = &key_out {
        files.add(
            k,
            super::key_file_pem(&key, key_password.as_deref().map(String::as_str))?,
            SECRET_MODE,
        );
    }

    let cn = spec.subject.cn().unwrap_or_default().to_string();
    if signer.from_store {
        let rfc3339 = time::format_description::well_known::Rfc3339;
        let now = ctx.now.format(&rfc3339)?;
        let entry = IndexEntry {
            serial: issued.serial.clone(),
            cn: cn.clone(),
            profile: facts.profile.as_str().to_string(),
            ski: issued.ski.clone(),
            issuer_ski: issued.issuer_ski.clone(),
            not_after: issued.not_after.format(&rfc3339)?,
            fingerprint_sha256: super::fingerprint_sha256(&issued.der),
            path: super::absolute(&cert_out).display().to_string(),
            status: status::VALID.into(),
            issued_at: now.clone(),
            revoked_at: None,
            reason: None,
        };
        let revoke_old = args.revoke_old;
        // Recorded pending before the new certificate is published; the old one is marked
        // in the same locked update that makes the new one valid.
        let marked = ctx
            .store
            .publish_recorded_then(files, vec![entry], |index| {
                let mut marked = 0;
                for e in index.certificates.iter_mut().filter(|e| {
                    e.fingerprint_sha256 == old_fp
                        && (e.status == status::VALID || e.status == status::PENDING)
                }) {
                    if revoke_old {
                        e.status = status::REVOKED.into();
                        e.revoked_at = Some(now.clone());
                        e.reason = Some(Reason::Superseded.name().into());
                    } else {
                        e.status = status::SUPERSEDED.into();
                    }
                    marked += 1;
                }
                Ok(marked)
            })?;
        if marked > 0 {
            ctx.out.status(format!(
                "the old certificate is recorded as {}",
                if revoke_old {
                    "revoked (reason superseded); publish it with `mtlsctl crl create`"
                } else {
                    "superseded"
                }
            ));
        }
    } else {
        files.commit()?;
        ctx.out.status(
            "signed by --issuer-cert, not the store CA: nothing recorded in the store index",
        );
    }
    report(
        ctx,
        CreateReport {
            key_encrypted: key_password.is_some(),
            ..CreateReport::new(
                facts.profile,
                cn,
                &issued,
                cert_out,
                Some(key_out.unwrap_or(old_key_path)),
            )?
        },
    )
}
