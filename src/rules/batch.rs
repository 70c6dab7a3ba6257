//! JSON-lines batch evaluation: each input line is `{"expr": "...", "fields": {...}}` and
//! produces one output line, `{"result": true|false}` or `{"error": "..."}`, in order. A bad
//! line (blank lines included) yields an error line and the batch goes on, so output line *n*
//! always answers input line *n*. Parsed filters are cached by expression
//! text, so a batch that repeats a few expressions parses each once.

use super::{Context, Filter, parse};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

/// Most distinct expressions kept parsed; the cache is emptied when it fills.
pub const CACHE_CAPACITY: usize = 4096;

/// Counts from one batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchStats {
    /// Lines read.
    pub lines: u64,
    /// Lines that evaluated to true.
    pub matched: u64,
    /// Lines that evaluated to false.
    pub unmatched: u64,
    /// Lines that produced an error.
    pub errors: u64,
    /// Expressions parsed (cache misses).
    pub parsed: u64,
}

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    expr: std::borrow::Cow<'a, str>,
    #[serde(default)]
    fields: serde_json::Map<String, serde_json::Value>,
}

/// Evaluate every line of `input`, writing one result line per input line to `output`.
pub fn run(input: impl BufRead, output: impl Write) -> io::Result<BatchStats> {
    let mut out = io::BufWriter::new(output);
    let mut stats = BatchStats::default();
    let mut cache: HashMap<String, Result<Filter, String>> = HashMap::new();
    let mut ctx = Context::new();
    for line in input.lines() {
        let line = line?;
        stats.lines += 1;
        match eval_line(&line, &mut cache, &mut ctx, &mut stats) {
            Ok(true) => {
                stats.matched += 1;
                out.write_all(b"{\"result\":true}\n")?;
            }
            Ok(false) => {
                stats.unmatched += 1;
                out.write_all(b"{\"result\":false}\n")?;
            }
            Err(e) => {
                stats.errors += 1;
                let msg = serde_json::to_string(&e).unwrap_or_else(|_| "\"error\"".to_string());
                writeln!(out, "{{\"error\":{msg}}}")?;
            }
        }
    }
    out.flush()?;
    Ok(stats)
}

fn eval_line(
    line: &str,
    cache: &mut HashMap<String, Result<Filter, String>>,
    ctx: &mut Context,
    stats: &mut BatchStats,
) -> Result<bool, String> {
    let parsed: Line<'_> =
        serde_json::from_str(line).map_err(|e| format!("bad input line: {e}"))?;
    ctx.clear();
    for (name, value) in &parsed.fields {
        ctx.set_from_json(name, value).map_err(|e| e.to_string())?;
    }
    if !cache.contains_key(parsed.expr.as_ref()) {
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        stats.parsed += 1;
        cache.insert(
            parsed.expr.to_string(),
            parse(&parsed.expr).map_err(|e| e.to_string()),
        );
    }
    match cache.get(parsed.expr.as_ref()) {
        Some(Ok(filter)) => Ok(filter.execute(ctx)),
        Some(Err(e)) => Err(e.clone()),
        None => Err("internal: filter cache miss".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_in_order() {
        let input = concat!(
            r#"{"expr": "ssl", "fields": {"ssl": true}}"#,
            "\n",
            "not json\n",
            r#"{"expr": "ssl", "fields": {}}"#,
            "\n",
            r#"{"expr": "http.host eq", "fields": {}}"#,
            "\n",
            r#"{"expr": "ssl", "fields": {"ssl": 3}}"#,
            "\n",
        );
        let mut out = Vec::new();
        let stats = run(input.as_bytes(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0], r#"{"result":true}"#);
        assert!(lines[1].starts_with(r#"{"error":"#));
        assert_eq!(lines[2], r#"{"result":false}"#);
        assert!(lines[3].starts_with(r#"{"error":"#));
        assert!(lines[4].starts_with(r#"{"error":"#));
        assert_eq!((stats.lines, stats.parsed, stats.errors), (5, 2, 3));
    }
}
