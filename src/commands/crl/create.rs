//! `mtlsctl crl create`: a CRL of the store's revocations, signed by the store CA.
//!
//! The CRL number comes from the store index ([`crate::pki::store::Store::next_crl`]): it is
//! taken, with the list of revocations, under the index lock, so every run gets a larger
//! number than the one before and concurrent runs never share one. A run that fails after
//! taking a number leaves a gap, which RFC 5280 allows (numbers must increase, not be
//! contiguous). The CA key is loaded (and decrypted) before a number is taken.

use std::path::PathBuf;

use base64::Engine as _;
use serde::Serialize;

use crate::cli::CrlCreateArgs;
use crate::commands::cert::load_store_ca;
use crate::commands::{Answer, Ctx};
use crate::pki::cert;
use crate::pki::crl_issue::{self, CrlSpec, RevokedEntry};
use crate::pki::files::{self, FileSet, PUBLIC_MODE};

/// What `crl create` reports.
#[derive(Debug, Serialize)]
pub struct CrlReport {
    /// The cRLNumber.
    pub crl_number: u64,
    /// thisUpdate, RFC 3339.
    pub this_update: String,
    /// nextUpdate, RFC 3339.
    pub next_update: String,
    /// How many certificates it lists.
    pub revoked: usize,
    /// The issuing CA's SKI (the CRL's AKI).
    pub issuer_ski: String,
    /// Where it was written (none: stdout).
    pub file: Option<PathBuf>,
    /// `pem` or `der`.
    pub format: &'static str,
    /// With --json and no --out: the CRL itself (PEM text, or base64 of the DER).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl: Option<String>,
}

/// Runs `crl create`.
pub fn run(args: CrlCreateArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    if let Some(out) = &args.out {
        let mut check = FileSet::new(args.force);
        check.add(out, Vec::new(), PUBLIC_MODE);
        check.preflight()?;
    }
    let signer = load_store_ca(ctx, args.password_file.as_deref())?;
    let ca = cert::parse(&signer.cert_der)
        .map_err(|e| anyhow::anyhow!("{}: {}", ctx.store.ca_cert_path().display(), e.0))?;
    let ca_ski = match cert::ski(&ca) {
        Some(s) => s.to_vec(),
        None => cert::key_id_method1(ca.public_key().raw).unwrap_or_default(),
    };
    let ca_ski = cert::hex_upper(&ca_ski);
    let this_update = ctx.now;
    let next_update = this_update + time::Duration::days(i64::from(args.days));

    let (crl_number, records) = ctx.store.next_crl(&ca_ski)?;
    let spec = CrlSpec {
        crl_number,
        this_update,
        next_update,
        entries: records
            .iter()
            .map(|r| RevokedEntry {
                serial: r.serial.clone(),
                revoked_at: r.revoked_at,
                reason: r.reason,
            })
            .collect(),
    };
    let der = crl_issue::make_crl(&signer.cert_der, &signer.key, &spec)?;
    let bytes = if args.der {
        der.clone()
    } else {
        crl_issue::crl_pem(&der).into_bytes()
    };
    let rfc3339 = time::format_description::well_known::Rfc3339;
    let mut report = CrlReport {
        crl_number,
        this_update: this_update.format(&rfc3339)?,
        next_update: next_update.format(&rfc3339)?,
        revoked: spec.entries.len(),
        issuer_ski: ca_ski,
        file: args.out.clone(),
        format: if args.der { "der" } else { "pem" },
        crl: None,
    };
    match &args.out {
        Some(out) => {
            files::write_file(out, &bytes, PUBLIC_MODE, args.force)?;
            ctx.out.status(format!(
                "wrote CRL number {crl_number} ({} revoked, next update {}) to {}",
                report.revoked,
                report.next_update,
                out.display()
            ));
            if ctx.out.json {
                ctx.out.json(&report)?;
            } else {
                ctx.out.line(format!("crl          {}", out.display()))?;
            }
        }
        None if ctx.out.json => {
            report.crl = Some(if args.der {
                base64::engine::general_purpose::STANDARD.encode(&der)
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            });
            ctx.out.json(&report)?;
        }
        None => {
            ctx.out.status(format!(
                "CRL number {crl_number} ({} revoked, next update {})",
                report.revoked, report.next_update
            ));
            ctx.out.write_raw(&bytes)?;
        }
    }
    Ok(Answer::Yes)
}
