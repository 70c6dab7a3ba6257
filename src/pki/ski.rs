//! The issuer Subject Key Identifier of a certificate (`cf.tls_client_auth.cert_issuer_ski`).
//!
//! Owns the rules of `mtlsctl ski`: print what the certificate carries (its Authority Key
//! Identifier key id), exactly as the openssl recipe prints it when that works, and refuse
//! with a reason when it would not, never printing a computed value as if the certificate
//! carried it. The two fallbacks read identifiers from real extensions: a self-signed
//! certificate's own SKI, or the SKI of an issuer certificate the user names after checking
//! that it really signed the certificate.

use serde::Serialize;

use super::cert::{self, CertParseError};

/// Where the issuer SKI came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerSkiSource {
    /// The certificate's Authority Key Identifier key id (what the edge reads).
    AuthorityKeyIdentifier,
    /// The certificate is self-signed and has no AKI key id: its own SKI.
    SelfSigned,
    /// The SKI extension of the issuer certificate given with `--issuer`.
    IssuerCertificate,
}

/// The answer for one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerSki {
    /// Upper-case hex, no colons.
    pub hex: String,
    /// Where it came from.
    pub source: IssuerSkiSource,
}

/// Why no issuer SKI can be given.
#[derive(Debug, thiserror::Error)]
pub enum SkiError {
    /// The certificate did not parse.
    #[error(transparent)]
    Parse(#[from] CertParseError),
    /// The issuer certificate did not parse.
    #[error("issuer certificate: {0}")]
    IssuerParse(CertParseError),
    /// No AKI key id, and no fallback applies.
    #[error("{0}")]
    NoKeyId(String),
    /// `--issuer` names a certificate that did not sign this one.
    #[error(
        "the issuer certificate did not sign this certificate (names or signature do not match)"
    )]
    WrongIssuer,
    /// `--issuer` names a certificate without an SKI extension.
    #[error(
        "the issuer certificate has no Subject Key Identifier extension, so there is no SKI to pin"
    )]
    IssuerWithoutSki,
}

/// The issuer SKI of `cert_der`, with `issuer_der` as an optional fallback source.
pub fn issuer_ski(cert_der: &[u8], issuer_der: Option<&[u8]>) -> Result<IssuerSki, SkiError> {
    issuer_ski_of(&cert::parse(cert_der)?, issuer_der)
}

/// [`issuer_ski`] for a certificate already parsed.
pub fn issuer_ski_of(
    cert: &x509_parser::certificate::X509Certificate<'_>,
    issuer_der: Option<&[u8]>,
) -> Result<IssuerSki, SkiError> {
    if let Some(id) = cert::aki_key_id(cert) {
        return Ok(IssuerSki {
            hex: cert::hex_upper(id),
            source: IssuerSkiSource::AuthorityKeyIdentifier,
        });
    }
    if let Some(issuer_der) = issuer_der {
        let issuer = cert::parse(issuer_der).map_err(SkiError::IssuerParse)?;
        if !cert::is_signed_by(cert, &issuer) {
            return Err(SkiError::WrongIssuer);
        }
        let id = cert::ski(&issuer).ok_or(SkiError::IssuerWithoutSki)?;
        return Ok(IssuerSki {
            hex: cert::hex_upper(id),
            source: IssuerSkiSource::IssuerCertificate,
        });
    }
    let what = if cert::has_aki(cert) {
        "its Authority Key Identifier has no key id (only issuer name and serial)"
    } else {
        "it has no Authority Key Identifier extension"
    };
    if cert::is_self_signed(cert) {
        if let Some(id) = cert::ski(cert) {
            return Ok(IssuerSki {
                hex: cert::hex_upper(id),
                source: IssuerSkiSource::SelfSigned,
            });
        }
        return Err(SkiError::NoKeyId(format!(
            "self-signed certificate without a Subject Key Identifier: {what}, and no SKI to fall back on"
        )));
    }
    Err(SkiError::NoKeyId(format!(
        "no issuer key id in the certificate: {what}; pass the issuing CA with --issuer CA.pem"
    )))
}

/// The certificate's own SKI extension (`cf.tls_client_auth.cert_ski`).
pub fn own_ski(cert_der: &[u8]) -> Result<String, SkiError> {
    let cert = cert::parse(cert_der)?;
    cert::ski(&cert)
        .map(cert::hex_upper)
        .ok_or_else(|| SkiError::NoKeyId("it has no Subject Key Identifier extension".into()))
}
