//! `mtlsctl cert list`: what the store CA issued, from the store index, with a computed
//! status and filters.
//!
//! Status: `revoked` or `superseded` as recorded in the index, `pending` for a certificate
//! recorded by a run that died before its file was written (see `pki::store`: it is recorded
//! before it is published, and revocable like any other), else `expired` once notAfter has
//! passed, else `valid`. `--expiring D` keeps certificates not yet expired whose notAfter
//! is within D from now (whatever their status; combine with `--status valid` for the ones to
//! renew). `--json` prints the same entries, with `status` as computed.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Ctx;
use crate::cli::ListArgs;
use crate::commands::Answer;
use crate::pki::sanitize::sanitize;
use crate::pki::store::{IndexEntry, status};

/// The status of an entry at `now` (a `pending` entry's certificate file is read).
pub fn computed_status(e: &IndexEntry, now: OffsetDateTime) -> &'static str {
    match e.status.as_str() {
        status::REVOKED => status::REVOKED,
        status::SUPERSEDED => status::SUPERSEDED,
        status::PENDING if !e.is_published() => status::PENDING,
        _ => match not_after(e) {
            Some(t) if t <= now => "expired",
            _ => status::VALID,
        },
    }
}

fn not_after(e: &IndexEntry) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(&e.not_after, &Rfc3339).ok()
}

/// Runs `cert list`.
pub fn run(args: ListArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let index = ctx.store.read_index()?;
    let now = ctx.now;
    let total = index.certificates.len();
    let entries: Vec<IndexEntry> = index
        .certificates
        .into_iter()
        .map(|mut e| {
            e.status = computed_status(&e, now).to_string();
            e
        })
        .filter(|e| args.status.as_deref().is_none_or(|s| e.status == s))
        .filter(|e| match args.expiring {
            None => true,
            Some(d) => not_after(e).is_some_and(|t| t > now && t <= now + d),
        })
        .collect();
    if ctx.out.json {
        ctx.out.json(&entries)?;
        return Ok(Answer::Yes);
    }
    if total == 0 {
        ctx.out.status(format!(
            "the store {} has issued nothing yet",
            ctx.store.root().display()
        ));
        return Ok(Answer::Yes);
    }
    if entries.is_empty() {
        ctx.out.status(format!(
            "none of the {total} certificates in the store match"
        ));
        return Ok(Answer::Yes);
    }
    ctx.out.line(format!(
        "{:<34} {:<10} {:<15} {:<25} {}",
        "SERIAL", "STATUS", "PROFILE", "NOT AFTER", "CN"
    ))?;
    for e in &entries {
        ctx.out.line(format!(
            "{:<34} {:<10} {:<15} {:<25} {}",
            e.serial,
            e.status,
            e.profile,
            e.not_after,
            sanitize(&e.cn)
        ))?;
    }
    Ok(Answer::Yes)
}
