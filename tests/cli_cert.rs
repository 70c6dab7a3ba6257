//! `mtlsctl cert create|csr|sign|list`, cross-checked with openssl.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Env, assert_input_error, ext};

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn default_run_makes_a_store_ca_then_a_client_that_openssl_accepts() {
    let env = Env::new();
    let out = env.run(&["cert", "create"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("created a new CA"), "{stderr}");
    assert!(stdout.contains("certificate  client.crt"), "{stdout}");
    assert!(stdout.contains("key          client.key"), "{stdout}");
    assert_eq!(mode(&env.path("client.key")), 0o600);
    assert_eq!(mode(&env.store()), 0o700);
    assert_eq!(mode(&env.store().join("ca.key")), 0o600);

    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "client.crt",
    ]);
    let text = env.openssl_ok(&["x509", "-in", "client.crt", "-noout", "-text"]);
    assert!(
        text.contains("X509v3 Basic Constraints: critical\n                CA:FALSE"),
        "{text}"
    );
    assert!(
        text.contains("X509v3 Key Usage: critical\n                Digital Signature\n"),
        "{text}"
    );
    assert_eq!(
        ext(&text, "X509v3 Extended Key Usage").as_deref(),
        Some("TLS Web Client Authentication")
    );
    // The AKI key id is the CA's SKI, and the printed issuer SKI is that value.
    let ca_text = env.openssl_ok(&["x509", "-in", "store/ca.crt", "-noout", "-text"]);
    let ca_ski = ext(&ca_text, "X509v3 Subject Key Identifier").unwrap();
    assert_eq!(
        ext(&text, "X509v3 Authority Key Identifier"),
        Some(ca_ski.clone())
    );
    let issuer_ski_line = stdout
        .lines()
        .find(|l| l.starts_with("issuer_ski"))
        .unwrap();
    assert!(
        issuer_ski_line.ends_with(&ca_ski.replace(':', "")),
        "{issuer_ski_line} vs {ca_ski}"
    );
    assert!(
        ca_text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"),
        "{ca_text}"
    );
    assert!(ca_text.contains("Certificate Sign, CRL Sign"), "{ca_text}");
    // A second run creates no new CA and refuses to overwrite.
    let before = std::fs::read(env.path("client.crt")).unwrap();
    let ca_before = std::fs::read(env.store().join("ca.crt")).unwrap();
    let again = env.run(&["cert", "create"]);
    assert_input_error(&again, "second create");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists (use --force"));
    assert_eq!(std::fs::read(env.path("client.crt")).unwrap(), before);
    assert_eq!(
        std::fs::read(env.store().join("ca.crt")).unwrap(),
        ca_before
    );
    // --force replaces the client, not the CA.
    env.ok(&["cert", "create", "--force"]);
    assert_ne!(std::fs::read(env.path("client.crt")).unwrap(), before);
    assert_eq!(
        std::fs::read(env.store().join("ca.crt")).unwrap(),
        ca_before
    );
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "client.crt",
    ]);
}

#[test]
fn ski_is_rfc5280_method1_like_openssl_for_every_key_type() {
    let env = Env::new();
    for kt in ["p256", "p384", "ed25519", "rsa2048"] {
        let cert = format!("{kt}.crt");
        let key = format!("{kt}.key");
        env.ok(&[
            "cert",
            "create",
            "--cn",
            kt,
            "--key-type",
            kt,
            "--out",
            &cert,
            "--key-out",
            &key,
        ]);
        env.openssl_ok(&[
            "verify",
            "-purpose",
            "sslclient",
            "-CAfile",
            "store/ca.crt",
            &cert,
        ]);
        // openssl computes the SKI for the same key in its own certificate.
        let theirs = format!("{kt}-openssl.crt");
        env.openssl_ok(&[
            "req",
            "-new",
            "-x509",
            "-key",
            &key,
            "-subj",
            "/CN=x",
            "-days",
            "1",
            "-out",
            &theirs,
            "-addext",
            "subjectKeyIdentifier=hash",
        ]);
        let ours = env.openssl_ok(&[
            "x509",
            "-in",
            &cert,
            "-noout",
            "-ext",
            "subjectKeyIdentifier",
        ]);
        let openssl = env.openssl_ok(&[
            "x509",
            "-in",
            &theirs,
            "-noout",
            "-ext",
            "subjectKeyIdentifier",
        ]);
        assert_eq!(
            ext(&ours, "X509v3 Subject Key Identifier"),
            ext(&openssl, "X509v3 Subject Key Identifier"),
            "{kt}"
        );
        let text = env.openssl_ok(&["x509", "-in", &cert, "-noout", "-text"]);
        let ku = if kt.starts_with("rsa") {
            "Digital Signature, Key Encipherment"
        } else {
            "Digital Signature"
        };
        assert_eq!(ext(&text, "X509v3 Key Usage").as_deref(), Some(ku), "{kt}");
    }
}

#[test]
fn serials_are_random_positive_and_at_least_64_bits() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "a"]);
    env.ok(&["cert", "create", "--cn", "b"]);
    let serial = |f: &str| {
        env.openssl_ok(&["x509", "-in", f, "-noout", "-serial"])
            .trim()
            .to_string()
    };
    let (a, b) = (serial("a.crt"), serial("b.crt"));
    assert_ne!(a, b);
    let hex = a.strip_prefix("serial=").unwrap();
    assert!(hex.len() >= 16, "{hex}");
    assert!(
        u8::from_str_radix(&hex[..2], 16).unwrap() < 0x80,
        "positive: {hex}"
    );
}

#[test]
fn intermediate_chain_verifies_and_pathlen_is_zero() {
    let env = Env::new();
    env.ok(&[
        "cert",
        "create",
        "--ca",
        "--cn",
        "Root",
        "--subject",
        "O=Acme,C=US",
    ]);
    env.ok(&[
        "cert",
        "create",
        "--intermediate",
        "--out",
        "inter.crt",
        "--key-out",
        "inter.key",
    ]);
    let text = env.openssl_ok(&["x509", "-in", "inter.crt", "-noout", "-text"]);
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "leaf",
        "--issuer-cert",
        "inter.crt",
        "--issuer-key",
        "inter.key",
        "--days",
        "30",
        "--san",
        "leaf.acme.test",
        "--san",
        "10.1.2.3",
        "--san",
        "ops@acme.test",
        "--san",
        "spiffe://acme/leaf",
    ]);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "-untrusted",
        "inter.crt",
        "leaf.crt",
    ]);
    let leaf = env.openssl_ok(&["x509", "-in", "leaf.crt", "-noout", "-text"]);
    assert_eq!(
        ext(&leaf, "X509v3 Subject Alternative Name").as_deref(),
        Some(
            "DNS:leaf.acme.test, IP Address:10.1.2.3, email:ops@acme.test, URI:spiffe://acme/leaf"
        )
    );
    let subject = env.openssl_ok(&[
        "x509",
        "-in",
        "store/ca.crt",
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253",
    ]);
    assert_eq!(subject.trim(), "subject=CN=Root,C=US,O=Acme");
}

#[test]
fn leaf_never_outlives_its_issuer_and_weak_rsa_is_refused() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca", "--days", "30"]);
    let out = env.run(&["cert", "create", "--days", "31"]);
    assert_input_error(&out, "outlives");
    assert!(String::from_utf8_lossy(&out.stderr).contains("after its issuer"));
    assert!(!env.path("client.crt").exists() && !env.path("client.key").exists());
    let out = env.run(&["cert", "create", "--key-type", "rsa1024"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RSA keys of 1024 bits are refused"));
    let out = env.run(&["cert", "create", "--not-after", "90x"]);
    assert_eq!(out.status.code(), Some(2));
    env.ok(&["cert", "create", "--not-after", "12h"]);
    let end = env.openssl_ok(&["x509", "-in", "client.crt", "-noout", "-checkend", "43000"]);
    assert!(end.contains("will not expire"), "{end}");
    let end = env.openssl(&["x509", "-in", "client.crt", "-noout", "-checkend", "43300"]);
    assert!(!end.status.success(), "12h cert must expire within 43300 s");
}

#[test]
fn csr_then_sign_keeps_subject_and_sans_and_never_grants_ca() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "device-7",
        "--subject",
        "O=Acme",
        "--san",
        "device-7.acme.test",
    ]);
    assert_eq!(mode(&env.path("device-7.key")), 0o600);
    env.openssl_ok(&["req", "-in", "device-7.csr", "-noout", "-verify"]);
    env.ok(&["cert", "sign", "device-7.csr"]);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "device-7.crt",
    ]);
    let s = env.openssl_ok(&[
        "x509",
        "-in",
        "device-7.crt",
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253",
        "-ext",
        "subjectAltName",
    ]);
    assert!(s.contains("subject=CN=device-7,O=Acme"), "{s}");
    assert!(s.contains("DNS:device-7.acme.test"), "{s}");

    // An openssl CSR that asks for CA:TRUE gets a client certificate.
    env.openssl_ok(&[
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "evil.key",
        "-subj",
        "/CN=evil",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-out",
        "evil.csr",
    ]);
    let out = env.run(&["cert", "sign", "evil.csr", "--cn", "tamed"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("asks for CA:TRUE"));
    let t = env.openssl_ok(&["x509", "-in", "evil.crt", "-noout", "-text"]);
    assert!(t.contains("CA:FALSE") && !t.contains("CA:TRUE"), "{t}");
    assert!(t.contains("Subject: CN = tamed"), "{t}");

    // A CSR whose signature does not verify is refused.
    let pem = std::fs::read_to_string(env.path("device-7.csr")).unwrap();
    let der = pem::parse(&pem).unwrap().into_contents();
    let mut bad = der.clone();
    let n = bad.len();
    bad[n - 5] ^= 0x01;
    std::fs::write(
        env.path("bad.csr"),
        pem::encode(&pem::Pem::new("CERTIFICATE REQUEST", bad)),
    )
    .unwrap();
    let out = env.run(&["cert", "sign", "bad.csr"]);
    assert_input_error(&out, "tampered csr");
    assert!(String::from_utf8_lossy(&out.stderr).contains("signature does not verify"));
    assert!(!env.path("bad.crt").exists());
    // A certificate is not a CSR.
    let out = env.run(&["cert", "sign", "store/ca.crt"]);
    assert_input_error(&out, "cert as csr");
}

#[test]
fn list_shows_what_the_store_issued() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "one"]);
    env.ok(&["cert", "create", "--cn", "two"]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["cert", "list", "--json"])).unwrap();
    let cns: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["cn"].as_str().unwrap())
        .collect();
    assert_eq!(cns.len(), 3, "{json}");
    assert!(cns.contains(&"one") && cns.contains(&"two"));
    let serial = env.openssl_ok(&["x509", "-in", "one.crt", "-noout", "-serial"]);
    let serial = serial.trim().strip_prefix("serial=").unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|e| e["serial"] == serial && e["status"] == "valid")
    );
    let text = env.ok(&["cert", "list"]);
    assert!(text.contains(serial), "{text}");
}

#[test]
fn json_report_has_the_same_facts() {
    let env = Env::new();
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["cert", "create", "--json", "--cn", "j"])).unwrap();
    assert_eq!(v["profile"], "client");
    assert_eq!(v["cn"], "j");
    assert_eq!(v["ca_created"], true);
    assert_eq!(v["certificate"], "j.crt");
    let aki = env.ok(&["ski", "j.crt"]);
    assert_eq!(v["issuer_ski"].as_str().unwrap(), aki.trim());
}

#[test]
fn damaged_store_is_reported_not_recreated() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    std::fs::remove_file(env.store().join("ca.key")).unwrap();
    let ca_before = std::fs::read(env.store().join("ca.crt")).unwrap();
    let out = env.run(&["cert", "create"]);
    assert_input_error(&out, "half CA");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ca.key is missing"));
    assert_eq!(
        std::fs::read(env.store().join("ca.crt")).unwrap(),
        ca_before
    );
}

#[test]
fn inspect_gives_every_edge_field_as_a_top_level_json_key() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "insp", "--san", "insp.acme.test"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["cert", "inspect", "--json", "insp.crt"])).unwrap();
    let serial = env.openssl_ok(&["x509", "-in", "insp.crt", "-noout", "-serial"]);
    assert_eq!(
        v["cf.tls_client_auth.cert_serial"],
        serial.trim().trim_start_matches("serial=")
    );
    assert_eq!(
        v["cf.tls_client_auth.cert_issuer_ski"],
        env.ok(&["ski", "insp.crt"]).trim()
    );
    // The store CA signed it, so the issuer serial is known.
    let ca_serial = env.openssl_ok(&["x509", "-in", "store/ca.crt", "-noout", "-serial"]);
    assert_eq!(
        v["cf.tls_client_auth.cert_issuer_serial"],
        ca_serial.trim().trim_start_matches("serial=")
    );
    assert_eq!(v["extended_key_usage"], serde_json::json!(["clientAuth"]));
    assert_eq!(v["sans"], serde_json::json!(["DNS:insp.acme.test"]));
    let rfc9440 = v["cf.tls_client_auth.cert_rfc9440"].as_str().unwrap();
    assert!(rfc9440.starts_with(':') && rfc9440.ends_with(':'));
    // Human output escapes control characters from names.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "e.key",
        "-subj",
        "/CN=evil\u{1b}[31mred",
        "-days",
        "2",
        "-out",
        "evil.crt",
    ]);
    let text = env.ok(&["cert", "inspect", "evil.crt"]);
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// Every PEM file mtlsctl writes has LF line ends, as openssl, step and mkcert write them
/// (certificates used to get the `pem` crate's default CRLF, which breaks byte comparisons,
/// `file()` in Terraform and copy-paste into the dashboard), for each key type's path.
#[test]
fn written_pem_files_have_lf_line_ends() {
    let env = Env::new();
    env.ok(&["cert", "create"]);
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "b",
        "--key-type",
        "p384",
        "--out",
        "b.crt",
        "--key-out",
        "b.key",
    ]);
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "e",
        "--key-type",
        "ed25519",
        "--out",
        "e.crt",
        "--key-out",
        "e.key",
    ]);
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "d",
        "--out",
        "d.csr",
        "--key-out",
        "d.key",
    ]);
    env.ok(&["cert", "sign", "d.csr", "--out", "d.crt"]);
    env.ok(&["cert", "revoke", "b.crt"]);
    env.ok(&["crl", "create", "--out", "crl.pem"]);
    let files = [
        "client.crt",
        "client.key",
        "store/ca.crt",
        "store/ca.key",
        "b.crt",
        "b.key",
        "e.crt",
        "e.key",
        "d.csr",
        "d.key",
        "d.crt",
        "crl.pem",
    ];
    for name in files {
        let text = std::fs::read_to_string(env.path(name)).unwrap();
        assert!(!text.contains('\r'), "{name} has CR line ends:\n{text:?}");
        assert!(
            text.starts_with("-----BEGIN ") && text.ends_with("-----\n"),
            "{name}: {text}"
        );
    }
    env.openssl_ok(&["x509", "-in", "b.crt", "-noout"]);
    env.openssl_ok(&["pkey", "-in", "b.key", "-noout"]);
}
