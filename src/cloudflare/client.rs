//! The HTTP side of the Cloudflare API: credentials from the environment, the v4 envelope,
//! pagination, retries, and one-line errors.
//!
//! Owns every request mtlsctl sends to Cloudflare. A blocking reqwest client (rustls with
//! the aws-lc-rs provider) is built only when a `cf` command runs. Credentials never appear
//! on the command line, in output or in an error: [`Credentials`] has no `Debug` that shows
//! them, and errors name the method and path only.
//!
//! Retries: HTTP 429 always (the request was not processed), and 5xx for GET, PUT and
//! DELETE (idempotent); a POST that got a 5xx is not retried, as it may have been applied.
//! The wait is `Retry-After` (seconds or an HTTP date, capped at [`MAX_WAIT`]) or a doubling
//! backoff from 500 ms capped at 8 s; at most [`MAX_ATTEMPTS`] attempts.

use std::fmt;
use std::time::Duration;

use reqwest::Method;
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use serde_json::Value;

use crate::pki::sanitize::sanitize;

/// The default API base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Attempts per request (the first one and the retries).
pub const MAX_ATTEMPTS: u32 = 8;
/// The longest single wait, whatever `Retry-After` says.
pub const MAX_WAIT: Duration = Duration::from_secs(60);
/// Page size for paged lists (the API's maximum for zones and client certificates).
pub const PER_PAGE: u32 = 50;
/// The most pages followed (a server that never ends a list is an error, not a hang).
pub const MAX_PAGES: u32 = 1000;

/// How mtlsctl authenticates.
#[derive(Clone)]
pub enum Credentials {
    /// `CLOUDFLARE_API_TOKEN`: `Authorization: Bearer`.
    Token(String),
    /// `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL`: the global key.
    Key {
        /// The key.
        key: String,
        /// The account e-mail.
        email: String,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Credentials::Token(<hidden>)"),
            Credentials::Key { .. } => f.write_str("Credentials::Key(<hidden>)"),
        }
    }
}

/// Settings read from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Credentials.
    pub credentials: Credentials,
    /// The base URL, with `/client/v4`.
    pub base_url: String,
    /// `CLOUDFLARE_ACCOUNT_ID`, if set.
    pub account_id: Option<String>,
    /// `CLOUDFLARE_ZONE_ID`, if set.
    pub zone_id: Option<String>,
}

/// Errors talking to Cloudflare.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No usable credentials in the environment.
    #[error(
        "no Cloudflare credentials: set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL)"
    )]
    NoCredentials,
    /// A setting is malformed.
    #[error("{0}")]
    Setting(String),
    /// The HTTP exchange failed (connection, TLS, timeout).
    #[error("{method} {path}: {reason}")]
    Transport {
        /// Method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// What failed.
        reason: String,
    },
    /// The API answered with an error.
    #[error("{method} {path}: HTTP {status}: {detail}")]
    Api {
        /// Method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// HTTP status.
        status: u16,
        /// The first error code, if any.
        code: Option<i64>,
        /// `code N: message (at /pointer)`, every error joined with `; `.
        detail: String,
    },
    /// The answer is not what the API documents.
    #[error("{method} {path}: unexpected answer: {reason}")]
    Shape {
        /// Method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

impl ApiError {
    /// The HTTP status and first error code of an API error.
    pub fn status_code(&self) -> Option<(u16, Option<i64>)> {
        match self {
            ApiError::Api { status, code, .. } => Some((*status, *code)),
            _ => None,
        }
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    /// Reads `CLOUDFLARE_*` from the environment.
    pub fn from_env() -> Result<Settings, ApiError> {
        let credentials = match (
            env_nonempty("CLOUDFLARE_API_TOKEN"),
            env_nonempty("CLOUDFLARE_API_KEY"),
            env_nonempty("CLOUDFLARE_EMAIL"),
        ) {
            (Some(t), _, _) => Credentials::Token(t.trim().to_string()),
            (None, Some(key), Some(email)) => Credentials::Key {
                key: key.trim().to_string(),
                email: email.trim().to_string(),
            },
            (None, Some(_), None) => {
                return Err(ApiError::Setting(
                    "CLOUDFLARE_API_KEY needs CLOUDFLARE_EMAIL (or use CLOUDFLARE_API_TOKEN)"
                        .into(),
                ));
            }
            _ => return Err(ApiError::NoCredentials),
        };
        let base_url = env_nonempty("CLOUDFLARE_BASE_URL")
            .or_else(|| env_nonempty("CLOUDFLARE_API_BASE_URL"))
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        let base_url = base_url.trim().trim_end_matches('/').to_string();
        let parsed = reqwest::Url::parse(&base_url).map_err(|e| {
            ApiError::Setting(format!(
                "CLOUDFLARE_BASE_URL {:?}: not a URL: {e}",
                sanitize(&base_url)
            ))
        })?;
        // The credentials go in a header: plain http only to this machine (a local proxy or
        // a test double), never across a network.
        let loopback = parsed.host_str().is_some_and(|h| {
            h == "localhost"
                || h.trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        });
        match parsed.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => {
                return Err(ApiError::Setting(format!(
                    "CLOUDFLARE_BASE_URL {:?}: use an https:// URL (plain http only to 127.0.0.1, ::1 or localhost)",
                    sanitize(&base_url)
                )));
            }
        }
        let id = |name: &str| -> Result<Option<String>, ApiError> {
            match env_nonempty(name) {
                None => Ok(None),
                Some(v) if is_hex32(v.trim()) => Ok(Some(v.trim().to_ascii_lowercase())),
                Some(v) => Err(ApiError::Setting(format!(
                    "{name} {:?}: not an id (32 hex digits)",
                    sanitize(&v)
                ))),
            }
        };
        Ok(Settings {
            credentials,
            base_url,
            account_id: id("CLOUDFLARE_ACCOUNT_ID")?,
            zone_id: id("CLOUDFLARE_ZONE_ID")?,
        })
    }
}

/// True for a Cloudflare 32-hex identifier.
pub fn is_hex32(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One successful answer: `result` and `result_info` of the envelope.
#[derive(Debug, Clone)]
pub struct Answer {
    /// `result` (null for a 204).
    pub result: Value,
    /// `result_info`, if present.
    pub result_info: Option<Value>,
}

/// A progress reporter (stderr lines for long operations); the command decides where.
pub type Progress = Box<dyn Fn(&str)>;

/// The Cloudflare API client.
pub struct Client {
    http: Http,
    settings: Settings,
    progress: Progress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.settings.base_url)
            .finish_non_exhaustive()
    }
}

/// Whether a request may be retried after a 5xx.
fn idempotent(m: &Method) -> bool {
    matches!(
        *m,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

/// The wait a `Retry-After` value asks for (seconds, or an HTTP date), capped.
pub fn parse_retry_after(v: &str, now: time::OffsetDateTime) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_WAIT));
    }
    let fmt = time::format_description::well_known::Rfc2822;
    let at = time::OffsetDateTime::parse(&v.replace("GMT", "+0000"), &fmt).ok()?;
    let secs = (at - now).whole_seconds().max(0) as u64;
    Some(Duration::from_secs(secs).min(MAX_WAIT))
}

/// The backoff before attempt `attempt + 1` when the server gave no `Retry-After`.
pub fn backoff(attempt: u32) -> Duration {
    let ms = 500u64.saturating_mul(1 << attempt.min(5));
    Duration::from_millis(ms.min(8000))
}

/// The errors of an envelope as one line: `code N: message (at /pointer)`, joined by `; `.
pub fn describe_errors(body: &Value) -> (Option<i64>, String) {
    let mut first = None;
    let mut parts = Vec::new();
    if let Some(errs) = body.get("errors").and_then(Value::as_array) {
        for e in errs {
            let code = e.get("code").and_then(Value::as_i64);
            if first.is_none() {
                first = code;
            }
            let msg = e
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("(no message)");
            let mut s = match code {
                Some(c) => format!("code {c}: {}", sanitize(msg)),
                None => sanitize(msg).into_owned(),
            };
            if let Some(p) = e
                .get("source")
                .and_then(|s| s.get("pointer"))
                .and_then(Value::as_str)
            {
                s.push_str(&format!(" (at {})", sanitize(p)));
            }
            parts.push(s);
        }
    }
    (first, parts.join("; "))
}

impl Client {
    /// A client for `settings`; `progress` receives the lines to show on stderr.
    pub fn new(settings: Settings, progress: Progress) -> Result<Client, ApiError> {
        let http = Http::builder()
            .user_agent(concat!("mtlsctl/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::Setting(format!("cannot set up HTTPS: {e}")))?;
        Ok(Client {
            http,
            settings,
            progress,
        })
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Shows a progress line.
    pub fn progress(&self, s: &str) {
        (self.progress)(s);
    }

    fn authorize(&self, rb: RequestBuilder) -> RequestBuilder {
        match &self.settings.credentials {
            Credentials::Token(t) => rb.bearer_auth(t),
            Credentials::Key { key, email } => {
                rb.header("X-Auth-Key", key).header("X-Auth-Email", email)
            }
        }
    }

    /// Sends one request (with retries) and returns the envelope's result.
    ///
    /// `path` is below the base URL (`/zones/...`); `query` pairs are URL-encoded.
    pub fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Answer, ApiError> {
        let url = format!("{}{}", self.settings.base_url, path);
        let mut url = reqwest::Url::parse(&url).map_err(|e| ApiError::Setting(e.to_string()))?;
        if !query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in query {
                q.append_pair(k, v);
            }
        }
        let shown = |m: &Method| (m.to_string(), path.to_string());
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut rb = self.http.request(method.clone(), url.clone());
            rb = self.authorize(rb).header("Accept", "application/json");
            if let Some(b) = body {
                rb = rb.json(b);
            }
            let resp = rb.send();
            let (m, p) = shown(&method);
            let resp: Response = match resp {
                Ok(r) => r,
                Err(e) => {
                    let reason = transport_reason(&e);
                    if idempotent(&method) && attempt < MAX_ATTEMPTS && transient(&e) {
                        let wait = backoff(attempt - 1);
                        self.progress(&format!(
                            "cloudflare: {m} {p}: {reason}; retrying in {} (attempt {}/{MAX_ATTEMPTS})",
                            show_wait(wait),
                            attempt + 1
                        ));
                        std::thread::sleep(wait);
                        continue;
                    }
                    return Err(ApiError::Transport {
                        method: m,
                        path: p,
                        reason,
                    });
                }
            };
            let status = resp.status().as_u16();
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, time::OffsetDateTime::now_utc()));
            let text = resp.text().map_err(|e| ApiError::Transport {
                method: m.clone(),
                path: p.clone(),
                reason: transport_reason(&e),
            })?;
            let retryable = status == 429 || (status >= 500 && idempotent(&method));
            if retryable && attempt < MAX_ATTEMPTS {
                let wait = retry_after.unwrap_or_else(|| backoff(attempt - 1));
                let why = if status == 429 {
                    "rate limited (HTTP 429)".to_string()
                } else {
                    format!("HTTP {status}")
                };
                self.progress(&format!(
                    "cloudflare: {m} {p}: {why}; retrying in {} (attempt {}/{MAX_ATTEMPTS})",
                    show_wait(wait),
                    attempt + 1
                ));
                std::thread::sleep(wait);
                continue;
            }
            if status == 204 {
                return Ok(Answer {
                    result: Value::Null,
                    result_info: None,
                });
            }
            let parsed: Result<Value, _> = serde_json::from_str(&text);
            let Ok(json) = parsed else {
                return Err(if (200..300).contains(&status) {
                    ApiError::Shape {
                        method: m,
                        path: p,
                        reason: format!("HTTP {status} with a body that is not JSON"),
                    }
                } else {
                    ApiError::Api {
                        method: m,
                        path: p,
                        status,
                        code: None,
                        detail: "no JSON error body".into(),
                    }
                });
            };
            let success = json.get("success").and_then(Value::as_bool);
            if !(200..300).contains(&status) || success != Some(true) {
                let (code, mut detail) = describe_errors(&json);
                if detail.is_empty() {
                    detail = "no error details".into();
                }
                if status == 429 {
                    detail.push_str(&format!(" (still rate limited after {attempt} attempts)"));
                }
                return Err(ApiError::Api {
                    method: m,
                    path: p,
                    status,
                    code,
                    detail,
                });
            }
            let mut obj = match json {
                Value::Object(o) => o,
                _ => {
                    return Err(ApiError::Shape {
                        method: m,
                        path: p,
                        reason: "the body is not a JSON object".into(),
                    });
                }
            };
            return Ok(Answer {
                result: obj.remove("result").unwrap_or(Value::Null),
                result_info: obj.remove("result_info"),
            });
        }
    }

    /// GET with a result.
    pub fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, ApiError> {
        Ok(self.call(Method::GET, path, query, None)?.result)
    }

    /// Every item of a `page`/`per_page` list.
    pub fn get_pages(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<Value>, ApiError> {
        let mut out = Vec::new();
        let mut page = 1u32;
        loop {
            let mut q: Vec<(&str, String)> = query.to_vec();
            q.push(("page", page.to_string()));
            q.push(("per_page", PER_PAGE.to_string()));
            let a = self.call(Method::GET, path, &q, None)?;
            let items = match a.result {
                Value::Array(v) => v,
                Value::Null => Vec::new(),
                _ => {
                    return Err(ApiError::Shape {
                        method: "GET".into(),
                        path: path.into(),
                        reason: "the result is not a list".into(),
                    });
                }
            };
            let n = items.len();
            out.extend(items);
            let total_pages = a
                .result_info
                .as_ref()
                .and_then(|i| i.get("total_pages"))
                .and_then(Value::as_u64);
            let more = match total_pages {
                Some(t) => u64::from(page) < t,
                None => n as u32 >= PER_PAGE,
            };
            if !more || n == 0 {
                return Ok(out);
            }
            if page >= MAX_PAGES {
                return Err(ApiError::Shape {
                    method: "GET".into(),
                    path: path.into(),
                    reason: format!("more than {MAX_PAGES} pages"),
                });
            }
            page += 1;
            if page.is_multiple_of(5) {
                self.progress(&format!(
                    "cloudflare: GET {path}: page {page} ({} items so far)",
                    out.len()
                ));
            }
        }
    }
}

/// Whether a transport error may pass: a timeout or a dropped or refused connection. A TLS
/// failure (an untrusted certificate, which rustls reports as invalid data) will not.
fn transient(e: &reqwest::Error) -> bool {
    if e.is_builder() {
        return false;
    }
    if e.is_timeout() {
        return true;
    }
    let mut src = std::error::Error::source(e);
    let mut kind = None;
    while let Some(c) = src {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            kind = Some(io.kind());
        }
        src = c.source();
    }
    use std::io::ErrorKind::*;
    matches!(
        kind,
        Some(
            ConnectionRefused
                | ConnectionReset
                | ConnectionAborted
                | NotConnected
                | BrokenPipe
                | UnexpectedEof
                | TimedOut
                | Interrupted
        )
    )
}

fn show_wait(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}

/// A transport error without the URL (which holds no secret, but reqwest repeats it).
fn transport_reason(e: &reqwest::Error) -> String {
    let mut s = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "cannot connect".to_string()
    } else {
        "request failed".to_string()
    };
    let mut src = std::error::Error::source(e);
    let mut last = None;
    while let Some(c) = src {
        last = Some(c.to_string());
        src = c.source();
    }
    if let Some(l) = last {
        s.push_str(": ");
        s.push_str(&sanitize(&l));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now = time::macros::datetime!(2026-01-01 00:00:00 UTC);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("100000", now), Some(MAX_WAIT));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 2026 00:00:07 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert!(backoff(0) < backoff(1) && backoff(30) == Duration::from_secs(8));
    }

    #[test]
    fn errors_on_one_line_with_pointer() {
        let body = serde_json::json!({"success": false, "errors": [
            {"code": 20021, "message": "bad\naction", "source": {"pointer": "/rules/0/action"}},
            {"code": 1, "message": "x"}], "messages": [], "result": null});
        let (code, s) = describe_errors(&body);
        assert_eq!(code, Some(20021));
        assert_eq!(
            s,
            "code 20021: bad\\naction (at /rules/0/action); code 1: x"
        );
    }

    #[test]
    fn credentials_are_not_printed() {
        let c = Credentials::Token("secret-token-value".into());
        assert!(!format!("{c:?}").contains("secret"));
    }
}
