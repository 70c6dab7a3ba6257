//! `mtlsctl cert revoke SERIAL|FILE`: marks a certificate the store CA issued as revoked in
//! the store index, under its lock. `crl create` then publishes it; `cert verify` and
//! `rule test` read it through [`crate::pki::store::Store::revoked`].
//!
//! An argument that names an existing file is read as a certificate (its serial is taken, and
//! its AKI must be the store CA's SKI and the store CA's key must verify its signature);
//! anything else is a serial ([`crate::pki::serial`]).
//! Revoking an already revoked certificate changes nothing (its first revocation time and
//! reason are kept), says so on stderr, and exits 0, so scripts can re-run it safely.

use std::path::Path;

use serde::Serialize;

use super::Ctx;
use crate::cli::RevokeArgs;
use crate::commands::Answer;
use crate::pki::crl_issue::Reason;
use crate::pki::store::{IndexEntry, RevokeOutcome};
use crate::pki::{cert, load, serial};

/// What `cert revoke` reports.
#[derive(Debug, Serialize)]
pub struct RevokeReport {
    /// Serial, upper-case hex.
    pub serial: String,
    /// Common name.
    pub cn: String,
    /// Issuer SKI.
    pub issuer_ski: String,
    /// When it was revoked, RFC 3339.
    pub revoked_at: Option<String>,
    /// The reason (`unspecified` when none was given).
    pub reason: String,
    /// False when it was already revoked before this run.
    pub newly_revoked: bool,
}

/// Runs `cert revoke`.
pub fn run(args: RevokeArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    if args.reason == Some(Reason::RemoveFromCrl) {
        anyhow::bail!(
            "removeFromCRL is only meaningful in delta CRLs, which mtlsctl does not issue; a revocation cannot be undone"
        );
    }
    let ca_der = super::store_ca_der(ctx)?;
    let ca = cert::parse(&ca_der)
        .map_err(|e| anyhow::anyhow!("{}: {}", ctx.store.ca_cert_path().display(), e.0))?;
    let ca_ski = match cert::ski(&ca) {
        Some(s) => cert::hex_upper(s),
        None => cert::hex_upper(&cert::key_id_method1(ca.public_key().raw).unwrap_or_default()),
    };

    let path = Path::new(&args.target);
    let (candidates, shown) = if path.exists() {
        let input = load::load(path)?;
        let der = input.first_certificate()?;
        let c = cert::parse(der).map_err(|e| anyhow::anyhow!("{}: {}", input.name, e.0))?;
        let aki = cert::aki_key_id(&c).map(cert::hex_upper);
        if aki.as_deref() != Some(ca_ski.as_str()) {
            anyhow::bail!(
                "{}: not issued by the store CA (its issuer key id is {}, the store CA's SKI is {ca_ski})",
                input.name,
                aki.as_deref().unwrap_or("absent")
            );
        }
        // The AKI and serial are just bytes in the file: only the CA's signature says the
        // store issued it, so a crafted file cannot revoke another certificate's serial.
        if !cert::is_signed_by(&c, &ca) {
            anyhow::bail!(
                "{}: its signature does not verify with the store CA's key, so the store did not issue it (revoke by serial if you mean a certificate the store issued)",
                input.name
            );
        }
        let raw = c.raw_serial();
        (
            vec![serial::magnitude(raw).to_vec()],
            cert::hex_upper(serial::magnitude(raw)),
        )
    } else {
        let candidates = serial::parse(&args.target).map_err(|e| {
            if args.target.contains(['/', '.']) {
                anyhow::anyhow!(
                    "{}: no such file, and not a serial number either",
                    args.target
                )
            } else {
                anyhow::Error::new(e)
            }
        })?;
        (candidates, args.target.trim().to_string())
    };

    let outcome = ctx
        .store
        .revoke(&ca_ski, &candidates, &shown, args.reason, ctx.now)?;
    let (entry, newly) = match outcome {
        RevokeOutcome::Revoked(e) => (e, true),
        RevokeOutcome::AlreadyRevoked(e) => (e, false),
    };
    let report = report_of(&entry, newly);
    if newly {
        ctx.out.status(format!(
            "revoked {} (CN={}), reason {}; publish it with `mtlsctl crl create`",
            report.serial,
            crate::pki::sanitize::sanitize(&report.cn),
            report.reason
        ));
    } else {
        ctx.out.status(format!(
            "{} (CN={}) was already revoked at {} (reason {}); nothing changed",
            report.serial,
            crate::pki::sanitize::sanitize(&report.cn),
            report.revoked_at.as_deref().unwrap_or("?"),
            report.reason
        ));
    }
    if ctx.out.json {
        ctx.out.json(&report)?;
    } else {
        ctx.out.line(format!(
            "{} {} {}",
            report.serial,
            if newly { "revoked" } else { "already-revoked" },
            report.reason
        ))?;
    }
    Ok(Answer::Yes)
}

fn report_of(e: &IndexEntry, newly: bool) -> RevokeReport {
    RevokeReport {
        serial: e.serial.clone(),
        cn: e.cn.clone(),
        issuer_ski: e.issuer_ski.clone(),
        revoked_at: e.revoked_at.clone(),
        reason: e.reason.clone().unwrap_or_else(|| "unspecified".into()),
        newly_revoked: newly,
    }
}
