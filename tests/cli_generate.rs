//! `mtlsctl rule generate`: exact expressions, the API and Terraform shapes of
//! `cloudflare.md` §4, YAML round trips through `mtlsctl.yaml` and `rule test`, `--save`.

mod common;

use common::{Env, assert_input_error};

const SKI: &str = "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F";
const ADMIN: &str = r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path eq "/admin""#;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn path_gives_the_dashboard_template_with_revocation() {
    let env = Env::new();
    assert_eq!(
        env.ok(&["rule", "generate", "--path", "/admin"]),
        format!("{ADMIN}\n")
    );
    let out = env.run(&["rule", "generate", "--path", "/admin"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn exact_expressions_for_the_issue_examples() {
    let env = Env::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--path", "/admin", "--path", "/ops"],
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin" "/ops"}"#,
        ),
        (
            &[
                "--path-prefix",
                "/api",
                "--host",
                "api.acme.com",
                "--issuer-ski",
                SKI,
            ],
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F") and http.host eq "api.acme.com" and (http.request.uri.path eq "/api" or starts_with(http.request.uri.path, "/api/"))"#,
        ),
        (
            &["--path", "/admin", "--no-revocation-check"],
            r#"not cf.tls_client_auth.cert_verified and http.request.uri.path eq "/admin""#,
        ),
        (
            &["--path-prefix", "/Admin/", "--case-insensitive"],
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and (lower(http.request.uri.path) eq "/admin" or http.request.uri.path wildcard "/admin/*")"#,
        ),
        (
            &["--host", "a.test", "--host", "b.test"],
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in {"a.test" "b.test"}"#,
        ),
    ];
    for (args, want) in cases {
        let mut a = vec!["rule", "generate"];
        a.extend_from_slice(args);
        assert_eq!(env.ok(&a).trim_end(), *want, "{args:?}");
        // Every generated expression passes `rule check` unchanged.
        assert_eq!(env.ok(&["rule", "check", want]).trim_end(), *want);
    }
}

#[test]
fn no_path_covers_every_path_and_says_so() {
    let env = Env::new();
    let out = env.run(&["rule", "generate", "--issuer-ski", SKI]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        format!(
            r#"not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "{SKI}""#
        )
    );
    assert!(
        stderr(&out).contains("covers every path"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issuer_ski_is_normalized_with_a_note_or_refused() {
    let env = Env::new();
    let lower = "a5:ac:55:42:35:db:a6:d9:63:b9:cd:e0:18:5c:fa:d6:e3:f5:5e:9f";
    let out = env.run(&["rule", "generate", "--path", "/a", "--issuer-ski", lower]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(SKI));
    assert!(stderr(&out).contains("normalized"), "{}", stderr(&out));
    for bad in [
        "634543957306237409418573394213297386788040950937",
        "keyid:A5AC",
        "xyz",
    ] {
        let out = env.run(&["rule", "generate", "--issuer-ski", bad]);
        assert_input_error(&out, bad);
        assert!(out.stdout.is_empty());
    }
    assert!(
        stderr(&env.run(&[
            "rule",
            "generate",
            "--issuer-ski",
            "634543957306237409418573394213297386788040950937"
        ]))
        .contains("decimal")
    );
}

#[test]
fn bad_input_is_one_line_exit_2() {
    let env = Env::new();
    for args in [
        &["rule", "generate", "--path", "admin"][..],
        &["rule", "generate", "--path", "/admin?x=1"],
        &["rule", "generate", "--path", "/%61dmin"],
        &["rule", "generate", "--action", "deny"],
        &["rule", "generate", "--format", "xml"],
        &["rule", "generate", "--path", "/a", "--entrypoint"],
        &["rule", "generate", "--rules", "missing.yaml"],
        &["rule", "generate", "--pin-ca", "missing.pem"],
        &["rule", "generate", "--host", "*.acme.test"],
        &["rule", "generate", "--rules", "r.yaml", "--save"],
    ] {
        assert_input_error(&env.run(args), &format!("{args:?}"));
    }
    let many: Vec<String> = (0..300).map(|i| format!("/a/very/long/path/{i}")).collect();
    let mut args = vec!["rule", "generate"];
    for p in &many {
        args.extend(["--path", p]);
    }
    let out = env.run(&args);
    assert_input_error(&out, "too long");
    assert!(stderr(&out).contains("4,096"), "{}", stderr(&out));
}

#[test]
fn json_is_the_api_rule_object_and_the_entrypoint_body() {
    let env = Env::new();
    let out = env.ok(&["rule", "generate", "--path", "/admin", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let want = serde_json::json!({
        "ref": "mtls_admin",
        "description": "Require a valid, unrevoked client certificate on /admin",
        "expression": ADMIN,
        "action": "block",
        "action_parameters": {"response": {"status_code": 403, "content": "client certificate required", "content_type": "text/plain"}},
        "enabled": true
    });
    assert_eq!(v, want);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "ref",
            "description",
            "expression",
            "action",
            "action_parameters",
            "enabled"
        ]
    );
    let out = env.ok(&[
        "rule",
        "generate",
        "--path",
        "/admin",
        "--format",
        "json",
        "--entrypoint",
        "--ref",
        "x",
        "--action",
        "managed_challenge",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["ref"], "x");
    assert_eq!(rules[0]["action"], "managed_challenge");
    assert!(rules[0].get("action_parameters").is_none());
    // --json with the expression format.
    let out = env.ok(&["--json", "rule", "generate", "--path", "/admin"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v, serde_json::json!({"expression": ADMIN}));
}

#[test]
fn terraform_is_the_v5_resource_with_hcl_escaping() {
    let env = Env::new();
    let out = env.ok(&[
        "rule",
        "generate",
        "--path",
        "/admin",
        "--format",
        "terraform",
    ]);
    let want = r#"resource "cloudflare_ruleset" "mtls" {
  zone_id = var.zone_id
  name    = "mTLS custom rules"
  kind    = "zone"
  phase   = "http_request_firewall_custom"
  rules = [{
    ref         = "mtls_admin"
    description = "Require a valid, unrevoked client certificate on /admin"
    expression  = "(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path eq \"/admin\""
    action      = "block"
    enabled     = true
  }]
}
"#;
    assert_eq!(out, want);
    // `${` would be a Terraform interpolation: it is doubled.
    let out = env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/a*b",
        "--case-insensitive",
        "--description",
        "say \"hi\" ${x}",
        "--format",
        "terraform",
    ]);
    assert!(
        out.contains(r#"http.request.uri.path wildcard \"/a\\\\*b/*\""#),
        "{out}"
    );
    assert!(out.contains(r#"description = "say \"hi\" $${x}""#), "{out}");
}

#[test]
fn rules_file_gives_every_rule_in_every_format() {
    let env = Env::new();
    std::fs::write(
        env.path("rules.yaml"),
        "- ref: admin\n  path_prefixes: [/admin]\n  hosts: [a.test]\n- ref: health\n  action: skip\n  expression: 'http.request.uri.path eq \"/health\"'\n",
    )
    .unwrap();
    let out = env.ok(&["rule", "generate", "--rules", "rules.yaml"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1], r#"http.request.uri.path eq "/health""#);
    let v: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rule",
        "generate",
        "--rules",
        "rules.yaml",
        "--format",
        "json",
        "--entrypoint",
    ]))
    .unwrap();
    assert_eq!(
        v["rules"][1]["action_parameters"],
        serde_json::json!({"ruleset": "current"})
    );
    let tf = env.ok(&[
        "rule",
        "generate",
        "--rules",
        "rules.yaml",
        "--format",
        "terraform",
    ]);
    assert!(tf.contains("  }, {\n"), "{tf}");
    assert!(
        tf.contains("action_parameters = { ruleset = \"current\" }"),
        "{tf}"
    );
    assert_input_error(
        &env.run(&["rule", "generate", "--rules", "rules.yaml", "--path", "/x"]),
        "rules and flags",
    );
}

#[test]
fn yaml_round_trips_through_rule_test() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "c"]);
    let yaml = env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/admin",
        "--host",
        "a.test",
        "--format",
        "yaml",
    ]);
    assert!(yaml.starts_with("- ref: mtls_admin\n"), "{yaml}");
    std::fs::write(env.path("mtlsctl.yaml"), &yaml).unwrap();
    let test = |args: &[&str]| {
        let mut a = vec![
            "rule",
            "test",
            "--rules",
            "mtlsctl.yaml",
            "--host",
            "a.test",
        ];
        a.extend_from_slice(args);
        env.run(&a).status.code()
    };
    assert_eq!(test(&["--no-cert", "--path", "/admin/users"]), Some(1));
    assert_eq!(test(&["--no-cert", "--path", "/admin"]), Some(1));
    assert_eq!(test(&["--no-cert", "--path", "/public"]), Some(0));
    assert_eq!(
        test(&["--cert", "c.crt", "--path", "/admin/users"]),
        Some(0)
    );
    // The YAML regenerates the same expression.
    assert_eq!(
        env.ok(&["rule", "generate", "--rules", "mtlsctl.yaml"]),
        env.ok(&[
            "rule",
            "generate",
            "--path-prefix",
            "/admin",
            "--host",
            "a.test"
        ])
    );
    // The YAML regenerates the same expression, for every kind of flag.
    let combos: &[&[&str]] = &[
        &["--path-prefix", "/admin", "--host", "a.test"],
        &["--path", "/a", "--path", "/b", "--no-revocation-check"],
        &[
            "--path-prefix",
            "/Ops",
            "--case-insensitive",
            "--issuer-ski",
            SKI,
        ],
        &[
            "--pin-ca",
            "store/ca.crt",
            "--action",
            "managed_challenge",
            "--description",
            "x: \"y\"\nz",
        ],
        &["--no-revocation-check"],
    ];
    for args in combos {
        let mut a = vec!["rule", "generate"];
        a.extend_from_slice(args);
        let expr = env.ok(&a);
        a.extend(["--format", "yaml"]);
        std::fs::write(env.path("one.yaml"), env.ok(&a)).unwrap();
        assert_eq!(
            env.ok(&["rule", "generate", "--rules", "one.yaml"]),
            expr,
            "{args:?}"
        );
    }
    // --pin-ca takes a CA only; `--path-prefix /` is every path.
    let out = env.run(&["rule", "generate", "--pin-ca", "c.crt"]);
    assert_input_error(&out, "pin a client certificate");
    assert!(stderr(&out).contains("not a CA"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rule",
        "generate",
        "--path-prefix",
        "/",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        v["description"],
        "Require a valid, unrevoked client certificate on every path"
    );
    assert_eq!(
        v["expression"],
        "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked"
    );
    // issuer_cert is resolved to issuer_ski, so the output stands on its own.
    std::fs::write(env.path("pin.yaml"), "- issuer_cert: store/ca.crt\n").unwrap();
    let yaml = env.ok(&[
        "rule", "generate", "--rules", "pin.yaml", "--format", "yaml",
    ]);
    assert!(
        yaml.contains("issuer_ski: ") && !yaml.contains("issuer_cert"),
        "{yaml}"
    );
}

#[test]
fn save_appends_refuses_duplicates_and_never_clobbers() {
    let env = Env::new();
    let existing = "# our rules\n- ref: health\n  action: skip\n  expression: 'http.request.uri.path eq \"/health\"'\n";
    std::fs::write(env.path("mtlsctl.yaml"), existing).unwrap();
    let out = env.run(&["rule", "generate", "--path-prefix", "/admin", "--save"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("appended rule mtls_admin"),
        "{}",
        stderr(&out)
    );
    env.ok(&[
        "rule", "generate", "--path", "/ops", "--ref", "ops", "--save",
    ]);
    let text = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(text.starts_with(existing), "{text}");
    let refs = env.ok(&["--json", "rule", "generate", "--rules", "mtlsctl.yaml"]);
    let v: serde_json::Value = serde_json::from_str(&refs).unwrap();
    let refs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["health", "mtls_admin", "ops"]);
    // A duplicate ref is refused and the file is unchanged.
    let out = env.run(&["rule", "generate", "--path", "/x", "--ref", "ops", "--save"]);
    assert_input_error(&out, "duplicate ref");
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap(),
        text
    );
    // A file that does not parse is not touched.
    std::fs::write(env.path("mtlsctl.yaml"), "- ref: a\n  pathz: [/x]\n").unwrap();
    assert_input_error(
        &env.run(&["rule", "generate", "--path", "/y", "--save"]),
        "broken file",
    );
    assert_eq!(
        std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap(),
        "- ref: a\n  pathz: [/x]\n"
    );
    // With no file, --save creates it; `rule test` then uses it by default.
    let fresh = Env::new();
    fresh.ok(&["rule", "generate", "--path", "/admin", "--save"]);
    let specs = std::fs::read_to_string(fresh.path("mtlsctl.yaml")).unwrap();
    assert!(specs.contains("ref: mtls_admin"), "{specs}");
}

#[test]
fn generated_rules_lint_clean_except_what_the_flags_ask_for() {
    let env = Env::new();
    let lint_ids = |expr: &str| -> Vec<String> {
        let out = env.run(&["--json", "rule", "lint", expr]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let full = [
        "--path-prefix",
        "/admin",
        "--host",
        "a.test",
        "--issuer-ski",
        SKI,
    ];
    let cases: &[(&[&str], &[&str])] = &[
        (&full, &[]),
        (&[&full[..], &["--case-insensitive"]].concat(), &[]),
        (
            &[&full[..], &["--path", "/ops"]].concat(),
            &["exact-path-in-set"],
        ),
        (
            &[&full[..], &["--no-revocation-check"]].concat(),
            &["no-revocation-check"],
        ),
        (
            &["--path-prefix", "/admin", "--host", "a.test"],
            &["no-issuer-pin"],
        ),
        (
            &["--path-prefix", "/admin", "--issuer-ski", SKI],
            &["no-host-scope"],
        ),
    ];
    for (args, want) in cases {
        let mut a = vec!["rule", "generate"];
        a.extend_from_slice(args);
        let expr = env.ok(&a);
        assert_eq!(lint_ids(expr.trim_end()), *want, "{args:?}: {expr}");
    }
}

/// A CRL (made by `openssl ca -gencrl`) listing `n` distinct 16-byte serials of `ca.crt`.
fn big_crl(env: &Env, n: usize) -> Vec<String> {
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "partner.key",
        "-out",
        "partner.crt",
        "-days",
        "30",
        "-subj",
        "/CN=Partner CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    let serials: Vec<String> = (0..n)
        .map(|i| format!("4{:031X}", 0xC0FFEE + i * 7919))
        .collect();
    let index: String = serials
        .iter()
        .map(|s| format!("R\t491231235959Z\t250101000000Z\t{s}\tunknown\t/CN=x{s}\n"))
        .collect();
    std::fs::write(env.path("index.txt"), index).unwrap();
    std::fs::write(env.path("crlnumber"), "01\n").unwrap();
    std::fs::write(
        env.path("crl.cnf"),
        "[ca]\ndefault_ca = c\n[c]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 7\ncrl_extensions = ext\n[ext]\nauthorityKeyIdentifier = keyid:always\n",
    )
    .unwrap();
    env.openssl_ok(&[
        "ca",
        "-gencrl",
        "-config",
        "crl.cnf",
        "-cert",
        "partner.crt",
        "-keyfile",
        "partner.key",
        "-out",
        "partner.crl",
    ]);
    serials
}

/// H1's fix: `--block-revoked` writes rules on `cf.tls_client_auth.cert_serial` for what the
/// store and a CRL revoke, split within 4,096 characters, in every output format; `--save`
/// replaces the earlier block-revoked rules instead of refusing their refs.
#[test]
fn block_revoked_rules_in_every_format_split_and_replaced_on_save() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--cn", "Store CA"]);
    env.ok(&["cert", "create", "--cn", "a"]);
    env.ok(&["cert", "create", "--cn", "b"]);
    // Nothing revoked: no rule, and it says so.
    let out = env.run(&["rule", "generate", "--block-revoked"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("nothing is revoked"),
        "{}",
        stderr(&out)
    );
    env.ok(&["cert", "revoke", "a.crt"]);
    let ca_ski = env.ok(&["ski", "--own", "store/ca.crt"]).trim().to_string();
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "list", "--status", "revoked"])).unwrap();
    let a = v[0]["serial"].as_str().unwrap().to_string();
    let text = env.ok(&["rule", "generate", "--block-revoked"]);
    assert_eq!(
        text,
        format!(
            "cf.tls_client_auth.cert_issuer_ski eq \"{ca_ski}\" and cf.tls_client_auth.cert_serial in {{\"{a}\"}}\n"
        )
    );
    // The CRL's 300 serials need several rules, each within the limit, every serial once.
    let serials = big_crl(&env, 300);
    let text = env.ok(&[
        "rule",
        "generate",
        "--block-revoked",
        "--crl",
        "partner.crl",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 4, "{}", lines.len());
    for l in &lines {
        assert!(l.chars().count() <= 4096, "{}", l.len());
        env.ok(&["rule", "check", l]);
    }
    for s in serials.iter().chain([&a]) {
        assert_eq!(text.matches(&format!("\"{s}\"")).count(), 1, "{s}");
    }
    let json: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rule",
        "generate",
        "--block-revoked",
        "--crl",
        "partner.crl",
        "--format",
        "json",
    ]))
    .unwrap();
    let rules = json.as_array().unwrap();
    assert_eq!(rules.len(), lines.len());
    for (i, r) in rules.iter().enumerate() {
        assert_eq!(r["ref"], format!("mtls_revoked_{}", i + 1));
        assert_eq!(r["action"], "block");
        assert_eq!(r["expression"], lines[i]);
    }
    let body: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rule",
        "generate",
        "--block-revoked",
        "--format",
        "json",
        "--entrypoint",
    ]))
    .unwrap();
    assert_eq!(body["rules"][0]["ref"], "mtls_revoked_1");
    let tf = env.ok(&[
        "rule",
        "generate",
        "--block-revoked",
        "--format",
        "terraform",
    ]);
    assert!(tf.contains("ref         = \"mtls_revoked_1\""), "{tf}");
    assert!(tf.contains(&format!("{{\\\"{a}\\\"}}")), "{tf}");
    let yaml = env.ok(&["rule", "generate", "--block-revoked", "--format", "yaml"]);
    std::fs::write(env.path("block.yaml"), &yaml).unwrap();
    // The YAML is a rules file: `rule test` blocks a's certificate with it, allows b's.
    let t = env.run(&[
        "rule",
        "test",
        "--rules",
        "block.yaml",
        "--cert",
        "a.crt",
        "--expect",
        "block",
    ]);
    assert_eq!(
        t.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&t.stdout)
    );
    let t = env.run(&[
        "rule",
        "test",
        "--rules",
        "block.yaml",
        "--cert",
        "b.crt",
        "--expect",
        "allow",
    ]);
    assert_eq!(t.status.code(), Some(0));

    // --save: first in the file; again: replaced, not refused; other rules and comments kept.
    std::fs::write(env.path("mtlsctl.yaml"), "# zone rules\n").unwrap();
    env.ok(&["rule", "generate", "--path", "/admin", "--save"]);
    env.ok(&[
        "rule",
        "generate",
        "--block-revoked",
        "--crl",
        "partner.crl",
        "--save",
    ]);
    let refs = |env: &Env| -> Vec<String> {
        let t = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
        assert!(t.starts_with("# zone rules\n"), "{t}");
        t.lines()
            .filter_map(|l| l.strip_prefix("- ref: "))
            .map(str::to_string)
            .collect()
    };
    let first = refs(&env);
    assert_eq!(first.len(), lines.len() + 1, "{first:?}");
    assert_eq!(first.last().map(String::as_str), Some("mtls_admin"));
    env.ok(&["cert", "revoke", "b.crt"]);
    env.ok(&["rule", "generate", "--block-revoked", "--save"]);
    assert_eq!(refs(&env), ["mtls_revoked_1", "mtls_admin"]);
    let t = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(t.contains(&a), "{t}");
    for c in ["a.crt", "b.crt"] {
        let out = env.run(&[
            "rule", "test", "--cert", c, "--path", "/other", "--expect", "block",
        ]);
        assert_eq!(out.status.code(), Some(0), "{c}");
    }
    // Intent flags belong in another run.
    assert_input_error(
        &env.run(&["rule", "generate", "--block-revoked", "--path", "/x"]),
        "--block-revoked",
    );
}

/// Issue #13: `--save` with the `cloudflare:` section after `rules:` (the order `cf rules pull`
/// and hand-written files use) appends inside `rules:`, keeps the section and every comment,
/// and `--block-revoked --save` replaces its rules there without touching the section.
#[test]
fn save_works_whatever_the_section_order() {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    let section = "# deployment\ncloudflare:\n  zone: example.com\n  hostnames:\n  - api.example.com\n  rules: [a]\n";
    let rules = "# our rules\nrules:\n  - ref: a\n    expression: 'true'\n\n# after the rules\n";
    let existing = format!("{rules}{section}");
    std::fs::write(env.path("mtlsctl.yaml"), &existing).unwrap();
    env.ok(&["rule", "generate", "--path", "/x", "--save"]);
    let now = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(
        now.starts_with(
            "# our rules\nrules:\n  - ref: a\n    expression: 'true'\n  - ref: mtls_x\n"
        ),
        "{now}"
    );
    assert!(
        now.ends_with(&format!("\n# after the rules\n{section}")),
        "{now}"
    );
    // Both rules are read as rules, the section as the section.
    let refs = env.ok(&[
        "rule",
        "generate",
        "--rules",
        "mtlsctl.yaml",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&refs).unwrap();
    let got: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["a", "mtls_x"]);
    // Block-revoked rules go first in `rules:`; the section stays, byte for byte.
    env.ok(&["cert", "create", "--cn", "b"]);
    env.ok(&["cert", "revoke", "b.crt"]);
    env.ok(&["rule", "generate", "--block-revoked", "--save"]);
    let now = std::fs::read_to_string(env.path("mtlsctl.yaml")).unwrap();
    assert!(now.contains("rules:\n  - ref: mtls_revoked_1\n"), "{now}");
    assert!(
        now.ends_with(&format!("\n# after the rules\n{section}")),
        "{now}"
    );
    let t = env.ok(&[
        "rule",
        "generate",
        "--rules",
        "mtlsctl.yaml",
        "--format",
        "json",
    ]);
    assert!(t.contains("mtls_revoked_1") && t.contains("mtls_x"), "{t}");
}
