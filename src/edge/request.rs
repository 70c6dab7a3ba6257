//! The request side as the edge sees it: `http.*`, `raw.*`, `ip.src`, `ssl`, ports.
//!
//! Owns turning what a user says about a request (a path or URL, a host, a method, headers,
//! an address) into field values: the path is normalized the way the zone is configured
//! (`http.request.uri.path`), while the `raw.*` fields keep what was sent. Setting the values
//! into a rules context is [`Request::apply`]'s job; the certificate fields come from
//! [`super::client`].

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::Serialize;

use super::normalize::{Normalization, normalize_path};
use crate::rules::{Context, Value};

/// A request, as given by the user.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// The Host header.
    pub host: String,
    /// The path as sent (no query).
    pub raw_path: String,
    /// The query string without `?` (empty when none).
    pub query: String,
    /// The method, upper case.
    pub method: String,
    /// Headers in order, names as given.
    pub headers: Vec<(String, String)>,
    /// The client address.
    pub ip: Option<IpAddr>,
    /// The edge server port.
    pub port: u16,
    /// The zone's URL normalization.
    #[serde(skip)]
    pub normalization: Normalization,
}

/// A bad request description.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// A URL that does not parse.
    #[error("--url {0:?}: expected https://host/path?query")]
    Url(String),
    /// A header without a colon.
    #[error("--header {0:?}: expected \"Name: value\"")]
    Header(String),
    /// A bad address.
    #[error("--ip {0:?}: not an IP address")]
    Ip(String),
    /// A bad normalization name.
    #[error("--normalize {0:?}: use rfc3986, cloudflare or off")]
    Normalization(String),
    /// A path that does not start with `/`.
    #[error("--path {0:?}: a path starts with /")]
    Path(String),
    /// A field the scheme rejected.
    #[error("{0}")]
    Field(String),
}

impl Default for Request {
    fn default() -> Self {
        Request {
            host: String::new(),
            raw_path: "/".into(),
            query: String::new(),
            method: "GET".into(),
            headers: Vec::new(),
            ip: None,
            port: 443,
            normalization: Normalization::default(),
        }
    }
}

impl Request {
    /// Sets the path from `--path` (a `?query` part goes to the query).
    pub fn set_path(&mut self, path: &str) -> Result<(), RequestError> {
        let (p, q) = match path.split_once('?') {
            Some((p, q)) => (p, q),
            None => (path, ""),
        };
        let p = p.split('#').next().unwrap_or_default();
        if !p.starts_with('/') {
            return Err(RequestError::Path(path.to_string()));
        }
        self.raw_path = p.to_string();
        self.query = q.split('#').next().unwrap_or_default().to_string();
        Ok(())
    }

    /// Sets host, port, path and query from `https://host[:port]/path?query`.
    pub fn set_url(&mut self, url: &str) -> Result<(), RequestError> {
        let bad = || RequestError::Url(url.to_string());
        let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
        let default_port = match scheme.to_ascii_lowercase().as_str() {
            "https" => 443,
            "http" => 80,
            _ => return Err(bad()),
        };
        let rest = rest.split('#').next().unwrap_or_default();
        let (authority, path_query) = match rest.find(['/', '?']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.is_empty() || authority.contains('@') {
            return Err(bad());
        }
        self.host = authority.to_string();
        self.port = match authority.rsplit_once(':') {
            Some((_, p)) if !authority.ends_with(']') => p.parse().map_err(|_| bad())?,
            _ => default_port,
        };
        let path_query = if path_query.starts_with('?') {
            format!("/{path_query}")
        } else {
            path_query.to_string()
        };
        self.set_path(&path_query).map_err(|_| bad())
    }

    /// Adds a `Name: value` header.
    pub fn add_header(&mut self, header: &str) -> Result<(), RequestError> {
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| RequestError::Header(header.to_string()))?;
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(RequestError::Header(header.to_string()));
        }
        self.headers
            .push((name.to_string(), value.trim().to_string()));
        Ok(())
    }

    /// Sets the client address.
    pub fn set_ip(&mut self, ip: &str) -> Result<(), RequestError> {
        self.ip = Some(
            ip.trim()
                .parse()
                .map_err(|_| RequestError::Ip(ip.to_string()))?,
        );
        Ok(())
    }

    /// Sets the normalization by name.
    pub fn set_normalization(&mut self, name: &str) -> Result<(), RequestError> {
        self.normalization = name
            .parse()
            .map_err(|_| RequestError::Normalization(name.to_string()))?;
        Ok(())
    }

    /// The normalized path (`http.request.uri.path`).
    pub fn path(&self) -> String {
        normalize_path(&self.raw_path, self.normalization)
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Writes every request field into `ctx`.
    pub fn apply(&self, ctx: &mut Context) -> Result<(), RequestError> {
        self.apply_only(ctx, None)
    }

    /// Writes the request fields into `ctx`; with `needed`, only those the rules read.
    pub fn apply_only(
        &self,
        ctx: &mut Context,
        needed: Option<&super::dryrun::Needed>,
    ) -> Result<(), RequestError> {
        // A field's id, looked up once per name (a request sets about thirty of them).
        macro_rules! id {
            ($name:expr) => {{
                static ID: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
                ID.get_or_init(|| crate::rules::field_index($name))
                    .ok_or_else(|| RequestError::Field(format!("{}: unknown field", $name)))?
            }};
        }
        let want = |id: usize| needed.is_none_or(|s| s.contains_id(id));
        let path = if want(id!("http.request.uri.path"))
            || want(id!("http.request.uri"))
            || want(id!("http.request.full_uri"))
            || want(id!("http.request.uri.path.extension"))
        {
            self.path()
        } else {
            String::new()
        };
        let with_query = |p: &str| {
            if self.query.is_empty() {
                p.to_string()
            } else {
                format!("{p}?{}", self.query)
            }
        };
        let host = if self.host.is_empty() {
            self.header("host").unwrap_or_default().to_string()
        } else {
            self.host.clone()
        };
        let full = |p: &str| format!("https://{host}{}", with_query(p));
        let extension = || {
            path.rsplit('/')
                .next()
                .and_then(|seg| seg.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
                .unwrap_or_default()
        };
        // Each value is computed only when a rule reads its field.
        macro_rules! put {
            ($name:expr, $value:expr) => {
                let id = id!($name);
                if want(id) {
                    ctx.set_id(id, $value)
                        .map_err(|e| RequestError::Field(format!("{}: {e}", $name)))?;
                }
            };
        }
        let s = |t: &str| Value::Bytes(t.as_bytes().to_vec());
        put!("http.host", s(&host));
        put!("http.request.uri", s(&with_query(&path)));
        put!("http.request.uri.path", s(&path));
        put!("http.request.uri.path.extension", s(&extension()));
        put!("http.request.uri.query", s(&self.query));
        put!("http.request.full_uri", s(&full(&path)));
        put!("http.request.method", s(&self.method.to_ascii_uppercase()));
        put!("http.request.version", s("HTTP/1.1"));
        put!("raw.http.request.uri", s(&with_query(&self.raw_path)));
        put!("raw.http.request.uri.path", s(&self.raw_path));
        put!("raw.http.request.uri.query", s(&self.query));
        put!("raw.http.request.full_uri", s(&full(&self.raw_path)));
        put!(
            "http.user_agent",
            s(self.header("user-agent").unwrap_or_default())
        );
        put!(
            "http.referer",
            s(self.header("referer").unwrap_or_default())
        );
        put!("http.cookie", s(self.header("cookie").unwrap_or_default()));
        put!(
            "http.x_forwarded_for",
            s(self.header("x-forwarded-for").unwrap_or_default())
        );
        let headers_wanted = want(id!("http.request.headers"))
            || want(id!("http.request.headers.names"))
            || want(id!("http.request.headers.values"));
        if headers_wanted {
            let mut headers: BTreeMap<Vec<u8>, Value> = BTreeMap::new();
            let mut names = Vec::new();
            let mut values = Vec::new();
            for (n, v) in &self.headers {
                let key = n.to_ascii_lowercase().into_bytes();
                if let Value::Array(a) = headers
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    a.push(s(v));
                }
                names.push(Value::Bytes(key));
                values.push(s(v));
            }
            put!("http.request.headers", Value::Map(headers));
            put!("http.request.headers.names", Value::Array(names));
            put!("http.request.headers.values", Value::Array(values));
        }
        let args_wanted = want(id!("http.request.uri.args"))
            || want(id!("http.request.uri.args.names"))
            || want(id!("http.request.uri.args.values"));
        if args_wanted {
            let mut args: BTreeMap<Vec<u8>, Value> = BTreeMap::new();
            let mut arg_names = Vec::new();
            let mut arg_values = Vec::new();
            for pair in self.query.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                if let Value::Array(a) = args
                    .entry(k.as_bytes().to_vec())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    a.push(s(v));
                }
                arg_names.push(s(k));
                arg_values.push(s(v));
            }
            put!("http.request.uri.args", Value::Map(args));
            put!("http.request.uri.args.names", Value::Array(arg_names));
            put!("http.request.uri.args.values", Value::Array(arg_values));
        }
        if let Some(ip) = self.ip {
            put!("ip.src", Value::Ip(ip));
        }
        put!("ssl", Value::Bool(true));
        put!("cf.tls_version", s("TLSv1.3"));
        put!("cf.tls_cipher", s("AEAD-AES128-GCM-SHA256"));
        put!("cf.edge.server_port", Value::Int(i64::from(self.port)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ctx: &Context, name: &str) -> Value {
        ctx.get_by_name(name).cloned().unwrap()
    }

    fn bytes(s: &str) -> Value {
        Value::Bytes(s.as_bytes().to_vec())
    }

    #[test]
    fn url_splits_into_fields_and_raw_keeps_the_original() {
        let mut r = Request::default();
        r.set_url("https://api.acme.test/%61dmin/./x.JSON?b=2&a=1#frag")
            .unwrap();
        let mut ctx = Context::new();
        r.apply(&mut ctx).unwrap();
        assert_eq!(field(&ctx, "http.host"), bytes("api.acme.test"));
        assert_eq!(field(&ctx, "http.request.uri.path"), bytes("/admin/x.JSON"));
        assert_eq!(
            field(&ctx, "raw.http.request.uri.path"),
            bytes("/%61dmin/./x.JSON")
        );
        assert_eq!(
            field(&ctx, "http.request.uri.path.extension"),
            bytes("json")
        );
        assert_eq!(field(&ctx, "http.request.uri.query"), bytes("b=2&a=1"));
        assert_eq!(
            field(&ctx, "http.request.full_uri"),
            bytes("https://api.acme.test/admin/x.JSON?b=2&a=1")
        );
        assert_eq!(field(&ctx, "cf.edge.server_port"), Value::Int(443));
    }

    #[test]
    fn path_with_query_headers_and_bad_input() {
        let mut r = Request::default();
        r.set_path("/a?x=1").unwrap();
        r.add_header("User-Agent: curl/8").unwrap();
        r.add_header("X-Test: one").unwrap();
        r.add_header("x-test: two").unwrap();
        let mut ctx = Context::new();
        r.apply(&mut ctx).unwrap();
        assert_eq!(field(&ctx, "http.user_agent"), bytes("curl/8"));
        let Value::Map(h) = field(&ctx, "http.request.headers") else {
            panic!()
        };
        assert_eq!(
            h[&b"x-test".to_vec()],
            Value::Array(vec![bytes("one"), bytes("two")])
        );
        assert!(r.set_path("admin").is_err());
        assert!(r.add_header("nocolon").is_err());
        assert!(r.set_ip("999.1.1.1").is_err());
        assert!(r.set_url("ftp://x/").is_err());
        assert!(r.set_normalization("loose").is_err());
    }
}
