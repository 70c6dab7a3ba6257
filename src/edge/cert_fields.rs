//! The certificate-derived `cf.tls_client_auth.*` fields, in the edge's exact formats.
//!
//! This module owns turning a client certificate (leaf DER, the chain the client
//! sent, and the issuing CA if known) into every String/Bool field that
//! Cloudflare's edge computes from the certificate itself (spec §1). It does
//! not validate the chain or check revocation: `cert_verified` and
//! `cert_revoked` belong to the verifier and are not members here.
//!
//! Formats and choices:
//! * DNs: [`crate::pki::dn`] (`-nameopt RFC2253` and `-nameopt compat`);
//!   `cert_*_dn` equals `cert_*_dn_rfc2253`.
//! * Serials ([`serial_hex`]): upper-case hex of the magnitude, no colons,
//!   without the `00` sign byte, like OpenSSL's `i2a_ASN1_INTEGER`: serial 0 is
//!   `00`, a negative serial (invalid per RFC 5280, but parsed) is `-` and the
//!   hex of its magnitude.
//! * Fingerprints: lower-case hex of SHA-1/SHA-256 of the certificate DER.
//! * Dates ([`openssl_time`]): `Mar  4 13:35:00 2022 GMT`, day space-padded,
//!   fractional seconds of a GeneralizedTime kept as OpenSSL prints them.
//! * `cert_ski`: the leaf's SubjectKeyIdentifier extension, `""` when absent.
//!   It is read, never computed: the edge reports what the certificate carries.
//! * `cert_issuer_ski`: the leaf's AuthorityKeyIdentifier keyIdentifier if
//!   present (Cloudflare's documented recipe), else the SKI of the `issuer`
//!   certificate when the caller knows it (the edge knows the CA that verified
//!   the leaf), else `""`.
//! * `cert_issuer_serial`: serial of `issuer` when given, else `""`.
//! * RFC 9440: `:base64:` of the leaf DER; the chain as `:b64:, :b64:` in the
//!   order sent, without the leaf. "Too large" means the encoded header value
//!   (colons and separators included) is longer than 10 KiB (leaf) or 16 KiB
//!   (chain): the value is then `""` and the flag `true`. This reading of the
//!   documented "over 10 KiB" is ours.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::certificate::{X509Certificate, X509CertificateParser};
use x509_parser::der_parser::asn1_rs::{Any, Class, FromDer, Oid, Tag};
use x509_parser::nom::Parser as _;
use x509_parser::oid_registry::{
    OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER, OID_X509_EXT_SUBJECT_KEY_IDENTIFIER,
};
use x509_parser::time::ASN1Time;

use crate::pki::dn;

/// The largest leaf RFC 9440 value the edge fills in (10 KiB).
pub const RFC9440_LEAF_LIMIT: usize = 10 * 1024;
/// The largest chain RFC 9440 value the edge fills in (16 KiB).
pub const RFC9440_CHAIN_LIMIT: usize = 16 * 1024;

/// Why the certificate fields could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum CertFieldsError {
    /// The leaf is not a DER X.509 certificate.
    #[error("the client certificate is not a valid DER X.509 certificate: {0}")]
    Leaf(String),
    /// The issuer certificate is not a DER X.509 certificate.
    #[error("the issuer certificate is not a valid DER X.509 certificate: {0}")]
    Issuer(String),
    /// Bytes follow the certificate's DER.
    #[error("{0} trailing bytes after the {1} certificate")]
    TrailingData(usize, &'static str),
}

/// One `cf.tls_client_auth.*` certificate field value: a String or a Bool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FieldValue<'a> {
    /// A String field.
    Str(&'a str),
    /// A Boolean field.
    Bool(bool),
}

/// Every certificate-derived `cf.tls_client_auth.*` String/Bool field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CertFields {
    /// A certificate was sent, valid or not.
    pub cert_presented: bool,
    /// Subject DN, RFC 2253.
    pub cert_subject_dn: String,
    /// Subject DN, RFC 2253 (same as `cert_subject_dn`).
    pub cert_subject_dn_rfc2253: String,
    /// Subject DN, legacy slash form.
    pub cert_subject_dn_legacy: String,
    /// Issuer DN, RFC 2253.
    pub cert_issuer_dn: String,
    /// Issuer DN, RFC 2253 (same as `cert_issuer_dn`).
    pub cert_issuer_dn_rfc2253: String,
    /// Issuer DN, legacy slash form.
    pub cert_issuer_dn_legacy: String,
    /// Leaf serial, upper-case hex.
    pub cert_serial: String,
    /// Issuer certificate serial, upper-case hex, `""` if the issuer is unknown.
    pub cert_issuer_serial: String,
    /// SHA-1 of the leaf DER, lower-case hex.
    pub cert_fingerprint_sha1: String,
    /// SHA-256 of the leaf DER, lower-case hex.
    pub cert_fingerprint_sha256: String,
    /// notBefore, OpenSSL style.
    pub cert_not_before: String,
    /// notAfter, OpenSSL style.
    pub cert_not_after: String,
    /// Leaf SubjectKeyIdentifier, upper-case hex, `""` if absent.
    pub cert_ski: String,
    /// Direct issuer's key identifier, upper-case hex, `""` if unknown.
    pub cert_issuer_ski: String,
    /// `:base64(leaf DER):`, `""` if too large.
    pub cert_rfc9440: String,
    /// The leaf encoding exceeded 10 KiB.
    pub cert_rfc9440_too_large: bool,
    /// `:b64:, :b64:` of the chain sent (leaf excluded), `""` if too large.
    pub cert_chain_rfc9440: String,
    /// The chain encoding exceeded 16 KiB.
    pub cert_chain_rfc9440_too_large: bool,
}

fn parse<'a>(
    der: &'a [u8],
    which: &'static str,
    err: fn(String) -> CertFieldsError,
) -> Result<X509Certificate<'a>, CertFieldsError> {
    // Extensions are not deep-parsed: no field depends on them except SKI and
    // AKI, read below, and a malformed unrelated extension (a duplicate AIA
    // entry, say) must not hide the other fields, as it does not for OpenSSL.
    let (rest, cert) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
        .map_err(|e| err(e.to_string()))?;
    if !rest.is_empty() {
        return Err(CertFieldsError::TrailingData(rest.len(), which));
    }
    Ok(cert)
}

/// The value of the first extension with this OID.
fn extension_value<'a>(cert: &X509Certificate<'a>, oid: &Oid<'_>) -> Option<&'a [u8]> {
    cert.extensions()
        .iter()
        .find(|ext| ext.oid == *oid)
        .map(|ext| ext.value)
}

/// SubjectKeyIdentifier ::= OCTET STRING; `None` if absent or malformed.
fn ski_of(cert: &X509Certificate<'_>) -> Option<String> {
    let value = extension_value(cert, &OID_X509_EXT_SUBJECT_KEY_IDENTIFIER)?;
    let (_, any) = Any::from_der(value).ok()?;
    (any.header.class() == Class::Universal && any.header.tag() == Tag::OctetString)
        .then(|| key_id_hex(any.data))
}

/// AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }.
fn aki_key_id_of(cert: &X509Certificate<'_>) -> Option<String> {
    let value = extension_value(cert, &OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER)?;
    let (_, seq) = Any::from_der(value).ok()?;
    if seq.header.tag() != Tag::Sequence {
        return None;
    }
    let (_, first) = Any::from_der(seq.data).ok()?;
    (first.header.class() == Class::ContextSpecific && first.header.tag() == Tag(0))
        .then(|| key_id_hex(first.data))
}

impl CertFields {
    /// Compute the fields from the leaf DER, the chain sent (leaf excluded) and the issuer DER if known.
    pub fn from_der(
        leaf: &[u8],
        chain: &[Vec<u8>],
        issuer: Option<&[u8]>,
    ) -> Result<CertFields, CertFieldsError> {
        let cert = parse(leaf, "client", CertFieldsError::Leaf)?;
        let issuer_cert = issuer
            .map(|der| parse(der, "issuer", CertFieldsError::Issuer))
            .transpose()?;

        let subject = dn::rfc2253(cert.subject());
        let issuer_dn = dn::rfc2253(cert.issuer());
        let (cert_rfc9440, cert_rfc9440_too_large) = rfc9440_leaf(leaf);
        let (cert_chain_rfc9440, cert_chain_rfc9440_too_large) = rfc9440_chain(chain);
        let validity = cert.validity();

        Ok(CertFields {
            cert_presented: true,
            cert_subject_dn_rfc2253: subject.clone(),
            cert_subject_dn: subject,
            cert_subject_dn_legacy: dn::legacy(cert.subject()),
            cert_issuer_dn_rfc2253: issuer_dn.clone(),
            cert_issuer_dn: issuer_dn,
            cert_issuer_dn_legacy: dn::legacy(cert.issuer()),
            cert_serial: serial_hex(cert.raw_serial()),
            cert_issuer_serial: issuer_cert
                .as_ref()
                .map(|c| serial_hex(c.raw_serial()))
                .unwrap_or_default(),
            cert_fingerprint_sha1: hex::encode(Sha1::digest(leaf)),
            cert_fingerprint_sha256: hex::encode(Sha256::digest(leaf)),
            cert_not_before: openssl_time(&validity.not_before),
            cert_not_after: openssl_time(&validity.not_after),
            cert_ski: ski_of(&cert).unwrap_or_default(),
            cert_issuer_ski: aki_key_id_of(&cert)
                .or_else(|| issuer_cert.as_ref().and_then(ski_of))
                .unwrap_or_default(),
            cert_rfc9440,
            cert_rfc9440_too_large,
            cert_chain_rfc9440,
            cert_chain_rfc9440_too_large,
        })
    }

    /// No certificate presented: every String `""`, every Bool `false`.
    pub fn none() -> CertFields {
        CertFields::default()
    }

    /// `(field name with the cf.tls_client_auth. prefix, value)` in the spec's order.
    pub fn entries(&self) -> Vec<(&'static str, FieldValue<'_>)> {
        use FieldValue::{Bool, Str};
        vec![
            (
                "cf.tls_client_auth.cert_presented",
                Bool(self.cert_presented),
            ),
            (
                "cf.tls_client_auth.cert_issuer_dn",
                Str(&self.cert_issuer_dn),
            ),
            (
                "cf.tls_client_auth.cert_subject_dn",
                Str(&self.cert_subject_dn),
            ),
            (
                "cf.tls_client_auth.cert_issuer_dn_rfc2253",
                Str(&self.cert_issuer_dn_rfc2253),
            ),
            (
                "cf.tls_client_auth.cert_subject_dn_rfc2253",
                Str(&self.cert_subject_dn_rfc2253),
            ),
            (
                "cf.tls_client_auth.cert_issuer_dn_legacy",
                Str(&self.cert_issuer_dn_legacy),
            ),
            (
                "cf.tls_client_auth.cert_subject_dn_legacy",
                Str(&self.cert_subject_dn_legacy),
            ),
            ("cf.tls_client_auth.cert_serial", Str(&self.cert_serial)),
            (
                "cf.tls_client_auth.cert_issuer_serial",
                Str(&self.cert_issuer_serial),
            ),
            (
                "cf.tls_client_auth.cert_fingerprint_sha256",
                Str(&self.cert_fingerprint_sha256),
            ),
            (
                "cf.tls_client_auth.cert_fingerprint_sha1",
                Str(&self.cert_fingerprint_sha1),
            ),
            (
                "cf.tls_client_auth.cert_not_before",
                Str(&self.cert_not_before),
            ),
            (
                "cf.tls_client_auth.cert_not_after",
                Str(&self.cert_not_after),
            ),
            ("cf.tls_client_auth.cert_ski", Str(&self.cert_ski)),
            (
                "cf.tls_client_auth.cert_issuer_ski",
                Str(&self.cert_issuer_ski),
            ),
            ("cf.tls_client_auth.cert_rfc9440", Str(&self.cert_rfc9440)),
            (
                "cf.tls_client_auth.cert_rfc9440_too_large",
                Bool(self.cert_rfc9440_too_large),
            ),
            (
                "cf.tls_client_auth.cert_chain_rfc9440",
                Str(&self.cert_chain_rfc9440),
            ),
            (
                "cf.tls_client_auth.cert_chain_rfc9440_too_large",
                Bool(self.cert_chain_rfc9440_too_large),
            ),
        ]
    }
}

/// RFC 9440 value of one certificate: `:base64(der):`.
pub fn rfc9440_encode(der: &[u8]) -> String {
    format!(":{}:", STANDARD.encode(der))
}

/// Apply a size limit: `(value, false)` if it fits, else `("", true)`.
fn limited(value: String, limit: usize) -> (String, bool) {
    if value.len() > limit {
        (String::new(), true)
    } else {
        (value, false)
    }
}

/// `cert_rfc9440` and `cert_rfc9440_too_large` for a leaf DER.
pub fn rfc9440_leaf(der: &[u8]) -> (String, bool) {
    limited(rfc9440_encode(der), RFC9440_LEAF_LIMIT)
}

/// `cert_chain_rfc9440` and `cert_chain_rfc9440_too_large` for the chain sent.
pub fn rfc9440_chain(chain: &[Vec<u8>]) -> (String, bool) {
    let joined = chain
        .iter()
        .map(|der| rfc9440_encode(der))
        .collect::<Vec<_>>()
        .join(", ");
    limited(joined, RFC9440_CHAIN_LIMIT)
}

/// Decode an RFC 9440 list (`:b64:, :b64:`) back to DER; `None` if malformed.
pub fn rfc9440_decode(value: &str) -> Option<Vec<Vec<u8>>> {
    if value.is_empty() {
        return Some(Vec::new());
    }
    value
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            let inner = item.strip_prefix(':')?.strip_suffix(':')?;
            STANDARD.decode(inner).ok()
        })
        .collect()
}

/// Serial in the edge's format from the DER INTEGER content bytes (upper hex, no sign byte).
pub fn serial_hex(raw_serial_bytes: &[u8]) -> String {
    let negative = raw_serial_bytes.first().is_some_and(|b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement: invert and add one.
        let mut m: Vec<u8> = raw_serial_bytes.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
        m
    } else {
        raw_serial_bytes.to_vec()
    };
    let start = magnitude
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(magnitude.len());
    let digits = &magnitude[start..];
    let hex = if digits.is_empty() {
        "00".to_owned()
    } else {
        hex::encode_upper(digits)
    };
    if negative { format!("-{hex}") } else { hex }
}

/// Key identifier bytes as upper-case hex without colons.
pub fn key_id_hex(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A certificate time as OpenSSL prints it: `Mar  4 13:35:00 2022 GMT`.
pub fn openssl_time(t: &ASN1Time) -> String {
    let dt = t.to_datetime().to_offset(time::UtcOffset::UTC);
    let month = MONTHS[usize::from(u8::from(dt.month())) - 1];
    let nanos = dt.nanosecond();
    let fraction = if nanos == 0 {
        String::new()
    } else {
        let digits = format!("{nanos:09}");
        format!(".{}", digits.trim_end_matches('0'))
    };
    format!(
        "{month} {:2} {:02}:{:02}:{:02}{fraction} {} GMT",
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_formats() {
        assert_eq!(serial_hex(&[0x01]), "01");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[]), "00");
        assert_eq!(serial_hex(&[0x00, 0x80, 0x0a]), "800A");
        assert_eq!(serial_hex(&[0x52, 0x7e, 0x0f]), "527E0F");
        assert_eq!(serial_hex(&[0xff]), "-01");
        assert_eq!(serial_hex(&[0xff, 0x00]), "-0100");
        assert_eq!(serial_hex(&[0x80]), "-80");
    }

    #[test]
    fn key_id_upper() {
        assert_eq!(key_id_hex(&[0xa5, 0xac, 0x0f]), "A5AC0F");
    }

    #[test]
    fn time_format_pads_day() {
        let t = ASN1Time::from_timestamp(1_646_400_900).expect("valid timestamp"); // 2022-03-04 13:35:00
        assert_eq!(openssl_time(&t), "Mar  4 13:35:00 2022 GMT");
        let t = ASN1Time::from_timestamp(1_647_869_700).expect("valid timestamp");
        assert_eq!(openssl_time(&t), "Mar 21 13:35:00 2022 GMT");
    }

    #[test]
    fn time_format_fraction_and_late_years() {
        let t = ASN1Time::new_generalized(time::macros::datetime!(2051-01-09 08:07:06.5 UTC));
        assert_eq!(openssl_time(&t), "Jan  9 08:07:06.5 2051 GMT");
        let t = ASN1Time::new(time::macros::datetime!(9999-12-31 23:59:59 UTC));
        assert_eq!(openssl_time(&t), "Dec 31 23:59:59 9999 GMT");
        let t = ASN1Time::new(time::macros::datetime!(2022-03-04 15:35:00 +02:00));
        assert_eq!(openssl_time(&t), "Mar  4 13:35:00 2022 GMT");
    }

    #[test]
    fn rfc9440_round_trip() {
        let a = vec![0x30u8, 0x03, 1, 2, 3];
        let b = vec![0xffu8; 100];
        let (leaf, big) = rfc9440_leaf(&a);
        assert!(!big);
        assert_eq!(leaf, ":MAMBAgM=:");
        assert_eq!(rfc9440_decode(&leaf), Some(vec![a.clone()]));
        let (chain, big) = rfc9440_chain(&[a.clone(), b.clone()]);
        assert!(!big);
        assert!(chain.contains(":, :"));
        assert_eq!(rfc9440_decode(&chain), Some(vec![a, b]));
        assert_eq!(rfc9440_chain(&[]), (String::new(), false));
        assert_eq!(rfc9440_decode("MAMB"), None);
    }

    #[test]
    fn rfc9440_limits() {
        // base64 of 7677 bytes is 10236 chars; with colons 10238 <= 10240.
        assert!(!rfc9440_leaf(&vec![0u8; 7677]).1);
        // 7680 bytes -> 10240 chars + 2 colons = 10242 > 10240.
        assert_eq!(rfc9440_leaf(&vec![0u8; 7680]), (String::new(), true));
        assert!(rfc9440_leaf(&vec![0u8; 11 * 1024]).1);
        let piece = vec![0u8; 3000]; // 4000 chars + 2 colons each
        assert!(!rfc9440_chain(&vec![piece.clone(); 4]).1); // 4*4002 + 3*2 = 16014
        assert_eq!(
            rfc9440_chain(&vec![piece; 5]),
            (String::new(), true) // 5*4002 + 4*2 = 20018
        );
    }

    #[test]
    fn none_is_empty_and_entries_ordered() {
        let none = CertFields::none();
        let entries = none.entries();
        assert_eq!(entries.len(), 19);
        assert_eq!(
            entries[0],
            ("cf.tls_client_auth.cert_presented", FieldValue::Bool(false))
        );
        for (name, value) in entries {
            assert!(name.starts_with("cf.tls_client_auth.cert_"));
            assert!(matches!(
                value,
                FieldValue::Str("") | FieldValue::Bool(false)
            ));
        }
    }

    #[test]
    fn rejects_garbage_and_trailing_data() {
        assert!(matches!(
            CertFields::from_der(b"nope", &[], None),
            Err(CertFieldsError::Leaf(_))
        ));
    }
}
