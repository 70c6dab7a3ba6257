//! `mtlsctl rule test`: the dry run. What the edge would compute for a certificate and a
//! request, the zone's rules run over it in order, and the verdict with its explanation.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use serde::Serialize;

use crate::cli::{RequestArgs, RuleTestArgs};
use crate::commands::cert::verify::{at_time, load_trust};
use crate::commands::rule::eval::{apply_sets, render_trace};
use crate::commands::{Answer, Ctx};
use crate::edge::client::{ClientSummary, ClientView, Presented, Trust};
use crate::edge::dryrun;
use crate::edge::replay::Batch;
use crate::edge::request::Request;
use crate::edge::ruleset::{self, Action, Decision, Rule, Verdict};
use crate::edge::zone::{self, RulesSource};
use crate::pki::load;
use crate::pki::sanitize::sanitize;
use crate::rules::{self, Context};

/// Loads the rules (`--expr`, else `--rules`, else `./mtlsctl.yaml`, else the recommended rule
/// for the store CA, announced on stderr).
pub fn load_rule_set(
    expr: Option<&str>,
    file: Option<&Path>,
    ctx: &Ctx,
) -> anyhow::Result<(Vec<Rule>, RulesSource)> {
    let text = expr.map(super::check::read_expr).transpose()?;
    let zone = zone::load(text.as_deref(), file, &ctx.store)?;
    if let Some(note) = &zone.note {
        ctx.out.status(note);
    }
    Ok((zone.rules, zone.source))
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
    #[serde(flatten)]
    client: ClientSummary<'a>,
    /// `uploaded_ca` or `managed_ca`.
    ca: &'static str,
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
        return batch(requests, &rules, &trust, at, args.allow_cert_files, ctx);
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
    let ca = if trust.managed_ca {
        "managed_ca"
    } else {
        "uploaded_ca"
    };
    print_decision(
        ctx, &decision, &view, ca, &request, &context, &source, expect,
    )?;
    Ok(answer(decision.verdict, expect))
}

fn answer(verdict: Verdict, expect: Option<Verdict>) -> Answer {
    let ok = match expect {
        Some(e) => e == verdict,
        None => verdict == Verdict::Allow,
    };
    if ok { Answer::Yes } else { Answer::No }
}

#[allow(clippy::too_many_arguments)] // one report, its parts named
fn print_decision(
    ctx: &mut Ctx,
    d: &Decision,
    view: &ClientView,
    ca: &'static str,
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
                client: view.summary(),
                ca,
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
        if view.revoked_locally && !view.revoked {
            s.push_str(" (edge: uploaded CA, cert_revoked is never set) revoked_locally=true");
        }
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

fn batch(
    path: &Path,
    rules: &[Rule],
    trust: &Trust,
    at: time::OffsetDateTime,
    allow_cert_files: bool,
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
    let mut state = Batch::new(rules, trust, at, allow_cert_files);
    if allow_cert_files {
        // Names in the lines are relative to the JSONL file (stdin: the working directory).
        let base = if path.as_os_str() == "-" {
            Path::new(".")
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        state = state.with_cert_base(base);
    }
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
            state.line(line, out)
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
        state.distinct_certificates()
    ));
    let revoked = state.revoked_locally_allowed();
    if revoked > 0 {
        ctx.out.warn(format!(
            "{revoked} request{} allowed with a certificate revoked locally: the edge does not know these revocations (an uploaded CA's cert_revoked is always false); block the serials with `mtlsctl rule generate --block-revoked`",
            if revoked == 1 { "" } else { "s" }
        ));
    }
    Ok(Answer::Yes)
}
