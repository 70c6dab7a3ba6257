//! `mtlsctl rule fields`: the field table (name, type, one-line doc).

use serde::Serialize;

use crate::cli::RuleFieldsArgs;
use crate::commands::{Answer, Ctx};
use crate::rules::FIELDS;

#[derive(Serialize)]
struct Row {
    name: &'static str,
    #[serde(rename = "type")]
    ty: String,
    doc: &'static str,
}

/// Runs `rule fields`.
pub fn run(_args: RuleFieldsArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let rows: Vec<Row> = FIELDS
        .iter()
        .map(|f| Row {
            name: f.name,
            ty: f.ty.to_string(),
            doc: f.doc,
        })
        .collect();
    if ctx.out.json {
        ctx.out.json(&rows)?;
        return Ok(Answer::Yes);
    }
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let twidth = rows.iter().map(|r| r.ty.len()).max().unwrap_or(0);
    for r in &rows {
        ctx.out
            .line(format!("{:<width$}  {:<twidth$}  {}", r.name, r.ty, r.doc))?;
    }
    Ok(Answer::Yes)
}
