//! `mtlsctl rule lint`: every mistake of `cloudflare.md` §5 with a case that has it and one
//! that does not, the fixes, output formats and exit codes.

mod common;

use common::{Env, assert_input_error};

const SKI: &str = "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F";

/// A rule with none of the mistakes; each case below changes one part of it.
fn clean() -> String {
    format!(
        r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "{SKI}") and http.host eq "a.test" and (http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/"))"#
    )
}

fn findings(env: &Env, args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let mut a = vec!["--json", "rule", "lint"];
    a.extend_from_slice(args);
    let out = env.run(&a);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), v.as_array().unwrap().clone())
}

fn ids(env: &Env, expr: &str) -> Vec<String> {
    findings(env, &[expr])
        .1
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn fix_of(env: &Env, expr: &str, id: &str) -> String {
    let (_, f) = findings(env, &[expr]);
    f.iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} for {expr}: {f:?}"))["fix"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn clean_rule_exits_0_with_no_output() {
    let env = Env::new();
    let out = env.run(&["rule", "lint", &clean()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(findings(&env, &[&clean()]), (Some(0), vec![]));
}

#[test]
fn item1_exact_path_in_set() {
    let env = Env::new();
    let bad = clean().replace(
        r#"(http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/"))"#,
        r#"http.request.uri.path in {"/admin"}"#,
    );
    assert_eq!(ids(&env, &bad), ["exact-path-in-set"]);
    let fix = fix_of(&env, &bad, "exact-path-in-set");
    assert_eq!(fix, clean());
    let two = bad.replace(r#"{"/admin"}"#, r#"{"/admin" "/ops"}"#);
    assert!(
        fix_of(&env, &two, "exact-path-in-set").ends_with(r#"and (http.request.uri.path in {"/admin" "/ops"} or starts_with(http.request.uri.path, "/admin/") or starts_with(http.request.uri.path, "/ops/"))"#)
    );
    assert_eq!(ids(&env, &fix), Vec::<String>::new());
    // A wildcard subtree covers it too; an exact path in an exception is not flagged.
    let wild = clean().replace(
        r#"starts_with(http.request.uri.path, "/admin/")"#,
        r#"http.request.uri.path wildcard "/admin/*""#,
    );
    assert_eq!(ids(&env, &wild), Vec::<String>::new());
    let exception = format!(
        r#"{} and not http.request.uri.path in {{"/admin/health"}}"#,
        clean()
    );
    assert_eq!(ids(&env, &exception), Vec::<String>::new());
}

#[test]
fn item2_unparenthesized_or() {
    let env = Env::new();
    let bad = format!(
        r#"not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "{SKI}" and http.host eq "a.test" and starts_with(http.request.uri.path, "/admin/")"#
    );
    let (code, f) = findings(&env, &[&bad]);
    assert_eq!(code, Some(1));
    let p = f.iter().find(|f| f["id"] == "unparenthesized-or").unwrap();
    assert_eq!(p["severity"], "error");
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .contains("blocks every request without a valid certificate on every path"),
        "{p}"
    );
    let fix = p["fix"].as_str().unwrap();
    assert_eq!(
        fix,
        format!(
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "{SKI}") and http.host eq "a.test" and starts_with(http.request.uri.path, "/admin/")"#
        )
    );
    assert_eq!(ids(&env, fix), Vec::<String>::new());
    // The same tree with its parentheses written is fine.
    let explicit = format!(
        r#"not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or (cf.tls_client_auth.cert_issuer_ski ne "{SKI}" and http.host eq "a.test" and starts_with(http.request.uri.path, "/admin/"))"#
    );
    assert!(!ids(&env, &explicit).contains(&"unparenthesized-or".to_string()));
}

#[test]
fn item3_no_revocation_check() {
    let env = Env::new();
    let bad = clean().replace(" or cf.tls_client_auth.cert_revoked", "");
    assert_eq!(ids(&env, &bad), ["no-revocation-check"]);
    assert_eq!(fix_of(&env, &bad, "no-revocation-check"), clean());
    assert_eq!(ids(&env, &clean()), Vec::<String>::new());
}

#[test]
fn presented_is_not_verified() {
    let env = Env::new();
    let bad = clean().replace(
        "not cf.tls_client_auth.cert_verified",
        "not cf.tls_client_auth.cert_presented",
    );
    assert_eq!(ids(&env, &bad), ["presented-not-verified"]);
    assert_eq!(fix_of(&env, &bad, "presented-not-verified"), clean());
}

#[test]
fn item4_no_issuer_pin() {
    let env = Env::new();
    let bad = clean().replace(
        &format!(r#" or cf.tls_client_auth.cert_issuer_ski ne "{SKI}""#),
        "",
    );
    assert_eq!(ids(&env, &bad), ["no-issuer-pin"]);
    assert!(
        fix_of(&env, &bad, "no-issuer-pin")
            .contains(r#"cf.tls_client_auth.cert_issuer_ski ne "<ISSUER_SKI>""#)
    );
}

#[test]
fn item5_no_host_scope() {
    let env = Env::new();
    let bad = clean().replace(r#" and http.host eq "a.test""#, "");
    assert_eq!(ids(&env, &bad), ["no-host-scope"]);
    assert!(fix_of(&env, &bad, "no-host-scope").contains(r#"http.host eq "<HOST>""#));
    // A rule that is not an mTLS rule is not asked for a host.
    assert_eq!(
        ids(
            &env,
            r#"http.request.uri.path eq "/x" or starts_with(http.request.uri.path, "/x/")"#
        ),
        Vec::<String>::new()
    );
}

#[test]
fn item6_bad_pinned_format() {
    let env = Env::new();
    let lower = clean().replace(
        SKI,
        "a5:ac:55:42:35:db:a6:d9:63:b9:cd:e0:18:5c:fa:d6:e3:f5:5e:9f",
    );
    assert_eq!(ids(&env, &lower), ["bad-pinned-format"]);
    assert_eq!(fix_of(&env, &lower, "bad-pinned-format"), clean());
    let decimal = format!(
        r#"{} and not cf.tls_client_auth.cert_serial in {{"255000000000000000000"}}"#,
        clean()
    );
    let fix = fix_of(&env, &decimal, "bad-pinned-format");
    assert!(
        fix.contains(r#"cf.tls_client_auth.cert_serial in {"0DD2D5FCF3BC9C0000"}"#),
        "{fix}"
    );
    let fp = format!(
        r#"{} and cf.tls_client_auth.cert_fingerprint_sha256 ne "AB""#,
        clean()
    );
    assert_eq!(ids(&env, &fp), ["bad-pinned-format"]);
    let good_fp = format!(
        r#"{} and cf.tls_client_auth.cert_fingerprint_sha256 ne "{}""#,
        clean(),
        "ab".repeat(32)
    );
    assert_eq!(ids(&env, &good_fp), Vec::<String>::new());
}

#[test]
fn item7_syntax_errors_with_caret_hint_and_repair() {
    let env = Env::new();
    let cases = [
        (
            r#"cf.tls_client_auth.cert_verified == false and http.request.uri.path in {"/a"}"#,
            "Boolean",
            r#"not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/a"}"#,
        ),
        (
            r#"not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/a", "/b"}"#,
            "spaces",
            r#"not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/a" "/b"}"#,
        ),
        (
            "not cf.tls_client_auth.cert_verified and http.host eq 'a.test'",
            "double quotes",
            r#"not cf.tls_client_auth.cert_verified and http.host eq "a.test""#,
        ),
    ];
    for (bad, hint, fix) in cases {
        let out = env.run(&["rule", "lint", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("rule expr: syntax: "), "{text}");
        assert!(text.contains(hint), "{text}");
        assert!(text.contains(&format!("; fix: {fix}\n")), "{text}");
        assert!(text.contains("Filter parsing error (1:"), "{text}");
        assert!(text.contains('^'), "{text}");
    }
    assert_eq!(ids(&env, &clean()), Vec::<String>::new());
}

#[test]
fn item8_raw_path() {
    let env = Env::new();
    let bad = clean().replace("http.request.uri.path", "raw.http.request.uri.path");
    assert_eq!(ids(&env, &bad), ["raw-path"]);
    assert_eq!(fix_of(&env, &bad, "raw-path"), clean());
}

#[test]
fn item8_unnormalized_path_literal() {
    let env = Env::new();
    let bad = clean().replace(r#"eq "/admin""#, r#"eq "/%61dmin""#);
    assert_eq!(ids(&env, &bad), ["exact-path-in-set", "unnormalized-path"]);
    assert_eq!(fix_of(&env, &bad, "unnormalized-path"), clean());
    assert_eq!(ids(&env, &clean()), Vec::<String>::new());
}

#[test]
fn item9_wildcard_case() {
    let env = Env::new();
    let bad = clean().replace(
        r#"(http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/"))"#,
        r#"http.request.uri.path wildcard "/admin*""#,
    );
    assert_eq!(ids(&env, &bad), ["wildcard-case"]);
    let fix = fix_of(&env, &bad, "wildcard-case");
    assert!(
        fix.ends_with(r#"(lower(http.request.uri.path) eq "/admin" or http.request.uri.path wildcard "/admin/*")"#),
        "{fix}"
    );
    assert_eq!(ids(&env, &fix), Vec::<String>::new());
    // An exception with the case-insensitive wildcard.
    let exception = format!(
        r#"{} and not http.request.uri.path wildcard "/admin/public/*""#,
        clean()
    );
    assert_eq!(ids(&env, &exception), ["wildcard-case"]);
    assert!(fix_of(&env, &exception, "wildcard-case").contains("strict wildcard"));
    let strict = exception.replace(" wildcard ", " strict wildcard ");
    assert_eq!(ids(&env, &strict), Vec::<String>::new());
}

#[test]
fn item11_star_in_a_host_set() {
    let env = Env::new();
    let bad = clean().replace(r#"http.host eq "a.test""#, r#"http.host in {"*.a.test"}"#);
    assert_eq!(ids(&env, &bad), ["wildcard-host"]);
    assert!(fix_of(&env, &bad, "wildcard-host").contains(r#"http.host wildcard "*.a.test""#));
    assert_eq!(
        ids(
            &env,
            &clean().replace(r#"eq "a.test""#, r#"wildcard "*.a.test""#)
        ),
        Vec::<String>::new()
    );
}

#[test]
fn item10_length_and_plan_limits() {
    let env = Env::new();
    let long = format!(
        r#"{} and not http.request.uri.path in {{{}}}"#,
        clean(),
        (0..700)
            .map(|i| format!("\"/p{i}\""))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert_eq!(ids(&env, &long), ["too-long"]);
    let re = format!(r#"{} and http.request.uri.query matches "^a""#, clean());
    let (_, f) = findings(&env, &[&re, "--plan", "pro"]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["id"], "plan-matches");
    assert!(findings(&env, &[&re, "--plan", "business"]).1.is_empty());
    // log and the rule count come from a rules file.
    let mut yaml = String::new();
    for i in 0..6 {
        yaml.push_str(&format!(
            "- ref: r{i}\n  action: {}\n  path_prefixes: [/p{i}]\n  hosts: [a.test]\n  issuer_ski: {SKI}\n",
            if i == 0 { "log" } else { "block" }
        ));
    }
    std::fs::write(env.path("rules.yaml"), &yaml).unwrap();
    let (code, f) = findings(
        &env,
        &["--rules", "rules.yaml", "--plan", "free", "--managed-ca"],
    );
    assert_eq!(code, Some(1));
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f["ref"].as_str().unwrap(), f["id"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("r0", "plan-log"), ("rules.yaml", "too-many-rules")]);
    assert_eq!(
        findings(
            &env,
            &[
                "--rules",
                "rules.yaml",
                "--plan",
                "enterprise",
                "--managed-ca"
            ]
        ),
        (Some(0), vec![])
    );
}

#[test]
fn human_output_one_line_per_finding_and_exit_codes() {
    let env = Env::new();
    let out = env.run(&[
        "rule",
        "lint",
        r#"not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/admin"}"#,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for (l, id) in lines.iter().zip([
        "exact-path-in-set",
        "no-revocation-check",
        "no-issuer-pin",
        "no-host-scope",
    ]) {
        assert!(l.starts_with(&format!("rule expr: {id}: ")), "{l}");
        assert!(l.contains("; fix: "), "{l}");
    }
    let (_, f) = findings(&env, &[r#"not cf.tls_client_auth.cert_verified"#]);
    for key in ["ref", "id", "severity", "message", "fix"] {
        assert!(f[0].get(key).is_some(), "{key}: {f:?}");
    }
    assert_input_error(
        &env.run(&["rule", "lint", "true", "--plan", "gold"]),
        "plan",
    );
    assert_input_error(
        &env.run(&["rule", "lint", "--rules", "missing.yaml"]),
        "missing",
    );
    assert_input_error(&env.run(&["rule", "lint"]), "nothing to lint");
    // Stdin, and ./mtlsctl.yaml when nothing is given; a syntax error in a file is a finding.
    let out = env
        .cmd()
        .args(["rule", "lint", "-"])
        .write_stdin(clean())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(
        env.path("mtlsctl.yaml"),
        "- ref: bad\n  expression: \"http.host in {'a'}\"\n",
    )
    .unwrap();
    let out = env.run(&["rule", "lint"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("rule bad: syntax: "),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(env.path("bad.yaml"), "- ref: a\n  pathz: [/x]\n").unwrap();
    assert_input_error(
        &env.run(&["rule", "lint", "--rules", "bad.yaml"]),
        "bad yaml",
    );
}

#[test]
fn recognised_intent_gives_the_generate_command_and_intent_fixes() {
    let env = Env::new();
    let (_, f) = findings(
        &env,
        &[r#"not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/admin"}"#],
    );
    assert_eq!(
        f[0]["generate"],
        "mtlsctl rule generate --path-prefix /admin --host '<HOST>' --issuer-ski '<ISSUER_SKI>'"
    );
    // The command with the placeholders filled in writes a rule with no findings.
    let subtree = env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/admin",
        "--host",
        "a.test",
        "--issuer-ski",
        SKI,
    ]);
    assert_eq!(ids(&env, subtree.trim_end()), Vec::<String>::new());
    // A rule of the generated shape gets its fix from the intent.
    let exact = env.ok(&[
        "rule",
        "generate",
        "--path",
        "/admin",
        "--host",
        "a.test",
        "--issuer-ski",
        SKI,
    ]);
    assert_eq!(
        fix_of(&env, exact.trim_end(), "exact-path-in-set"),
        subtree.trim_end()
    );
    // A rule of another shape has no generate command.
    let (_, f) = findings(&env, &["not cf.tls_client_auth.cert_verified or ssl"]);
    assert!(f.iter().all(|f| f.get("generate").is_none()), "{f:?}");
}

/// H1: a rules file relying on cert_revoked (which the edge never sets for an uploaded CA) with
/// no rule blocking revoked serials gets `revoked-not-enforced`; the block-revoked rules (or
/// --managed-ca) clear it. A single expression is not a ruleset and is not flagged.
#[test]
fn revoked_not_enforced_without_a_serial_block_rule() {
    let env = Env::new();
    let admin = format!(
        "- ref: mtls_admin\n  path_prefixes: [/admin]\n  hosts: [a.test]\n  issuer_ski: {SKI}\n"
    );
    std::fs::write(env.path("rules.yaml"), &admin).unwrap();
    let (code, f) = findings(&env, &["--rules", "rules.yaml"]);
    assert_eq!(code, Some(1));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["id"], "revoked-not-enforced");
    assert_eq!(f[0]["ref"], "mtls_admin");
    assert_eq!(f[0]["severity"], "warning");
    assert!(
        f[0]["fix"]
            .as_str()
            .unwrap()
            .contains("rule generate --block-revoked")
    );
    assert_eq!(
        findings(&env, &["--rules", "rules.yaml", "--managed-ca"]),
        (Some(0), vec![])
    );
    // The block rule, as `rule generate --block-revoked` writes it.
    std::fs::write(
        env.path("rules.yaml"),
        format!(
            "- ref: mtls_revoked_1\n  expression: 'cf.tls_client_auth.cert_issuer_ski eq \"{SKI}\" and cf.tls_client_auth.cert_serial in {{\"4A\"}}'\n{admin}"
        ),
    )
    .unwrap();
    assert_eq!(
        findings(&env, &["--rules", "rules.yaml"]),
        (Some(0), vec![])
    );
    // A disabled block rule does not count.
    std::fs::write(
        env.path("rules.yaml"),
        format!(
            "- ref: mtls_revoked_1\n  enabled: false\n  expression: 'cf.tls_client_auth.cert_serial in {{\"4A\"}}'\n{admin}"
        ),
    )
    .unwrap();
    assert_eq!(findings(&env, &["--rules", "rules.yaml"]).0, Some(1));
    assert!(ids(&env, &clean()).is_empty());
}
