//! The Cloudflare API operations mtlsctl uses, typed: token verification, zones, uploaded
//! CAs (account mTLS certificates), hostname associations, the custom-rules entrypoint and
//! managed client certificates (shapes: `cloudflare-api/README.md` §1).
//!
//! Rules are kept as JSON objects so that the fields mtlsctl does not manage (on rules it
//! does not own above all) go back to Cloudflare exactly as they came.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::client::{ApiError, Client, Credentials, is_hex32};
use crate::edge::lint::Plan;
use crate::pki::cert;
use crate::pki::sanitize::sanitize;

/// The custom rules phase.
pub const PHASE: &str = "http_request_firewall_custom";

/// A zone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Zone {
    /// Id (32 hex).
    pub id: String,
    /// Name.
    pub name: String,
    /// The owning account's id.
    pub account_id: Option<String>,
    /// The plan.
    #[serde(serialize_with = "plan_name", deserialize_with = "plan_from_name")]
    pub plan: Plan,
    /// The plan as Cloudflare names it.
    pub plan_label: String,
}

fn plan_name<S: serde::Serializer>(p: &Plan, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.name())
}

fn plan_from_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Plan, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(serde::de::Error::custom)
}

/// The plan of a zone object: `plan.legacy_id` (free, pro, business, enterprise), else its
/// name; unknown plans are taken as Free (the most limited), so nothing is sent that a small
/// plan would refuse.
pub fn zone_plan(zone: &Value) -> (Plan, String) {
    let plan = zone.get("plan");
    let legacy = plan
        .and_then(|p| p.get("legacy_id"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let name = plan
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let lower = format!("{legacy} {name}").to_ascii_lowercase();
    let p = if lower.contains("enterprise") {
        Plan::Enterprise
    } else if lower.contains("business") {
        Plan::Business
    } else if lower.contains("pro") {
        Plan::Pro
    } else {
        Plan::Free
    };
    let label = if name.is_empty() { legacy } else { name };
    (p, sanitize(label).into_owned())
}

fn shape(path: &str, reason: &str) -> ApiError {
    ApiError::Shape {
        method: "GET".into(),
        path: path.into(),
        reason: reason.into(),
    }
}

fn str_field(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn zone_from(v: &Value, path: &str) -> Result<Zone, ApiError> {
    let id = str_field(v, "id").ok_or_else(|| shape(path, "zone without id"))?;
    let name = str_field(v, "name").ok_or_else(|| shape(path, "zone without name"))?;
    let (plan, plan_label) = zone_plan(v);
    Ok(Zone {
        id,
        name,
        account_id: v
            .get("account")
            .and_then(|a| a.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string),
        plan,
        plan_label,
    })
}

/// Verifies the token (a global key is not verified: there is no endpoint for it).
///
/// Account-owned tokens fail `/user/tokens/verify`, so a `cfat_` token, or a token the user
/// endpoint calls invalid while an account id is known, is checked on the account endpoint.
pub fn verify_token(c: &Client, account_id: Option<&str>) -> Result<(), ApiError> {
    let token = match &c.settings().credentials {
        Credentials::Token(t) => t.clone(),
        Credentials::Key { .. } => return Ok(()),
    };
    let account_path = account_id.map(|a| format!("/accounts/{a}/tokens/verify"));
    let result = if token.starts_with("cfat_") {
        match &account_path {
            Some(p) => c.get(p, &[])?,
            None => {
                return Err(ApiError::Setting(
                    "an account-owned token (cfat_) is verified on its account: set CLOUDFLARE_ACCOUNT_ID".into(),
                ));
            }
        }
    } else {
        match c.get("/user/tokens/verify", &[]) {
            Ok(r) => r,
            Err(e) => match (e.status_code(), &account_path) {
                (Some((_, Some(1000))), Some(p)) => c.get(p, &[])?,
                _ => return Err(e),
            },
        }
    };
    match result.get("status").and_then(Value::as_str) {
        Some("active") => Ok(()),
        Some(s) => Err(ApiError::Setting(format!(
            "the API token is {} (not active)",
            sanitize(s)
        ))),
        None => Err(shape("/user/tokens/verify", "no token status")),
    }
}

/// The zone named by `name_or_id` (a 32-hex id or an exact name).
pub fn zone(c: &Client, name_or_id: &str) -> Result<Zone, ApiError> {
    let s = name_or_id.trim();
    if is_hex32(s) {
        let path = format!("/zones/{}", s.to_ascii_lowercase());
        let v = c.get(&path, &[]).map_err(|e| match e.status_code() {
            Some((404, _)) | Some((400, Some(1003))) | Some((403, Some(1003))) => {
                ApiError::Setting(format!("unknown zone id {s} (or the token cannot see it)"))
            }
            _ => e,
        })?;
        return zone_from(&v, &path);
    }
    if s.is_empty() || s.len() > 253 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ApiError::Setting(format!(
            "{:?} is neither a zone name nor a zone id",
            sanitize(s)
        )));
    }
    let list = c.get_pages("/zones", &[("name", s.to_string())])?;
    let found: Vec<&Value> = list
        .iter()
        .filter(|z| z.get("name").and_then(Value::as_str) == Some(s))
        .collect();
    match found.as_slice() {
        [] => Err(ApiError::Setting(format!(
            "unknown zone {:?} (no zone of that name is visible to these credentials)",
            sanitize(s)
        ))),
        [one] => zone_from(one, "/zones"),
        _ => Err(ApiError::Setting(format!(
            "{} zones are named {:?}: give the zone id instead",
            found.len(),
            sanitize(s)
        ))),
    }
}

/// An uploaded certificate (account mTLS certificate), with what mtlsctl computes from it.
#[derive(Debug, Clone, Serialize)]
pub struct UploadedCert {
    /// Id (a UUID).
    pub id: String,
    /// Name.
    pub name: String,
    /// Whether it was uploaded as a CA.
    pub ca: bool,
    /// Cloudflare's issuer text.
    pub issuer: String,
    /// Expiry as Cloudflare gives it.
    pub expires_on: String,
    /// SHA-256 of the first certificate's DER, lower-case hex.
    pub fingerprint_sha256: Option<String>,
    /// The first certificate's SKI, upper-case hex (Cloudflare does not return it).
    pub ski: Option<String>,
    /// The PEM text.
    #[serde(skip)]
    pub certificates: String,
}

/// SHA-256 of DER, lower-case hex.
pub fn fingerprint(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

/// The first certificate of a PEM text, as DER.
pub fn first_der(pem_text: &str) -> Option<Vec<u8>> {
    pem::parse_many(pem_text.as_bytes())
        .ok()?
        .into_iter()
        .find(|p| p.tag() == "CERTIFICATE")
        .map(|p| p.into_contents())
}

fn uploaded_from(v: &Value) -> Option<UploadedCert> {
    let certificates = str_field(v, "certificates").unwrap_or_default();
    let der = first_der(&certificates);
    let ski = der.as_deref().and_then(|d| {
        cert::parse(d)
            .ok()
            .and_then(|c| cert::ski(&c).map(cert::hex_upper))
    });
    Some(UploadedCert {
        id: str_field(v, "id")?,
        name: sanitize(&str_field(v, "name").unwrap_or_default()).into_owned(),
        ca: v.get("ca").and_then(Value::as_bool).unwrap_or(false),
        issuer: sanitize(&str_field(v, "issuer").unwrap_or_default()).into_owned(),
        expires_on: sanitize(&str_field(v, "expires_on").unwrap_or_default()).into_owned(),
        fingerprint_sha256: der.as_deref().map(fingerprint),
        ski,
        certificates,
    })
}

/// Every uploaded certificate of the account.
pub fn list_uploaded(c: &Client, account: &str) -> Result<Vec<UploadedCert>, ApiError> {
    let path = format!("/accounts/{account}/mtls_certificates");
    let v = c.get(&path, &[])?;
    let items = v
        .as_array()
        .ok_or_else(|| shape(&path, "the result is not a list"))?;
    items
        .iter()
        .map(|i| uploaded_from(i).ok_or_else(|| shape(&path, "a certificate without id")))
        .collect()
}

/// Uploads a CA certificate (PEM).
pub fn upload_ca(
    c: &Client,
    account: &str,
    name: &str,
    pem_text: &str,
) -> Result<UploadedCert, ApiError> {
    let path = format!("/accounts/{account}/mtls_certificates");
    let body = json!({ "ca": true, "certificates": pem_text, "name": name });
    let a = c.call(Method::POST, &path, &[], Some(&body))?;
    uploaded_from(&a.result).ok_or_else(|| shape(&path, "no certificate id in the answer"))
}

/// Deletes an uploaded certificate.
pub fn delete_uploaded(c: &Client, account: &str, id: &str) -> Result<(), ApiError> {
    let path = format!("/accounts/{account}/mtls_certificates/{id}");
    c.call(Method::DELETE, &path, &[], None)?;
    Ok(())
}

/// Every zone of an account that the credentials can see (every page).
pub fn account_zones(c: &Client, account: &str) -> Result<Vec<Zone>, ApiError> {
    let list = c.get_pages("/zones", &[("account.id", account.to_string())])?;
    list.iter().map(|z| zone_from(z, "/zones")).collect()
}

/// The Cloudflare services an uploaded certificate is associated with (`service`, `status`).
pub fn certificate_services(
    c: &Client,
    account: &str,
    id: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    let path = format!("/accounts/{account}/mtls_certificates/{id}/associations");
    let v = c.get(&path, &[])?;
    let items = match &v {
        Value::Array(a) => a.as_slice(),
        Value::Null => &[],
        _ => return Err(shape(&path, "the result is not a list")),
    };
    Ok(items
        .iter()
        .map(|i| {
            let f = |k: &str| sanitize(&str_field(i, k).unwrap_or_default()).into_owned();
            (f("service"), f("status"))
        })
        .collect())
}

/// Where an uploaded certificate is in use across its account.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CaUsage {
    /// The zones with hostnames on it: (zone name, zone id, hostnames).
    pub hostnames: Vec<(String, String, Vec<String>)>,
    /// Other services using it, as the associations endpoint lists them: (service, status).
    pub services: Vec<(String, String)>,
    /// How many zones were checked.
    pub zones_checked: usize,
}

impl CaUsage {
    /// Whether anything uses the certificate.
    pub fn in_use(&self) -> bool {
        !self.hostnames.is_empty() || !self.services.is_empty()
    }
}

/// Where the uploaded certificate `id` is in use: the hostnames associated with it in every
/// zone of the account the credentials can see (an uploaded CA is account-wide, so any zone
/// may use it), and the services the account's associations endpoint lists for it (which
/// names no zone or hostname, and also covers zones these credentials cannot list).
pub fn ca_usage(c: &Client, account: &str, id: &str) -> Result<CaUsage, ApiError> {
    let zones = account_zones(c, account)?;
    c.progress(&format!(
        "cloudflare: checking the hostnames on CA {id} in the account's {} zone(s)",
        zones.len()
    ));
    let mut usage = CaUsage {
        zones_checked: zones.len(),
        ..CaUsage::default()
    };
    for z in &zones {
        let h = hostnames(c, &z.id, Some(id))?;
        if !h.is_empty() {
            usage
                .hostnames
                .push((sanitize(&z.name).into_owned(), z.id.clone(), h));
        }
    }
    usage.services = certificate_services(c, account, id)?;
    Ok(usage)
}

fn hostnames_of(v: &Value, path: &str) -> Result<Vec<String>, ApiError> {
    match v.get("hostnames") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|h| {
                h.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| shape(path, "a hostname that is not a string"))
            })
            .collect(),
        Some(_) => Err(shape(path, "hostnames is not a list")),
    }
}

const HOSTNAMES: &str = "/certificate_authorities/hostname_associations";

/// The hostnames associated with a CA in a zone (`None`: Cloudflare's managed CA).
pub fn hostnames(c: &Client, zone: &str, ca: Option<&str>) -> Result<Vec<String>, ApiError> {
    let path = format!("/zones/{zone}{HOSTNAMES}");
    let q: Vec<(&str, String)> = ca
        .map(|id| vec![("mtls_certificate_id", id.to_string())])
        .unwrap_or_default();
    let v = c.get(&path, &q)?;
    hostnames_of(&v, &path)
}

/// Replaces the hostnames associated with a CA in a zone (the API's PUT replaces all).
pub fn put_hostnames(
    c: &Client,
    zone: &str,
    ca: Option<&str>,
    list: &[String],
) -> Result<Vec<String>, ApiError> {
    let path = format!("/zones/{zone}{HOSTNAMES}");
    let mut body = json!({ "hostnames": list });
    if let Some(id) = ca {
        body["mtls_certificate_id"] = json!(id);
    }
    let a = c.call(Method::PUT, &path, &[], Some(&body))?;
    hostnames_of(&a.result, &path)
}

/// The zone's custom-rules entrypoint.
#[derive(Debug, Clone, Serialize)]
pub struct Entrypoint {
    /// Ruleset id.
    pub id: String,
    /// Version (changes with every write).
    pub version: String,
    /// The rules, as Cloudflare returned them.
    pub rules: Vec<Value>,
}

fn entrypoint_from(v: &Value, path: &str) -> Result<Entrypoint, ApiError> {
    Ok(Entrypoint {
        id: str_field(v, "id").ok_or_else(|| shape(path, "ruleset without id"))?,
        version: str_field(v, "version").ok_or_else(|| shape(path, "ruleset without version"))?,
        rules: match v.get("rules") {
            Some(Value::Array(a)) => a.clone(),
            None | Some(Value::Null) => Vec::new(),
            Some(_) => return Err(shape(path, "rules is not a list")),
        },
    })
}

/// The entrypoint of the custom-rules phase; `None` while it was never created (404, 10003).
pub fn entrypoint(c: &Client, zone: &str) -> Result<Option<Entrypoint>, ApiError> {
    let path = format!("/zones/{zone}/rulesets/phases/{PHASE}/entrypoint");
    match c.get(&path, &[]) {
        Ok(v) => Ok(Some(entrypoint_from(&v, &path)?)),
        Err(e) if matches!(e.status_code(), Some((404, _))) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replaces every rule of the entrypoint (creating it when absent).
pub fn put_entrypoint(c: &Client, zone: &str, rules: &[Value]) -> Result<Entrypoint, ApiError> {
    let path = format!("/zones/{zone}/rulesets/phases/{PHASE}/entrypoint");
    let body = json!({ "rules": rules });
    let a = c.call(Method::PUT, &path, &[], Some(&body))?;
    entrypoint_from(&a.result, &path)
}

/// A client certificate from Cloudflare's managed CA.
#[derive(Debug, Clone, Serialize)]
pub struct ClientCert {
    /// Id.
    pub id: String,
    /// Status: active, pending_revocation, revoked, ...
    pub status: String,
    /// Common name.
    pub common_name: String,
    /// Serial (decimal, as Cloudflare gives it).
    pub serial_number: String,
    /// The certificate's own SKI (lower case from the API; shown upper case).
    pub ski: String,
    /// SHA-256 fingerprint.
    pub fingerprint_sha256: String,
    /// Expiry.
    pub expires_on: String,
    /// The certificate PEM.
    #[serde(skip)]
    pub certificate: String,
}

fn client_cert_from(v: &Value) -> Option<ClientCert> {
    let s = |k: &str| sanitize(&str_field(v, k).unwrap_or_default()).into_owned();
    Some(ClientCert {
        id: str_field(v, "id")?,
        status: s("status"),
        common_name: s("common_name"),
        serial_number: s("serial_number"),
        ski: s("ski").to_ascii_uppercase(),
        fingerprint_sha256: s("fingerprint_sha256"),
        expires_on: s("expires_on"),
        certificate: str_field(v, "certificate").unwrap_or_default(),
    })
}

/// Every managed client certificate of the zone (all statuses).
pub fn client_certs(c: &Client, zone: &str) -> Result<Vec<ClientCert>, ApiError> {
    let path = format!("/zones/{zone}/client_certificates");
    let items = c.get_pages(&path, &[("status", "all".to_string())])?;
    items
        .iter()
        .map(|i| client_cert_from(i).ok_or_else(|| shape(&path, "a certificate without id")))
        .collect()
}

/// Asks the managed CA to sign a CSR.
pub fn create_client_cert(
    c: &Client,
    zone: &str,
    csr_pem: &str,
    days: u32,
) -> Result<ClientCert, ApiError> {
    let path = format!("/zones/{zone}/client_certificates");
    let body = json!({ "csr": csr_pem, "validity_days": days });
    let a = c.call(Method::POST, &path, &[], Some(&body))?;
    client_cert_from(&a.result).ok_or_else(|| shape(&path, "no certificate id in the answer"))
}

/// Revokes a managed client certificate.
pub fn revoke_client_cert(c: &Client, zone: &str, id: &str) -> Result<ClientCert, ApiError> {
    let path = format!("/zones/{zone}/client_certificates/{id}");
    let a = c.call(Method::DELETE, &path, &[], None)?;
    client_cert_from(&a.result).ok_or_else(|| shape(&path, "no certificate in the answer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_from_zone_objects() {
        let z = |legacy: &str, name: &str| {
            zone_plan(&json!({"plan": {"legacy_id": legacy, "name": name}})).0
        };
        assert_eq!(z("free", "Free Website"), Plan::Free);
        assert_eq!(z("pro", "Pro Website"), Plan::Pro);
        assert_eq!(z("business", "Business Website"), Plan::Business);
        assert_eq!(z("enterprise", "Enterprise Website"), Plan::Enterprise);
        assert_eq!(zone_plan(&json!({})).0, Plan::Free);
    }
}
