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
        // Verified by its own CA but revoked by its CRL: for an uploaded CA the edge's
        // cert_revoked stays false, so SEED1 lets it in...
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
            "allow",
            "block",
        ),
        // ...and for Cloudflare's managed CA it is revoked at the edge.
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
                "--managed-ca".into(),
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
        .args([
            "rule",
            "test",
            "--requests",
            "-",
            "--allow-cert-files",
            "--expr",
            SEED1,
        ])
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

/// Issue 5's evidence, as the edge computes it (H1): a client revoked in the store is blocked
/// under the recommended rules by the block-revoked rule on its serial (the edge's
/// cert_revoked stays false for the store CA, an uploaded CA), an unrevoked one is allowed;
/// `cert verify` calls it not valid locally, and so does the CRL with openssl.
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
    assert_eq!(v["decided_by"], "mtls_revoked_1", "{v}");
    assert_eq!(
        (
            v["client"]["verified"].as_bool(),
            v["client"]["revoked"].as_bool(),
            v["client"]["revoked_locally"].as_bool()
        ),
        (Some(true), Some(false), Some(true))
    );
    assert_eq!(v["fields"]["cf.tls_client_auth.cert_revoked"], false, "{v}");
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

/// H1, the finding itself: a certificate revoked in the store (the store CA is an uploaded CA)
/// is *allowed* by a rule relying on cert_revoked, because the edge never sets it; the dry run
/// says so and warns. The rules `rule generate --block-revoked --save` writes block it. With
/// --managed-ca the old behaviour (revoked at the edge) is kept.
#[test]
fn store_revocation_is_not_the_edges_cert_revoked() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "H1 CA"]);
    env.ok(&["cert", "create", "--cn", "alice"]);
    env.ok(&["cert", "create", "--cn", "bob"]);
    env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/admin",
        "--pin-ca",
        "store/ca.crt",
        "--ref",
        "mtls_admin",
        "--save",
    ]);
    env.ok(&["cert", "revoke", "bob.crt", "--reason", "keyCompromise"]);
    let test = |extra: &[&str]| {
        let mut a = vec![
            "rule", "test", "--json", "--cert", "bob.crt", "--path", "/admin",
        ];
        a.extend_from_slice(extra);
        let out = env.run(&a);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
        (out, v)
    };
    let (out, v) = test(&[]);
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["verdict"], "allow", "{v}");
    assert_eq!(v["client"]["revoked"], false, "{v}");
    assert_eq!(v["client"]["revoked_locally"], true, "{v}");
    assert_eq!(v["client"]["ca"], "uploaded_ca", "{v}");
    assert_eq!(v["fields"]["cf.tls_client_auth.cert_revoked"], false, "{v}");
    let warning = v["client"]["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.contains("the edge does not know this revocation"),
        "{v}"
    );
    assert!(warning.contains("rule generate --block-revoked"), "{v}");
    // The human form says it too, with the warning on stderr.
    let out = env.run(&["rule", "test", "--cert", "bob.crt", "--path", "/admin"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: the edge does not know this revocation"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("revoked=false") && text.contains("revoked_locally=true"),
        "{text}"
    );
    // Cloudflare's managed CA: revocation applies at the edge.
    let (out, v) = test(&["--managed-ca"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        (v["verdict"].as_str(), v["client"]["revoked"].as_bool()),
        (Some("block"), Some(true)),
        "{v}"
    );
    // A request log says how many such requests got through.
    let out = env
        .cmd()
        .args(["rule", "test", "--requests", "-", "--allow-cert-files"])
        .write_stdin("{\"path\": \"/admin\", \"cert\": \"bob.crt\"}\n{\"path\": \"/admin\", \"cert\": \"alice.crt\"}\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 request allowed with a certificate revoked locally"),
        "{err}"
    );
    // The fix: block the serial at the edge.
    env.ok(&["rule", "generate", "--block-revoked", "--save"]);
    let (out, v) = test(&[]);
    assert_eq!(out.status.code(), Some(1), "{v}");
    assert_eq!(
        (v["verdict"].as_str(), v["decided_by"].as_str()),
        (Some("block"), Some("mtls_revoked_1")),
        "{v}"
    );
    let out = env.run(&["rule", "test", "--cert", "alice.crt", "--path", "/admin"]);
    assert_eq!(out.status.code(), Some(0));
    // Batch lines report the edge's value and the local one apart.
    let out = env
        .cmd()
        .args(["rule", "test", "--requests", "-", "--allow-cert-files"])
        .write_stdin(r#"{"path": "/x", "cert": "bob.crt"}"#)
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            line["verdict"].as_str(),
            line["revoked"].as_bool(),
            line["revoked_locally"].as_bool()
        ),
        (Some("block"), Some(false), Some(true)),
        "{line}"
    );
}

/// M4: the rows of Cloudflare's published examples table
/// (developers.cloudflare.com/rules/normalization/examples, column "URL at Cloudflare's
/// network"), as golden cases; with normalization off the path reaches rules unchanged.
#[test]
fn normalization_matches_cloudflares_examples_table() {
    let env = Env::new();
    // (incoming path, --normalize, path the rules see)
    let rows = [
        ("/hello", "off", "/hello"),
        ("/hello", "rfc3986", "/hello"),
        ("/hello", "cloudflare", "/hello"),
        ("/%68ello", "off", "/%68ello"),
        ("/%68ello", "rfc3986", "/hello"),
        ("/%68ello", "cloudflare", "/hello"),
        ("/%68ello//pa\\th", "off", "/%68ello//pa\\th"),
        ("/%68ello//pa\\th", "rfc3986", "/hello//pa%5Cth"),
        ("/%68ello//pa\\th", "cloudflare", "/hello/pa/th"),
    ];
    for (raw, mode, want) in rows {
        let v: serde_json::Value = serde_json::from_str(&env.ok(&[
            "rule",
            "test",
            "--json",
            "--no-cert",
            "--path",
            raw,
            "--normalize",
            mode,
            "--expr",
            "http.request.uri.path eq \"/never\"",
        ]))
        .unwrap();
        assert_eq!(v["fields"]["http.request.uri.path"], want, "{raw} {mode}");
        assert_eq!(
            v["fields"]["raw.http.request.uri.path"], raw,
            "{raw} {mode}"
        );
    }
    // The review's case: with normalization off, `//admin/x` does not start with "/admin".
    let out = env.run(&[
        "rule",
        "test",
        "--no-cert",
        "--path",
        "//admin/x",
        "--normalize",
        "off",
        "--expr",
        "starts_with(http.request.uri.path, \"/admin\") and not cf.tls_client_auth.cert_verified",
        "--expect",
        "allow",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The default is rfc3986 (documented): slashes are kept.
    let v: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rule",
        "test",
        "--json",
        "--no-cert",
        "--path",
        "/a//b",
        "--expr",
        "http.host eq \"x\"",
    ]))
    .unwrap();
    assert_eq!(v["fields"]["http.request.uri.path"], "/a//b");
}

/// L10: a request line names a certificate file only with --allow-cert-files, resolved against
/// the JSONL file's directory, regular files only.
#[test]
fn request_lines_read_certificate_files_only_when_allowed() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "R CA"]);
    std::fs::create_dir(env.path("logs")).unwrap();
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "alice",
        "--out",
        "logs/alice.crt",
        "--key-out",
        "logs/alice.key",
    ]);
    let fifo = env.path("logs/fifo.crt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::write(
        env.path("logs/requests.jsonl"),
        "{\"id\": 1, \"path\": \"/admin\", \"cert\": \"alice.crt\"}\n{\"id\": 2, \"path\": \"/admin\", \"cert\": \"fifo.crt\"}\n{\"id\": 3, \"path\": \"/admin\", \"cert\": \"store/ca.key\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec![
            "rule",
            "test",
            "--requests",
            "logs/requests.jsonl",
            "--expr",
            "not cf.tls_client_auth.cert_verified",
        ];
        a.extend_from_slice(extra);
        let out = env.run(&a);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let off = run(&[]);
    assert_eq!(off.len(), 3);
    for l in &off {
        let e = l["error"].as_str().unwrap_or_default();
        assert!(e.contains("not read from request lines"), "{l}");
    }
    let on = run(&["--allow-cert-files"]);
    // Relative to the JSONL file's directory (logs/), not the working directory.
    assert_eq!(on[0]["verdict"], "allow", "{}", on[0]);
    assert!(
        on[1]["error"]
            .as_str()
            .unwrap()
            .contains("not a regular file"),
        "{}",
        on[1]
    );
    assert!(
        on[2]["error"].as_str().unwrap().contains("store/ca.key"),
        "{}",
        on[2]
    );
    // The flag means nothing without --requests.
    assert_eq!(
        env.run(&["rule", "test", "--no-cert", "--allow-cert-files"])
            .status
            .code(),
        Some(2)
    );
}

/// L10: regex memory is budgeted per expression and per run; a batch of heavy expressions
/// evicts by size instead of growing without bound.
#[test]
fn regex_memory_is_budgeted() {
    let env = Env::new();
    let heavy = |tag: usize| format!("http.host matches \"(.{{1000}}){{50}}{tag}\"");
    let out = env.run(&["rule", "check", &format!("{} or {}", heavy(1), heavy(2))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("16 MiB together"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Twelve distinct heavy expressions (10 MiB each, 120 MiB together) in one batch: each
    // evaluates, because the cache drops filters by size before the run's budget is reached.
    let lines: String = (0..12)
        .map(|i| {
            format!(
                "{{\"expr\": {}, \"fields\": {{}}}}\n",
                serde_json::to_string(&heavy(i)).unwrap()
            )
        })
        .collect();
    std::fs::write(env.path("heavy.jsonl"), lines).unwrap();
    let out = env.ok(&["rule", "eval", "--batch", "heavy.jsonl"]);
    assert_eq!(out.lines().count(), 12);
    assert!(out.lines().all(|l| l == r#"{"result":false}"#), "{out}");
}
