//! The syntax tree of a filter, its canonical printer, and a small builder API.
//!
//! The tree is plain public data: the parser produces it, `rule generate` builds it by hand
//! with the functions at the bottom of this file, and [`Expr::canonical`] prints either kind.
//! Printing never depends on how a tree was made, and parsing the printed text gives back an
//! equal tree (spans compare equal by design, see [`Span`]). Type checking and compilation
//! live in the parser and evaluator, not here.

use super::error::Span;
use std::fmt::{self, Write as _};
use std::net::IpAddr;

/// A logical operator, ordered by binding strength (loosest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum LogicalOp {
    /// `or`, `||`.
    Or,
    /// `xor`, `^^`.
    Xor,
    /// `and`, `&&`.
    And,
}

impl LogicalOp {
    /// The canonical keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            LogicalOp::Or => "or",
            LogicalOp::Xor => "xor",
            LogicalOp::And => "and",
        }
    }
}

/// A Boolean expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A run of one logical operator over two or more operands.
    Logical {
        /// The operator.
        op: LogicalOp,
        /// The operands, in order.
        items: Vec<Expr>,
        /// Where it was written.
        span: Span,
    },
    /// `not x`.
    Not {
        /// The negated expression.
        arg: Box<Expr>,
        /// Where it was written.
        span: Span,
    },
    /// A comparison or a bare Boolean value.
    Compare(Box<Comparison>),
    /// The whole expression `true` (matches everything).
    True,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum CmpOp {
    /// `eq`, `==`.
    Eq,
    /// `ne`, `!=`.
    Ne,
    /// `lt`, `<`.
    Lt,
    /// `le`, `<=`.
    Le,
    /// `gt`, `>`.
    Gt,
    /// `ge`, `>=`.
    Ge,
    /// `contains`.
    Contains,
    /// `matches`, `~`.
    Matches,
    /// `wildcard` (ASCII case-insensitive).
    Wildcard,
    /// `strict wildcard`.
    StrictWildcard,
    /// `&`, `bitwise_and`.
    BitwiseAnd,
    /// `in`.
    In,
}

impl CmpOp {
    /// The canonical spelling.
    pub fn keyword(self) -> &'static str {
        match self {
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
            CmpOp::Contains => "contains",
            CmpOp::Matches => "matches",
            CmpOp::Wildcard => "wildcard",
            CmpOp::StrictWildcard => "strict wildcard",
            CmpOp::BitwiseAnd => "&",
            CmpOp::In => "in",
        }
    }
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Literal {
    /// A string: quoted, raw, or hex bytes `aa:bb`, all as raw bytes.
    Bytes(Vec<u8>),
    /// A 64-bit integer.
    Int(i64),
    /// An IP address.
    Ip(IpAddr),
}

/// One element of a `{ ... }` set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SetItem {
    /// A single value.
    Literal(Literal),
    /// `lo..hi` integers, inclusive.
    IntRange(i64, i64),
    /// `a..b` addresses, inclusive, same family.
    IpRange(IpAddr, IpAddr),
    /// `addr/len` (host bits zero).
    Cidr(IpAddr, u8),
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rhs {
    /// A single literal.
    Literal(Literal),
    /// A regular expression (the text given to the regex engine).
    Regex(String),
    /// `{ ... }`.
    Set(Vec<SetItem>),
    /// `$name`, a managed list.
    List(String),
}

/// An index applied to an array or map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Index {
    /// `[n]`.
    Pos(u32),
    /// `["key"]`.
    Key(Vec<u8>),
    /// `[*]`: every element.
    Star,
}

/// A value: a field or a function call, with indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// A field of the scheme.
    Field {
        /// Dotted name.
        name: String,
        /// Indexes applied in order.
        indexes: Vec<Index>,
        /// Where it was written.
        span: Span,
    },
    /// A function call.
    Call {
        /// Function name.
        name: String,
        /// Arguments.
        args: Vec<Arg>,
        /// Indexes applied to the result.
        indexes: Vec<Index>,
        /// Where it was written.
        span: Span,
    },
}

/// A function argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A field or nested call.
    Operand(Operand),
    /// A literal.
    Literal(Literal),
    /// A comparison (the argument of `any`/`all`).
    Compare(Box<Comparison>),
}

/// `lhs [op rhs]`; without a test, `lhs` must be a Boolean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The value compared.
    pub lhs: Operand,
    /// The operator and right-hand side; `None` for a bare Boolean.
    pub test: Option<(CmpOp, Rhs)>,
    /// Where the comparison was written.
    pub span: Span,
    /// Where the operator was written.
    pub op_span: Span,
}

// ---------------------------------------------------------------------------------------------
// The canonical printer.

impl Expr {
    /// The canonical text: lower-case keywords, single spaces, parentheses only where needed.
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// The span the expression was parsed from (zero for built trees).
    pub fn span(&self) -> Span {
        match self {
            Expr::Logical { span, .. } | Expr::Not { span, .. } => *span,
            Expr::Compare(c) => c.span,
            Expr::True => Span::default(),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::True => f.write_str("true"),
            Expr::Compare(c) => write!(f, "{c}"),
            Expr::Not { arg, .. } => match **arg {
                Expr::Logical { .. } => write!(f, "not ({arg})"),
                _ => write!(f, "not {arg}"),
            },
            Expr::Logical { op, items, .. } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, " {} ", op.keyword())?;
                    }
                    match item {
                        Expr::Logical { op: inner, .. } if inner <= op => write!(f, "({item})")?,
                        _ => write!(f, "{item}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.lhs)?;
        if let Some((op, rhs)) = &self.test {
            write!(f, " {} {rhs}", op.keyword())?;
        }
        Ok(())
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let indexes = match self {
            Operand::Field { name, indexes, .. } => {
                f.write_str(name)?;
                indexes
            }
            Operand::Call {
                name,
                args,
                indexes,
                ..
            } => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match a {
                        Arg::Operand(o) => write!(f, "{o}")?,
                        Arg::Literal(l) => write!(f, "{l}")?,
                        Arg::Compare(c) => write!(f, "{c}")?,
                    }
                }
                f.write_char(')')?;
                indexes
            }
        };
        for i in indexes {
            match i {
                Index::Pos(n) => write!(f, "[{n}]")?,
                Index::Key(k) => write!(f, "[{}]", quote(k))?,
                Index::Star => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bytes(b) => f.write_str(&quote(b)),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

impl fmt::Display for SetItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Literal(l) => write!(f, "{l}"),
            SetItem::IntRange(a, b) => write!(f, "{a}..{b}"),
            SetItem::IpRange(a, b) => write!(f, "{a}..{b}"),
            SetItem::Cidr(a, n) => write!(f, "{a}/{n}"),
        }
    }
}

impl fmt::Display for Rhs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rhs::Literal(l) => write!(f, "{l}"),
            Rhs::Regex(r) => f.write_str(&quote_regex(r)),
            Rhs::List(n) => write!(f, "${n}"),
            Rhs::Set(items) => {
                f.write_char('{')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(' ')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char('}')
            }
        }
    }
}

/// Quote bytes as a string literal: printable ASCII as is, `"` and `\` escaped, others `\xHH`.
pub fn quote(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}

/// Quote a regex: as written between `"` when it has no `"`, otherwise as a raw string.
pub fn quote_regex(re: &str) -> String {
    if !re.contains('"') && !re.contains('\t') {
        return format!("\"{re}\"");
    }
    let mut hashes = 1;
    while re.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{re}\"{h}")
}

// ---------------------------------------------------------------------------------------------
// Builders, for code that makes rules (`rule generate`). Check a built tree with
// `Filter::from_ast` before use.

impl From<Operand> for Expr {
    fn from(lhs: Operand) -> Expr {
        Expr::Compare(Box::new(Comparison {
            lhs,
            test: None,
            span: Span::default(),
            op_span: Span::default(),
        }))
    }
}

/// A field reference (use `.into()` or pass it to `not`/`and`/`or` for a bare Boolean).
pub fn field(name: &str) -> Operand {
    Operand::Field {
        name: name.to_string(),
        indexes: Vec::new(),
        span: Span::default(),
    }
}

/// A function call.
pub fn call(name: &str, args: Vec<Arg>) -> Operand {
    Operand::Call {
        name: name.to_string(),
        args,
        indexes: Vec::new(),
        span: Span::default(),
    }
}

impl Operand {
    /// Append an index.
    pub fn index(mut self, index: Index) -> Operand {
        match &mut self {
            Operand::Field { indexes, .. } | Operand::Call { indexes, .. } => indexes.push(index),
        }
        self
    }
}

/// A string literal argument.
pub fn str_arg(s: &str) -> Arg {
    Arg::Literal(Literal::Bytes(s.as_bytes().to_vec()))
}

/// `not e`.
pub fn not(e: impl Into<Expr>) -> Expr {
    Expr::Not {
        arg: Box::new(e.into()),
        span: Span::default(),
    }
}

fn logical(op: LogicalOp, a: Expr, b: Expr) -> Expr {
    let mut items = Vec::new();
    for e in [a, b] {
        match e {
            Expr::Logical {
                op: o,
                items: inner,
                ..
            } if o == op => items.extend(inner),
            other => items.push(other),
        }
    }
    Expr::Logical {
        op,
        items,
        span: Span::default(),
    }
}

/// `a and b` (runs flatten).
pub fn and(a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
    logical(LogicalOp::And, a.into(), b.into())
}

/// `a or b` (runs flatten).
pub fn or(a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
    logical(LogicalOp::Or, a.into(), b.into())
}

/// `a xor b` (runs flatten).
pub fn xor(a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
    logical(LogicalOp::Xor, a.into(), b.into())
}

/// `lhs op rhs`.
pub fn compare(lhs: Operand, op: CmpOp, rhs: Rhs) -> Expr {
    Expr::Compare(Box::new(Comparison {
        lhs,
        test: Some((op, rhs)),
        span: Span::default(),
        op_span: Span::default(),
    }))
}

/// `name eq "value"`.
pub fn field_eq_str(name: &str, value: &str) -> Expr {
    compare(
        field(name),
        CmpOp::Eq,
        Rhs::Literal(Literal::Bytes(value.as_bytes().to_vec())),
    )
}

/// `name in {"a" "b"}`.
pub fn field_in_strings(name: &str, values: &[&str]) -> Expr {
    let items = values
        .iter()
        .map(|v| SetItem::Literal(Literal::Bytes(v.as_bytes().to_vec())))
        .collect();
    compare(field(name), CmpOp::In, Rhs::Set(items))
}

/// `function(args)` used as a bare Boolean, e.g. `starts_with(http.request.uri.path, "/a/")`.
pub fn call_bool(name: &str, args: Vec<Arg>) -> Expr {
    call(name, args).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_minimal_parentheses() {
        let e = and(
            or(
                not(field("cf.tls_client_auth.cert_verified")),
                field("cf.tls_client_auth.cert_revoked"),
            ),
            field_in_strings("http.request.uri.path", &["/admin"]),
        );
        assert_eq!(
            e.canonical(),
            "(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {\"/admin\"}"
        );
        assert_eq!(
            not(and(field("a"), field("b"))).canonical(),
            "not (a and b)"
        );
    }

    #[test]
    fn quotes_bytes() {
        assert_eq!(quote(b"a\"\\\xff\n"), "\"a\\\"\\\\\\xff\\x0a\"");
        assert_eq!(quote_regex("a\"b"), "r#\"a\"b\"#");
    }

    mod round_trip {
        use super::super::*;
        use crate::rules::{Filter, parse};
        use proptest::prelude::*;

        fn bytes() -> impl Strategy<Value = Vec<u8>> {
            prop::collection::vec(any::<u8>(), 0..6)
        }

        fn leaf() -> impl Strategy<Value = Expr> {
            let bools = prop::sample::select(vec![
                "ssl",
                "cf.tls_client_auth.cert_verified",
                "cf.tls_client_auth.cert_revoked",
            ]);
            let strs = prop::sample::select(vec![
                "http.host",
                "http.request.uri.path",
                "cf.tls_client_auth.cert_issuer_ski",
            ]);
            let ops = prop::sample::select(vec![
                CmpOp::Eq,
                CmpOp::Ne,
                CmpOp::Lt,
                CmpOp::Le,
                CmpOp::Gt,
                CmpOp::Ge,
                CmpOp::Contains,
            ]);
            let int_ops = prop::sample::select(vec![
                CmpOp::Eq,
                CmpOp::Ne,
                CmpOp::Lt,
                CmpOp::Ge,
                CmpOp::BitwiseAnd,
            ]);
            let regexes =
                prop::sample::select(vec!["a", "^/x$", "a\"b", "[\"]", "(?i)x\\d", "\"#"]);
            prop_oneof![
                bools.prop_map(|f| Expr::from(field(f))),
                (strs.clone(), ops, bytes()).prop_map(|(f, op, b)| compare(
                    field(f),
                    op,
                    Rhs::Literal(Literal::Bytes(b))
                )),
                (int_ops, any::<i64>()).prop_map(|(op, i)| compare(
                    field("cf.edge.server_port"),
                    op,
                    Rhs::Literal(Literal::Int(i))
                )),
                (any::<[u8; 4]>(), any::<bool>()).prop_map(|(a, ne)| compare(
                    field("ip.src"),
                    if ne { CmpOp::Ne } else { CmpOp::Eq },
                    Rhs::Literal(Literal::Ip(a.into()))
                )),
                (any::<u128>(), 0u8..=128).prop_map(|(a, n)| {
                    let host = u128::MAX.checked_shr(u32::from(n)).unwrap_or(0);
                    let addr = std::net::Ipv6Addr::from(a & !host);
                    compare(
                        field("ip.src"),
                        CmpOp::In,
                        Rhs::Set(vec![SetItem::Cidr(addr.into(), n)]),
                    )
                }),
                (strs.clone(), prop::collection::vec(bytes(), 0..3)).prop_map(|(f, items)| {
                    compare(
                        field(f),
                        CmpOp::In,
                        Rhs::Set(
                            items
                                .into_iter()
                                .map(|b| SetItem::Literal(Literal::Bytes(b)))
                                .collect(),
                        ),
                    )
                }),
                (-5i64..5, 5i64..9).prop_map(|(a, b)| compare(
                    field("cf.threat_score"),
                    CmpOp::In,
                    Rhs::Set(vec![
                        SetItem::IntRange(a, b),
                        SetItem::Literal(Literal::Int(b))
                    ])
                )),
                (strs.clone(), regexes).prop_map(|(f, r)| compare(
                    field(f),
                    CmpOp::Matches,
                    Rhs::Regex(r.to_string())
                )),
                (
                    strs.clone(),
                    prop::sample::select(vec!["*", "/a*", "*.x", "a\\*b"]),
                    any::<bool>()
                )
                    .prop_map(|(f, w, strict)| {
                        compare(
                            field(f),
                            if strict {
                                CmpOp::StrictWildcard
                            } else {
                                CmpOp::Wildcard
                            },
                            Rhs::Literal(Literal::Bytes(w.as_bytes().to_vec())),
                        )
                    }),
                (strs.clone(), bytes()).prop_map(|(f, b)| call_bool(
                    "starts_with",
                    vec![Arg::Operand(field(f)), Arg::Literal(Literal::Bytes(b))]
                )),
                (bytes(), bytes()).prop_map(|(k, v)| compare(
                    field("http.request.headers")
                        .index(Index::Key(k))
                        .index(Index::Pos(0)),
                    CmpOp::Eq,
                    Rhs::Literal(Literal::Bytes(v)),
                )),
                bytes().prop_map(|v| call_bool(
                    "any",
                    vec![Arg::Compare(Box::new(Comparison {
                        lhs: call(
                            "lower",
                            vec![Arg::Operand(
                                field("http.request.headers.names").index(Index::Star)
                            )]
                        )
                        .index(Index::Star),
                        test: Some((CmpOp::Eq, Rhs::Literal(Literal::Bytes(v)))),
                        span: Span::default(),
                        op_span: Span::default(),
                    }))]
                )),
            ]
        }

        fn tree() -> impl Strategy<Value = Expr> {
            leaf().prop_recursive(5, 40, 4, |inner| {
                prop_oneof![
                    inner.clone().prop_map(|e| Expr::Not {
                        arg: Box::new(e),
                        span: Span::default()
                    }),
                    (
                        prop::sample::select(vec![LogicalOp::And, LogicalOp::Or, LogicalOp::Xor]),
                        prop::collection::vec(inner, 2..4)
                    )
                        .prop_map(|(op, items)| Expr::Logical {
                            op,
                            items,
                            span: Span::default()
                        }),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
            #[test]
            fn print_then_parse_is_identity(e in tree()) {
                let text = e.canonical();
                let checked = Filter::from_ast(e.clone());
                prop_assert!(checked.is_ok(), "{text}: {:?}", checked.err());
                let parsed = parse(&text);
                prop_assert!(parsed.is_ok(), "{text}: {:?}", parsed.as_ref().err().map(|e| e.to_string()));
                if let Ok(f) = parsed {
                    prop_assert_eq!(f.ast(), &e, "{}", text);
                    prop_assert_eq!(f.canonical(), text);
                }
            }
        }
    }
}
