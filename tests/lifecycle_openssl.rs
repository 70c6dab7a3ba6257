//! Guard tests: what `pki::p12`, `pki::keyenc` and `pki::crl_issue` write is read back by the
//! `openssl` command (OpenSSL 3, default provider only) and means what we say it means.
//!
//! Each test is skipped with a note on stderr when `openssl` is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mtlsctl::pki::crl_issue::{self, CrlSpec, Reason, RevokedEntry};
use mtlsctl::pki::keyenc::{self, KeyEncError};
use mtlsctl::pki::p12::{self, P12Profile};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, PublicKeyData, RsaKeySize, SerialNumber,
};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::{FromDer, X509Certificate};

fn have_openssl() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("openssl not found; skipping");
    }
    ok
}

fn openssl(dir: &Path, args: &[&str]) -> Output {
    Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run openssl")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = openssl(dir, args);
    assert!(o.status.success(), "openssl {args:?} failed:\n{}", text(&o));
    text(&o)
}

fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path
}

fn cert_pem(der: &[u8]) -> String {
    pem::encode(&pem::Pem::new("CERTIFICATE", der.to_vec()))
}

#[derive(Clone, Copy, Debug)]
enum Alg {
    P256,
    Rsa2048,
    Ed25519,
}

fn key(alg: Alg) -> KeyPair {
    match alg {
        Alg::P256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256),
        Alg::Rsa2048 => KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, RsaKeySize::_2048),
        Alg::Ed25519 => KeyPair::generate_for(&rcgen::PKCS_ED25519),
    }
    .unwrap()
}

/// RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING contents.
fn method1_ski(key: &KeyPair) -> Vec<u8> {
    aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
        key.der_bytes(),
    )
    .as_ref()
    .to_vec()
}

fn ca_params(cn: &str, key: &KeyPair) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::OrganizationName, "mtlsctl tests");
    params.distinguished_name.push(DnType::CommonName, cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.key_identifier_method = KeyIdMethod::PreSpecified(method1_ski(key));
    params.not_before = OffsetDateTime::now_utc() - Duration::hours(1);
    params.not_after = OffsetDateTime::now_utc() + Duration::days(30);
    params
}

struct Ca {
    der: Vec<u8>,
    key: KeyPair,
    params: CertificateParams,
}

fn make_ca(cn: &str, alg: Alg) -> Ca {
    let key = key(alg);
    let params = ca_params(cn, &key);
    let der = params.self_signed(&key).unwrap().der().to_vec();
    Ca { der, key, params }
}

fn make_intermediate(cn: &str, alg: Alg, parent: &Ca) -> Ca {
    let key = key(alg);
    let mut params = ca_params(cn, &key);
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.use_authority_key_identifier_extension = true;
    let issuer = Issuer::from_params(&parent.params, &parent.key);
    let der = params.signed_by(&key, &issuer).unwrap().der().to_vec();
    Ca { der, key, params }
}

fn make_client(cn: &str, alg: Alg, ca: &Ca, serial: &[u8]) -> (Vec<u8>, KeyPair) {
    let key = key(alg);
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, cn);
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.use_authority_key_identifier_extension = true;
    params.key_identifier_method = KeyIdMethod::PreSpecified(method1_ski(&key));
    params.serial_number = Some(SerialNumber::from_slice(serial));
    params.not_before = OffsetDateTime::now_utc() - Duration::minutes(30);
    params.not_after = OffsetDateTime::now_utc() + Duration::days(7);
    let issuer = Issuer::from_params(&ca.params, &ca.key);
    let der = params.signed_by(&key, &issuer).unwrap().der().to_vec();
    (der, key)
}

fn raw_serial(cert_der: &[u8]) -> Vec<u8> {
    let (_, cert) = X509Certificate::from_der(cert_der).unwrap();
    cert.raw_serial().to_vec()
}

// ---------------------------------------------------------------------------------------------
// PKCS#12

fn check_p12(profile: P12Profile, alg: Alg) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = make_ca("P12 Root", Alg::P256);
    let inter = make_intermediate("P12 Intermediate", Alg::P256, &root);
    let (leaf, leaf_key) = make_client("alice", alg, &inter, &[0x42, 0x01]);
    let chain = vec![inter.der.clone(), root.der.clone()];

    let der = p12::export(
        &leaf,
        &leaf_key.serialize_der(),
        &chain,
        "secret",
        profile,
        "alice phone",
    )
    .unwrap();
    write(d, "f.p12", &der);

    // Contents, without `-legacy`: the default provider must read both profiles.
    let out = ok(
        d,
        &[
            "pkcs12",
            "-info",
            "-in",
            "f.p12",
            "-passin",
            "pass:secret",
            "-nodes",
        ],
    );
    let blocks = pem::parse_many(out.as_bytes()).unwrap();
    let certs: Vec<&[u8]> = blocks
        .iter()
        .filter(|b| b.tag() == "CERTIFICATE")
        .map(|b| b.contents())
        .collect();
    assert_eq!(
        certs.len(),
        3,
        "{profile} {alg:?}: leaf + 2 chain certs\n{out}"
    );
    for wanted in [&leaf, &inter.der, &root.der] {
        assert!(
            certs.contains(&wanted.as_slice()),
            "{profile} {alg:?}: cert missing"
        );
    }
    let keys: Vec<&pem::Pem> = blocks.iter().filter(|b| b.tag() == "PRIVATE KEY").collect();
    assert_eq!(keys.len(), 1, "{out}");
    let printed = KeyPair::try_from(keys[0].contents()).unwrap();
    assert_eq!(printed.der_bytes(), leaf_key.der_bytes());
    assert!(out.contains("friendlyName: alice phone"), "{out}");

    // Cross-check the key with openssl itself: its public key equals the certificate's.
    write(d, "printed.key", keys[0].to_string());
    write(d, "leaf.pem", cert_pem(&leaf));
    let from_key = ok(d, &["pkey", "-in", "printed.key", "-pubout"]);
    let from_cert = ok(d, &["x509", "-in", "leaf.pem", "-noout", "-pubkey"]);
    assert_eq!(from_key, from_cert);

    // Algorithms.
    let info = ok(
        d,
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "f.p12",
            "-passin",
            "pass:secret",
        ],
    );
    match profile {
        P12Profile::Modern => {
            assert!(info.contains("MAC: sha256, Iteration 200000"), "{info}");
            assert!(
                info.contains(
                    "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 200000, PRF hmacWithSHA256"
                ),
                "{info}"
            );
            assert!(
                info.contains(
                    "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 200000, PRF hmacWithSHA256"
                ),
                "{info}"
            );
        }
        P12Profile::Legacy => {
            assert!(info.contains("MAC: sha1, Iteration 2048"), "{info}");
            assert!(
                info.contains(
                    "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"
                ),
                "{info}"
            );
            assert!(
                info.contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"),
                "{info}"
            );
            assert!(!info.contains("AES"), "{info}");
            assert!(!info.contains("RC2"), "{info}");
        }
    }

    // Wrong password.
    let bad = openssl(
        d,
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "f.p12",
            "-passin",
            "pass:Secret",
        ],
    );
    assert!(!bad.status.success(), "wrong password accepted");
    assert!(text(&bad).contains("Mac verify error"), "{}", text(&bad));
}

#[test]
fn p12_modern_p256() {
    if have_openssl() {
        check_p12(P12Profile::Modern, Alg::P256);
    }
}

#[test]
fn p12_modern_rsa2048() {
    if have_openssl() {
        check_p12(P12Profile::Modern, Alg::Rsa2048);
    }
}

#[test]
fn p12_modern_ed25519() {
    if have_openssl() {
        check_p12(P12Profile::Modern, Alg::Ed25519);
    }
}

#[test]
fn p12_legacy_p256() {
    if have_openssl() {
        check_p12(P12Profile::Legacy, Alg::P256);
    }
}

#[test]
fn p12_legacy_rsa2048() {
    if have_openssl() {
        check_p12(P12Profile::Legacy, Alg::Rsa2048);
    }
}

#[test]
fn p12_legacy_ed25519() {
    if have_openssl() {
        check_p12(P12Profile::Legacy, Alg::Ed25519);
    }
}

// ---------------------------------------------------------------------------------------------
// Encrypted PKCS#8

fn check_encrypted_key(alg: Alg) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = key(alg);
    let enc = keyenc::encrypt_pkcs8_pem(&key.serialize_der(), "pw").unwrap();
    write(d, "k.pem", &enc);
    let v1 = keyenc::pkcs8_v1(&key.serialize_der()).unwrap();
    write(
        d,
        "plain.pem",
        pem::encode(&pem::Pem::new("PRIVATE KEY", v1)),
    );

    ok(
        d,
        &[
            "pkey", "-in", "k.pem", "-passin", "pass:pw", "-noout", "-text",
        ],
    );
    let ours = ok(
        d,
        &["pkey", "-in", "k.pem", "-passin", "pass:pw", "-pubout"],
    );
    let plain = ok(d, &["pkey", "-in", "plain.pem", "-pubout"]);
    assert_eq!(ours, plain, "{alg:?}: public keys differ");

    let bad = openssl(
        d,
        &["pkey", "-in", "k.pem", "-passin", "pass:wrong", "-noout"],
    );
    assert!(
        !bad.status.success(),
        "{alg:?}: openssl accepted a wrong password"
    );

    let asn1 = ok(d, &["asn1parse", "-in", "k.pem"]);
    for needle in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
        assert!(asn1.contains(needle), "{alg:?}: {needle} missing\n{asn1}");
    }
    // 600000 = 0x0927C0 iterations.
    assert!(asn1.contains("INTEGER           :0927C0"), "{asn1}");

    // Ed25519 keys come back as PKCS#8 v1 (what OpenSSL 3.0 reads); the others unchanged.
    let expected = keyenc::pkcs8_v1(&key.serialize_der()).unwrap();
    assert_eq!(*keyenc::decrypt_pkcs8_pem(&enc, "pw").unwrap(), expected);
    if !matches!(alg, Alg::Ed25519) {
        assert_eq!(expected, key.serialize_der());
    }
    assert!(matches!(
        keyenc::decrypt_pkcs8_pem(&enc, "wrong"),
        Err(KeyEncError::WrongPassword)
    ));
}

#[test]
fn encrypted_key_p256() {
    if have_openssl() {
        check_encrypted_key(Alg::P256);
    }
}

#[test]
fn encrypted_key_rsa2048() {
    if have_openssl() {
        check_encrypted_key(Alg::Rsa2048);
    }
}

#[test]
fn encrypted_key_ed25519() {
    if have_openssl() {
        check_encrypted_key(Alg::Ed25519);
    }
}

#[test]
fn decrypts_keys_openssl_encrypted() {
    if !have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, genargs) in [
        (
            "ec",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ][..],
        ),
        (
            "rsa",
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
            ][..],
        ),
        ("ed", &["genpkey", "-algorithm", "ED25519"][..]),
    ] {
        let plain = format!("{name}.pem");
        let mut args = genargs.to_vec();
        args.extend(["-out", &plain]);
        ok(d, &args);
        let plain_der = format!("{name}.der");
        ok(
            d,
            &[
                "pkcs8", "-topk8", "-nocrypt", "-in", &plain, "-outform", "DER", "-out", &plain_der,
            ],
        );
        let expected = std::fs::read(d.join(&plain_der)).unwrap();

        for (cipher, prf) in [
            ("aes-256-cbc", "hmacWithSHA256"),
            ("aes-128-cbc", "hmacWithSHA1"),
        ] {
            let enc = format!("{name}-{cipher}.pem");
            ok(
                d,
                &[
                    "pkcs8", "-topk8", "-v2", cipher, "-v2prf", prf, "-passout", "pass:pw", "-in",
                    &plain, "-out", &enc,
                ],
            );
            let text = std::fs::read_to_string(d.join(&enc)).unwrap();
            assert!(keyenc::is_encrypted_pem(&text));
            assert_eq!(*keyenc::decrypt_pkcs8_pem(&text, "pw").unwrap(), expected);
            assert!(matches!(
                keyenc::decrypt_pkcs8_pem(&text, "wrong"),
                Err(KeyEncError::WrongPassword)
            ));
        }
        // Schemes outside PBES2-with-AES are reported as unsupported, not as malformed or as
        // a wrong password: 3DES inside PBES2, and PKCS#12 PBE (`-v1`).
        for (label, extra) in [
            ("des3", &["-v2", "des3"][..]),
            ("v1", &["-v1", "PBE-SHA1-3DES"][..]),
        ] {
            let enc = format!("{name}-{label}.pem");
            let mut args = vec!["pkcs8", "-topk8", "-passout", "pass:pw", "-in", &plain];
            args.extend(extra);
            args.extend(["-out", &enc]);
            ok(d, &args);
            let text = std::fs::read_to_string(d.join(&enc)).unwrap();
            assert!(keyenc::is_encrypted_pem(&text));
            let err = keyenc::decrypt_pkcs8_pem(&text, "pw").unwrap_err();
            assert!(matches!(err, KeyEncError::Unsupported(_)), "{label}: {err}");
        }
        let plain_text = std::fs::read_to_string(d.join(&plain)).unwrap();
        assert!(!keyenc::is_encrypted_pem(&plain_text));
        assert!(matches!(
            keyenc::decrypt_pkcs8_pem(&plain_text, "pw"),
            Err(KeyEncError::NotEncrypted(_))
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// CRLs

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn spec(number: u64, entries: Vec<RevokedEntry>) -> CrlSpec {
    CrlSpec {
        crl_number: number,
        this_update: now() - Duration::minutes(5),
        next_update: now() + Duration::days(7),
        entries,
    }
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The value printed on the line after `label` in `openssl ... -text` output.
fn value_after(text: &str, label: &str) -> String {
    let mut lines = text.lines();
    lines.find(|l| l.trim_start().starts_with(label));
    lines.next().unwrap_or_default().trim().to_owned()
}

fn check_crl(alg: Alg) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ca = make_ca(&format!("CRL CA {alg:?}"), alg);
    // A serial with the top bit set, so its DER carries a 00 sign byte.
    let (revoked, _) = make_client("revoked", Alg::P256, &ca, &[0x8F, 0x11, 0x22, 0x33]);
    let (good, _) = make_client("good", Alg::P256, &ca, &[0x0A, 0xBC]);
    write(d, "ca.pem", cert_pem(&ca.der));
    write(d, "revoked.pem", cert_pem(&revoked));
    write(d, "good.pem", cert_pem(&good));

    let entries = vec![RevokedEntry {
        serial: raw_serial(&revoked),
        revoked_at: now() - Duration::minutes(1),
        reason: Some(Reason::KeyCompromise),
    }];
    let crl = crl_issue::make_crl(&ca.der, &ca.key, &spec(42, entries.clone())).unwrap();
    let crl_text = crl_issue::crl_pem(&crl);
    assert!(crl_text.starts_with("-----BEGIN X509 CRL-----\n"));
    write(d, "crl.pem", &crl_text);

    let verified = ok(
        d,
        &[
            "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-verify",
        ],
    );
    assert!(verified.contains("verify OK"), "{alg:?}: {verified}");

    let shown = ok(d, &["crl", "-in", "crl.pem", "-noout", "-text"]);
    assert_eq!(value_after(&shown, "X509v3 CRL Number"), "42", "{shown}");
    let ski = method1_ski(&ca.key);
    let aki = value_after(&shown, "X509v3 Authority Key Identifier");
    assert_eq!(aki.trim_start_matches("keyid:"), colon_hex(&ski), "{shown}");
    assert!(shown.contains("Serial Number: 8F112233"), "{shown}");
    assert!(shown.contains("Key Compromise"), "{shown}");
    assert!(
        shown.contains("Issuer: O = mtlsctl tests, CN = CRL CA"),
        "{shown}"
    );

    let check = |cert: &str| {
        openssl(
            d,
            &[
                "verify",
                "-crl_check",
                "-purpose",
                "sslclient",
                "-CAfile",
                "ca.pem",
                "-CRLfile",
                "crl.pem",
                cert,
            ],
        )
    };
    let r = check("revoked.pem");
    assert!(!r.status.success(), "{alg:?}: revoked cert verified");
    assert!(text(&r).contains("certificate revoked"), "{}", text(&r));
    let g = check("good.pem");
    assert!(g.status.success(), "{alg:?}: {}", text(&g));
    assert!(text(&g).contains("good.pem: OK"), "{}", text(&g));

    // The next CRL: a higher number, and the earlier entry plus a new one.
    let mut more = entries;
    more.push(RevokedEntry {
        serial: raw_serial(&good),
        revoked_at: now(),
        reason: Some(Reason::Superseded),
    });
    let crl2 = crl_issue::make_crl(&ca.der, &ca.key, &spec(43, more)).unwrap();
    write(d, "crl2.pem", crl_issue::crl_pem(&crl2));
    let shown2 = ok(d, &["crl", "-in", "crl2.pem", "-noout", "-text"]);
    assert_eq!(value_after(&shown2, "X509v3 CRL Number"), "43", "{shown2}");
    assert!(shown2.contains("Superseded"), "{shown2}");
    let g2 = openssl(
        d,
        &[
            "verify",
            "-crl_check",
            "-purpose",
            "sslclient",
            "-CAfile",
            "ca.pem",
            "-CRLfile",
            "crl2.pem",
            "good.pem",
        ],
    );
    assert!(text(&g2).contains("certificate revoked"), "{}", text(&g2));
}

#[test]
fn crl_p256_ca() {
    if have_openssl() {
        check_crl(Alg::P256);
    }
}

#[test]
fn crl_rsa_ca() {
    if have_openssl() {
        check_crl(Alg::Rsa2048);
    }
}

#[test]
fn crl_ed25519_ca() {
    if have_openssl() {
        check_crl(Alg::Ed25519);
    }
}

#[test]
fn crl_number_is_written_as_given() {
    let ca = make_ca("Numbers", Alg::P256);
    for number in [0u64, 1, 127, 128, 255, 256, u64::MAX] {
        let der = crl_issue::make_crl(&ca.der, &ca.key, &spec(number, vec![])).unwrap();
        let (_, parsed) =
            x509_parser::revocation_list::CertificateRevocationList::from_der(&der).unwrap();
        let got = parsed.crl_number().unwrap().to_u64_digits();
        let want = if number == 0 { vec![] } else { vec![number] };
        assert_eq!(got, want, "crl number {number}");
    }
}

/// A CA made by openssl with a subject rcgen cannot re-encode (two OUs, a multi-valued RDN)
/// and no subjectKeyIdentifier. The CRL issuer must still be the CA subject byte for byte.
#[test]
fn crl_for_openssl_ca_with_awkward_subject() {
    if !have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ca.cnf",
        "[req]\ndistinguished_name=dn\n[dn]\n[v3_ca]\nbasicConstraints=critical,CA:TRUE\n\
         keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=none\n\
         [leaf]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n\
         extendedKeyUsage=clientAuth\n",
    );
    ok(
        d,
        &[
            "req",
            "-x509",
            "-config",
            "ca.cnf",
            "-extensions",
            "v3_ca",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "30",
            "-multivalue-rdn",
            "-subj",
            "/C=DE/O=Awkward Org/OU=one/OU=two/CN=Awkward CA+serialNumber=7",
        ],
    );
    ok(
        d,
        &[
            "req",
            "-new",
            "-config",
            "ca.cnf",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=leaf",
        ],
    );
    ok(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-out",
            "leaf.pem",
            "-days",
            "7",
            "-extfile",
            "ca.cnf",
            "-extensions",
            "leaf",
            "-set_serial",
            "0x77AA",
        ],
    );
    let ca_der = pem::parse(std::fs::read(d.join("ca.pem")).unwrap())
        .unwrap()
        .into_contents();
    let ca_key = KeyPair::from_pem(&std::fs::read_to_string(d.join("ca.key")).unwrap()).unwrap();
    let (_, ca_cert) = X509Certificate::from_der(&ca_der).unwrap();
    assert!(
        !ca_cert
            .extensions()
            .iter()
            .any(|e| e.oid == x509_parser::oid_registry::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER),
        "test CA should have no SKI"
    );
    // rcgen's own route cannot express this issuer.
    assert!(Issuer::from_ca_cert_der(&ca_der.as_slice().into(), &ca_key).is_err());

    let entries = vec![RevokedEntry {
        serial: vec![0x77, 0xAA],
        revoked_at: now() - Duration::minutes(1),
        reason: Some(Reason::CessationOfOperation),
    }];
    let crl = crl_issue::make_crl(&ca_der, &ca_key, &spec(5, entries)).unwrap();
    let (_, parsed) =
        x509_parser::revocation_list::CertificateRevocationList::from_der(&crl).unwrap();
    assert_eq!(parsed.issuer().as_raw(), ca_cert.subject().as_raw());
    write(d, "crl.pem", crl_issue::crl_pem(&crl));

    let verified = ok(
        d,
        &[
            "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-verify",
        ],
    );
    assert!(verified.contains("verify OK"), "{verified}");
    let shown = ok(d, &["crl", "-in", "crl.pem", "-noout", "-text"]);
    assert!(shown.contains("Cessation Of Operation"), "{shown}");
    // Without an SKI the AKI is method 1, which is what `openssl x509 -ext` would compute.
    let spk = ca_cert.public_key().subject_public_key.data.as_ref();
    let expected = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, spk);
    assert_eq!(
        value_after(&shown, "X509v3 Authority Key Identifier").trim_start_matches("keyid:"),
        colon_hex(expected.as_ref())
    );
    let r = openssl(
        d,
        &[
            "verify",
            "-crl_check",
            "-purpose",
            "sslclient",
            "-CAfile",
            "ca.pem",
            "-CRLfile",
            "crl.pem",
            "leaf.pem",
        ],
    );
    assert!(text(&r).contains("certificate revoked"), "{}", text(&r));
}
