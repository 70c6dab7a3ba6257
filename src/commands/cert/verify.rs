//! `mtlsctl cert verify FILE`: the edge's client-certificate validation on its own.
//!
//! Two views, printed apart: what the edge computes (`cert_verified`, and `cert_revoked`,
//! which for an uploaded CA is always false), and the local view, where a certificate revoked
//! by the store or a `--crl` is **not valid** (exit 1), as an origin checking the CRL would
//! say. The choice: `cert verify` answers "should this certificate still be trusted?", so a
//! local revocation makes it not valid; the `edge` lines (and `revoked` / `revoked_locally` /
//! `edge` in `--json`) say plainly that the edge would still let it through its
//! `cert_revoked` check, with the warning naming the fix.

use serde::Serialize;

use super::Ctx;
use crate::cli::{TrustArgs, VerifyArgs};
use crate::commands::Answer;
use crate::edge::client::{ClientView, Presented, Trust};
use crate::pki::load;
use crate::pki::sanitize::sanitize;

#[derive(Debug, Serialize)]
struct VerifyReport<'a> {
    file: String,
    valid: bool,
    verified: bool,
    /// The edge's `cert_revoked` (false for an uploaded CA, whatever the store says).
    revoked: bool,
    /// Revoked by the store's records or a `--crl`.
    revoked_locally: bool,
    /// The `cf.tls_client_auth.*` values the edge computes.
    edge: EdgeReport,
    reason: Option<String>,
    detail: Option<&'a str>,
    revoked_by: Option<&'a str>,
    subject: &'a str,
    issuer: &'a str,
    serial: &'a str,
    path: &'a [String],
    warnings: &'a [String],
}

#[derive(Debug, Serialize)]
struct EdgeReport {
    /// `uploaded_ca` (revocation never checked at the edge) or `managed_ca`.
    ca: &'static str,
    #[serde(rename = "cf.tls_client_auth.cert_verified")]
    cert_verified: bool,
    #[serde(rename = "cf.tls_client_auth.cert_revoked")]
    cert_revoked: bool,
}

/// Parses `--at` (RFC 3339), default `now`.
pub fn at_time(
    at: Option<&str>,
    now: time::OffsetDateTime,
) -> anyhow::Result<time::OffsetDateTime> {
    match at {
        None => Ok(now),
        Some(s) => time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .map_err(|_| {
                anyhow::anyhow!("--at {s:?}: not an RFC 3339 time (e.g. 2030-01-01T00:00:00Z)")
            }),
    }
}

/// Loads the trust inputs named by `args` (anchors default to the store CA).
pub fn load_trust(args: &TrustArgs, ctx: &Ctx) -> anyhow::Result<Trust> {
    let mut trust = Trust::load(&args.cas, &args.crls, &ctx.store)?;
    trust.managed_ca = args.managed_ca;
    Ok(trust)
}

/// Runs `cert verify`.
pub fn run(args: VerifyArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let at = at_time(args.trust.at.as_deref(), ctx.now)?;
    let presented = Presented::load(&args.file, args.trust.chain.as_deref())?;
    let trust = load_trust(&args.trust, ctx)?;
    let name = load::name_of(&args.file);
    let view = ClientView::of(&presented, &trust, at, &name)?;
    let valid = view.verified && !view.revoked && !view.revoked_locally;
    let reason = if !view.verified {
        view.failure.clone()
    } else if view.revoked || view.revoked_locally {
        Some("FAILED:certificate revoked".to_string())
    } else {
        None
    };
    let ca = if trust.managed_ca {
        "managed_ca"
    } else {
        "uploaded_ca"
    };
    let report = VerifyReport {
        file: name.clone(),
        valid,
        verified: view.verified,
        revoked: view.revoked,
        revoked_locally: view.revoked_locally,
        edge: EdgeReport {
            ca,
            cert_verified: view.verified,
            cert_revoked: view.revoked,
        },
        reason,
        detail: view.failure_detail.as_deref(),
        revoked_by: view.revoked_by.as_deref(),
        subject: &view.fields.cert_subject_dn,
        issuer: &view.fields.cert_issuer_dn,
        serial: &view.fields.cert_serial,
        path: &view.path,
        warnings: &view.warnings,
    };
    if ctx.out.json {
        ctx.out.json(&report)?;
    } else {
        let local_only = report.revoked_locally && !report.revoked;
        match &report.reason {
            None => ctx.out.line(format!("{name}: valid"))?,
            Some(r) if local_only => ctx.out.line(format!(
                "{name}: not valid: {r} (locally; the edge does not know it)"
            ))?,
            Some(r) => ctx.out.line(format!("{name}: not valid: {r}"))?,
        }
        ctx.out
            .line(format!("  subject   {}", sanitize(report.subject)))?;
        ctx.out.line(format!(
            "  edge      cert_verified={} cert_revoked={} ({})",
            report.verified,
            report.revoked,
            if trust.managed_ca {
                "managed CA: revocation checked"
            } else {
                "uploaded CA: revocation never checked at the edge"
            }
        ))?;
        ctx.out.line(format!("  verified  {}", report.verified))?;
        ctx.out.line(format!("  revoked   {}", report.revoked))?;
        ctx.out
            .line(format!("  revoked locally  {}", report.revoked_locally))?;
        for p in report.path {
            ctx.out.line(format!("  chain     {}", sanitize(p)))?;
        }
        if let Some(d) = report.detail {
            ctx.out.line(format!("  detail    {d}"))?;
        }
        if let Some(r) = report.revoked_by {
            ctx.out.line(format!("  revoked by  {}", sanitize(r)))?;
        }
        for w in report.warnings {
            ctx.out.warn(w);
        }
    }
    Ok(if valid { Answer::Yes } else { Answer::No })
}
