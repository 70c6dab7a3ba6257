//! One request through the local edge: the fields, the zone's rules, and the answer.
//!
//! Owns turning a hyper request head into the request the rules decide on and into the
//! [`RequestLine`] that `--log` records; the two are held together by a test (the line's
//! [`RequestLine::to_request`], which `rule test --requests` uses, gives the same request and
//! fields), so a replay sees exactly what was decided. The fields are set as in `rule test`
//! (the request's, then the client's values computed once per connection) and the rules run
//! through [`ruleset::decide`]. Then: a block or challenge page (403, with the explanation as
//! HTML or, for `Accept: application/json`, JSON), the request forwarded to the origin, or,
//! without an origin, a JSON echo of the request and every field value.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use serde::Serialize;
use serde_json::value::RawValue;

use super::Shared;
use super::forward::ForwardInfo;
use crate::edge::client::{ClientSummary, ClientView};
use crate::edge::dryrun;
use crate::edge::normalize::Normalization;
use crate::edge::replay::{Headers, RequestLine};
use crate::edge::request::Request;
use crate::edge::ruleset::{self, Action, Decision, Verdict};
use crate::rules::{self, Context, Value};

/// A response body: a small page, or the origin's streamed body.
pub type Body = BoxBody<Bytes, hyper::Error>;

/// What is known about a connection, computed once after the handshake.
pub struct ConnInfo {
    /// The client's address.
    pub peer: SocketAddr,
    /// The client's IP address as text (the log line's `ip`), formatted once.
    pub peer_ip: String,
    /// The port the client connected to (`cf.edge.server_port`).
    pub local_port: u16,
    /// `cf.tls_version`.
    pub tls_version: &'static str,
    /// `cf.tls_cipher`.
    pub tls_cipher: String,
    /// Whether the SNI named an mTLS hostname (a client certificate was requested).
    pub mtls: bool,
    /// The client certificate's fields and validation, once per connection.
    pub view: ClientView,
    /// The same fields as rule values, for each request's context.
    pub client_values: Result<dryrun::ClientValues, String>,
    /// The leaf as PEM (for the log), when one was presented.
    pub cert_pem: Option<String>,
    /// The intermediates as PEM, when any were sent.
    pub chain_pem: Option<String>,
    /// The headers the edge adds for the origin (empty without `--upstream`).
    pub edge_headers: Vec<(http::HeaderName, HeaderValue)>,
    /// Requests in flight and the time of the last one, for the idle timeout.
    pub activity: Activity,
    /// A rules context with the client's values set, kept between the connection's requests.
    pub spare: std::sync::Mutex<Option<Context>>,
    /// The client's values as JSON, by field id, for the echo (empty when forwarding).
    pub client_json: ClientJson,
}

/// Field values as JSON text, by field id (`None`: not one of them).
pub type ClientJson = Vec<Option<Box<RawValue>>>;

/// The client's field values as JSON text, serialized once per connection: they are the same
/// for every request, and escaping the long ones (`cert_rfc9440`, the DNs) was the echo's
/// largest cost.
pub fn client_json(client: &dryrun::ClientValues) -> ClientJson {
    let mut out: ClientJson = Vec::new();
    for (id, value) in client.iter() {
        let Ok(text) = serde_json::to_string(value) else {
            continue;
        };
        let Ok(raw) = RawValue::from_string(text) else {
            continue;
        };
        if out.len() <= id {
            out.resize_with(id + 1, || None);
        }
        out[id] = Some(raw);
    }
    out
}

impl ConnInfo {
    /// A context with the client's values set and every other field at its default: the one
    /// the connection's last request gave back, with the request's fields reset (the client's
    /// values are the same for every request on a connection), or a new one.
    fn context(&self, client: &dryrun::ClientValues) -> Result<Context, String> {
        let spare = self.spare.lock().ok().and_then(|mut s| s.take());
        match spare {
            Some(mut ctx) => {
                ctx.clear_if(|id| !client.holds(id));
                Ok(ctx)
            }
            None => {
                let mut ctx = Context::new();
                client.apply(&mut ctx, None).map_err(|e| e.to_string())?;
                Ok(ctx)
            }
        }
    }

    /// Keeps `ctx` for the connection's next request.
    fn give_back(&self, ctx: Context) {
        if let Ok(mut s) = self.spare.lock() {
            *s = Some(ctx);
        }
    }
}

/// Request activity on a connection.
pub struct Activity {
    in_flight: AtomicUsize,
    last_ms: AtomicU64,
    epoch: Instant,
}

impl Activity {
    /// No request yet.
    pub fn new() -> Activity {
        Activity {
            in_flight: AtomicUsize::new(0),
            last_ms: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }

    fn touch(&self) {
        let ms = self.epoch.elapsed().as_millis() as u64;
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    /// How long the connection has had no request in flight (zero while one is).
    pub fn idle_for(&self) -> std::time::Duration {
        if self.in_flight.load(Ordering::Relaxed) > 0 {
            return std::time::Duration::ZERO;
        }
        let last = self.last_ms.load(Ordering::Relaxed);
        self.epoch
            .elapsed()
            .saturating_sub(std::time::Duration::from_millis(last))
    }
}

impl Default for Activity {
    fn default() -> Self {
        Activity::new()
    }
}

/// A request in flight, until its answer (body included) is written or dropped.
struct InFlight(Arc<ConnInfo>);

impl InFlight {
    fn start(conn: &Arc<ConnInfo>) -> Self {
        conn.activity.in_flight.fetch_add(1, Ordering::Relaxed);
        conn.activity.touch();
        InFlight(conn.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let a = &self.0.activity;
        a.touch();
        a.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

fn full(body: impl Into<Bytes>) -> Body {
    Full::new(body.into())
        .map_err(|never: Infallible| match never {})
        .boxed()
}

fn simple(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response<Body> {
    let mut r = Response::new(full(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut()
        .insert(header::SERVER, HeaderValue::from_static("mtlsctl"));
    r
}

fn http_version(v: http::Version) -> &'static str {
    match v {
        http::Version::HTTP_09 => "HTTP/0.9",
        http::Version::HTTP_10 => "HTTP/1.0",
        http::Version::HTTP_2 => "HTTP/2",
        http::Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    }
}

/// The host a request names (Host, else the `:authority`), without the port.
fn request_host(parts: &http::request::Parts) -> Option<&str> {
    let host = match parts.headers.get(header::HOST) {
        Some(h) => h.to_str().ok()?,
        None => parts.uri.authority()?.as_str(),
    };
    Some(match host.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map_or(v6, |(addr, _)| addr),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    })
}

/// 421 when the request's host has another mTLS setting than the hostname the connection was
/// opened for (its SNI), as on the edge: a connection on which no certificate was requested
/// cannot be reused for an mTLS hostname, nor the reverse.
fn misdirected(
    shared: &Shared,
    conn: &ConnInfo,
    parts: &http::request::Parts,
) -> Option<Response<Body>> {
    let host = request_host(parts)?;
    if shared.tls.is_mtls_host(host) == conn.mtls {
        return None;
    }
    let (this, that) = if conn.mtls {
        ("with", "without")
    } else {
        ("without", "with")
    };
    Some(simple(
        StatusCode::MISDIRECTED_REQUEST,
        "text/plain; charset=utf-8",
        format!(
            "421 Misdirected Request: this connection was opened for a hostname {this} mTLS and {host:?} is {that}; open a new connection for it\n"
        ),
    ))
}

/// The host a request names as sent (Host, else the `:authority`), for the fields and the log.
fn host_text(parts: &http::request::Parts) -> Option<String> {
    parts
        .headers
        .get(header::HOST)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .or_else(|| parts.uri.authority().map(|a| a.as_str().to_string()))
}

fn path_text(parts: &http::request::Parts) -> &str {
    parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/")
}

/// The fields the connection and the request line set beyond the request's own: the HTTP
/// version, the TLS version and cipher (a replay reads them from the log line's `fields`).
fn line_fields<'a>(
    conn: &'a ConnInfo,
    parts: &http::request::Parts,
) -> [(&'static str, &'a str); 3] {
    [
        ("http.request.version", http_version(parts.version)),
        ("cf.tls_version", conn.tls_version),
        ("cf.tls_cipher", &conn.tls_cipher),
    ]
}

/// The request the rules decide on, straight from hyper's request head.
///
/// [`request_line`] records the same head for `--log`, and `RequestLine::to_request` of that
/// line gives this same request (a test below holds the two together), so a replay through
/// `rule test --requests` decides on exactly what was decided here.
fn request_of(
    normalization: Normalization,
    conn: &ConnInfo,
    parts: &http::request::Parts,
    host: Option<&str>,
) -> Result<Request, String> {
    let mut request = Request {
        host: host.unwrap_or_default().to_string(),
        method: parts.method.as_str().to_ascii_uppercase(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                let v = String::from_utf8_lossy(v.as_bytes());
                (n.as_str().to_string(), v.trim().to_string())
            })
            .collect(),
        ip: Some(conn.peer.ip()),
        port: conn.local_port,
        normalization,
        ..Request::default()
    };
    request
        .set_path(path_text(parts))
        .map_err(|e| e.to_string())?;
    Ok(request)
}

/// The log line for a request (without the verdict yet): the replay format.
fn request_line(
    normalize: &str,
    conn: &ConnInfo,
    parts: &http::request::Parts,
    host: Option<&str>,
) -> RequestLine {
    let headers = parts
        .headers
        .iter()
        .map(|(n, v)| {
            let v = String::from_utf8_lossy(v.as_bytes());
            let mut line = String::with_capacity(n.as_str().len() + 2 + v.len());
            line.push_str(n.as_str());
            line.push_str(": ");
            line.push_str(&v);
            line
        })
        .collect();
    let fields = line_fields(conn, parts)
        .into_iter()
        .map(|(name, value)| (name.to_string(), value.into()))
        .collect();
    RequestLine {
        path: Some(path_text(parts).to_string()),
        host: host.map(str::to_string),
        method: Some(parts.method.as_str().to_string()),
        headers: Some(Headers::List(headers)),
        ip: Some(conn.peer_ip.clone()),
        port: Some(conn.local_port),
        normalize: Some(normalize.to_string()),
        // The certificate goes in only when the line is logged (it is the costly part).
        cert: None,
        chain: None,
        fields: Some(fields),
        ..RequestLine::default()
    }
}

/// Answers one request.
pub async fn handle(
    shared: Arc<Shared>,
    conn: Arc<ConnInfo>,
    req: http::Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let in_flight = InFlight::start(&conn);
    let (parts, body) = req.into_parts();
    if let Some(refused) = misdirected(&shared, &conn, &parts) {
        return Ok(refused);
    }
    let host = host_text(&parts);
    // The log line is built when it is logged or echoed; forwarding without a log skips it.
    let mut line = (shared.log.is_some() || shared.forward.is_none())
        .then(|| request_line(&shared.normalize, &conn, &parts, host.as_deref()));
    let set = shared.live.rules();
    // Forwarding computes only the fields the rules read (as `rule test --requests` does);
    // the echo shows every field, so it computes them all. Only request fields are set here
    // (no `cf.tls_client_auth.*` one), so the client's values in the connection's context stay
    // as they were computed after the handshake.
    let needed = shared.forward.as_ref().map(|_| &set.needed);
    let decided =
        request_of(shared.normalization, &conn, &parts, host.as_deref()).and_then(|request| {
            let client = conn.client_values.as_ref().map_err(Clone::clone)?;
            let mut ctx = conn.context(client)?;
            request
                .apply_only(&mut ctx, needed)
                .map_err(|e| e.to_string())?;
            for (name, value) in line_fields(&conn, &parts) {
                ctx.set(name, Value::Bytes(value.as_bytes().to_vec()))
                    .map_err(|e| format!("fields.{name}: {e}"))?;
            }
            Ok((request, ctx))
        });
    let (request, ctx) = match decided {
        Ok(x) => x,
        Err(e) => {
            return Ok(simple(
                StatusCode::BAD_REQUEST,
                "text/plain; charset=utf-8",
                format!("400 Bad Request: {e}\n"),
            ));
        }
    };
    let rules = &set.rules;
    let decision = ruleset::decide(rules, &ctx, false);
    if let Some(line) = &mut line {
        line.verdict = Some(decision.verdict);
        line.rule = decision.decided_by.clone();
        if let Some(log) = &shared.log {
            line.cert = conn.cert_pem.clone();
            line.chain = conn.chain_pem.clone();
            log.write(line);
        }
    }
    let wants_json = parts
        .headers
        .get_all(header::ACCEPT)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.contains("application/json")));
    if decision.verdict != Verdict::Allow {
        // Run again with traces for the explanation (only for the requests that need one).
        let traced = ruleset::decide(rules, &ctx, true);
        return Ok(refusal(&traced, &conn.view, &request.path(), wants_json));
    }
    match &shared.forward {
        Some(fwd) => {
            conn.give_back(ctx);
            let host = host.unwrap_or_default();
            let info = ForwardInfo {
                ip: conn.peer.ip(),
                host: &host,
                edge: &conn.edge_headers,
            };
            match fwd.forward(parts, body, info).await {
                // The origin's body streams after this returns: the request stays in flight
                // (for the idle and header timeouts) until it is written.
                Ok(resp) => Ok(resp.map(|b| {
                    b.map_frame(move |f| {
                        let _ = &in_flight;
                        f
                    })
                    .boxed()
                })),
                Err(e) => {
                    eprintln!("mtlsctl serve: error: {e}");
                    Ok(simple(
                        e.status(),
                        "text/plain; charset=utf-8",
                        format!("{}: {e}\n", e.title()),
                    ))
                }
            }
        }
        None => {
            let line = line
                .unwrap_or_else(|| request_line(&shared.normalize, &conn, &parts, host.as_deref()));
            let answer = echo(&line, &conn, &ctx, &decision);
            conn.give_back(ctx);
            Ok(answer)
        }
    }
}

/// Every field a rule can read that has a value here (as `rule test --json` shows them),
/// written straight from the context in catalogue order (no intermediate JSON map); the
/// client's fields from their JSON text made once per connection.
struct FieldValues<'a>(&'a Context, &'a ClientJson);

impl Serialize for FieldValues<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for (id, f) in rules::FIELDS.iter().enumerate() {
            if let Some(Some(raw)) = self.1.get(id) {
                m.serialize_entry(f.name, raw)?;
            } else if let Some(v) = self.0.get(id) {
                m.serialize_entry(f.name, v)?;
            }
        }
        m.end()
    }
}

#[derive(Serialize)]
struct Echo<'a> {
    request: &'a RequestLine,
    client: ClientSummary<'a>,
    verdict: Verdict,
    decided_by: Option<&'a str>,
    logged: &'a [String],
    fields: FieldValues<'a>,
}

fn echo(line: &RequestLine, conn: &ConnInfo, ctx: &Context, d: &Decision) -> Response<Body> {
    let view = &conn.view;
    let e = Echo {
        request: line,
        client: view.summary(),
        verdict: d.verdict,
        decided_by: d.decided_by.as_deref(),
        logged: &d.logged,
        fields: FieldValues(ctx, &conn.client_json),
    };
    // About 5 KB with a client certificate: one allocation instead of doubling up to it.
    let mut text = Vec::with_capacity(8192);
    if serde_json::to_writer_pretty(&mut text, &e).is_err() {
        text.clear();
    }
    text.push(b'\n');
    simple(StatusCode::OK, "application/json", text)
}

#[derive(Serialize)]
struct Refusal<'a> {
    verdict: Verdict,
    rule: Option<&'a str>,
    action: Option<Action>,
    client: ClientSummary<'a>,
    path: &'a str,
    rules: &'a [ruleset::RuleResult],
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The 403 page for a block or a challenge.
fn refusal(d: &Decision, view: &ClientView, path: &str, json: bool) -> Response<Body> {
    let challenge = d.verdict == Verdict::Challenge;
    let mut resp = if json {
        let r = Refusal {
            verdict: d.verdict,
            rule: d.decided_by.as_deref(),
            action: d.action,
            client: view.summary(),
            path,
            rules: &d.rules,
        };
        let mut text = serde_json::to_vec_pretty(&r).unwrap_or_default();
        text.push(b'\n');
        simple(StatusCode::FORBIDDEN, "application/json", text)
    } else {
        let rule = d.decided_by.as_deref().unwrap_or("?");
        let action = d.action.map(|a| a.as_str()).unwrap_or("block");
        let headline = if challenge {
            format!(
                "A challenge ({action}) would be shown here: rule {rule:?} matched. mtlsctl serve does not run challenges."
            )
        } else {
            format!("Blocked by rule {rule:?} (action {action}).")
        };
        let client = if !view.fields.cert_presented {
            "no client certificate".to_string()
        } else {
            let mut s = format!(
                "{}: verified={} revoked={}",
                view.fields.cert_subject_dn, view.verified, view.revoked
            );
            if let Some(f) = &view.failure {
                s.push_str(&format!(" ({f})"));
            }
            if let Some(r) = &view.revoked_by {
                s.push_str(&format!(" ({r})"));
            }
            s
        };
        let mut explain = String::new();
        for r in &d.rules {
            let state = match r.matched {
                Some(true) => "matched",
                Some(false) => "did not match",
                None => "not evaluated",
            };
            explain.push_str(&format!("rule {:?} [{}]: {state}\n", r.reference, r.action));
            if let Some(t) = &r.trace {
                for l in t.render().lines() {
                    explain.push_str("  ");
                    explain.push_str(l);
                    explain.push('\n');
                }
            }
        }
        let page = format!(
            "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>403 Forbidden</title></head>\n<body>\n<h1>403 Forbidden</h1>\n<p>{}</p>\n<p>client: {}</p>\n<p>path: {}</p>\n<pre>\n{}</pre>\n<p>mtlsctl serve, a local Cloudflare mTLS edge</p>\n</body></html>\n",
            html_escape(&headline),
            html_escape(&client),
            html_escape(path),
            html_escape(&explain)
        );
        simple(StatusCode::FORBIDDEN, "text/html; charset=utf-8", page)
    };
    if challenge {
        resp.headers_mut()
            .insert("cf-mitigated", HeaderValue::from_static("challenge"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn(peer: &str) -> ConnInfo {
        let peer: SocketAddr = peer.parse().unwrap();
        ConnInfo {
            peer,
            peer_ip: peer.ip().to_string(),
            local_port: 8443,
            tls_version: "TLSv1.3",
            tls_cipher: "AEAD-AES128-GCM-SHA256".into(),
            mtls: true,
            view: ClientView::none(),
            client_values: Err("none".into()),
            cert_pem: None,
            chain_pem: None,
            edge_headers: Vec::new(),
            activity: Activity::new(),
            spare: std::sync::Mutex::new(None),
            client_json: Vec::new(),
        }
    }

    /// What the rules decide on is what the log line replays: `request_of` (the live path) and
    /// `request_line` + `RequestLine::to_request` (the replay path) give the same request and
    /// the same fields, for every kind of head.
    #[test]
    fn the_live_request_is_the_one_its_log_line_replays() {
        let heads: Vec<http::Request<()>> = vec![
            http::Request::get("/admin/./x.JSON?b=2&a=1")
                .header("host", "App.Example.test:8443")
                .header("user-agent", "curl/8")
                .header("x-multi", "1")
                .header("x-multi", " 2 ")
                .header("cookie", "a=b; c=d")
                .body(())
                .unwrap(),
            http::Request::post("https://www.example.test/%61dmin//y?")
                .version(http::Version::HTTP_2)
                .header(
                    "x-bytes",
                    http::HeaderValue::from_bytes(b"caf\xe9").unwrap(),
                )
                .body(())
                .unwrap(),
            http::Request::builder()
                .method("PATCH")
                .uri("/")
                .version(http::Version::HTTP_10)
                .body(())
                .unwrap(),
        ];
        for normalize in ["rfc3986", "cloudflare", "off"] {
            for peer in ["127.0.0.1:5000", "[2001:db8::1]:6000"] {
                let conn = conn(peer);
                for head in &heads {
                    let (parts, ()) = head.clone().into_parts();
                    let host = host_text(&parts);
                    let live =
                        request_of(normalize.parse().unwrap(), &conn, &parts, host.as_deref())
                            .unwrap();
                    let line = request_line(normalize, &conn, &parts, host.as_deref());
                    let replayed = line.to_request().unwrap();
                    assert_eq!(format!("{live:?}"), format!("{replayed:?}"), "{head:?}");
                    // The same fields, the line's `fields` included.
                    let mut a = Context::new();
                    live.apply(&mut a).unwrap();
                    for (name, value) in line_fields(&conn, &parts) {
                        a.set(name, Value::Bytes(value.as_bytes().to_vec()))
                            .unwrap();
                    }
                    let mut b = Context::new();
                    replayed.apply(&mut b).unwrap();
                    line.apply_fields(&mut b).unwrap();
                    for (id, f) in rules::FIELDS.iter().enumerate() {
                        assert_eq!(a.get(id), b.get(id), "{} for {head:?}", f.name);
                    }
                }
            }
        }
    }

    fn host_of(host: Option<&str>, uri: &str) -> Option<String> {
        let mut b = http::Request::builder().uri(uri);
        if let Some(h) = host {
            b = b.header(header::HOST, h);
        }
        let (parts, ()) = b.body(()).unwrap().into_parts();
        request_host(&parts).map(str::to_string)
    }

    #[test]
    fn the_request_host_is_host_else_authority_without_the_port() {
        assert_eq!(
            host_of(Some("app.test:8443"), "/").as_deref(),
            Some("app.test")
        );
        assert_eq!(host_of(Some("app.test"), "/").as_deref(), Some("app.test"));
        assert_eq!(host_of(Some("[::1]:8443"), "/").as_deref(), Some("::1"));
        assert_eq!(host_of(Some("[::1]"), "/").as_deref(), Some("::1"));
        // HTTP/2: the :authority, when there is no Host.
        assert_eq!(
            host_of(None, "https://www.test:443/x").as_deref(),
            Some("www.test")
        );
        assert_eq!(host_of(None, "/x"), None);
    }
}
