//! `mtlsctl rule eval EXPR --set FIELD=VALUE`: evaluate against explicit values; `--batch`
//! evaluates JSON lines.

use std::io::BufReader;

use crate::cli::RuleEvalArgs;
use crate::commands::{Answer, Ctx};
use crate::pki::sanitize::sanitize;
use crate::rules::{self, Context};

/// Applies `--set FIELD=VALUE` pairs to a context, typed by the field.
pub fn apply_sets(ctx: &mut Context, sets: &[String]) -> anyhow::Result<()> {
    for s in sets {
        let Some((name, value)) = s.split_once('=') else {
            anyhow::bail!("--set {s:?}: expected FIELD=VALUE");
        };
        ctx.set_from_str(name.trim(), value)
            .map_err(|e| anyhow::anyhow!("--set {}: {e}", name.trim()))?;
    }
    Ok(())
}

/// Renders a trace for a terminal: every line escaped.
pub fn render_trace(trace: &rules::Trace) -> String {
    trace
        .render()
        .lines()
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `rule eval`.
pub fn run(args: RuleEvalArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    if let Some(batch) = &args.batch {
        if !args.sets.is_empty() || args.explain {
            anyhow::bail!(
                "--batch takes its field values from the file: --set and --explain do not apply"
            );
        }
        let out = ctx.out.writer();
        let stats = if batch.as_os_str() == "-" {
            rules::batch::run(std::io::stdin().lock(), out)
        } else {
            let meta = std::fs::metadata(batch)
                .map_err(|e| anyhow::anyhow!("{}: {e}", batch.display()))?;
            if meta.is_dir() {
                anyhow::bail!("{}: is a directory", batch.display());
            }
            let file = std::fs::File::open(batch)
                .map_err(|e| anyhow::anyhow!("{}: {e}", batch.display()))?;
            rules::batch::run(BufReader::new(file), out)
        }
        .map_err(crate::output::map_io)?;
        ctx.out.status(format!(
            "{} lines: {} true, {} false, {} errors ({} distinct expressions)",
            stats.lines, stats.matched, stats.unmatched, stats.errors, stats.parsed
        ));
        return Ok(Answer::Yes);
    }
    let text = super::check::read_expr(args.expr.as_deref().unwrap_or("-"))?;
    let filter = rules::parse(&text)?;
    let mut context = Context::new();
    apply_sets(&mut context, &args.sets)?;
    let result = if args.explain || ctx.out.json {
        let trace = filter.execute_traced(&context);
        if ctx.out.json {
            ctx.out.json(&trace)?;
        } else {
            ctx.out.line(trace.result.to_string())?;
            ctx.out.line(render_trace(&trace))?;
        }
        trace.result
    } else {
        let r = filter.execute(&context);
        ctx.out.line(r.to_string())?;
        r
    };
    Ok(if result { Answer::Yes } else { Answer::No })
}
