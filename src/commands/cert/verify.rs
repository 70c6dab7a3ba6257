//! `mtlsctl cert verify FILE`: the edge's client-certificate validation on its own.

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
    revoked: bool,
    reason: Option<String>,
    detail: Option<&'a str>,
    revoked_by: Option<&'a str>,
    subject: &'a str,
    issuer: &'a str,
    serial: &'a str,
    path: &'a [String],
    warnings: &'a [String],
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
    Ok(Trust::load(&args.cas, &args.crls, &ctx.store)?)
}

/// Runs `cert verify`.
pub fn run(args: VerifyArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let at = at_time(args.trust.at.as_deref(), ctx.now)?;
    let presented = Presented::load(&args.file, args.trust.chain.as_deref())?;
    let trust = load_trust(&args.trust, ctx)?;
    let name = load::name_of(&args.file);
    let view = ClientView::of(&presented, &trust, at, &name)?;
    let valid = view.verified && !view.revoked;
    let reason = if !view.verified {
        view.failure.clone()
    } else if view.revoked {
        Some("FAILED:certificate revoked".to_string())
    } else {
        None
    };
    let report = VerifyReport {
        file: name.clone(),
        valid,
        verified: view.verified,
        revoked: view.revoked,
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
        match &report.reason {
            None => ctx.out.line(format!("{name}: valid"))?,
            Some(r) => ctx.out.line(format!("{name}: not valid: {r}"))?,
        }
        ctx.out
            .line(format!("  subject   {}", sanitize(report.subject)))?;
        ctx.out.line(format!("  verified  {}", report.verified))?;
        ctx.out.line(format!("  revoked   {}", report.revoked))?;
        for p in report.path {
            ctx.out.line(format!("  chain     {}", sanitize(p)))?;
        }
        if let Some(d) = report.detail {
            ctx.out.line(format!("  detail    {d}"))?;
        }
        if let Some(r) = report.revoked_by {
            ctx.out.line(format!("  revoked   {}", sanitize(r)))?;
        }
        for w in report.warnings {
            ctx.out.warn(w);
        }
    }
    Ok(if valid { Answer::Yes } else { Answer::No })
}
