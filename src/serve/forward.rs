//! Allowed requests to the origin: the upstream HTTP/1.1 client (keep-alive pool, streaming
//! bodies) and the request headers the edge adds.
//!
//! An `http://` origin is dialled as it is; an `https://` one through
//! [`super::origin_tls::OriginConnector`] (SNI the request's hostname, as the edge sends it).
//! A request that does not reach the origin fails with the edge's reason
//! ([`ForwardError`]: Cloudflare's 520 to 526), which the handler renders.
//!
//! Owns the header modes: `managed` (the managed transform "Add TLS client auth headers":
//! `cf-cert-*`), `rfc9440` (`Client-Cert` / `Client-Cert-Chain`, set as Cloudflare's documented
//! transform rule does: only for a verified, unrevoked certificate), `access` (Cloudflare
//! Access' `Cf-Client-Cert-Der-Base64` / `Cf-Client-Cert-Sha256`, for a verified certificate).
//! Every header any mode can set is removed from the client's request first, whatever modes
//! are on, so the origin never sees a client-injected copy. Hop-by-hop headers are dropped;
//! `X-Forwarded-For`, `X-Forwarded-Proto` and `CF-Connecting-IP` are set as the edge sets them.

use std::net::IpAddr;
use std::str::FromStr;

use base64::Engine as _;
use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connect, HttpConnector};
use hyper_util::rt::TokioExecutor;
use sha2::{Digest, Sha256};

use super::ServeError;
use super::origin_tls::{self, Failure, OriginConnector, UpstreamTls};
use crate::edge::cert_fields::FieldValue;
use crate::edge::client::ClientView;

/// Which request headers the edge adds for the origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderMode {
    /// The managed transform's `cf-cert-*` headers.
    Managed,
    /// `Client-Cert` and `Client-Cert-Chain` (RFC 9440).
    Rfc9440,
    /// Cloudflare Access' `Cf-Client-Cert-Der-Base64` and `Cf-Client-Cert-Sha256`.
    Access,
    /// None (client-sent copies are still removed).
    None,
}

impl FromStr for HeaderMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "managed" => HeaderMode::Managed,
            "rfc9440" => HeaderMode::Rfc9440,
            "access" => HeaderMode::Access,
            "none" => HeaderMode::None,
            other => {
                return Err(format!(
                    "unknown header mode {other:?}: use managed, rfc9440, access or none"
                ));
            }
        })
    }
}

/// The managed transform's headers, each with the field it carries.
pub const MANAGED: [(&str, &str); 17] = [
    ("cf-cert-revoked", "cf.tls_client_auth.cert_revoked"),
    ("cf-cert-verified", "cf.tls_client_auth.cert_verified"),
    ("cf-cert-presented", "cf.tls_client_auth.cert_presented"),
    ("cf-cert-issuer-dn", "cf.tls_client_auth.cert_issuer_dn"),
    ("cf-cert-subject-dn", "cf.tls_client_auth.cert_subject_dn"),
    (
        "cf-cert-issuer-dn-rfc2253",
        "cf.tls_client_auth.cert_issuer_dn_rfc2253",
    ),
    (
        "cf-cert-subject-dn-rfc2253",
        "cf.tls_client_auth.cert_subject_dn_rfc2253",
    ),
    (
        "cf-cert-issuer-dn-legacy",
        "cf.tls_client_auth.cert_issuer_dn_legacy",
    ),
    (
        "cf-cert-subject-dn-legacy",
        "cf.tls_client_auth.cert_subject_dn_legacy",
    ),
    ("cf-cert-serial", "cf.tls_client_auth.cert_serial"),
    (
        "cf-cert-issuer-serial",
        "cf.tls_client_auth.cert_issuer_serial",
    ),
    (
        "cf-cert-fingerprint-sha256",
        "cf.tls_client_auth.cert_fingerprint_sha256",
    ),
    (
        "cf-cert-fingerprint-sha1",
        "cf.tls_client_auth.cert_fingerprint_sha1",
    ),
    ("cf-cert-not-before", "cf.tls_client_auth.cert_not_before"),
    ("cf-cert-not-after", "cf.tls_client_auth.cert_not_after"),
    ("cf-cert-ski", "cf.tls_client_auth.cert_ski"),
    ("cf-cert-issuer-ski", "cf.tls_client_auth.cert_issuer_ski"),
];

/// Headers removed from every client request before forwarding (set only by the edge).
const EDGE_ONLY: [&str; 7] = [
    "client-cert",
    "client-cert-chain",
    "cf-client-cert-der-base64",
    "cf-client-cert-sha256",
    "cf-connecting-ip",
    // Older spellings of the managed transform's fingerprint headers.
    "cf-cert-sha256",
    "cf-cert-sha1",
];

/// Hop-by-hop headers (RFC 9110 7.6.1), never forwarded.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "upgrade",
];

/// The value of the field `name` for this client, as a header string.
fn field_text(view: &ClientView, entries: &[(&str, FieldValue<'_>)], name: &str) -> String {
    match name {
        "cf.tls_client_auth.cert_verified" => return view.verified.to_string(),
        "cf.tls_client_auth.cert_revoked" => return view.revoked.to_string(),
        _ => {}
    }
    for (n, v) in entries {
        if *n == name {
            return match v {
                FieldValue::Str(s) => s.to_string(),
                FieldValue::Bool(b) => b.to_string(),
            };
        }
    }
    String::new()
}

/// The headers the edge adds for `view` under `modes`, in order.
pub fn edge_headers(modes: &[HeaderMode], view: &ClientView) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let trusted = view.fields.cert_presented && view.verified && !view.revoked;
    for mode in modes {
        match mode {
            HeaderMode::Managed => {
                let entries = view.fields.entries();
                for (header, field) in MANAGED {
                    out.push((header, field_text(view, &entries, field)));
                }
            }
            HeaderMode::Rfc9440 => {
                if trusted && !view.fields.cert_rfc9440.is_empty() {
                    out.push(("client-cert", view.fields.cert_rfc9440.clone()));
                    if !view.fields.cert_chain_rfc9440.is_empty() {
                        out.push(("client-cert-chain", view.fields.cert_chain_rfc9440.clone()));
                    }
                }
            }
            HeaderMode::Access => {
                if trusted && let Some(der) = leaf_der(view) {
                    out.push((
                        "cf-client-cert-der-base64",
                        base64::engine::general_purpose::STANDARD.encode(&der),
                    ));
                    out.push(("cf-client-cert-sha256", hex::encode(Sha256::digest(&der))));
                }
            }
            HeaderMode::None => {}
        }
    }
    out
}

/// The leaf DER, recovered from `cert_rfc9440` (`:base64:`).
fn leaf_der(view: &ClientView) -> Option<Vec<u8>> {
    let b64 = view
        .fields
        .cert_rfc9440
        .strip_prefix(':')?
        .strip_suffix(':')?;
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

/// True for a header the client may not send on to the origin.
pub fn is_edge_only(name: &str) -> bool {
    EDGE_ONLY.contains(&name) || MANAGED.iter().any(|(h, _)| *h == name)
}

/// The pooled client to the origin.
enum Pool {
    /// `http://`.
    Plain(Client<HttpConnector, Incoming>),
    /// `https://`.
    Tls(Client<OriginConnector, Incoming>),
}

/// A keep-alive pool over `connector`.
fn pool<C: Connect + Clone>(connector: C) -> Client<C, Incoming> {
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(std::time::Duration::from_secs(60))
        .pool_max_idle_per_host(256)
        .build(connector)
}

/// The upstream: where allowed requests go, and the pooled client that takes them.
pub struct Forwarder {
    pool: Pool,
    base: http::Uri,
    modes: Vec<HeaderMode>,
}

/// A request that did not reach the origin (or got no answer), and the edge's status for it.
#[derive(Debug)]
pub struct ForwardError {
    /// Which of the edge's answers.
    pub failure: Failure,
    /// What happened, on one line.
    pub detail: String,
}

impl ForwardError {
    /// The status code (520 to 526).
    pub fn status(&self) -> http::StatusCode {
        self.failure.status()
    }

    /// The status line's text (`525 SSL Handshake Failed`).
    pub fn title(&self) -> &'static str {
        self.failure.title()
    }
}

impl std::fmt::Display for ForwardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

/// What the edge knows about the request it forwards.
pub struct ForwardInfo<'a> {
    /// The client address.
    pub ip: IpAddr,
    /// The Host the client asked for (Host header or `:authority`).
    pub host: &'a str,
    /// The connection's edge headers ([`Forwarder::edge_values`]).
    pub edge: &'a [(HeaderName, HeaderValue)],
}

impl Forwarder {
    /// A forwarder to `upstream` (`http://host:port[/prefix]` or `https://...` with `tls`).
    /// The host must resolve now: a misspelt origin is a start-up error, not a 523 per request.
    pub fn new(
        upstream: &str,
        modes: Vec<HeaderMode>,
        tls: &UpstreamTls,
    ) -> Result<Forwarder, ServeError> {
        let bad = |why: &str| ServeError::Upstream(format!("{upstream:?}: {why}"));
        let base: http::Uri = upstream
            .parse()
            .map_err(|_| bad("not a URL (http://host:port or https://host:port)"))?;
        let https = match base.scheme_str() {
            Some("http") => false,
            Some("https") => true,
            _ => return Err(bad("use an http:// or https:// URL")),
        };
        let Some(authority) = base.authority() else {
            return Err(bad("no host"));
        };
        if base.query().is_some() {
            return Err(bad("a query is not allowed here"));
        }
        if !https && tls.is_set() {
            return Err(bad(
                "--upstream-ca, --upstream-insecure and --origin-client-cert need an https:// origin",
            ));
        }
        let host = authority.host();
        let port = authority.port_u16().unwrap_or(if https { 443 } else { 80 });
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        std::net::ToSocketAddrs::to_socket_addrs(&(bare, port))
            .map_err(|e| bad(&format!("cannot resolve {host}: {e}")))?;
        let pool = if https {
            Pool::Tls(pool(OriginConnector::new(host, port, tls)?))
        } else {
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            connector.set_connect_timeout(Some(origin_tls::CONNECT_TIMEOUT));
            Pool::Plain(pool(connector))
        };
        Ok(Forwarder { pool, base, modes })
    }

    /// The edge headers for a connection's client, computed once per connection. A value with
    /// control characters cannot be a header: it is left out.
    pub fn edge_values(&self, view: &ClientView) -> Vec<(HeaderName, HeaderValue)> {
        edge_headers(&self.modes, view)
            .into_iter()
            .filter_map(|(n, v)| {
                Some((
                    HeaderName::from_static(n),
                    HeaderValue::from_bytes(v.as_bytes()).ok()?,
                ))
            })
            .collect()
    }

    /// Sends `parts` + `body` to the origin with the edge's headers; the response streams back.
    pub async fn forward(
        &self,
        mut parts: http::request::Parts,
        body: Incoming,
        info: ForwardInfo<'_>,
    ) -> Result<http::Response<BoxBody<Bytes, hyper::Error>>, ForwardError> {
        let prefix = self.base.path().trim_end_matches('/');
        let pq = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let upstream = self
            .base
            .authority()
            .map(|a| a.as_str())
            .unwrap_or_default();
        // Over TLS the URI names the request's host: the connector puts it in SNI (still
        // dialling the upstream), and the pool keeps each name's connections apart.
        let authority = match &self.pool {
            Pool::Tls(_) if origin_tls::server_name(info.host).is_some() => info
                .host
                .parse::<http::uri::Authority>()
                .map(|a| a.host().to_string())
                .unwrap_or_else(|_| upstream.to_string()),
            _ => upstream.to_string(),
        };
        let uri = format!(
            "{}://{authority}{prefix}{pq}",
            self.base.scheme_str().unwrap_or("http"),
        );
        parts.uri = uri.parse().map_err(|e| ForwardError {
            failure: Failure::Unknown,
            detail: format!("upstream URI {uri:?}: {e}"),
        })?;
        parts.version = http::Version::HTTP_11;
        rewrite_headers(&mut parts.headers, &info);
        let req = http::Request::from_parts(parts, body);
        let sent = match &self.pool {
            Pool::Plain(client) => client.request(req).await,
            Pool::Tls(client) => client.request(req).await,
        };
        let resp = sent.map_err(|e| {
            let failure = origin_tls::failure(&e);
            let detail = origin_tls::describe(&e);
            ForwardError { failure, detail }
        })?;
        let (mut parts, body) = resp.into_parts();
        strip_hop_by_hop(&mut parts.headers);
        Ok(http::Response::from_parts(parts, body.boxed()))
    }
}

fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let listed: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    for name in HOP_BY_HOP
        .iter()
        .copied()
        .chain(listed.iter().map(String::as_str))
    {
        headers.remove(name);
    }
}

/// The request headers as the origin receives them.
fn rewrite_headers(headers: &mut HeaderMap, info: &ForwardInfo<'_>) {
    strip_hop_by_hop(headers);
    let names: Vec<HeaderName> = headers.keys().cloned().collect();
    for name in names {
        if is_edge_only(name.as_str()) {
            headers.remove(&name);
        }
    }
    if !headers.contains_key(header::HOST)
        && let Ok(v) = HeaderValue::from_str(info.host)
    {
        headers.insert(header::HOST, v);
    }
    let ip = info.ip.to_string();
    let xff = match headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(prev) if !prev.trim().is_empty() => format!("{prev}, {ip}"),
        _ => ip.clone(),
    };
    if let Ok(v) = HeaderValue::from_str(&xff) {
        headers.insert("x-forwarded-for", v);
    }
    headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
    if let Ok(v) = HeaderValue::from_str(&ip) {
        headers.insert("cf-connecting-ip", v);
    }
    for (name, value) in info.edge {
        headers.append(name.clone(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_no_cert_sets_managed_only() {
        assert_eq!(
            "rfc9440".parse::<HeaderMode>().unwrap(),
            HeaderMode::Rfc9440
        );
        assert!("nginx".parse::<HeaderMode>().is_err());
        let none = ClientView::none();
        let h = edge_headers(
            &[HeaderMode::Managed, HeaderMode::Rfc9440, HeaderMode::Access],
            &none,
        );
        assert_eq!(h.len(), MANAGED.len());
        assert!(h.contains(&("cf-cert-presented", "false".into())));
        assert!(h.contains(&("cf-cert-serial", String::new())));
    }

    #[test]
    fn client_copies_are_removed_whatever_the_mode() {
        let mut headers = HeaderMap::new();
        headers.insert("client-cert", HeaderValue::from_static(":Zm9v:"));
        headers.insert("cf-cert-verified", HeaderValue::from_static("true"));
        headers.insert("x-forwarded-for", HeaderValue::from_static("10.0.0.1"));
        headers.insert("connection", HeaderValue::from_static("close, x-secret"));
        headers.insert("x-secret", HeaderValue::from_static("1"));
        let info = ForwardInfo {
            ip: "127.0.0.1".parse().unwrap(),
            host: "app.example.test",
            edge: &[],
        };
        rewrite_headers(&mut headers, &info);
        assert!(headers.get("client-cert").is_none());
        assert!(headers.get("cf-cert-verified").is_none());
        assert!(headers.get("x-secret").is_none());
        assert_eq!(headers["x-forwarded-for"], "10.0.0.1, 127.0.0.1");
        assert_eq!(headers["host"], "app.example.test");
    }
}
