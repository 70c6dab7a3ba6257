//! `mtlsctl cf plan`: what `cf apply` would change, human or `--json`; exit 0 no changes,
//! 3 changes pending, 2 error (or a plan the zone would refuse).

use crate::cli::CfPlanArgs;
use crate::commands::{Answer, Ctx, Reported};

/// Runs `cf plan`.
pub fn run(args: CfPlanArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let p = super::prepare(ctx, &args.rules, args.zone.zone.as_deref(), false)?;
    if ctx.out.json {
        ctx.out.json(&super::plan_json(&p.plan))?;
    } else {
        for l in super::plan_lines(&p.plan) {
            ctx.out.line(l)?;
        }
    }
    if !p.plan.blockers.is_empty() {
        ctx.out.flush()?;
        eprintln!(
            "mtlsctl: error: the zone would refuse this plan: {}",
            p.plan.blockers.join("; ")
        );
        return Err(Reported.into());
    }
    Ok(if p.plan.changed() {
        Answer::Pending
    } else {
        Answer::Yes
    })
}
