//! `mtlsctl ski`: identical to the openssl recipe wherever it prints hex, a clear error
//! (exit 2, nothing on stdout) wherever it would not, and the documented fallbacks.

mod common;

use common::{Env, assert_input_error, corpus};

/// Every row of aki-openssl.tsv: `hex` rows print exactly the pipeline's output.
#[test]
fn corpus_matches_the_openssl_pipeline() {
    let env = Env::new();
    let table = std::fs::read_to_string(corpus("certs/aki-openssl.tsv")).unwrap();
    let mut hex_rows = 0;
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, expected, kind) = (cols[0], cols[1], cols[2]);
        let self_issued = cols[10] == "yes";
        let ski = cols[9];
        let path = corpus(file);
        let out = env.run(&["ski", path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        match kind {
            "hex" => {
                hex_rows += 1;
                assert!(
                    out.status.success(),
                    "{file}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert_eq!(stdout, format!("{expected}\n"), "{file}");
            }
            _ if self_issued && ski != "(absent)" && out.status.success() => {
                // Self-signed with an SKI: its own SKI, announced on stderr.
                assert_eq!(stdout, format!("{ski}\n"), "{file}");
                assert!(
                    String::from_utf8_lossy(&out.stderr).contains("self-signed"),
                    "{file}"
                );
            }
            _ => {
                assert_input_error(&out, file);
                assert!(stdout.is_empty(), "{file}: printed {stdout:?}");
            }
        }
    }
    assert_eq!(hex_rows, 95);
}

#[test]
fn several_files_print_hex_and_name_and_all_reads_every_block() {
    let env = Env::new();
    let a = corpus("certs/rustls-test-ca/ecdsa-p256/client.cert");
    let b = corpus("certs/rustls-test-ca/rsa-2048/client.der");
    let out = env.ok(&["ski", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(
        out,
        format!(
            "263318912BB535962094D66F74ACF0DD5D57A9CE  {}\n8C67EE7B273469EC15EF11CCB34568140B05EB7F  {}\n",
            a.display(),
            b.display()
        )
    );
    let chain = corpus("certs/rustls-test-ca/ecdsa-p256/client.fullchain");
    let out = env.ok(&["ski", "--all", chain.to_str().unwrap()]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(
        out.lines().next(),
        Some("263318912BB535962094D66F74ACF0DD5D57A9CE")
    );
}

#[test]
fn stdin_own_and_json() {
    let env = Env::new();
    let pem = std::fs::read(corpus("certs/rustls-test-ca/ecdsa-p256/inter.cert")).unwrap();
    let out = env
        .cmd()
        .args(["ski", "-"])
        .write_stdin(pem)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "5659E4F3F147FA7EC8680B3143F5157D1234C86E\n"
    );
    let inter = corpus("certs/rustls-test-ca/ecdsa-p256/inter.cert");
    let own = env.ok(&["ski", "--own", inter.to_str().unwrap()]);
    assert_eq!(own, "263318912BB535962094D66F74ACF0DD5D57A9CE\n");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["ski", "--json", inter.to_str().unwrap()])).unwrap();
    assert_eq!(
        v[0]["issuer_ski"],
        "5659E4F3F147FA7EC8680B3143F5157D1234C86E"
    );
    assert_eq!(v[0]["own_ski"], "263318912BB535962094D66F74ACF0DD5D57A9CE");
    assert_eq!(v[0]["issuer_ski_source"], "authority_key_identifier");
    assert!(v[0]["subject"].as_str().unwrap().contains("CN="), "{v}");
}

/// `openssl x509 -req` without an extension file writes no AKI: the pipeline prints nothing;
/// mtlsctl refuses, or with --issuer prints the CA's SKI after checking the signature.
#[test]
fn no_aki_needs_issuer_and_checks_it() {
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
        "ca.key",
        "-subj",
        "/CN=Legacy CA",
        "-days",
        "30",
        "-out",
        "ca.pem",
    ]);
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
        "/CN=leaf",
        "-out",
        "leaf.csr",
    ]);
    env.openssl_ok(&[
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-days", "10",
        "-out", "leaf.pem",
    ]);
    let pipeline = env.openssl_ok(&[
        "x509",
        "-noout",
        "-ext",
        "authorityKeyIdentifier",
        "-in",
        "leaf.pem",
    ]);
    if !pipeline.trim().is_empty() {
        // This OpenSSL writes an AKI anyway: nothing to test here.
        return;
    }
    let out = env.run(&["ski", "leaf.pem"]);
    assert_input_error(&out, "no aki");
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--issuer"));
    let ca_ski = env.openssl_ok(&[
        "x509",
        "-noout",
        "-ext",
        "subjectKeyIdentifier",
        "-in",
        "ca.pem",
    ]);
    let ca_ski = common::ext(&ca_ski, "X509v3 Subject Key Identifier")
        .unwrap()
        .replace(':', "");
    let out = env.ok(&["ski", "--issuer", "ca.pem", "leaf.pem"]);
    assert_eq!(out.trim(), ca_ski);
    // A CA that did not sign it is refused.
    env.openssl_ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "other.key",
        "-subj",
        "/CN=Legacy CA",
        "-days",
        "30",
        "-out",
        "other.pem",
    ]);
    let out = env.run(&["ski", "--issuer", "other.pem", "leaf.pem"]);
    assert_input_error(&out, "wrong issuer");
    assert!(out.stdout.is_empty());
}

/// An AKI with issuer name + serial besides the key id: the recipe's `tail -n1` prints the
/// serial line; mtlsctl prints the key id.
#[test]
fn aki_with_issuer_and_serial_prints_the_key_id() {
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
        "ca.key",
        "-subj",
        "/CN=CA",
        "-days",
        "30",
        "-out",
        "ca.pem",
    ]);
    std::fs::write(
        env.path("ext.cnf"),
        "authorityKeyIdentifier=keyid:always,issuer:always\n",
    )
    .unwrap();
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
        "/CN=leaf",
        "-out",
        "leaf.csr",
    ]);
    env.openssl_ok(&[
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-days", "10",
        "-extfile", "ext.cnf", "-out", "leaf.pem",
    ]);
    let text = env.openssl_ok(&[
        "x509",
        "-noout",
        "-ext",
        "authorityKeyIdentifier",
        "-in",
        "leaf.pem",
    ]);
    let last = text.trim_end().lines().last().unwrap().trim().to_string();
    assert!(last.starts_with("serial:"), "{text}");
    let ca_ski = env.openssl_ok(&[
        "x509",
        "-noout",
        "-ext",
        "subjectKeyIdentifier",
        "-in",
        "ca.pem",
    ]);
    let ca_ski = common::ext(&ca_ski, "X509v3 Subject Key Identifier")
        .unwrap()
        .replace(':', "");
    assert_eq!(env.ok(&["ski", "leaf.pem"]).trim(), ca_ski);
}

#[test]
fn bad_inputs_give_one_line_and_exit_2() {
    let env = Env::new();
    std::fs::write(env.path("empty.pem"), b"").unwrap();
    std::fs::write(
        env.path("garbage.der"),
        [0x30, 0x82, 0xff, 0xff, 0x01, 0x02],
    )
    .unwrap();
    let pem =
        std::fs::read_to_string(corpus("certs/rustls-test-ca/ecdsa-p256/client.cert")).unwrap();
    std::fs::write(env.path("truncated.pem"), &pem[..pem.len() / 2]).unwrap();
    let der = pem::parse(&pem).unwrap().into_contents();
    std::fs::write(env.path("truncated.der"), &der[..der.len() / 2]).unwrap();
    std::fs::write(
        env.path("key.pem"),
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    std::fs::write(env.path("binary"), [0xffu8, 0xfe, 0x00, 0x80, 0x81]).unwrap();
    for (f, says) in [
        ("missing.pem", "no such file"),
        (".", "is a directory"),
        ("empty.pem", "empty"),
        ("garbage.der", "no certificate found"),
        ("truncated.pem", "malformed PEM"),
        ("truncated.der", "no certificate found"),
        ("key.pem", "holds a private key"),
        ("binary", "no certificate found"),
    ] {
        let out = env.run(&["ski", f]);
        assert_input_error(&out, f);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(f.trim_start_matches("./")) && stderr.contains(says),
            "{f}: {stderr}"
        );
        assert!(out.stdout.is_empty());
        let out = env.run(&["cert", "inspect", f]);
        assert_input_error(&out, f);
    }
    // Every file in the bad corpus: exit 0 with the pipeline's hex, or exit 2 with one line.
    let manifest = std::fs::read_to_string(corpus("bad/MANIFEST.tsv")).unwrap();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let path = corpus(&format!("bad/{}", cols[0]));
        for cmd in [&["ski"][..], &["cert", "inspect"][..]] {
            let mut args = cmd.to_vec();
            args.push(path.to_str().unwrap());
            let out = env.run(&args);
            assert_ne!(out.status.code(), Some(101), "{args:?} panicked");
            if !out.status.success() {
                assert_input_error(&out, cols[0]);
            } else if cmd == ["ski"] {
                let printed = String::from_utf8_lossy(&out.stdout).trim().to_string();
                let pipeline = cols[5];
                assert!(
                    printed == pipeline || pipeline.is_empty(),
                    "{}: {printed} vs {pipeline}",
                    cols[0]
                );
            }
        }
    }
}

#[test]
fn closed_stdout_is_not_a_crash() {
    let env = Env::new();
    let mut child = env
        .std_cmd()
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}
