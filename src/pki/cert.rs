//! A parsed X.509 certificate and the facts mtlsctl reads from it.
//!
//! Owns the x509-parser calls for certificates: parsing with a clear error, the key
//! identifiers (read from extensions, never computed as if the certificate carried them),
//! self-signature and issuer-signature checks, and RFC 5280 method 1 key identifiers for the
//! certificates mtlsctl itself creates.

use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

/// A certificate failed to parse.
#[derive(Debug, thiserror::Error)]
#[error("not a valid X.509 certificate: {0}")]
pub struct CertParseError(pub String);

/// Parses DER into a certificate. Bytes after the certificate are ignored, as OpenSSL
/// ignores them when it reads a DER file.
pub fn parse(der: &[u8]) -> Result<X509Certificate<'_>, CertParseError> {
    match X509Certificate::from_der(der) {
        Ok((_, cert)) => Ok(cert),
        Err(e) => Err(CertParseError(describe_nom(&e))),
    }
}

/// The certificate's own bytes: `der` without anything after the outer SEQUENCE.
pub fn exact(der: &[u8]) -> &[u8] {
    match X509Certificate::from_der(der) {
        Ok((rest, _)) => &der[..der.len() - rest.len()],
        Err(_) => der,
    }
}

fn describe_nom(e: &x509_parser::nom::Err<x509_parser::error::X509Error>) -> String {
    match e {
        x509_parser::nom::Err::Incomplete(_) => "the data is truncated".into(),
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => {
            let s = e.to_string();
            if s.is_empty() {
                "malformed DER".into()
            } else {
                s.to_string()
            }
        }
    }
}

/// The Authority Key Identifier's key id, if the extension has one.
pub fn aki_key_id<'a>(cert: &'a X509Certificate<'_>) -> Option<&'a [u8]> {
    cert.extensions()
        .iter()
        .find_map(|ext| match ext.parsed_extension() {
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                aki.key_identifier.as_ref().map(|k| k.0)
            }
            _ => None,
        })
}

/// True when an AKI extension is present (with or without a key id).
pub fn has_aki(cert: &X509Certificate<'_>) -> bool {
    cert.extensions().iter().any(|ext| {
        matches!(
            ext.parsed_extension(),
            ParsedExtension::AuthorityKeyIdentifier(_)
        )
    })
}

/// The Subject Key Identifier extension's value, if present.
pub fn ski<'a>(cert: &'a X509Certificate<'_>) -> Option<&'a [u8]> {
    cert.extensions()
        .iter()
        .find_map(|ext| match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0),
            _ => None,
        })
}

/// True when subject and issuer are the same name and the certificate's own key verifies
/// its signature.
pub fn is_self_signed(cert: &X509Certificate<'_>) -> bool {
    cert.subject().as_raw() == cert.issuer().as_raw() && is_signed_by_key(cert, cert.public_key())
}

/// True when `issuer`'s key verifies `cert`'s signature and the names chain.
pub fn is_signed_by(cert: &X509Certificate<'_>, issuer: &X509Certificate<'_>) -> bool {
    cert.issuer().as_raw() == issuer.subject().as_raw()
        && is_signed_by_key(cert, issuer.public_key())
}

fn is_signed_by_key(cert: &X509Certificate<'_>, key: &SubjectPublicKeyInfo<'_>) -> bool {
    super::sig::verify(
        key,
        &cert.signature_algorithm,
        &cert.signature_value,
        cert.tbs_certificate.as_ref(),
    )
}

/// RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey BIT STRING contents,
/// as OpenSSL, step, cfssl and mkcert compute it.
///
/// Computed with aws-lc (through aws-lc-rs), which every caller (issuance, CRLs, revocation)
/// has initialised already to sign or verify: a second SHA-1 implementation would probe the
/// CPU's features again, and on a virtual machine each probe (`cpuid`) is a trap to the
/// hypervisor (7 µs each on the machine this was measured on).
pub fn key_id_method1(spki_der: &[u8]) -> Option<Vec<u8>> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(spki_der).ok()?;
    let digest = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
        &spki.subject_public_key.data,
    );
    Some(digest.as_ref().to_vec())
}

/// Upper-case hex without separators, the format Cloudflare compares.
pub fn hex_upper(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method1_matches_openssl_for_corpus_ca() {
        // This P-521 root (ECDSA with SHA-512) carries an SKI computed by method 1; it also
        // needs the wider signature table to be recognised as self-signed.
        let der = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/certs/x509-parser/p521-selfsigned.der"
        ))
        .unwrap();
        let cert = parse(&der).unwrap();
        let computed = key_id_method1(cert.public_key().raw).unwrap();
        assert_eq!(Some(computed.as_slice()), ski(&cert));
        assert!(is_self_signed(&cert));
    }

    #[test]
    fn truncation_is_an_error() {
        let pem = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/certs/rustls-test-ca/ecdsa-p256/ca.cert"
        ))
        .unwrap();
        let der = pem::parse(pem).unwrap().into_contents();
        assert!(parse(&der[..40]).is_err());
        assert!(parse(&der[..der.len() - 1]).is_err());
    }
}
