//! The zone's rules as the edge runs them, and where they come from: an expression, a rules
//! file, `./mtlsctl.yaml`, or else the recommended rules for the store CA: the rules blocking
//! the store's revoked serials ([`super::revoked`]; the edge never checks an uploaded CA's
//! revocations, so `cert_revoked` alone would let them in), then [`recommended`].
//!
//! Shared by every command that decides requests (`rule test`, `serve`), so that they run the
//! same rules from the same sources. Reading an expression from stdin is the command's job;
//! this module takes its text.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::intent::{Intent, IntentError};
use super::ruleset::{self, Action, Rule, RulesetError};
use crate::pki::cert;
use crate::pki::load::{self, LoadError};
use crate::pki::store::{Store, StoreError};
use crate::rules;

/// The file read when neither an expression nor a rules file is given.
pub const LOCAL_RULES: &str = "mtlsctl.yaml";

/// Where the rules came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesSource {
    /// An expression given on the command line.
    Expr,
    /// A rules file (`--rules FILE` or `./mtlsctl.yaml`).
    File(PathBuf),
    /// The recommended rules for the store CA (block-revoked rules, then the recommended one).
    Recommended,
}

/// The rules to run, in order, and where they came from.
#[derive(Debug)]
pub struct ZoneRules {
    /// The rules in the order the edge runs them.
    pub rules: Vec<Rule>,
    /// Their source.
    pub source: RulesSource,
    /// What to tell the user about the choice (set when the recommended rule is used).
    pub note: Option<String>,
}

/// Errors finding or reading the rules.
#[derive(Debug, thiserror::Error)]
pub enum ZoneError {
    /// The expression does not parse (edge error format).
    #[error(transparent)]
    Expr(#[from] rules::ParseError),
    /// The rules file is unusable.
    #[error(transparent)]
    Rules(#[from] RulesetError),
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store CA could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The recommended rule could not be built.
    #[error(transparent)]
    Intent(#[from] IntentError),
    /// The block-revoked rules could not be built.
    #[error(transparent)]
    Generate(#[from] super::generate::GenerateError),
    /// The store CA is not a certificate mtlsctl can pin.
    #[error("{name}: {reason}")]
    StoreCa {
        /// The file.
        name: String,
        /// Why.
        reason: String,
    },
    /// Nothing to run.
    #[error(
        "no rules: pass --expr or --rules FILE, write ./mtlsctl.yaml (mtlsctl rule generate --save), or create a store CA for the recommended rule"
    )]
    NoRules,
}

/// One rule that blocks what `expr` matches, named `expr`.
pub fn expression_rule(expr: &str) -> Result<Rule, rules::ParseError> {
    Ok(Rule {
        reference: "expr".into(),
        description: None,
        action: Action::Block,
        enabled: true,
        filter: rules::parse(expr)?,
    })
}

/// The rules from `expr`, else `file`, else `./mtlsctl.yaml`, else the recommended rule for
/// the store CA.
pub fn load(
    expr: Option<&str>,
    file: Option<&Path>,
    store: &Store,
) -> Result<ZoneRules, ZoneError> {
    if let Some(e) = expr {
        return Ok(ZoneRules {
            rules: vec![expression_rule(e)?],
            source: RulesSource::Expr,
            note: None,
        });
    }
    let file = file.or_else(|| Some(Path::new(LOCAL_RULES)).filter(|p| p.exists()));
    if let Some(f) = file {
        return Ok(ZoneRules {
            rules: ruleset::load_rules(f)?,
            source: RulesSource::File(f.to_path_buf()),
            note: None,
        });
    }
    if !store.has_ca()? {
        return Err(ZoneError::NoRules);
    }
    let rule = recommended(store)?;
    let mut rules = revoked_rules(store)?;
    let mut note = format!(
        "no --expr, --rules or ./{LOCAL_RULES}: using the recommended rule for the store CA (verified, not revoked, issuer SKI pinned, every path):\n  {}",
        rule.filter.canonical()
    );
    if !rules.is_empty() {
        note.push_str(&format!(
            "\nand before it {} rule{} blocking the store's revoked serials ({}1..; mtlsctl rule generate --block-revoked writes them for the edge)",
            rules.len(),
            if rules.len() == 1 { "" } else { "s" },
            super::revoked::REF_PREFIX
        ));
    }
    rules.push(rule);
    Ok(ZoneRules {
        rules,
        source: RulesSource::Recommended,
        note: Some(note),
    })
}

/// The rules blocking the store's revoked certificates by serial (`mtls_revoked_1..n`, as
/// `rule generate --block-revoked` writes them); none when nothing is revoked.
pub fn revoked_rules(store: &Store) -> Result<Vec<Rule>, ZoneError> {
    let list = super::revoked::from_store(store)?;
    Ok(super::revoked::block_rules(&list)?
        .into_iter()
        .map(|g| Rule {
            reference: g.reference,
            description: Some(g.description),
            action: g.action,
            enabled: g.enabled,
            filter: g.filter,
        })
        .collect())
}

/// mtlsctl's recommended rule for the store CA: block what is not verified, revoked, or
/// issued by another CA, on every path.
pub fn recommended(store: &Store) -> Result<Rule, ZoneError> {
    let ca = load::load(&store.ca_cert_path())?;
    let der = ca.first_certificate()?;
    let parsed = cert::parse(der).map_err(|e| ZoneError::StoreCa {
        name: ca.name.clone(),
        reason: e.to_string(),
    })?;
    let ski = cert::ski(&parsed)
        .map(cert::hex_upper)
        .ok_or_else(|| ZoneError::StoreCa {
            name: ca.name.clone(),
            reason: "the store CA has no SKI to pin".into(),
        })?;
    let intent = Intent {
        issuer_ski: Some(ski),
        check_revoked: true,
        ..Intent::default()
    };
    Ok(Rule {
        reference: "recommended".into(),
        description: Some("mtlsctl's recommended rule for the store CA".into()),
        action: Action::Block,
        enabled: true,
        filter: intent.to_filter()?,
    })
}
