//! Regressions for the security review of 2026-12-04 (findings M1, M3, L2, L3, L9, L11):
//! each test reproduces the finding with real files (made by `openssl` where the review did)
//! and asserts the fixed behaviour.

mod common;

use std::process::Output;

use common::{Env, assert_input_error};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(env: &Env, name: &str, text: &str) {
    std::fs::write(env.path(name), text).unwrap();
}

fn no_raw_escape(o: &Output, what: &str) {
    for (stream, bytes) in [("stderr", &o.stderr), ("stdout", &o.stdout)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "{what}: raw ESC/BEL on {stream}: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

/// A minimal `openssl ca` configuration, for `-gencrl`.
fn ca_conf(env: &Env) {
    write(
        env,
        "ca.cnf",
        "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\n",
    );
    write(env, "index.txt", "");
    write(env, "crlnumber", "01\n");
}

/// `openssl req -new` with a fresh key: `(key, csr)` files named after `stem`.
fn openssl_csr(env: &Env, stem: &str, newkey: &[&str], subj: &str, extra: &[&str]) {
    let key = format!("{stem}.key");
    let csr = format!("{stem}.csr");
    let mut args = vec!["req", "-new"];
    args.extend_from_slice(newkey);
    args.extend_from_slice(&["-nodes", "-subj", subj, "-keyout", &key, "-out", &csr]);
    args.extend_from_slice(extra);
    env.openssl_ok(&args);
}

const P256: &[&str] = &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

// ---------------------------------------------------------------------------------------
// M3: terminal escapes from input files never reach the terminal raw.

#[test]
fn m3_crl_issuer_with_escapes_is_printed_escaped() {
    let env = Env::new();
    ca_conf(&env);
    let cn = "/CN=CA\x1b]0;CRL-TITLE-PWNED\x07\x1b[41mX";
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        cn,
        "-keyout",
        "escca.key",
        "-out",
        "escca.crt",
        "-days",
        "30",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl_csr(&env, "leaf", P256, "/CN=leaf", &[]);
    write(
        &env,
        "leaf.ext",
        "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n",
    );
    env.openssl_ok(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "escca.crt",
        "-CAkey",
        "escca.key",
        "-set_serial",
        "7",
        "-days",
        "10",
        "-extfile",
        "leaf.ext",
        "-out",
        "leaf.crt",
    ]);
    // An expired CRL: the warning names its issuer.
    env.openssl_ok(&[
        "ca",
        "-config",
        "ca.cnf",
        "-gencrl",
        "-keyfile",
        "escca.key",
        "-cert",
        "escca.crt",
        "-crl_lastupdate",
        "20200101000000Z",
        "-crl_nextupdate",
        "20200102000000Z",
        "-out",
        "esc.crl",
    ]);
    let o = env.run(&[
        "cert",
        "verify",
        "leaf.crt",
        "--ca",
        "escca.crt",
        "--crl",
        "esc.crl",
    ]);
    let e = stderr(&o);
    assert!(e.contains("warning: CRL #0 from `"), "{e}");
    assert!(e.contains("CRL-TITLE-PWNED"), "{e}");
    no_raw_escape(&o, "expired CRL warning");

    // A CRL with the same issuer name signed by another key: the error names the issuer.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        cn,
        "-keyout",
        "other.key",
        "-out",
        "other.crt",
        "-days",
        "30",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    env.openssl_ok(&[
        "ca",
        "-config",
        "ca.cnf",
        "-gencrl",
        "-keyfile",
        "other.key",
        "-cert",
        "other.crt",
        "-crldays",
        "1",
        "-out",
        "forged.crl",
    ]);
    let o = env.run(&[
        "cert",
        "verify",
        "leaf.crt",
        "--ca",
        "escca.crt",
        "--crl",
        "forged.crl",
    ]);
    assert_input_error(&o, "forged CRL");
    assert!(stderr(&o).contains("CRL-TITLE-PWNED"), "{}", stderr(&o));
    no_raw_escape(&o, "forged CRL error");
}

#[test]
fn m3_pem_label_and_file_name_escapes_are_escaped_in_errors() {
    let env = Env::new();
    write(
        &env,
        "badlabel.pem",
        "-----BEGIN \x1b]0;LABEL-PWNED\x07\x1b[44mX-----\nAAAA\n",
    );
    for cmd in [
        &["cert", "inspect", "badlabel.pem"][..],
        &["ski", "badlabel.pem"],
        &["cert", "verify", "badlabel.pem", "--ca", "badlabel.pem"],
    ] {
        let o = env.run(cmd);
        assert_input_error(&o, "bad label");
        assert!(stderr(&o).contains("LABEL-PWNED"), "{}", stderr(&o));
        no_raw_escape(&o, "bad label");
    }
    // The file name itself (quoted in the error) goes through the same escaping.
    let o = env.run(&["cert", "inspect", "x\x1b]52;c;cGF3bmVk\x07.pem"]);
    assert_input_error(&o, "escape in file name");
    no_raw_escape(&o, "escape in file name");
    // Two files to `ski`: each error is printed on its own line, escaped.
    let o = env.run(&["ski", "badlabel.pem", "badlabel.pem"]);
    assert_eq!(o.status.code(), Some(2));
    no_raw_escape(&o, "ski with two files");
}

// ---------------------------------------------------------------------------------------
// L2: the PBKDF2 iteration cap holds for every PRF and cipher, checked before the KDF runs.

/// An `ENCRYPTED PRIVATE KEY` whose PBES2 parameters say PBKDF2 with `prf` (an OID) and
/// `iterations`, built with `openssl asn1parse -genconf` as the review did.
fn hostile_key(env: &Env, name: &str, prf: &str, iterations: u64) {
    let conf = format!(
        "asn1 = SEQUENCE:epki\n\
         [epki]\nalg = SEQUENCE:pbes2alg\ndata = FORMAT:HEX,OCTETSTRING:{data}\n\
         [pbes2alg]\noid = OID:1.2.840.113549.1.5.13\nparams = SEQUENCE:pbes2params\n\
         [pbes2params]\nkdf = SEQUENCE:kdf\nenc = SEQUENCE:enc\n\
         [kdf]\noid = OID:1.2.840.113549.1.5.12\nparams = SEQUENCE:pbkdf2\n\
         [pbkdf2]\nsalt = FORMAT:HEX,OCTETSTRING:000102030405060708090a0b0c0d0e0f\n\
         iter = INTEGER:{iterations}\nprf = SEQUENCE:prf\n\
         [prf]\noid = OID:{prf}\nnull = NULL\n\
         [enc]\noid = OID:2.16.840.1.101.3.4.1.42\n\
         iv = FORMAT:HEX,OCTETSTRING:000102030405060708090a0b0c0d0e0f\n",
        data = "00".repeat(48),
    );
    let cnf = format!("{name}.cnf");
    let der = format!("{name}.der");
    write(env, &cnf, &conf);
    env.openssl_ok(&["asn1parse", "-genconf", &cnf, "-out", &der, "-noout"]);
    let bytes = std::fs::read(env.path(&der)).unwrap();
    let pem = pem::encode(&pem::Pem::new("ENCRYPTED PRIVATE KEY", bytes));
    write(env, name, &pem);
}

#[test]
fn l2_iteration_cap_holds_for_hmac_sha224_and_every_prf() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "e1"]);
    // hmacWithSHA224 (outside aws-lc's fast path), SHA-1 and SHA-256 (inside it).
    for (prf, name) in [
        ("1.2.840.113549.2.8", "sha224.key"),
        ("1.2.840.113549.2.7", "sha1.key"),
        ("1.2.840.113549.2.9", "sha256.key"),
    ] {
        hostile_key(&env, name, prf, 4_000_000_000);
        let dump = env.openssl_ok(&["asn1parse", "-in", name]);
        assert!(dump.contains("EE6B2800"), "4e9 iterations: {dump}");
        for args in [
            &[
                "cert", "export", "e1.crt", "--p12", "--key", name, "--out", "x.p12",
            ][..],
            &[
                "cert",
                "create",
                "--cn",
                "z",
                "--issuer-cert",
                "store/ca.crt",
                "--issuer-key",
                name,
            ],
        ] {
            // Without the cap the SHA-224 case runs ~4e9 HMACs (an hour); the timeout only
            // turns that regression into a failure instead of a hung test run.
            let o = env
                .cmd()
                .env("MTLSCTL_CA_PASSWORD", "x")
                .env("MTLSCTL_P12_PASSWORD", "y")
                .args(args)
                .timeout(std::time::Duration::from_secs(600))
                .output()
                .unwrap();
            assert_input_error(&o, name);
            let e = stderr(&o);
            assert!(
                e.contains("4000000000 iterations") && e.contains("10000000"),
                "{name} {args:?}: {e}"
            );
        }
    }
    assert!(!env.path("x.p12").exists() && !env.path("z.crt").exists());
}

// ---------------------------------------------------------------------------------------
// M1: `cert renew` re-certifies only what the signer issued, in the recorded profile.

/// A root "Some Other Root" and, under it, `name`.crt/.key with the given extensions.
fn foreign(env: &Env, name: &str, cn: &str, ext: &str) {
    if !env.path("other-root.crt").exists() {
        env.openssl_ok(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-subj",
            "/CN=Some Other Root",
            "-keyout",
            "other-root.key",
            "-out",
            "other-root.crt",
            "-days",
            "30",
        ]);
    }
    openssl_csr(env, name, P256, &format!("/CN={cn}"), &[]);
    let extfile = format!("{name}.ext");
    write(env, &extfile, ext);
    env.openssl_ok(&[
        "x509",
        "-req",
        "-in",
        &format!("{name}.csr"),
        "-CA",
        "other-root.crt",
        "-CAkey",
        "other-root.key",
        "-set_serial",
        "99",
        "-days",
        "10",
        "-extfile",
        &extfile,
        "-out",
        &format!("{name}.crt"),
    ]);
}

#[test]
fn m1_renew_refuses_foreign_and_ca_certificates() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    // The review's reproduction: a CA:TRUE certificate from another root, with its key.
    foreign(
        &env,
        "device",
        "attacker-sub-ca",
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    );
    for extra in [
        &[][..],
        &["--intermediate"],
        &["--reuse-key"],
        &["--reuse-key", "--intermediate"],
    ] {
        let mut args = vec!["cert", "renew", "device.crt", "--out", "renewed.crt"];
        args.extend_from_slice(extra);
        let o = env.run(&args);
        assert_input_error(&o, &format!("foreign CA {extra:?}"));
        assert!(!env.path("renewed.crt").exists(), "{extra:?}");
    }
    let o = env.run(&[
        "cert",
        "renew",
        "device.crt",
        "--reuse-key",
        "--intermediate",
        "--out",
        "r.crt",
    ]);
    assert!(
        stderr(&o).contains("not issued by the signing CA"),
        "{}",
        stderr(&o)
    );
    // A client certificate from another CA is refused too.
    foreign(
        &env,
        "stranger",
        "stranger",
        "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=clientAuth\n",
    );
    let o = env.run(&[
        "cert",
        "renew",
        "stranger.crt",
        "--reuse-key",
        "--out",
        "s2.crt",
    ]);
    assert_input_error(&o, "foreign client");
    assert!(
        stderr(&o).contains("not issued by the signing CA"),
        "{}",
        stderr(&o)
    );
    // Nothing was added to the index: only the store CA.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.path("store/index.json")).unwrap()).unwrap();
    assert_eq!(
        index["certificates"].as_array().unwrap().len(),
        1,
        "{index}"
    );

    // The store's own intermediate: only with --intermediate, and the report says so.
    env.ok(&[
        "cert",
        "create",
        "--intermediate",
        "--out",
        "inter.crt",
        "--key-out",
        "inter.key",
    ]);
    let o = env.run(&["cert", "renew", "inter.crt", "--out", "inter2.crt"]);
    assert_input_error(&o, "intermediate without --intermediate");
    assert!(stderr(&o).contains("--intermediate"), "{}", stderr(&o));
    assert!(!env.path("inter2.crt").exists());
    let out = env.ok(&[
        "cert",
        "renew",
        "inter.crt",
        "--intermediate",
        "--out",
        "inter2.crt",
    ]);
    assert!(out.contains("profile      intermediate CA"), "{out}");
    let text = env.openssl_ok(&["x509", "-in", "inter2.crt", "-noout", "-text"]);
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    // --intermediate on a client certificate is a mistake.
    env.ok(&["cert", "create", "--cn", "alice"]);
    assert_input_error(
        &env.run(&[
            "cert",
            "renew",
            "alice.crt",
            "--intermediate",
            "--out",
            "a2.crt",
        ]),
        "client with --intermediate",
    );
    let out = env.ok(&["cert", "renew", "alice.crt", "--out", "a2.crt"]);
    assert!(out.contains("profile      client certificate"), "{out}");

    // The index's record of the profile is authoritative: a disagreement is refused.
    env.ok(&["cert", "create", "--cn", "bob"]);
    let path = env.path("store/index.json");
    let mut index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let bob_fp = {
        let o = env.openssl_ok(&[
            "x509",
            "-in",
            "bob.crt",
            "-noout",
            "-fingerprint",
            "-sha256",
        ]);
        o.trim()
            .rsplit('=')
            .next()
            .unwrap()
            .replace(':', "")
            .to_lowercase()
    };
    for e in index["certificates"].as_array_mut().unwrap() {
        if e["fingerprint_sha256"] == bob_fp.as_str() {
            e["profile"] = "intermediate_ca".into();
        }
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&index).unwrap()).unwrap();
    let o = env.run(&["cert", "renew", "bob.crt", "--out", "b2.crt"]);
    assert_input_error(&o, "profile disagreement");
    assert!(
        stderr(&o)
            .contains("records its profile as intermediate_ca, but the certificate is a client"),
        "{}",
        stderr(&o)
    );
    assert!(!env.path("b2.crt").exists());
}

#[test]
fn m1_reuse_key_refused_after_compromise_revocations() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    for (cn, reason) in [
        ("kc", Some("keyCompromise")),
        ("cac", Some("cACompromise")),
        ("unspec", None),
        ("moved", Some("affiliationChanged")),
    ] {
        env.ok(&["cert", "create", "--cn", cn]);
        let crt = format!("{cn}.crt");
        let mut args = vec!["cert", "revoke", crt.as_str()];
        if let Some(r) = reason {
            args.extend_from_slice(&["--reason", r]);
        }
        env.ok(&args);
        let out = format!("{cn}2.crt");
        let o = env.run(&["cert", "renew", &crt, "--reuse-key", "--out", &out]);
        if cn == "moved" {
            assert!(o.status.success(), "{cn}: {}", stderr(&o));
            continue;
        }
        assert_input_error(&o, cn);
        assert!(stderr(&o).contains("compromised"), "{cn}: {}", stderr(&o));
        assert!(!env.path(&out).exists(), "{cn}");
        // A new key is fine: the device gets a fresh certificate and key.
        env.ok(&["cert", "renew", &crt, "--out", &out]);
        let verify = env.run(&["cert", "verify", &out]);
        assert!(verify.status.success(), "{cn}: {}", stderr(&verify));
    }
}

// ---------------------------------------------------------------------------------------
// L3: `cert sign` refuses what `cert create` refuses, and says what it certifies.

#[test]
fn l3_sign_refuses_weak_csrs_and_bad_names() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let rsa1024: &[&str] = &["-newkey", "rsa:1024"];
    let rsa2048: &[&str] = &["-newkey", "rsa:2048"];
    // (file stem, key, subject, extra `openssl req` arguments, what the error says)
    type Case<'a> = (&'a str, &'a [&'a str], String, Vec<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "weak",
            rsa1024,
            "/CN=weak1024".into(),
            vec!["-sha1"],
            "SHA-1",
        ),
        (
            "small",
            rsa1024,
            "/CN=small".into(),
            vec!["-sha256"],
            "1024 bits",
        ),
        ("sha1", rsa2048, "/CN=sha1".into(), vec!["-sha1"], "SHA-1"),
        (
            "esc-san",
            P256,
            "/CN=dev".into(),
            vec!["-addext", "subjectAltName=DNS:a\x1b[2Jb.example"],
            "control characters",
        ),
        (
            "esc-cn",
            P256,
            "/CN=dev\x1b]0;PWNED\x07".into(),
            vec![],
            "control",
        ),
        (
            "bidi-o",
            P256,
            "/O=gpj\u{202e}exe/CN=dev".into(),
            vec!["-utf8"],
            "bidirectional",
        ),
        (
            "wild",
            P256,
            "/CN=dev".into(),
            vec!["-addext", "subjectAltName=DNS:a*b.example"],
            "not a valid DNS name",
        ),
        (
            "bad-email",
            P256,
            "/CN=dev".into(),
            vec!["-addext", "subjectAltName=email:no-at-sign"],
            "email",
        ),
    ];
    for (stem, key, subj, extra, why) in &cases {
        openssl_csr(&env, stem, key, subj, extra);
        let out = format!("{stem}.crt");
        let o = env.run(&["cert", "sign", &format!("{stem}.csr"), "--out", &out]);
        assert_input_error(&o, stem);
        assert!(stderr(&o).contains(why), "{stem}: {}", stderr(&o));
        no_raw_escape(&o, stem);
        assert!(!env.path(&out).exists(), "{stem}");
    }
    // A good CSR: the subject and SANs certified are printed before signing.
    openssl_csr(
        &env,
        "good",
        rsa2048,
        "/O=Acme/CN=good",
        &["-addext", "subjectAltName=DNS:good.example,IP:10.0.0.7"],
    );
    let o = env.run(&["cert", "sign", "good.csr"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("certifying subject O=Acme, CN=good with SANs DNS:good.example, IP:10.0.0.7"),
        "{}",
        stderr(&o)
    );
    // `--cn` and URI/email `--san` are checked like `--subject`.
    for args in [
        &[
            "cert",
            "sign",
            "good.csr",
            "--out",
            "c1.crt",
            "--cn",
            "x\x1b[2Jy",
        ][..],
        &[
            "cert",
            "sign",
            "good.csr",
            "--out",
            "c1.crt",
            "--san",
            "spiffe://a\x1bb",
        ],
        &[
            "cert",
            "sign",
            "good.csr",
            "--out",
            "c1.crt",
            "--san",
            "a\x07@b.example",
        ],
        &["cert", "create", "--cn", "dev\u{202e}", "--out", "c1.crt"],
        &["cert", "csr", "--cn", "dev\x1b", "--out", "c1.csr"],
    ] {
        let o = env.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!env.path("c1.crt").exists() && !env.path("c1.csr").exists());
    }
}

// ---------------------------------------------------------------------------------------
// L9: issuance fails closed; revoke-by-file checks the signature; a replaced CA is kept.

fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn l9_no_intermediate_under_pathlen_zero_and_constraints_checked() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&[
        "cert",
        "create",
        "--intermediate",
        "--out",
        "i1.crt",
        "--key-out",
        "i1.key",
    ]);
    let o = env.run(&[
        "cert",
        "create",
        "--intermediate",
        "--issuer-cert",
        "i1.crt",
        "--issuer-key",
        "i1.key",
        "--out",
        "i2.crt",
        "--key-out",
        "i2.key",
    ]);
    assert_input_error(&o, "intermediate under pathlen 0");
    assert!(
        stderr(&o).contains("pathLenConstraint is 0"),
        "{}",
        stderr(&o)
    );
    assert!(!env.path("i2.crt").exists() && !env.path("i2.key").exists());
    // Client certificates under it are still fine, and openssl agrees they verify.
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "leaf",
        "--issuer-cert",
        "i1.crt",
        "--issuer-key",
        "i1.key",
    ]);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "-untrusted",
        "i1.crt",
        "leaf.crt",
    ]);

    // Name constraints: a SAN outside the permitted subtree is refused; inside is issued.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=Constrained CA",
        "-keyout",
        "nc.key",
        "-out",
        "nc.crt",
        "-days",
        "30",
        "-addext",
        "nameConstraints=critical,permitted;DNS:acme.com,excluded;DNS:bad.acme.com",
    ]);
    for (san, ok) in [
        ("dev.acme.com", true),
        ("evil.com", false),
        ("x.bad.acme.com", false),
        ("10.0.0.1", true),
    ] {
        let o = env.run(&[
            "cert",
            "create",
            "--cn",
            "nc",
            "--san",
            san,
            "--issuer-cert",
            "nc.crt",
            "--issuer-key",
            "nc.key",
            "--out",
            "nc-leaf.crt",
            "--key-out",
            "nc-leaf.key",
            "--force",
            "--days",
            "10",
        ]);
        if ok {
            assert!(o.status.success(), "{san}: {}", stderr(&o));
            env.openssl_ok(&[
                "verify",
                "-purpose",
                "sslclient",
                "-CAfile",
                "nc.crt",
                "nc-leaf.crt",
            ]);
        } else {
            assert_input_error(&o, san);
            assert!(
                stderr(&o).contains("name constraints"),
                "{san}: {}",
                stderr(&o)
            );
        }
    }

    // An issuer that is not valid yet is refused.
    ca_conf(&env);
    write(
        &env,
        "ca.cnf",
        "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n\
         default_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n\
         [v3]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n\
         subjectKeyIdentifier = hash\n",
    );
    write(&env, "serial", "1000\n");
    openssl_csr(&env, "future", P256, "/CN=Future CA", &[]);
    env.openssl_ok(&[
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-selfsign",
        "-keyfile",
        "future.key",
        "-in",
        "future.csr",
        "-startdate",
        "20990101000000Z",
        "-enddate",
        "20991231000000Z",
        "-extensions",
        "v3",
        "-notext",
        "-out",
        "future.crt",
    ]);
    let o = env.run(&[
        "cert",
        "create",
        "--cn",
        "early",
        "--issuer-cert",
        "future.crt",
        "--issuer-key",
        "future.key",
    ]);
    assert_input_error(&o, "not yet valid issuer");
    assert!(stderr(&o).contains("not valid yet"), "{}", stderr(&o));
    assert!(!env.path("early.crt").exists());
}

#[test]
fn l9_revoke_by_file_needs_the_store_ca_signature() {
    let env = Env::new();
    env.ok(&[
        "cert",
        "create",
        "--ca",
        "--subject",
        "O=Acme",
        "--cn",
        "Acme CA",
    ]);
    env.ok(&["cert", "create", "--cn", "victim"]);
    let serial = env.openssl_ok(&["x509", "-in", "victim.crt", "-noout", "-serial"]);
    let serial = serial.trim().trim_start_matches("serial=").to_string();
    let ski_text = env.openssl_ok(&[
        "x509",
        "-in",
        "store/ca.crt",
        "-noout",
        "-ext",
        "subjectKeyIdentifier",
    ]);
    let ski = ski_text.lines().nth(1).unwrap().trim().to_string();
    // A look-alike CA: same name, same SKI, another key; it "issues" the victim's serial.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/O=Acme/CN=Acme CA",
        "-keyout",
        "fake.key",
        "-out",
        "fake.crt",
        "-days",
        "30",
        "-addext",
        &format!("subjectKeyIdentifier={ski}"),
    ]);
    openssl_csr(&env, "forged", P256, "/CN=forged", &[]);
    write(
        &env,
        "forged.ext",
        "authorityKeyIdentifier=keyid\nbasicConstraints=CA:FALSE\n",
    );
    env.openssl_ok(&[
        "x509",
        "-req",
        "-in",
        "forged.csr",
        "-CA",
        "fake.crt",
        "-CAkey",
        "fake.key",
        "-set_serial",
        &format!("0x{serial}"),
        "-days",
        "10",
        "-extfile",
        "forged.ext",
        "-out",
        "forged.crt",
    ]);
    let o = env.run(&["cert", "revoke", "forged.crt", "--reason", "keyCompromise"]);
    assert_input_error(&o, "forged file");
    assert!(
        stderr(&o).contains("signature does not verify"),
        "{}",
        stderr(&o)
    );
    let list = env.ok(&["cert", "list", "--status", "revoked", "--json"]);
    assert!(!list.contains("victim"), "{list}");
    // The real file still revokes.
    env.ok(&["cert", "revoke", "victim.crt"]);
}

#[test]
fn l9_replacing_the_store_ca_keeps_a_backup() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let old_key = std::fs::read(env.path("store/ca.key")).unwrap();
    let old_crt = std::fs::read(env.path("store/ca.crt")).unwrap();
    env.ok(&["cert", "create", "--cn", "old-device"]);
    let o = env.run(&["cert", "create", "--ca", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(".bak"), "{}", stderr(&o));
    let mut baks: Vec<String> = std::fs::read_dir(env.store())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    baks.sort();
    assert_eq!(baks.len(), 2, "{baks:?}");
    assert!(
        baks[0].starts_with("ca.crt.") && baks[1].starts_with("ca.key."),
        "{baks:?}"
    );
    for name in &baks {
        assert_eq!(mode(&env.store().join(name)), 0o600, "{name}");
    }
    assert_eq!(std::fs::read(env.store().join(&baks[1])).unwrap(), old_key);
    assert_eq!(std::fs::read(env.store().join(&baks[0])).unwrap(), old_crt);
    assert_ne!(std::fs::read(env.path("store/ca.key")).unwrap(), old_key);
    // The backup is the old CA: it still verifies what it issued.
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        &format!("store/{}", baks[0]),
        "old-device.crt",
    ]);
}

// ---------------------------------------------------------------------------------------
// L11: secret hygiene and PKCS#12 parameters.

#[test]
fn l11_legacy_profile_warns_and_modern_uses_more_iterations() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "phone"]);
    let export = |profile: &str, out: &str| {
        env.cmd()
            .env("MTLSCTL_P12_PASSWORD", "transfer-secret")
            .args([
                "cert",
                "export",
                "phone.crt",
                "--p12",
                "--profile",
                profile,
                "--out",
                out,
            ])
            .output()
            .unwrap()
    };
    let o = export("legacy", "legacy.p12");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: legacy PKCS#12 profile: 3DES and a SHA-1 MAC")
            && stderr(&o).contains("transport")
            && stderr(&o).contains("strong password"),
        "{}",
        stderr(&o)
    );
    let o = export("modern", "modern.p12");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let info = |file: &str| {
        let o = env.openssl(&[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            file,
            "-passin",
            "pass:transfer-secret",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    let modern = info("modern.p12");
    assert!(modern.contains("MAC: sha256, Iteration 200000"), "{modern}");
    assert!(modern.contains("AES-256-CBC, Iteration 200000"), "{modern}");
    let legacy = info("legacy.p12");
    assert!(legacy.contains("MAC: sha1, Iteration 2048"), "{legacy}");
    // --help says it too.
    let help = env.ok(&["cert", "export", "--help"]);
    assert!(
        help.contains("legacy is weak") && help.contains("transport"),
        "{help}"
    );
}

#[test]
fn l11_non_utf8_password_variable_is_invalid_not_unset() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "d"]);
    let bad = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let o = env
        .cmd()
        .env("MTLSCTL_P12_PASSWORD", bad)
        .args(["cert", "export", "d.crt", "--p12"])
        .output()
        .unwrap();
    assert_input_error(&o, "non-UTF-8 P12 password");
    let e = stderr(&o);
    assert!(
        e.contains("MTLSCTL_P12_PASSWORD is set but is not valid UTF-8"),
        "{e}"
    );
    assert!(!env.path("d.p12").exists());
    let o = env
        .cmd()
        .env("MTLSCTL_CA_PASSWORD", bad)
        .args([
            "cert",
            "create",
            "--ca",
            "--encrypt-key",
            "--out",
            "r.crt",
            "--key-out",
            "r.key",
        ])
        .output()
        .unwrap();
    assert_input_error(&o, "non-UTF-8 CA password");
    assert!(
        stderr(&o).contains("MTLSCTL_CA_PASSWORD is set but is not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    assert!(!env.path("r.key").exists());
}

#[test]
fn l11_intermediate_key_password_reuse_is_flagged_and_avoidable() {
    let env = Env::new();
    let run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut c = env.cmd();
        for (k, v) in vars {
            c.env(k, v);
        }
        let o = c.args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stderr(&o)
    };
    run(
        &[("MTLSCTL_CA_PASSWORD", "root-pw")],
        &["cert", "create", "--ca", "--encrypt-key"],
    );
    let inter = [
        "cert",
        "create",
        "--intermediate",
        "--encrypt-key",
        "--out",
        "i.crt",
        "--key-out",
        "i.key",
        "--days",
        "30",
    ];
    // The one variable opens the root and encrypts the intermediate: warned.
    let e = run(&[("MTLSCTL_CA_PASSWORD", "root-pw")], &inter);
    assert!(e.contains("same password as the issuer's key"), "{e}");
    assert!(
        env.openssl(&["pkey", "-in", "i.key", "-passin", "pass:root-pw", "-noout"])
            .status
            .success()
    );
    // MTLSCTL_NEW_KEY_PASSWORD gives the new key its own password: no warning.
    let mut own = inter.to_vec();
    own.push("--force");
    let e = run(
        &[
            ("MTLSCTL_CA_PASSWORD", "root-pw"),
            ("MTLSCTL_NEW_KEY_PASSWORD", "inter-pw"),
        ],
        &own,
    );
    assert!(!e.contains("same password"), "{e}");
    assert!(
        env.openssl(&["pkey", "-in", "i.key", "-passin", "pass:inter-pw", "-noout"])
            .status
            .success()
    );
    assert!(
        !env.openssl(&["pkey", "-in", "i.key", "-passin", "pass:root-pw", "-noout"])
            .status
            .success()
    );
    // Renewing the intermediate: its key is opened with... nothing (a new key is made), and
    // the new key's password comes from MTLSCTL_NEW_KEY_PASSWORD again.
    let e = run(
        &[
            ("MTLSCTL_CA_PASSWORD", "root-pw"),
            ("MTLSCTL_NEW_KEY_PASSWORD", "inter-pw2"),
        ],
        &[
            "cert",
            "renew",
            "i.crt",
            "--intermediate",
            "--out",
            "i2.crt",
            "--days",
            "20",
        ],
    );
    assert!(!e.contains("same password"), "{e}");
    assert!(
        env.openssl(&[
            "pkey",
            "-in",
            "i2.key",
            "-passin",
            "pass:inter-pw2",
            "-noout"
        ])
        .status
        .success()
    );
    let e = run(
        &[("MTLSCTL_CA_PASSWORD", "root-pw")],
        &[
            "cert",
            "renew",
            "i.crt",
            "--intermediate",
            "--out",
            "i3.crt",
            "--days",
            "20",
        ],
    );
    assert!(e.contains("same password as the issuer's key"), "{e}");
}
