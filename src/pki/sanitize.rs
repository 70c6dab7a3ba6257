//! Escaping of untrusted certificate text before it reaches a terminal.
//!
//! Certificate names, SANs and extension strings are attacker-controlled: a
//! subject can hold ESC (`\x1b`) and so ANSI/CSI sequences that recolour or
//! rewrite the screen, `\r` that overwrites a line, NUL, C1 controls (U+0080 to
//! U+009F, where U+009B is a one-character CSI) and Unicode bidirectional
//! overrides (U+202E...) that reorder what is shown. Like fd's `sanitize`, this
//! module replaces each such character with a visible escape (`\x1b`, `\r`,
//! `\u{202e}`) and leaves every other character, including valid non-ASCII
//! UTF-8, as it is. Escaping ESC alone defuses a whole CSI sequence, since what
//! follows it is printable. It does not escape `\` itself (RFC 2253 names
//! already use it) and does not decide about colour: that is the output layer's.

use std::borrow::Cow;
use std::fmt::Write as _;

/// An error and its causes on one line (`outer: cause: root`), leaving out a cause whose text
/// the message before it already includes (errors such as `{path}: {source}` would otherwise
/// say their cause twice).
pub fn join_causes<'a>(
    causes: impl IntoIterator<Item = &'a (dyn std::error::Error + 'static)>,
) -> String {
    let mut joined = String::new();
    for cause in causes {
        let s = cause.to_string();
        if joined.is_empty() {
            joined = s;
        } else if !joined.contains(&s) {
            joined.push_str(": ");
            joined.push_str(&s);
        }
    }
    joined
}

/// Whether a character must not reach a terminal unescaped (also what `pki::spec` refuses in
/// names it accepts for a certificate).
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if u32::from(c) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Escape control characters, ANSI escapes and bidi controls in `s`; borrowed when nothing changes.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_dangerous(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], but keeps line feeds: for messages that are several lines by design
/// (status text, multi-line error reports). Every other control character is escaped.
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_dangerous(c)) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(sanitize).collect();
    Cow::Owned(lines.join("\n"))
}

/// Like [`sanitize`] for raw bytes: invalid UTF-8 bytes become `\xNN`.
pub fn sanitize_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&sanitize(chunk.valid()));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_join_on_one_line_without_saying_one_twice() {
        let root = std::io::Error::other("connection refused");
        let repeated = anyhow::Error::new(root).context("127.0.0.1:9: connection refused");
        let outer = repeated.context("origin");
        assert_eq!(
            join_causes(outer.chain()),
            "origin: 127.0.0.1:9: connection refused"
        );
        let plain = std::io::Error::other("alone");
        assert_eq!(
            join_causes([&plain as &(dyn std::error::Error + 'static)]),
            "alone"
        );
    }

    #[test]
    fn escapes_esc_and_csi() {
        assert_eq!(sanitize("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
        assert_eq!(sanitize("a\u{9b}2Jb"), "a\\u{9b}2Jb");
    }

    #[test]
    fn escapes_cr_nul_newline_tab_del() {
        assert_eq!(sanitize("ok\rEVIL"), "ok\\rEVIL");
        assert_eq!(sanitize("a\0b\nc\td\x7f"), "a\\0b\\nc\\td\\x7f");
    }

    #[test]
    fn escapes_bidi_overrides() {
        assert_eq!(sanitize("abc\u{202E}gpj.exe"), "abc\\u{202e}gpj.exe");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(sanitize("\u{200f}"), "\\u{200f}");
    }

    #[test]
    fn keeps_valid_text_borrowed() {
        let s = "CN=Zoë Ünïcode,O=日本語\\,x";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn lines_keep_line_feeds_only() {
        assert_eq!(sanitize_lines("a\n  b"), "a\n  b");
        assert_eq!(
            sanitize_lines("x\x1b]0;T\x07\ny\r"),
            "x\\x1b]0;T\\x07\ny\\r"
        );
        assert!(matches!(sanitize_lines("ok\nok"), Cow::Borrowed(_)));
    }

    #[test]
    fn invalid_utf8_bytes() {
        assert_eq!(sanitize_bytes(b"a\xffb\x1b"), "a\\xffb\\x1b");
        assert_eq!(sanitize_bytes("é".as_bytes()), "é");
    }
}
