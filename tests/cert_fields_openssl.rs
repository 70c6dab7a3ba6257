//! Cross-checks `CertFields` against the `openssl` binary (3.0): DNs in both forms,
//! serials, fingerprints, dates and key identifiers, for certificates generated
//! here with varied subjects and for every certificate in the public fixtures (`tests/fixtures/certs`).
//!
//! Every value is compared with what `openssl x509 -noout ...` prints after the
//! spec's format rules (prefix stripped; fingerprints lower-cased without
//! colons). If `openssl` is not installed the tests say so and pass.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use mtlsctl::edge::cert_fields::{CertFields, CertFieldsError, rfc9440_decode};
use x509_parser::pem::Pem;

fn have_openssl() -> bool {
    Command::new("openssl").arg("version").output().is_ok()
}

/// Run openssl; `None` if it exits non-zero.
fn try_openssl<I, S>(args: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new("openssl").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Run openssl, panic with its stderr on failure, return stdout.
fn openssl<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = Command::new("openssl")
        .args(&args)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.to_lowercase().contains("skip"),
        "openssl {args:?} dropped part of the subject: {stderr}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What openssl prints for a DER certificate, keyed by field, already in the spec's format.
fn openssl_view(der_path: &Path) -> Option<HashMap<&'static str, String>> {
    let p = der_path.as_os_str();
    let mut m = HashMap::new();
    let a = try_openssl([
        OsStr::new("x509"),
        OsStr::new("-inform"),
        OsStr::new("DER"),
        OsStr::new("-in"),
        p,
        OsStr::new("-noout"),
        OsStr::new("-nameopt"),
        OsStr::new("RFC2253"),
        OsStr::new("-subject"),
        OsStr::new("-issuer"),
        OsStr::new("-serial"),
        OsStr::new("-startdate"),
        OsStr::new("-enddate"),
        OsStr::new("-fingerprint"),
        OsStr::new("-sha256"),
    ])?;
    for line in a.lines() {
        let pairs = [
            ("subject=", "subject"),
            ("issuer=", "issuer"),
            ("serial=", "serial"),
            ("notBefore=", "not_before"),
            ("notAfter=", "not_after"),
            ("sha256 Fingerprint=", "sha256"),
        ];
        for (prefix, key) in pairs {
            if let Some(v) = line.strip_prefix(prefix) {
                m.insert(key, v.to_owned());
            }
        }
    }
    let b = try_openssl([
        OsStr::new("x509"),
        OsStr::new("-inform"),
        OsStr::new("DER"),
        OsStr::new("-in"),
        p,
        OsStr::new("-noout"),
        OsStr::new("-nameopt"),
        OsStr::new("compat"),
        OsStr::new("-subject"),
        OsStr::new("-issuer"),
        OsStr::new("-fingerprint"),
        OsStr::new("-sha1"),
    ])?;
    for line in b.lines() {
        if let Some(v) = line.strip_prefix("subject=") {
            m.insert("subject_legacy", v.to_owned());
        } else if let Some(v) = line.strip_prefix("issuer=") {
            m.insert("issuer_legacy", v.to_owned());
        } else if let Some(v) = line.strip_prefix("sha1 Fingerprint=") {
            m.insert("sha1", v.to_owned());
        }
    }
    for key in ["sha1", "sha256"] {
        let v = m.get(key).cloned().unwrap_or_default();
        m.insert(key, v.replace(':', "").to_lowercase());
    }
    Some(m)
}

/// Compare every openssl-printed field of `der`; return the mismatches.
fn compare(der: &[u8], dir: &Path, label: &str) -> Vec<String> {
    let path = dir.join("cmp.der");
    std::fs::write(&path, der).expect("write der");
    let Some(want) = openssl_view(&path) else {
        return vec![format!("{label}: openssl cannot print it")];
    };
    let got = CertFields::from_der(der, &[], None).expect("x509-parser parses it");
    let ours = [
        ("subject", &got.cert_subject_dn),
        ("subject", &got.cert_subject_dn_rfc2253),
        ("issuer", &got.cert_issuer_dn),
        ("issuer", &got.cert_issuer_dn_rfc2253),
        ("subject_legacy", &got.cert_subject_dn_legacy),
        ("issuer_legacy", &got.cert_issuer_dn_legacy),
        ("serial", &got.cert_serial),
        ("not_before", &got.cert_not_before),
        ("not_after", &got.cert_not_after),
        ("sha1", &got.cert_fingerprint_sha1),
        ("sha256", &got.cert_fingerprint_sha256),
    ];
    let mut bad = Vec::new();
    for (key, value) in ours {
        let expected = want.get(key).map(String::as_str).unwrap_or("<missing>");
        if expected != value {
            bad.push(format!(
                "{label}: {key}: openssl {expected:?} != ours {value:?}"
            ));
        }
    }
    assert!(got.cert_presented);
    bad
}

fn openssl_ext_hex(pem: &Path, ext: &str) -> String {
    let out = openssl([
        OsStr::new("x509"),
        OsStr::new("-in"),
        pem.as_os_str(),
        OsStr::new("-noout"),
        OsStr::new("-ext"),
        OsStr::new(ext),
    ]);
    out.lines()
        .nth(1)
        .unwrap_or("")
        .trim()
        .trim_start_matches("keyid:")
        .replace(':', "")
}

fn pem_to_der(pem: &Path, out: &Path) -> Vec<u8> {
    openssl([
        OsStr::new("x509"),
        OsStr::new("-in"),
        pem.as_os_str(),
        OsStr::new("-outform"),
        OsStr::new("DER"),
        OsStr::new("-out"),
        out.as_os_str(),
    ]);
    std::fs::read(out).expect("read der")
}

struct Case {
    subj: &'static [u8],
    serial: &'static str,
    config: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        subj: b"/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA",
        serial: "0x527E0F20A20EA2A4146C78390F34CE7AF0878CA4",
        config: None,
    },
    Case {
        subj: b"/CN=a+UID=b/O=multi+OU=valued+L=three/C=DE",
        serial: "1",
        config: None,
    },
    Case {
        subj: b"/O=a,b\\+c\"d\\\\e<f>g;h=i\\/j/CN=x",
        serial: "0x80",
        config: None,
    },
    Case {
        subj: b"/CN=#lead/OU= sp /L=trail /ST=x#y/O=#/street= ",
        serial: "0xFF00000000000000000000000000000000000001",
        config: None,
    },
    Case {
        subj: "/CN=Zoë Ünïcode/O=日本語/OU=Ελληνικά/L=🦀 crab/ST=ÿ".as_bytes(),
        serial: "0",
        config: None,
    },
    Case {
        subj: b"/DC=com/DC=example/UID=jdoe/emailAddress=a.b@example.com/serialNumber=123-45/CN=J Doe",
        serial: "123456789012345678901234567890",
        config: None,
    },
    Case {
        subj: b"/CN=a\x01b\x7fc\td/O=\x1b[31mred/OU=\r\n",
        serial: "0x7F",
        config: None,
    },
    Case {
        subj: b"/SN=Doe/GN=John/initials=JD/title=Dr/description=d/businessCategory=b/postalCode=12345/name=n/dnQualifier=q/generationQualifier=III/pseudonym=p/organizationIdentifier=VATDE-1/x500UniqueIdentifier=u/1.3.6.1.4.1.311.60.2.1.3=DE/1.3.6.1.4.1.311.60.2.1.1=Berlin/jurisdictionST=BE/unstructuredName=un/role=r/houseIdentifier=h/telephoneNumber=\\+1 555/postOfficeBox=99/physicalDeliveryOfficeName=pd/mail=m@x",
        serial: "0x00FF",
        config: None,
    },
    // An attribute type OpenSSL only knows at creation time: printed as a dotted OID and `#DER`.
    Case {
        subj: b"/CN=x/myAttr=unknown oid/O=y+myAttr=z",
        serial: "4",
        config: Some(
            "oid_section=oids\n[oids]\nmyAttr=1.2.3.4.5\n[req]\ndistinguished_name=dn\n[dn]\n",
        ),
    },
    Case {
        subj: b"/CN=negative serial",
        serial: "-5",
        config: None,
    },
    Case {
        subj: b"/",
        serial: "2",
        config: None,
    },
    // string_mask=default: ASCII as PrintableString, Latin-1 as T61String, the rest BMPString.
    Case {
        subj: "/CN=Zoë/O=日本/OU=plain/L=a\\+b/C=FR/ST=Île".as_bytes(),
        serial: "3",
        config: Some("[req]\ndistinguished_name=dn\nstring_mask=default\n[dn]\n"),
    },
];

#[test]
fn generated_subjects_match_openssl() {
    if !have_openssl() {
        eprintln!("openssl not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let key = dir.path().join("k.pem");
    openssl([
        OsStr::new("genpkey"),
        OsStr::new("-algorithm"),
        OsStr::new("EC"),
        OsStr::new("-pkeyopt"),
        OsStr::new("ec_paramgen_curve:P-256"),
        OsStr::new("-out"),
        key.as_os_str(),
    ]);
    let mut bad = Vec::new();
    let mut checked = 0;
    for (i, case) in CASES.iter().enumerate() {
        let pem = dir.path().join(format!("c{i}.pem"));
        let mut cmd: Vec<std::ffi::OsString> = vec![
            "req".into(),
            "-x509".into(),
            "-new".into(),
            "-key".into(),
            key.clone().into(),
            "-utf8".into(),
            "-multivalue-rdn".into(),
            "-days".into(),
            "30".into(),
            "-set_serial".into(),
            case.serial.into(),
            "-out".into(),
            pem.clone().into(),
            "-subj".into(),
        ];
        {
            use std::os::unix::ffi::OsStrExt;
            cmd.push(OsStr::from_bytes(case.subj).to_owned());
        }
        if let Some(cfg) = case.config {
            let cfg_path = dir.path().join(format!("c{i}.cnf"));
            std::fs::write(&cfg_path, cfg).expect("write cnf");
            cmd.push("-config".into());
            cmd.push(cfg_path.into());
        }
        openssl(&cmd);
        let der = pem_to_der(&pem, &dir.path().join(format!("c{i}.der")));
        bad.extend(compare(&der, dir.path(), &format!("case {i}")));
        // Self-signed with SKI + AKI (req -x509 defaults): both read from the cert.
        let f = CertFields::from_der(&der, &[], None).expect("parses");
        assert_eq!(f.cert_ski, openssl_ext_hex(&pem, "subjectKeyIdentifier"));
        assert_eq!(
            f.cert_issuer_ski,
            openssl_ext_hex(&pem, "authorityKeyIdentifier")
        );
        checked += 1;
    }
    // The spec's examples, literally.
    let der0 = std::fs::read(dir.path().join("c0.der")).expect("c0");
    let f = CertFields::from_der(&der0, &[], None).expect("parses");
    assert_eq!(
        f.cert_subject_dn,
        "CN=Access Testing CA,OU=TX,O=Access Testing,L=Austin,ST=Texas,C=US"
    );
    assert_eq!(
        f.cert_subject_dn_legacy,
        "/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA"
    );
    assert_eq!(f.cert_serial, "527E0F20A20EA2A4146C78390F34CE7AF0878CA4");
    assert!(
        bad.is_empty(),
        "{checked} subjects, mismatches:\n{}",
        bad.join("\n")
    );
    eprintln!("{checked} generated subjects agree with openssl");
}

#[test]
fn issuer_fields_dates_and_chain_match_openssl() {
    if !have_openssl() {
        eprintln!("openssl not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let path = |n: &str| d.join(n).into_os_string();
    let ca_key = path("ca.key");
    openssl([
        OsStr::new("genpkey"),
        OsStr::new("-algorithm"),
        OsStr::new("EC"),
        OsStr::new("-pkeyopt"),
        OsStr::new("ec_paramgen_curve:P-256"),
        OsStr::new("-out"),
        &ca_key,
    ]);
    // req -x509 writes SKI (and AKI) on the CA.
    openssl([
        OsStr::new("req"),
        OsStr::new("-x509"),
        OsStr::new("-new"),
        OsStr::new("-key"),
        &ca_key,
        OsStr::new("-subj"),
        OsStr::new("/O=Issuer, Inc./CN=Test CA"),
        OsStr::new("-set_serial"),
        OsStr::new("0x9ABC"),
        OsStr::new("-days"),
        OsStr::new("30"),
        OsStr::new("-out"),
        &path("ca.pem"),
    ]);
    openssl([
        OsStr::new("req"),
        OsStr::new("-new"),
        OsStr::new("-key"),
        &ca_key,
        OsStr::new("-subj"),
        OsStr::new("/CN=day/O=x"),
        OsStr::new("-out"),
        &path("leaf.csr"),
    ]);
    // `openssl ca` sets exact dates (one-digit days, a GeneralizedTime after 2049) and adds no AKI.
    std::fs::write(d.join("index.txt"), "").expect("index");
    std::fs::write(d.join("serial"), "0A\n").expect("serial");
    let cnf = format!(
        "[ca]\ndefault_ca=d\n[d]\ndatabase={0}/index.txt\nnew_certs_dir={0}\nserial={0}/serial\n\
         default_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\norganizationName=optional\n",
        d.display()
    );
    std::fs::write(d.join("ca.cnf"), cnf).expect("cnf");
    openssl([
        OsStr::new("ca"),
        OsStr::new("-config"),
        &path("ca.cnf"),
        OsStr::new("-batch"),
        OsStr::new("-notext"),
        OsStr::new("-cert"),
        &path("ca.pem"),
        OsStr::new("-keyfile"),
        &ca_key,
        OsStr::new("-in"),
        &path("leaf.csr"),
        OsStr::new("-out"),
        &path("leaf.pem"),
        OsStr::new("-startdate"),
        OsStr::new("20220304133500Z"),
        OsStr::new("-enddate"),
        OsStr::new("20510109080706Z"),
    ]);
    let ca_der = pem_to_der(&d.join("ca.pem"), &d.join("ca.der"));
    let leaf_der = pem_to_der(&d.join("leaf.pem"), &d.join("leaf.der"));
    let bad = compare(&leaf_der, d, "ca-signed leaf");
    assert!(bad.is_empty(), "{}", bad.join("\n"));

    let f = CertFields::from_der(&leaf_der, std::slice::from_ref(&ca_der), Some(&ca_der))
        .expect("parses");
    assert_eq!(f.cert_not_before, "Mar  4 13:35:00 2022 GMT");
    assert_eq!(f.cert_not_after, "Jan  9 08:07:06 2051 GMT");
    assert_eq!(f.cert_serial, "0A");
    assert_eq!(f.cert_issuer_serial, "9ABC");
    assert_eq!(f.cert_issuer_dn, r"CN=Test CA,O=Issuer\, Inc.");
    // No AKI in the leaf: the issuer's SKI is used, and it equals what openssl prints.
    assert_eq!(
        openssl_ext_hex(&d.join("leaf.pem"), "authorityKeyIdentifier"),
        ""
    );
    let ca_ski = openssl_ext_hex(&d.join("ca.pem"), "subjectKeyIdentifier");
    assert_eq!(ca_ski.len(), 40);
    assert_eq!(f.cert_issuer_ski, ca_ski);
    assert_eq!(f.cert_ski, "");
    // Without the issuer nothing is invented.
    let alone = CertFields::from_der(&leaf_der, &[], None).expect("parses");
    assert_eq!(alone.cert_issuer_ski, "");
    assert_eq!(alone.cert_issuer_serial, "");
    // RFC 9440 values decode back to the DER sent.
    assert_eq!(
        rfc9440_decode(&f.cert_rfc9440),
        Some(vec![leaf_der.clone()])
    );
    assert_eq!(
        rfc9440_decode(&f.cert_chain_rfc9440),
        Some(vec![ca_der.clone()])
    );
    let two =
        CertFields::from_der(&leaf_der, &[ca_der.clone(), ca_der.clone()], None).expect("parses");
    assert_eq!(
        rfc9440_decode(&two.cert_chain_rfc9440),
        Some(vec![ca_der.clone(), ca_der])
    );
    assert!(two.cert_chain_rfc9440.contains(":, :"));
    assert!(!two.cert_rfc9440_too_large && !two.cert_chain_rfc9440_too_large);

    // Trailing bytes after the DER are refused.
    let mut trailing = leaf_der.clone();
    trailing.push(0);
    assert!(CertFields::from_der(&trailing, &[], None).is_err());
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every certificate in a corpus file: PEM blocks labelled CERTIFICATE, or the file as DER.
fn certs_in(bytes: &[u8]) -> Vec<Vec<u8>> {
    if bytes.starts_with(b"-----BEGIN") {
        Pem::iter_from_buffer(bytes)
            .flatten()
            .filter(|p| p.label == "CERTIFICATE")
            .map(|p| p.contents)
            .collect()
    } else {
        vec![bytes.to_vec()]
    }
}

#[test]
fn corpus_certificates_match_openssl() {
    let root = corpus_root();
    assert!(root.is_dir(), "fixtures missing: {}", root.display());
    if !have_openssl() {
        eprintln!("openssl missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut bad = Vec::new();
    let mut checked = 0;
    let mut seen = std::collections::HashSet::new();
    let mut trailing = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        for der in certs_in(&bytes) {
            let label = file
                .strip_prefix(&root)
                .unwrap_or(file)
                .display()
                .to_string();
            if !seen.insert(der.clone()) {
                continue; // the same certificate in another file
            }
            match CertFields::from_der(&der, &[], None) {
                Ok(_) => {}
                Err(CertFieldsError::TrailingData(..)) => {
                    // A TLS peer cannot send this (OpenSSL's TLS stack refuses a
                    // certificate whose DER is shorter than its entry); we refuse
                    // it where `openssl x509` reads the prefix and ignores the rest.
                    trailing.push(label);
                    continue;
                }
                Err(_) => {
                    // A CRL, key or other non-certificate: openssl must refuse it too.
                    let path = dir.path().join("probe.der");
                    std::fs::write(&path, &der).expect("write");
                    let openssl_reads = try_openssl([
                        OsStr::new("x509"),
                        OsStr::new("-inform"),
                        OsStr::new("DER"),
                        OsStr::new("-noout"),
                        OsStr::new("-in"),
                        path.as_os_str(),
                    ])
                    .is_some();
                    if openssl_reads {
                        bad.push(format!("{label}: openssl reads it, x509-parser does not"));
                    }
                    continue;
                }
            }
            bad.extend(compare(&der, dir.path(), &label));
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} corpus certificates checked");
    assert!(
        bad.is_empty(),
        "{} of {checked} corpus certificates differ:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(trailing.len() <= 1, "trailing data in {trailing:?}");
    eprintln!(
        "{checked} distinct corpus certificates agree with openssl; refused for trailing bytes: {trailing:?}"
    );
}

#[test]
fn corpus_key_identifiers_match_independent_parse() {
    let root = corpus_root();
    let tsv =
        std::fs::read_to_string(root.join("aki-openssl.tsv")).expect("aki-openssl.tsv fixture");
    let mut checked = 0;
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 11 {
            continue;
        }
        let file = root.join(cols[0].trim_start_matches("certs/"));
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let Some(der) = certs_in(&bytes).into_iter().next() else {
            continue;
        };
        let Ok(f) = CertFields::from_der(&der, &[], None) else {
            continue;
        };
        let expect = |v: &str| {
            if v.starts_with('(') || v.is_empty() {
                String::new()
            } else {
                v.to_uppercase()
            }
        };
        assert_eq!(f.cert_ski, expect(cols[9]), "SKI of {}", cols[0]);
        assert_eq!(
            f.cert_issuer_ski,
            expect(cols[8]),
            "AKI key id of {}",
            cols[0]
        );
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} rows checked");
    eprintln!("{checked} corpus rows: SKI and AKI key id agree");
}

/// The malformed corpus: never a panic; where both openssl and x509-parser read a
/// certificate (odd names, negative serials, bad strings), the fields agree.
#[test]
fn bad_corpus_never_panics_and_agrees_where_openssl_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    assert!(root.is_dir(), "fixtures missing: {}", root.display());
    if !have_openssl() {
        eprintln!("openssl missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let (mut both, mut ours_only, mut rejected) = (0, Vec::new(), 0);
    let mut openssl_only = Vec::new();
    let mut bad = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        let label = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let label = label.unwrap_or_default();
        for der in certs_in(&bytes) {
            let _ = CertFields::from_der(&der, std::slice::from_ref(&der), Some(&der));
            if let Err(e) = CertFields::from_der(&der, &[], None) {
                rejected += 1;
                let path = dir.path().join("probe.der");
                std::fs::write(&path, &der).expect("write");
                let args = ["x509", "-inform", "DER", "-noout", "-in"];
                let mut args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
                args.push(path.as_os_str());
                if try_openssl(args).is_some() {
                    openssl_only.push(format!("{label} ({e})"));
                }
                continue;
            }
            let diffs = compare(&der, dir.path(), &label);
            if diffs.len() == 1 && diffs[0].ends_with("openssl cannot print it") {
                ours_only.push(label.clone());
            } else {
                both += 1;
                bad.extend(diffs);
            }
        }
    }
    eprintln!(
        "bad corpus: {both} certificates read by both agree, {rejected} rejected by x509-parser, \
         {} read only by x509-parser: {ours_only:?}; read only by openssl: {openssl_only:#?}",
        ours_only.len()
    );
    assert!(both >= 10, "only {both} bad-corpus certificates compared");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A certificate whose name holds value types `openssl req` never writes
/// (SEQUENCE, T61String with Latin-1, UniversalString, NumericString, an empty
/// value, an unknown OID with a BMPString) and a GeneralizedTime with a
/// fraction, built with `openssl asn1parse -genconf` (the signature is a dummy:
/// printing does not verify it).
#[test]
fn crafted_value_types_match_openssl() {
    if !have_openssl() {
        eprintln!("openssl not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let key = d.join("k.pem");
    openssl([
        OsStr::new("genpkey"),
        OsStr::new("-algorithm"),
        OsStr::new("EC"),
        OsStr::new("-pkeyopt"),
        OsStr::new("ec_paramgen_curve:P-256"),
        OsStr::new("-out"),
        key.as_os_str(),
    ]);
    let spki = d.join("spki.der");
    openssl([
        OsStr::new("pkey"),
        OsStr::new("-in"),
        key.as_os_str(),
        OsStr::new("-pubout"),
        OsStr::new("-outform"),
        OsStr::new("DER"),
        OsStr::new("-out"),
        spki.as_os_str(),
    ]);
    let spki = std::fs::read(&spki).expect("spki");
    let point = hex::encode(&spki[spki.len() - 65..]);
    let conf = format!(
        "asn1=SEQUENCE:cert\n[cert]\ntbs=SEQUENCE:tbs\nalg=SEQUENCE:alg\nsig=FORMAT:HEX,BITSTRING:00\n\
         [tbs]\nver=EXPLICIT:0,INTEGER:2\nserial=INTEGER:0\nalg=SEQUENCE:alg\nissuer=SEQUENCE:name\n\
         validity=SEQUENCE:validity\nsubject=SEQUENCE:name\nspki=SEQUENCE:spki\n\
         [alg]\noid=OID:ecdsa-with-SHA256\n\
         [validity]\na=UTCTIME:220304133500Z\nb=GENERALIZEDTIME:20510109080706.25Z\n\
         [spki]\nalg=SEQUENCE:spkialg\nkey=FORMAT:HEX,BITSTRING:{point}\n\
         [spkialg]\na=OID:id-ecPublicKey\nb=OID:prime256v1\n\
         [name]\nr1=SET:r1\nr2=SET:r2\nr3=SET:r3\nr4=SET:r4\nr5=SET:r5\n\
         [r1]\na=SEQUENCE:a1\n[a1]\noid=OID:organizationName\nv=SEQUENCE:inner\n[inner]\nn=NULL\n\
         [r2]\na=SEQUENCE:a2\nb=SEQUENCE:a2b\n\
         [a2]\noid=OID:stateOrProvinceName\nv=FORMAT:UTF8,T61STRING: Aé,\n\
         [a2b]\noid=OID:commonName\nv=FORMAT:UTF8,UNIV:Zoë \n\
         [r3]\na=SEQUENCE:a3\n[a3]\noid=OID:title\nv=UTF8String:\n\
         [r4]\na=SEQUENCE:a4\n[a4]\noid=OID:1.2.3.4\nv=BMPSTRING:AB\n\
         [r5]\na=SEQUENCE:a5\n[a5]\noid=OID:serialNumber\nv=NUMERIC:12 3\n"
    );
    std::fs::write(d.join("gen.cnf"), conf).expect("cnf");
    openssl([
        OsStr::new("asn1parse"),
        OsStr::new("-genconf"),
        d.join("gen.cnf").as_os_str(),
        OsStr::new("-out"),
        d.join("gen.der").as_os_str(),
    ]);
    let der = std::fs::read(d.join("gen.der")).expect("der");
    let bad = compare(&der, d, "crafted");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let f = CertFields::from_der(&der, &[], None).expect("parses");
    assert_eq!(f.cert_not_after, "Jan  9 08:07:06.25 2051 GMT");
    assert_eq!(f.cert_serial, "00");
    assert!(f.cert_subject_dn.contains("O=#30020500"));
}
