//! What `mtlsctl.yaml` asks Cloudflare to have: its `cloudflare:` section read, the CA file
//! checked (a CA certificate, no key, no CSR), and the selected rules rendered as API rule
//! objects for the zone's plan ([`crate::edge::deploy`]); and the other way, a deployed rule
//! as an `mtlsctl.yaml` entry (`cf rules pull`) that deploys back to the same rule.

use std::path::{Path, PathBuf};

use super::api::fingerprint;
use super::plan::{Desired, DesiredCa, DesiredRule, norm_host};
use crate::edge::deploy::api_rule_for_plan;
use crate::edge::generate;
use crate::edge::lint::{self, Plan, Severity};
use crate::edge::ruleset::{
    self, Action, CaChoice, CloudflareSpec, Logging, RuleSpec, RulesDocument,
};
use crate::pki::load::{self, Kind};
use crate::pki::sanitize::sanitize;
use crate::pki::{cert, store::Store};

/// Why the desired state could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DesiredError {
    /// The rules file.
    #[error(transparent)]
    Ruleset(#[from] ruleset::RulesetError),
    /// Generating a rule.
    #[error(transparent)]
    Generate(#[from] generate::GenerateError),
    /// The CA file.
    #[error("{0}")]
    Ca(String),
    /// The section asks for something inconsistent.
    #[error("{file}: cloudflare: {reason}")]
    Section {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
}

/// A read `mtlsctl.yaml`.
#[derive(Debug, Clone)]
pub struct RulesFile {
    /// Its path.
    pub path: PathBuf,
    /// Its name for messages.
    pub name: String,
    /// Its content.
    pub doc: RulesDocument,
}

impl RulesFile {
    /// Reads and parses the file.
    pub fn read(path: &Path) -> Result<RulesFile, DesiredError> {
        let bytes = load::read_bytes(path).map_err(ruleset::RulesetError::from)?;
        let name = load::name_of(path);
        let text = String::from_utf8(bytes).map_err(|_| ruleset::RulesetError::Yaml {
            file: name.clone(),
            reason: "not UTF-8 text".into(),
        })?;
        let doc = ruleset::parse_document(&text, &name)?;
        Ok(RulesFile {
            path: path.to_path_buf(),
            name,
            doc,
        })
    }

    /// The `cloudflare:` section (an error when there is none).
    pub fn section(&self) -> Result<&CloudflareSpec, DesiredError> {
        self.doc
            .cloudflare
            .as_ref()
            .ok_or_else(|| DesiredError::Section {
                file: self.name.clone(),
                reason: "no `cloudflare:` section: add one with the zone, hostnames and rules to deploy (see the README)".into(),
            })
    }

    fn base(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// The CA certificate in `path`, checked for upload: certificates only, the first a CA.
/// Returns the PEM to send, its fingerprint and SKI.
pub fn read_ca(path: &Path) -> Result<(String, String, Option<String>), DesiredError> {
    let input = load::load(path).map_err(|e| DesiredError::Ca(e.to_string()))?;
    let name = &input.name;
    for b in &input.blocks {
        match b.kind {
            Kind::PrivateKey | Kind::EncryptedPrivateKey => {
                return Err(DesiredError::Ca(format!(
                    "{name}: holds a private key; mtlsctl never sends a key to Cloudflare: give a file with the CA certificate only"
                )));
            }
            Kind::Csr => {
                return Err(DesiredError::Ca(format!(
                    "{name}: holds a certificate signing request, not a CA certificate"
                )));
            }
            _ => {}
        }
    }
    let certs = input.certificates();
    let Some(first) = certs.first() else {
        return Err(DesiredError::Ca(format!(
            "{name}: no certificate in it ({})",
            input.describe()
        )));
    };
    let mut pem_text = String::new();
    for (i, der) in certs.iter().enumerate() {
        let c = cert::parse(der).map_err(|e| DesiredError::Ca(format!("{name}: {e}")))?;
        if !c.is_ca() {
            return Err(DesiredError::Ca(format!(
                "{name}: certificate {} is not a CA (CA:FALSE, a leaf): upload the CA that issued the client certificates",
                i + 1
            )));
        }
        pem_text.push_str(&crate::pki::pem_lf(
            "CERTIFICATE",
            cert::exact(der).to_vec(),
        ));
    }
    let first = cert::exact(first);
    let c = cert::parse(first).map_err(|e| DesiredError::Ca(format!("{name}: {e}")))?;
    let ski = cert::ski(&c).map(cert::hex_upper);
    Ok((pem_text, fingerprint(first), ski))
}

/// The desired CA of a section.
pub fn desired_ca(
    file: &RulesFile,
    section: &CloudflareSpec,
    store: &Store,
) -> Result<DesiredCa, DesiredError> {
    let path = match section.ca_choice(file.base()) {
        CaChoice::Managed => return Ok(DesiredCa::Managed),
        CaChoice::Store => {
            let p = store.ca_cert_path();
            if !p.exists() {
                return Err(DesiredError::Ca(format!(
                    "the store has no CA ({}): create one with `mtlsctl cert create --ca`, or set `ca:` in the cloudflare section",
                    p.display()
                )));
            }
            p
        }
        CaChoice::File(p) => p,
    };
    let (pem, fingerprint_sha256, ski) = read_ca(&path)?;
    Ok(DesiredCa::Cert {
        name: section.ca_name.clone().unwrap_or_else(|| "mtlsctl".into()),
        pem,
        fingerprint_sha256,
        ski,
        source: sanitize(&path.display().to_string()).into_owned(),
    })
}

/// Everything the file asks for, with the rules shaped for `plan`.
pub fn desired(file: &RulesFile, store: &Store, plan: Plan) -> Result<Desired, DesiredError> {
    let section = file.section()?;
    let err = |reason: String| DesiredError::Section {
        file: file.name.clone(),
        reason,
    };
    for h in section.hostnames.iter().chain(&section.remove_hostnames) {
        let n = norm_host(h);
        if n.is_empty() || n.contains('/') || n.contains(':') || n.chars().any(char::is_whitespace)
        {
            return Err(err(format!("{:?} is not a hostname", sanitize(h))));
        }
    }
    if let Some(h) = section.hostnames.iter().find(|h| {
        section
            .remove_hostnames
            .iter()
            .any(|r| norm_host(r) == norm_host(h))
    }) {
        return Err(err(format!(
            "{} is under both hostnames and remove_hostnames",
            sanitize(h)
        )));
    }
    let ca = desired_ca(file, section, store)?;
    let generated = generate::from_rules_file(&file.path)?;
    // Deployed rules are found again by ref: every rule deployed needs one of its own (an
    // explicit `rules:` list can only name rules that have one).
    for (i, spec) in file.doc.rules.iter().enumerate() {
        if spec.reference.is_none() && section.rules.is_none() {
            return Err(err(format!(
                "rule {} has no `ref`: give every deployed rule a stable ref",
                i + 1
            )));
        }
    }
    let selected: Vec<&generate::Generated> = match &section.rules {
        None => generated.iter().collect(),
        Some(refs) => {
            let mut out = Vec::new();
            for r in refs {
                match generated.iter().find(|g| g.reference == *r) {
                    Some(g) => out.push(g),
                    None => {
                        return Err(err(format!(
                            "rules: no rule with ref {:?} in this file",
                            sanitize(r)
                        )));
                    }
                }
            }
            out
        }
    };
    if let Some(r) = section
        .remove_rules
        .iter()
        .find(|r| selected.iter().any(|g| g.reference == **r))
    {
        return Err(err(format!(
            "rule {} is both deployed and under remove_rules",
            sanitize(r)
        )));
    }
    let mut notes = Vec::new();
    let mut blockers = Vec::new();
    let mut rules = Vec::new();
    for g in selected {
        for f in lint::lint_tree(&g.reference, g.filter.ast(), None, g.action, plan) {
            if f.severity == Severity::Error && f.id.starts_with("plan-") {
                blockers.push(format!("rule {}: {}", f.rule, f.message));
            }
        }
        match api_rule_for_plan(g, plan) {
            Ok((rule, note)) => {
                notes.extend(note);
                rules.push(DesiredRule {
                    reference: g.reference.clone(),
                    rule,
                });
            }
            Err(e) => blockers.push(e.to_string()),
        }
    }
    Ok(Desired {
        ca,
        hostnames: section.hostnames.clone(),
        remove_hostnames: section.remove_hostnames.clone(),
        rules,
        remove_rules: section.remove_rules.clone(),
        notes,
        blockers,
    })
}

/// A deployed rule (an API rule object) as an `mtlsctl.yaml` entry that deploys back to the
/// same rule: its ref (its id when it has none), description (even empty, so no default is
/// made up), action, `action_parameters` (`{}` when it has none and the action's default
/// would add some), `enabled`, `logging` and expression as written. Fields the file does not
/// model (`ratelimit`, ...) stay in the zone: an update of the rule keeps them.
///
/// Refused (the reason) for an action mtlsctl does not evaluate.
pub fn spec_from_deployed(r: &serde_json::Value) -> Result<RuleSpec, String> {
    use serde_json::Value;
    let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let reference = if s("ref").is_empty() {
        s("id")
    } else {
        s("ref")
    };
    let action: Action = s("action").parse().map_err(|_| {
        format!(
            "rule {}: action {} is not a custom-rule action mtlsctl evaluates",
            sanitize(&reference),
            sanitize(&s("action"))
        )
    })?;
    let action_parameters = match r.get("action_parameters") {
        Some(p) if !p.is_null() => Some(p.clone()),
        _ => generate::default_action_parameters(action).map(|_| serde_json::json!({})),
    };
    let logging = r
        .get("logging")
        .and_then(|l| l.get("enabled"))
        .and_then(Value::as_bool)
        .map(|enabled| Logging { enabled });
    Ok(RuleSpec {
        reference: Some(reference),
        description: Some(s("description")),
        action,
        action_parameters,
        enabled: r.get("enabled").and_then(Value::as_bool).unwrap_or(true),
        logging,
        expression: Some(s("expression")),
        paths: vec![],
        path_prefixes: vec![],
        hosts: vec![],
        issuer_ski: None,
        issuer_cert: None,
        check_revoked: None,
        case_insensitive: None,
    })
}
