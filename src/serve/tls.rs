//! TLS as the edge does it: a client certificate is requested on mTLS hostnames and never
//! required, and nothing is requested on the others.
//!
//! Owns the two rustls server configurations (one that offers client authentication, one that
//! does not) chosen per connection from the ClientHello's SNI, and the verifier that accepts
//! any certificate chain: validation happens after the handshake, once per connection, with
//! [`crate::edge::client::ClientView::of`], so that a missing, expired, wrongly issued or
//! serverAuth-only certificate only sets the fields, as on the edge. The verifier still checks
//! the handshake signature (CertificateVerify), so a client cannot present a certificate whose
//! key it does not hold.

use std::sync::Arc;

use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ClientHello, ServerConfig};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};

use super::ServeError;
use crate::pki::cert;

/// The server's certificate chain (leaf first, DER) and its PKCS#8 key.
#[derive(Clone)]
pub struct ServerIdentity {
    /// Leaf first, then intermediates.
    pub chain: Vec<Vec<u8>>,
    /// PKCS#8 DER.
    pub key_pkcs8: Vec<u8>,
}

/// Accepts any client certificate chain; checks only the handshake signature.
#[derive(Debug)]
struct AnyClientCert {
    hints: Vec<DistinguishedName>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ClientCertVerifier for AnyClientCert {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.hints
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        // Validation is the edge's job, after the handshake (ClientView::of).
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// The two configurations and which hostnames get client authentication.
pub struct TlsConfigs {
    /// Client certificate requested.
    pub mtls: Arc<ServerConfig>,
    /// No client certificate requested.
    pub plain: Arc<ServerConfig>,
    mtls_hosts: Vec<String>,
}

impl TlsConfigs {
    /// Builds both configurations. `anchors` (DER) name the acceptable client CAs in the
    /// CertificateRequest.
    pub fn new(
        identity: &ServerIdentity,
        anchors: &[Vec<u8>],
        mtls_hosts: &[String],
    ) -> Result<TlsConfigs, ServeError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let hints = anchors
            .iter()
            .filter_map(|der| {
                cert::parse(der)
                    .ok()
                    .map(|c| DistinguishedName::from(c.subject().as_raw().to_vec()))
            })
            .collect();
        let verifier = Arc::new(AnyClientCert {
            hints,
            algorithms: provider.signature_verification_algorithms,
        });
        let mtls = build(&provider, identity, Some(verifier))?;
        let plain = build(&provider, identity, None)?;
        Ok(TlsConfigs {
            mtls: Arc::new(mtls),
            plain: Arc::new(plain),
            mtls_hosts: mtls_hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
        })
    }

    /// True when `hello` names an mTLS hostname.
    pub fn wants_client_auth(&self, hello: &ClientHello<'_>) -> bool {
        hello
            .server_name()
            .is_some_and(|sni| self.is_mtls_host(sni))
    }

    /// True when `host` (no port) is an mTLS hostname.
    pub fn is_mtls_host(&self, host: &str) -> bool {
        host_matches(&self.mtls_hosts, host)
    }
}

/// True when `sni` is one of `hosts` (lower case), where `*.example.com` stands for exactly one
/// more label, as in a certificate.
pub fn host_matches(hosts: &[String], sni: &str) -> bool {
    let sni = sni.to_ascii_lowercase();
    hosts.iter().any(|h| match h.strip_prefix("*.") {
        Some(suffix) => sni
            .split_once('.')
            .is_some_and(|(label, rest)| !label.is_empty() && rest == suffix),
        None => *h == sni,
    })
}

fn build(
    provider: &Arc<CryptoProvider>,
    identity: &ServerIdentity,
    client_auth: Option<Arc<AnyClientCert>>,
) -> Result<ServerConfig, ServeError> {
    let tls = |e: rustls::Error| ServeError::Tls(e.to_string());
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(tls)?;
    let chain: Vec<CertificateDer<'static>> = identity
        .chain
        .iter()
        .map(|d| CertificateDer::from(d.clone()))
        .collect();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(identity.key_pkcs8.clone()));
    let mut config = match client_auth {
        Some(v) => builder
            .with_client_cert_verifier(v)
            .with_single_cert(chain, key),
        None => builder.with_no_client_auth().with_single_cert(chain, key),
    }
    .map_err(tls)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The certificate chain a client sent, as `(leaf, intermediates)` DER.
pub fn peer_chain(conn: &rustls::ServerConnection) -> Option<(Vec<u8>, Vec<Vec<u8>>)> {
    let certs = conn.peer_certificates()?;
    let (leaf, rest) = certs.split_first()?;
    Some((
        leaf.as_ref().to_vec(),
        rest.iter().map(|c| c.as_ref().to_vec()).collect(),
    ))
}

/// `cf.tls_version` for a negotiated protocol version.
pub fn version_name(v: Option<rustls::ProtocolVersion>) -> &'static str {
    match v {
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
        _ => "",
    }
}

/// `cf.tls_cipher` for a negotiated suite, in the OpenSSL/BoringSSL names the edge reports.
pub fn cipher_name(suite: Option<rustls::SupportedCipherSuite>) -> String {
    use rustls::CipherSuite as C;
    let Some(suite) = suite else {
        return String::new();
    };
    match suite.suite() {
        C::TLS13_AES_128_GCM_SHA256 => "AEAD-AES128-GCM-SHA256".into(),
        C::TLS13_AES_256_GCM_SHA384 => "AEAD-AES256-GCM-SHA384".into(),
        C::TLS13_CHACHA20_POLY1305_SHA256 => "AEAD-CHACHA20-POLY1305-SHA256".into(),
        C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => "ECDHE-ECDSA-AES128-GCM-SHA256".into(),
        C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => "ECDHE-ECDSA-AES256-GCM-SHA384".into(),
        C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 => "ECDHE-ECDSA-CHACHA20-POLY1305".into(),
        C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => "ECDHE-RSA-AES128-GCM-SHA256".into(),
        C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 => "ECDHE-RSA-AES256-GCM-SHA384".into(),
        C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 => "ECDHE-RSA-CHACHA20-POLY1305".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_match_exactly_or_by_one_wildcard_label() {
        let hosts = vec![
            "app.example.test".to_string(),
            "*.api.example.test".to_string(),
        ];
        assert!(host_matches(&hosts, "APP.example.test"));
        assert!(host_matches(&hosts, "v1.api.example.test"));
        assert!(!host_matches(&hosts, "api.example.test"));
        assert!(!host_matches(&hosts, "a.v1.api.example.test"));
        assert!(!host_matches(&hosts, "www.example.test"));
    }
}
