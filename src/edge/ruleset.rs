//! A zone's custom rules in order, and what the edge does with them for one request.
//!
//! Owns `mtlsctl.yaml` (a list of rules, each an expression or an [`Intent`]) and the
//! evaluation order of the `http_request_firewall_custom` phase: rules run in order,
//! disabled rules are passed over, a terminating action (`block` and the challenges) stops
//! evaluation, `skip` skips the remaining custom rules, `log` records and continues.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::intent::{Intent, IntentError};
use crate::pki::{cert, load};
use crate::rules::{self, Context, Filter, Trace};

/// A rule action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Block (403).
    Block,
    /// Managed challenge.
    ManagedChallenge,
    /// JavaScript challenge.
    JsChallenge,
    /// Interactive challenge.
    Challenge,
    /// Skip the remaining custom rules.
    Skip,
    /// Log and continue (Enterprise).
    Log,
}

impl Action {
    /// Every action's name.
    pub const NAMES: [&'static str; 6] = [
        "block",
        "managed_challenge",
        "js_challenge",
        "challenge",
        "skip",
        "log",
    ];

    /// True for actions that end evaluation with a verdict.
    pub fn terminates(self) -> bool {
        matches!(
            self,
            Action::Block | Action::ManagedChallenge | Action::JsChallenge | Action::Challenge
        )
    }

    /// The name Cloudflare uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Block => "block",
            Action::ManagedChallenge => "managed_challenge",
            Action::JsChallenge => "js_challenge",
            Action::Challenge => "challenge",
            Action::Skip => "skip",
            Action::Log => "log",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = RulesetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "block" => Action::Block,
            "managed_challenge" => Action::ManagedChallenge,
            "js_challenge" => Action::JsChallenge,
            "challenge" => Action::Challenge,
            "skip" => Action::Skip,
            "log" => Action::Log,
            other => {
                return Err(RulesetError::Action(other.to_string()));
            }
        })
    }
}

/// One entry of `mtlsctl.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A stable reference.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What the rule is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The action (default block).
    #[serde(default = "default_action")]
    pub action: Action,
    /// The action's parameters as the Rulesets API takes them, e.g. a block `response`
    /// (`status_code` 400-499, `content`, `content_type`). Absent: what the action needs
    /// (block: a 403 "client certificate required"; skip: the rest of the phase); `{}`: none
    /// (Cloudflare's default block page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_parameters: Option<serde_json::Value>,
    /// Whether the rule runs (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Cloudflare's `logging` of the rule (`{enabled: false}`: no log entry when it matches).
    /// Absent: the deployed rule's setting is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<Logging>,
    /// An expression, instead of an intent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// Exact paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Paths with their subtree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_prefixes: Vec<String>,
    /// Hosts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// Issuer SKI to pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_ski: Option<String>,
    /// A CA certificate file whose SKI is pinned (relative to the rules file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_cert: Option<PathBuf>,
    /// Block revoked certificates (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_revoked: Option<bool>,
    /// Compare paths case-insensitively.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_insensitive: Option<bool>,
}

/// A rule's `logging` object.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Logging {
    /// Whether a match is logged.
    pub enabled: bool,
}

/// Checks a rule's `action_parameters` for `action`: a mapping; a `response` only on a
/// block, with the three fields the API requires. Other parameters go to the API as written.
pub fn check_action_parameters(action: Action, params: &serde_json::Value) -> Result<(), String> {
    let Some(map) = params.as_object() else {
        return Err("action_parameters must be a mapping (e.g. `response: {...}`)".into());
    };
    let Some(resp) = map.get("response") else {
        return Ok(());
    };
    if action != Action::Block {
        return Err(format!(
            "action_parameters.response is for the block action, not {action}"
        ));
    }
    let bad = |what: &str| Err(format!("action_parameters.response: {what}"));
    let Some(r) = resp.as_object() else {
        return bad("must be a mapping with status_code, content and content_type");
    };
    match r.get("status_code").and_then(serde_json::Value::as_i64) {
        Some(400..=499) => {}
        _ => return bad("status_code must be a number from 400 to 499"),
    }
    for k in ["content", "content_type"] {
        if r.get(k)
            .and_then(serde_json::Value::as_str)
            .is_none_or(str::is_empty)
        {
            return bad(&format!("{k} must be a non-empty string"));
        }
    }
    Ok(())
}

/// Whether `params` (a rule's `action_parameters`) hold a custom block response.
pub fn has_custom_response(params: Option<&serde_json::Value>) -> bool {
    params.is_some_and(|p| p.get("response").is_some())
}

fn default_action() -> Action {
    Action::Block
}

fn yes() -> bool {
    true
}

/// The `cloudflare:` section of `mtlsctl.yaml`: what `mtlsctl cf plan` / `cf apply` deploy.
///
/// Only what the file names is touched: hostnames are added to the CA's list (removed only
/// when listed under `remove_hostnames`), rules are created or updated by `ref` (removed only
/// when listed under `remove_rules`), and every other rule of the zone stays in place.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CloudflareSpec {
    /// The zone: its name (`example.com`) or its 32-hex id (default: CLOUDFLARE_ZONE_ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The CA to upload and associate: `store` (the default), `managed` (Cloudflare's
    /// managed CA, nothing uploaded), or a PEM file (relative to the rules file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<String>,
    /// The name given to the CA when it is uploaded (default `mtlsctl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_name: Option<String>,
    /// Hostnames on which mTLS is turned on with the CA.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// Hostnames to take off the CA's list (the only way a hostname is ever removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_hostnames: Vec<String>,
    /// The refs of this file's rules to deploy (default: every rule of the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<String>>,
    /// Refs of deployed rules to delete (the only way a rule is ever removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_rules: Vec<String>,
}

/// The CA a `cloudflare:` section names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaChoice {
    /// The store CA.
    Store,
    /// Cloudflare's managed CA (nothing to upload).
    Managed,
    /// A PEM file.
    File(PathBuf),
}

impl CloudflareSpec {
    /// The CA choice, with a file resolved against `base`.
    pub fn ca_choice(&self, base: &Path) -> CaChoice {
        match self.ca.as_deref() {
            None | Some("store") => CaChoice::Store,
            Some("managed") => CaChoice::Managed,
            Some(p) => CaChoice::File(base.join(p)),
        }
    }
}

/// A whole `mtlsctl.yaml`: its rules and its optional `cloudflare:` section.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RulesDocument {
    /// What `mtlsctl cf` deploys (before or after `rules:`; `rule generate --save` edits the
    /// `rules:` list wherever it is and leaves the section as it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloudflare: Option<CloudflareSpec>,
    /// The rules, in order.
    pub rules: Vec<RuleSpec>,
}

/// The file's shape: a list, or a map with `rules:` (and `cloudflare:`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RuleFile {
    List(Vec<RuleSpec>),
    Map(RulesDocument),
}

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Reference (`rule-N` when none was given).
    pub reference: String,
    /// Description.
    pub description: Option<String>,
    /// Action.
    pub action: Action,
    /// Enabled.
    pub enabled: bool,
    /// The compiled expression.
    pub filter: Filter,
}

/// Errors reading or building rules.
#[derive(Debug, thiserror::Error)]
pub enum RulesetError {
    /// The file could not be read.
    #[error(transparent)]
    Load(#[from] load::LoadError),
    /// YAML syntax or shape (with line and column).
    #[error("{file}: {reason}")]
    Yaml {
        /// File.
        file: String,
        /// What is wrong, with position.
        reason: String,
    },
    /// An expression that does not parse (edge error format).
    #[error("{file}: rule {reference}: {error}")]
    Expr {
        /// File.
        file: String,
        /// Which rule.
        reference: String,
        /// The parse error.
        error: Box<rules::ParseError>,
    },
    /// A rule with both or neither of expression and intent.
    #[error("{file}: rule {reference}: {reason}")]
    Rule {
        /// File.
        file: String,
        /// Which rule.
        reference: String,
        /// What is wrong.
        reason: String,
    },
    /// An unknown action.
    #[error(
        "unknown action {0:?}: use block, managed_challenge, js_challenge, challenge, skip or log"
    )]
    Action(String),
}

impl RuleSpec {
    /// The intent part of the entry, if any.
    pub fn intent(&self, base: &Path) -> Result<Option<Intent>, String> {
        let has_intent = !self.paths.is_empty()
            || !self.path_prefixes.is_empty()
            || !self.hosts.is_empty()
            || self.issuer_ski.is_some()
            || self.issuer_cert.is_some()
            || self.check_revoked.is_some()
            || self.case_insensitive.is_some();
        if !has_intent {
            return Ok(None);
        }
        let issuer_ski = match (&self.issuer_ski, &self.issuer_cert) {
            (Some(_), Some(_)) => return Err("give issuer_ski or issuer_cert, not both".into()),
            (Some(s), None) => Some(s.clone()),
            (None, Some(p)) => Some(ski_of_ca(&base.join(p))?),
            (None, None) => None,
        };
        Ok(Some(Intent {
            paths: self.paths.clone(),
            path_prefixes: self.path_prefixes.clone(),
            hosts: self.hosts.clone(),
            issuer_ski,
            check_revoked: self.check_revoked.unwrap_or(true),
            case_insensitive: self.case_insensitive.unwrap_or(false),
        }))
    }

    /// Compiles the entry (`index` names it when it has no ref).
    pub fn compile(&self, index: usize, file: &str, base: &Path) -> Result<Rule, RulesetError> {
        let reference = self
            .reference
            .clone()
            .unwrap_or_else(|| format!("rule-{}", index + 1));
        let rule_err = |reason: String| RulesetError::Rule {
            file: file.to_string(),
            reference: reference.clone(),
            reason,
        };
        let intent = self.intent(base).map_err(rule_err)?;
        if let Some(p) = &self.action_parameters {
            check_action_parameters(self.action, p).map_err(rule_err)?;
        }
        let filter = match (&self.expression, intent) {
            (Some(_), Some(_)) => {
                return Err(rule_err(
                    "give either `expression` or intent keys (paths, hosts, ...), not both".into(),
                ));
            }
            (None, None) => {
                return Err(rule_err("needs an `expression` or intent keys (paths, path_prefixes, hosts, issuer_ski, ...)".into()));
            }
            (Some(e), None) => rules::parse(e).map_err(|error| RulesetError::Expr {
                file: file.to_string(),
                reference: reference.clone(),
                error: Box::new(error),
            })?,
            (None, Some(i)) => i
                .to_filter()
                .map_err(|e: IntentError| rule_err(e.to_string()))?,
        };
        Ok(Rule {
            reference,
            description: self.description.clone(),
            action: self.action,
            enabled: self.enabled,
            filter,
        })
    }
}

/// The SKI of a CA certificate file (what `issuer_cert` / `--pin-ca` pin).
pub fn ski_of_ca(path: &Path) -> Result<String, String> {
    let input = load::load(path).map_err(|e| e.to_string())?;
    let der = input.first_certificate().map_err(|e| e.to_string())?;
    let c = cert::parse(der).map_err(|e| format!("{}: {e}", input.name))?;
    if !c.is_ca() {
        return Err(format!(
            "{}: not a CA certificate (CA:FALSE); pin the CA that issued the client certificates",
            input.name
        ));
    }
    cert::ski(&c).map(cert::hex_upper).ok_or_else(|| {
        format!(
            "{}: the CA has no Subject Key Identifier extension",
            input.name
        )
    })
}

/// Parses rule specs from YAML text.
pub fn parse_specs(text: &str, file: &str) -> Result<Vec<RuleSpec>, RulesetError> {
    Ok(parse_document(text, file)?.rules)
}

/// Parses a whole `mtlsctl.yaml` (either shape) from YAML text.
pub fn parse_document(text: &str, file: &str) -> Result<RulesDocument, RulesetError> {
    let parsed: RuleFile = serde_yaml::from_str(text).map_err(|e| RulesetError::Yaml {
        file: file.to_string(),
        reason: yaml_reason(&e, text),
    })?;
    Ok(match parsed {
        RuleFile::List(rules) => RulesDocument {
            rules,
            cloudflare: None,
        },
        RuleFile::Map(d) => d,
    })
}

/// Untagged enums hide the real error; parse again as a plain list to get it.
fn yaml_reason(e: &serde_yaml::Error, text: &str) -> String {
    // The shape the text has decides which error is the real one.
    let is_map = matches!(
        serde_yaml::from_str::<serde_yaml::Value>(text),
        Ok(serde_yaml::Value::Mapping(_))
    );
    let inner = if is_map {
        serde_yaml::from_str::<RulesDocument>(text).err()
    } else {
        serde_yaml::from_str::<Vec<RuleSpec>>(text)
            .err()
            .or_else(|| serde_yaml::from_str::<RulesDocument>(text).err())
    };
    let e = inner.as_ref().unwrap_or(e);
    match e.location() {
        Some(l) => format!(
            "line {} column {}: {}",
            l.line(),
            l.column(),
            strip_location(&e.to_string())
        ),
        None => e.to_string(),
    }
}

fn strip_location(s: &str) -> String {
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Reads and compiles a rules file.
pub fn load_rules(path: &Path) -> Result<Vec<Rule>, RulesetError> {
    let bytes = load::read_bytes(path)?;
    let name = load::name_of(path);
    let text = String::from_utf8(bytes).map_err(|_| RulesetError::Yaml {
        file: name.clone(),
        reason: "not UTF-8 text".into(),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let specs = parse_specs(&text, &name)?;
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| s.compile(i, &name, base))
        .collect()
}

/// What the edge does with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Passed to the origin.
    Allow,
    /// Blocked.
    Block,
    /// Challenged.
    Challenge,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Allow => "allow",
            Verdict::Block => "block",
            Verdict::Challenge => "challenge",
        })
    }
}

/// One rule's part in a decision.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    /// The rule.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Its action.
    pub action: Action,
    /// `None` when it did not run (disabled, or after the deciding rule or a skip).
    pub matched: Option<bool>,
    /// The evaluation trace, when asked for and the rule ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// The decision for one request.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// Allow, block or challenge.
    pub verdict: Verdict,
    /// The rule that decided (a terminating or skip action), if any.
    pub decided_by: Option<String>,
    /// Its action.
    pub action: Option<Action>,
    /// Rules with action `log` that matched.
    pub logged: Vec<String>,
    /// Every rule, in order.
    pub rules: Vec<RuleResult>,
}

/// Runs `rules` in order over `ctx`, as the edge does; with `traced`, keeps every trace.
pub fn decide(rules: &[Rule], ctx: &Context, traced: bool) -> Decision {
    let mut decision = Decision {
        verdict: Verdict::Allow,
        decided_by: None,
        action: None,
        logged: Vec::new(),
        rules: Vec::with_capacity(if traced { rules.len() } else { 0 }),
    };
    let mut done = false;
    for rule in rules {
        if done || !rule.enabled {
            if traced {
                decision.rules.push(RuleResult {
                    reference: rule.reference.clone(),
                    action: rule.action,
                    matched: None,
                    trace: None,
                });
            }
            continue;
        }
        let (matched, trace) = if traced {
            let t = rule.filter.execute_traced(ctx);
            (t.result, Some(t))
        } else {
            (rule.filter.execute(ctx), None)
        };
        if traced {
            decision.rules.push(RuleResult {
                reference: rule.reference.clone(),
                action: rule.action,
                matched: Some(matched),
                trace,
            });
        }
        if !matched {
            continue;
        }
        match rule.action {
            Action::Log => decision.logged.push(rule.reference.clone()),
            Action::Skip => {
                decision.decided_by = Some(rule.reference.clone());
                decision.action = Some(Action::Skip);
                done = true;
            }
            a => {
                decision.verdict = if a == Action::Block {
                    Verdict::Block
                } else {
                    Verdict::Challenge
                };
                decision.decided_by = Some(rule.reference.clone());
                decision.action = Some(a);
                done = true;
            }
        }
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(r: &str, action: Action, expr: &str) -> Rule {
        Rule {
            reference: r.into(),
            description: None,
            action,
            enabled: true,
            filter: rules::parse(expr).unwrap(),
        }
    }

    #[test]
    fn order_terminating_skip_and_log() {
        let ctx = Context::new();
        let rules = vec![
            rule("log-all", Action::Log, "true"),
            rule("skip", Action::Skip, r#"http.host eq """#),
            rule("block", Action::Block, "true"),
        ];
        let d = decide(&rules, &ctx, true);
        assert_eq!(d.verdict, Verdict::Allow);
        assert_eq!(d.decided_by.as_deref(), Some("skip"));
        assert_eq!(d.logged, vec!["log-all".to_string()]);
        assert_eq!(d.rules[2].matched, None);
        let rules = vec![
            rule("c", Action::ManagedChallenge, "true"),
            rule("b", Action::Block, "true"),
        ];
        let d = decide(&rules, &ctx, false);
        assert_eq!(
            (d.verdict, d.decided_by.as_deref()),
            (Verdict::Challenge, Some("c"))
        );
    }

    #[test]
    fn yaml_unknown_keys_have_a_position() {
        let e = parse_specs("- ref: a\n  paths: [/admin]\n  pathz: [/x]\n", "r.yaml").unwrap_err();
        let s = e.to_string();
        assert!(s.contains("line 3") && s.contains("pathz"), "{s}");
        let ok = parse_specs(
            "rules:\n  - ref: a\n    expression: 'true'\n    action: log\n",
            "r.yaml",
        )
        .unwrap();
        assert_eq!(ok[0].action, Action::Log);
    }

    #[test]
    fn action_parameters_and_logging_are_read_and_checked() {
        let text = "- ref: a\n  expression: 'true'\n  action_parameters:\n    response: {status_code: 401, content: no, content_type: text/plain}\n  logging: {enabled: false}\n";
        let specs = parse_specs(text, "m").unwrap();
        assert_eq!(specs[0].logging, Some(Logging { enabled: false }));
        assert!(has_custom_response(specs[0].action_parameters.as_ref()));
        assert!(specs[0].compile(0, "m", Path::new(".")).is_ok());
        let bad = |yaml: &str| {
            parse_specs(yaml, "m").and_then(|s| s[0].compile(0, "m", Path::new(".")).map(|_| ()))
        };
        let e = bad(&text.replace("401", "200")).unwrap_err().to_string();
        assert!(e.contains("rule a") && e.contains("400 to 499"), "{e}");
        let e = bad(&text.replace("content: no, ", ""))
            .unwrap_err()
            .to_string();
        assert!(e.contains("content must be"), "{e}");
        let e = bad(&format!("{text}  action: skip\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("for the block action"), "{e}");
        assert!(bad("- expression: 'true'\n  action_parameters: [1]\n").is_err());
        assert!(bad("- expression: 'true'\n  logging: {enabled: false, x: 1}\n").is_err());
    }

    #[test]
    fn cloudflare_section() {
        let text = "rules:\n  - ref: a\n    expression: 'true'\ncloudflare:\n  zone: example.com\n  hostnames: [api.example.com]\n  rules: [a]\n";
        let d = parse_document(text, "m.yaml").unwrap();
        let cf = d.cloudflare.unwrap();
        assert_eq!(cf.zone.as_deref(), Some("example.com"));
        assert_eq!(cf.hostnames, vec!["api.example.com".to_string()]);
        assert_eq!(cf.ca_choice(Path::new("/x")), CaChoice::Store);
        let e = parse_document(
            "rules: []\ncloudflare:\n  zone: a.b\n  hostname: [x]\n",
            "m.yaml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("hostname") && e.contains("line"), "{e}");
        // The list form has no section.
        assert!(
            parse_document("- expression: 'true'\n", "m")
                .unwrap()
                .cloudflare
                .is_none()
        );
    }
}
