//! `mtlsctl cf apply` (and `cf rules push`): the plan, a confirmation (a terminal prompt or
//! `--yes`), then the writes of [`crate::cloudflare::apply`], and what was done.

use std::io::{BufRead, IsTerminal, Write};

use crate::cli::CfApplyArgs;
use crate::cloudflare::apply;
use crate::commands::{Answer, Ctx};

/// Runs `cf apply`.
pub fn run(args: CfApplyArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    run_with(args, ctx, false)
}

/// Runs `cf apply`, or with `rules_only` `cf rules push`.
pub fn run_with(args: CfApplyArgs, ctx: &mut Ctx, rules_only: bool) -> anyhow::Result<Answer> {
    let terminal = std::io::stdin().is_terminal();
    if !args.yes && !terminal {
        anyhow::bail!(
            "stdin is not a terminal, so mtlsctl cannot ask before changing the zone: pass --yes to apply without asking"
        );
    }
    let p = super::prepare(ctx, &args.rules, args.zone.zone.as_deref(), rules_only)?;
    let lines = super::plan_lines(&p.plan);
    if !ctx.out.json {
        for l in &lines {
            ctx.out.line(l)?;
        }
        ctx.out.flush()?;
    }
    if !p.plan.blockers.is_empty() {
        anyhow::bail!(
            "the zone would refuse this plan, nothing was sent: {}",
            p.plan.blockers.join("; ")
        );
    }
    if !p.plan.changed() {
        if ctx.out.json {
            ctx.out
                .json(&serde_json::json!({"changes": false, "done": []}))?;
        }
        return Ok(Answer::Yes);
    }
    if !args.yes {
        eprint!(
            "Apply these changes to zone {}? Type yes to go on: ",
            crate::pki::sanitize::sanitize(&p.plan.zone.name)
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if answer.trim() != "yes" {
            anyhow::bail!("not applied (the answer was not yes)");
        }
    }
    let done = apply::apply(&p.client, &p.plan, &p.desired).map_err(|e| match e {
        apply::ApplyError::Api(a) => super::permission_hint(
            a,
            "Zone: SSL and Certificates Edit, Zone: WAF Edit, Account: SSL and Certificates Edit",
        ),
        other => other.into(),
    })?;
    if ctx.out.json {
        ctx.out
            .json(&serde_json::json!({"changes": true, "done": done.done,
            "uploaded_ca": done.uploaded_ca, "hostnames": done.hostnames,
            "ruleset_version": done.ruleset_version}))?;
    } else {
        for d in &done.done {
            ctx.out.line(format!("done: {d}"))?;
        }
    }
    Ok(Answer::Yes)
}
