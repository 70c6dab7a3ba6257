//! The certificate lifecycle through the CLI: encrypted CA keys, PKCS#12 export, revocation
//! and CRLs, renewal and list filters, each artefact cross-checked with `openssl`.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::{Env, assert_input_error};

const PW: &str = "correct horse battery staple";

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs mtlsctl with extra environment variables; returns the output.
fn run_env(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = env.cmd();
    for (k, v) in vars {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn ok_env(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> String {
    let o = run_env(env, vars, args);
    assert!(
        o.status.success(),
        "mtlsctl {args:?} failed: {}",
        stderr(&o)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Runs with stdin null and no password variables; fails the test if it does not end fast.
fn run_no_tty(env: &Env, args: &[&str]) -> Output {
    let mut child = env
        .std_cmd()
        .env_remove("MTLSCTL_CA_PASSWORD")
        .env_remove("MTLSCTL_P12_PASSWORD")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("mtlsctl {args:?} hung with stdin not a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn write(env: &Env, name: &str, text: &str) {
    std::fs::write(env.path(name), text).unwrap();
}

/// The serial of a certificate as openssl prints it (upper-case hex).
fn serial_hex(env: &Env, cert: &str) -> String {
    let out = env.openssl_ok(&["x509", "-in", cert, "-noout", "-serial"]);
    out.trim().trim_start_matches("serial=").to_string()
}

fn hex_to_decimal(hex: &str) -> String {
    let mut digits: Vec<u8> = vec![0];
    for c in hex.chars() {
        let mut carry = c.to_digit(16).unwrap();
        for d in digits.iter_mut() {
            let v = u32::from(*d) * 16 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    let s: String = digits.iter().rev().map(|d| char::from(b'0' + d)).collect();
    s.trim_start_matches('0').to_string()
}

fn crl_number(env: &Env, crl: &str) -> u64 {
    let text = env.openssl_ok(&["crl", "-in", crl, "-noout", "-crlnumber"]);
    let hex = text
        .trim()
        .trim_start_matches("crlNumber=0x")
        .trim_start_matches("crlNumber=");
    u64::from_str_radix(hex, 16).unwrap()
}

fn index_json(env: &Env) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(env.store().join("index.json")).unwrap()).unwrap()
}

fn entry_for(env: &Env, serial: &str) -> serde_json::Value {
    index_json(env)["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["serial"] == serial)
        .cloned()
        .unwrap_or_else(|| panic!("serial {serial} not in the index"))
}

fn pubkey_of_key(env: &Env, key: &str, pass: Option<&str>) -> String {
    let mut args = vec!["pkey", "-in", key, "-pubout"];
    let p;
    if let Some(pw) = pass {
        p = format!("pass:{pw}");
        args.extend(["-passin", &p]);
    }
    env.openssl_ok(&args)
}

fn pubkey_of_cert(env: &Env, cert: &str) -> String {
    env.openssl_ok(&["x509", "-in", cert, "-noout", "-pubkey"])
}

#[test]
fn encrypted_ca_key_is_pkcs8_openssl_reads_and_every_signer_opens() {
    let env = Env::new();
    write(&env, "pw.txt", &format!("{PW}\n"));
    let out = env.ok(&[
        "cert",
        "create",
        "--ca",
        "--encrypt-key",
        "--password-file",
        "pw.txt",
    ]);
    assert!(out.contains("ca.key"), "{out}");
    let key = env.store().join("ca.key");
    assert_eq!(mode(&key), 0o600);
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
        "{text}"
    );
    // openssl reads it with the password (PBES2 / PBKDF2-SHA256 / AES-256) and it is the CA's key.
    let asn1 = env.openssl_ok(&["asn1parse", "-in", "store/ca.key"]);
    assert!(asn1.contains("PBES2") && asn1.contains("PBKDF2"), "{asn1}");
    assert!(
        asn1.contains("hmacWithSHA256") && asn1.contains("aes-256-cbc"),
        "{asn1}"
    );
    assert_eq!(
        pubkey_of_key(&env, "store/ca.key", Some(PW)),
        pubkey_of_cert(&env, "store/ca.crt")
    );
    assert!(
        !env.openssl(&[
            "pkey",
            "-in",
            "store/ca.key",
            "-passin",
            "pass:nope",
            "-noout"
        ])
        .status
        .success()
    );

    // cert create from the store CA: env and password file both work.
    ok_env(
        &env,
        &[("MTLSCTL_CA_PASSWORD", PW)],
        &["cert", "create", "--cn", "a"],
    );
    env.ok(&["cert", "create", "--cn", "b", "--password-file", "pw.txt"]);
    for c in ["a.crt", "b.crt"] {
        env.openssl_ok(&[
            "verify",
            "-purpose",
            "sslclient",
            "-CAfile",
            "store/ca.crt",
            c,
        ]);
    }
    // cert sign, crl create, cert renew all open it the same way.
    env.ok(&[
        "cert",
        "csr",
        "--cn",
        "csr-dev",
        "--out",
        "dev.csr",
        "--key-out",
        "dev.key",
    ]);
    env.ok(&["cert", "sign", "dev.csr", "--password-file", "pw.txt"]);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "dev.crt",
    ]);
    ok_env(
        &env,
        &[("MTLSCTL_CA_PASSWORD", PW)],
        &["crl", "create", "--out", "crl.pem"],
    );
    env.ok(&[
        "cert",
        "renew",
        "a.crt",
        "--out",
        "a2.crt",
        "--password-file",
        "pw.txt",
    ]);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "a2.crt",
    ]);
}

#[test]
fn wrong_password_is_one_line_exit_2_and_writes_nothing() {
    let env = Env::new();
    write(&env, "pw.txt", PW);
    env.ok(&[
        "cert",
        "create",
        "--ca",
        "--encrypt-key",
        "--password-file",
        "pw.txt",
    ]);
    let o = run_env(
        &env,
        &[("MTLSCTL_CA_PASSWORD", "wrong")],
        &["cert", "create", "--cn", "x"],
    );
    assert_input_error(&o, "wrong password");
    assert!(stderr(&o).contains("wrong password"), "{}", stderr(&o));
    assert!(!env.path("x.crt").exists() && !env.path("x.key").exists());
    let o = run_env(
        &env,
        &[("MTLSCTL_CA_PASSWORD", "wrong")],
        &["crl", "create"],
    );
    assert_input_error(&o, "crl with wrong password");
    assert!(o.stdout.is_empty());
    // The CRL number was not consumed by the failed run.
    env.ok(&[
        "crl",
        "create",
        "--out",
        "c.pem",
        "--password-file",
        "pw.txt",
    ]);
    assert_eq!(crl_number(&env, "c.pem"), 1);
}

#[test]
fn no_prompt_when_stdin_is_not_a_terminal() {
    let env = Env::new();
    write(&env, "pw.txt", PW);
    env.ok(&[
        "cert",
        "create",
        "--ca",
        "--encrypt-key",
        "--password-file",
        "pw.txt",
    ]);
    for args in [
        &["cert", "create", "--cn", "x"][..],
        &["crl", "create"][..],
        &["cert", "create", "--ca", "--encrypt-key", "--out", "r.crt"][..],
    ] {
        let o = run_no_tty(&env, args);
        assert_input_error(&o, &format!("{args:?}"));
        let e = stderr(&o);
        assert!(
            e.contains("MTLSCTL_CA_PASSWORD") && e.contains("not a terminal"),
            "{e}"
        );
    }
    assert!(!env.path("x.crt").exists() && !env.path("r.crt").exists());
    // PKCS#12 likewise.
    env.ok(&["cert", "create", "--cn", "p", "--password-file", "pw.txt"]);
    let o = run_no_tty(&env, &["cert", "export", "p.crt", "--p12"]);
    assert_input_error(&o, "export without password");
    let e = stderr(&o);
    assert!(
        e.contains("MTLSCTL_P12_PASSWORD") && e.contains("--password-file"),
        "{e}"
    );
    assert!(!env.path("p.p12").exists());
}

#[test]
fn encrypted_intermediate_key_signs_clients() {
    let env = Env::new();
    write(&env, "pw.txt", PW);
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&[
        "cert",
        "create",
        "--intermediate",
        "--encrypt-key",
        "--password-file",
        "pw.txt",
        "--out",
        "inter.crt",
        "--key-out",
        "inter.key",
    ]);
    assert!(
        std::fs::read_to_string(env.path("inter.key"))
            .unwrap()
            .contains("ENCRYPTED PRIVATE KEY")
    );
    assert_eq!(mode(&env.path("inter.key")), 0o600);
    assert_eq!(
        pubkey_of_key(&env, "inter.key", Some(PW)),
        pubkey_of_cert(&env, "inter.crt")
    );
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "leaf",
        "--issuer-cert",
        "inter.crt",
        "--issuer-key",
        "inter.key",
        "--password-file",
        "pw.txt",
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
    // Renewing the intermediate keeps its key encrypted.
    env.ok(&[
        "cert",
        "renew",
        "inter.crt",
        "--intermediate",
        "--out",
        "inter2.crt",
        "--password-file",
        "pw.txt",
    ]);
    assert!(
        std::fs::read_to_string(env.path("inter2.key"))
            .unwrap()
            .contains("ENCRYPTED PRIVATE KEY")
    );
    assert_eq!(
        pubkey_of_key(&env, "inter2.key", Some(PW)),
        pubkey_of_cert(&env, "inter2.crt")
    );
    let text = env.openssl_ok(&["x509", "-in", "inter2.crt", "-noout", "-text"]);
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    // --encrypt-key is for CA keys.
    let o = env.run(&[
        "cert",
        "create",
        "--cn",
        "c",
        "--encrypt-key",
        "--password-file",
        "pw.txt",
    ]);
    assert_input_error(&o, "client --encrypt-key");
}

#[test]
fn revoke_then_crl_rejects_the_revoked_and_accepts_the_others() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "lost-phone"]);
    env.ok(&["cert", "create", "--cn", "kept-phone"]);
    let serial = serial_hex(&env, "lost-phone.crt");
    // By decimal, as Cloudflare's API prints serials.
    let out = env.ok(&[
        "cert",
        "revoke",
        &hex_to_decimal(&serial),
        "--reason",
        "keyCompromise",
    ]);
    assert!(out.contains("revoked"), "{out}");
    let e = entry_for(&env, &serial);
    assert_eq!(e["status"], "revoked");
    assert_eq!(e["reason"], "keyCompromise");
    assert!(e["revoked_at"].is_string());

    env.ok(&["crl", "create", "--out", "crl.pem"]);
    let v = env.openssl(&[
        "crl",
        "-in",
        "crl.pem",
        "-CAfile",
        "store/ca.crt",
        "-noout",
        "-verify",
    ]);
    assert!(
        String::from_utf8_lossy(&v.stderr).contains("verify OK"),
        "{v:?}"
    );
    let text = env.openssl_ok(&["crl", "-in", "crl.pem", "-noout", "-text"]);
    assert!(text.contains(&format!("Serial Number: {serial}")), "{text}");
    assert!(text.contains("Key Compromise"), "{text}");
    assert!(text.contains("X509v3 Authority Key Identifier"), "{text}");
    assert!(text.contains("Next Update"), "{text}");
    let bad = env.openssl(&[
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
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stdout).contains("certificate revoked")
            || String::from_utf8_lossy(&bad.stderr).contains("certificate revoked"),
        "{bad:?}"
    );
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

    // The CRL number increases with every CRL; --der and stdout work.
    let first = crl_number(&env, "crl.pem");
    let pem = env.ok(&["crl", "create"]);
    assert!(pem.starts_with("-----BEGIN X509 CRL-----"), "{pem}");
    env.ok(&["crl", "create", "--der", "--out", "crl.der", "--days", "7"]);
    let der_text = env.openssl_ok(&[
        "crl",
        "-inform",
        "DER",
        "-in",
        "crl.der",
        "-noout",
        "-crlnumber",
    ]);
    assert!(
        der_text.contains("crlNumber=0x03") || der_text.contains("crlNumber=03"),
        "{der_text}"
    );
    env.ok(&["crl", "create", "--out", "crl2.pem"]);
    assert!(crl_number(&env, "crl2.pem") > first);
    assert_eq!(crl_number(&env, "crl2.pem"), 4);
    // Refuses to overwrite without --force.
    let before = std::fs::read(env.path("crl2.pem")).unwrap();
    assert_input_error(
        &env.run(&["crl", "create", "--out", "crl2.pem"]),
        "crl overwrite",
    );
    assert_eq!(std::fs::read(env.path("crl2.pem")).unwrap(), before);
    env.ok(&["crl", "create", "--out", "crl2.pem", "--force"]);
    // JSON gives the same facts.
    let j: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "crl", "create"])).unwrap();
    assert_eq!(j["crl_number"], 6, "the refused overwrite took no number");
    assert_eq!(j["revoked"], 1);
}

#[test]
fn revoke_by_colon_hex_by_file_and_the_errors() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    for cn in ["a", "b", "c"] {
        env.ok(&["cert", "create", "--cn", cn]);
    }
    // Colon hex, lower case, with a leading sign byte.
    let a = serial_hex(&env, "a.crt");
    let colon: Vec<String> = a
        .to_lowercase()
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    env.ok(&["cert", "revoke", &format!("00:{}", colon.join(":"))]);
    assert_eq!(entry_for(&env, &a)["status"], "revoked");
    assert!(entry_for(&env, &a).get("reason").is_none());
    // Again: says so, exit 0, nothing changes.
    let before = index_json(&env);
    let o = env.run(&["cert", "revoke", &a, "--reason", "superseded"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("already revoked"), "{}", stderr(&o));
    assert_eq!(index_json(&env), before);
    // By file.
    env.ok(&[
        "cert",
        "revoke",
        "b.crt",
        "--reason",
        "cessationOfOperation",
    ]);
    assert_eq!(
        entry_for(&env, &serial_hex(&env, "b.crt"))["reason"],
        "cessationOfOperation"
    );
    // Unknown serial, garbage, unknown reason, the CA itself, a certificate of another CA.
    assert_input_error(
        &env.run(&["cert", "revoke", "0123456789ABCDEF"]),
        "unknown serial",
    );
    assert!(stderr(&env.run(&["cert", "revoke", "DEADBEEF"])).contains("DEADBEEF"));
    assert_input_error(
        &env.run(&["cert", "revoke", "not-a-serial!"]),
        "garbage serial",
    );
    assert_eq!(
        env.run(&["cert", "revoke", &a, "--reason", "lost"])
            .status
            .code(),
        Some(2)
    );
    assert_input_error(
        &env.run(&["cert", "revoke", "store/ca.crt"]),
        "revoke the CA",
    );
    let other = Env::new();
    other.ok(&["cert", "create", "--cn", "foreign"]);
    std::fs::copy(other.path("foreign.crt"), env.path("foreign.crt")).unwrap();
    let o = env.run(&["cert", "revoke", "foreign.crt"]);
    assert_input_error(&o, "foreign certificate");
    assert!(
        stderr(&o).contains("not issued by the store CA"),
        "{}",
        stderr(&o)
    );
    let o = env.run(&["cert", "revoke", "missing.crt"]);
    assert_input_error(&o, "missing file");
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    // No store CA at all.
    assert_input_error(&Env::new().run(&["cert", "revoke", "01"]), "no CA");
}

fn p12_extract(env: &Env, file: &str, pass: &str, what: &[&str]) -> String {
    let passin = format!("pass:{pass}");
    let mut args = vec!["pkcs12", "-in", file, "-passin", passin.as_str(), "-nodes"];
    args.extend_from_slice(what);
    env.openssl_ok(&args)
}

#[test]
fn p12_both_profiles_openssl_reads_and_matches_the_pem_files() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "phone", "--san", "phone.example"]);
    write(&env, "p12pw", "device pass\n");
    for (profile, cipher, mac) in [
        ("modern", "AES-256-CBC", "MAC: sha256"),
        ("legacy", "pbeWithSHA1And3-KeyTripleDES-CBC", "MAC: sha1"),
    ] {
        let out = format!("phone-{profile}.p12");
        env.ok(&[
            "cert",
            "export",
            "phone.crt",
            "--p12",
            "--profile",
            profile,
            "--out",
            &out,
            "--password-file",
            "p12pw",
        ]);
        assert_eq!(mode(&env.path(&out)), 0o600, "{profile}");
        let info = env.openssl(&[
            "pkcs12",
            "-in",
            &out,
            "-info",
            "-noout",
            "-passin",
            "pass:device pass",
        ]);
        assert!(info.status.success(), "{profile}: {info:?}");
        let info_text = format!("{}{}", String::from_utf8_lossy(&info.stdout), stderr(&info));
        assert!(info_text.contains(cipher), "{profile}: {info_text}");
        assert!(info_text.contains(mac), "{profile}: {info_text}");
        // The leaf and key it holds are the PEM files'; the chain is the store CA.
        std::fs::write(
            env.path("leaf.pem"),
            p12_extract(&env, &out, "device pass", &["-nokeys", "-clcerts"]),
        )
        .unwrap();
        assert_eq!(
            env.openssl_ok(&[
                "x509",
                "-in",
                "leaf.pem",
                "-noout",
                "-fingerprint",
                "-sha256"
            ]),
            env.openssl_ok(&[
                "x509",
                "-in",
                "phone.crt",
                "-noout",
                "-fingerprint",
                "-sha256"
            ])
        );
        std::fs::write(
            env.path("key.pem"),
            p12_extract(&env, &out, "device pass", &["-nocerts"]),
        )
        .unwrap();
        assert_eq!(
            pubkey_of_key(&env, "key.pem", None),
            pubkey_of_key(&env, "phone.key", None)
        );
        std::fs::write(
            env.path("cas.pem"),
            p12_extract(&env, &out, "device pass", &["-nokeys", "-cacerts"]),
        )
        .unwrap();
        assert_eq!(
            env.openssl_ok(&[
                "x509",
                "-in",
                "cas.pem",
                "-noout",
                "-fingerprint",
                "-sha256"
            ]),
            env.openssl_ok(&[
                "x509",
                "-in",
                "store/ca.crt",
                "-noout",
                "-fingerprint",
                "-sha256"
            ])
        );
        // The wrong password is rejected by openssl.
        assert!(
            !env.openssl(&["pkcs12", "-in", &out, "-noout", "-passin", "pass:nope"])
                .status
                .success()
        );
    }
    // Env password, default name next to the certificate, no overwrite without --force.
    ok_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "envpw")],
        &["cert", "export", "phone.crt", "--p12"],
    );
    p12_extract(&env, "phone.p12", "envpw", &["-nokeys"]);
    let before = std::fs::read(env.path("phone.p12")).unwrap();
    let o = run_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "x")],
        &["cert", "export", "phone.crt", "--p12"],
    );
    assert_input_error(&o, "p12 overwrite");
    assert_eq!(std::fs::read(env.path("phone.p12")).unwrap(), before);
    ok_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "x")],
        &["cert", "export", "phone.crt", "--p12", "--force"],
    );
    p12_extract(&env, "phone.p12", "x", &["-nokeys"]);
    // --p12 is required; a missing key is a clear error.
    assert_input_error(&env.run(&["cert", "export", "phone.crt"]), "no format");
    std::fs::copy(env.path("phone.crt"), env.path("orphan.crt")).unwrap();
    let o = run_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "x")],
        &["cert", "export", "orphan.crt", "--p12"],
    );
    assert_input_error(&o, "no key");
    // A key that is not the certificate's.
    env.ok(&["cert", "create", "--cn", "other"]);
    let o = run_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "x")],
        &[
            "cert",
            "export",
            "phone.crt",
            "--p12",
            "--key",
            "other.key",
            "--out",
            "mix.p12",
        ],
    );
    assert_input_error(&o, "mismatched key");
    assert!(!env.path("mix.p12").exists());
}

#[test]
fn p12_empty_password_only_with_the_flag() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "dev"]);
    write(&env, "empty", "");
    let o = env.run(&[
        "cert",
        "export",
        "dev.crt",
        "--p12",
        "--password-file",
        "empty",
    ]);
    assert_input_error(&o, "empty password");
    assert!(stderr(&o).contains("--empty-password"), "{}", stderr(&o));
    assert!(!env.path("dev.p12").exists());
    env.ok(&[
        "cert",
        "export",
        "dev.crt",
        "--p12",
        "--password-file",
        "empty",
        "--empty-password",
    ]);
    assert_eq!(mode(&env.path("dev.p12")), 0o600);
    let leaf = p12_extract(&env, "dev.p12", "", &["-nokeys", "-clcerts"]);
    assert!(leaf.contains("BEGIN CERTIFICATE"), "{leaf}");
}

#[test]
fn create_with_p12_writes_a_protected_bundle() {
    let env = Env::new();
    ok_env(
        &env,
        &[("MTLSCTL_P12_PASSWORD", "pw")],
        &["cert", "create", "--cn", "tablet", "--p12"],
    );
    assert_eq!(mode(&env.path("tablet.p12")), 0o600);
    std::fs::write(
        env.path("k.pem"),
        p12_extract(&env, "tablet.p12", "pw", &["-nocerts"]),
    )
    .unwrap();
    assert_eq!(
        pubkey_of_key(&env, "k.pem", None),
        pubkey_of_key(&env, "tablet.key", None)
    );
    // Without a password source and no terminal: nothing at all is written.
    let o = run_no_tty(&env, &["cert", "create", "--cn", "tv", "--p12"]);
    assert_input_error(&o, "create --p12 without password");
    assert!(
        !env.path("tv.crt").exists()
            && !env.path("tv.key").exists()
            && !env.path("tv.p12").exists()
    );
    assert_input_error(
        &env.run(&["cert", "create", "--ca", "--p12", "--out", "x.crt"]),
        "ca --p12",
    );
    // Asked before anything is made: a first run without a password creates no store CA.
    let fresh = Env::new();
    let o = run_no_tty(&fresh, &["cert", "create", "--cn", "tv", "--p12"]);
    assert_input_error(&o, "first run --p12 without password");
    assert!(!fresh.store().join("ca.crt").exists());
}

#[test]
fn concurrent_creates_revokes_and_crls_keep_a_consistent_index() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    let victims: Vec<String> = (0..4)
        .map(|i| {
            let cn = format!("v{i}");
            env.ok(&["cert", "create", "--cn", &cn]);
            serial_hex(&env, &format!("{cn}.crt"))
        })
        .collect();
    let mut children = Vec::new();
    for (i, victim) in victims.iter().enumerate() {
        let cn = format!("n{i}");
        children.push(
            env.std_cmd()
                .args(["cert", "create", "--cn", &cn])
                .output_async(),
        );
        children.push(
            env.std_cmd()
                .args(["cert", "revoke", victim])
                .output_async(),
        );
    }
    for i in 0..2 {
        let out = format!("crl{i}.pem");
        children.push(
            env.std_cmd()
                .args(["crl", "create", "--out", &out])
                .output_async(),
        );
    }
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let index = index_json(&env);
    let certs = index["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1 + 4 + 4, "{index}");
    for v in &victims {
        assert_eq!(entry_for(&env, v)["status"], "revoked");
    }
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "list"])).unwrap();
    for i in 0..4 {
        let s = serial_hex(&env, &format!("n{i}.crt"));
        let entry = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["serial"] == s.as_str())
            .unwrap_or_else(|| panic!("{s} not listed: {listed}"));
        assert_eq!(entry["status"], "valid");
    }
    let mut numbers = vec![crl_number(&env, "crl0.pem"), crl_number(&env, "crl1.pem")];
    numbers.sort();
    assert_eq!(numbers, vec![1, 2]);
    assert_eq!(index["last_crl_number"], 2);
    // The next CRL lists every revocation.
    env.ok(&["crl", "create", "--out", "final.pem"]);
    let text = env.openssl_ok(&["crl", "-in", "final.pem", "-noout", "-text"]);
    for v in &victims {
        assert!(text.contains(v.as_str()), "{v} missing: {text}");
    }
}

#[test]
fn first_runs_at_once_share_one_store_ca() {
    let env = Env::new();
    let children: Vec<_> = (0..6)
        .map(|i| {
            env.std_cmd()
                .args(["cert", "create", "--cn", &format!("first{i}")])
                .output_async()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let index = index_json(&env);
    let certs = index["certificates"].as_array().unwrap();
    let roots = certs.iter().filter(|e| e["profile"] == "root_ca").count();
    assert_eq!(roots, 1, "{index}");
    assert_eq!(certs.len(), 7, "{index}");
    for i in 0..6 {
        env.openssl_ok(&[
            "verify",
            "-purpose",
            "sslclient",
            "-CAfile",
            "store/ca.crt",
            &format!("first{i}.crt"),
        ]);
    }
}

/// `std::process::Command::spawn` with piped output, named for readability above.
trait OutputAsync {
    fn output_async(&mut self) -> std::process::Child;
}

impl OutputAsync for std::process::Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

fn san_of(env: &Env, cert: &str) -> String {
    env.openssl_ok(&["x509", "-in", cert, "-noout", "-ext", "subjectAltName"])
}

fn subject_of(env: &Env, cert: &str) -> String {
    env.openssl_ok(&["x509", "-in", cert, "-noout", "-subject"])
}

#[test]
fn renew_keeps_names_and_profile_and_supersedes_the_old_entry() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&[
        "cert",
        "create",
        "--cn",
        "sensor",
        "--subject",
        "O=Acme,OU=IoT",
        "--san",
        "sensor.acme.internal",
        "--san",
        "10.1.2.3",
        "--key-type",
        "p384",
        "--days",
        "90",
    ]);
    let old_serial = serial_hex(&env, "sensor.crt");
    let old_cert = std::fs::read(env.path("sensor.crt")).unwrap();
    // In place needs --force, and a refusal changes nothing.
    assert_input_error(
        &env.run(&["cert", "renew", "sensor.crt"]),
        "renew without --force",
    );
    assert_eq!(std::fs::read(env.path("sensor.crt")).unwrap(), old_cert);

    env.ok(&["cert", "renew", "sensor.crt", "--out", "sensor2.crt"]);
    let new_serial = serial_hex(&env, "sensor2.crt");
    assert_ne!(new_serial, old_serial);
    assert_eq!(
        subject_of(&env, "sensor2.crt"),
        subject_of(&env, "sensor.crt")
    );
    assert_eq!(san_of(&env, "sensor2.crt"), san_of(&env, "sensor.crt"));
    let text = env.openssl_ok(&["x509", "-in", "sensor2.crt", "-noout", "-text"]);
    assert!(
        text.contains("TLS Web Client Authentication") && text.contains("CA:FALSE"),
        "{text}"
    );
    assert!(text.contains("384 bit"), "same key type: {text}");
    assert_ne!(
        pubkey_of_cert(&env, "sensor2.crt"),
        pubkey_of_cert(&env, "sensor.crt")
    );
    assert_eq!(
        pubkey_of_key(&env, "sensor2.key", None),
        pubkey_of_cert(&env, "sensor2.crt")
    );
    assert_eq!(mode(&env.path("sensor2.key")), 0o600);
    env.openssl_ok(&[
        "verify",
        "-purpose",
        "sslclient",
        "-CAfile",
        "store/ca.crt",
        "sensor2.crt",
    ]);
    // Same lifetime as the old one: 90 days.
    let end = env.openssl_ok(&[
        "x509",
        "-in",
        "sensor2.crt",
        "-noout",
        "-checkend",
        &(89 * 86400).to_string(),
    ]);
    assert!(end.contains("will not expire"), "{end}");
    assert!(
        !env.openssl(&[
            "x509",
            "-in",
            "sensor2.crt",
            "-noout",
            "-checkend",
            &(91 * 86400).to_string()
        ])
        .status
        .success()
    );
    assert_eq!(entry_for(&env, &old_serial)["status"], "superseded");
    assert_eq!(entry_for(&env, &new_serial)["status"], "valid");

    // --reuse-key --revoke-old: same key, old one revoked with reason superseded.
    env.ok(&[
        "cert",
        "renew",
        "sensor2.crt",
        "--out",
        "sensor3.crt",
        "--reuse-key",
        "--revoke-old",
        "--days",
        "30",
    ]);
    assert_eq!(
        pubkey_of_cert(&env, "sensor3.crt"),
        pubkey_of_cert(&env, "sensor2.crt")
    );
    let e = entry_for(&env, &new_serial);
    assert_eq!(e["status"], "revoked");
    assert_eq!(e["reason"], "superseded");
    env.ok(&["crl", "create", "--out", "crl.pem"]);
    let crl = env.openssl_ok(&["crl", "-in", "crl.pem", "-noout", "-text"]);
    assert!(
        crl.contains(&new_serial) && crl.contains("Superseded"),
        "{crl}"
    );
    assert!(
        !crl.contains(&old_serial),
        "superseded is not revoked: {crl}"
    );

    // --reuse-key with no key next to the certificate is an error.
    std::fs::copy(env.path("sensor3.crt"), env.path("lonely.crt")).unwrap();
    assert_input_error(
        &env.run(&[
            "cert",
            "renew",
            "lonely.crt",
            "--out",
            "l2.crt",
            "--reuse-key",
        ]),
        "no key",
    );
    // A root is not renewed here.
    assert_input_error(
        &env.run(&["cert", "renew", "store/ca.crt", "--out", "ca2.crt"]),
        "root",
    );
}

#[test]
fn list_shows_status_and_filters() {
    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "soon", "--days", "10"]);
    env.ok(&["cert", "create", "--cn", "later", "--days", "200"]);
    env.ok(&["cert", "create", "--cn", "gone", "--days", "200"]);
    env.ok(&["cert", "revoke", "gone.crt"]);
    let all = env.ok(&["cert", "list"]);
    assert!(all.contains("STATUS"), "{all}");
    let revoked: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "list", "--status", "revoked"])).unwrap();
    let revoked = revoked.as_array().unwrap();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["cn"], "gone");
    let expiring = env.ok(&["cert", "list", "--expiring", "30d"]);
    assert!(
        expiring.contains("soon") && !expiring.contains("later"),
        "{expiring}"
    );
    let valid: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "list", "--status", "valid"])).unwrap();
    assert_eq!(valid.as_array().unwrap().len(), 3, "CA, soon, later");
    assert_eq!(
        env.run(&["cert", "list", "--status", "bogus"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        env.run(&["cert", "list", "--expiring", "soon"])
            .status
            .code(),
        Some(2)
    );
    // An expired entry is shown as expired.
    let path = env.store().join("index.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut index: serde_json::Value = serde_json::from_str(&text).unwrap();
    for e in index["certificates"].as_array_mut().unwrap() {
        if e["cn"] == "later" {
            e["not_after"] = "2001-01-01T00:00:00Z".into();
        }
    }
    std::fs::write(&path, serde_json::to_vec(&index).unwrap()).unwrap();
    let expired = env.ok(&["cert", "list", "--status", "expired"]);
    assert!(expired.contains("later"), "{expired}");
}

fn der_of(env: &Env, file: &str) -> Vec<u8> {
    pem::parse(std::fs::read(env.path(file)).unwrap())
        .unwrap()
        .into_contents()
}

/// What `cert verify` and `rule test` build on: the store's revocations (and the CRL) make the
/// verifier report the revoked client as verified-but-revoked and the other as not revoked.
#[test]
fn store_revocations_and_the_crl_drive_the_verifier() {
    use mtlsctl::pki::store::Store;
    use mtlsctl::pki::verify::{VerifyRequest, verify_client};

    let env = Env::new();
    env.ok(&["cert", "create", "--ca"]);
    env.ok(&["cert", "create", "--cn", "lost"]);
    env.ok(&["cert", "create", "--cn", "kept"]);
    env.ok(&["cert", "revoke", "lost.crt", "--reason", "keyCompromise"]);
    env.ok(&["crl", "create", "--der", "--out", "crl.der"]);

    let records = Store::new(env.store()).revoked().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].reason,
        Some(mtlsctl::pki::crl_issue::Reason::KeyCompromise)
    );
    let serials: Vec<_> = records
        .iter()
        .filter_map(|r| r.to_revoked_serial())
        .collect();
    let anchors = [der_of(&env, "store/ca.crt")];
    let crls = [std::fs::read(env.path("crl.der")).unwrap()];
    let now = time::OffsetDateTime::now_utc();
    for (file, revoked) in [("lost.crt", true), ("kept.crt", false)] {
        let leaf = der_of(&env, file);
        let by_store = VerifyRequest {
            revoked_serials: &serials,
            ..VerifyRequest::new(&leaf, &[], &anchors, now)
        };
        let out = verify_client(&by_store).unwrap();
        assert!(out.verified, "{file}");
        assert_eq!(out.revoked, revoked, "{file} via the store");
        let by_crl = VerifyRequest {
            crls: &crls,
            ..VerifyRequest::new(&leaf, &[], &anchors, now)
        };
        assert_eq!(
            verify_client(&by_crl).unwrap().revoked,
            revoked,
            "{file} via the CRL"
        );
    }
}

/// Bad input to the lifecycle commands: one line, exit 2, nothing written.
#[test]
fn bad_inputs_are_one_line_errors_and_write_nothing() {
    let env = Env::new();
    env.ok(&["cert", "create", "--cn", "dev"]);
    env.ok(&["crl", "create", "--out", "crl.pem"]);
    std::fs::write(env.path("junk"), [0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]).unwrap();
    write(&env, "pw", "x\n");
    let cases: &[&[&str]] = &[
        &[
            "cert",
            "export",
            "junk",
            "--p12",
            "--out",
            "o.p12",
            "--password-file",
            "pw",
        ],
        &[
            "cert",
            "export",
            "crl.pem",
            "--p12",
            "--out",
            "o.p12",
            "--password-file",
            "pw",
        ],
        &[
            "cert",
            "export",
            "dev.crt",
            "--p12",
            "--out",
            "o.p12",
            "--password-file",
            ".",
        ],
        &[
            "cert",
            "export",
            "dev.crt",
            "--p12",
            "--out",
            "o.p12",
            "--password-file",
            "nope",
        ],
        &[
            "cert",
            "export",
            "dev.crt",
            "--p12",
            "--out",
            "o.p12",
            "--chain",
            "junk",
            "--password-file",
            "pw",
        ],
        &[
            "cert",
            "export",
            "dev.crt",
            "--p12",
            "--out",
            "o.p12",
            "--key",
            "junk",
            "--password-file",
            "pw",
        ],
        &["cert", "renew", "junk", "--out", "o.crt"],
        &["cert", "renew", "crl.pem", "--out", "o.crt"],
        &[
            "cert",
            "renew",
            "dev.crt",
            "--out",
            "o.crt",
            "--issuer-cert",
            "junk",
            "--issuer-key",
            "dev.key",
        ],
        &[
            "cert",
            "renew",
            "dev.crt",
            "--out",
            "o.crt",
            "--issuer-cert",
            "dev.crt",
            "--issuer-key",
            "dev.key",
        ],
        &["cert", "revoke", "junk"],
        &["cert", "revoke", "dev.key"],
        &["cert", "revoke", ""],
        &["cert", "revoke", "dev.crt", "--reason", "removeFromCRL"],
        &["crl", "create", "--out", "."],
    ];
    for args in cases {
        let o = env.run(args);
        assert_input_error(&o, &format!("{args:?}"));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    assert!(
        !env.path("o.p12").exists() && !env.path("o.crt").exists() && !env.path("o.key").exists()
    );
    // A damaged index is reported, not rewritten.
    std::fs::write(env.store().join("index.json"), b"{\"version\":1,\"certif").unwrap();
    for args in [
        &["cert", "revoke", "dev.crt"][..],
        &["crl", "create"][..],
        &["cert", "list"][..],
    ] {
        let o = env.run(args);
        assert_input_error(&o, &format!("{args:?} on a damaged index"));
        assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read(env.store().join("index.json")).unwrap(),
        b"{\"version\":1,\"certif"
    );
}

/// Runs mtlsctl under `script` (a pseudo-terminal as stdin), typing `input`; `None` when the
/// machine has no `script`.
fn run_on_a_terminal(env: &Env, args: &str, input: &str) -> Option<Output> {
    use std::io::Write;
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("`script` not found; skipping the terminal prompt test");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin!("mtlsctl");
    let mut child = std::process::Command::new("script")
        .current_dir(env.path(""))
        .env("MTLSCTL_STORE", env.store())
        .env("NO_COLOR", "1")
        .env_remove("MTLSCTL_CA_PASSWORD")
        .env_remove("MTLSCTL_P12_PASSWORD")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The terminal buffers what is typed until the prompt reads it; stdin stays open until
    // the command ends.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("mtlsctl {args} did not finish on a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    if String::from_utf8_lossy(&out.stderr).starts_with("script:") {
        eprintln!(
            "`script` cannot open a terminal here; skipping: {}",
            stderr(&out)
        );
        return None;
    }
    Some(out)
}

#[test]
fn prompts_on_a_terminal() {
    let env = Env::new();
    let Some(o) = run_on_a_terminal(
        &env,
        "cert create --ca --encrypt-key",
        "typed pw\ntyped pw\n",
    ) else {
        return;
    };
    let shown = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{shown}");
    assert!(shown.contains("Key password"), "{shown}");
    // (Echo is not checked: input typed ahead is echoed by the terminal before the prompt
    // turns echo off.)
    assert_eq!(
        pubkey_of_key(&env, "store/ca.key", Some("typed pw")),
        pubkey_of_cert(&env, "store/ca.crt")
    );
    // A mismatched confirmation writes nothing.
    let Some(o) = run_on_a_terminal(
        &env,
        "cert create --intermediate --encrypt-key --out i.crt",
        "typed pw\none\ntwo\n",
    ) else {
        return;
    };
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("do not match"));
    assert!(!env.path("i.crt").exists());
}
