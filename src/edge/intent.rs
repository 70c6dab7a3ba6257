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
            let subtree = if self.case_insensitive {
                // `wildcard` is ASCII case-insensitive; the path is escaped for it.
                let pattern = format!("{}/*", base.replace('\\', "\\\\").replace('*', "\\*"));
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
            };
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
}
