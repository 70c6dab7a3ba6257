//! TLS to an `https://` origin, as Cloudflare's edge connects to one.
//!
//! Owns the origin TLS settings ([`UpstreamTls`]: SSL mode Full (strict) or Full, extra origin
//! CAs, the Authenticated Origin Pulls client certificate), the rustls client configuration
//! built from them (the project's aws-lc-rs provider, ALPN `http/1.1`), the connector the
//! forwarder's keep-alive pool dials with ([`OriginConnector`]), and sorting a failed request
//! into the edge's answer ([`failure`]) with Cloudflare's 52x codes: 521 refused, 522 no
//! answer to the connect within [`CONNECT_TIMEOUT`], 523 unreachable, 525 TLS handshake
//! failed, 526 invalid origin certificate, 520 for a connection that gave no valid answer. It
//! does not render pages (the handler does) or build requests (the forwarder does).
//!
//! SNI: Cloudflare names the request's hostname in SNI when it connects to the origin, and in
//! Full (strict) the origin certificate must be valid for that hostname. So does this: the
//! connector always dials the `--upstream` address but names the request's `Host` (without
//! the port) in SNI and verifies the certificate against it; a `Host` that is not a valid
//! server name falls back to the upstream's host. The forwarder puts that name in the request
//! URI, so the pool keys connections by it and a connection is reused only for the name it
//! was verified for.
//!
//! Trust in Full (strict): the system's CA certificates (`rustls-native-certs`, which honours
//! `SSL_CERT_FILE` and `SSL_CERT_DIR`) plus `--upstream-ca`. Full (`--upstream-insecure`)
//! encrypts but accepts any origin certificate; the handshake signature is still checked.
//!
//! A small connector over tokio-rustls rather than hyper-rustls: hyper-rustls dials the host
//! it names in SNI, and here the two differ (dial the upstream, name the request's host).

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::ServeError;
use super::tls::ServerIdentity;

/// How long the TLS handshake with the origin may take (an origin that is not TLS may never
/// answer a ClientHello).
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the TCP connect to the origin may take before the answer is 522 (Cloudflare's
/// "Connection timed out": the origin did not answer the SYN in time), for http:// and
/// https:// origins alike.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// The origin TLS settings; the default is Full (strict) with the system's CAs and no client
/// certificate.
#[derive(Clone, Default)]
pub struct UpstreamTls {
    /// More CA certificates (DER) trusted for the origin's certificate (`--upstream-ca`).
    pub extra_roots: Vec<Vec<u8>>,
    /// SSL mode Full: encrypt, but do not verify the origin's certificate.
    pub insecure: bool,
    /// Authenticated Origin Pulls: the certificate chain and key presented to the origin.
    pub client: Option<ServerIdentity>,
}

impl UpstreamTls {
    /// True when anything differs from the default (it then needs an `https://` origin).
    pub fn is_set(&self) -> bool {
        !self.extra_roots.is_empty() || self.insecure || self.client.is_some()
    }
}

/// Accepts any origin certificate (Full, not strict); checks only the handshake signature.
#[derive(Debug)]
struct AnyOriginCert {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AnyOriginCert {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
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

/// The rustls client configuration for the origin.
fn client_config(tls: &UpstreamTls) -> Result<ClientConfig, ServeError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = if tls.insecure {
        Arc::new(AnyOriginCert {
            algorithms: provider.signature_verification_algorithms,
        })
    } else {
        let mut roots = RootCertStore::empty();
        // Unreadable files in the system store are skipped, as every TLS client does.
        roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        for der in &tls.extra_roots {
            roots
                .add(CertificateDer::from(der.clone()))
                .map_err(|e| ServeError::Tls(format!("--upstream-ca: {e}")))?;
        }
        if roots.is_empty() {
            return Err(ServeError::Tls(
                "no CA certificates to verify the origin with (the system has none): use --upstream-ca FILE or --upstream-insecure".into(),
            ));
        }
        WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| ServeError::Tls(format!("origin certificate verification: {e}")))?
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServeError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match &tls.client {
        Some(id) => {
            let chain = id
                .chain
                .iter()
                .map(|d| CertificateDer::from(d.clone()))
                .collect();
            let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(id.key_pkcs8.clone()));
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| match e {
                    rustls::Error::InconsistentKeys(_) => ServeError::Tls(
                        "--origin-client-key is not the key of --origin-client-cert".into(),
                    ),
                    e => ServeError::Tls(format!("--origin-client-cert: {e}")),
                })?
        }
        None => builder.with_no_client_auth(),
    };
    // The forwarder speaks HTTP/1.1 to the origin.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// `host` (a `Host` value or a URI host, with or without a port) as a TLS server name.
pub fn server_name(host: &str) -> Option<ServerName<'static>> {
    let authority: http::uri::Authority = host.parse().ok()?;
    let bare = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    ServerName::try_from(bare.to_string()).ok()
}

/// Why a connection to the origin was not made.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// TCP: refused, unreachable, the name does not resolve.
    #[error("cannot connect to the origin: {0}")]
    Connect(#[source] std::io::Error),
    /// The TLS handshake failed.
    #[error("TLS handshake with the origin failed: {0}")]
    Handshake(#[source] std::io::Error),
    /// The TLS handshake did not finish in time.
    #[error("TLS handshake with the origin not complete within {}s", HANDSHAKE_TIMEOUT.as_secs())]
    HandshakeTimeout,
}

/// Dials the upstream address and runs the TLS handshake, naming the URI's host in SNI.
#[derive(Clone)]
pub struct OriginConnector {
    host: Arc<str>,
    port: u16,
    fallback: ServerName<'static>,
    tls: TlsConnector,
}

impl OriginConnector {
    /// A connector to `host:port`; `host` is also the server name when a request's is unusable.
    pub fn new(host: &str, port: u16, tls: &UpstreamTls) -> Result<OriginConnector, ServeError> {
        let fallback = server_name(host).ok_or_else(|| {
            ServeError::Upstream(format!("{host:?} is not a valid TLS server name"))
        })?;
        Ok(OriginConnector {
            host: host.trim_start_matches('[').trim_end_matches(']').into(),
            port,
            fallback,
            tls: TlsConnector::from(Arc::new(client_config(tls)?)),
        })
    }
}

impl tower_service::Service<http::Uri> for OriginConnector {
    type Response = OriginStream;
    type Error = ConnectError;
    type Future = Pin<Box<dyn Future<Output = Result<OriginStream, ConnectError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ConnectError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        let name = uri
            .authority()
            .and_then(|a| server_name(a.as_str()))
            .unwrap_or_else(|| self.fallback.clone());
        let this = self.clone();
        Box::pin(async move {
            let tcp = tokio::time::timeout(
                CONNECT_TIMEOUT,
                TcpStream::connect((&*this.host, this.port)),
            )
            .await
            .map_err(|_| {
                ConnectError::Connect(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no answer within {}s", CONNECT_TIMEOUT.as_secs()),
                ))
            })?
            .map_err(ConnectError::Connect)?;
            let _ = tcp.set_nodelay(true);
            let tls = tokio::time::timeout(HANDSHAKE_TIMEOUT, this.tls.connect(name, tcp))
                .await
                .map_err(|_| ConnectError::HandshakeTimeout)?
                .map_err(ConnectError::Handshake)?;
            Ok(OriginStream(TokioIo::new(tls)))
        })
    }
}

/// A TLS connection to the origin, as hyper's client reads and writes it.
pub struct OriginStream(TokioIo<TlsStream<TcpStream>>);

impl Connection for OriginStream {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl hyper::rt::Read for OriginStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for OriginStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// What went wrong with the origin, as the edge answers it (Cloudflare's 52x codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 520: connected, but the origin's answer was empty, reset or not HTTP.
    Unknown,
    /// 521: the origin refused the connection.
    Refused,
    /// 522: the origin did not answer the connect in time.
    TimedOut,
    /// 523: no route to the origin, or another failure to connect.
    Unreachable,
    /// 525: the TLS handshake with the origin failed.
    Handshake,
    /// 526: the origin's certificate is invalid (untrusted, expired, another name).
    Certificate,
}

impl Failure {
    /// The status code.
    pub fn status(self) -> http::StatusCode {
        let code = match self {
            Failure::Unknown => 520,
            Failure::Refused => 521,
            Failure::TimedOut => 522,
            Failure::Unreachable => 523,
            Failure::Handshake => 525,
            Failure::Certificate => 526,
        };
        http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::BAD_GATEWAY)
    }

    /// The status line's text, as Cloudflare names it.
    pub fn title(self) -> &'static str {
        match self {
            Failure::Unknown => "520 Web Server Returned an Unknown Error",
            Failure::Refused => "521 Web Server Is Down",
            Failure::TimedOut => "522 Connection Timed Out",
            Failure::Unreachable => "523 Origin Is Unreachable",
            Failure::Handshake => "525 SSL Handshake Failed",
            Failure::Certificate => "526 Invalid SSL Certificate",
        }
    }
}

/// The rustls error in `e`'s chain (tokio-rustls wraps it in an `io::Error`, whose `source`
/// skips it).
fn rustls_error<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(r) = e.downcast_ref::<rustls::Error>() {
            return Some(r);
        }
        if let Some(r) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Some(r);
        }
        next = e.source();
    }
    None
}

/// Sorts a failed request as the edge does: the origin certificate, the TLS handshake, the
/// TCP connect (refused, timed out, unreachable), or an answer that never came right.
pub fn failure(e: &(dyn StdError + 'static)) -> Failure {
    if let Some(r) = rustls_error(e) {
        return match r {
            rustls::Error::InvalidCertificate(_) => Failure::Certificate,
            _ => Failure::Handshake,
        };
    }
    let mut connecting = e
        .downcast_ref::<hyper_util::client::legacy::Error>()
        .is_some_and(|e| e.is_connect());
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(ConnectError::Handshake(_) | ConnectError::HandshakeTimeout) =
            e.downcast_ref::<ConnectError>()
        {
            return Failure::Handshake;
        }
        let connect_io = e.downcast_ref::<ConnectError>().and_then(|c| match c {
            ConnectError::Connect(io) => Some(io),
            _ => None,
        });
        connecting |= connect_io.is_some();
        if let Some(io) = connect_io.or_else(|| e.downcast_ref::<std::io::Error>()) {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return Failure::Refused,
                std::io::ErrorKind::TimedOut if connecting => return Failure::TimedOut,
                std::io::ErrorKind::HostUnreachable | std::io::ErrorKind::NetworkUnreachable => {
                    return Failure::Unreachable;
                }
                _ => {}
            }
        }
        next = e.source();
    }
    if connecting {
        Failure::Unreachable
    } else {
        Failure::Unknown
    }
}

/// `e` and its causes on one line, leaving out a cause its parent already says and the pool's
/// own "client error (Connect)" when there is a cause.
pub fn describe(e: &(dyn StdError + 'static)) -> String {
    let pool_error = e
        .downcast_ref::<hyper_util::client::legacy::Error>()
        .is_some();
    let first = match e.source() {
        Some(cause) if pool_error => cause,
        _ => e,
    };
    crate::pki::sanitize::join_causes(std::iter::successors(
        Some(first),
        |e: &&(dyn StdError + 'static)| (*e).source(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_from_host_values() {
        assert!(matches!(
            server_name("app.example.test:8443"),
            Some(ServerName::DnsName(_))
        ));
        assert!(matches!(
            server_name("[::1]:8443"),
            Some(ServerName::IpAddress(_))
        ));
        assert!(server_name("bad host").is_none());
        assert!(server_name("").is_none());
    }

    #[test]
    fn failures_are_sorted_by_the_rustls_error_inside() {
        let cert = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let wrapped =
            ConnectError::Handshake(std::io::Error::new(std::io::ErrorKind::InvalidData, cert));
        assert_eq!(failure(&wrapped), Failure::Certificate);
        let expired = rustls::Error::InvalidCertificate(rustls::CertificateError::Expired);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, expired);
        assert_eq!(failure(&io), Failure::Certificate);
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, alert);
        assert_eq!(failure(&io), Failure::Handshake);
        assert_eq!(failure(&ConnectError::HandshakeTimeout), Failure::Handshake);
        let refused = ConnectError::Connect(std::io::ErrorKind::ConnectionRefused.into());
        assert_eq!(failure(&refused), Failure::Refused);
        let unreachable = ConnectError::Connect(std::io::ErrorKind::HostUnreachable.into());
        assert_eq!(failure(&unreachable), Failure::Unreachable);
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(failure(&reset), Failure::Unknown);
        let slow = ConnectError::Connect(std::io::ErrorKind::TimedOut.into());
        assert_eq!(failure(&slow), Failure::TimedOut);
        assert_eq!(Failure::TimedOut.status().as_u16(), 522);
        assert_eq!(Failure::Certificate.status().as_u16(), 526);
        assert!(
            describe(&wrapped).contains("UnknownIssuer"),
            "{}",
            describe(&wrapped)
        );
    }
}
