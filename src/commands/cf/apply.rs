//! `mtlsctl cf apply` (and `cf rules push`): the plan, a confirmation (a terminal prompt or
//! `--yes`), then the writes of [`crate::cloudflare::apply`], and what was done; or a plan
//! saved by `cf plan --out`, applied exactly (no prompt: it was shown when it was made).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{CfApplyArgs, CfPushArgs};
use crate::cloudflare::apply;
use crate::cloudflare::saved::SavedPlan;
use crate::commands::{Answer, Ctx};
use crate::pki::load;

/// Runs `cf apply`.
pub fn run(args: CfApplyArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    if let Some(file) = &args.plan {
        if args.zone.zone.is_some() {
            anyhow::bail!(
                "a saved plan names its zone: --zone is not taken with PLANFILE (make another plan for another zone)"
            );
        }
        return run_saved(file, ctx);
    }
    let push = CfPushArgs {
        zone: args.zone,
        rules: args.rules.unwrap_or_else(|| PathBuf::from("mtlsctl.yaml")),
        yes: args.yes,
    };
    run_with(push, ctx, false)
}

/// Applies a plan saved by `cf plan --out`: exactly it, or nothing if the zone changed since.
fn run_saved(file: &Path, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let bytes = load::read_bytes(file)?;
    let name = load::name_of(file);
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{name}: not a saved plan (not UTF-8 text)"))?;
    let saved = SavedPlan::from_text(&text, &name)?;
    let client = super::connect(ctx)?;
    // Verifies the token (the zone is read again by apply_saved).
    super::zone(&client, Some(&saved.plan.zone.id), None)?;
    let (plan, done) = apply::apply_saved(&client, &saved).map_err(|e| match e {
        apply::ApplyError::Api(a) => super::permission_hint(
            a,
            "Zone: SSL and Certificates Edit, Zone: WAF Edit, Account: SSL and Certificates Edit",
        ),
        other => other.into(),
    })?;
    report(ctx, &plan, &done)
}

fn report(
    ctx: &mut Ctx,
    plan: &crate::cloudflare::plan::Plan,
    done: &apply::Applied,
) -> anyhow::Result<Answer> {
    if ctx.out.json {
        ctx.out.json(
            &serde_json::json!({"changes": plan.changed(), "done": done.done,
            "uploaded_ca": done.uploaded_ca, "hostnames": done.hostnames,
            "ruleset_version": done.ruleset_version}),
        )?;
    } else {
        for l in super::plan_lines(plan) {
            ctx.out.line(l)?;
        }
        for d in &done.done {
            ctx.out.line(format!("done: {d}"))?;
        }
    }
    Ok(Answer::Yes)
}

/// Runs `cf apply` from mtlsctl.yaml, or with `rules_only` `cf rules push`.
pub fn run_with(args: CfPushArgs, ctx: &mut Ctx, rules_only: bool) -> anyhow::Result<Answer> {
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
