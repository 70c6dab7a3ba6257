//! Conformance: `verified && !revoked` (what a "verified and not revoked" rule lets through)
//! against the x509-limbo client-auth subset in `tests/fixtures/limbo/clientauth-subset.json`.

use std::collections::BTreeMap;
use std::path::Path;

use mtlsctl::pki::verify::{VerifyRequest, verify_client};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Cases where we knowingly disagree with `expected_clientauth_result`, with the reason.
/// The test fails if the set of disagreements is not exactly this list.
const KNOWN_DISAGREEMENTS: &[(&str, &str)] = &[];

fn corpus() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/limbo/clientauth-subset.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn pem_der(text: &str) -> Vec<u8> {
    pem::parse(text).unwrap().into_contents()
}

fn pem_list(case: &Value, key: &str) -> Vec<Vec<u8>> {
    case[key]
        .as_array()
        .map(|a| a.iter().map(|v| pem_der(v.as_str().unwrap())).collect())
        .unwrap_or_default()
}

#[test]
fn limbo_clientauth_subset_agrees() {
    let corpus = corpus();
    let cases = corpus["testcases"].as_array().unwrap();
    assert_eq!(cases.len(), 138);

    let mut agree = 0usize;
    let mut disagreements: Vec<String> = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut revoked_cases = Vec::new();
    let mut wording: BTreeMap<String, String> = BTreeMap::new();
    // LIMBO_VERBOSE=1 prints each case's outcome, to compare with the `x_oracles` wording.
    let verbose = std::env::var_os("LIMBO_VERBOSE").is_some();

    for case in cases {
        let id = case["id"].as_str().unwrap();
        let expected_success = case["expected_clientauth_result"] == "SUCCESS";
        let leaf = pem_der(case["peer_certificate"].as_str().unwrap());
        let anchors = pem_list(case, "trusted_certs");
        let intermediates = pem_list(case, "untrusted_intermediates");
        let crls = pem_list(case, "crls");
        let at = match case["validation_time"].as_str() {
            Some(t) => OffsetDateTime::parse(t, &Rfc3339).unwrap(),
            None => OffsetDateTime::now_utc(),
        };
        let req = VerifyRequest {
            crls: &crls,
            ..VerifyRequest::new(&leaf, &intermediates, &anchors, at)
        };
        let allowed = match verify_client(&req) {
            Ok(out) => {
                let key = if out.revoked {
                    "verified, revoked".to_string()
                } else {
                    out.failure
                        .as_ref()
                        .map_or("verified".to_string(), ToString::to_string)
                };
                wording.insert(id.to_string(), key.clone());
                if verbose {
                    println!("{id}\t{key}");
                }
                *reasons.entry(key).or_default() += 1;
                if out.revoked {
                    revoked_cases.push(id.to_string());
                }
                out.verified && !out.revoked
            }
            Err(e) => {
                *reasons.entry(format!("input error: {e}")).or_default() += 1;
                false
            }
        };
        if allowed == expected_success {
            agree += 1;
        } else {
            disagreements.push(id.to_string());
        }
    }

    println!("limbo client-auth subset: {agree}/{} agree", cases.len());
    for (reason, n) in &reasons {
        println!("  {n:4}  {reason}");
    }
    for id in &disagreements {
        println!("  DISAGREE {id}");
    }
    let known: Vec<String> = KNOWN_DISAGREEMENTS
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(disagreements, known, "disagreements changed");
    assert_eq!(agree, cases.len() - KNOWN_DISAGREEMENTS.len());
    // Spot checks of the reason wording (OpenSSL's, as listed in the case's `x_oracles`).
    for (id, reason) in [
        (
            "rfc5280::chain-untrusted-root",
            "FAILED:self signed certificate in certificate chain",
        ),
        (
            "pathological::intermediate-cycle-distinct-cas",
            "FAILED:unable to get local issuer certificate",
        ),
        (
            "rfc5280::validity::expired-leaf",
            "FAILED:certificate has expired",
        ),
        (
            "rfc5280::validity::not-yet-valid-1-second",
            "FAILED:certificate is not yet valid",
        ),
        (
            "webpki::eku::ee-anyeku",
            "FAILED:unsupported certificate purpose",
        ),
        (
            "pathlen::intermediate-violates-pathlen-0",
            "FAILED:path length constraint exceeded",
        ),
        (
            "rfc5280::intermediate-ca-without-ca-bit",
            "FAILED:invalid CA certificate",
        ),
        (
            "rfc5280::unknown-critical-extension-ee",
            "FAILED:unhandled critical extension",
        ),
        (
            "rfc5280::nc::permitted-dns-mismatch",
            "FAILED:permitted subtree violation",
        ),
    ] {
        assert_eq!(wording.get(id).map(String::as_str), Some(reason), "{id}");
    }
    // The one FAILURE that comes from a CRL must be verified-but-revoked, as on the edge.
    assert_eq!(
        revoked_cases,
        vec!["crl::revoked-certificate-with-crl".to_string()]
    );
}
