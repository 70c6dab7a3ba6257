//! Rules from intent: which paths and hosts need a client certificate, pinned to which CA,
//! with or without a revocation check, turned into a syntax tree.
//!
//! Owns the shape of every expression mtlsctl writes. The tree is printed by the rules
//! module's canonical printer, never glued from strings:
//!
//! ```text
//! (not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked
//!   or cf.tls_client_auth.cert_issuer_ski ne "<SKI>")
//!   and http.host in {"<host>"}
//!   and (http.request.uri.path in {"<path>"} or http.request.uri.path eq "<prefix>"
//!        or starts_with(http.request.uri.path, "<prefix>/"))
//! ```
//!
//! A rule *matches* (and its action runs) when a request in scope lacks a good certificate.

use serde::{Deserialize, Serialize};

use crate::rules::ast::{self, Arg, CmpOp, Literal, Rhs};
use crate::rules::{Expr, Filter, ParseError};

/// What to protect and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    /// Exact paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Paths protected with their whole subtree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_prefixes: Vec<String>,
    /// Hosts the rule is limited to (none: every host).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// The issuer SKI to pin, upper-case hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_ski: Option<String>,
    /// Also block revoked certificates.
    #[serde(default = "yes")]
    pub check_revoked: bool,
    /// Compare paths case-insensitively.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_insensitive: bool,
}

fn yes() -> bool {
    true
}

/// Escapes `\` and `*` for a `wildcard` pattern.
pub fn escape_wildcard(s: &str) -> String {
    s.replace('\\', "\\\\").replace('*', "\\*")
}

/// The subtree below `base`: `starts_with(path, "base/")`, or with `case_insensitive`
/// `path wildcard "base/*"` (`wildcard` is ASCII case-insensitive; `base` is escaped for it).
pub fn below(base: &str, case_insensitive: bool) -> Expr {
    if case_insensitive {
        let pattern = format!("{}/*", escape_wildcard(&base.to_ascii_lowercase()));
        ast::compare(
            ast::field(PATH),
            CmpOp::Wildcard,
            Rhs::Literal(lit(&pattern)),
        )
    } else {
        ast::call_bool(
            "starts_with",
            vec![
                Arg::Operand(ast::field(PATH)),
                ast::str_arg(&format!("{base}/")),
            ],
        )
    }
}

/// An intent that cannot be expressed.
#[derive(Debug, thiserror::Error)]
pub enum IntentError {
    /// A path that does not start with `/`.
    #[error("path {0:?} must start with /")]
    Path(String),
    /// A bad SKI.
    #[error(
        "issuer SKI {0:?} is not hex (Cloudflare compares upper-case hex without colons, e.g. A5AC5542...)"
    )]
    Ski(String),
    /// A bad host.
    #[error("host {0:?} is not a host name")]
    Host(String),
    /// The tree did not type-check (a bug) or is over a limit.
    #[error("{0}")]
    Rule(#[from] ParseError),
    /// Over the product's length limit.
    #[error(
        "the generated expression is {0} characters; Cloudflare allows at most 4,096: split the paths over several rules"
    )]
    TooLong(usize),
}

/// Normalizes an SKI as Cloudflare compares it: colons and spaces removed, upper case.
///
/// ```
/// use mtlsctl::edge::intent::normalize_ski;
/// // Cloudflare's API prints SKIs in lower case; rules compare upper case.
/// assert_eq!(normalize_ski("a5:ac:55:42").unwrap(), "A5AC5542");
/// assert!(normalize_ski("not hex").is_err());
/// ```
pub fn normalize_ski(s: &str) -> Result<String, IntentError> {
    let hex: String = s
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect::<String>()
        .to_ascii_uppercase();
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        return Err(IntentError::Ski(s.to_string()));
    }
    Ok(hex)
}

/// The field that says the certificate chains to an account CA.
pub const VERIFIED: &str = "cf.tls_client_auth.cert_verified";
/// The field that says the certificate is revoked.
pub const REVOKED: &str = "cf.tls_client_auth.cert_revoked";
/// The issuer SKI field a rule pins.
pub const ISSUER_SKI: &str = "cf.tls_client_auth.cert_issuer_ski";
/// The normalized path field.
pub const PATH: &str = "http.request.uri.path";
/// The host field.
pub const HOST: &str = "http.host";

fn lit(s: &str) -> Literal {
    Literal::Bytes(s.as_bytes().to_vec())
}

fn in_set(operand: ast::Operand, values: &[String]) -> Expr {
    if values.len() == 1 {
        return ast::compare(operand, CmpOp::Eq, Rhs::Literal(lit(&values[0])));
    }
    let items = values
        .iter()
        .map(|v| ast::SetItem::Literal(lit(v)))
        .collect();
    ast::compare(operand, CmpOp::In, Rhs::Set(items))
}

impl Intent {
    /// The syntax tree of the rule's expression.
    pub fn to_ast(&self) -> Result<Expr, IntentError> {
        let mut cert = ast::not(ast::field(VERIFIED));
        if self.check_revoked {
            cert = ast::or(cert, ast::field(REVOKED));
        }
        if let Some(ski) = &self.issuer_ski {
            let ski = normalize_ski(ski)?;
            cert = ast::or(
                cert,
                ast::compare(ast::field(ISSUER_SKI), CmpOp::Ne, Rhs::Literal(lit(&ski))),
            );
        }
        let mut expr = cert;
        if !self.hosts.is_empty() {
            let mut hosts = Vec::new();
            for h in &self.hosts {
                let h = h.trim().to_ascii_lowercase();
                if h.is_empty() || h.contains(['/', ' ', '"']) {
                    return Err(IntentError::Host(h));
                }
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
            expr = ast::and(expr, in_set(ast::field(HOST), &hosts));
        }
        if let Some(paths) = self.path_condition()? {
            expr = ast::and(expr, paths);
        }
        Ok(expr)
    }

    fn path_operand(&self) -> ast::Operand {
        if self.case_insensitive {
            ast::call("lower", vec![Arg::Operand(ast::field(PATH))])
        } else {
            ast::field(PATH)
        }
    }

    fn path_condition(&self) -> Result<Option<Expr>, IntentError> {
        let fold = |p: &str| {
            if self.case_insensitive {
                p.to_ascii_lowercase()
            } else {
                p.to_string()
            }
        };
        for p in self.paths.iter().chain(&self.path_prefixes) {
            if !p.starts_with('/') {
                return Err(IntentError::Path(p.clone()));
            }
        }
        let mut alternatives: Vec<Expr> = Vec::new();
        let mut exact: Vec<String> = Vec::new();
        for p in &self.paths {
            let p = fold(p);
            if !exact.contains(&p) {
                exact.push(p);
            }
        }
        let mut prefixes: Vec<String> = Vec::new();
        for p in &self.path_prefixes {
            let base = fold(p.trim_end_matches('/'));
            if base.is_empty() {
                // "/" as a prefix: every path.
                return Ok(None);
            }
            if !exact.contains(&base) {
                exact.push(base.clone());
            }
            prefixes.push(base);
        }
        if !exact.is_empty() {
            alternatives.push(in_set(self.path_operand(), &exact));
        }
        for base in prefixes {
            let subtree = below(&base, self.case_insensitive);
            alternatives.push(subtree);
        }
        let mut it = alternatives.into_iter();
        let Some(first) = it.next() else {
            return Ok(None);
        };
        Ok(Some(it.fold(first, ast::or)))
    }

    /// The compiled filter, checked against the product's 4,096-character limit.
    pub fn to_filter(&self) -> Result<Filter, IntentError> {
        let filter = Filter::from_ast(self.to_ast()?)?;
        let len = filter.canonical().len();
        if len > 4096 {
            return Err(IntentError::TooLong(len));
        }
        Ok(filter)
    }
}

// ---------------------------------------------------------------------------------------------
// Recognising the intent behind a written rule (for `rule lint`'s fixes).

fn plain_field(o: &ast::Operand) -> Option<&str> {
    match o {
        ast::Operand::Field { name, indexes, .. } if indexes.is_empty() => Some(name),
        _ => None,
    }
}

fn is_bare(e: &Expr, name: &str) -> bool {
    matches!(e, Expr::Compare(c) if c.test.is_none() && plain_field(&c.lhs) == Some(name))
}

fn strings(rhs: &Rhs) -> Option<Vec<String>> {
    let one = |l: &Literal| match l {
        Literal::Bytes(b) => String::from_utf8(b.clone()).ok(),
        _ => None,
    };
    match rhs {
        Rhs::Literal(l) => Some(vec![one(l)?]),
        Rhs::Set(items) => items
            .iter()
            .map(|i| match i {
                ast::SetItem::Literal(l) => one(l),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

fn logical_items(e: &Expr, want: ast::LogicalOp) -> Vec<&Expr> {
    match e {
        Expr::Logical { op, items, .. } if *op == want => items.iter().collect(),
        other => vec![other],
    }
}

/// Whether an operand is the path (`raw.` read as the normalized path), and lower-cased.
fn path_of(o: &ast::Operand) -> Option<bool> {
    match o {
        ast::Operand::Call {
            name,
            args,
            indexes,
            ..
        } if name == "lower" && indexes.is_empty() => match args.as_slice() {
            [Arg::Operand(inner)] if plain_field(inner) == Some(PATH) => Some(true),
            _ => None,
        },
        o => matches!(plain_field(o), Some(PATH | "raw.http.request.uri.path")).then_some(false),
    }
}

#[derive(Default)]
struct PathParts {
    exact: Vec<String>,
    prefixes: Vec<String>,
    /// Subtrees written without the path itself (`starts_with(path, "/a/")`): only
    /// recognised when the path is also there, as in the shape [`Intent`] writes.
    below_only: Vec<String>,
    case_insensitive: Option<bool>,
}

impl PathParts {
    fn case(&mut self, ci: bool) -> Option<()> {
        match self.case_insensitive {
            Some(c) if c != ci => None,
            _ => {
                self.case_insensitive = Some(ci);
                Some(())
            }
        }
    }

    fn item(&mut self, e: &Expr) -> Option<()> {
        let Expr::Compare(c) = e else { return None };
        match &c.test {
            Some((CmpOp::Eq | CmpOp::In, rhs)) => {
                let ci = path_of(&c.lhs)?;
                self.case(ci)?;
                self.exact.extend(strings(rhs)?);
            }
            Some((
                op @ (CmpOp::Wildcard | CmpOp::StrictWildcard),
                Rhs::Literal(Literal::Bytes(p)),
            )) => {
                if path_of(&c.lhs)? {
                    return None;
                }
                let p = std::str::from_utf8(p).ok()?;
                let base = p.strip_suffix('*')?;
                if base.contains(['*', '\\']) {
                    return None;
                }
                self.case(*op == CmpOp::Wildcard)?;
                // `"/a*"` also matches `/a` itself; `"/a/*"` does not.
                if base.ends_with('/') {
                    self.below_only.push(base.trim_end_matches('/').to_string());
                }
                self.prefixes.push(base.trim_end_matches('/').to_string());
            }
            None => {
                let ast::Operand::Call {
                    name,
                    args,
                    indexes,
                    ..
                } = &c.lhs
                else {
                    return None;
                };
                if name != "starts_with" || !indexes.is_empty() {
                    return None;
                }
                let [Arg::Operand(o), Arg::Literal(Literal::Bytes(p))] = args.as_slice() else {
                    return None;
                };
                if path_of(o)? {
                    return None;
                }
                self.case(false)?;
                let p = std::str::from_utf8(p).ok()?;
                let base = p.strip_suffix('/')?.to_string();
                self.below_only.push(base.clone());
                self.prefixes.push(base);
            }
            _ => return None,
        }
        Some(())
    }
}

impl Intent {
    /// The intent behind a rule of the shape [`Intent::to_ast`] writes, or a common variant
    /// of it (`in` sets, `raw.` paths, `wildcard "/admin*"`, the certificate group in any
    /// order): a certificate group `not verified [or revoked] [or issuer_ski ne X]`, and at
    /// most one host condition and one path group, joined by `and`. `None` for anything else.
    pub fn recognise(e: &Expr) -> Option<Intent> {
        let mut intent = Intent {
            check_revoked: false,
            ..Intent::default()
        };
        let (mut cert, mut host) = (false, false);
        let mut paths: Option<PathParts> = None;
        for part in logical_items(e, ast::LogicalOp::And) {
            if !cert && intent.cert_group(part) {
                cert = true;
            } else if let (false, Expr::Compare(c)) = (host, part)
                && plain_field(&c.lhs) == Some(HOST)
                && let Some((CmpOp::Eq | CmpOp::In, rhs)) = &c.test
            {
                intent.hosts = strings(rhs)?;
                host = true;
            } else if paths.is_none() {
                let mut p = PathParts::default();
                for item in logical_items(part, ast::LogicalOp::Or) {
                    p.item(item)?;
                }
                paths = Some(p);
            } else {
                return None;
            }
        }
        if !cert {
            return None;
        }
        if let Some(p) = paths {
            if p.below_only.iter().any(|b| !p.exact.contains(b)) {
                return None;
            }
            intent.case_insensitive = p.case_insensitive.unwrap_or(false);
            for b in &p.prefixes {
                if !intent.path_prefixes.contains(b) {
                    intent.path_prefixes.push(b.clone());
                }
            }
            for x in p.exact {
                let covered = intent
                    .path_prefixes
                    .iter()
                    .any(|b| b == x.trim_end_matches('/'));
                if !covered && !intent.paths.contains(&x) {
                    intent.paths.push(x);
                }
            }
            if intent.paths.is_empty() && intent.path_prefixes.is_empty() {
                return None;
            }
        }
        Some(intent)
    }

    fn cert_group(&mut self, e: &Expr) -> bool {
        let (mut verified, mut revoked, mut ski) = (false, false, None);
        for i in logical_items(e, ast::LogicalOp::Or) {
            match i {
                Expr::Not { arg, .. } if !verified && is_bare(arg, VERIFIED) => verified = true,
                i if !revoked && is_bare(i, REVOKED) => revoked = true,
                Expr::Compare(c) if ski.is_none() && plain_field(&c.lhs) == Some(ISSUER_SKI) => {
                    match &c.test {
                        Some((CmpOp::Ne, Rhs::Literal(Literal::Bytes(b)))) => {
                            ski = Some(String::from_utf8_lossy(b).into_owned());
                        }
                        _ => return false,
                    }
                }
                _ => return false,
            }
        }
        if verified {
            self.check_revoked = revoked;
            self.issuer_ski = ski;
        }
        verified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboard_template_with_revocation() {
        let i = Intent {
            paths: vec!["/admin".into()],
            check_revoked: true,
            ..Intent::default()
        };
        assert_eq!(
            i.to_filter().unwrap().canonical(),
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path eq "/admin""#
        );
    }

    #[test]
    fn every_generated_expression_parses_back_to_the_same_tree() {
        let i = Intent {
            paths: vec!["/admin".into(), "/ops".into()],
            path_prefixes: vec!["/api/".into()],
            hosts: vec!["API.acme.test".into()],
            issuer_ski: Some("a5:ac:55:42".into()),
            check_revoked: true,
            case_insensitive: false,
        };
        let f = i.to_filter().unwrap();
        let text = f.canonical();
        assert!(
            text.contains(r#"cf.tls_client_auth.cert_issuer_ski ne "A5AC5542""#),
            "{text}"
        );
        assert!(
            text.contains(r#"starts_with(http.request.uri.path, "/api/")"#),
            "{text}"
        );
        assert!(text.contains(r#"http.host eq "api.acme.test""#), "{text}");
        let back = crate::rules::parse(&text).unwrap();
        assert_eq!(back.canonical(), text);
        for ci in [true, false] {
            let i = Intent {
                case_insensitive: ci,
                ..i.clone()
            };
            let t = i.to_filter().unwrap().canonical();
            assert_eq!(crate::rules::parse(&t).unwrap().canonical(), t);
        }
    }

    #[test]
    fn bad_intents_are_refused() {
        let bad_path = Intent {
            paths: vec!["admin".into()],
            ..Intent::default()
        };
        assert!(matches!(bad_path.to_ast(), Err(IntentError::Path(_))));
        let bad_ski = Intent {
            issuer_ski: Some("xyz".into()),
            ..Intent::default()
        };
        assert!(matches!(bad_ski.to_ast(), Err(IntentError::Ski(_))));
        let many = Intent {
            paths: (0..400)
                .map(|i| format!("/a/very/long/path/number/{i}"))
                .collect(),
            ..Intent::default()
        };
        assert!(matches!(many.to_filter(), Err(IntentError::TooLong(_))));
    }

    #[test]
    fn recognises_what_it_writes_and_common_variants() {
        let i = Intent {
            paths: vec!["/admin".into(), "/ops".into()],
            path_prefixes: vec!["/api".into()],
            hosts: vec!["api.acme.test".into()],
            issuer_ski: Some("A5AC5542".into()),
            check_revoked: true,
            case_insensitive: false,
        };
        for ci in [false, true] {
            let i = Intent {
                case_insensitive: ci,
                paths: if ci { vec![] } else { i.paths.clone() },
                ..i.clone()
            };
            let text = i.to_filter().unwrap().canonical();
            let back = Intent::recognise(crate::rules::parse(&text).unwrap().ast()).unwrap();
            assert_eq!(back.to_filter().unwrap().canonical(), text, "{back:?}");
        }
        let raw = crate::rules::parse(
            r#"not cf.tls_client_auth.cert_verified and raw.http.request.uri.path wildcard "/admin*""#,
        )
        .unwrap();
        let got = Intent::recognise(raw.ast()).unwrap();
        assert_eq!(got.path_prefixes, ["/admin"]);
        assert!(got.case_insensitive && !got.check_revoked);
        let other = crate::rules::parse(r#"http.host eq "a" and ssl"#).unwrap();
        assert!(Intent::recognise(other.ast()).is_none());
    }
}
