//! `mtlsctl cf plan`: what `cf apply` would change, human or `--json`; exit 0 no changes,
//! 3 changes pending, 2 error (or a plan the zone would refuse); `--out FILE` also saves it
//! for `cf apply FILE`.

use crate::cli::CfPlanArgs;
use crate::cloudflare::saved::SavedPlan;
use crate::commands::{Answer, Ctx, Reported};
use crate::pki::files;

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
            "mtlsctl: error: the zone would refuse this plan: {}{}",
            p.plan.blockers.join("; "),
            if args.out.is_some() {
                "; the plan was not saved"
            } else {
                ""
            }
        );
        return Err(Reported.into());
    }
    if let Some(out) = &args.out {
        let saved = SavedPlan::new(&p.plan, &p.desired);
        files::write_file(out, saved.to_text().as_bytes(), files::PUBLIC_MODE, true)?;
        ctx.out.status(format!(
            "plan saved to {}: apply exactly it with `mtlsctl cf apply {}`",
            out.display(),
            out.display()
        ));
    }
    Ok(if p.plan.changed() {
        Answer::Pending
    } else {
        Answer::Yes
    })
}
