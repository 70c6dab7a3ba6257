//! `mtlsctl rule check EXPR`: parse and type-check; print the canonical form.

use std::io::Read;

use crate::cli::RuleCheckArgs;
use crate::commands::{Answer, Ctx};
use crate::rules;

/// Reads an expression argument: `-` means stdin (bounded like every input).
pub fn read_expr(arg: &str) -> anyhow::Result<String> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(crate::pki::load::MAX_INPUT + 1)
        .read_to_end(&mut buf)
        .map_err(|e| anyhow::anyhow!("<stdin>: {e}"))?;
    if buf.len() as u64 > crate::pki::load::MAX_INPUT {
        anyhow::bail!("<stdin>: larger than 10 MiB; refusing to read it");
    }
    String::from_utf8(buf).map_err(|_| anyhow::anyhow!("<stdin>: the expression is not UTF-8 text"))
}

/// Runs `rule check`.
pub fn run(args: RuleCheckArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let text = read_expr(&args.expr)?;
    let filter = rules::parse(&text)?;
    if ctx.out.json {
        ctx.out
            .json(&serde_json::json!({ "valid": true, "canonical": filter.canonical() }))?;
    } else {
        ctx.out.line(filter.canonical())?;
    }
    Ok(Answer::Yes)
}
