//! `cf plan`'s diff: pure functions from what the zone has ([`State`]) and what
//! `mtlsctl.yaml` asks for ([`Desired`]) to the changes ([`Plan`]).
//!
//! The rules of the merge: a CA is the same when the first certificate's DER is the same
//! (SHA-256, never name or text); hostnames are added to the CA's list and removed only when
//! the file lists them under `remove_hostnames`; rules are matched by `ref`, owned rules are
//! updated in place, new ones appended, rules mtlsctl does not own are sent back unchanged
//! and in place, and a rule is deleted only when listed under `remove_rules`. Rule fields are
//! compared semantically (expressions by their canonical form), so a formatting difference
//! is no change. An update sets the fields the file states ([`STATED`], and `logging` when
//! it gives one) and keeps every other field of the deployed rule, saying so in the plan.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::api::{Entrypoint, UploadedCert, Zone};
use crate::edge::lint::Plan as ZonePlan;
use crate::pki::sanitize::sanitize;
use crate::rules;

/// Uploaded CAs allowed per account.
pub const MAX_ACCOUNT_CAS: usize = 5;

/// The CA the file asks for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DesiredCa {
    /// Cloudflare's managed CA: nothing to upload.
    Managed,
    /// A CA certificate to have uploaded.
    Cert {
        /// The name to upload it with.
        name: String,
        /// The PEM to send (certificates only).
        pem: String,
        /// SHA-256 of the first certificate, lower-case hex.
        fingerprint_sha256: String,
        /// Its SKI, upper-case hex.
        ski: Option<String>,
        /// Where it came from (for messages).
        source: String,
    },
}

/// One rule the file deploys.
#[derive(Debug, Clone)]
pub struct DesiredRule {
    /// Its ref.
    pub reference: String,
    /// The API rule object, as the zone's plan allows it.
    pub rule: Value,
}

/// What `mtlsctl.yaml` asks for.
#[derive(Debug, Clone)]
pub struct Desired {
    /// The CA.
    pub ca: DesiredCa,
    /// Hostnames to have on the CA.
    pub hostnames: Vec<String>,
    /// Hostnames to take off.
    pub remove_hostnames: Vec<String>,
    /// Rules to have in the entrypoint.
    pub rules: Vec<DesiredRule>,
    /// Refs of rules to delete.
    pub remove_rules: Vec<String>,
    /// Notes from building the rules (things left out for the plan).
    pub notes: Vec<String>,
    /// What the zone would refuse, found while building the rules.
    pub blockers: Vec<String>,
}

/// What the zone has now.
#[derive(Debug, Clone)]
pub struct State {
    /// The zone.
    pub zone: Zone,
    /// The account's uploaded certificates (empty for the managed CA).
    pub uploaded: Vec<UploadedCert>,
    /// The hostnames on the desired CA (empty when the CA is not uploaded yet).
    pub hostnames: Vec<String>,
    /// The custom-rules entrypoint, if it exists.
    pub entrypoint: Option<Entrypoint>,
}

impl State {
    /// The uploaded certificate with this fingerprint.
    pub fn uploaded_by_fingerprint(&self, fp: &str) -> Option<&UploadedCert> {
        self.uploaded
            .iter()
            .find(|u| u.fingerprint_sha256.as_deref() == Some(fp))
    }

    /// What a concurrent edit would change: compared before the first write of `apply`.
    pub fn fingerprint(&self) -> String {
        let mut cas: Vec<String> = self
            .uploaded
            .iter()
            .map(|u| format!("{}={}", u.id, u.fingerprint_sha256.as_deref().unwrap_or("")))
            .collect();
        cas.sort();
        format!(
            "cas:{};hostnames:{};entrypoint:{}",
            cas.join(","),
            self.hostnames.join(","),
            self.entrypoint
                .as_ref()
                .map(|e| e.version.as_str())
                .unwrap_or("absent")
        )
    }
}

/// What happens to the CA.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CaStep {
    /// Cloudflare's managed CA is used.
    Managed,
    /// The same certificate is already uploaded.
    Keep {
        /// Its id.
        id: String,
        /// Its name.
        name: String,
        /// Its SKI.
        ski: Option<String>,
        /// Its fingerprint.
        fingerprint_sha256: String,
    },
    /// The certificate is uploaded.
    Upload {
        /// The name it gets.
        name: String,
        /// Its SKI.
        ski: Option<String>,
        /// Its fingerprint.
        fingerprint_sha256: String,
        /// The file.
        source: String,
    },
}

/// What happens to the hostname list of the CA.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HostnameStep {
    /// The CA's id (`None`: the managed CA, or the CA about to be uploaded).
    pub ca_id: Option<String>,
    /// The list now.
    pub current: Vec<String>,
    /// Added.
    pub add: Vec<String>,
    /// Removed (only what the file lists under `remove_hostnames`).
    pub remove: Vec<String>,
    /// Kept although the file does not name them (added elsewhere).
    pub kept: Vec<String>,
    /// The list after the change.
    pub result: Vec<String>,
}

impl HostnameStep {
    /// Whether the list changes.
    pub fn changed(&self) -> bool {
        !self.add.is_empty() || !self.remove.is_empty()
    }
}

/// How one rule of the entrypoint changes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RuleChange {
    /// Added by mtlsctl (appended).
    Create,
    /// An mtlsctl rule whose fields change.
    Update,
    /// An mtlsctl rule that is already as the file says.
    Unchanged,
    /// Deleted (listed under `remove_rules`).
    Delete,
    /// A rule mtlsctl does not own: untouched, in place.
    Foreign,
}

/// One rule in the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleEntry {
    /// Its ref (or id when it has none).
    #[serde(rename = "ref")]
    pub reference: String,
    /// The change.
    pub change: RuleChange,
    /// The fields that change (updates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// How each of them changes (updates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    /// Fields of the deployed rule the file says nothing about, sent back as they are
    /// (updates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<KeptField>,
    /// Its position after the change (1-based; none for a deleted rule).
    pub position: Option<usize>,
    /// Its expression after the change (or now, for a deleted rule).
    pub expression: String,
    /// Its action.
    pub action: String,
}

/// One field of a rule that an update changes (`null`: absent).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FieldChange {
    /// The field.
    pub field: String,
    /// Its value in the zone.
    pub from: Value,
    /// Its value after the update.
    pub to: Value,
}

/// A field of a deployed rule that `mtlsctl.yaml` says nothing about: an update keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KeptField {
    /// The field.
    pub field: String,
    /// Its value in the zone.
    pub value: Value,
}

/// What happens to the entrypoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleStep {
    /// The entrypoint's id (`None`: it is created by the PUT).
    pub ruleset_id: Option<String>,
    /// Its version when the plan was made (checked unchanged right before the write).
    pub version: Option<String>,
    /// Every rule, in order, deleted ones where they were.
    pub entries: Vec<RuleEntry>,
    /// The whole rule list to PUT.
    #[serde(skip)]
    pub body: Vec<Value>,
}

impl RuleStep {
    /// Whether anything changes.
    pub fn changed(&self) -> bool {
        self.entries.iter().any(|e| {
            matches!(
                e.change,
                RuleChange::Create | RuleChange::Update | RuleChange::Delete
            )
        })
    }
}

/// The whole plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// The zone.
    pub zone: Zone,
    /// The CA.
    pub ca: CaStep,
    /// Its hostnames.
    pub hostnames: HostnameStep,
    /// The custom rules.
    pub rules: RuleStep,
    /// Things worth knowing that change nothing.
    pub notes: Vec<String>,
    /// What the zone would refuse: `apply` sends nothing while there is one.
    pub blockers: Vec<String>,
    /// A state fingerprint to compare before writing.
    #[serde(skip)]
    pub state_fingerprint: String,
}

impl Plan {
    /// Whether anything changes.
    pub fn changed(&self) -> bool {
        matches!(self.ca, CaStep::Upload { .. }) || self.hostnames.changed() || self.rules.changed()
    }

    /// `Plan: ...` counts.
    pub fn summary(&self) -> String {
        let count = |c: RuleChange| self.rules.entries.iter().filter(|e| e.change == c).count();
        format!(
            "Plan: {} CA to upload, {} hostname(s) to add, {} to remove, {} rule(s) to create, {} to change, {} to delete.",
            usize::from(matches!(self.ca, CaStep::Upload { .. })),
            self.hostnames.add.len(),
            self.hostnames.remove.len(),
            count(RuleChange::Create),
            count(RuleChange::Update),
            count(RuleChange::Delete),
        )
    }
}

/// A hostname as compared: trimmed, lower case, no final dot.
pub fn norm_host(h: &str) -> String {
    h.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The hostname merge: union, minus what the file removes; order kept, additions last.
pub fn hostname_step(
    ca_id: Option<String>,
    current: &[String],
    want: &[String],
    remove: &[String],
) -> HostnameStep {
    let remove_n: Vec<String> = remove.iter().map(|h| norm_host(h)).collect();
    let want_n: Vec<String> = want.iter().map(|h| norm_host(h)).collect();
    let mut result = Vec::new();
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for h in current {
        let n = norm_host(h);
        if remove_n.contains(&n) {
            removed.push(h.clone());
        } else {
            if !want_n.contains(&n) {
                kept.push(h.clone());
            }
            result.push(h.clone());
        }
    }
    let mut add = Vec::new();
    for n in &want_n {
        if !result.iter().any(|h| norm_host(h) == *n) && !add.contains(n) {
            add.push(n.clone());
        }
    }
    result.extend(add.iter().cloned());
    HostnameStep {
        ca_id,
        current: current.to_vec(),
        add,
        remove: removed,
        kept,
        result,
    }
}

const READ_ONLY: [&str; 3] = ["version", "last_updated", "categories"];

/// A deployed rule as it is sent back: without its read-only fields.
pub fn writable(rule: &Value) -> Value {
    let mut r = rule.clone();
    if let Some(o) = r.as_object_mut() {
        for k in READ_ONLY {
            o.remove(k);
        }
    }
    r
}

fn canonical_expr(s: &str) -> String {
    rules::parse(s)
        .map(|f| f.canonical())
        .unwrap_or_else(|_| s.trim().to_string())
}

fn field<'a>(r: &'a Value, k: &str) -> Option<&'a Value> {
    r.get(k).filter(|v| !v.is_null())
}

/// The fields `mtlsctl.yaml` always states for a rule (explicitly or by default); any other
/// field of a deployed rule is kept by an update, `logging` included unless the file gives it.
pub const STATED: [&str; 6] = [
    "ref",
    "description",
    "expression",
    "action",
    "action_parameters",
    "enabled",
];

/// The stated fields (and `logging` when `desired` has it) in which `deployed` differs from
/// `desired`, with both values. Expressions are compared by their canonical form, an absent
/// `description` is `""`, an absent `enabled` is true, absent `action_parameters` are `{}`.
pub fn field_changes(deployed: &Value, desired: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let get = |r: &Value, k: &str| field(r, k).cloned().unwrap_or(Value::Null);
    let mut push = |k: &str| {
        out.push(FieldChange {
            field: k.into(),
            from: get(deployed, k),
            to: get(desired, k),
        })
    };
    let s = |r: &Value, k: &str| {
        field(r, k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if canonical_expr(&s(deployed, "expression")) != canonical_expr(&s(desired, "expression")) {
        push("expression");
    }
    for k in ["action", "description"] {
        if s(deployed, k) != s(desired, k) {
            push(k);
        }
    }
    let enabled = |r: &Value| field(r, "enabled").and_then(Value::as_bool).unwrap_or(true);
    if enabled(deployed) != enabled(desired) {
        push("enabled");
    }
    let empty = Value::Object(Map::new());
    let params = |r: &Value| {
        field(r, "action_parameters")
            .cloned()
            .unwrap_or(empty.clone())
    };
    if params(deployed) != params(desired) {
        push("action_parameters");
    }
    let logging = |r: &Value| {
        field(r, "logging")
            .and_then(|l| l.get("enabled"))
            .and_then(Value::as_bool)
    };
    if field(desired, "logging").is_some() && logging(deployed) != logging(desired) {
        push("logging");
    }
    out
}

/// The stated fields in which `deployed` differs from `desired` (names only).
pub fn differing_fields(deployed: &Value, desired: &Value) -> Vec<String> {
    field_changes(deployed, desired)
        .into_iter()
        .map(|c| c.field)
        .collect()
}

/// The rule an update sends: the deployed rule (its id, and every field the file says
/// nothing about) with the stated fields as `desired` has them (absent there: removed), and
/// `logging.enabled` when `desired` gives it. Also returns the fields kept from the zone.
pub fn updated_rule(deployed: &Value, desired: &Value) -> (Value, Vec<KeptField>) {
    let mut out = match writable(deployed) {
        Value::Object(o) => o,
        _ => Map::new(),
    };
    let desired_logging = field(desired, "logging");
    let kept = out
        .iter()
        .filter(|(k, v)| {
            let k = k.as_str();
            let stated =
                k == "id" || STATED.contains(&k) || (k == "logging" && desired_logging.is_some());
            !stated && !v.is_null()
        })
        .map(|(k, v)| KeptField {
            field: k.clone(),
            value: v.clone(),
        })
        .collect();
    for k in STATED {
        match field(desired, k) {
            Some(v) => {
                out.insert(k.into(), v.clone());
            }
            None => {
                out.remove(k);
            }
        }
    }
    if let Some(l) = desired_logging {
        match (out.get_mut("logging"), l.get("enabled")) {
            (Some(Value::Object(o)), Some(e)) => {
                o.insert("enabled".into(), e.clone());
            }
            _ => {
                out.insert("logging".into(), l.clone());
            }
        }
    }
    (Value::Object(out), kept)
}

fn rule_ref(r: &Value) -> Option<&str> {
    r.get("ref").and_then(Value::as_str)
}

fn entry(r: &Value, reference: String, change: RuleChange, position: Option<usize>) -> RuleEntry {
    RuleEntry {
        reference,
        change,
        fields: Vec::new(),
        changes: Vec::new(),
        kept: Vec::new(),
        position,
        expression: r
            .get("expression")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        action: r
            .get("action")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
    }
}

/// The rule merge by `ref`.
pub fn rule_step(
    entrypoint: Option<&Entrypoint>,
    desired: &[DesiredRule],
    remove: &[String],
    blockers: &mut Vec<String>,
) -> RuleStep {
    let deployed: &[Value] = entrypoint.map(|e| e.rules.as_slice()).unwrap_or(&[]);
    let mut entries = Vec::new();
    let mut body = Vec::new();
    let mut placed: Vec<&str> = Vec::new();
    for r in deployed {
        let reference = rule_ref(r)
            .or_else(|| r.get("id").and_then(Value::as_str))
            .unwrap_or("")
            .to_string();
        if let Some(d) = desired
            .iter()
            .find(|d| Some(d.reference.as_str()) == rule_ref(r))
        {
            if placed.contains(&d.reference.as_str()) {
                blockers.push(format!(
                    "the zone has several rules with ref {:?}: remove the duplicates in the dashboard first",
                    sanitize(&d.reference)
                ));
                continue;
            }
            placed.push(&d.reference);
            let changes = field_changes(r, &d.rule);
            if changes.is_empty() {
                body.push(writable(r));
                entries.push(entry(r, reference, RuleChange::Unchanged, Some(body.len())));
            } else {
                let (new, kept) = updated_rule(r, &d.rule);
                body.push(new);
                let mut e = entry(&d.rule, reference, RuleChange::Update, Some(body.len()));
                e.fields = changes.iter().map(|c| c.field.clone()).collect();
                e.changes = changes;
                e.kept = kept;
                entries.push(e);
            }
        } else if rule_ref(r).is_some_and(|x| remove.iter().any(|m| m == x)) {
            entries.push(entry(r, reference, RuleChange::Delete, None));
        } else {
            body.push(writable(r));
            entries.push(entry(r, reference, RuleChange::Foreign, Some(body.len())));
        }
    }
    for d in desired {
        if !placed.contains(&d.reference.as_str()) {
            body.push(d.rule.clone());
            entries.push(entry(
                &d.rule,
                d.reference.clone(),
                RuleChange::Create,
                Some(body.len()),
            ));
        }
    }
    RuleStep {
        ruleset_id: entrypoint.map(|e| e.id.clone()),
        version: entrypoint.map(|e| e.version.clone()),
        entries,
        body,
    }
}

/// The plan: what to change so the zone has what the file asks, and what the zone would refuse.
pub fn plan(state: &State, desired: &Desired) -> Plan {
    let mut notes = desired.notes.clone();
    let mut blockers = desired.blockers.clone();
    let zone_plan = state.zone.plan;
    let ca = match &desired.ca {
        DesiredCa::Managed => CaStep::Managed,
        DesiredCa::Cert {
            name,
            fingerprint_sha256,
            ski,
            source,
            ..
        } => match state.uploaded_by_fingerprint(fingerprint_sha256) {
            Some(u) => CaStep::Keep {
                id: u.id.clone(),
                name: u.name.clone(),
                ski: u.ski.clone(),
                fingerprint_sha256: fingerprint_sha256.clone(),
            },
            None => {
                let cas = state.uploaded.iter().filter(|u| u.ca).count();
                if cas >= MAX_ACCOUNT_CAS {
                    blockers.push(format!(
                        "the account already has {cas} uploaded CAs, the most Cloudflare allows ({MAX_ACCOUNT_CAS}): delete one (mtlsctl cf ca delete ID) before uploading another"
                    ));
                }
                CaStep::Upload {
                    name: name.clone(),
                    ski: ski.clone(),
                    fingerprint_sha256: fingerprint_sha256.clone(),
                    source: source.clone(),
                }
            }
        },
    };
    if !matches!(ca, CaStep::Managed) && zone_plan < ZonePlan::Enterprise {
        blockers.push(format!(
            "uploading your own CA (BYO CA) needs the Enterprise plan; zone {} is on {}: use `ca: managed` (Cloudflare's managed CA) or upgrade",
            sanitize(&state.zone.name),
            zone_plan.name()
        ));
    }
    let ca_id = match &ca {
        CaStep::Keep { id, .. } => Some(id.clone()),
        _ => None,
    };
    let current: &[String] = if matches!(ca, CaStep::Upload { .. }) {
        &[]
    } else {
        &state.hostnames
    };
    let hostnames = hostname_step(
        ca_id,
        current,
        &desired.hostnames,
        &desired.remove_hostnames,
    );
    for h in &desired.remove_hostnames {
        if !hostnames
            .remove
            .iter()
            .any(|r| norm_host(r) == norm_host(h))
        {
            notes.push(format!(
                "remove_hostnames: {} is not on the CA's list; nothing to remove",
                sanitize(h)
            ));
        }
    }
    let rules = rule_step(
        state.entrypoint.as_ref(),
        &desired.rules,
        &desired.remove_rules,
        &mut blockers,
    );
    if rules.body.len() > zone_plan.max_rules() {
        blockers.push(format!(
            "the zone would have {} custom rules; the {} plan allows {}",
            rules.body.len(),
            zone_plan.name(),
            zone_plan.max_rules()
        ));
    }
    for r in &desired.remove_rules {
        if !rules
            .entries
            .iter()
            .any(|e| e.change == RuleChange::Delete && e.reference == *r)
        {
            notes.push(format!(
                "remove_rules: no deployed rule has ref {}; nothing to delete",
                sanitize(r)
            ));
        }
    }
    Plan {
        zone: state.zone.clone(),
        ca,
        hostnames,
        rules,
        notes,
        blockers,
        state_fingerprint: state.fingerprint(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn zone(plan: ZonePlan) -> Zone {
        Zone {
            id: "0".repeat(32),
            name: "example.com".into(),
            account_id: None,
            plan,
            plan_label: plan.name().into(),
        }
    }

    fn rule(r: &str, expr: &str) -> Value {
        json!({"ref": r, "expression": expr, "action": "block", "description": "", "enabled": true})
    }

    fn deployed(r: &str, expr: &str, id: &str) -> Value {
        let mut v = rule(r, expr);
        v["id"] = json!(id);
        v["version"] = json!("1");
        v["last_updated"] = json!("2026-01-01T00:00:00Z");
        v
    }

    fn desired(rules: Vec<DesiredRule>) -> Desired {
        Desired {
            ca: DesiredCa::Managed,
            hostnames: vec!["a.example.com".into()],
            remove_hostnames: vec![],
            rules,
            remove_rules: vec![],
            notes: vec![],
            blockers: vec![],
        }
    }

    #[test]
    fn hostnames_are_merged_never_dropped() {
        let s = hostname_step(
            None,
            &["b.example.com".into(), "c.example.com".into()],
            &["A.example.com.".into(), "b.example.com".into()],
            &["c.example.com".into()],
        );
        assert_eq!(s.add, vec!["a.example.com"]);
        assert_eq!(s.remove, vec!["c.example.com"]);
        assert_eq!(s.result, vec!["b.example.com", "a.example.com"]);
        let same = hostname_step(None, &["x.example.com".into()], &[], &[]);
        assert!(!same.changed());
        assert_eq!(same.kept, vec!["x.example.com"]);
    }

    #[test]
    fn rules_by_ref_foreign_in_place_new_appended() {
        let ep = Entrypoint {
            id: "r".repeat(32),
            version: "3".into(),
            rules: vec![
                deployed("theirs", "http.host eq \"x\"", "1"),
                deployed("mtls_admin", "not cf.tls_client_auth.cert_verified", "2"),
            ],
        };
        let want = vec![
            DesiredRule {
                reference: "mtls_admin".into(),
                // Same expression, other spacing: no change.
                rule: rule("mtls_admin", "not   cf.tls_client_auth.cert_verified"),
            },
            DesiredRule {
                reference: "mtls_api".into(),
                rule: rule("mtls_api", "true"),
            },
        ];
        let mut b = Vec::new();
        let step = rule_step(Some(&ep), &want, &[], &mut b);
        let kinds: Vec<_> = step.entries.iter().map(|e| e.change).collect();
        assert_eq!(
            kinds,
            vec![
                RuleChange::Foreign,
                RuleChange::Unchanged,
                RuleChange::Create
            ]
        );
        assert_eq!(step.body[0]["ref"], "theirs");
        assert!(step.body[0].get("version").is_none() && step.body[0]["id"] == "1");
        assert_eq!(step.body[2]["ref"], "mtls_api");
        // A changed field is an update that keeps the rule's id and place.
        let mut want2 = want.clone();
        want2[0].rule["enabled"] = json!(false);
        let step = rule_step(Some(&ep), &want2, &["theirs".into()], &mut b);
        assert_eq!(step.entries[0].change, RuleChange::Delete);
        assert_eq!(step.entries[1].change, RuleChange::Update);
        assert_eq!(step.entries[1].fields, vec!["enabled"]);
        assert_eq!(step.body[0]["id"], "2");
        assert!(b.is_empty());
    }

    #[test]
    fn an_update_keeps_what_the_file_does_not_state() {
        let mut d = deployed("a", "true", "1");
        d["logging"] = json!({"enabled": false});
        d["ratelimit"] = json!({"period": 60});
        d["action_parameters"] =
            json!({"response": {"status_code": 401, "content": "x", "content_type": "text/plain"}});
        let want = rule("a", "false");
        let (new, kept) = updated_rule(&d, &want);
        assert_eq!(new["id"], "1");
        assert_eq!(new["expression"], "false");
        assert_eq!(new["logging"], json!({"enabled": false}));
        assert_eq!(new["ratelimit"], json!({"period": 60}));
        // Stated by the file (here: none) and read-only fields are not kept.
        assert!(new.get("action_parameters").is_none() && new.get("version").is_none());
        let names: Vec<_> = kept.iter().map(|k| k.field.as_str()).collect();
        assert_eq!(names, ["ratelimit", "logging"]);
        let changes = field_changes(&d, &want);
        let fields: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["expression", "action_parameters"]);
        assert_eq!(changes[1].to, json!(null));
        // Logging the file gives is the file's, and the plan says it changes.
        let mut want = want;
        want["logging"] = json!({"enabled": true});
        let (new, kept) = updated_rule(&d, &want);
        assert_eq!(new["logging"], json!({"enabled": true}));
        assert_eq!(kept.len(), 1);
        assert!(differing_fields(&d, &want).contains(&"logging".to_string()));
    }

    #[test]
    fn plan_limits_are_blockers() {
        let state = State {
            zone: zone(ZonePlan::Free),
            uploaded: vec![],
            hostnames: vec![],
            entrypoint: None,
        };
        let mut d = desired(vec![]);
        d.ca = DesiredCa::Cert {
            name: "mtlsctl".into(),
            pem: String::new(),
            fingerprint_sha256: "ab".into(),
            ski: None,
            source: "ca.crt".into(),
        };
        let p = plan(&state, &d);
        assert!(matches!(p.ca, CaStep::Upload { .. }));
        assert!(
            p.blockers.iter().any(|b| b.contains("Enterprise")),
            "{:?}",
            p.blockers
        );
        let many: Vec<DesiredRule> = (0..6)
            .map(|i| DesiredRule {
                reference: format!("r{i}"),
                rule: rule(&format!("r{i}"), "true"),
            })
            .collect();
        let p = plan(&state, &desired(many));
        assert!(
            p.blockers.iter().any(|b| b.contains("allows 5")),
            "{:?}",
            p.blockers
        );
    }

    #[test]
    fn no_changes_means_no_changes() {
        let ep = Entrypoint {
            id: "r".repeat(32),
            version: "3".into(),
            rules: vec![deployed("a", "true", "1")],
        };
        let state = State {
            zone: zone(ZonePlan::Enterprise),
            uploaded: vec![],
            hostnames: vec!["a.example.com".into()],
            entrypoint: Some(ep),
        };
        let d = desired(vec![DesiredRule {
            reference: "a".into(),
            rule: rule("a", "true"),
        }]);
        let p = plan(&state, &d);
        assert!(!p.changed(), "{}", p.summary());
        assert!(p.blockers.is_empty());
    }
}
