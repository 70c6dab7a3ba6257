//! A Cloudflare API double for the `cf` tests: a real HTTP/1.1 server (hyper) on 127.0.0.1
//! that keeps state across calls and behaves as `cloudflare-api/README.md` documents: UUID
//! ids for uploaded certificates, a PUT that replaces a hostname list, an entrypoint that is
//! 404 / code 10003 until its first PUT, a ruleset `version` bumped by every write, plan
//! limits, 429 with `Retry-After` on demand, CSRs returned with CRLF line ends.
//!
//! Every request it receives and every response it sends is validated against the OpenAPI
//! subset ([`openapi`]); a failure is recorded, and dropping the double fails the test when
//! any was recorded.
#![allow(dead_code)]

pub mod openapi;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use openapi::OpenApi;

pub const ZONE_ID: &str = "023e105f4ecef8ad9ca31a8372d0c353";
pub const ZONE_NAME: &str = "example.com";
pub const ACCOUNT_ID: &str = "01a7362d577a6c3019a474fd6f485823";
/// A user token with every permission.
pub const TOKEN: &str = "user-token-0123456789abcdefghijklmnopqrst";
/// An account-owned token: refused by /user/tokens/verify, accepted by the account endpoint.
pub const ACCOUNT_TOKEN: &str = "cfat_account-token-0123456789abcdefghijkl";
/// A valid token without write permissions.
pub const READONLY_TOKEN: &str = "readonly-token-0123456789abcdefghijklmno";
pub const GLOBAL_KEY: &str = "0123456789abcdef0123456789abcdef01234";
pub const EMAIL: &str = "ops@example.com";
const NOW: &str = "2026-12-04T12:00:00.000000Z";

/// A short rendering of a value for messages.
pub fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!("{}...", &s[..300])
    } else {
        s
    }
}

/// The double's state; tests change it directly ("in the dashboard").
pub struct State {
    pub plan: String,
    pub mtls: Vec<Value>,
    /// (zone, CA id or "" for the managed CA) -> hostnames.
    pub assoc: HashMap<(String, String), Vec<String>>,
    pub entrypoint: Option<Value>,
    pub client_certs: Vec<Value>,
    /// More zones of the account (id, name), after example.com in `GET /zones`.
    pub extra_zones: Vec<(String, String)>,
    /// What `GET .../mtls_certificates/{id}/associations` lists for a certificate (other
    /// Cloudflare services using it, e.g. Gateway), by certificate id.
    pub services: HashMap<String, Vec<Value>>,
    /// Every n-th request is answered 429 (Retry-After: `retry_after`).
    pub rate_limit_every: Option<u64>,
    pub retry_after: String,
    /// The next requests get these statuses (429 or 5xx), first first.
    pub fail_next: Vec<u16>,
    /// Requests whose path contains this text are refused (403, code 10000), as for a token
    /// without that permission.
    pub forbid_path: Option<String>,
    /// The next POST gets this status.
    pub fail_next_post: Option<u16>,
    /// After this many GETs of the entrypoint, someone else edits it.
    pub edit_after_entrypoint_gets: Option<usize>,
    pub entrypoint_gets: usize,
    pub log: Vec<String>,
    pub violations: Vec<String>,
    counter: u64,
    ids: u64,
    managed_ca: CertifiedIssuer<'static, KeyPair>,
}

impl State {
    fn new() -> State {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(
            rcgen::DnType::CommonName,
            "Cloudflare Managed CA for account",
        );
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let managed_ca =
            CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        State {
            plan: "enterprise".into(),
            mtls: Vec::new(),
            assoc: HashMap::new(),
            entrypoint: None,
            client_certs: Vec::new(),
            extra_zones: Vec::new(),
            services: HashMap::new(),
            rate_limit_every: None,
            retry_after: "0".into(),
            fail_next: Vec::new(),
            fail_next_post: None,
            forbid_path: None,
            edit_after_entrypoint_gets: None,
            entrypoint_gets: 0,
            log: Vec::new(),
            violations: Vec::new(),
            counter: 0,
            ids: 0,
            managed_ca,
        }
    }

    fn hex_id(&mut self) -> String {
        self.ids += 1;
        format!(
            "{:032x}",
            0x5eed_0000_0000_0000_0000_0000_0000_0000u128 + u128::from(self.ids)
        )
    }

    fn uuid(&mut self) -> String {
        self.ids += 1;
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            0x99f5_fef1u32,
            self.ids & 0xffff,
            self.ids & 0xfff,
            (self.ids * 7) & 0xfff,
            0x2b8d_0000_0000u64 + self.ids
        )
    }

    /// Hostnames of (zone, CA) — "" is the managed CA.
    pub fn hostnames(&self, ca: &str) -> Vec<String> {
        self.assoc
            .get(&(ZONE_ID.to_string(), ca.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    pub fn set_hostnames(&mut self, ca: &str, list: &[&str]) {
        self.set_zone_hostnames(ZONE_ID, ca, list);
    }

    /// Hostnames of (zone, CA), set in the dashboard.
    pub fn set_zone_hostnames(&mut self, zone: &str, ca: &str, list: &[&str]) {
        self.assoc.insert(
            (zone.to_string(), ca.to_string()),
            list.iter().map(|s| s.to_string()).collect(),
        );
    }

    /// Adds `n` zones to the account (`zone-<i>.example`); returns their ids.
    pub fn add_zones(&mut self, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let id = format!("{:032x}", 0x2a_0000u128 + i as u128);
                self.extra_zones
                    .push((id.clone(), format!("zone-{i}.example")));
                id
            })
            .collect()
    }

    /// Every zone (id, name), example.com first.
    fn zones(&self) -> Vec<(String, String)> {
        let mut all = vec![(ZONE_ID.to_string(), ZONE_NAME.to_string())];
        all.extend(self.extra_zones.iter().cloned());
        all
    }

    /// The deployed rules.
    pub fn rules(&self) -> Vec<Value> {
        self.entrypoint
            .as_ref()
            .and_then(|e| e["rules"].as_array().cloned())
            .unwrap_or_default()
    }

    pub fn version(&self) -> Option<String> {
        self.entrypoint
            .as_ref()
            .map(|e| e["version"].as_str().unwrap().to_string())
    }

    /// A rule written by someone else (in the dashboard): appended, version bumped.
    pub fn dashboard_rule(&mut self, reference: &str, expression: &str) {
        let id = self.hex_id();
        let rule = json!({"id": id, "ref": reference, "expression": expression, "action": "managed_challenge",
            "description": "added in the dashboard", "enabled": true, "version": "1", "last_updated": NOW});
        let ep = self.ensure_entrypoint();
        ep["rules"].as_array_mut().unwrap().push(rule);
        bump(ep);
    }

    /// Someone edits the rule with this ref in the dashboard: rule and ruleset versions bump.
    pub fn dashboard_edit(&mut self, reference: &str, f: impl FnOnce(&mut Value)) {
        let ep = self.entrypoint.as_mut().expect("an entrypoint");
        let rule = ep["rules"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|r| r["ref"] == reference)
            .expect("a rule with that ref");
        f(rule);
        bump(rule);
        bump(ep);
    }

    fn ensure_entrypoint(&mut self) -> &mut Value {
        if self.entrypoint.is_none() {
            let id = self.hex_id();
            self.entrypoint = Some(
                json!({"id": id, "name": "default", "description": "", "kind": "zone",
                "phase": "http_request_firewall_custom", "version": "0", "last_updated": NOW, "rules": []}),
            );
        }
        self.entrypoint.as_mut().unwrap()
    }

    /// Every write request the double received (method and path).
    pub fn writes(&self) -> Vec<String> {
        self.log
            .iter()
            .filter(|l| !l.starts_with("GET "))
            .cloned()
            .collect()
    }

    /// Uploads a CA directly (as the dashboard would).
    pub fn upload(&mut self, name: &str, pem_text: &str) -> String {
        let id = self.uuid();
        let obj = cert_object(&id, name, pem_text).unwrap();
        self.mtls.push(obj);
        id
    }
}

fn bump(ep: &mut Value) {
    let v: u64 = ep["version"].as_str().unwrap().parse().unwrap();
    ep["version"] = json!((v + 1).to_string());
}

fn envelope(result: Value) -> Value {
    json!({"success": true, "errors": [], "messages": [], "result": result})
}

fn error(code: i64, message: &str, pointer: Option<&str>) -> Value {
    let mut e = json!({"code": code, "message": message});
    if let Some(p) = pointer {
        e["source"] = json!({"pointer": p});
    }
    json!({"success": false, "errors": [e], "messages": [], "result": null})
}

fn cert_object(id: &str, name: &str, pem_text: &str) -> Result<Value, (i64, String)> {
    let der = pem::parse_many(pem_text.as_bytes())
        .map_err(|_| (1402, "Unable to parse certificate".to_string()))?
        .into_iter()
        .find(|p| p.tag() == "CERTIFICATE")
        .ok_or((1402, "Unable to parse certificate".to_string()))?
        .into_contents();
    let c = mtlsctl::pki::cert::parse(&der)
        .map_err(|_| (1402, "Unable to parse certificate".to_string()))?;
    let not_after = c
        .validity()
        .not_after
        .to_datetime()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    Ok(
        json!({"id": id, "name": name, "ca": c.is_ca(), "certificates": pem_text,
        "issuer": c.issuer().to_string(), "serial_number": hex::encode(c.raw_serial()),
        "signature": "ECDSAWithSHA256", "uploaded_on": NOW, "updated_at": NOW,
        "expires_on": not_after, "type": "custom"}),
    )
}

enum Auth {
    Token(String),
    Key(String, String),
    None,
}

type Answer = (u16, Option<Value>);

fn plan_max_rules(plan: &str) -> usize {
    match plan {
        "free" => 5,
        "pro" => 20,
        "business" => 100,
        _ => 1000,
    }
}

fn zone_object(id: &str, name: &str, plan: &str) -> Value {
    let label = match plan {
        "free" => "Free Website",
        "pro" => "Pro Website",
        "business" => "Business Website",
        _ => "Enterprise Website",
    };
    json!({"id": id, "name": name, "status": "active", "paused": false, "type": "full",
        "development_mode": 0, "owner": {"id": null, "type": "user", "email": null},
        "account": {"id": ACCOUNT_ID, "name": "Example Account"},
        "meta": {"step": 2, "custom_certificate_quota": 1, "page_rule_quota": 3, "phishing_detected": false},
        "name_servers": ["bob.ns.cloudflare.com", "lola.ns.cloudflare.com"],
        "original_name_servers": null, "original_registrar": null, "original_dnshost": null,
        "created_on": "2024-01-01T05:20:00.12345Z", "modified_on": "2024-01-01T05:20:00.12345Z",
        "activated_on": "2024-01-02T00:01:00.12345Z",
        "plan": {"id": "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "name": label, "legacy_id": plan, "price": 0,
            "currency": "USD", "frequency": "", "is_subscribed": true, "can_subscribe": false}})
}

/// The answer for one validated request (state changes included).
fn route(
    st: &mut State,
    template: &str,
    method: &str,
    params: &HashMap<String, String>,
    query: &[(String, String)],
    auth: &Auth,
    body: Option<&Value>,
) -> Answer {
    let q = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    // Authentication.
    let token_kind = match auth {
        Auth::None => {
            return (
                400,
                Some(error(
                    9106,
                    "Missing X-Auth-Key, X-Auth-Email or Authorization headers",
                    None,
                )),
            );
        }
        Auth::Key(k, e) if k == GLOBAL_KEY && e == EMAIL => "user",
        Auth::Key(..) => {
            return (
                403,
                Some(error(9103, "Unknown X-Auth-Key or X-Auth-Email", None)),
            );
        }
        Auth::Token(t) if t == TOKEN => "user",
        Auth::Token(t) if t == ACCOUNT_TOKEN => "account",
        Auth::Token(t) if t == READONLY_TOKEN => "readonly",
        Auth::Token(_) => "invalid",
    };
    if template == "/user/tokens/verify" {
        return match token_kind {
            "user" | "readonly" => (
                200,
                Some(envelope(
                    json!({"id": "ed17574386854bf78a67040be0a770b0", "status": "active"}),
                )),
            ),
            _ => (401, Some(error(1000, "Invalid API Token", None))),
        };
    }
    if template == "/accounts/{account_id}/tokens/verify" {
        return match (token_kind, params["account_id"] == ACCOUNT_ID) {
            ("account", true) => (
                200,
                Some(envelope(
                    json!({"id": "ed17574386854bf78a67040be0a770b1", "status": "active"}),
                )),
            ),
            _ => (401, Some(error(1000, "Invalid API Token", None))),
        };
    }
    if token_kind == "invalid" {
        return (401, Some(error(10000, "Authentication error", None)));
    }
    if token_kind == "readonly" && method != "get" {
        return (403, Some(error(10000, "Authentication error", None)));
    }
    if let Some(z) = params.get("zone_id")
        && !st.zones().iter().any(|(id, _)| id == z)
    {
        return (400, Some(error(1003, "Invalid or missing zone id.", None)));
    }
    if let Some(a) = params.get("account_id")
        && a != ACCOUNT_ID
    {
        return (403, Some(error(10000, "Authentication error", None)));
    }
    match (method, template) {
        ("get", "/zones") => {
            let name = q("name").unwrap_or_default();
            let account = q("account.id");
            let page: usize = q("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let per_page: usize = q("per_page").and_then(|p| p.parse().ok()).unwrap_or(20);
            let all: Vec<Value> = st
                .zones()
                .iter()
                .filter(|(_, n)| name.is_empty() || *n == name)
                .filter(|_| account.as_deref().is_none_or(|a| a == ACCOUNT_ID))
                .map(|(id, n)| zone_object(id, n, &st.plan))
                .collect();
            let items: Vec<Value> = all
                .iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .cloned()
                .collect();
            let mut env = envelope(json!(items));
            env["result_info"] = json!({"page": page, "per_page": per_page, "count": items.len(),
                "total_count": all.len(), "total_pages": all.len().div_ceil(per_page).max(1)});
            (200, Some(env))
        }
        ("get", "/zones/{zone_id}") => {
            let zones = st.zones();
            let (id, name) = zones
                .iter()
                .find(|(id, _)| *id == params["zone_id"])
                .unwrap();
            (200, Some(envelope(zone_object(id, name, &st.plan))))
        }
        ("get", "/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}/associations") => {
            let id = &params["mtls_certificate_id"];
            if !st.mtls.iter().any(|m| m["id"] == json!(id)) {
                return (404, Some(error(1497, "mTLS certificate not found", None)));
            }
            let list = st.services.get(id).cloned().unwrap_or_default();
            let mut env = envelope(json!(list));
            env["result_info"] =
                json!({"page": 1, "per_page": 50, "count": list.len(), "total_count": list.len()});
            (200, Some(env))
        }
        ("get", "/accounts/{account_id}/mtls_certificates") => {
            let mut env = envelope(json!(st.mtls));
            env["result_info"] = json!({"page": 1, "per_page": 50, "count": st.mtls.len(), "total_count": st.mtls.len()});
            (200, Some(env))
        }
        ("post", "/accounts/{account_id}/mtls_certificates") => {
            let b = body.unwrap();
            let pem_text = b["certificates"].as_str().unwrap_or("");
            if pem_text.contains("PRIVATE KEY") {
                return (
                    400,
                    Some(error(
                        1402,
                        "Unable to parse certificate: the PEM holds a private key",
                        Some("/certificates"),
                    )),
                );
            }
            let id = st.uuid();
            let obj = match cert_object(&id, b["name"].as_str().unwrap_or(""), pem_text) {
                Ok(o) => o,
                Err((code, m)) => return (400, Some(error(code, &m, Some("/certificates")))),
            };
            if b["ca"] == json!(true) && obj["ca"] != json!(true) {
                return (
                    400,
                    Some(error(
                        1418,
                        "The certificate is not a CA certificate (Basic Constraints CA:TRUE is required)",
                        Some("/certificates"),
                    )),
                );
            }
            if st.mtls.iter().filter(|m| m["ca"] == json!(true)).count() >= 5 {
                return (
                    400,
                    Some(error(1489, "Hit maximum CA cert allocation.", None)),
                );
            }
            st.mtls.push(obj.clone());
            (200, Some(envelope(obj)))
        }
        ("get", "/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}") => {
            match st
                .mtls
                .iter()
                .find(|m| m["id"] == json!(params["mtls_certificate_id"]))
            {
                Some(m) => (200, Some(envelope(m.clone()))),
                None => (404, Some(error(1497, "mTLS certificate not found", None))),
            }
        }
        ("delete", "/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}") => {
            let id = &params["mtls_certificate_id"];
            if st
                .assoc
                .iter()
                .any(|((_, ca), h)| ca == id && !h.is_empty())
                || st.services.get(id).is_some_and(|s| !s.is_empty())
            {
                return (
                    400,
                    Some(error(
                        1494,
                        "The certificate is in use by one or more Cloudflare services",
                        None,
                    )),
                );
            }
            match st.mtls.iter().position(|m| m["id"] == json!(id)) {
                Some(i) => (200, Some(envelope(st.mtls.remove(i)))),
                None => (404, Some(error(1497, "mTLS certificate not found", None))),
            }
        }
        ("get", "/zones/{zone_id}/certificate_authorities/hostname_associations") => {
            let ca = q("mtls_certificate_id").unwrap_or_default();
            if !ca.is_empty() && !st.mtls.iter().any(|m| m["id"] == json!(ca)) {
                return (404, Some(error(1497, "mTLS certificate not found", None)));
            }
            let list = st
                .assoc
                .get(&(params["zone_id"].clone(), ca))
                .cloned()
                .unwrap_or_default();
            (200, Some(envelope(json!({"hostnames": list}))))
        }
        ("put", "/zones/{zone_id}/certificate_authorities/hostname_associations") => {
            let b = body.unwrap();
            let ca = b["mtls_certificate_id"].as_str().unwrap_or("").to_string();
            if !ca.is_empty() && !st.mtls.iter().any(|m| m["id"] == json!(ca)) {
                return (
                    404,
                    Some(error(
                        1497,
                        "mTLS certificate not found",
                        Some("/mtls_certificate_id"),
                    )),
                );
            }
            let list: Vec<String> = b["hostnames"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|h| h.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            st.assoc
                .insert((params["zone_id"].clone(), ca), list.clone());
            (200, Some(envelope(json!({"hostnames": list}))))
        }
        ("get", "/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint") => {
            st.entrypoint_gets += 1;
            let answer = match &st.entrypoint {
                None => (
                    404,
                    Some(error(
                        10003,
                        "could not find entrypoint ruleset in the http_request_firewall_custom phase",
                        None,
                    )),
                ),
                Some(ep) => (200, Some(envelope(ep.clone()))),
            };
            if st.edit_after_entrypoint_gets == Some(st.entrypoint_gets) {
                st.dashboard_rule("someone-else", "ip.src eq 192.0.2.1");
            }
            answer
        }
        ("put", "/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint") => {
            put_entrypoint(st, body.unwrap())
        }
        ("get", "/zones/{zone_id}/client_certificates") => {
            let page: usize = q("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let per_page: usize = q("per_page").and_then(|p| p.parse().ok()).unwrap_or(20);
            let items: Vec<Value> = st
                .client_certs
                .iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .cloned()
                .collect();
            let mut env = envelope(json!(items));
            env["result_info"] = json!({"page": page, "per_page": per_page, "count": items.len(), "total_count": st.client_certs.len()});
            (200, Some(env))
        }
        ("post", "/zones/{zone_id}/client_certificates") => {
            let b = body.unwrap();
            let csr_text = b["csr"].as_str().unwrap_or("");
            let days = b["validity_days"].as_i64().unwrap_or(0);
            let Ok(mut csr) = rcgen::CertificateSigningRequestParams::from_pem(csr_text) else {
                return (400, Some(error(1450, "Invalid CSR", Some("/csr"))));
            };
            let now = time::OffsetDateTime::now_utc();
            csr.params.not_before = now;
            csr.params.not_after = now + time::Duration::days(days);
            let cert = csr.signed_by(&st.managed_ca).unwrap();
            let der = cert.der().to_vec();
            let c = mtlsctl::pki::cert::parse(&der).unwrap();
            let ski = mtlsctl::pki::cert::ski(&c)
                .map(hex::encode)
                .unwrap_or_default();
            let id = st.hex_id();
            let ca_id = st.uuid();
            let obj = json!({"id": id, "certificate": cert.pem(), "csr": csr_text.replace("\r\n", "\n").replace('\n', "\r\n"),
                "certificate_authority": {"id": ca_id, "name": "Cloudflare Managed CA for account"},
                "common_name": "device", "country": "", "state": "", "location": "", "organization": "", "organizational_unit": "",
                "expires_on": NOW, "issued_on": NOW, "fingerprint_sha256": hex::encode(Sha256::digest(&der)),
                "serial_number": c.serial.to_string(), "signature": "ECDSAWithSHA256", "ski": ski,
                "status": "active", "validity_days": days});
            st.client_certs.push(obj.clone());
            (200, Some(envelope(obj)))
        }
        ("delete", "/zones/{zone_id}/client_certificates/{client_certificate_id}") => {
            match st
                .client_certs
                .iter_mut()
                .find(|c| c["id"] == json!(params["client_certificate_id"]))
            {
                Some(c) => {
                    c["status"] = json!("pending_revocation");
                    (200, Some(envelope(c.clone())))
                }
                None => (404, Some(error(1404, "client certificate not found", None))),
            }
        }
        _ => (
            404,
            Some(error(
                7003,
                "No route for the URI (not in the double)",
                None,
            )),
        ),
    }
}

fn put_entrypoint(st: &mut State, body: &Value) -> Answer {
    let rules = body["rules"].as_array().cloned().unwrap_or_default();
    let plan = st.plan.clone();
    if rules.len() > plan_max_rules(&plan) {
        return (
            400,
            Some(error(
                20123,
                "the ruleset has more rules than the zone's plan allows",
                Some("/rules"),
            )),
        );
    }
    let allowed = [
        "block",
        "challenge",
        "js_challenge",
        "managed_challenge",
        "skip",
        "log",
    ];
    for (i, r) in rules.iter().enumerate() {
        let action = r["action"].as_str().unwrap_or("");
        if !allowed.contains(&action) {
            return (
                400,
                Some(error(
                    20021,
                    &format!("'{action}' is not a valid action for this phase"),
                    Some(&format!("/rules/{i}/action")),
                )),
            );
        }
        if action == "log" && plan != "enterprise" {
            return (
                400,
                Some(error(
                    20120,
                    "not entitled to use the log action",
                    Some(&format!("/rules/{i}/action")),
                )),
            );
        }
        if r.pointer("/action_parameters/response").is_some() && plan == "free" {
            return (
                400,
                Some(error(
                    20120,
                    "not entitled to use a custom response",
                    Some(&format!("/rules/{i}/action_parameters/response")),
                )),
            );
        }
        if mtlsctl::rules::parse(r["expression"].as_str().unwrap_or("")).is_err() {
            return (
                400,
                Some(error(
                    20021,
                    "filter parsing error",
                    Some(&format!("/rules/{i}/expression")),
                )),
            );
        }
    }
    let old: Vec<Value> = st.rules();
    let mut out = Vec::new();
    for r in rules {
        let mut r = r.clone();
        let o = r.as_object_mut().unwrap();
        let prev = o
            .get("id")
            .and_then(|id| old.iter().find(|x| x["id"] == *id))
            .cloned();
        let id = match &prev {
            Some(p) => p["id"].clone(),
            None => json!(st.hex_id()),
        };
        o.insert("id".into(), id.clone());
        o.entry("ref").or_insert(id.clone());
        o.entry("enabled").or_insert(json!(true));
        let version = match &prev {
            Some(p) => {
                let mut a = p.clone();
                let mut b = Value::Object(o.clone());
                for x in [&mut a, &mut b] {
                    let m = x.as_object_mut().unwrap();
                    m.remove("version");
                    m.remove("last_updated");
                }
                let v: u64 = p["version"].as_str().unwrap().parse().unwrap();
                if a == b { v } else { v + 1 }
            }
            None => 1,
        };
        o.insert("version".into(), json!(version.to_string()));
        o.insert("last_updated".into(), json!(NOW));
        out.push(r);
    }
    let ep = st.ensure_entrypoint();
    ep["rules"] = json!(out);
    bump(ep);
    (200, Some(envelope(ep.clone())))
}

/// The running double.
pub struct Double {
    pub base_url: String,
    pub state: Arc<Mutex<State>>,
}

impl Double {
    pub fn start() -> Double {
        let state = Arc::new(Mutex::new(State::new()));
        let api = Arc::new(OpenApi::load());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let st = state.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let st = st.clone();
                    let api = api.clone();
                    tokio::task::spawn(async move {
                        let svc = service_fn(move |req: Request<Incoming>| {
                            let st = st.clone();
                            let api = api.clone();
                            async move { serve(req, &st, &api).await }
                        });
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), svc)
                            .await;
                    });
                }
            });
        });
        Double {
            base_url: format!("http://127.0.0.1:{port}/client/v4"),
            state,
        }
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().unwrap())
    }

    pub fn violations(&self) -> Vec<String> {
        self.with(|s| s.violations.clone())
    }
}

impl Drop for Double {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let v = self.violations();
            assert!(v.is_empty(), "OpenAPI violations:\n{}", v.join("\n"));
        }
    }
}

async fn serve(
    req: Request<Incoming>,
    st: &Mutex<State>,
    api: &OpenApi,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let method = req.method().as_str().to_ascii_lowercase();
    let path = req.uri().path().to_string();
    let query: Vec<(String, String)> = req
        .uri()
        .query()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let h = |k: &str| {
        req.headers()
            .get(k)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let auth = match (h("authorization"), h("x-auth-key"), h("x-auth-email")) {
        (Some(a), _, _) => Auth::Token(a.strip_prefix("Bearer ").unwrap_or("").to_string()),
        (None, Some(k), Some(e)) => Auth::Key(k, e),
        _ => Auth::None,
    };
    let bytes = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let (status, headers, body) = {
        let mut s = st.lock().unwrap();
        answer(&mut s, api, &method, &path, &query, &auth, &bytes)
    };
    let mut resp = Response::builder().status(status);
    for (k, v) in headers {
        resp = resp.header(k, v);
    }
    let out = match body {
        Some(b) => {
            resp = resp.header("content-type", "application/json");
            Full::new(Bytes::from(b.to_string()))
        }
        None => Full::new(Bytes::new()),
    };
    Ok(resp.body(out).unwrap())
}

fn answer(
    st: &mut State,
    api: &OpenApi,
    method: &str,
    path: &str,
    query: &[(String, String)],
    auth: &Auth,
    bytes: &[u8],
) -> (u16, Vec<(&'static str, String)>, Option<Value>) {
    let full = match query.is_empty() {
        true => path.to_string(),
        false => format!(
            "{path}?{}",
            query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        ),
    };
    st.log.push(format!(
        "{} {}",
        method.to_uppercase(),
        full.trim_start_matches("/client/v4")
    ));
    let Some(rel) = path.strip_prefix("/client/v4") else {
        st.violations
            .push(format!("{method} {path}: not below /client/v4"));
        return (404, vec![], Some(error(7003, "No route for the URI", None)));
    };
    let Some(op) = api.operation(method, rel) else {
        st.violations.push(format!(
            "{method} {rel}: not an operation of the OpenAPI subset"
        ));
        return (404, vec![], Some(error(7003, "No route for the URI", None)));
    };
    let body: Option<Value> = if bytes.is_empty() {
        None
    } else {
        match serde_json::from_slice(bytes) {
            Ok(v) => Some(v),
            Err(e) => {
                st.violations
                    .push(format!("{method} {rel}: body is not JSON: {e}"));
                return (
                    400,
                    vec![],
                    Some(error(6007, "Malformed JSON in request body", None)),
                );
            }
        }
    };
    if let Err(e) = api.check_request(&op, query, body.as_ref()) {
        eprintln!("double: request: {e}");
        st.violations.push(format!("request: {e}"));
        return (
            400,
            vec![],
            Some(error(
                6003,
                "Invalid request (the double's schema check)",
                None,
            )),
        );
    }
    // Faults on demand.
    st.counter += 1;
    let forced = if method == "post" && st.fail_next_post.is_some() {
        st.fail_next_post.take()
    } else if !st.fail_next.is_empty() {
        Some(st.fail_next.remove(0))
    } else if st
        .rate_limit_every
        .is_some_and(|n| st.counter.is_multiple_of(n))
    {
        Some(429)
    } else {
        None
    };
    let (status, body, headers) = match forced {
        Some(429) => (
            429,
            Some(error(
                10100,
                "More than 1200 requests per 300 seconds reached. Please wait and consider throttling your request speed",
                None,
            )),
            vec![("retry-after", st.retry_after.clone())],
        ),
        Some(s) => (
            s,
            Some(error(10001, "service temporarily unavailable", None)),
            vec![],
        ),
        None if st
            .forbid_path
            .as_ref()
            .is_some_and(|p| rel.contains(p.as_str())) =>
        {
            (
                403,
                Some(error(10000, "Authentication error", None)),
                vec![],
            )
        }
        None => {
            let (s, b) = route(
                st,
                &op.template,
                method,
                &op.params,
                query,
                auth,
                body.as_ref(),
            );
            (s, b, vec![])
        }
    };
    if status < 500
        && let Err(e) = api.check_response(&op, status, body.as_ref())
    {
        st.violations.push(format!("response: {e}"));
    }
    (status, headers, body)
}
