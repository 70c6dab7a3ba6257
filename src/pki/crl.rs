//! Certificate revocation lists: parsing (PEM `X509 CRL` or DER) into an owned [`Crl`],
//! checking who signed one ([`crl_signed_by`]) and looking serials up in it.
//!
//! This module owns the CRL as data. It does not decide whether a certificate is revoked on a
//! validated path (that is `pki::verify`, which also documents the expired-CRL policy), and it
//! does not fetch CRLs from anywhere. Signatures are checked with rustls-webpki's aws-lc-rs
//! algorithm set, so a CRL is accepted for exactly the key types that path validation accepts
//! (x509-parser's own verifier lacks ECDSA P-521/SHA-512, which rustls' test CA uses).

use rustls_pki_types::AlgorithmIdentifier;
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::revocation_list::CertificateRevocationList;

/// Why a CRL could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CrlError {
    /// The input was PEM but not a single well-formed `X509 CRL` block.
    #[error("CRL PEM is malformed: {0}; expected one -----BEGIN X509 CRL----- block")]
    Pem(String),
    /// The PEM block had another label (a certificate, a key...).
    #[error("expected a PEM block labelled `X509 CRL`, found `{0}`; is this file really a CRL?")]
    WrongPemLabel(String),
    /// The DER did not parse as a CertificateList.
    #[error("CRL DER is malformed: {0}")]
    Der(String),
    /// Bytes followed the CertificateList.
    #[error("CRL has {0} trailing byte(s) after the CertificateList; the file may be corrupted")]
    TrailingData(usize),
    /// A feature this tool deliberately does not support (delta or indirect CRLs).
    #[error("unsupported CRL: {0}; supply a complete, direct CRL from the issuing CA")]
    Unsupported(&'static str),
}

/// One revoked certificate listed in a CRL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlEntry {
    /// Serial number as big-endian magnitude bytes (no leading zero bytes, except the value 0).
    pub serial: Vec<u8>,
    /// Serial as upper-case hex without colons or a `00` sign byte (Cloudflare `cert_serial` form).
    pub serial_hex: String,
    /// When the CA processed the revocation.
    pub revocation_date: OffsetDateTime,
    /// The CRL reason code (RFC 5280 §5.3.1), if the entry carries one.
    pub reason: Option<u8>,
}

impl CrlEntry {
    /// Name of the reason code in RFC 5280 spelling (`keyCompromise`...), `unspecified` if absent.
    pub fn reason_name(&self) -> &'static str {
        reason_name(self.reason)
    }
}

/// A parsed certificate revocation list, owning its DER.
#[derive(Debug, Clone)]
pub struct Crl {
    /// The CRL's complete DER encoding.
    pub der: Vec<u8>,
    /// The issuer Name exactly as encoded (full DER TLV), for byte comparison with a subject.
    pub issuer_raw: Vec<u8>,
    /// The issuer Name for display (x509-parser's rendering; not guaranteed RFC 2253).
    pub issuer_dn: String,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate, if present.
    pub next_update: Option<OffsetDateTime>,
    /// The Authority Key Identifier key id, if the CRL carries one.
    pub authority_key_id: Option<Vec<u8>>,
    /// The cRLNumber as upper-case hex, if present.
    pub crl_number: Option<String>,
    /// The revoked certificates, in CRL order.
    pub entries: Vec<CrlEntry>,
    /// issuingDistributionPoint says the CRL covers only end-entity certificates.
    pub only_user_certs: bool,
    /// issuingDistributionPoint says the CRL covers only CA certificates.
    pub only_ca_certs: bool,
    /// Offsets of the signed part and signature, kept so the signature can be checked later.
    signed: SignedParts,
}

#[derive(Debug, Clone)]
struct SignedParts {
    tbs: std::ops::Range<usize>,
    alg_id: std::ops::Range<usize>,
    signature: std::ops::Range<usize>,
}

impl Crl {
    /// Whether the CRL's nextUpdate lies before `at` (a CRL without nextUpdate never expires).
    pub fn is_expired_at(&self, at: OffsetDateTime) -> bool {
        self.next_update.is_some_and(|next| next < at)
    }

    /// The entry for `serial` (big-endian bytes; leading zero bytes are ignored), if listed.
    pub fn find_serial(&self, serial: &[u8]) -> Option<&CrlEntry> {
        let wanted = strip_leading_zeros(serial);
        self.entries.iter().find(|e| e.serial == wanted)
    }

    /// Checks the CRL's signature against a DER SubjectPublicKeyInfo.
    pub fn verify_signature_with_spki(&self, spki_der: &[u8]) -> Result<(), SignatureError> {
        verify_parts(&self.der, &self.signed, spki_der)
    }
}

/// Checks the signature of any signed X.509 structure (certificate or CRL) against a DER
/// SubjectPublicKeyInfo, with rustls-webpki's algorithm set.
pub(crate) fn verify_signed_with_spki(
    signed_der: &[u8],
    spki_der: &[u8],
) -> Result<(), SignatureError> {
    let parts = der::split_signed(signed_der).ok_or(SignatureError::Malformed)?;
    verify_parts(signed_der, &parts, spki_der)
}

fn verify_parts(data: &[u8], parts: &SignedParts, spki_der: &[u8]) -> Result<(), SignatureError> {
    let (spki_alg, key) = der::split_spki(spki_der).ok_or(SignatureError::BadIssuerKey)?;
    let (Some(tbs), Some(sig_alg), Some(sig)) = (
        data.get(parts.tbs.clone()),
        data.get(parts.alg_id.clone()),
        data.get(parts.signature.clone()),
    ) else {
        return Err(SignatureError::Malformed);
    };
    let mut alg_known = false;
    let mut tried = false;
    for alg in webpki::ALL_VERIFICATION_ALGS {
        if !alg_id_eq(alg.signature_alg_id(), sig_alg) {
            continue;
        }
        alg_known = true;
        if !alg_id_eq(alg.public_key_alg_id(), spki_alg) {
            continue;
        }
        tried = true;
        if alg.verify_signature(key, tbs, sig).is_ok() {
            return Ok(());
        }
    }
    Err(match (tried, alg_known) {
        (true, _) => SignatureError::Invalid,
        (false, true) => SignatureError::KeyMismatch,
        (false, false) => SignatureError::UnsupportedAlgorithm,
    })
}

/// Why a CRL signature did not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The signature does not match the issuer key.
    #[error("the CRL signature does not verify with the issuer's public key")]
    Invalid,
    /// The issuer key type cannot make this kind of signature (e.g. RSA key, ECDSA signature).
    #[error("the CRL signature algorithm does not fit the issuer's key type")]
    KeyMismatch,
    /// The signature algorithm is not one rustls-webpki supports.
    #[error("the CRL signature algorithm is not supported")]
    UnsupportedAlgorithm,
    /// The issuer certificate or its key could not be parsed.
    #[error("the issuer certificate or its public key could not be parsed")]
    BadIssuerKey,
    /// The signed structure is not `SEQUENCE { tbs, algorithm, BIT STRING }`.
    #[error("the signed structure is malformed")]
    Malformed,
}

/// Parses a CRL given as PEM (`-----BEGIN X509 CRL-----`) or DER.
pub fn parse_crl(bytes: &[u8]) -> Result<Crl, CrlError> {
    let der = if looks_like_pem(bytes) {
        let block = pem::parse(bytes).map_err(|e| CrlError::Pem(e.to_string()))?;
        if block.tag() != "X509 CRL" {
            return Err(CrlError::WrongPemLabel(block.tag().to_string()));
        }
        block.into_contents()
    } else {
        bytes.to_vec()
    };
    parse_der(der)
}

/// Whether `crl` names the certificate `issuer_der` as its issuer and is signed by its key.
pub fn crl_signed_by(crl: &Crl, issuer_der: &[u8]) -> bool {
    let Ok((_, issuer)) = X509Certificate::from_der(issuer_der) else {
        return false;
    };
    issuer.subject().as_raw() == crl.issuer_raw.as_slice()
        && crl
            .verify_signature_with_spki(issuer.public_key().raw)
            .is_ok()
}

/// RFC 5280 spelling of a CRL reason code.
pub fn reason_name(code: Option<u8>) -> &'static str {
    match code {
        None | Some(0) => "unspecified",
        Some(1) => "keyCompromise",
        Some(2) => "cACompromise",
        Some(3) => "affiliationChanged",
        Some(4) => "superseded",
        Some(5) => "cessationOfOperation",
        Some(6) => "certificateHold",
        Some(8) => "removeFromCRL",
        Some(9) => "privilegeWithdrawn",
        Some(10) => "aACompromise",
        Some(_) => "unknown",
    }
}

/// Upper-case hex of a serial without a leading `00` sign byte.
pub fn serial_hex(serial: &[u8]) -> String {
    strip_leading_zeros(serial)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Drops leading zero bytes so serials compare by value (keeps one byte for the value 0).
pub(crate) fn strip_leading_zeros(serial: &[u8]) -> Vec<u8> {
    let start = serial
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(serial.len().saturating_sub(1));
    serial.get(start..).unwrap_or_default().to_vec()
}

fn looks_like_pem(bytes: &[u8]) -> bool {
    let trimmed = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| bytes.get(i..))
        .unwrap_or_default();
    trimmed.starts_with(b"-----BEGIN")
}

/// Compares a webpki AlgorithmIdentifier (SEQUENCE contents) with the contents we extracted.
fn alg_id_eq(known: AlgorithmIdentifier, found: &[u8]) -> bool {
    known.as_ref() == found
}

const OID_DELTA_CRL: &str = "2.5.29.27";
const OID_CERT_ISSUER: &str = "2.5.29.29";

fn parse_der(der: Vec<u8>) -> Result<Crl, CrlError> {
    let signed = der::split_signed(&der).ok_or_else(|| {
        CrlError::Der("not a SEQUENCE of tbsCertList, signatureAlgorithm, signature".into())
    })?;
    let (rest, crl) =
        CertificateRevocationList::from_der(&der).map_err(|e| CrlError::Der(e.to_string()))?;
    if !rest.is_empty() {
        return Err(CrlError::TrailingData(rest.len()));
    }
    let mut authority_key_id = None;
    let (mut only_user_certs, mut only_ca_certs) = (false, false);
    for ext in crl.extensions() {
        let oid = ext.oid.to_id_string();
        if oid == OID_DELTA_CRL {
            return Err(CrlError::Unsupported("delta CRLs are not supported"));
        }
        if let x509_parser::extensions::ParsedExtension::IssuingDistributionPoint(idp) =
            ext.parsed_extension()
        {
            if idp.indirect_crl {
                return Err(CrlError::Unsupported("indirect CRLs are not supported"));
            }
            if idp.only_contains_attribute_certs {
                return Err(CrlError::Unsupported(
                    "attribute-certificate CRLs do not apply",
                ));
            }
            only_user_certs = idp.only_contains_user_certs;
            only_ca_certs = idp.only_contains_ca_certs;
        }
        if let x509_parser::extensions::ParsedExtension::AuthorityKeyIdentifier(aki) =
            ext.parsed_extension()
        {
            authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec());
        }
    }
    let mut entries = Vec::new();
    for revoked in crl.iter_revoked_certificates() {
        if revoked
            .extensions()
            .iter()
            .any(|e| e.oid.to_id_string() == OID_CERT_ISSUER)
        {
            return Err(CrlError::Unsupported("indirect CRLs are not supported"));
        }
        let serial = strip_leading_zeros(revoked.raw_serial());
        entries.push(CrlEntry {
            serial_hex: serial_hex(&serial),
            serial,
            revocation_date: revoked.revocation_date.to_datetime(),
            reason: revoked.reason_code().map(|(_, code)| code.0),
        });
    }
    let parsed = Crl {
        issuer_raw: crl.issuer().as_raw().to_vec(),
        issuer_dn: super::dn::rfc2253(crl.issuer()),
        this_update: crl.last_update().to_datetime(),
        next_update: crl.next_update().map(|t| t.to_datetime()),
        authority_key_id,
        crl_number: crl.crl_number().map(|n| format!("{n:X}")),
        entries,
        only_user_certs,
        only_ca_certs,
        signed,
        der: Vec::new(),
    };
    Ok(Crl { der, ..parsed })
}

/// A minimal DER walker: just enough to cut a signed structure and an SPKI into their parts.
pub(crate) mod der {
    use std::ops::Range;

    /// Reads one TLV at `pos`; returns (tag, content range, end offset).
    fn tlv(data: &[u8], pos: usize) -> Option<(u8, Range<usize>, usize)> {
        let tag = *data.get(pos)?;
        let first = *data.get(pos + 1)?;
        let (len, header) = if first < 0x80 {
            (usize::from(first), 2)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | usize::from(*data.get(pos + 2 + i)?);
            }
            (len, 2 + n)
        };
        let start = pos + header;
        let end = start.checked_add(len)?;
        if end > data.len() {
            return None;
        }
        Some((tag, start..end, end))
    }

    /// Splits `SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING }` into (tbs TLV, algorithm
    /// SEQUENCE contents, signature bytes without the unused-bits octet).
    pub(super) fn split_signed(data: &[u8]) -> Option<super::SignedParts> {
        let (tag, outer, _) = tlv(data, 0)?;
        if tag != 0x30 {
            return None;
        }
        let tbs_start = outer.start;
        let (t1, _, tbs_end) = tlv(data, tbs_start)?;
        let (t2, alg, alg_end) = tlv(data, tbs_end)?;
        let (t3, sig, sig_end) = tlv(data, alg_end)?;
        if t1 != 0x30 || t2 != 0x30 || t3 != 0x03 || sig_end != outer.end || sig.is_empty() {
            return None;
        }
        if *data.get(sig.start)? != 0 {
            return None;
        }
        Some(super::SignedParts {
            tbs: tbs_start..tbs_end,
            alg_id: alg,
            signature: sig.start + 1..sig.end,
        })
    }

    /// Splits an SPKI into (algorithm SEQUENCE contents, key bytes).
    pub(crate) fn split_spki(data: &[u8]) -> Option<(&[u8], &[u8])> {
        let (tag, outer, _) = tlv(data, 0)?;
        if tag != 0x30 {
            return None;
        }
        let (t1, alg, alg_end) = tlv(data, outer.start)?;
        let (t2, key, _) = tlv(data, alg_end)?;
        if t1 != 0x30 || t2 != 0x03 || key.is_empty() || *data.get(key.start)? != 0 {
            return None;
        }
        Some((data.get(alg)?, data.get(key.start + 1..key.end)?))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn long_form_length_and_truncation() {
            let mut data = vec![0x04, 0x81, 0x80];
            data.extend(std::iter::repeat_n(0u8, 0x80));
            assert_eq!(tlv(&data, 0).map(|t| t.1), Some(3..0x83));
            assert!(tlv(&data[..10], 0).is_none());
            assert!(tlv(&[0x30, 0x85, 1, 1, 1, 1, 1], 0).is_none());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/certs/rustls-test-ca/ecdsa-p256/"
    );

    fn read(name: &str) -> Vec<u8> {
        std::fs::read(format!("{DIR}{name}")).unwrap()
    }

    fn cert_der(name: &str) -> Vec<u8> {
        pem::parse(read(name)).unwrap().into_contents()
    }

    #[test]
    fn parses_pem_and_der_alike() {
        let from_pem = parse_crl(&read("client.revoked.crl.pem")).unwrap();
        let from_der = parse_crl(&from_pem.der).unwrap();
        assert_eq!(from_pem.der, from_der.der);
        assert_eq!(from_pem.entries.len(), 1);
        assert_eq!(from_pem.entries[0].serial_hex, "19");
        assert!(from_pem.issuer_dn.contains("level 2 intermediate"));
        assert!(from_pem.next_update.is_some());
        assert!(from_pem.find_serial(&[0x00, 0x19]).is_some());
        assert!(from_pem.find_serial(&[0x18]).is_none());
    }

    #[test]
    fn signed_by_the_right_issuer_only() {
        let crl = parse_crl(&read("client.revoked.crl.pem")).unwrap();
        assert!(crl_signed_by(&crl, &cert_der("inter.cert")));
        assert!(!crl_signed_by(&crl, &cert_der("ca.cert")));
        let crl = parse_crl(&read("inter.revoked.crl.pem")).unwrap();
        assert!(crl_signed_by(&crl, &cert_der("ca.cert")));
    }

    #[test]
    fn expired_crl_is_expired() {
        let crl = parse_crl(&read("client.expired.crl.pem")).unwrap();
        assert!(crl.is_expired_at(time::macros::datetime!(2025-01-01 0:00 UTC)));
        assert!(!crl.is_expired_at(time::macros::datetime!(2024-07-03 10:43 UTC)));
    }

    #[test]
    fn rejects_certificates_and_garbage() {
        assert!(matches!(
            parse_crl(&read("ca.cert")),
            Err(CrlError::WrongPemLabel(label)) if label == "CERTIFICATE"
        ));
        assert!(matches!(
            parse_crl(b"\x30\x03\x02\x01\x00"),
            Err(CrlError::Der(_))
        ));
        assert!(matches!(
            parse_crl(b"-----BEGIN X509 CRL-----\n!!"),
            Err(CrlError::Pem(_))
        ));
        let mut der = parse_crl(&read("client.revoked.crl.pem")).unwrap().der;
        der.push(0);
        assert!(matches!(parse_crl(&der), Err(CrlError::TrailingData(1))));
    }

    #[test]
    fn serial_helpers() {
        assert_eq!(serial_hex(&[0x00, 0xAB, 0x01]), "AB01");
        assert_eq!(strip_leading_zeros(&[0, 0]), vec![0]);
        assert_eq!(reason_name(Some(1)), "keyCompromise");
        assert_eq!(reason_name(None), "unspecified");
    }
}
