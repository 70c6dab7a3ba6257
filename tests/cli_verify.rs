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
    // The edge: verified, and (an uploaded CA) never revoked; locally: revoked, not valid.
    assert_eq!(
        (
            v["verified"].as_bool(),
            v["revoked"].as_bool(),
            v["revoked_locally"].as_bool(),
            v["valid"].as_bool()
        ),
        (Some(true), Some(false), Some(true), Some(false)),
        "{v}"
    );
    assert_eq!(v["edge"]["cf.tls_client_auth.cert_revoked"], false, "{v}");
    assert_eq!(v["edge"]["ca"], "uploaded_ca", "{v}");
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

/// H1: for an uploaded CA the edge's cert_revoked is false whatever the CRL says; `cert verify`
/// still calls the certificate not valid (locally), says what the edge computes, and warns.
/// With --managed-ca the revocation is the edge's.
#[test]
fn revoked_locally_is_not_the_edges_cert_revoked() {
    let env = Env::new();
    let d = corpus("certs/rustls-test-ca/ecdsa-p256");
    let d = d.display();
    let (leaf, chain, ca, crl) = (
        format!("{d}/client.cert"),
        format!("{d}/inter.cert"),
        format!("{d}/ca.cert"),
        format!("{d}/client.revoked.crl.pem"),
    );
    let base = [
        "cert", "verify", &leaf, "--chain", &chain, "--ca", &ca, "--crl", &crl,
    ];
    let out = env.run(&base);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("edge      cert_verified=true cert_revoked=false"),
        "{text}"
    );
    assert!(text.contains("revoked locally  true"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the edge does not know this revocation"),
        "{err}"
    );
    assert!(err.contains("rule generate --block-revoked"), "{err}");
    let mut managed: Vec<&str> = base.to_vec();
    managed.extend(["--managed-ca", "--json"]);
    let out = env.run(&managed);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["revoked"].as_bool(), v["revoked_locally"].as_bool()),
        (Some(true), Some(true)),
        "{v}"
    );
    assert_eq!(v["edge"]["ca"], "managed_ca");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("does not know"),
        "no warning for a managed CA"
    );
}

fn write(env: &Env, name: &str, text: &str) {
    std::fs::write(env.path(name), text).unwrap();
}

/// M2: a CRL whose issuer Name is encoded differently (UTF8String, a different case and extra
/// spaces) from the certificate's issuer (PrintableString) is the same name under RFC 5280
/// §7.1. OpenSSL says revoked; so must mtlsctl. A CRL of another CA gets a warning.
#[test]
fn crl_issuer_name_matches_across_string_types_as_openssl_does() {
    let env = Env::new();
    write(
        &env,
        "ca.cnf",
        "[req]\ndistinguished_name = dn\nstring_mask = default\nprompt = no\n[dn]\nO = Enc Org\nCN = Enc CA\n[v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n",
    );
    write(
        &env,
        "ca-utf8.cnf",
        "[req]\ndistinguished_name = dn\nstring_mask = utf8only\nprompt = no\n[dn]\nO = enc  ORG\nCN = ENC ca\n[v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n",
    );
    env.openssl_ok(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        "ca.key",
    ]);
    for (cnf, out) in [("ca.cnf", "ca.crt"), ("ca-utf8.cnf", "ca-utf8.crt")] {
        env.openssl_ok(&[
            "req",
            "-new",
            "-x509",
            "-config",
            cnf,
            "-extensions",
            "v3_ca",
            "-key",
            "ca.key",
            "-days",
            "30",
            "-out",
            out,
        ]);
    }
    // The two CA certificates really differ in encoding: PrintableString vs UTF8String.
    let printable = env.openssl_ok(&["asn1parse", "-in", "ca.crt"]);
    let utf8 = env.openssl_ok(&["asn1parse", "-in", "ca-utf8.crt"]);
    assert!(printable.contains("PRINTABLESTRING"), "{printable}");
    assert!(
        utf8.contains("UTF8STRING") && !utf8.contains("PRINTABLESTRING"),
        "{utf8}"
    );
    write(
        &env,
        "leaf.ext",
        "basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\n",
    );
    env.openssl_ok(&[
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-subj",
        "/CN=enc leaf",
        "-out",
        "leaf.csr",
    ]);
    env.openssl_ok(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-set_serial",
        "0x2A",
        "-days",
        "10",
        "-extfile",
        "leaf.ext",
        "-out",
        "leaf.crt",
    ]);
    // The CRL, signed by the same key, names the issuer the UTF8String way.
    let leaf_enddate = "491231235959Z";
    write(
        &env,
        "index.txt",
        &format!("R\t{leaf_enddate}\t250101000000Z\t2A\tunknown\t/CN=enc leaf\n"),
    );
    write(&env, "crlnumber", "01\n");
    write(
        &env,
        "crl.cnf",
        "[ca]\ndefault_ca = c\n[c]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 7\n",
    );
    env.openssl_ok(&[
        "ca",
        "-gencrl",
        "-config",
        "crl.cnf",
        "-cert",
        "ca-utf8.crt",
        "-keyfile",
        "ca.key",
        "-out",
        "enc.crl",
    ]);
    let o = env.openssl(&[
        "verify",
        "-crl_check",
        "-purpose",
        "sslclient",
        "-CAfile",
        "ca.crt",
        "-CRLfile",
        "enc.crl",
        "leaf.crt",
    ]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("certificate revoked")
            || String::from_utf8_lossy(&o.stderr).contains("certificate revoked"),
        "openssl: {} {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    for extra in [&[][..], &["--managed-ca"][..]] {
        let mut args = vec![
            "cert", "verify", "--json", "leaf.crt", "--ca", "ca.crt", "--crl", "enc.crl",
        ];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["reason"], "FAILED:certificate revoked", "{v}");
        assert_eq!(v["revoked_locally"], true, "{v}");
        assert_eq!(v["revoked"], !extra.is_empty(), "{v}");
    }
    // A CRL of another CA matches nothing on the path: not used, and said so.
    let d = corpus("certs/rustls-test-ca/ecdsa-p256/client.revoked.crl.pem");
    let out = env.run(&[
        "cert",
        "verify",
        "leaf.crt",
        "--ca",
        "ca.crt",
        "--crl",
        &d.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("names no issuer on this certificate's path"),
        "{err}"
    );
}

/// L1: OpenSSL's sslclient purpose checks keyUsage; webpki does not. Certificates made by
/// openssl; mtlsctl and `openssl verify -purpose sslclient` must agree on each.
#[test]
fn key_usage_purpose_checks_agree_with_openssl() {
    let env = Env::new();
    let mkca = |name: &str, ku: &str| {
        env.openssl_ok(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.crt"),
            "-days",
            "30",
            "-subj",
            &format!("/CN={name}"),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            &format!("keyUsage=critical,{ku}"),
        ]);
    };
    mkca("root", "keyCertSign,cRLSign");
    mkca("rootnocs", "cRLSign");
    let sign = |name: &str, issuer: &str, ext: &str| {
        write(&env, &format!("{name}.ext"), ext);
        env.openssl_ok(&[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-subj",
            &format!("/CN={name}"),
            "-out",
            &format!("{name}.csr"),
        ]);
        env.openssl_ok(&[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            &format!("{issuer}.crt"),
            "-CAkey",
            &format!("{issuer}.key"),
            "-CAcreateserial",
            "-days",
            "10",
            "-extfile",
            &format!("{name}.ext"),
            "-out",
            &format!("{name}.crt"),
        ]);
    };
    let client = "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n";
    sign(
        "leafok",
        "root",
        &format!("{client}keyUsage=critical,digitalSignature\n"),
    );
    sign(
        "leafka",
        "root",
        &format!("{client}keyUsage=critical,keyAgreement\n"),
    );
    sign(
        "leafku",
        "root",
        &format!("{client}keyUsage=critical,keyEncipherment\n"),
    );
    sign("leafns", "root", &format!("{client}nsCertType=server\n"));
    sign(
        "internocs",
        "root",
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,cRLSign,digitalSignature\n",
    );
    sign(
        "leaf2",
        "internocs",
        &format!("{client}keyUsage=critical,digitalSignature\n"),
    );
    sign(
        "leaf3",
        "rootnocs",
        &format!("{client}keyUsage=critical,digitalSignature\n"),
    );
    // (leaf, anchor, chain, openssl's last error code, mtlsctl's reason)
    type Case<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let cases: [Case; 6] = [
        ("leafok", "root", None, None, None),
        ("leafka", "root", None, None, None),
        (
            "leafku",
            "root",
            None,
            Some("error 26"),
            Some("FAILED:unsupported certificate purpose"),
        ),
        (
            "leafns",
            "root",
            None,
            Some("error 26"),
            Some("FAILED:unsupported certificate purpose"),
        ),
        (
            "leaf2",
            "root",
            Some("internocs"),
            Some("error 32"),
            Some("FAILED:key usage does not include certificate signing"),
        ),
        (
            "leaf3",
            "rootnocs",
            None,
            Some("error 32"),
            Some("FAILED:key usage does not include certificate signing"),
        ),
    ];
    for (leaf, anchor, chain, ossl_err, reason) in cases {
        let (leaf, anchor) = (format!("{leaf}.crt"), format!("{anchor}.crt"));
        let chain = chain.map(|c| format!("{c}.crt"));
        let mut oargs = vec!["verify", "-purpose", "sslclient", "-CAfile", &anchor];
        if let Some(c) = &chain {
            oargs.extend(["-untrusted", c]);
        }
        oargs.push(&leaf);
        let o = env.openssl(&oargs);
        let otext = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.success(), ossl_err.is_none(), "{leaf}: {otext}");
        let mut margs = vec!["cert", "verify", "--json", &leaf, "--ca", &anchor];
        if let Some(c) = &chain {
            margs.extend(["--chain", c]);
        }
        let out = env.run(&margs);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{leaf}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(v["valid"], reason.is_none(), "{leaf}: {v}");
        if let (Some(e), Some(r)) = (ossl_err, reason) {
            // OpenSSL's last error for the chain is the one the edge's wording follows.
            let last = otext
                .lines()
                .filter(|l| l.starts_with("error "))
                .rfind(|l| l.contains(" at "))
                .unwrap_or("");
            assert!(last.starts_with(e), "{leaf}: {otext}");
            assert_eq!(v["reason"], r, "{leaf}: {v}");
            assert_eq!(v["verified"], false, "{leaf}: {v}");
        }
    }
    // rule test computes cert_verified the same way.
    let out = env.run(&[
        "rule",
        "test",
        "--cert",
        "leaf2.crt",
        "--ca",
        "root.crt",
        "--chain",
        "internocs.crt",
        "--path",
        "/admin",
        "--expr",
        "not cf.tls_client_auth.cert_verified",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
