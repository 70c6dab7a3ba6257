//! `mtlsctl rule test`: the dry run. What the edge would compute for a certificate and a
//! request, the zone's rules run over it in order, and the verdict with its explanation.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::{RequestArgs, RuleTestArgs};
use crate::commands::cert::verify::{at_time, load_trust};
use crate::commands::rule::eval::{apply_sets, render_trace};
use crate::commands::{Answer, Ctx};
use crate::edge::client::{ClientView, Presented, Trust};
use crate::edge::dryrun::{self, Needed, ViewCache};
use crate::edge::intent::Intent;
use crate::edge::request::Request;
use crate::edge::ruleset::{self, Action, Decision, Rule, Verdict};
use crate::pki::sanitize::sanitize;
use crate::pki::{cert, load};
use crate::rules::{self, Context};

/// Where the rules came from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesSource {
    /// `--expr`.
    Expr,
    /// `--rules FILE` or `./mtlsctl.yaml`.
    File(PathBuf),
    /// The recommended rule for the store CA.
    Recommended,
}

/// Loads the rules: `--expr`, else `--rules`, else `./mtlsctl.yaml`, else the recommended
/// rule for the store CA (announced on stderr).
pub fn load_rule_set(
    expr: Option<&str>,
    file: Option<&Path>,
    ctx: &Ctx,
) -> anyhow::Result<(Vec<Rule>, RulesSource)> {
    if let Some(e) = expr {
        let text = super::check::read_expr(e)?;
        let filter = rules::parse(&text)?;
        let rule = Rule {
            reference: "expr".into(),
            description: None,
            action: Action::Block,
            enabled: true,
            filter,
        };
        return Ok((vec![rule], RulesSource::Expr));
    }
    if let Some(f) = file {
        return Ok((ruleset::load_rules(f)?, RulesSource::File(f.to_path_buf())));
    }
    let local = Path::new("mtlsctl.yaml");
    if local.exists() {
        return Ok((
            ruleset::load_rules(local)?,
            RulesSource::File(local.to_path_buf()),
        ));
    }
    if !ctx.store.has_ca()? {
        anyhow::bail!(
            "no rules to test: pass --expr or --rules FILE, write ./mtlsctl.yaml (mtlsctl rule generate --save), or create a store CA for the recommended rule"
        );
    }
    let ca = load::load(&ctx.store.ca_cert_path())?;
    let der = ca.first_certificate()?;
    let parsed = cert::parse(der).map_err(|e| anyhow::anyhow!("{}: {e}", ca.name))?;
    let ski = cert::ski(&parsed)
        .map(cert::hex_upper)
        .ok_or_else(|| anyhow::anyhow!("{}: the store CA has no SKI to pin", ca.name))?;
    let intent = Intent {
        issuer_ski: Some(ski),
        check_revoked: true,
        ..Intent::default()
    };
    let filter = intent.to_filter()?;
    ctx.out.status(format!(
        "no --expr, --rules or ./mtlsctl.yaml: testing the recommended rule for the store CA (verified, not revoked, issuer SKI pinned, every path):\n  {}",
        filter.canonical()
    ));
    let rule = Rule {
        reference: "recommended".into(),
        description: Some("mtlsctl's recommended rule for the store CA".into()),
        action: Action::Block,
        enabled: true,
        filter,
    };
    Ok((vec![rule], RulesSource::Recommended))
}

fn request_from(args: &RequestArgs) -> anyhow::Result<Request> {
    let mut r = Request::default();
    r.set_normalization(&args.normalize)?;
    if let Some(url) = &args.url {
        r.set_url(url)?;
    }
    if let Some(p) = &args.path {
        r.set_path(p)?;
    }
    if let Some(h) = &args.host {
        r.host = h.clone();
    }
    r.method = args.method.to_ascii_uppercase();
    for h in &args.headers {
        r.add_header(h)?;
    }
    if let Some(ip) = &args.ip {
        r.set_ip(ip)?;
    }
    if let Some(p) = args.port {
        r.port = p;
    }
    Ok(r)
}

fn expect_of(s: Option<&str>) -> anyhow::Result<Option<Verdict>> {
    Ok(match s {
        None => None,
        Some("allow") => Some(Verdict::Allow),
        Some("block") => Some(Verdict::Block),
        Some("challenge") => Some(Verdict::Challenge),
        Some(other) => anyhow::bail!("--expect {other:?}: use allow, block or challenge"),
    })
}

#[derive(Serialize)]
struct ClientReport<'a> {
    presented: bool,
    verified: bool,
    revoked: bool,
    failure: Option<&'a str>,
    revoked_by: Option<&'a str>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct TestReport<'a> {
    verdict: Verdict,
    decided_by: Option<&'a str>,
    action: Option<Action>,
    logged: &'a [String],
    expect: Option<Verdict>,
    rules_source: &'a RulesSource,
    client: ClientReport<'a>,
    request: &'a Request,
    fields: serde_json::Map<String, serde_json::Value>,
    rules: &'a [ruleset::RuleResult],
}

/// Runs `rule test`.
pub fn run(args: RuleTestArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let expect = expect_of(args.expect.as_deref())?;
    if args.requests.is_none() && args.cert.is_none() && !args.no_cert {
        anyhow::bail!("say what the client sends: --cert FILE, or --no-cert");
    }
    let at = at_time(args.trust.at.as_deref(), ctx.now)?;
    let trust = load_trust(&args.trust, ctx)?;
    let (rules, source) = load_rule_set(args.expr.as_deref(), args.rules.as_deref(), ctx)?;
    if let Some(requests) = &args.requests {
        return batch(requests, &rules, &trust, at, ctx);
    }
    let view = match (&args.cert, args.no_cert) {
        (Some(path), _) => {
            let presented = Presented::load(path, args.trust.chain.as_deref())?;
            ClientView::of(&presented, &trust, at, &load::name_of(path))?
        }
        (None, true) => ClientView::none(),
        (None, false) => anyhow::bail!("say what the client sends: --cert FILE, or --no-cert"),
    };
    let request = request_from(&args.request)?;
    let mut context = dryrun::context(&view, &request)?;
    apply_sets(&mut context, &args.request.sets)?;
    let decision = ruleset::decide(&rules, &context, true);
    print_decision(ctx, &decision, &view, &request, &context, &source, expect)?;
    Ok(answer(decision.verdict, expect))
}

fn answer(verdict: Verdict, expect: Option<Verdict>) -> Answer {
    let ok = match expect {
        Some(e) => e == verdict,
        None => verdict == Verdict::Allow,
    };
    if ok { Answer::Yes } else { Answer::No }
}

fn print_decision(
    ctx: &mut Ctx,
    d: &Decision,
    view: &ClientView,
    request: &Request,
    context: &Context,
    source: &RulesSource,
    expect: Option<Verdict>,
) -> anyhow::Result<()> {
    if ctx.out.json {
        let mut fields = serde_json::Map::new();
        for f in rules::FIELDS {
            let shown = ["cf.tls_client_auth.", "http.", "raw."]
                .iter()
                .any(|p| f.name.starts_with(p));
            if shown && let Some(v) = context.get_by_name(f.name) {
                fields.insert(f.name.to_string(), serde_json::to_value(v)?);
            }
        }
        let report = TestReport {
            verdict: d.verdict,
            decided_by: d.decided_by.as_deref(),
            action: d.action,
            logged: &d.logged,
            expect,
            rules_source: source,
            client: ClientReport {
                presented: view.fields.cert_presented,
                verified: view.verified,
                revoked: view.revoked,
                failure: view.failure.as_deref(),
                revoked_by: view.revoked_by.as_deref(),
                warnings: &view.warnings,
            },
            request,
            fields,
            rules: &d.rules,
        };
        return ctx.out.json(&report);
    }
    use colored::Colorize;
    let verdict = match d.verdict {
        Verdict::Allow => "allow".green().bold(),
        Verdict::Block => "block".red().bold(),
        Verdict::Challenge => "challenge".yellow().bold(),
    };
    match (&d.decided_by, d.action) {
        (Some(r), Some(a)) => ctx
            .out
            .line(format!("{verdict}  (rule {r:?}, action {a})"))?,
        _ => ctx.out.line(format!("{verdict}  (no rule matched)"))?,
    }
    if let Some(e) = expect {
        ctx.out.line(format!(
            "expected {e}: {}",
            if e == d.verdict { "ok" } else { "MISMATCH" }
        ))?;
    }
    let client = if !view.fields.cert_presented {
        "no client certificate".to_string()
    } else {
        let mut s = format!(
            "{}: verified={} revoked={}",
            sanitize(&view.fields.cert_subject_dn),
            view.verified,
            view.revoked
        );
        if let Some(f) = &view.failure {
            s.push_str(&format!(" ({f})"));
        }
        if let Some(r) = &view.revoked_by {
            s.push_str(&format!(" ({})", sanitize(r)));
        }
        s
    };
    ctx.out.line(format!("client   {client}"))?;
    ctx.out.line(format!(
        "request  {} {}{}  host={:?}",
        request.method,
        sanitize(&request.path()),
        if request.query.is_empty() {
            String::new()
        } else {
            format!("?{}", sanitize(&request.query))
        },
        request.host
    ))?;
    for w in &view.warnings {
        ctx.out.warn(w);
    }
    for r in &d.rules {
        let state = match r.matched {
            Some(true) => "matched".to_string(),
            Some(false) => "did not match".to_string(),
            None => "not evaluated".to_string(),
        };
        ctx.out.line("")?;
        ctx.out
            .line(format!("rule {:?} [{}]: {state}", r.reference, r.action))?;
        if let Some(t) = &r.trace {
            for line in render_trace(t).lines() {
                ctx.out.line(format!("  {line}"))?;
            }
        }
    }
    Ok(())
}

/// One line of `--requests`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestLine {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    host: Option<String>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    headers: Option<Headers>,
    #[serde(default)]
    ip: Option<String>,
    #[serde(default)]
    port: Option<u16>,
    #[serde(default)]
    normalize: Option<String>,
    #[serde(default)]
    cert: Option<String>,
    #[serde(default)]
    chain: Option<String>,
    #[serde(default)]
    fields: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Headers {
    Map(serde_json::Map<String, serde_json::Value>),
    List(Vec<String>),
}

#[derive(Serialize)]
struct LineResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    verdict: Verdict,
    rule: Option<&'a str>,
    verified: bool,
    revoked: bool,
}

/// A certificate given inline as PEM, or as a path (only when `read_files`).
fn presented_from(cert: &str, chain: Option<&str>, read_files: bool) -> Result<Presented, String> {
    let load_one = |s: &str| -> Result<load::Input, String> {
        if s.contains("-----BEGIN") {
            load::decode("<inline>", s.as_bytes()).map_err(|e| e.to_string())
        } else if read_files {
            load::load(Path::new(s)).map_err(|e| e.to_string())
        } else {
            Err(format!("{s}: certificate files are not read here"))
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

/// The state of a `--requests` run.
struct Batch<'a> {
    rules: &'a [Rule],
    needed: Needed,
    trust: &'a Trust,
    at: time::OffsetDateTime,
    cache: ViewCache,
    context: Context,
    /// Whether `cert`/`chain` may name files (false only under the fuzzer).
    read_files: bool,
}

fn one_line(b: &mut Batch<'_>, line: &str, out: &mut impl Write) -> Result<(), String> {
    let req: RequestLine =
        serde_json::from_str(line).map_err(|e| format!("bad request line: {e}"))?;
    let mut r = Request::default();
    if let Some(n) = &req.normalize {
        r.set_normalization(n).map_err(|e| e.to_string())?;
    }
    if let Some(u) = &req.url {
        r.set_url(u).map_err(|e| e.to_string())?;
    }
    if let Some(p) = &req.path {
        r.set_path(p).map_err(|e| e.to_string())?;
    }
    if let Some(h) = req.host {
        r.host = h;
    }
    if let Some(m) = req.method {
        r.method = m.to_ascii_uppercase();
    }
    match req.headers {
        Some(Headers::Map(m)) => {
            for (k, v) in m {
                let vals = match v {
                    serde_json::Value::String(s) => vec![s],
                    serde_json::Value::Array(a) => a
                        .into_iter()
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
                r.add_header(&h).map_err(|e| e.to_string())?;
            }
        }
        None => {}
    }
    if let Some(ip) = &req.ip {
        r.set_ip(ip).map_err(|e| e.to_string())?;
    }
    if let Some(p) = req.port {
        r.port = p;
    }
    let view = match &req.cert {
        None => None,
        Some(c) => {
            let key = (c.clone(), req.chain.clone().unwrap_or_default());
            let (trust, at, read_files) = (b.trust, b.at, b.read_files);
            let v = b.cache.get_or_insert(key, || {
                let p = presented_from(c, req.chain.as_deref(), read_files)?;
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
    if let Some(fields) = &req.fields {
        for (name, value) in fields {
            context
                .set_from_json(name, value)
                .map_err(|e| format!("fields.{name}: {e}"))?;
        }
    }
    let d = ruleset::decide(b.rules, context, false);
    let res = LineResult {
        id: req.id.as_ref(),
        verdict: d.verdict,
        rule: d.decided_by.as_deref(),
        verified: view.verified,
        revoked: view.revoked,
    };
    serde_json::to_writer(&mut *out, &res).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

fn batch(
    path: &Path,
    rules: &[Rule],
    trust: &Trust,
    at: time::OffsetDateTime,
    ctx: &mut Ctx,
) -> anyhow::Result<Answer> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let meta =
            std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            anyhow::bail!("{}: is a directory", path.display());
        }
        Box::new(BufReader::new(
            std::fs::File::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        ))
    };
    let mut state = Batch {
        rules,
        needed: Needed::of(rules),
        trust,
        at,
        cache: ViewCache::default(),
        context: Context::new(),
        read_files: true,
    };
    let (mut n, mut errors) = (0u64, 0u64);
    let mut buf = Vec::new();
    let mut reader = reader;
    loop {
        buf.clear();
        // A line longer than the input limit answers one error; the rest of it is skipped.
        let read = std::io::Read::take(&mut reader, crate::pki::load::MAX_INPUT)
            .read_until(b'\n', &mut buf)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if read == 0 {
            break;
        }
        let too_long = read as u64 >= crate::pki::load::MAX_INPUT && buf.last() != Some(&b'\n');
        if too_long {
            reader
                .skip_until(b'\n')
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        n += 1;
        let out = ctx.out.writer();
        let result = if too_long {
            Err("bad request line: longer than 10 MiB".to_string())
        } else {
            one_line(&mut state, line, out)
        };
        match result {
            Ok(()) => {}
            Err(e) => {
                errors += 1;
                serde_json::to_writer(&mut *out, &serde_json::json!({ "error": e }))?;
                out.write_all(b"\n").map_err(crate::output::map_io)?;
            }
        }
    }
    ctx.out.status(format!(
        "{n} requests, {} distinct certificates, {errors} errors",
        state.cache.len()
    ));
    Ok(Answer::Yes)
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
    let mut state = Batch {
        rules: &rules,
        needed: Needed::of(&rules),
        trust: &trust,
        at: time::OffsetDateTime::UNIX_EPOCH,
        cache: ViewCache::default(),
        context: Context::new(),
        read_files: false,
    };
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
