//! `mtlsctl cert verify`: the edge's validation with exit codes 0 valid, 1 not valid, 2 error.

mod common;

use common::{Env, assert_input_error, corpus};

fn ca_dir(kind: &str) -> String {
    corpus(&format!("certs/rustls-test-ca/{kind}"))
        .display()
        .to_string()
}

#[test]
fn corpus_chains_verify_for_every_key_type() {
    let env = Env::new();
    for kind in [
        "ecdsa-p256",
        "ecdsa-p384",
        "ecdsa-p521",
        "eddsa",
        "rsa-2048",
        "rsa-3072",
        "rsa-4096",
    ] {
        let d = ca_dir(kind);
        let out = env.ok(&[
            "cert",
            "verify",
            &format!("{d}/client.cert"),
            "--chain",
            &format!("{d}/inter.cert"),
            "--ca",
            &format!("{d}/ca.cert"),
        ]);
        assert!(
            out.lines().next().unwrap().ends_with(": valid"),
            "{kind}: {out}"
        );
        // The full chain in one file works too (leaf first, then what the client sends).
        let out = env.ok(&[
            "cert",
            "verify",
            &format!("{d}/client.fullchain"),
            "--ca",
            &format!("{d}/ca.cert"),
        ]);
        assert!(out.contains(": valid"), "{kind}: {out}");
    }
}

#[test]
fn failures_use_cloudflare_words_and_exit_1() {
    let env = Env::new();
    let d = ca_dir("ecdsa-p256");
    let other = ca_dir("rsa-2048");
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "--chain",
                &format!("{d}/inter.cert"),
                "--ca",
                &format!("{other}/ca.cert"),
            ],
            "FAILED:unable to get local issuer certificate",
        ),
        (
            &[
                "--chain",
                &format!("{d}/inter.cert"),
                "--ca",
                &format!("{d}/ca.cert"),
                "--at",
                "4100-01-01T00:00:00Z",
            ],
            "FAILED:certificate has expired",
        ),
        (
            &[
                "--chain",
                &format!("{d}/inter.cert"),
                "--ca",
                &format!("{d}/ca.cert"),
                "--at",
                "1970-01-02T00:00:00Z",
            ],
            "FAILED:certificate is not yet valid",
        ),
        (
            &[
                "--chain",
                &format!("{d}/inter.cert"),
                "--ca",
                &format!("{d}/ca.cert"),
                "--crl",
                &format!("{d}/client.revoked.crl.pem"),
            ],
            "FAILED:certificate revoked",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec!["cert", "verify", "--json"];
        let leaf = format!("{d}/client.cert");
        args.push(&leaf);
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["reason"], want, "{extra:?}: {v}");
        assert_eq!(v["valid"], false);
    }
    // Revoked: still verified, as on the edge.
    let out = env.run(&[
        "cert",
        "verify",
        "--json",
        &format!("{d}/client.cert"),
        "--chain",
        &format!("{d}/inter.cert"),
        "--ca",
        &format!("{d}/ca.cert"),
        "--crl",
        &format!("{d}/inter.revoked.crl.pem"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["verified"].as_bool(), v["revoked"].as_bool()),
        (Some(true), Some(true)),
        "{v}"
    );
}

#[test]
fn store_ca_is_the_default_anchor() {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    assert!(
        env.ok(&["cert", "verify", "client.crt"])
            .contains("client.crt: valid")
    );
    // A certificate from another CA does not verify against the store CA.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "o.key",
        "-subj",
        "/CN=other",
        "-days",
        "3",
        "-out",
        "other.crt",
    ]);
    let out = env.run(&["cert", "verify", "other.crt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED:self signed certificate"));
}

#[test]
fn bad_inputs_are_errors_not_verdicts() {
    let env = Env::new();
    let d = ca_dir("ecdsa-p256");
    let out = env.run(&[
        "cert",
        "verify",
        "missing.crt",
        "--ca",
        &format!("{d}/ca.cert"),
    ]);
    assert_input_error(&out, "missing");
    let out = env.run(&[
        "cert",
        "verify",
        &format!("{d}/client.cert"),
        "--ca",
        &format!("{d}/client.revoked.crl.pem"),
    ]);
    assert_input_error(&out, "crl as ca");
    let out = env.run(&[
        "cert",
        "verify",
        &format!("{d}/client.cert"),
        "--ca",
        &format!("{d}/ca.cert"),
        "--crl",
        &format!("{d}/ca.cert"),
    ]);
    assert_input_error(&out, "cert as crl");
    let out = env.run(&["cert", "verify", &format!("{d}/client.cert")]);
    assert_input_error(&out, "no anchor");
    let out = env.run(&[
        "cert",
        "verify",
        &format!("{d}/client.cert"),
        "--ca",
        &format!("{d}/ca.cert"),
        "--at",
        "yesterday",
    ]);
    assert_input_error(&out, "bad time");
}
