//! JSON-lines batch evaluation: each input line is `{"expr": "...", "fields": {...}}` and
//! produces one output line, `{"result": true|false}` or `{"error": "..."}`, in order. A bad
//! line (blank lines included) yields an error line and the batch goes on, so output line *n*
//! always answers input line *n*. Parsed filters are cached by expression
//! text, so a batch that repeats a few expressions parses each once.

use super::{Context, Filter, parse};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};

/// Most distinct expressions kept parsed; the cache is emptied when it fills.
pub const CACHE_CAPACITY: usize = 4096;
/// Bytes of compiled regexes past which the cache is emptied before the next parse (evicting by
/// size): what is kept plus one more filter at its own budget stays under the process's
/// regex budget.
pub const CACHE_REGEX_BYTES: usize = super::eval::PROCESS_REGEX_BUDGET / 2;

#[derive(Default)]
struct Cache {
    filters: HashMap<String, Result<Filter, String>>,
    regex_bytes: usize,
}

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

/// Longest line read; the rest of a longer line is skipped and the line answers an error.
pub const MAX_LINE: u64 = 10 * 1024 * 1024;

/// Evaluate every line of `input`, writing one result line per input line to `output`.
///
/// Only I/O errors end the batch early: a line that is not UTF-8, not JSON, too long or
/// otherwise bad answers `{"error": ...}` and the next line is read.
pub fn run(mut input: impl BufRead, output: impl Write) -> io::Result<BatchStats> {
    let mut out = io::BufWriter::new(output);
    let mut stats = BatchStats::default();
    let mut cache = Cache::default();
    let mut ctx = Context::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if (&mut input).take(MAX_LINE).read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let complete = buf.last() == Some(&b'\n');
        let too_long = !complete && buf.len() as u64 >= MAX_LINE;
        if too_long {
            input.skip_until(b'\n')?;
        }
        if complete {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        stats.lines += 1;
        let answer = if too_long {
            Err(format!("bad input line: longer than {MAX_LINE} bytes"))
        } else {
            match std::str::from_utf8(&buf) {
                Ok(line) => eval_line(line, &mut cache, &mut ctx, &mut stats),
                Err(e) => Err(format!("bad input line: not UTF-8 ({e})")),
            }
        };
        match answer {
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
    cache: &mut Cache,
    ctx: &mut Context,
    stats: &mut BatchStats,
) -> Result<bool, String> {
    let parsed: Line<'_> =
        serde_json::from_str(line).map_err(|e| format!("bad input line: {e}"))?;
    ctx.clear();
    for (name, value) in &parsed.fields {
        ctx.set_from_json(name, value).map_err(|e| e.to_string())?;
    }
    if !cache.filters.contains_key(parsed.expr.as_ref()) {
        if cache.filters.len() >= CACHE_CAPACITY || cache.regex_bytes > CACHE_REGEX_BYTES {
            cache.filters.clear();
            cache.regex_bytes = 0;
        }
        stats.parsed += 1;
        let filter = parse(&parsed.expr).map_err(|e| e.to_string());
        if let Ok(f) = &filter {
            cache.regex_bytes += f.regex_bytes();
        }
        cache.filters.insert(parsed.expr.to_string(), filter);
    }
    match cache.filters.get(parsed.expr.as_ref()) {
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

    /// Regression (issue 6): a non-UTF-8 line used to end the whole batch with an I/O
    /// error (`BufRead::lines`); it must answer an error line and the batch go on.
    #[test]
    fn non_utf8_line_is_an_error_line_and_the_batch_goes_on() {
        let mut input = Vec::new();
        input.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n");
        input.extend_from_slice(b"\xff\xfe{\"expr\": \"ssl\"}\r\n");
        input.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {}}\r\n");
        input.extend_from_slice(b"{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}");
        let mut out = Vec::new();
        let stats = run(input.as_slice(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], r#"{"result":true}"#);
        assert!(
            lines[1].starts_with(r#"{"error":"bad input line: not UTF-8"#),
            "{text}"
        );
        assert_eq!(lines[2], r#"{"result":false}"#);
        assert_eq!(lines[3], r#"{"result":true}"#);
        assert_eq!((stats.lines, stats.errors), (4, 1));
    }

    #[test]
    fn overlong_line_is_an_error_line_and_the_rest_is_skipped() {
        let mut input = vec![b' '; MAX_LINE as usize + 10];
        input.extend_from_slice(b"\n{\"expr\": \"ssl\", \"fields\": {\"ssl\": true}}\n");
        let mut out = Vec::new();
        let stats = run(input.as_slice(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].contains("longer than"), "{text}");
        assert_eq!(lines[1], r#"{"result":true}"#);
        assert_eq!(stats.lines, 2);
    }
}
