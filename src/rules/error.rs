//! Parse errors, rendered the way the edge renders them: `Filter parsing error (L:C):`, the
//! offending line, and carets under the span. Context errors (setting a field) live here too.

use std::fmt;

/// A byte range in the expression text.
///
/// Spans are metadata: two spans always compare equal, so trees built by hand and trees parsed
/// from text compare by structure alone.
#[derive(Debug, Clone, Copy, Default, Eq, serde::Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl PartialEq for Span {
    fn eq(&self, _other: &Span) -> bool {
        true
    }
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Why an expression was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct ParseError {
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The byte span in the (trimmed) input.
    pub span: Span,
    /// What is wrong, in words a person can act on.
    pub reason: String,
    line_text: String,
    carets: usize,
}

impl ParseError {
    /// An error at `span` of `input`.
    pub fn new(input: &str, span: Span, reason: impl Into<String>) -> ParseError {
        let start = floor_char(input, span.start.min(input.len()));
        let end = floor_char(input, span.end.clamp(start, input.len()));
        let line_start = input[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = input[start..].find('\n').map_or(input.len(), |i| start + i);
        let line = input[..start].matches('\n').count() + 1;
        let column = input[line_start..start].chars().count() + 1;
        let carets = input[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        ParseError {
            line,
            column,
            span: Span::new(start, end),
            reason: reason.into(),
            line_text: input[line_start..line_end].to_string(),
            carets,
        }
    }

    fn render(&self) -> String {
        format!(
            "Filter parsing error ({}:{}):\n{}\n{}{} {}",
            self.line,
            self.column,
            self.line_text,
            " ".repeat(self.column - 1),
            "^".repeat(self.carets),
            self.reason
        )
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Why a value could not be set in a [`crate::rules::Context`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContextError {
    /// The field is not in the catalogue.
    #[error("unknown field `{0}`")]
    UnknownField(String),
    /// The value has the wrong type for the field.
    #[error("field `{field}` is {expected}, got {got}")]
    TypeMismatch {
        /// Field name.
        field: String,
        /// The field's type.
        expected: String,
        /// What was given.
        got: String,
    },
    /// The text could not be read as the field's type.
    #[error("field `{field}`: {reason}")]
    BadValue {
        /// Field name.
        field: String,
        /// Why.
        reason: String,
    },
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let e = ParseError::new(
            "http.host == \"a\\n\"",
            Span::new(16, 17),
            "expected \", xHH or OOO after \\",
        );
        assert_eq!(
            e.to_string(),
            "Filter parsing error (1:17):\nhttp.host == \"a\\n\"\n                ^ expected \", xHH or OOO after \\"
        );
    }

    #[test]
    fn second_line_position() {
        let e = ParseError::new("ssl\nand x", Span::new(8, 9), "r");
        assert_eq!((e.line, e.column), (2, 5));
    }
}
