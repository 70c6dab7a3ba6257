//! `mtlsctl cert list`: what the store CA issued, from the store index.

use super::Ctx;
use crate::cli::ListArgs;
use crate::commands::Answer;
use crate::pki::sanitize::sanitize;

/// Runs `cert list`.
pub fn run(_args: ListArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let index = ctx.store.read_index()?;
    if ctx.out.json {
        ctx.out.json(&index.certificates)?;
        return Ok(Answer::Yes);
    }
    if index.certificates.is_empty() {
        ctx.out.status(format!(
            "the store {} has issued nothing yet",
            ctx.store.root().display()
        ));
        return Ok(Answer::Yes);
    }
    ctx.out.line(format!(
        "{:<34} {:<9} {:<15} {:<25} {}",
        "SERIAL", "STATUS", "PROFILE", "NOT AFTER", "CN"
    ))?;
    for e in &index.certificates {
        ctx.out.line(format!(
            "{:<34} {:<9} {:<15} {:<25} {}",
            e.serial,
            e.status,
            e.profile,
            e.not_after,
            sanitize(&e.cn)
        ))?;
    }
    Ok(Answer::Yes)
}
