//! `mtlsctl rule check|fields|eval|test`: the CLI over the Rules engine and the dry run.

mod common;

use common::{Env, assert_input_error, corpus};

const SEED1: &str = r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}"#;

#[test]
fn check_prints_canonical_form_or_the_edge_error() {
    let env = Env::new();
    let out = env.ok(&["rule", "check", "http.host eq\"x\"and(ssl)"]);
    assert_eq!(out, "http.host eq \"x\" and ssl\n");
    let out = env.run(&["rule", "check", "cf.tls_client_auth.cert_verified == true"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Filter parsing error (1:"), "{err}");
    assert!(err.contains('^'), "{err}");
    let out = env.run(&["rule", "check", "http.hots eq \"a\""]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `http.host`"));
    let out = env
        .cmd()
        .args(["rule", "check", "-"])
        .write_stdin(SEED1)
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn fields_lists_the_catalogue() {
    let env = Env::new();
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["rule", "fields", "--json"])).unwrap();
    let find = |n: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("cf.tls_client_auth.cert_verified")["type"], "Boolean");
    assert_eq!(find("cf.tls_client_auth.cert_issuer_ski")["type"], "String");
    assert_eq!(find("ip.src")["type"], "IP address");
    assert_eq!(find("http.request.headers")["type"], "Map<Array<String>>");
}

#[test]
fn eval_exit_codes_explain_and_batch() {
    let env = Env::new();
    let out = env.run(&[
        "rule",
        "eval",
        SEED1,
        "--set",
        "http.request.uri.path=/admin",
    ]);
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string()
        ),
        (Some(0), "true\n".into())
    );
    let out = env.run(&[
        "rule",
        "eval",
        SEED1,
        "--set",
        "http.request.uri.path=/admin",
        "--set",
        "cf.tls_client_auth.cert_verified=true",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = env.ok(&[
        "rule",
        "eval",
        SEED1,
        "--set",
        "http.request.uri.path=/admin",
        "--explain",
    ]);
    assert!(
        out.contains("cf.tls_client_auth.cert_verified = false (default)"),
        "{out}"
    );
    let out = env.run(&[
        "rule",
        "eval",
        SEED1,
        "--set",
        "cf.tls_client_auth.cert_verified=yes",
    ]);
    assert_input_error(&out, "bad bool");
    let batch = "{\"expr\": \"http.host eq \\\"a\\\"\", \"fields\": {\"http.host\": \"a\"}}\nnot json\n{\"expr\": \"ssl\", \"fields\": {}}\n";
    let out = env
        .cmd()
        .args(["rule", "eval", "--batch", "-"])
        .write_stdin(batch)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["result"], true);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["result"], false);
}

/// The three seed expressions of the issue, through the dry run, over verified/revoked/path.
#[test]
fn dry_run_seed_expressions_block_and_allow_as_the_edge_would() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "Seed CA"]);
    env.ok(&["cert", "create", "--cn", "good"]);
    let ski = env.ok(&["ski", "good.crt"]).trim().to_string();
    let d = corpus("certs/rustls-test-ca/ecdsa-p256");
    let d = d.display();
    let pin = format!(
        "not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq \"{ski}\")"
    );
    // (certificate args, path, expected verdict for SEED1, expected for pin)
    let cases: Vec<(Vec<String>, &str, &str, &str)> = vec![
        (
            vec!["--cert".into(), "good.crt".into()],
            "/admin",
            "allow",
            "allow",
        ),
        (
            vec!["--cert".into(), "good.crt".into()],
            "/other",
            "allow",
            "allow",
        ),
        (vec!["--no-cert".into()], "/admin", "block", "block"),
        (vec!["--no-cert".into()], "/other", "allow", "block"),
        // A certificate from another CA: not verified.
        (
            vec!["--cert".into(), format!("{d}/client.cert")],
            "/admin",
            "block",
            "block",
        ),
        // Verified by its own CA but revoked by its CRL.
        (
            vec![
                "--cert".into(),
                format!("{d}/client.cert"),
                "--chain".into(),
                format!("{d}/inter.cert"),
                "--ca".into(),
                format!("{d}/ca.cert"),
                "--crl".into(),
                format!("{d}/client.revoked.crl.pem"),
            ],
            "/admin",
            "block",
            "block",
        ),
        (
            vec![
                "--cert".into(),
                format!("{d}/client.cert"),
                "--chain".into(),
                format!("{d}/inter.cert"),
                "--ca".into(),
                format!("{d}/ca.cert"),
                "--crl".into(),
                format!("{d}/client.revoked.crl.pem"),
            ],
            "/other",
            "allow",
            "block",
        ),
    ];
    for (cert, path, want1, want_pin) in cases {
        for (expr, want) in [
            (SEED1.to_string(), want1),
            (pin.clone(), want_pin),
            (format!("({SEED1})"), want1),
        ] {
            let mut args: Vec<String> = vec![
                "rule".into(),
                "test".into(),
                "--json".into(),
                "--expr".into(),
                expr.clone(),
            ];
            args.extend(cert.iter().cloned());
            args.extend(["--path".into(), path.into()]);
            let argv: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.run(&argv);
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|_| panic!("{argv:?}: {}", String::from_utf8_lossy(&out.stderr)));
            assert_eq!(v["verdict"], want, "{argv:?}: {v}");
            assert_eq!(
                out.status.code(),
                Some(if want == "allow" { 0 } else { 1 }),
                "{argv:?}"
            );
        }
    }
}

#[test]
fn recommended_rule_is_announced_and_expect_sets_the_exit_code() {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    let out = env.run(&["rule", "test", "--cert", "client.crt", "--path", "/x"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("recommended rule"));
    let out = env.run(&[
        "rule",
        "test",
        "--no-cert",
        "--path",
        "/x",
        "--expect",
        "block",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = env.run(&[
        "rule",
        "test",
        "--no-cert",
        "--path",
        "/x",
        "--expect",
        "allow",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = env.run(&["rule", "test", "--path", "/x"]);
    assert_input_error(&out, "no cert choice");
}

#[test]
fn fields_match_openssl_and_normalization_applies() {
    let env = Env::new();
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "k.pem",
        "-subj",
        "/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA",
        "-days",
        "9",
        "-set_serial",
        "0x8f00112233",
        "-out",
        "c.pem",
    ]);
    let out = env.run(&[
        "rule",
        "test",
        "--json",
        "--cert",
        "c.pem",
        "--ca",
        "c.pem",
        "--expr",
        "ssl",
        "--url",
        "https://h.test//%61dmin/../x",
        "--normalize",
        "cloudflare",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["fields"];
    let o = |args: &[&str]| env.openssl_ok(args).trim().to_string();
    assert_eq!(
        f["cf.tls_client_auth.cert_subject_dn"],
        o(&[
            "x509", "-in", "c.pem", "-noout", "-subject", "-nameopt", "RFC2253"
        ])
        .trim_start_matches("subject=")
    );
    assert_eq!(
        f["cf.tls_client_auth.cert_subject_dn_legacy"],
        o(&[
            "x509", "-in", "c.pem", "-noout", "-subject", "-nameopt", "compat"
        ])
        .trim_start_matches("subject=")
    );
    assert_eq!(f["cf.tls_client_auth.cert_serial"], "8F00112233");
    let fp = o(&["x509", "-in", "c.pem", "-noout", "-fingerprint", "-sha256"]);
    assert_eq!(
        f["cf.tls_client_auth.cert_fingerprint_sha256"],
        fp.split('=')
            .nth(1)
            .unwrap()
            .replace(':', "")
            .to_lowercase()
    );
    let end = o(&["x509", "-in", "c.pem", "-noout", "-enddate"]);
    assert_eq!(
        f["cf.tls_client_auth.cert_not_after"],
        end.trim_start_matches("notAfter=")
    );
    assert_eq!(f["cf.tls_client_auth.cert_presented"], true);
    assert_eq!(f["http.request.uri.path"], "/x");
    assert_eq!(f["raw.http.request.uri.path"], "//%61dmin/../x");
}

#[test]
fn requests_batch_reads_each_certificate_once_and_continues_after_bad_lines() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "a"]);
    let lines = [
        r#"{"id": 1, "path": "/admin", "cert": "a.crt"}"#,
        r#"{"id": 2, "path": "/admin"}"#,
        "this is not json",
        r#"{"id": 4, "path": "/admin", "cert": "missing.crt"}"#,
        r#"{"id": 5, "url": "https://h.test/admin", "cert": "a.crt", "headers": {"User-Agent": "x"}}"#,
    ]
    .join("\n");
    let out = env
        .cmd()
        .args(["rule", "test", "--requests", "-", "--expr", SEED1])
        .write_stdin(lines)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let res: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(res.len(), 5);
    assert_eq!(
        (res[0]["verdict"].as_str(), res[0]["id"].as_i64()),
        (Some("allow"), Some(1))
    );
    assert_eq!(res[1]["verdict"], "block");
    assert!(res[2]["error"].is_string());
    assert!(res[3]["error"].as_str().unwrap().contains("missing.crt"));
    assert_eq!(res[4]["verdict"], "allow");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 distinct certificates"));
}

#[test]
fn rules_file_order_actions_and_unknown_keys() {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    std::fs::write(
        env.path("mtlsctl.yaml"),
        "- ref: health\n  action: skip\n  expression: 'http.request.uri.path eq \"/health\"'\n\
         - ref: admin\n  description: admin needs a cert\n  paths: [/admin]\n\
         - ref: api\n  action: managed_challenge\n  path_prefixes: [/api]\n",
    )
    .unwrap();
    let verdict = |args: &[&str]| {
        let mut a = vec!["rule", "test", "--json"];
        a.extend_from_slice(args);
        let out = env.run(&a);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["verdict"].as_str().unwrap().to_string(),
            v["decided_by"].as_str().map(str::to_string),
        )
    };
    assert_eq!(
        verdict(&["--no-cert", "--path", "/health"]),
        ("allow".into(), Some("health".into()))
    );
    assert_eq!(
        verdict(&["--no-cert", "--path", "/admin"]),
        ("block".into(), Some("admin".into()))
    );
    assert_eq!(
        verdict(&["--no-cert", "--path", "/admin/users"]),
        ("allow".into(), None)
    );
    assert_eq!(
        verdict(&["--no-cert", "--path", "/api/v1"]),
        ("challenge".into(), Some("api".into()))
    );
    assert_eq!(
        verdict(&["--cert", "client.crt", "--path", "/api/v1"]),
        ("allow".into(), None)
    );
    std::fs::write(env.path("bad.yaml"), "- ref: x\n  pathz: [/a]\n").unwrap();
    let out = env.run(&["rule", "test", "--no-cert", "--rules", "bad.yaml"]);
    assert_input_error(&out, "unknown key");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains("pathz"), "{err}");
}

/// Issue 5's evidence: a client revoked in the store is blocked under the recommended rule,
/// an unrevoked one is allowed; `cert verify` agrees, and so does the CRL with openssl.
#[test]
fn store_revocation_blocks_under_the_recommended_rule() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "lost-phone"]);
    env.ok(&["cert", "create", "--cn", "kept-phone"]);
    env.ok(&[
        "cert",
        "revoke",
        "lost-phone.crt",
        "--reason",
        "keyCompromise",
    ]);
    let out = env.run(&[
        "rule",
        "test",
        "--cert",
        "lost-phone.crt",
        "--path",
        "/",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "block");
    assert_eq!(
        (
            v["client"]["verified"].as_bool(),
            v["client"]["revoked"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let out = env.run(&["rule", "test", "--cert", "kept-phone.crt", "--path", "/"]);
    assert_eq!(out.status.code(), Some(0));
    let out = env.run(&["cert", "verify", "lost-phone.crt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED:certificate revoked"));
    env.ok(&["crl", "create", "--out", "crl.pem"]);
    let out = env.openssl(&[
        "verify",
        "-crl_check",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "-CRLfile",
        "crl.pem",
        "lost-phone.crt",
    ]);
    assert!(!out.status.success());
    env.openssl_ok(&[
        "verify",
        "-crl_check",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "-CRLfile",
        "crl.pem",
        "kept-phone.crt",
    ]);
}
