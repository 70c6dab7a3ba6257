//! Client-chain validation and CRL revocation against rustls' test CA
//! (`tests/fixtures/certs/rustls-test-ca/<key type>/`), for every key type it ships.

use std::path::{Path, PathBuf};

use mtlsctl::pki::crl::{crl_signed_by, parse_crl};
use mtlsctl::pki::verify::{
    RevocationSource, VerifyError, VerifyFailure, VerifyOutcome, VerifyRequest, verify_client,
};
use time::OffsetDateTime;
use time::macros::datetime;
use x509_parser::prelude::{FromDer, X509Certificate};

const KEY_TYPES: &[&str] = &[
    "ecdsa-p256",
    "ecdsa-p384",
    "ecdsa-p521",
    "eddsa",
    "rsa-2048",
    "rsa-3072",
    "rsa-4096",
];

fn dir(key_type: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/certs/rustls-test-ca")
        .join(key_type)
}

/// One key type's files, DER.
struct Ca {
    name: &'static str,
    ca: Vec<u8>,
    inter: Vec<u8>,
    client: Vec<u8>,
    end: Vec<u8>,
}

impl Ca {
    fn load(name: &'static str) -> Self {
        let read = |f: &str| std::fs::read(dir(name).join(f)).unwrap();
        Ca {
            name,
            ca: read("ca.der"),
            inter: read("inter.der"),
            client: read("client.der"),
            end: read("end.der"),
        }
    }

    fn crl(&self, file: &str) -> Vec<u8> {
        std::fs::read(dir(self.name).join(file)).unwrap()
    }

    /// Verifies `leaf` through `inter` to `ca` with the given CRLs.
    fn verify_leaf(&self, leaf: &[u8], crls: &[Vec<u8>], at: OffsetDateTime) -> VerifyOutcome {
        self.try_verify(leaf, crls, at)
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }

    fn try_verify(
        &self,
        leaf: &[u8],
        crls: &[Vec<u8>],
        at: OffsetDateTime,
    ) -> Result<VerifyOutcome, VerifyError> {
        let inters = [self.inter.clone()];
        let anchors = [self.ca.clone()];
        verify_client(&VerifyRequest {
            crls,
            ..VerifyRequest::new(leaf, &inters, &anchors, at)
        })
    }
}

fn all() -> impl Iterator<Item = Ca> {
    KEY_TYPES.iter().map(|k| Ca::load(k))
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn serial_hex(der: &[u8]) -> String {
    let (_, cert) = X509Certificate::from_der(der).unwrap();
    mtlsctl::pki::crl::serial_hex(cert.raw_serial())
}

#[test]
fn client_chain_verifies_for_client_auth() {
    for ca in all() {
        let out = ca.verify_leaf(&ca.client, &[], now());
        assert!(out.verified && !out.revoked, "{}: {out:?}", ca.name);
        assert_eq!(out.failure, None);
        assert_eq!(
            out.path,
            vec![ca.inter.clone(), ca.ca.clone()],
            "{}",
            ca.name
        );
        assert_eq!(out.issuer.as_ref(), Some(&ca.inter));
    }
}

/// `end.cert` is rustls' *server* certificate, but it carries no extendedKeyUsage extension at
/// all; RFC 5280 §4.2.1.12 (and webpki, OpenSSL, the edge) treat a missing EKU as "any
/// purpose", so it is accepted for client authentication too.
#[test]
fn end_cert_without_eku_is_accepted_for_client_auth() {
    for ca in all() {
        let (_, end) = X509Certificate::from_der(&ca.end).unwrap();
        assert!(end.extended_key_usage().unwrap().is_none(), "{}", ca.name);
        let out = ca.verify_leaf(&ca.end, &[], now());
        assert!(out.verified, "{}: {out:?}", ca.name);
    }
}

#[test]
fn wrong_anchor_is_unable_to_get_local_issuer() {
    let cas: Vec<Ca> = all().collect();
    for (i, ca) in cas.iter().enumerate() {
        let other = &cas[(i + 1) % cas.len()];
        let inters = [ca.inter.clone()];
        let anchors = [other.ca.clone()];
        let out = verify_client(&VerifyRequest::new(&ca.client, &inters, &anchors, now())).unwrap();
        assert!(!out.verified && !out.revoked);
        assert_eq!(
            out.failure,
            Some(VerifyFailure::UnableToGetLocalIssuer),
            "{}",
            ca.name
        );
        assert_eq!(
            out.failure.unwrap().to_string(),
            "FAILED:unable to get local issuer certificate"
        );
    }
}

#[test]
fn outside_validity_is_expired_or_not_yet_valid() {
    // Every rustls test certificate is valid from 1975-01-01 to 4096-01-01.
    for ca in all() {
        let late = ca.verify_leaf(&ca.client, &[], datetime!(4096-01-02 0:00 UTC));
        assert_eq!(late.failure, Some(VerifyFailure::Expired), "{}", ca.name);
        assert_eq!(
            late.failure.unwrap().to_string(),
            "FAILED:certificate has expired"
        );
        let early = ca.verify_leaf(&ca.client, &[], datetime!(1974-12-31 0:00 UTC));
        assert_eq!(
            early.failure,
            Some(VerifyFailure::NotYetValid),
            "{}",
            ca.name
        );
        assert!(!early.verified && !early.revoked);
    }
}

#[test]
fn client_revoked_by_its_crl_is_verified_and_revoked() {
    for ca in all() {
        let out = ca.verify_leaf(&ca.client, &[ca.crl("client.revoked.crl.pem")], now());
        assert!(out.verified && out.revoked, "{}: {out:?}", ca.name);
        assert_eq!(out.failure, None);
        let info = out.revocation.unwrap();
        assert_eq!(info.depth, 0);
        assert_eq!(info.serial_hex, serial_hex(&ca.client));
        assert!(matches!(
            info.source,
            RevocationSource::Crl {
                index: 0,
                expired: false,
                ..
            }
        ));
        assert!(info.revocation_date.is_some() && info.reason.is_some());
    }
}

#[test]
fn revoked_intermediate_revokes_the_client() {
    for ca in all() {
        let out = ca.verify_leaf(&ca.client, &[ca.crl("inter.revoked.crl.pem")], now());
        assert!(out.verified && out.revoked, "{}: {out:?}", ca.name);
        let info = out.revocation.unwrap();
        assert_eq!(info.depth, 1, "{}", ca.name);
        assert_eq!(info.serial_hex, serial_hex(&ca.inter));
    }
}

#[test]
fn crl_revoking_another_certificate_does_not_revoke_the_client() {
    for ca in all() {
        let out = ca.verify_leaf(&ca.client, &[ca.crl("end.revoked.crl.pem")], now());
        assert!(out.verified && !out.revoked, "{}: {out:?}", ca.name);
        assert!(out.warnings.is_empty());
        // ...but it does revoke the certificate it lists.
        let end = ca.verify_leaf(&ca.end, &[ca.crl("end.revoked.crl.pem")], now());
        assert!(end.verified && end.revoked, "{}", ca.name);
    }
}

/// Documented choice (see `pki::verify`): an expired CRL still counts for what it lists, but
/// cannot prove non-revocation; rustls' expired CRLs list nothing, so the client stays good,
/// with a warning.
#[test]
fn expired_crls_give_not_revoked_with_a_warning() {
    for ca in all() {
        for file in ["client.expired.crl.pem", "inter.expired.crl.pem"] {
            let out = ca.verify_leaf(&ca.client, &[ca.crl(file)], now());
            assert!(out.verified && !out.revoked, "{} {file}: {out:?}", ca.name);
            assert_eq!(out.warnings.len(), 1, "{} {file}", ca.name);
            assert!(out.warnings[0].contains("expired"));
        }
        // Before its nextUpdate the same CRL is current and raises no warning.
        let then = datetime!(2024-07-03 10:43 UTC);
        let out = ca.verify_leaf(&ca.client, &[ca.crl("client.expired.crl.pem")], then);
        assert!(out.verified && !out.revoked && out.warnings.is_empty());
    }
}

#[test]
fn all_crls_together_and_unrelated_crls() {
    for ca in all() {
        let files = [
            "client.expired.crl.pem",
            "end.revoked.crl.pem",
            "inter.expired.crl.pem",
            "client.revoked.crl.pem",
        ];
        let crls: Vec<Vec<u8>> = files.iter().map(|f| ca.crl(f)).collect();
        let out = ca.verify_leaf(&ca.client, &crls, now());
        assert!(out.verified && out.revoked, "{}", ca.name);
        assert_eq!(out.revocation.unwrap().depth, 0);
    }
    // A CRL from another hierarchy (other issuer names) is not used and not an error, but a
    // warning says so: a CRL the user passed that matches nothing must not look like
    // "not revoked" in silence.
    let p256 = Ca::load("ecdsa-p256");
    let rsa = Ca::load("rsa-2048");
    let out = p256.verify_leaf(&p256.client, &[rsa.crl("client.revoked.crl.pem")], now());
    assert!(out.verified && !out.revoked, "{out:?}");
    assert_eq!(out.warnings.len(), 1, "{out:?}");
    assert!(
        out.warnings[0].contains("names no issuer on this certificate's path"),
        "{out:?}"
    );
}

/// M2: issuer names compare as RFC 5280 §7.1 says (string type, case and spaces do not
/// matter), not byte for byte.
#[test]
fn issuer_names_compare_as_rfc5280_says() {
    use mtlsctl::pki::verify::names_match;
    // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, <string> } } }
    fn cn(tag: u8, value: &[u8]) -> Vec<u8> {
        let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x03, tag, value.len() as u8];
        atv.extend_from_slice(value);
        let mut seq = vec![0x30, atv.len() as u8];
        seq.extend(atv);
        let mut set = vec![0x31, seq.len() as u8];
        set.extend(seq);
        let mut name = vec![0x30, set.len() as u8];
        name.extend(set);
        name
    }
    let printable = cn(0x13, b"Acme CA");
    assert!(names_match(&printable, &cn(0x0c, b"Acme CA")));
    assert!(names_match(&printable, &cn(0x0c, b"  acme   ca ")));
    assert!(names_match(&printable, &cn(0x1e, b"\0A\0c\0m\0e\0 \0C\0A")));
    assert!(!names_match(&printable, &cn(0x0c, b"Acme CA2")));
    assert!(!names_match(&printable, &cn(0x0c, b"AcmeCA")));
    assert!(!names_match(&printable, b"\x30\x00"));
}

#[test]
fn broken_crl_signature_is_an_error() {
    for ca in all() {
        for file in [
            "client.revoked.crl.pem",
            "inter.revoked.crl.pem",
            "client.expired.crl.pem",
        ] {
            let mut der = parse_crl(&ca.crl(file)).unwrap().der;
            // The signature BIT STRING ends the CRL: flip its last byte.
            let last = der.len() - 1;
            der[last] ^= 0x01;
            let err = ca.try_verify(&ca.client, &[der], now()).unwrap_err();
            assert!(
                matches!(err, VerifyError::CrlSignature { index: 0, .. }),
                "{} {file}: {err}",
                ca.name
            );
            assert!(err.to_string().contains("does not verify"), "{err}");
        }
    }
}

#[test]
fn malformed_crl_is_an_error() {
    let ca = Ca::load("ecdsa-p256");
    let err = ca
        .try_verify(&ca.client, &[b"not a crl".to_vec()], now())
        .unwrap_err();
    assert!(matches!(err, VerifyError::Crl { index: 0, .. }), "{err}");
}

#[test]
fn crl_signed_by_names_the_right_issuer() {
    for ca in all() {
        let client_crl = parse_crl(&ca.crl("client.revoked.crl.pem")).unwrap();
        assert!(crl_signed_by(&client_crl, &ca.inter), "{}", ca.name);
        assert!(!crl_signed_by(&client_crl, &ca.ca), "{}", ca.name);
        let inter_crl = parse_crl(&ca.crl("inter.revoked.crl.pem")).unwrap();
        assert!(crl_signed_by(&inter_crl, &ca.ca), "{}", ca.name);
        assert_eq!(inter_crl.entries.len(), 1);
        assert_eq!(inter_crl.entries[0].serial_hex, serial_hex(&ca.inter));
    }
}

/// The other half of the expired-CRL choice: rustls' `*.revoked.crl.pem` have nextUpdate in
/// 2124 while the certificates last until 4096, so in 2200 the CRL is expired yet still says
/// the client was revoked; that revocation stands (revocation is permanent).
#[test]
fn expired_crl_listing_the_client_still_revokes_it() {
    let later = datetime!(2200-01-01 0:00 UTC);
    for ca in all() {
        let out = ca.verify_leaf(&ca.client, &[ca.crl("client.revoked.crl.pem")], later);
        assert!(out.verified && out.revoked, "{}: {out:?}", ca.name);
        assert!(matches!(
            out.revocation.unwrap().source,
            RevocationSource::Crl { expired: true, .. }
        ));
        assert_eq!(out.warnings.len(), 1);
    }
}

/// Every malformed input in `tests/fixtures/bad/` gives an answer or an error, never a panic,
/// whether it is offered as a CRL, a leaf, an intermediate or a trust anchor.
#[test]
fn bad_inputs_never_panic() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let good = Ca::load("ecdsa-p256");
    let mut seen = 0;
    for entry in std::fs::read_dir(&bad).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "MANIFEST.tsv") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let der = pem::parse(&bytes).map_or_else(|_| bytes.clone(), pem::Pem::into_contents);
        let _ = parse_crl(&bytes);
        let _ = good.try_verify(&good.client, std::slice::from_ref(&bytes), now());
        let as_leaf = good.try_verify(&der, &[], now()).unwrap();
        assert!(!as_leaf.verified || as_leaf.failure.is_none());
        let inters = [der.clone(), good.inter.clone()];
        let anchors = [good.ca.clone()];
        let _ = verify_client(&VerifyRequest::new(&good.client, &inters, &anchors, now()));
        let anchors = [der];
        let _ = verify_client(&VerifyRequest::new(&good.client, &inters, &anchors, now()));
        seen += 1;
    }
    assert_eq!(seen, 78);
}
