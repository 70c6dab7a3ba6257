//! `mtlsctl rule lint [EXPR | --rules FILE]`: the mistakes operators make in mTLS rules, one
//! finding per line (`rule <ref>: <id>: <explanation>; fix: <fix>`) or a JSON array. The
//! checks live in [`crate::edge::lint`].

use std::path::Path;

use crate::cli::RuleLintArgs;
use crate::commands::{Answer, Ctx};
use crate::edge::lint::{self, Finding, Plan};
use crate::edge::ruleset::{self, Action};
use crate::pki::load;

fn lint_file(path: &Path, plan: Plan, managed_ca: bool) -> anyhow::Result<Vec<Finding>> {
    let bytes = load::read_bytes(path)?;
    let name = load::name_of(path);
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{name}: not UTF-8 text"))?;
    let specs = ruleset::parse_specs(&text, &name)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut findings = lint::lint_specs(&specs, &name, base, plan)?;
    if !managed_ca && let Some(f) = lint::lint_revocation(&specs, &name, base)? {
        findings.push(f);
    }
    Ok(findings)
}

/// Runs `rule lint`.
pub fn run(args: RuleLintArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let plan: Plan = args.plan.parse().map_err(anyhow::Error::msg)?;
    let findings = match (&args.expr, &args.rules) {
        (Some(e), _) => {
            let text = super::check::read_expr(e)?;
            lint::lint_text("expr", &text, Action::Block, plan)
        }
        (None, Some(f)) => lint_file(f, plan, args.managed_ca)?,
        (None, None) => {
            let local = Path::new("mtlsctl.yaml");
            if !local.exists() {
                anyhow::bail!(
                    "nothing to lint: give an expression, --rules FILE, or run where ./mtlsctl.yaml is"
                );
            }
            ctx.out.status("linting ./mtlsctl.yaml");
            lint_file(local, plan, args.managed_ca)?
        }
    };
    if ctx.out.json {
        ctx.out.json(&findings)?;
    } else {
        for f in &findings {
            ctx.out.line(format!(
                "rule {}: {}: {}; fix: {}",
                f.rule, f.id, f.message, f.fix
            ))?;
            if let Some(err) = &f.error {
                for l in err.lines() {
                    ctx.out.line(format!("    {l}"))?;
                }
            }
        }
    }
    if !ctx.out.json {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for f in &findings {
            if let Some(cmd) = &f.generate
                && !seen.contains(&(f.rule.as_str(), cmd.as_str()))
            {
                seen.push((&f.rule, cmd));
                ctx.out.status(format!(
                    "rule {}: the fixed rule, from its intent: {cmd}",
                    f.rule
                ));
            }
        }
    }
    if findings.is_empty() {
        ctx.out.status("no findings");
        Ok(Answer::Yes)
    } else {
        ctx.out.status(format!(
            "{} finding{}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        ));
        Ok(Answer::No)
    }
}
