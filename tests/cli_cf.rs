//! `mtlsctl cf ...` end to end against the Cloudflare API double (`tests/cfdouble`): a real
//! HTTP server on 127.0.0.1 whose every request and response is validated against
//! Cloudflare's OpenAPI subset; a violation fails the test when the double is dropped.

mod cfdouble;
mod common;

use std::process::Output;

use cfdouble::{ACCOUNT_ID, ACCOUNT_TOKEN, Double, READONLY_TOKEN, TOKEN, ZONE_ID};
use common::Env;
use serde_json::{Value, json};

const YAML: &str = "\
rules:
  - ref: mtls_admin
    description: Require a valid client certificate on /admin
    path_prefixes: [/admin]
    hosts: [api.example.com]
cloudflare:
  zone: example.com
  hostnames: [api.example.com]
";

/// A scratch dir with a store CA, a client certificate and `mtlsctl.yaml`.
fn setup(yaml: &str) -> (Env, Double) {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    std::fs::write(env.path("mtlsctl.yaml"), yaml).unwrap();
    (env, Double::start())
}

fn cf_token(env: &Env, d: &Double, token: &str, args: &[&str]) -> Output {
    let mut c = env.cmd();
    for v in [
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_ACCOUNT_ID",
        "CLOUDFLARE_ZONE_ID",
        "CLOUDFLARE_BASE_URL",
    ] {
        c.env_remove(v);
    }
    c.env("CLOUDFLARE_API_TOKEN", token)
        .env("CLOUDFLARE_API_BASE_URL", &d.base_url)
        .arg("cf")
        .args(args)
        .output()
        .unwrap()
}

fn cf(env: &Env, d: &Double, args: &[&str]) -> Output {
    cf_token(env, d, TOKEN, args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[track_caller]
fn assert_code(o: &Output, want: i32) {
    assert_eq!(
        code(o),
        want,
        "stdout:\n{}\nstderr:\n{}",
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// The one error line of a failed run with --quiet.
#[track_caller]
fn one_error_line(o: &Output) -> String {
    assert_code(o, 2);
    let err = text(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "not one line: {err}");
    assert!(lines[0].starts_with("mtlsctl: error: "), "{err}");
    lines[0].to_string()
}

fn sha256_der_of_pem(path: &std::path::Path) -> String {
    use sha2::Digest;
    let p = pem::parse(std::fs::read(path).unwrap()).unwrap();
    hex::encode(sha2::Sha256::digest(p.contents()))
}

fn uploaded_fingerprint(d: &Double, i: usize) -> String {
    use sha2::Digest;
    let pem_text = d.with(|s| s.mtls[i]["certificates"].as_str().unwrap().to_string());
    let p = pem::parse(pem_text).unwrap();
    hex::encode(sha2::Sha256::digest(p.contents()))
}

#[test]
fn apply_from_an_empty_zone_then_nothing_to_change() {
    let (env, d) = setup(YAML);
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    let out = text(&plan.stdout);
    assert!(out.contains("CA: + upload"), "{out}");
    assert!(out.contains("  + api.example.com"), "{out}");
    assert!(out.contains("+ mtls_admin  create (block)"), "{out}");
    assert!(out.contains("the entrypoint is created"), "{out}");
    assert!(
        out.contains("Plan: 1 CA to upload, 1 hostname(s) to add"),
        "{out}"
    );
    assert!(d.with(|s| s.writes()).is_empty(), "plan wrote something");

    let apply = cf(&env, &d, &["apply", "--yes"]);
    assert_code(&apply, 0);
    assert!(
        text(&apply.stdout).contains("done: uploaded CA"),
        "{}",
        text(&apply.stdout)
    );
    // Exactly three writes: the upload, one hostname PUT, one entrypoint PUT.
    let writes = d.with(|s| s.writes());
    assert_eq!(writes.len(), 3, "{writes:?}");
    assert!(writes[0].starts_with(&format!("POST /accounts/{ACCOUNT_ID}/mtls_certificates")));
    assert!(writes[1].starts_with("PUT /zones/") && writes[1].contains("hostname_associations"));
    assert!(writes[2].ends_with("/entrypoint"));
    // The uploaded certificate is the store CA, byte for byte (DER).
    assert_eq!(
        uploaded_fingerprint(&d, 0),
        sha256_der_of_pem(&env.store().join("ca.crt"))
    );
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    assert_eq!(ca_id.len(), 36, "a UUID: {ca_id}");
    assert_eq!(d.with(|s| s.hostnames(&ca_id)), vec!["api.example.com"]);
    let rules = d.with(|s| s.rules());
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["ref"], "mtls_admin");
    assert_eq!(
        rules[0]["action_parameters"]["response"]["status_code"],
        403
    );
    assert!(
        rules[0]["expression"]
            .as_str()
            .unwrap()
            .contains("http.host eq \"api.example.com\"")
    );

    let again = cf(&env, &d, &["plan"]);
    assert_code(&again, 0);
    assert!(
        text(&again.stdout).contains("No changes"),
        "{}",
        text(&again.stdout)
    );
    // A second apply writes nothing.
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(d.with(|s| s.writes()).len(), 3);
}

#[test]
fn plan_json_and_exit_codes() {
    let (env, d) = setup(YAML);
    let o = cf(&env, &d, &["plan", "--json"]);
    assert_code(&o, 3);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["changes"], true);
    assert_eq!(v["ca"]["action"], "upload");
    assert_eq!(v["hostnames"]["add"], json!(["api.example.com"]));
    assert_eq!(v["rules"]["entries"][0]["change"], "create");
    assert_eq!(v["zone"]["plan"], "enterprise");
    let help = text(&env.run(&["cf", "plan", "--help"]).stdout);
    assert!(
        help.contains("3  changes pending") && help.contains("EXAMPLES"),
        "{help}"
    );
}

#[test]
fn a_hostname_and_a_rule_added_in_the_dashboard_are_kept_in_place() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    // Someone adds a hostname and puts their own rule first.
    d.with(|s| {
        s.set_hostnames(&ca_id, &["api.example.com", "dash.example.com"]);
        s.dashboard_rule("theirs", "ip.src eq 192.0.2.7");
        let ep = s.entrypoint.as_mut().unwrap();
        let rules = ep["rules"].as_array_mut().unwrap();
        let theirs = rules.pop().unwrap();
        rules.insert(0, theirs);
    });
    let theirs_before = d.with(|s| s.rules()[0].clone());
    // The file now wants another hostname and a changed rule.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("[/admin]", "[/admin, /ops]").replace(
            "hostnames: [api.example.com]",
            "hostnames: [api.example.com, www.example.com]",
        ),
    )
    .unwrap();
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    let out = text(&plan.stdout);
    assert!(
        out.contains("= dash.example.com  (not in mtlsctl.yaml: kept)"),
        "{out}"
    );
    assert!(
        out.contains(" 1 = theirs  (not mtlsctl's: untouched, in place)"),
        "{out}"
    );
    assert!(out.contains(" 2 ~ mtls_admin  update: expression"), "{out}");
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(
        d.with(|s| s.hostnames(&ca_id)),
        vec!["api.example.com", "dash.example.com", "www.example.com"]
    );
    let rules = d.with(|s| s.rules());
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0], theirs_before, "the foreign rule changed");
    assert_eq!(rules[1]["ref"], "mtls_admin");
    assert!(rules[1]["expression"].as_str().unwrap().contains("/ops"));
    assert_code(&cf(&env, &d, &["plan"]), 0);
}

#[test]
fn removing_a_hostname_only_when_the_file_says_so_and_loudly() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    d.with(|s| s.set_hostnames(&ca_id, &["api.example.com", "old.example.com"]));
    std::fs::write(
        env.path("mtlsctl.yaml"),
        format!("{YAML}  remove_hostnames: [old.example.com]\n"),
    )
    .unwrap();
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    assert!(
        text(&plan.stdout).contains(
            "- old.example.com  REMOVED: listed under remove_hostnames; mTLS is turned OFF"
        ),
        "{}",
        text(&plan.stdout)
    );
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(d.with(|s| s.hostnames(&ca_id)), vec!["api.example.com"]);
}

#[test]
fn a_concurrent_edit_between_plan_and_apply_writes_nothing() {
    let (env, d) = setup(YAML);
    // Someone edits the entrypoint right after apply has read it for its plan.
    d.with(|s| s.edit_after_entrypoint_gets = Some(1));
    let o = cf(&env, &d, &["apply", "--yes", "--quiet"]);
    let line = one_error_line(&o);
    assert!(line.contains("changed since the plan"), "{line}");
    assert!(line.contains("nothing was written"), "{line}");
    assert!(
        d.with(|s| s.writes()).is_empty(),
        "{:?}",
        d.with(|s| s.writes())
    );
    assert!(d.with(|s| s.mtls.is_empty()));
    // Run again: the new rule is someone else's and is kept.
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let refs: Vec<Value> = d.with(|s| s.rules().iter().map(|r| r["ref"].clone()).collect());
    assert_eq!(refs, vec![json!("someone-else"), json!("mtls_admin")]);
}

#[test]
fn the_entrypoint_version_is_checked_right_before_the_put() {
    let (env, d) = setup(YAML);
    // Reads 1 (plan) and 2 (the check before the first write) see the same version; the
    // edit lands before read 3, the one right before the PUT.
    d.with(|s| s.edit_after_entrypoint_gets = Some(2));
    let o = cf(&env, &d, &["apply", "--yes", "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains("entrypoint") && line.contains("version"),
        "{line}"
    );
    assert!(line.contains("already written: uploaded CA"), "{line}");
    assert!(
        !d.with(|s| s.writes())
            .iter()
            .any(|w| w.ends_with("/entrypoint"))
    );
}

#[test]
fn a_rate_limit_storm_still_converges() {
    let (env, d) = setup(YAML);
    d.with(|s| {
        s.rate_limit_every = Some(2);
        s.retry_after = "0".into();
    });
    let o = cf(&env, &d, &["apply", "--yes"]);
    assert_code(&o, 0);
    let err = text(&o.stderr);
    assert!(err.contains("rate limited (HTTP 429); retrying"), "{err}");
    assert_code(&cf(&env, &d, &["plan"]), 0);
    assert_eq!(d.with(|s| s.rules().len()), 1);
    assert_eq!(d.with(|s| s.mtls.len()), 1, "the upload was not repeated");
    // Retry-After is honoured (one second here), and a 503 on a read is retried.
    d.with(|s| {
        s.rate_limit_every = None;
        s.retry_after = "1".into();
        s.fail_next = vec![429, 503];
    });
    let o = cf(&env, &d, &["plan"]);
    assert_code(&o, 0);
    let err = text(&o.stderr);
    assert!(err.contains("retrying in 1 s"), "{err}");
    assert!(err.contains("HTTP 503; retrying"), "{err}");
}

#[test]
fn a_rate_limit_that_never_ends_is_one_clear_error() {
    let (env, d) = setup(YAML);
    d.with(|s| s.fail_next = vec![429; 8]);
    let o = cf(&env, &d, &["plan", "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains("HTTP 429") && line.contains("code 10100"),
        "{line}"
    );
    assert!(
        line.contains("still rate limited after 8 attempts"),
        "{line}"
    );
}

#[test]
fn bad_inputs_are_one_line_and_change_nothing() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "leaf",
            YAML.replace(
                "  zone: example.com",
                "  zone: example.com\n  ca: client.crt",
            ),
            "not a CA",
        ),
        (
            "key",
            YAML.replace(
                "  zone: example.com",
                "  zone: example.com\n  ca: bundle.pem",
            ),
            "holds a private key",
        ),
        (
            "zone",
            YAML.replace("zone: example.com", "zone: nope.example"),
            "unknown zone",
        ),
        (
            "no ref",
            YAML.replace("  - ref: mtls_admin\n    description", "  - description"),
            "has no `ref`",
        ),
        (
            "unknown ref",
            format!("{YAML}  rules: [mtls_nope]\n"),
            "no rule with ref",
        ),
    ];
    for (what, yaml, want) in cases {
        let (env, d) = setup(&yaml);
        let mut bundle = std::fs::read(env.store().join("ca.crt")).unwrap();
        bundle.extend(std::fs::read(env.path("client.key")).unwrap());
        std::fs::write(env.path("bundle.pem"), bundle).unwrap();
        for args in [&["plan", "--quiet"][..], &["apply", "--yes", "--quiet"][..]] {
            let o = cf(&env, &d, args);
            let cmd = args[0];
            let line = one_error_line(&o);
            assert!(line.contains(want), "{what}/{cmd}: {line}");
            assert!(!line.contains(TOKEN));
        }
        assert!(d.with(|s| s.writes()).is_empty(), "{what}");
    }
}

#[test]
fn tokens_without_permission_or_invalid_are_one_line() {
    let (env, d) = setup(YAML);
    let o = cf_token(&env, &d, READONLY_TOKEN, &["apply", "--yes", "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains("HTTP 403") && line.contains("code 10000"),
        "{line}"
    );
    assert!(line.contains("lacks a permission"), "{line}");
    assert!(!line.contains(READONLY_TOKEN));
    assert!(d.with(|s| s.mtls.is_empty() && s.entrypoint.is_none()));
    let o = cf_token(&env, &d, "not-a-token", &["plan", "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains("API token was refused") && line.contains("code 1000"),
        "{line}"
    );
    assert!(!line.contains("not-a-token"));
    // No credentials at all.
    let o = env
        .cmd()
        .env_remove("CLOUDFLARE_API_TOKEN")
        .env_remove("CLOUDFLARE_API_KEY")
        .args(["cf", "plan", "--quiet"])
        .output()
        .unwrap();
    assert!(one_error_line(&o).contains("CLOUDFLARE_API_TOKEN"));
}

#[test]
fn an_account_token_is_verified_on_its_account() {
    let (env, d) = setup(YAML);
    let mut c = env.cmd();
    let o = c
        .env("CLOUDFLARE_API_TOKEN", ACCOUNT_TOKEN)
        .env("CLOUDFLARE_ACCOUNT_ID", ACCOUNT_ID)
        .env("CLOUDFLARE_BASE_URL", &d.base_url)
        .args(["cf", "plan"])
        .output()
        .unwrap();
    assert_code(&o, 3);
    let log = d.with(|s| s.log.clone());
    assert!(
        log.iter()
            .any(|l| l == &format!("GET /accounts/{ACCOUNT_ID}/tokens/verify")),
        "{log:?}"
    );
    assert!(
        !log.iter().any(|l| l == "GET /user/tokens/verify"),
        "{log:?}"
    );
}

#[test]
fn the_global_key_works_too() {
    let (env, d) = setup(YAML);
    let o = env
        .cmd()
        .env_remove("CLOUDFLARE_API_TOKEN")
        .env("CLOUDFLARE_API_KEY", cfdouble::GLOBAL_KEY)
        .env("CLOUDFLARE_EMAIL", cfdouble::EMAIL)
        .env("CLOUDFLARE_BASE_URL", &d.base_url)
        .args(["cf", "plan", "--zone", ZONE_ID])
        .output()
        .unwrap();
    assert_code(&o, 3);
}

#[test]
fn apply_refuses_without_a_terminal_unless_yes() {
    let (env, d) = setup(YAML);
    let o = cf(&env, &d, &["apply", "--quiet"]);
    assert!(one_error_line(&o).contains("--yes"));
    assert!(d.with(|s| s.log.is_empty()), "it contacted the API");
}

#[test]
fn plan_limits_are_said_before_anything_is_sent() {
    let (env, d) = setup(YAML);
    d.with(|s| s.plan = "free".into());
    let o = cf(&env, &d, &["plan"]);
    assert_code(&o, 2);
    assert!(
        text(&o.stdout).contains("REFUSED BY THE ZONE'S PLAN"),
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stderr).contains("Enterprise"),
        "{}",
        text(&o.stderr)
    );
    let o = cf(&env, &d, &["apply", "--yes"]);
    assert_code(&o, 2);
    assert!(d.with(|s| s.writes()).is_empty());
    // With the managed CA a free zone can deploy, without the custom block response.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("  zone: example.com", "  zone: example.com\n  ca: managed"),
    )
    .unwrap();
    let o = cf(&env, &d, &["apply", "--yes"]);
    assert_code(&o, 0);
    assert!(
        text(&o.stdout).contains("default block page"),
        "{}",
        text(&o.stdout)
    );
    let rules = d.with(|s| s.rules());
    assert!(rules[0].get("action_parameters").is_none(), "{}", rules[0]);
    assert_eq!(d.with(|s| s.hostnames("")), vec!["api.example.com"]);
    assert!(d.with(|s| s.mtls.is_empty()));
    // The log action needs Enterprise.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("  zone: example.com", "  zone: example.com\n  ca: managed")
            .replace("    hosts:", "    action: log\n    hosts:"),
    )
    .unwrap();
    let o = cf(&env, &d, &["plan"]);
    assert_code(&o, 2);
    assert!(text(&o.stderr).contains("log action needs the Enterprise plan"));
}

#[test]
fn status_shows_cas_hostnames_rules_and_client_certs() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    d.with(|s| s.dashboard_rule("presented-only", "cf.tls_client_auth.cert_presented"));
    let ski = env.ok(&["ski", "--own", "store/ca.crt"]);
    let ski = ski.split_whitespace().next().unwrap().to_string();
    let o = cf(&env, &d, &["status"]);
    assert_code(&o, 0);
    let out = text(&o.stdout);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    assert!(
        out.contains(&ca_id) && out.contains(&format!("SKI {ski}")),
        "{out}"
    );
    assert!(
        out.contains("[store CA]") && out.contains("hostnames: api.example.com"),
        "{out}"
    );
    assert!(
        out.contains("custom rules reading cf.tls_client_auth.* (2 of 2)"),
        "{out}"
    );
    assert!(out.contains("presented-not-verified"), "lint ran: {out}");
    let o = cf(&env, &d, &["status", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["uploaded_cas"][0]["store_ca"], true);
    assert_eq!(v["uploaded_cas"][0]["ski"], json!(ski));
    assert_eq!(v["rules"][1]["ref"], "presented-only");
}

#[test]
fn ca_delete_refuses_while_hostnames_are_associated() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    let o = cf(&env, &d, &["ca", "delete", &ca_id, "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains("api.example.com") && line.contains("nothing was deleted"),
        "{line}"
    );
    let o = cf(
        &env,
        &d,
        &["hostnames", "remove", "api.example.com", "--ca", &ca_id],
    );
    assert_code(&o, 0);
    assert_code(&cf(&env, &d, &["ca", "delete", &ca_id]), 0);
    assert!(d.with(|s| s.mtls.is_empty()));
}

#[test]
fn ca_upload_list_and_hostnames_add() {
    let (env, d) = setup(YAML);
    let o = cf(&env, &d, &["ca", "upload", "--zone", "example.com"]);
    assert_code(&o, 0);
    let id = text(&o.stdout).trim().to_string();
    // Same DER again: nothing uploaded.
    let o = cf(&env, &d, &["ca", "upload", "--zone", "example.com"]);
    assert_code(&o, 0);
    assert_eq!(text(&o.stdout).trim(), id);
    assert_eq!(d.with(|s| s.mtls.len()), 1);
    let o = cf(&env, &d, &["ca", "list", "--zone", "example.com"]);
    assert!(
        text(&o.stdout).contains("[store CA]"),
        "{}",
        text(&o.stdout)
    );
    // A leaf is refused before anything is sent.
    let o = cf(&env, &d, &["ca", "upload", "client.crt", "--quiet"]);
    assert!(one_error_line(&o).contains("not a CA"));
    d.with(|s| s.set_hostnames(&id, &["dash.example.com"]));
    let o = cf(&env, &d, &["hostnames", "add", "api.example.com"]);
    assert_code(&o, 0);
    assert_eq!(
        d.with(|s| s.hostnames(&id)),
        vec!["dash.example.com", "api.example.com"]
    );
    let o = cf(&env, &d, &["hostnames", "list"]);
    assert_eq!(text(&o.stdout), "dash.example.com\napi.example.com\n");
}

#[test]
fn managed_client_certificates_create_list_revoke() {
    let (env, d) = setup(YAML);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "device-42",
        "--out",
        "d.csr",
        "--key-out",
        "d.key",
    ]);
    let o = cf(
        &env,
        &d,
        &[
            "client-cert",
            "create",
            "--csr",
            "d.csr",
            "--days",
            "30",
            "--out",
            "d.crt",
        ],
    );
    assert_code(&o, 0);
    // The certificate is real: the client key matches and openssl reads it.
    let out = env.openssl_ok(&["x509", "-in", "d.crt", "-noout", "-subject"]);
    assert!(out.contains("device-42"), "{out}");
    // The API returned the CSR with CRLF: nothing broke.
    assert!(d.with(|s| s.client_certs[0]["csr"].as_str().unwrap().contains("\r\n")));
    let id = d.with(|s| s.client_certs[0]["id"].as_str().unwrap().to_string());
    let o = cf(&env, &d, &["client-cert", "list"]);
    assert!(text(&o.stdout).contains(&id) && text(&o.stdout).contains("active"));
    assert_code(&cf(&env, &d, &["client-cert", "revoke", &id]), 0);
    assert_eq!(
        d.with(|s| s.client_certs[0]["status"].clone()),
        "pending_revocation"
    );
}

#[test]
fn rules_pull_then_lint_and_test_what_is_deployed() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    d.with(|s| s.dashboard_rule("presented-only", "cf.tls_client_auth.cert_presented"));
    let o = cf(&env, &d, &["rules", "pull", "--out", "deployed.yaml"]);
    assert_code(&o, 0);
    let lint = env.run(&["rule", "lint", "--rules", "deployed.yaml"]);
    assert_eq!(code(&lint), 1, "{}", text(&lint.stderr));
    assert!(text(&lint.stdout).contains("rule presented-only: presented-not-verified"));
    // The pulled file keeps nothing of the old one unless --force on the same file.
    let o = cf(&env, &d, &["rules", "pull", "--quiet"]);
    assert!(one_error_line(&o).contains("--force"));
    let o = cf(&env, &d, &["rules", "pull", "--force"]);
    assert_code(&o, 0);
    let text_now = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(
        text_now.contains("cloudflare:") && text_now.contains("presented-only"),
        "{text_now}"
    );
    let t = env.run(&[
        "rule",
        "test",
        "--no-cert",
        "--url",
        "https://api.example.com/admin",
        "--expect",
        "block",
    ]);
    assert_eq!(code(&t), 0, "{}{}", text(&t.stdout), text(&t.stderr));
}

#[test]
fn rules_push_deploys_rules_only() {
    let (env, d) = setup(YAML);
    let o = cf(&env, &d, &["rules", "push", "--yes"]);
    assert_code(&o, 0);
    assert!(d.with(|s| s.mtls.is_empty()), "push uploaded a CA");
    assert_eq!(d.with(|s| s.rules().len()), 1);
}

#[test]
fn the_double_validates_against_the_schema() {
    let api = cfdouble::openapi::OpenApi::load();
    let op = api
        .operation(
            "get",
            &format!("/zones/{ZONE_ID}/rulesets/phases/http_request_firewall_custom/entrypoint"),
        )
        .unwrap();
    let ruleset = json!({"success": true, "errors": [], "messages": [], "result": {
        "id": "2f2feab2026849078ba485f918791bdc", "name": "default", "kind": "zone",
        "phase": "http_request_firewall_custom", "version": "1", "last_updated": "2026-01-01T00:00:00Z",
        "rules": [{"id": "3a03d665bac047339bb530ecb439a90d", "ref": "a", "expression": "true",
            "action": "block", "enabled": true, "version": "1", "last_updated": "2026-01-01T00:00:00Z"}]}});
    api.check_response(&op, 200, Some(&ruleset)).unwrap();
    let mut no_ref = ruleset.clone();
    no_ref["result"]["rules"][0]
        .as_object_mut()
        .unwrap()
        .remove("ref");
    assert!(api.check_response(&op, 200, Some(&no_ref)).is_err());
    let mut bad_response = ruleset.clone();
    bad_response["result"]["rules"][0]["action_parameters"] =
        json!({"response": {"status_code": 200}});
    assert!(api.check_response(&op, 200, Some(&bad_response)).is_err());
    // Requests: an hostname association id must be a 36-character UUID.
    let put = api
        .operation(
            "put",
            &format!("/zones/{ZONE_ID}/certificate_authorities/hostname_associations"),
        )
        .unwrap();
    assert!(
        api.check_request(
            &put,
            &[],
            Some(&json!({"hostnames": [], "mtls_certificate_id": "short"}))
        )
        .is_err()
    );
    let list = api
        .operation("get", &format!("/zones/{ZONE_ID}/client_certificates"))
        .unwrap();
    assert!(
        api.check_request(&list, &[("per_page".into(), "500".into())], None)
            .is_err()
    );
    api.check_request(&list, &[("per_page".into(), "50".into())], None)
        .unwrap();
}

#[test]
fn rule_generate_never_emits_what_the_plan_cannot_deploy() {
    let env = Env::new();
    let free = env.run(&[
        "rule", "generate", "--path", "/admin", "--format", "json", "--plan", "free",
    ]);
    assert_code(&free, 0);
    let v: Value = serde_json::from_slice(&free.stdout).unwrap();
    assert!(v.get("action_parameters").is_none(), "{v}");
    assert!(text(&free.stderr).contains("default block page"));
    let pro = env.ok(&[
        "rule", "generate", "--path", "/admin", "--format", "json", "--plan", "pro",
    ]);
    let v: Value = serde_json::from_str(&pro).unwrap();
    assert_eq!(v["action_parameters"]["response"]["status_code"], 403);
    let ep = env.ok(&[
        "rule",
        "generate",
        "--path",
        "/admin",
        "--format",
        "json",
        "--entrypoint",
        "--plan",
        "free",
    ]);
    let v: Value = serde_json::from_str(&ep).unwrap();
    assert!(v["rules"][0].get("action_parameters").is_none(), "{v}");
    for format in ["json", "expression", "terraform", "yaml"] {
        let o = env.run(&[
            "rule", "generate", "--path", "/admin", "--action", "log", "--plan", "business",
            "--format", format,
        ]);
        assert_code(&o, 2);
        assert!(text(&o.stdout).is_empty(), "{format}");
        assert!(text(&o.stderr).contains("log action needs the Enterprise plan"));
    }
    let o = env.run(&["rule", "generate", "--path", "/admin", "--plan", "gold"]);
    assert_code(&o, 2);
}

#[test]
fn an_api_error_names_its_code_and_json_pointer() {
    let (env, d) =
        setup(&YAML.replace("  zone: example.com", "  zone: example.com\n  ca: managed"));
    // A rule with a custom block response, from when the zone was on Pro; the zone is now
    // Free, so the entrypoint PUT (which sends that rule back untouched) is refused.
    d.with(|s| {
        s.dashboard_rule("theirs", "ip.src eq 192.0.2.7");
        let ep = s.entrypoint.as_mut().unwrap();
        ep["rules"][0]["action"] = json!("block");
        ep["rules"][0]["action_parameters"] =
            json!({"response": {"status_code": 403, "content": "no", "content_type": "text/plain"}});
        s.plan = "free".into();
    });
    let o = cf(&env, &d, &["apply", "--yes", "--quiet"]);
    let line = one_error_line(&o);
    assert!(line.contains("HTTP 400: code 20120"), "{line}");
    assert!(
        line.contains("(at /rules/0/action_parameters/response)"),
        "{line}"
    );
    assert!(
        line.contains("already done: hostnames on the CA: api.example.com"),
        "{line}"
    );
}

#[test]
fn lists_follow_every_page() {
    let (env, d) = setup(YAML);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "device-1",
        "--out",
        "d.csr",
        "--key-out",
        "d.key",
    ]);
    assert_code(
        &cf(
            &env,
            &d,
            &["client-cert", "create", "--csr", "d.csr", "--out", "d.crt"],
        ),
        0,
    );
    // 61 certificates: two full pages of 50 would be wrong, one page is not enough.
    d.with(|s| {
        let first = s.client_certs[0].clone();
        for i in 1..61u64 {
            let mut c = first.clone();
            c["id"] = json!(format!("{:032x}", 0xc0ffee00u64 + i));
            s.client_certs.push(c);
        }
    });
    let o = cf(&env, &d, &["client-cert", "list", "--json"]);
    assert_code(&o, 0);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 61);
    let pages: Vec<String> = d.with(|s| {
        s.log
            .iter()
            .filter(|l| l.contains("client_certificates?"))
            .cloned()
            .collect()
    });
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(
        pages[1].contains("page=2") && pages[1].contains("per_page=50"),
        "{pages:?}"
    );
}

#[test]
fn credentials_never_travel_over_plain_http_to_another_host() {
    let env = Env::new();
    std::fs::write(env.path("mtlsctl.yaml"), YAML).unwrap();
    env.ok(&["cert", "create", "--ca"]);
    for url in [
        "http://api.example.net/client/v4",
        "ftp://127.0.0.1/client/v4",
    ] {
        let o = env
            .cmd()
            .env("CLOUDFLARE_API_TOKEN", TOKEN)
            .env("CLOUDFLARE_BASE_URL", url)
            .args(["cf", "plan", "--quiet"])
            .output()
            .unwrap();
        let line = one_error_line(&o);
        assert!(line.contains("use an https:// URL"), "{line}");
        assert!(!line.contains(TOKEN));
    }
}

#[test]
fn text_from_the_api_is_escaped_before_the_terminal() {
    let (env, d) =
        setup(&YAML.replace("  zone: example.com", "  zone: example.com\n  ca: managed"));
    d.with(|s| s.set_hostnames("", &["evil\u{1b}[2J.example.com"]));
    let o = cf(&env, &d, &["plan"]);
    assert_code(&o, 3);
    let out = text(&o.stdout);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("evil\\x1b[2J.example.com"), "{out}");
}

/// `cf apply` on a terminal (util-linux `script` gives it one), answering `answer`.
fn apply_on_a_terminal(env: &Env, d: &Double, answer: &str) -> Output {
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    let mut c = std::process::Command::new("script");
    c.current_dir(env.dir.path())
        .env("MTLSCTL_STORE", env.store())
        .env("NO_COLOR", "1")
        .env("CLOUDFLARE_API_TOKEN", TOKEN)
        .env("CLOUDFLARE_BASE_URL", &d.base_url)
        .args(["-qec", &format!("{} cf apply", bin.display()), "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{answer}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn apply_asks_on_a_terminal() {
    let (env, d) = setup(YAML);
    let o = apply_on_a_terminal(&env, &d, "no");
    let out = text(&o.stdout);
    assert!(out.contains("Type yes to go on"), "{out}");
    assert!(out.contains("not applied"), "{out}");
    assert_ne!(code(&o), 0);
    assert!(d.with(|s| s.writes()).is_empty());
    let o = apply_on_a_terminal(&env, &d, "yes");
    assert_code(&o, 0);
    assert!(
        text(&o.stdout).contains("done: custom rules written"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(d.with(|s| s.writes()).len(), 3);
}

#[test]
fn rule_generate_save_appends_to_a_file_with_a_cloudflare_section_first() {
    let env = Env::new();
    let yaml = "cloudflare:\n  zone: example.com\nrules:\n  - ref: a\n    expression: 'true'\n";
    std::fs::write(env.path("mtlsctl.yaml"), yaml).unwrap();
    env.ok(&["rule", "generate", "--path", "/x", "--save"]);
    let text_now = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(text_now.starts_with(yaml), "{text_now}");
    let lint = env.run(&["rule", "lint", "--rules", "mtlsctl.yaml"]);
    assert!(
        text(&lint.stdout).contains("rule mtls_x") || code(&lint) == 0,
        "{}",
        text(&lint.stderr)
    );
    assert_ne!(code(&lint), 2, "{}", text(&lint.stderr));
}

#[test]
fn a_post_is_retried_after_429_but_not_after_a_server_error() {
    let (env, d) = setup(YAML);
    // A 5xx on the upload may have been applied: not retried, one clear line.
    d.with(|s| s.fail_next_post = Some(503));
    let o = cf(&env, &d, &["apply", "--yes", "--quiet"]);
    let line = one_error_line(&o);
    assert!(line.contains("POST") && line.contains("HTTP 503"), "{line}");
    let posts = d.with(|s| s.log.iter().filter(|l| l.starts_with("POST ")).count());
    assert_eq!(posts, 1);
    // A 429 was not processed: retried, and the run completes.
    d.with(|s| s.fail_next_post = Some(429));
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(d.with(|s| s.mtls.len()), 1);
    let posts = d.with(|s| s.log.iter().filter(|l| l.starts_with("POST ")).count());
    assert_eq!(posts, 3);
}

#[test]
fn status_names_a_section_it_cannot_read_and_shows_the_rest() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    d.with(|s| s.forbid_path = Some("client_certificates".into()));
    let o = cf(&env, &d, &["status"]);
    assert_code(&o, 2);
    let out = text(&o.stdout);
    assert!(
        out.contains("[store CA]") && out.contains("mtls_admin"),
        "{out}"
    );
    let err = text(&o.stderr);
    assert!(
        err.contains("could not read managed client certificates: GET /zones/")
            && err.contains("HTTP 403: code 10000"),
        "{err}"
    );
}

#[test]
fn a_zone_given_by_an_unknown_id_or_a_bad_name_is_one_line() {
    let (env, d) = setup(YAML);
    let o = cf(
        &env,
        &d,
        &[
            "plan",
            "--quiet",
            "--zone",
            "ffffffffffffffffffffffffffffffff",
        ],
    );
    assert!(one_error_line(&o).contains("unknown zone id ffffffffffffffffffffffffffffffff"));
    let o = cf(&env, &d, &["status", "--quiet", "--zone", "two words"]);
    assert!(one_error_line(&o).contains("neither a zone name nor a zone id"));
    let o = cf(&env, &d, &["ca", "delete", "not-a-uuid", "--quiet"]);
    assert!(one_error_line(&o).contains("not an uploaded certificate id"));
    assert!(d.with(|s| s.writes()).is_empty());
}

#[test]
fn https_is_real_tls_and_an_untrusted_server_is_not_retried() {
    let env = Env::new();
    std::fs::write(
        env.path("mtlsctl.yaml"),
        "cloudflare:\n  zone: example.com\n  ca: managed\nrules: []\n",
    )
    .unwrap();
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "s.key",
        "-out",
        "s.crt",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
    ]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = std::process::Command::new("openssl")
        .current_dir(env.dir.path())
        .args([
            "s_server",
            "-accept",
            &format!("127.0.0.1:{port}"),
            "-cert",
            "s.crt",
            "-key",
            "s.key",
            "-www",
            "-quiet",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it listens (a bounded readiness loop, not a timing assertion).
    let ready = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(25));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let o = env
        .cmd()
        .env("CLOUDFLARE_API_TOKEN", TOKEN)
        .env(
            "CLOUDFLARE_BASE_URL",
            format!("https://127.0.0.1:{port}/client/v4"),
        )
        .args(["cf", "plan"])
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(ready, "openssl s_server did not start");
    let line = one_error_line(&o);
    assert!(line.contains("invalid peer certificate"), "{line}");
    assert!(!line.contains(TOKEN));
}

/// The rule as the dashboard shows it, by ref.
fn deployed_rule(d: &Double, reference: &str) -> Value {
    d.with(|s| s.rules())
        .into_iter()
        .find(|r| r["ref"] == reference)
        .unwrap_or_else(|| panic!("no rule {reference}"))
}

/// Issue #13: a custom block response (and every other field of every rule) survives
/// `rules pull` then `rules push` / `apply`: the plan is empty, nothing is written, the rules
/// stay byte for byte; `rule lint` / `rule test` / `rule generate` read the pulled file.
#[test]
fn a_custom_block_response_survives_pull_then_push() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let response = json!({"status_code": 401, "content": "<h1>client certificate needed</h1>",
        "content_type": "text/html"});
    d.with(|s| {
        s.dashboard_edit("mtls_admin", |r| {
            r["action_parameters"] = json!({ "response": response });
            r["logging"] = json!({"enabled": false});
        });
        // Someone else's rules: a challenge, and a block on Cloudflare's default page.
        s.dashboard_rule("theirs", "ip.src eq 192.0.2.7");
        s.dashboard_rule("default-page", "http.request.uri.path eq \"/old\"");
        s.dashboard_edit("default-page", |r| {
            r["action"] = json!("block");
            r["description"] = json!("");
            r["enabled"] = json!(false);
        });
    });
    let before = d.with(|s| s.entrypoint.clone().unwrap());
    let writes = d.with(|s| s.writes().len());

    assert_code(&cf(&env, &d, &["rules", "pull", "--force"]), 0);
    let pulled = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    for want in [
        "status_code: 401",
        "client certificate needed",
        "content_type: text/html",
        "enabled: false",
        "action_parameters: {}",
        "cloudflare:",
    ] {
        assert!(pulled.contains(want), "{want:?} missing:\n{pulled}");
    }
    // Pulled, then pushed and applied: no change, nothing written, the same bytes.
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 0);
    assert!(
        text(&plan.stdout).contains("No changes"),
        "{}",
        text(&plan.stdout)
    );
    assert_code(&cf(&env, &d, &["rules", "push", "--yes"]), 0);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(
        d.with(|s| s.writes().len()),
        writes,
        "{:?}",
        d.with(|s| s.writes())
    );
    assert_eq!(d.with(|s| s.entrypoint.clone().unwrap()), before);

    // The local commands read the pulled file, the response included.
    let lint = env.run(&["rule", "lint", "--rules", "mtlsctl.yaml", "--plan", "free"]);
    assert_eq!(code(&lint), 1, "{}", text(&lint.stderr));
    assert!(
        text(&lint.stdout).contains("rule mtls_admin: plan-custom-response"),
        "{}",
        text(&lint.stdout)
    );
    let t = env.run(&[
        "rule",
        "test",
        "--no-cert",
        "--url",
        "https://api.example.com/admin",
        "--expect",
        "block",
    ]);
    assert_eq!(code(&t), 0, "{}{}", text(&t.stdout), text(&t.stderr));
    let g: Value = serde_json::from_str(&env.ok(&[
        "rule",
        "generate",
        "--rules",
        "mtlsctl.yaml",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(g[0]["action_parameters"]["response"], response);
    assert_eq!(g[0]["logging"], json!({"enabled": false}));
    assert!(g[3].get("action_parameters").is_none(), "{}", g[3]);

    // The file changes the response: the plan shows the old and new values, apply sends it.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        pulled.replace("status_code: 401", "status_code: 403"),
    )
    .unwrap();
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    let out = text(&plan.stdout);
    assert!(
        out.contains("~ mtls_admin  update: action_parameters"),
        "{out}"
    );
    assert!(
        out.contains(r#"action_parameters: {"response":{"status_code":401,"content":"<h1>client certificate needed</h1>","content_type":"text/html"}} -> {"response":{"status_code":403,"content":"<h1>client certificate needed</h1>","content_type":"text/html"}}"#),
        "{out}"
    );
    let v: Value = serde_json::from_slice(&cf(&env, &d, &["plan", "--json"]).stdout).unwrap();
    let e = &v["rules"]["entries"][0];
    assert_eq!(e["changes"][0]["field"], "action_parameters");
    assert_eq!(e["changes"][0]["from"]["response"]["status_code"], 401);
    assert_eq!(e["changes"][0]["to"]["response"]["status_code"], 403);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let after = deployed_rule(&d, "mtls_admin");
    assert_eq!(after["action_parameters"]["response"]["status_code"], 403);
    assert_eq!(after["logging"], json!({"enabled": false}));
    assert_eq!(after["id"], before["rules"][0]["id"]);
    // The other rules were sent back as they were.
    for (i, r) in d.with(|s| s.rules()).iter().enumerate().skip(1) {
        assert_eq!(*r, before["rules"][i]);
    }
}

/// Issue #13: `logging` set on our rule in the dashboard survives an apply that changes the
/// rule's expression, and the plan says it is kept.
#[test]
fn logging_set_in_the_dashboard_survives_an_expression_change() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    d.with(|s| s.dashboard_edit("mtls_admin", |r| r["logging"] = json!({"enabled": false})));
    let id = deployed_rule(&d, "mtls_admin")["id"].clone();
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("[/admin]", "[/admin, /ops]"),
    )
    .unwrap();
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    let out = text(&plan.stdout);
    assert!(out.contains("~ mtls_admin  update: expression"), "{out}");
    assert!(
        out.contains(r#"logging: {"enabled":false}  (not in mtlsctl.yaml: kept as in the zone)"#),
        "{out}"
    );
    let v: Value = serde_json::from_slice(&cf(&env, &d, &["plan", "--json"]).stdout).unwrap();
    assert_eq!(
        v["rules"]["entries"][0]["kept"],
        json!([{"field": "logging", "value": {"enabled": false}}])
    );
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let r = deployed_rule(&d, "mtls_admin");
    assert_eq!(r["logging"], json!({"enabled": false}), "{r}");
    assert!(r["expression"].as_str().unwrap().contains("/ops"), "{r}");
    assert_eq!(r["id"], id);
    // The file can set it too: then it is the file's.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("[/admin]", "[/admin, /ops]")
            .replace("    hosts:", "    logging: {enabled: true}\n    hosts:"),
    )
    .unwrap();
    let plan = cf(&env, &d, &["plan"]);
    assert_code(&plan, 3);
    assert!(
        text(&plan.stdout).contains(r#"logging: {"enabled":false} -> {"enabled":true}"#),
        "{}",
        text(&plan.stdout)
    );
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    assert_eq!(
        deployed_rule(&d, "mtls_admin")["logging"],
        json!({"enabled": true})
    );
}

/// Issue #13: an uploaded CA is account-wide, so `cf ca delete` checks the hostnames of every
/// zone of the account (the zone list followed over its pages) and the services the
/// associations endpoint lists, names what uses the CA, and deletes nothing until nothing does.
#[test]
fn ca_delete_checks_every_zone_of_the_account() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    let o = cf(
        &env,
        &d,
        &["hostnames", "remove", "api.example.com", "--ca", &ca_id],
    );
    assert_code(&o, 0);
    // 60 more zones: the one using the CA is on the second page of the zone list.
    let zones = d.with(|s| s.add_zones(60));
    d.with(|s| {
        s.set_zone_hostnames(
            &zones[55],
            &ca_id,
            &["b.zone-55.example", "c.zone-55.example"],
        )
    });
    let writes = d.with(|s| s.writes());
    let o = cf(&env, &d, &["ca", "delete", &ca_id, "--quiet"]);
    let line = one_error_line(&o);
    assert!(
        line.contains(&format!(
            "CA {ca_id} is still in use: zone zone-55.example: b.zone-55.example, c.zone-55.example;"
        )) && line.contains("--zone zone-55.example")
            && line.ends_with("nothing was deleted"),
        "{line}"
    );
    assert_eq!(d.with(|s| s.writes()), writes, "something was written");
    assert_eq!(d.with(|s| s.mtls.len()), 1);
    assert!(
        d.with(|s| s
            .log
            .iter()
            .any(|l| l.starts_with("GET /zones?account.id=") && l.contains("page=2"))),
        "the zone list was not followed to its second page"
    );
    // Another service (Gateway) uses it: named too.
    d.with(|s| {
        s.set_zone_hostnames(&zones[55], &ca_id, &[]);
        s.services.insert(
            ca_id.clone(),
            vec![json!({"service": "gateway", "status": "active"})],
        );
    });
    let line = one_error_line(&cf(&env, &d, &["ca", "delete", &ca_id, "--quiet"]));
    assert!(
        line.contains("service gateway (active)") && line.ends_with("nothing was deleted"),
        "{line}"
    );
    assert_eq!(d.with(|s| s.mtls.len()), 1);
    // A zone whose hostnames cannot be read: nothing is deleted on a guess.
    d.with(|s| {
        s.services.clear();
        s.forbid_path = Some(zones[3].clone());
    });
    let line = one_error_line(&cf(&env, &d, &["ca", "delete", &ca_id, "--quiet"]));
    assert!(
        line.contains(&format!("cannot check where CA {ca_id} is used"))
            && line.contains(&zones[3])
            && line.ends_with("nothing was deleted"),
        "{line}"
    );
    assert_eq!(d.with(|s| s.mtls.len()), 1);
    // Nothing uses it any more: deleted.
    d.with(|s| s.forbid_path = None);
    assert_code(&cf(&env, &d, &["ca", "delete", &ca_id]), 0);
    assert!(d.with(|s| s.mtls.is_empty()));
    let last = d.with(|s| s.writes().last().cloned().unwrap());
    assert_eq!(
        last,
        format!("DELETE /accounts/{ACCOUNT_ID}/mtls_certificates/{ca_id}")
    );
}

/// Issue #13: `cf plan --out FILE` then `cf apply FILE` applies exactly the saved plan (not
/// what mtlsctl.yaml says by then), without asking, as `terraform apply planfile`.
#[test]
fn a_saved_plan_is_applied_exactly() {
    let (env, d) = setup(YAML);
    let o = cf(&env, &d, &["plan", "--out", "zone.plan"]);
    assert_code(&o, 3);
    assert!(d.with(|s| s.writes()).is_empty());
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("zone.plan")).unwrap()).unwrap();
    assert_eq!(saved["format"], "mtlsctl-cf-plan");
    assert_eq!(saved["plan"]["ca"]["action"], "upload");
    // The file changes after the plan was saved: the saved plan is what is applied.
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("[/admin]", "[/admin, /ops]"),
    )
    .unwrap();
    // No terminal, no --yes: a saved plan is applied without asking.
    let o = cf(&env, &d, &["apply", "zone.plan"]);
    assert_code(&o, 0);
    assert!(
        text(&o.stdout).contains("done: uploaded CA"),
        "{}",
        text(&o.stdout)
    );
    let writes = d.with(|s| s.writes());
    assert_eq!(writes.len(), 3, "{writes:?}");
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    assert_eq!(d.with(|s| s.hostnames(&ca_id)), vec!["api.example.com"]);
    let rule = deployed_rule(&d, "mtls_admin");
    assert!(
        !rule["expression"].as_str().unwrap().contains("/ops"),
        "{rule}"
    );
    assert_eq!(
        d.with(|s| s.rules())
            .iter()
            .map(|r| {
                let mut r = r.clone();
                for k in ["id", "version", "last_updated"] {
                    r.as_object_mut().unwrap().remove(k);
                }
                r
            })
            .collect::<Vec<_>>(),
        saved["entrypoint_body"].as_array().unwrap().clone()
    );
    // The same plan again: the zone is no longer what it was made from.
    let line = one_error_line(&cf(&env, &d, &["apply", "zone.plan", "--quiet"]));
    assert!(
        line.contains("stale") && line.contains("nothing was written"),
        "{line}"
    );
    assert_eq!(d.with(|s| s.writes()), writes);
    // A saved plan names its zone; a file that is not a saved plan is one line.
    let line = one_error_line(&cf(
        &env,
        &d,
        &["apply", "zone.plan", "--zone", "example.com", "--quiet"],
    ));
    assert!(line.contains("--zone"), "{line}");
    let line = one_error_line(&cf(&env, &d, &["apply", "mtlsctl.yaml", "--quiet"]));
    assert!(
        line.contains("not a plan saved by `mtlsctl cf plan --out`"),
        "{line}"
    );
    let help = text(&env.run(&["cf", "apply", "--help"]).stdout);
    assert!(
        help.contains("PLANFILE") && help.contains("mtlsctl cf apply zone.plan"),
        "{help}"
    );
}

/// Issue #13: a saved plan is refused, one line and nothing written, when the zone changed
/// since it was made: the entrypoint version, the CA's hostname list, the uploaded CAs.
#[test]
fn a_saved_plan_is_refused_when_the_zone_changed() {
    let (env, d) = setup(YAML);
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let ca_id = d.with(|s| s.mtls[0]["id"].as_str().unwrap().to_string());
    std::fs::write(
        env.path("mtlsctl.yaml"),
        YAML.replace("[/admin]", "[/admin, /ops]"),
    )
    .unwrap();
    type Change = Box<dyn Fn(&mut cfdouble::State)>;
    let changes: [(&str, Change); 4] = [
        (
            "entrypoint version",
            Box::new(|s| s.dashboard_rule("theirs", "ip.src eq 192.0.2.7")),
        ),
        (
            "hostnames",
            Box::new(move |s| s.set_hostnames(&ca_id, &["api.example.com", "dash.example.com"])),
        ),
        (
            "uploaded CAs",
            Box::new(|s| {
                let pem_text = s.mtls[0]["certificates"].as_str().unwrap().to_string();
                s.upload("someone else's", &pem_text);
            }),
        ),
        (
            "Cloudflare plan was enterprise, now business",
            Box::new(|s| s.plan = "business".into()),
        ),
    ];
    for (what, change) in changes {
        assert_code(&cf(&env, &d, &["plan", "--out", "zone.plan"]), 3);
        d.with(|s| change(s));
        let writes = d.with(|s| s.writes());
        let rules = d.with(|s| s.rules());
        let line = one_error_line(&cf(&env, &d, &["apply", "zone.plan", "--quiet"]));
        assert!(
            line.contains("the saved plan is stale")
                && line.contains(what)
                && line.contains("nothing was written"),
            "{what}: {line}"
        );
        assert_eq!(d.with(|s| s.writes()), writes, "{what}");
        assert_eq!(d.with(|s| s.rules()), rules, "{what}");
    }
    d.with(|s| s.plan = "enterprise".into());
    // A fresh plan of the changed zone applies.
    assert_code(&cf(&env, &d, &["plan", "--out", "zone.plan"]), 3);
    assert_code(&cf(&env, &d, &["apply", "zone.plan"]), 0);
    assert!(
        deployed_rule(&d, "mtls_admin")["expression"]
            .as_str()
            .unwrap()
            .contains("/ops")
    );
    assert_code(&cf(&env, &d, &["plan"]), 0);
}

/// Issue #13: a custom block response written in mtlsctl.yaml is never dropped silently: below
/// Pro, `cf plan` refuses it before anything is sent, and so do `rule generate --plan` and
/// `rule lint --plan`; on Pro it is deployed as written. Terraform output carries it too.
#[test]
fn a_custom_response_from_the_file_needs_pro() {
    let yaml = YAML
        .replace("  zone: example.com", "  zone: example.com\n  ca: managed")
        .replace(
            "    hosts:",
            "    action_parameters:\n      response: {status_code: 495, content: '{\"error\": \"certificate\"}', content_type: application/json}\n    logging: {enabled: false}\n    hosts:",
        );
    let (env, d) = setup(&yaml);
    d.with(|s| s.plan = "free".into());
    let o = cf(&env, &d, &["plan", "--quiet"]);
    assert_code(&o, 2);
    assert!(
        text(&o.stderr).contains("rule mtls_admin: its custom block response (action_parameters.response) needs the Pro plan"),
        "{}",
        text(&o.stderr)
    );
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 2);
    assert!(d.with(|s| s.writes()).is_empty());
    let o = env.run(&[
        "rule",
        "generate",
        "--rules",
        "mtlsctl.yaml",
        "--format",
        "json",
        "--plan",
        "free",
    ]);
    assert_eq!(code(&o), 2, "{}", text(&o.stdout));
    assert!(
        text(&o.stderr).contains("needs the Pro plan"),
        "{}",
        text(&o.stderr)
    );
    let lint = env.run(&[
        "rule",
        "lint",
        "--rules",
        "mtlsctl.yaml",
        "--plan",
        "free",
        "--json",
    ]);
    let findings: Value = serde_json::from_slice(&lint.stdout).unwrap();
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "plan-custom-response"),
        "{findings}"
    );
    let tf = env.ok(&[
        "rule",
        "generate",
        "--rules",
        "mtlsctl.yaml",
        "--format",
        "terraform",
    ]);
    assert!(
        tf.contains(r#"action_parameters = { response = { status_code = 495, content = "{\"error\": \"certificate\"}", content_type = "application/json" } }"#)
            && tf.contains("logging           = { enabled = false }"),
        "{tf}"
    );
    d.with(|s| s.plan = "pro".into());
    assert_code(&cf(&env, &d, &["apply", "--yes"]), 0);
    let r = deployed_rule(&d, "mtls_admin");
    assert_eq!(r["action_parameters"]["response"]["status_code"], 495);
    assert_eq!(r["logging"], json!({"enabled": false}));
    assert_code(&cf(&env, &d, &["plan"]), 0);
    // A response the API would refuse is one line before anything is read from the zone.
    std::fs::write(env.path("mtlsctl.yaml"), yaml.replace("495", "200")).unwrap();
    let line = one_error_line(&cf(&env, &d, &["plan", "--quiet"]));
    assert!(
        line.contains("status_code must be a number from 400 to 499"),
        "{line}"
    );
}
