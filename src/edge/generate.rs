//! Rules in the forms operators deploy them: the one-line expression, the Rulesets API rule
//! object (and the entrypoint PUT body), Terraform provider v5 `cloudflare_ruleset`, and an
//! `mtlsctl.yaml` entry; plus appending an entry to `mtlsctl.yaml` without losing what is there.
//!
//! Owns the output shapes of `cloudflare.md` §4. It does not decide the shape of expressions
//! ([`Intent`] does) and does not print: it returns text and JSON values for the command.

use std::path::Path;

use serde_json::{Value, json};

use super::intent::{Intent, IntentError};
use super::normalize::{Normalization, normalize_path};
use super::ruleset::{self, Action, RuleSpec, RulesetError};
use crate::rules::{self, Filter};

/// The longest expression the edge accepts, in characters.
pub const MAX_EXPRESSION: usize = 4096;

/// An output format of `rule generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The expression alone, one line.
    Expression,
    /// The Rulesets API rule object.
    Json,
    /// A Terraform provider v5 `cloudflare_ruleset` resource.
    Terraform,
    /// An `mtlsctl.yaml` entry.
    Yaml,
}

impl std::str::FromStr for Format {
    type Err = GenerateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "expression" => Format::Expression,
            "json" => Format::Json,
            "terraform" => Format::Terraform,
            "yaml" => Format::Yaml,
            other => return Err(GenerateError::Format(other.to_string())),
        })
    }
}

/// Why a rule could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// An unknown `--format`.
    #[error("unknown format {0:?}: use expression, json, terraform or yaml")]
    Format(String),
    /// The intent cannot be expressed.
    #[error(transparent)]
    Intent(#[from] IntentError),
    /// A value that looks like something else than an SKI.
    #[error("{0}")]
    Ski(String),
    /// A path the edge would never see as written.
    #[error("{0}")]
    Path(String),
    /// A rules file problem.
    #[error(transparent)]
    Ruleset(#[from] RulesetError),
    /// The printed expression did not parse back to the same tree (a bug), or is too long.
    #[error("{0}")]
    Expression(String),
    /// `mtlsctl.yaml` cannot take the new entry.
    #[error("{0}")]
    Save(String),
}

/// One generated rule, ready to render in any format.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The rule's ref.
    pub reference: String,
    /// Its description.
    pub description: String,
    /// Its action.
    pub action: Action,
    /// Whether it is enabled.
    pub enabled: bool,
    /// The checked expression.
    pub filter: Filter,
    /// The same rule as an `mtlsctl.yaml` entry.
    pub spec: RuleSpec,
}

impl Generated {
    /// The canonical one-line expression.
    pub fn expression(&self) -> String {
        self.filter.canonical()
    }
}

/// An issuer SKI as Cloudflare compares it, with a note when the input had to be rewritten.
///
/// Colons, spaces and lower case (the API's format) are normalized; a decimal number (the
/// API's serial) or anything that is not hex is refused.
pub fn issuer_ski(input: &str) -> Result<(String, Option<String>), GenerateError> {
    let trimmed = input.trim();
    let digits_only = !trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit());
    if digits_only && trimmed.len() != 40 {
        return Err(GenerateError::Ski(format!(
            "--issuer-ski {trimmed:?} is a decimal number (the API's certificate serial?), not a Subject Key Identifier: get the SKI with `mtlsctl ski client.crt`, or use --pin-ca CA.pem"
        )));
    }
    let ski = super::intent::normalize_ski(trimmed).map_err(|_| {
        GenerateError::Ski(format!(
            "--issuer-ski {trimmed:?} is not hex: an issuer SKI is upper-case hex without colons, e.g. A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F (`mtlsctl ski client.crt` prints it)"
        ))
    })?;
    let note = (ski != trimmed).then(|| {
        format!("note: --issuer-ski normalized to {ski} (Cloudflare compares upper-case hex without colons)")
    });
    Ok((ski, note))
}

/// Refuses paths the edge never shows to a rule as written (a query, a fragment, a path
/// that URL normalization rewrites).
pub fn check_path(p: &str) -> Result<(), GenerateError> {
    if p.contains(['?', '#']) {
        return Err(GenerateError::Path(format!(
            "path {p:?}: http.request.uri.path holds no query or fragment; give the path alone"
        )));
    }
    if p.chars().any(|c| c.is_control() || c == ' ') {
        return Err(GenerateError::Path(format!(
            "path {p:?}: spaces and control characters reach the edge percent-encoded; write them as %20 etc."
        )));
    }
    let normalized = normalize_path(p, Normalization::Rfc3986);
    if p.starts_with('/') && normalized != p {
        return Err(GenerateError::Path(format!(
            "path {p:?}: the edge normalizes it to {normalized:?} before rules run, so the rule would never match it; use {normalized:?}"
        )));
    }
    Ok(())
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// A ref derived from the intent: `mtls_` and the first path, prefix or host.
pub fn default_ref(intent: &Intent) -> String {
    let first = intent
        .paths
        .iter()
        .chain(&intent.path_prefixes)
        .map(|p| slug(p))
        .find(|s| !s.is_empty())
        .or_else(|| intent.hosts.first().map(|h| slug(h)))
        .unwrap_or_else(|| "all_paths".to_string());
    format!("mtls_{first}")
}

/// A description derived from the intent, e.g.
/// "Require a valid, unrevoked client certificate on /admin".
pub fn default_description(intent: &Intent) -> String {
    let mut s = String::from("Require a valid");
    if intent.check_revoked {
        s.push_str(", unrevoked");
    }
    s.push_str(" client certificate");
    if intent.issuer_ski.is_some() {
        s.push_str(" from the pinned CA");
    }
    let mut places: Vec<String> = intent.paths.clone();
    for p in &intent.path_prefixes {
        let base = p.trim_end_matches('/');
        if base.is_empty() {
            // `--path-prefix /` protects every path.
            places.clear();
            break;
        }
        places.push(format!("{base} and below"));
    }
    if places.is_empty() {
        s.push_str(" on every path");
    } else {
        s.push_str(" on ");
        s.push_str(&places.join(", "));
    }
    if !intent.hosts.is_empty() {
        s.push_str(" of ");
        s.push_str(&intent.hosts.join(", "));
    }
    s
}

/// Checks that `filter` prints to text that parses back to the same tree, within the limit.
pub(crate) fn round_trip(filter: &Filter) -> Result<(), GenerateError> {
    let text = filter.canonical();
    let chars = text.chars().count();
    if chars > MAX_EXPRESSION {
        return Err(IntentError::TooLong(chars).into());
    }
    let back = rules::parse(&text).map_err(|e| {
        GenerateError::Expression(format!(
            "internal error: the generated expression does not parse back: {e}"
        ))
    })?;
    if back.ast() != filter.ast() {
        return Err(GenerateError::Expression(format!(
            "internal error: the generated expression parses to a different tree: {text}"
        )));
    }
    Ok(())
}

/// A rule from an intent (the flags of `rule generate`).
pub fn from_intent(
    intent: &Intent,
    reference: Option<String>,
    description: Option<String>,
    action: Action,
) -> Result<Generated, GenerateError> {
    for p in intent.paths.iter().chain(&intent.path_prefixes) {
        check_path(p)?;
    }
    for h in &intent.hosts {
        if h.contains('*') {
            return Err(GenerateError::Path(format!(
                "host {h:?}: http.host is compared exactly, so `*` is not a wildcard there; list each host (and note Cloudflare's mTLS hostname needs an origin certificate matching it, not a wildcard one)"
            )));
        }
    }
    let filter = intent.to_filter()?;
    round_trip(&filter)?;
    let reference = reference.unwrap_or_else(|| default_ref(intent));
    let description = description.unwrap_or_else(|| default_description(intent));
    let spec = RuleSpec {
        reference: Some(reference.clone()),
        description: Some(description.clone()),
        action,
        enabled: true,
        expression: None,
        paths: intent.paths.clone(),
        path_prefixes: intent.path_prefixes.clone(),
        hosts: intent.hosts.clone(),
        issuer_ski: intent.issuer_ski.clone(),
        issuer_cert: None,
        check_revoked: Some(intent.check_revoked),
        case_insensitive: intent.case_insensitive.then_some(true),
        action_parameters: None,
        logging: None,
    };
    Ok(Generated {
        reference,
        description,
        action,
        enabled: true,
        filter,
        spec,
    })
}

/// Every rule of a rules file, in order. Intent entries have their `issuer_cert` resolved to
/// `issuer_ski`, so the YAML output stands on its own.
pub fn from_rules_file(path: &Path) -> Result<Vec<Generated>, GenerateError> {
    let bytes = crate::pki::load::read_bytes(path).map_err(RulesetError::from)?;
    let name = crate::pki::load::name_of(path);
    let text = String::from_utf8(bytes).map_err(|_| RulesetError::Yaml {
        file: name.clone(),
        reason: "not UTF-8 text".into(),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let specs = ruleset::parse_specs(&text, &name)?;
    let mut out = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let rule = spec.compile(i, &name, base)?;
        round_trip(&rule.filter)?;
        let mut spec = spec.clone();
        let intent = spec.intent(base).map_err(|reason| RulesetError::Rule {
            file: name.clone(),
            reference: rule.reference.clone(),
            reason,
        })?;
        let description = match (&spec.description, &intent) {
            (Some(d), _) => d.clone(),
            (None, Some(i)) => default_description(i),
            (None, None) => format!("mTLS rule {}", rule.reference),
        };
        if let Some(i) = &intent {
            spec.issuer_ski = i.issuer_ski.clone();
            spec.issuer_cert = None;
        } else {
            spec.expression = Some(rule.filter.canonical());
        }
        spec.reference = Some(rule.reference.clone());
        out.push(Generated {
            reference: rule.reference,
            description,
            action: rule.action,
            enabled: rule.enabled,
            filter: rule.filter,
            spec,
        });
    }
    Ok(out)
}

/// `action_parameters` an action needs on the API when the file gives none (block: the 403
/// response of §4; skip: skip the rest of the phase's custom rules).
pub fn default_action_parameters(action: Action) -> Option<Value> {
    match action {
        Action::Block => Some(json!({
            "response": {
                "status_code": 403,
                "content": "client certificate required",
                "content_type": "text/plain"
            }
        })),
        Action::Skip => Some(json!({ "ruleset": "current" })),
        _ => None,
    }
}

/// The rule's `action_parameters` on the API: the file's (`{}`: none), else what the action
/// needs.
pub fn rule_action_parameters(g: &Generated) -> Option<Value> {
    match &g.spec.action_parameters {
        Some(Value::Object(m)) if m.is_empty() => None,
        Some(p) => Some(p.clone()),
        None => default_action_parameters(g.action),
    }
}

/// The Rulesets API rule object (`POST .../rulesets/{id}/rules`).
pub fn api_rule(g: &Generated) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("ref".into(), json!(g.reference));
    m.insert("description".into(), json!(g.description));
    m.insert("expression".into(), json!(g.expression()));
    m.insert("action".into(), json!(g.action.as_str()));
    if let Some(p) = rule_action_parameters(g) {
        m.insert("action_parameters".into(), p);
    }
    m.insert("enabled".into(), json!(g.enabled));
    if let Some(l) = g.spec.logging {
        m.insert("logging".into(), json!({ "enabled": l.enabled }));
    }
    Value::Object(m)
}

/// A JSON value as an HCL expression (objects as `{ k = v }`, lists as `[a, b]`).
pub fn hcl_value(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(hcl_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| {
                    let key = if !k.is_empty()
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !k.starts_with(|c: char| c.is_ascii_digit())
                    {
                        k.clone()
                    } else {
                        hcl_string(k)
                    };
                    format!("{key} = {}", hcl_value(v))
                })
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

/// A string as an HCL quoted template: `"` and `\` escaped, control characters escaped, and
/// `${` / `%{` doubled so Terraform does not read them as interpolation.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Terraform provider v5 `cloudflare_ruleset` resource holding `rules` (§4's shape).
pub fn terraform(rules: &[Generated]) -> String {
    let mut s = String::from(
        "resource \"cloudflare_ruleset\" \"mtls\" {\n  zone_id = var.zone_id\n  name    = \"mTLS custom rules\"\n  kind    = \"zone\"\n  phase   = \"http_request_firewall_custom\"\n  rules = [",
    );
    for (i, g) in rules.iter().enumerate() {
        s.push_str(if i == 0 { "{\n" } else { ", {\n" });
        let mut attrs: Vec<(&str, String)> = vec![
            ("ref", hcl_string(&g.reference)),
            ("description", hcl_string(&g.description)),
            ("expression", hcl_string(&g.expression())),
            ("action", hcl_string(g.action.as_str())),
        ];
        // Terraform leaves a block rule's response to Cloudflare's default unless the file
        // gives one.
        let params = match (&g.spec.action_parameters, g.action) {
            (None, Action::Block) => None,
            _ => rule_action_parameters(g),
        };
        if let Some(p) = params {
            attrs.push(("action_parameters", hcl_value(&p)));
        }
        attrs.push(("enabled", g.enabled.to_string()));
        if let Some(l) = g.spec.logging {
            attrs.push(("logging", format!("{{ enabled = {} }}", l.enabled)));
        }
        let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in attrs {
            s.push_str(&format!("    {k:<width$} = {v}\n"));
        }
        s.push_str("  }");
    }
    s.push_str("]\n}\n");
    s
}

/// The rules as `mtlsctl.yaml` entries (a YAML list, ready to append to the file).
pub fn yaml(rules: &[Generated]) -> Result<String, GenerateError> {
    let specs: Vec<&RuleSpec> = rules.iter().map(|g| &g.spec).collect();
    serde_yaml::to_string(&specs)
        .map_err(|e| GenerateError::Expression(format!("internal error: writing YAML: {e}")))
}

fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---"
    })
}

/// The text of `mtlsctl.yaml` with `spec` appended, keeping every existing byte (comments
/// included). `existing` must parse; a duplicate ref is refused; the result is checked to
/// parse to the old rules plus the new one.
pub fn append_entry(existing: &str, file: &str, spec: &RuleSpec) -> Result<String, GenerateError> {
    let old = if has_content(existing) {
        ruleset::parse_specs(existing, file)?
    } else {
        Vec::new()
    };
    if let Some(r) = &spec.reference {
        let taken = old.iter().enumerate().any(|(i, s)| {
            s.reference
                .clone()
                .unwrap_or_else(|| format!("rule-{}", i + 1))
                == *r
        });
        if taken {
            return Err(GenerateError::Save(format!(
                "{file}: a rule with ref {r:?} already exists; choose another --ref"
            )));
        }
    }
    let entry = serde_yaml::to_string(&[spec])
        .map_err(|e| GenerateError::Save(format!("internal error: writing YAML: {e}")))?;
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let rules_line = lines.iter().position(|l| l.starts_with("rules:"));
    let mut text = String::new();
    match rules_line {
        // A `rules:` map form with items: the entry goes right after the last one, indented
        // like the first, before whatever follows the list (a `cloudflare:` section).
        Some(r) if !old.is_empty() => {
            let indent = lines[r + 1..]
                .iter()
                .find(|l| l.trim_start().starts_with("- "))
                .map(|l| " ".repeat(l.len() - l.trim_start().len()))
                .unwrap_or_else(|| "  ".to_string());
            let end = rules_block_end(&lines, r);
            text.extend(lines[..end].iter().copied());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            for line in entry.lines() {
                text.push_str(&indent);
                text.push_str(line);
                text.push('\n');
            }
            text.extend(lines[end..].iter().copied());
        }
        _ => {
            text.push_str(existing);
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&entry);
        }
    }
    let mut want = if has_content(existing) {
        ruleset::parse_document(existing, file)?
    } else {
        ruleset::RulesDocument::default()
    };
    want.rules.push(spec.clone());
    match ruleset::parse_document(&text, file) {
        Ok(got) if got == want => Ok(text),
        _ => Err(GenerateError::Save(format!(
            "{file}: cannot append to this file's layout safely (a flow-style list?); add the entry by hand (rule generate --format yaml)"
        ))),
    }
}

/// In a `rules:` map form whose key is on line `r`, the line after the list's last item: the
/// list ends at the next top-level key (a line that starts with neither a space, `-` nor
/// `#`), and the blank lines and comments just above that key stay with it.
fn rules_block_end(lines: &[&str], r: usize) -> usize {
    let mut end = lines[r + 1..]
        .iter()
        .position(|l| {
            l.chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
        })
        .map_or(lines.len(), |p| p + r + 1);
    while end > r + 1 {
        let above = lines[end - 1].trim();
        if above.is_empty() || above.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The text of `mtlsctl.yaml` with every entry whose ref satisfies `drop` removed and `new`
/// put in their place (where the first dropped one was; else before the first entry), keeping
/// every other byte. Refused when the layout cannot be edited safely, or a ref of `new` is
/// taken by a kept entry; the result is checked to parse to exactly the expected rules.
pub fn replace_entries(
    existing: &str,
    file: &str,
    drop: impl Fn(&str) -> bool,
    new: &[RuleSpec],
) -> Result<String, GenerateError> {
    let old = if has_content(existing) {
        ruleset::parse_specs(existing, file)?
    } else {
        Vec::new()
    };
    let ref_of = |i: usize, s: &RuleSpec| {
        s.reference
            .clone()
            .unwrap_or_else(|| format!("rule-{}", i + 1))
    };
    let dropped: Vec<bool> = old
        .iter()
        .enumerate()
        .map(|(i, s)| drop(&ref_of(i, s)))
        .collect();
    for n in new {
        if let Some(r) = &n.reference
            && old
                .iter()
                .enumerate()
                .any(|(i, s)| !dropped[i] && ref_of(i, s) == *r)
        {
            return Err(GenerateError::Save(format!(
                "{file}: a rule with ref {r:?} already exists and is not one mtlsctl replaces; rename it"
            )));
        }
    }
    let mut entries_text = String::new();
    if !new.is_empty() {
        entries_text = serde_yaml::to_string(new)
            .map_err(|e| GenerateError::Save(format!("internal error: writing YAML: {e}")))?;
    }
    let at = dropped.iter().position(|d| *d).unwrap_or(0);
    let mut want: Vec<RuleSpec> = Vec::new();
    for (i, s) in old.iter().enumerate() {
        if i == at {
            want.extend(new.iter().cloned());
        }
        if !dropped[i] {
            want.push(s.clone());
        }
    }
    if old.is_empty() {
        want.extend(new.iter().cloned());
    }
    let refuse = || {
        GenerateError::Save(format!(
            "{file}: cannot edit this file's layout safely (a flow-style list?); replace the mtls_revoked_* rules by hand (rule generate --block-revoked --format yaml)"
        ))
    };
    let text = if old.is_empty() {
        let mut t = existing.to_string();
        if !t.is_empty() && !t.ends_with('\n') {
            t.push('\n');
        }
        if !new.is_empty() && existing.lines().any(|l| l.starts_with("rules:")) {
            return Err(refuse());
        }
        t.push_str(&entries_text);
        t
    } else {
        // Where each entry starts: `- ` at the list's indentation (`rules:` map form: the
        // indentation of its first item).
        let lines: Vec<&str> = existing.split_inclusive('\n').collect();
        let map_form = existing.lines().any(|l| l.starts_with("rules:"));
        let first_item = if map_form {
            lines
                .iter()
                .position(|l| l.starts_with("rules:"))
                .and_then(|r| {
                    lines[r + 1..]
                        .iter()
                        .position(|l| l.trim_start().starts_with("- "))
                        .map(|p| p + r + 1)
                })
        } else {
            lines.iter().position(|l| l.starts_with("- "))
        };
        let Some(first_item) = first_item else {
            return Err(refuse());
        };
        // The list ends before whatever follows it (a `cloudflare:` section).
        let block_end = if map_form {
            let r = lines
                .iter()
                .position(|l| l.starts_with("rules:"))
                .unwrap_or(0);
            rules_block_end(&lines, r)
        } else {
            lines.len()
        };
        let indent_len = lines[first_item].len() - lines[first_item].trim_start().len();
        let indent = &lines[first_item][..indent_len];
        let starts: Vec<usize> = (first_item..block_end)
            .filter(|&i| {
                lines[i].starts_with(indent)
                    && (lines[i][indent_len..].starts_with("- ")
                        || lines[i][indent_len..].trim_end() == "-")
            })
            .collect();
        if starts.len() != old.len() {
            return Err(refuse());
        }
        // Comments and blank lines just above an entry belong to it.
        let mut leads = starts.clone();
        for k in 1..leads.len() {
            while leads[k] > starts[k - 1] + 1 {
                let above = lines[leads[k] - 1].trim();
                if above.is_empty() || above.starts_with('#') {
                    leads[k] -= 1;
                } else {
                    break;
                }
            }
        }
        let mut out = String::new();
        out.extend(lines[..first_item].iter().copied());
        for (k, &start) in leads.iter().enumerate() {
            let end = leads.get(k + 1).copied().unwrap_or(block_end);
            if k == at {
                for l in entries_text.lines() {
                    out.push_str(indent);
                    out.push_str(l);
                    out.push('\n');
                }
            }
            if !dropped[k] {
                out.extend(lines[start..end].iter().copied());
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        out.extend(lines[block_end..].iter().copied());
        out
    };
    // The whole document is compared: the rules as expected, any `cloudflare:` section as it was.
    let mut want_doc = if has_content(existing) {
        ruleset::parse_document(existing, file)?
    } else {
        ruleset::RulesDocument::default()
    };
    want_doc.rules = want;
    let got = if has_content(&text) {
        ruleset::parse_document(&text, file).ok()
    } else {
        Some(ruleset::RulesDocument::default())
    };
    match got {
        Some(got) if got == want_doc => Ok(text),
        _ => Err(refuse()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin() -> Generated {
        let i = Intent {
            paths: vec!["/admin".into()],
            check_revoked: true,
            ..Intent::default()
        };
        from_intent(&i, None, None, Action::Block).unwrap()
    }

    #[test]
    fn defaults_match_the_spec_example() {
        let g = admin();
        assert_eq!(g.reference, "mtls_admin");
        assert_eq!(
            g.description,
            "Require a valid, unrevoked client certificate on /admin"
        );
    }

    #[test]
    fn hcl_escapes() {
        assert_eq!(hcl_string(r#"a"b\c${x}%{y}$z"#), r#""a\"b\\c$${x}%%{y}$z""#);
        assert_eq!(hcl_string("\n\u{1}"), "\"\\n\\u0001\"");
    }

    #[test]
    fn ski_inputs() {
        assert_eq!(
            issuer_ski("A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F").unwrap(),
            ("A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F".into(), None)
        );
        let (s, note) = issuer_ski("a5:ac:55:42").unwrap();
        assert_eq!(s, "A5AC5542");
        assert!(note.is_some());
        assert!(issuer_ski("634543957306237409418573394213297386788040950937").is_err());
        assert!(issuer_ski("keyid:A5").is_err());
    }

    #[test]
    fn append_keeps_comments_and_refuses_duplicates() {
        let g = admin();
        let existing = "# ours\n- ref: other\n  expression: 'true'\n";
        let text = append_entry(existing, "mtlsctl.yaml", &g.spec).unwrap();
        assert!(text.starts_with(existing), "{text}");
        assert!(append_entry(&text, "mtlsctl.yaml", &g.spec).is_err());
        let map = "rules:\n  - ref: other\n    expression: 'true'\n";
        let text = append_entry(map, "mtlsctl.yaml", &g.spec).unwrap();
        assert_eq!(ruleset::parse_specs(&text, "x").unwrap().len(), 2);
        assert!(append_entry("[]\n", "m", &g.spec).is_err());
        assert!(append_entry("", "m", &g.spec).is_ok());
    }

    #[test]
    fn replace_entries_swaps_the_old_block_rules_and_keeps_the_rest() {
        let spec = |r: &str| RuleSpec {
            reference: Some(r.into()),
            description: None,
            action: Action::Block,
            enabled: true,
            expression: Some("true".into()),
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
        let is_rev = |r: &str| r.starts_with("mtls_revoked_");
        let existing = "# keep me\n- ref: mtls_revoked_1\n  expression: 'false'\n- ref: mtls_revoked_2\n  expression: 'false'\n# about admin\n- ref: mtls_admin\n  paths: [/admin]\n";
        let news = [spec("mtls_revoked_1")];
        let text = replace_entries(existing, "m", is_rev, &news).unwrap();
        assert!(text.starts_with("# keep me\n"), "{text}");
        assert!(text.contains("# about admin\n- ref: mtls_admin"), "{text}");
        let got = ruleset::parse_specs(&text, "m").unwrap();
        let refs: Vec<_> = got.iter().map(|s| s.reference.clone().unwrap()).collect();
        assert_eq!(refs, ["mtls_revoked_1", "mtls_admin"]);
        assert_eq!(got[0].expression.as_deref(), Some("true"));
        // None before: the new rules go first; map form keeps its indentation.
        let map = "rules:\n  - ref: mtls_admin\n    paths: [/admin]\n";
        let text = replace_entries(map, "m", is_rev, &news).unwrap();
        let refs: Vec<_> = ruleset::parse_specs(&text, "m")
            .unwrap()
            .iter()
            .map(|s| s.reference.clone().unwrap())
            .collect();
        assert_eq!(refs, ["mtls_revoked_1", "mtls_admin"]);
        // Nothing revoked any more: the old ones go.
        let text = replace_entries(existing, "m", is_rev, &[]).unwrap();
        assert_eq!(ruleset::parse_specs(&text, "m").unwrap().len(), 1);
        // A hand-written rule with a block-revoked ref that `drop` keeps is not overwritten.
        assert!(replace_entries(existing, "m", |_| false, &news).is_err());
        assert!(replace_entries("", "m", is_rev, &news).is_ok());
        assert!(replace_entries("[]\n", "m", is_rev, &news).is_err());
        // The last rule dropped, a `cloudflare:` section after the list: the section stays.
        let tail = "# deploy\ncloudflare:\n  zone: a.b\n  hostnames:\n  - x.a.b\n";
        let doc = format!(
            "rules:\n  - ref: mtls_admin\n    paths: [/admin]\n  - ref: mtls_revoked_1\n    expression: 'false'\n{tail}"
        );
        let text = replace_entries(&doc, "m", is_rev, &[]).unwrap();
        assert_eq!(
            text,
            format!("rules:\n  - ref: mtls_admin\n    paths: [/admin]\n{tail}")
        );
        let text = append_entry(&text, "m", &spec("b")).unwrap();
        assert!(
            text.ends_with(&format!("    expression: 'true'\n{tail}")),
            "{text}"
        );
        assert!(text.contains("[/admin]\n  - ref: b\n"), "{text}");
    }

    #[test]
    fn paths_the_edge_never_shows_are_refused() {
        assert!(check_path("/admin?x=1").is_err());
        assert!(check_path("/%61dmin").is_err());
        assert!(check_path("/a/../b").is_err());
        assert!(check_path("/admin/").is_ok());
        let star = Intent {
            hosts: vec!["*.acme.test".into()],
            ..Intent::default()
        };
        assert!(from_intent(&star, None, None, Action::Block).is_err());
    }
}
