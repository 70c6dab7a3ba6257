//! The lexer: a cursor over the (trimmed) expression that hands the parser one token at a
//! time, each with its byte span. The language is lexed on demand because what a token is
//! depends on where it stands (`12:34` is hex bytes after a String field and an IPv6 address
//! after an IP field), exactly as the edge's parser does. Keywords are matched as prefixes with
//! no word boundary, a quirk of the edge (`notssl` is `not ssl`). Only space, CR and LF are
//! whitespace; a tab is an error.

use super::error::{ParseError, Span};

/// A lexed token and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<T> {
    /// The value.
    pub value: T,
    /// Its span in the input.
    pub span: Span,
}

/// A cursor over the input.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

type LexResult<T> = Result<Token<T>, ParseError>;

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src`.
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer { src, pos: 0 }
    }

    /// The input.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// Current byte offset.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Move back to an earlier offset.
    pub fn reset(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The input not yet consumed.
    pub fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// An error at `span`.
    pub fn error(&self, span: Span, reason: impl Into<String>) -> ParseError {
        ParseError::new(self.src, span, reason)
    }

    /// An error at the current position, one character wide.
    pub fn error_here(&self, reason: impl Into<String>) -> ParseError {
        let len = self.rest().chars().next().map_or(0, char::len_utf8);
        self.error(Span::new(self.pos, self.pos + len), reason)
    }

    /// Skip spaces, CR and LF.
    pub fn skip_ws(&mut self) {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\r', '\n']);
        self.pos += rest.len() - trimmed.len();
    }

    /// The next byte, if any.
    pub fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// At the end of input.
    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// Consume `s` if the input starts with it (a prefix match: the keyword quirk).
    pub fn eat(&mut self, s: &str) -> Option<Span> {
        if self.rest().starts_with(s) {
            let start = self.pos;
            self.pos += s.len();
            Some(Span::new(start, self.pos))
        } else {
            None
        }
    }

    /// The first of `options` the input starts with, consumed.
    pub fn eat_any<T: Copy>(&mut self, options: &[(&str, T)]) -> Option<Token<T>> {
        options
            .iter()
            .find_map(|(s, v)| self.eat(s).map(|span| Token { value: *v, span }))
    }

    /// A dotted identifier `seg(.seg)*`, `seg = [A-Za-z0-9_]+`.
    pub fn ident(&mut self) -> LexResult<&'a str> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        loop {
            let seg = self.pos;
            while self.pos < bytes.len() && is_ident(bytes[self.pos]) {
                self.pos += 1;
            }
            if self.pos == seg {
                let e = if self.pos == start {
                    self.error_here("expected a field, a function, `(` or `not`")
                } else {
                    self.error_here("expected an identifier character after `.`")
                };
                self.pos = start;
                return Err(e);
            }
            if bytes.get(self.pos) == Some(&b'.') {
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(Token {
            value: &self.src[start..self.pos],
            span: Span::new(start, self.pos),
        })
    }

    /// Whether a quoted or raw string starts here.
    pub fn at_string(&self) -> bool {
        let r = self.rest();
        r.starts_with('"') || r.starts_with("r\"") || r.starts_with("r#")
    }

    /// A quoted string (with escapes) or a raw string, as bytes.
    pub fn string(&mut self) -> LexResult<Vec<u8>> {
        if self.rest().starts_with('r') {
            let t = self.raw_string()?;
            return Ok(Token {
                value: t.value.as_bytes().to_vec(),
                span: t.span,
            });
        }
        let start = self.pos;
        if self.eat("\"").is_none() {
            return Err(self.error_here("expected a string literal"));
        }
        let bytes = self.src.as_bytes();
        let mut out = Vec::new();
        loop {
            let Some(&c) = bytes.get(self.pos) else {
                return Err(self.error(
                    Span::new(start, self.src.len()),
                    "could not find an ending quote",
                ));
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(Token {
                        value: out,
                        span: Span::new(start, self.pos),
                    });
                }
                b'\\' => {
                    let esc = self.pos + 1;
                    match bytes.get(esc) {
                        Some(b'"') | Some(b'\\') => {
                            out.push(bytes[esc]);
                            self.pos = esc + 1;
                        }
                        Some(b'x') => {
                            let digits = self
                                .src
                                .get(esc + 1..esc + 3)
                                .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
                            let Some(b) = digits.and_then(|d| u8::from_str_radix(d, 16).ok())
                            else {
                                return Err(self.error(
                                    Span::new(esc + 1, (esc + 3).min(self.src.len())),
                                    "expected two hex digits after \\x",
                                ));
                            };
                            out.push(b);
                            self.pos = esc + 3;
                        }
                        Some(b'0'..=b'7') => {
                            let digits = self
                                .src
                                .get(esc..esc + 3)
                                .filter(|d| d.bytes().all(|b| (b'0'..=b'7').contains(&b)));
                            let Some(b) = digits.and_then(|d| u8::from_str_radix(d, 8).ok()) else {
                                return Err(self.error(
                                    Span::new(esc, (esc + 3).min(self.src.len())),
                                    "expected three octal digits (at most \\377) after \\",
                                ));
                            };
                            out.push(b);
                            self.pos = esc + 3;
                        }
                        None => {
                            return Err(self.error(
                                Span::new(start, self.src.len()),
                                "could not find an ending quote",
                            ));
                        }
                        Some(_) => {
                            let len = self.src[esc..].chars().next().map_or(1, char::len_utf8);
                            return Err(self.error(
                                Span::new(esc, esc + len),
                                "expected \", xHH or OOO after \\",
                            ));
                        }
                    }
                }
                _ => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// A raw string `r"..."` or `r#"..."#` (up to 255 `#`), no escapes.
    pub fn raw_string(&mut self) -> LexResult<&'a str> {
        let start = self.pos;
        if self.eat("r").is_none() {
            return Err(self.error_here("expected a raw string"));
        }
        let hashes = self.rest().len() - self.rest().trim_start_matches('#').len();
        if hashes > 255 {
            return Err(self.error(
                Span::new(start, self.pos + hashes),
                "a raw string takes at most 255 `#`",
            ));
        }
        self.pos += hashes;
        if self.eat("\"").is_none() {
            return Err(self.error_here("expected `\"` to open the raw string"));
        }
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(i) => {
                let body = &self.rest()[..i];
                self.pos += i + close.len();
                Ok(Token {
                    value: body,
                    span: Span::new(start, self.pos),
                })
            }
            None => Err(self.error(
                Span::new(start, self.src.len()),
                format!("could not find the raw string's end `{close}`"),
            )),
        }
    }

    /// A regex after `matches`: a raw string as is, or a quoted string where only `\"` is
    /// unescaped (outside `[...]`) and `"` does not end the string inside `[...]`.
    pub fn regex(&mut self) -> LexResult<String> {
        if self.rest().starts_with('r') {
            let t = self.raw_string()?;
            return Ok(Token {
                value: t.value.to_string(),
                span: t.span,
            });
        }
        let start = self.pos;
        if self.eat("\"").is_none() {
            return Err(self.error_here("expected a quoted regular expression"));
        }
        let mut out = String::new();
        let mut in_class = false;
        let mut chars = self.rest().char_indices();
        let base = self.pos;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        if in_class || n != '"' {
                            out.push('\\');
                        }
                        out.push(n);
                    }
                }
                '"' if !in_class => {
                    self.pos = base + i + 1;
                    return Ok(Token {
                        value: out,
                        span: Span::new(start, self.pos),
                    });
                }
                '[' if !in_class => {
                    in_class = true;
                    out.push(c);
                }
                ']' if in_class => {
                    in_class = false;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        Err(self.error(
            Span::new(start, self.src.len()),
            "could not find an ending quote",
        ))
    }

    /// An integer: `0x` hex, leading `0` octal, else decimal with optional `-`; 64-bit.
    pub fn int(&mut self) -> LexResult<i64> {
        let start = self.pos;
        let (radix, digits_start, neg) = if self.rest().starts_with("0x") {
            (16, start + 2, false)
        } else if self.rest().starts_with('0') {
            (8, start, false)
        } else if self.rest().starts_with('-') {
            (10, start + 1, true)
        } else {
            (10, start, false)
        };
        let bytes = self.src.as_bytes();
        let mut end = digits_start;
        while end < bytes.len() && bytes[end].is_ascii_hexdigit() {
            end += 1;
        }
        if end == digits_start {
            return Err(self.error(
                Span::new(start, (start + 1).min(self.src.len()).max(start)),
                "expected an integer",
            ));
        }
        let text = &self.src[digits_start..end];
        let parsed = if neg {
            i64::from_str_radix(&format!("-{text}"), radix)
        } else {
            i64::from_str_radix(text, radix)
        };
        match parsed {
            Ok(v) => {
                self.pos = end;
                Ok(Token {
                    value: v,
                    span: Span::new(start, end),
                })
            }
            Err(e) => {
                let what = match radix {
                    16 => "hexadecimal",
                    8 => "octal (a leading 0 means octal)",
                    _ => "decimal",
                };
                Err(self.error(
                    Span::new(start, end),
                    format!("invalid {what} integer: {e}"),
                ))
            }
        }
    }

    /// A run of characters that can make up an IP address, CIDR or IP range.
    pub fn ip_chunk(&mut self) -> LexResult<&'a str> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut end = start;
        while end < bytes.len()
            && (bytes[end].is_ascii_hexdigit() || matches!(bytes[end], b':' | b'.' | b'/'))
        {
            end += 1;
        }
        if end == start {
            return Err(self.error_here("expected an IP address"));
        }
        self.pos = end;
        Ok(Token {
            value: &self.src[start..end],
            span: Span::new(start, end),
        })
    }

    /// Hex bytes `aa:bb:cc` (separators `:`, `-`, `.`), at least two bytes.
    pub fn hex_bytes(&mut self) -> LexResult<Vec<u8>> {
        let start = self.pos;
        let mut out = Vec::new();
        loop {
            let here = self.pos;
            let byte = self
                .src
                .get(here..here + 2)
                .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
            let Some(b) = byte.and_then(|d| u8::from_str_radix(d, 16).ok()) else {
                let e = self.error(
                    Span::new(here, (here + 2).min(self.src.len())),
                    "expected a string literal or hex bytes like aa:bb",
                );
                self.pos = start;
                return Err(e);
            };
            out.push(b);
            self.pos = here + 2;
            if matches!(self.peek(), Some(b':' | b'-' | b'.')) {
                self.pos += 1;
            } else {
                break;
            }
        }
        if out.len() < 2 {
            return Err(self.error(
                Span::new(start, self.pos),
                "a hex byte string needs at least two bytes (aa:bb); quote strings",
            ));
        }
        Ok(Token {
            value: out,
            span: Span::new(start, self.pos),
        })
    }

    /// A list name after `$`: `[a-z0-9_]+`.
    pub fn list_name(&mut self) -> LexResult<&'a str> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut end = start;
        while end < bytes.len()
            && (bytes[end].is_ascii_lowercase()
                || bytes[end].is_ascii_digit()
                || bytes[end] == b'_')
        {
            end += 1;
        }
        if end == start {
            return Err(self.error_here("expected a list name after `$`"));
        }
        self.pos = end;
        Ok(Token {
            value: &self.src[start..end],
            span: Span::new(start, end),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ident_span() {
        let mut l = Lexer::new("http.host eq");
        let t = l.ident().unwrap();
        assert_eq!((t.value, t.span.start, t.span.end), ("http.host", 0, 9));
        l.skip_ws();
        assert_eq!(l.eat("eq").map(|s| (s.start, s.end)), Some((10, 12)));
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            Lexer::new(r#""a\"b\\c\x41\101\xff""#)
                .string()
                .unwrap()
                .value,
            b"a\"b\\cAA\xff"
        );
        assert_eq!(
            Lexer::new(r###"r##"a"#b"##"###).string().unwrap().value,
            b"a\"#b"
        );
        let e = Lexer::new(r#""a\n""#).string().unwrap_err();
        assert_eq!((e.column, e.span.start), (4, 3));
        assert!(Lexer::new(r#""\400""#).string().is_err());
    }

    #[test]
    fn ints() {
        assert_eq!(Lexer::new("010").int().unwrap().value, 8);
        assert_eq!(Lexer::new("0x1f").int().unwrap().value, 31);
        assert_eq!(Lexer::new("-12").int().unwrap().value, -12);
        assert!(Lexer::new("08").int().is_err());
        assert_eq!(
            Lexer::new("9223372036854775807").int().unwrap().value,
            i64::MAX
        );
    }

    #[test]
    fn hex_and_regex() {
        assert_eq!(
            Lexer::new("aa:bb-cc.dd").hex_bytes().unwrap().value,
            vec![0xaa, 0xbb, 0xcc, 0xdd]
        );
        assert!(Lexer::new("12").hex_bytes().is_err());
        assert_eq!(
            Lexer::new(r#""a\"[\"]\d""#).regex().unwrap().value,
            r#"a"[\"]\d"#
        );
    }

    #[test]
    fn spans_reassemble_input() {
        let src = "http.host eq \"x\"";
        let mut l = Lexer::new(src);
        let a = l.ident().unwrap().span;
        l.skip_ws();
        let b = l.eat("eq").unwrap();
        l.skip_ws();
        let c = l.string().unwrap().span;
        let joined = format!(
            "{} {} {}",
            &src[a.start..a.end],
            &src[b.start..b.end],
            &src[c.start..c.end]
        );
        assert_eq!(joined, src);
    }
}
