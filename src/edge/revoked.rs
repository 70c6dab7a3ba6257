//! Blocking revoked certificates at the edge, by serial.
//!
//! Cloudflare checks revocation only for certificates of its managed CA: for an uploaded CA
//! (every store CA) `cf.tls_client_auth.cert_revoked` is always false at the edge, whatever a
//! CRL or the store says (`cloudflare.md` §1). The only way to keep a revoked certificate out
//! is a rule on what the edge does compute, its serial. This module owns that rule:
//!
//! - the revoked certificates, from the store's revocation records ([`from_store`]) and from
//!   CRL files ([`from_crl_file`]), each named by its issuer (the issuer SKI, else the issuer
//!   DN in the edge's RFC 2253 form) and its serial in the edge's `cert_serial` format
//!   (upper-case hex, no colons, no `00` sign byte);
//! - the block rules ([`block_rules`]): per issuer,
//!   `cf.tls_client_auth.cert_issuer_ski eq "<SKI>" and cf.tls_client_auth.cert_serial in {...}`
//!   (the issuer condition keeps a small serial of another CA from being blocked too), split
//!   into as many rules as the 4,096-character limit needs, each checked to print within it,
//!   with the stable refs `mtls_revoked_1..n` ([`REF_PREFIX`]) so a re-run replaces them.

use std::collections::BTreeMap;
use std::path::Path;

use super::generate::{self, GenerateError, Generated, MAX_EXPRESSION};
use super::ruleset::{Action, RuleSpec};
use crate::pki::crl;
use crate::pki::load::{self, Kind, LoadError};
use crate::pki::store::{Store, StoreError};
use crate::rules::Filter;
use crate::rules::ast::{self, CmpOp, Literal, Rhs, SetItem};

/// The refs of the block rules are this prefix and 1, 2, ...
pub const REF_PREFIX: &str = "mtls_revoked_";

/// The serial field the block rules compare.
pub const SERIAL: &str = "cf.tls_client_auth.cert_serial";
/// The issuer DN field, for CRLs without an authority key identifier.
pub const ISSUER_DN: &str = "cf.tls_client_auth.cert_issuer_dn";

/// Whether `reference` is one of the block rules' refs (`mtls_revoked_<n>`).
pub fn is_block_revoked_ref(reference: &str) -> bool {
    reference
        .strip_prefix(REF_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// How a revoked certificate's issuer is named in the rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Issuer {
    /// The issuer's SKI (`cf.tls_client_auth.cert_issuer_ski`), upper-case hex.
    Ski(String),
    /// The issuer's DN (`cf.tls_client_auth.cert_issuer_dn`), RFC 2253.
    Dn(String),
}

/// One revoked certificate, as the edge names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Revoked {
    /// Its issuer.
    pub issuer: Issuer,
    /// `cf.tls_client_auth.cert_serial`.
    pub serial: String,
}

/// Errors reading revocations.
#[derive(Debug, thiserror::Error)]
pub enum RevokedError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A CRL file did not parse.
    #[error("{name}: not a usable CRL: {reason}")]
    Crl {
        /// File name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The rules could not be built.
    #[error(transparent)]
    Generate(#[from] GenerateError),
}

/// The certificates the store's index marks revoked.
pub fn from_store(store: &Store) -> Result<Vec<Revoked>, StoreError> {
    Ok(store
        .revoked()?
        .iter()
        .map(|r| Revoked {
            issuer: Issuer::Ski(r.issuer_ski.to_ascii_uppercase()),
            serial: crl::serial_hex(&r.serial),
        })
        .collect())
}

/// The certificates a CRL file (PEM, possibly several CRLs, or DER) lists.
pub fn from_crl_file(path: &Path) -> Result<Vec<Revoked>, RevokedError> {
    let input = load::load(path)?;
    let ders: Vec<&[u8]> = if input.pem {
        input
            .blocks
            .iter()
            .filter(|b| b.kind == Kind::Crl)
            .map(|b| b.der.as_slice())
            .collect()
    } else {
        input.blocks.iter().map(|b| b.der.as_slice()).collect()
    };
    if ders.is_empty() {
        return Err(RevokedError::Crl {
            name: input.name.clone(),
            reason: format!("the file holds {}", input.describe()),
        });
    }
    let mut out = Vec::new();
    for der in ders {
        let c = crl::parse_crl(der).map_err(|e| RevokedError::Crl {
            name: input.name.clone(),
            reason: e.to_string(),
        })?;
        let issuer = match &c.authority_key_id {
            Some(aki) => Issuer::Ski(hex::encode_upper(aki)),
            None => {
                use x509_parser::prelude::{FromDer, X509Name};
                let name = X509Name::from_der(&c.issuer_raw).map_err(|e| RevokedError::Crl {
                    name: input.name.clone(),
                    reason: format!("issuer name: {e}"),
                })?;
                Issuer::Dn(crate::pki::dn::rfc2253(&name.1))
            }
        };
        out.extend(c.entries.iter().map(|e| Revoked {
            issuer: issuer.clone(),
            serial: e.serial_hex.clone(),
        }));
    }
    Ok(out)
}

fn lit(s: &str) -> Literal {
    Literal::Bytes(s.as_bytes().to_vec())
}

fn expression(issuer: &Issuer, serials: &[&str]) -> ast::Expr {
    let who = match issuer {
        Issuer::Ski(ski) => ast::field_eq_str(super::intent::ISSUER_SKI, ski),
        Issuer::Dn(dn) => ast::field_eq_str(ISSUER_DN, dn),
    };
    let items = serials.iter().map(|s| SetItem::Literal(lit(s))).collect();
    ast::and(
        who,
        ast::compare(ast::field(SERIAL), CmpOp::In, Rhs::Set(items)),
    )
}

fn filter_of(issuer: &Issuer, serials: &[&str]) -> Result<Filter, GenerateError> {
    Filter::from_ast(expression(issuer, serials)).map_err(|e| {
        GenerateError::Expression(format!(
            "internal error: the block-revoked rule does not type-check: {e}"
        ))
    })
}

/// The rules blocking `revoked` at the edge: duplicates dropped, grouped by issuer, each rule
/// within [`MAX_EXPRESSION`] characters, refs `mtls_revoked_1..n` in a stable order (issuer,
/// then serial). No revoked certificate: no rule.
pub fn block_rules(revoked: &[Revoked]) -> Result<Vec<Generated>, GenerateError> {
    let mut by_issuer: BTreeMap<&Issuer, Vec<&str>> = BTreeMap::new();
    for r in revoked {
        let list = by_issuer.entry(&r.issuer).or_default();
        if !list.contains(&r.serial.as_str()) {
            list.push(&r.serial);
        }
    }
    let mut chunks: Vec<(&Issuer, Vec<&str>)> = Vec::new();
    for (issuer, mut serials) in by_issuer {
        serials.sort_unstable();
        let mut current: Vec<&str> = Vec::new();
        for s in serials {
            current.push(s);
            if filter_of(issuer, &current)?.canonical().chars().count() > MAX_EXPRESSION {
                let last = current.pop();
                if current.is_empty() {
                    return Err(GenerateError::Expression(format!(
                        "serial {s:?} alone makes a rule over 4,096 characters"
                    )));
                }
                chunks.push((issuer, std::mem::take(&mut current)));
                current.extend(last);
            }
        }
        if !current.is_empty() {
            chunks.push((issuer, current));
        }
    }
    let n = chunks.len();
    let mut out = Vec::with_capacity(n);
    for (i, (issuer, serials)) in chunks.into_iter().enumerate() {
        let filter = filter_of(issuer, &serials)?;
        generate::round_trip(&filter)?;
        let reference = format!("{REF_PREFIX}{}", i + 1);
        let of = match issuer {
            Issuer::Ski(ski) => format!("issuer SKI {ski}"),
            Issuer::Dn(dn) => format!("issuer {dn}"),
        };
        let description = format!(
            "Block {} revoked certificate{} of {of} ({}/{n}; the edge never checks revocation for an uploaded CA)",
            serials.len(),
            if serials.len() == 1 { "" } else { "s" },
            i + 1
        );
        let spec = RuleSpec {
            reference: Some(reference.clone()),
            description: Some(description.clone()),
            action: Action::Block,
            enabled: true,
            expression: Some(filter.canonical()),
            paths: Vec::new(),
            path_prefixes: Vec::new(),
            hosts: Vec::new(),
            issuer_ski: None,
            issuer_cert: None,
            check_revoked: None,
            case_insensitive: None,
            action_parameters: None,
            logging: None,
        };
        out.push(Generated {
            reference,
            description,
            action: Action::Block,
            enabled: true,
            filter,
            spec,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(n: usize) -> Vec<Revoked> {
        (0..n)
            .map(|i| Revoked {
                issuer: Issuer::Ski("A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F".into()),
                serial: format!(
                    "{:032X}",
                    0x4000_0000_0000_0000_0000_0000_0000_0000u128 + i as u128
                ),
            })
            .collect()
    }

    #[test]
    fn splits_within_the_limit_and_keeps_every_serial() {
        let revoked = many(500);
        let rules = block_rules(&revoked).unwrap();
        assert!(rules.len() >= 5, "{}", rules.len());
        let mut seen = 0;
        for (i, g) in rules.iter().enumerate() {
            assert_eq!(g.reference, format!("mtls_revoked_{}", i + 1));
            let text = g.expression();
            assert!(text.chars().count() <= MAX_EXPRESSION, "{}", text.len());
            // Full: one more serial would not fit (except in the last rule).
            if i + 1 < rules.len() {
                assert!(text.chars().count() > MAX_EXPRESSION - 40, "{}", text.len());
            }
            assert!(text.starts_with(
                "cf.tls_client_auth.cert_issuer_ski eq \"A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F\" and cf.tls_client_auth.cert_serial in {"
            ), "{text}");
            seen += text.matches("\"4000").count();
        }
        assert_eq!(seen, 500);
        // Stable: the same input gives the same rules.
        let again = block_rules(&revoked).unwrap();
        assert_eq!(
            again.iter().map(Generated::expression).collect::<Vec<_>>(),
            rules.iter().map(Generated::expression).collect::<Vec<_>>()
        );
    }

    #[test]
    fn groups_by_issuer_and_drops_duplicates() {
        let r = |i: &str, s: &str| Revoked {
            issuer: Issuer::Ski(i.into()),
            serial: s.into(),
        };
        let rules = block_rules(&[r("AA", "01"), r("BB", "01"), r("AA", "01")]).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(
            rules[0].expression(),
            "cf.tls_client_auth.cert_issuer_ski eq \"AA\" and cf.tls_client_auth.cert_serial in {\"01\"}"
        );
        assert!(block_rules(&[]).unwrap().is_empty());
    }

    #[test]
    fn block_revoked_refs() {
        assert!(is_block_revoked_ref("mtls_revoked_1"));
        assert!(is_block_revoked_ref("mtls_revoked_12"));
        assert!(!is_block_revoked_ref("mtls_revoked_"));
        assert!(!is_block_revoked_ref("mtls_revoked_x"));
        assert!(!is_block_revoked_ref("mtls_admin"));
    }
}
