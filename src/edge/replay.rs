//! Requests as lines of JSON: the input of `rule test --requests`, and what `serve --log`
//! records, so recorded traffic can be replayed against changed rules.
//!
//! One [`RequestLine`] is one request (path or URL, host, method, headers, client address,
//! the client certificate as PEM or a file name, its chain, extra field values). [`Batch`]
//! answers each line with a verdict, reading and validating each distinct certificate once and
//! filling in only the fields the rules read.
//!
//! A request log is untrusted input: a line's `cert`/`chain` is taken as inline PEM only,
//! unless the caller allows file names (`rule test --allow-cert-files`); then a name is resolved
//! against [`Batch::with_cert_base`] (the JSONL file's directory) and must be a regular file
//! (no FIFO to block on, no device). The certificate cache is bounded (entries and bytes).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::client::{ClientView, Presented, Trust};
use super::dryrun::{self, Needed, ViewCache};
use super::request::Request;
use super::ruleset::{self, Action, Rule, Verdict};
use crate::pki::{cert, load};
use crate::rules::{self, Context};

/// One request, as one line of JSON.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The path (with an optional query), as sent.
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Headers>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalize: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// The verdict when the request was recorded (`serve --log`); not used to decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The rule that decided it when recorded; not used to decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Request headers: a map of name to value(s), or a list of `Name: value` lines.
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Headers {
    /// `{"name": "value"}` or `{"name": ["v1", "v2"]}`.
    Map(serde_json::Map<String, serde_json::Value>),
    /// `["Name: value", ...]`.
    List(Vec<String>),
}

#[derive(Serialize)]
struct LineResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    verdict: Verdict,
    rule: Option<&'a str>,
    /// The verdict recorded with the line (`serve --log`), to compare with `verdict`.
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded: Option<Verdict>,
    /// The rule recorded with the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded_rule: Option<&'a str>,
    verified: bool,
    /// The edge's `cert_revoked`.
    revoked: bool,
    /// Revoked by the store or a CRL (not an edge field).
    revoked_locally: bool,
}

/// A certificate given inline as PEM, or as a file name resolved against `base` (only when
/// `base` is given; regular files only).
fn presented_from(
    cert: &str,
    chain: Option<&str>,
    base: Option<&Path>,
) -> Result<Presented, String> {
    let load_one = |s: &str| -> Result<load::Input, String> {
        if s.contains("-----BEGIN") {
            load::decode("<inline>", s.as_bytes()).map_err(|e| e.to_string())
        } else if let Some(base) = base {
            let path = base.join(s);
            let shown = crate::pki::sanitize::sanitize(s);
            let meta = std::fs::metadata(&path).map_err(|e| format!("{shown}: {e}"))?;
            if !meta.is_file() {
                return Err(format!("{shown}: not a regular file"));
            }
            load::load(&path).map_err(|e| e.to_string())
        } else {
            Err(format!(
                "{}: certificate files are not read from request lines (inline PEM only; rule test --allow-cert-files reads them)",
                crate::pki::sanitize::sanitize(s)
            ))
        }
    };
    let leaf_in = load_one(cert)?;
    let certs = leaf_in.certificates();
    let first = leaf_in.first_certificate().map_err(|e| e.to_string())?;
    let leaf = cert::exact(first).to_vec();
    cert::parse(&leaf).map_err(|e| format!("{}: {e}", leaf_in.name))?;
    let mut rest: Vec<Vec<u8>> = certs[1..].iter().map(|d| d.to_vec()).collect();
    if let Some(c) = chain {
        let input = load_one(c)?;
        rest.extend(input.certificates().into_iter().map(<[u8]>::to_vec));
    }
    Ok(Presented { leaf, chain: rest })
}

/// The state of a run over request lines.
pub struct Batch<'a> {
    rules: &'a [Rule],
    needed: Needed,
    trust: &'a Trust,
    at: time::OffsetDateTime,
    cache: ViewCache,
    context: Context,
    /// Whether `cert`/`chain` may name files.
    read_files: bool,
    /// The directory file names are resolved against.
    cert_base: PathBuf,
    /// Lines allowed although their certificate is revoked locally (the edge does not know).
    revoked_allowed: u64,
}

impl<'a> Batch<'a> {
    /// A run of `rules`, validating certificates against `trust` at `at`. `read_files`: whether
    /// a line's `cert`/`chain` may name a file instead of holding PEM (resolved against the
    /// working directory unless [`Batch::with_cert_base`]; regular files only).
    pub fn new(
        rules: &'a [Rule],
        trust: &'a Trust,
        at: time::OffsetDateTime,
        read_files: bool,
    ) -> Self {
        Batch {
            rules,
            needed: Needed::of(rules),
            trust,
            at,
            cache: ViewCache::default(),
            context: Context::new(),
            read_files,
            cert_base: PathBuf::from("."),
            revoked_allowed: 0,
        }
    }

    /// How many lines were allowed with a certificate revoked locally (by the store or a CRL)
    /// but not at the edge: what `rule generate --block-revoked` would stop.
    pub fn revoked_locally_allowed(&self) -> u64 {
        self.revoked_allowed
    }

    /// Resolves the file names of `cert`/`chain` against `base` (the JSONL file's directory).
    pub fn with_cert_base(mut self, base: &Path) -> Self {
        self.cert_base = base.to_path_buf();
        self
    }

    /// How many distinct certificates were seen.
    pub fn distinct_certificates(&self) -> usize {
        self.cache.len()
    }

    /// Answers one line: writes one JSON result line to `out`, or returns the error to report.
    pub fn line(&mut self, line: &str, out: &mut impl Write) -> Result<(), String> {
        one_line(self, line, out)
    }
}

impl RequestLine {
    /// The request this line describes (everything but the certificate and `fields`).
    ///
    /// `serve` builds its live requests through this same function from the line it logs, so a
    /// replay through `rule test --requests` sees exactly the request that was decided.
    pub fn to_request(&self) -> Result<Request, String> {
        let mut r = Request::default();
        if let Some(n) = &self.normalize {
            r.set_normalization(n).map_err(|e| e.to_string())?;
        }
        if let Some(u) = &self.url {
            r.set_url(u).map_err(|e| e.to_string())?;
        }
        if let Some(p) = &self.path {
            r.set_path(p).map_err(|e| e.to_string())?;
        }
        if let Some(h) = &self.host {
            r.host = h.clone();
        }
        if let Some(m) = &self.method {
            r.method = m.to_ascii_uppercase();
        }
        match &self.headers {
            Some(Headers::Map(m)) => {
                for (k, v) in m {
                    let vals = match v {
                        serde_json::Value::String(s) => vec![s.clone()],
                        serde_json::Value::Array(a) => a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect(),
                        other => vec![other.to_string()],
                    };
                    for v in vals {
                        r.headers.push((k.clone(), v));
                    }
                }
            }
            Some(Headers::List(l)) => {
                for h in l {
                    r.add_header(h).map_err(|e| e.to_string())?;
                }
            }
            None => {}
        }
        if let Some(ip) = &self.ip {
            r.set_ip(ip).map_err(|e| e.to_string())?;
        }
        if let Some(p) = self.port {
            r.port = p;
        }
        Ok(r)
    }

    /// Writes the line's `fields` (explicit field values) into `context`, last.
    pub fn apply_fields(&self, context: &mut Context) -> Result<(), String> {
        if let Some(fields) = &self.fields {
            for (name, value) in fields {
                context
                    .set_from_json(name, value)
                    .map_err(|e| format!("fields.{name}: {e}"))?;
            }
        }
        Ok(())
    }
}

fn one_line(b: &mut Batch<'_>, line: &str, out: &mut impl Write) -> Result<(), String> {
    let req: RequestLine =
        serde_json::from_str(line).map_err(|e| format!("bad request line: {e}"))?;
    let r = req.to_request()?;
    let view = match &req.cert {
        None => None,
        Some(c) => {
            let key = (c.clone(), req.chain.clone().unwrap_or_default());
            let (trust, at) = (b.trust, b.at);
            let base = b.read_files.then_some(b.cert_base.as_path());
            let v = b.cache.get_or_insert(key, || {
                let p = presented_from(c, req.chain.as_deref(), base)?;
                ClientView::of(&p, trust, at, "cert").map_err(|e| e.to_string())
            });
            Some(v.as_ref().map_err(|e| e.clone())?)
        }
    };
    let context = &mut b.context;
    context.clear();
    r.apply_only(context, Some(&b.needed))
        .map_err(|e| e.to_string())?;
    let none;
    let view = match view {
        Some(v) => v,
        None => {
            none = ClientView::none();
            &none
        }
    };
    dryrun::apply_client(view, context, Some(&b.needed)).map_err(|e| e.to_string())?;
    req.apply_fields(context)?;
    let d = ruleset::decide(b.rules, context, false);
    if view.revoked_locally && !view.revoked && d.verdict == Verdict::Allow {
        b.revoked_allowed += 1;
    }
    let res = LineResult {
        id: req.id.as_ref(),
        verdict: d.verdict,
        rule: d.decided_by.as_deref(),
        recorded: req.verdict,
        recorded_rule: req.verdict.and(req.rule.as_deref()),
        verified: view.verified,
        revoked: view.revoked,
        revoked_locally: view.revoked_locally,
    };
    serde_json::to_writer(&mut *out, &res).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

/// Runs every line of `data` through the `--requests` line handler, with one blocking rule,
/// no trust anchors and output discarded. For the fuzz target: certificates are taken inline
/// only, never read from files the input names. Returns (lines, errors).
#[doc(hidden)]
pub fn fuzz_requests(data: &[u8]) -> (u64, u64) {
    let rules = match rules::parse(
        "http.request.uri.path eq \"/admin\" and not cf.tls_client_auth.cert_verified",
    ) {
        Ok(filter) => vec![Rule {
            reference: "fuzz".into(),
            description: None,
            action: Action::Block,
            enabled: true,
            filter,
        }],
        Err(_) => Vec::new(),
    };
    let trust = Trust::default();
    let mut state = Batch::new(&rules, &trust, time::OffsetDateTime::UNIX_EPOCH, false);
    let (mut n, mut errors) = (0u64, 0u64);
    let mut sink = Vec::new();
    for raw in data.split(|&b| b == b'\n') {
        let line = String::from_utf8_lossy(raw);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        n += 1;
        sink.clear();
        if one_line(&mut state, line, &mut sink).is_err() {
            errors += 1;
        }
    }
    (n, errors)
}
