//! `mtlsctl cf ...`: the Cloudflare commands, one file each. This module connects (settings
//! from the environment, progress lines on stderr) and resolves the zone; the API work is in
//! [`crate::cloudflare`]. Nothing here runs, and no HTTP or TLS is set up, unless a `cf`
//! command was given.

use std::path::Path;

use crate::cli::CfCommand;
use crate::cloudflare::api::{self, Zone};
use crate::cloudflare::client::{ApiError, Client, Settings};
use crate::cloudflare::desired::RulesFile;
use crate::commands::{Answer, Ctx};

pub mod apply;
pub mod ca;
pub mod client_cert;
pub mod hostnames;
pub mod plan;
pub mod rules;
pub mod status;

/// Runs a `cf` command.
pub fn run(command: CfCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        CfCommand::Status(a) => status::run(a, ctx),
        CfCommand::Plan(a) => plan::run(a, ctx),
        CfCommand::Apply(a) => apply::run(a, ctx),
        CfCommand::Ca(c) => ca::run(c, ctx),
        CfCommand::Hostnames(c) => hostnames::run(c, ctx),
        CfCommand::Rules(c) => rules::run(c, ctx),
        CfCommand::ClientCert(c) => client_cert::run(c, ctx),
    }
}

/// A client from the environment, with progress on stderr unless `--quiet`.
pub fn connect(ctx: &Ctx) -> anyhow::Result<Client> {
    let settings = Settings::from_env()?;
    let quiet = ctx.out.quiet;
    let progress = Box::new(move |s: &str| {
        if !quiet {
            eprintln!("{s}");
        }
    });
    Ok(Client::new(settings, progress)?)
}

/// The zone: `--zone`, else the file's `cloudflare.zone`, else CLOUDFLARE_ZONE_ID; the
/// token is verified first, so a bad token is reported as such and not as an unknown zone.
pub fn zone(client: &Client, flag: Option<&str>, file: Option<&RulesFile>) -> anyhow::Result<Zone> {
    let from_file = file
        .and_then(|f| f.doc.cloudflare.as_ref())
        .and_then(|c| c.zone.clone());
    let chosen = flag
        .map(str::to_string)
        .or(from_file)
        .or_else(|| client.settings().zone_id.clone());
    let Some(z) = chosen else {
        anyhow::bail!(
            "no zone: give --zone NAME|ID, set `zone:` in the cloudflare section of mtlsctl.yaml, or set CLOUDFLARE_ZONE_ID"
        );
    };
    api::verify_token(client, client.settings().account_id.as_deref()).map_err(token_error)?;
    Ok(api::zone(client, &z)?)
}

fn token_error(e: ApiError) -> anyhow::Error {
    match e.status_code() {
        Some((_, Some(1000))) | Some((401, _)) => anyhow::anyhow!(
            "the API token was refused ({e}); check CLOUDFLARE_API_TOKEN (an account-owned token also needs CLOUDFLARE_ACCOUNT_ID)"
        ),
        _ => e.into(),
    }
}

/// The rules file if it exists (for `cf status` and the small commands).
pub fn optional_file(path: Option<&Path>) -> anyhow::Result<Option<RulesFile>> {
    match path {
        Some(p) => Ok(Some(RulesFile::read(p)?)),
        None => {
            let p = Path::new("mtlsctl.yaml");
            if p.exists() {
                Ok(Some(RulesFile::read(p)?))
            } else {
                Ok(None)
            }
        }
    }
}

/// A permission hint for a 403 / code 10000 answer.
pub fn permission_hint(e: ApiError, needs: &str) -> anyhow::Error {
    match e.status_code() {
        Some((403, _)) | Some((_, Some(10000))) => {
            anyhow::anyhow!("{e} (the token lacks a permission this needs: {needs})")
        }
        _ => e.into(),
    }
}

/// Everything a plan is made of: the file, the zone, what the file asks, the plan.
pub struct Prepared {
    /// The client.
    pub client: Client,
    /// What the file asks.
    pub desired: crate::cloudflare::plan::Desired,
    /// The plan.
    pub plan: crate::cloudflare::plan::Plan,
}

/// Reads the file, connects, reads the zone and computes the plan. With `rules_only`, the
/// CA and hostnames of the section are left aside (`cf rules push`).
pub fn prepare(
    ctx: &Ctx,
    file: &Path,
    zone_flag: Option<&str>,
    rules_only: bool,
) -> anyhow::Result<Prepared> {
    use crate::cloudflare::{apply, desired, plan};
    let file = RulesFile::read(file)?;
    file.section()?;
    let client = connect(ctx)?;
    let zone = zone(&client, zone_flag, Some(&file))?;
    let mut want = desired::desired(&file, &ctx.store, zone.plan)?;
    if rules_only {
        want.ca = plan::DesiredCa::Managed;
        want.hostnames.clear();
        want.remove_hostnames.clear();
    }
    let state = apply::gather(&client, &zone, &want).map_err(|e| {
        permission_hint(
            e,
            "Zone: SSL and Certificates Read, Zone: WAF Read (and Account: SSL and Certificates Read for uploaded CAs)",
        )
    })?;
    let plan = plan::plan(&state, &want);
    Ok(Prepared {
        client,
        desired: want,
        plan,
    })
}

/// The plan as human text, one item a line.
pub fn plan_lines(p: &crate::cloudflare::plan::Plan) -> Vec<String> {
    use crate::cloudflare::plan::{CaStep, RuleChange};
    use crate::pki::sanitize::sanitize;
    let mut out = Vec::new();
    out.push(format!(
        "zone {} ({}; plan: {})",
        sanitize(&p.zone.name),
        p.zone.id,
        p.zone.plan_label
    ));
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
    let ca_label = match &p.ca {
        CaStep::Managed => {
            out.push("CA: Cloudflare's managed CA (nothing to upload)".into());
            "Cloudflare's managed CA".to_string()
        }
        CaStep::Keep {
            id,
            name,
            ski,
            fingerprint_sha256,
        } => {
            out.push(format!(
                "CA: already uploaded as {id} ({name:?}; SKI {}; SHA-256 {fingerprint_sha256})",
                opt(ski)
            ));
            format!("CA {id}")
        }
        CaStep::Upload {
            name,
            ski,
            fingerprint_sha256,
            source,
        } => {
            out.push(format!(
                "CA: + upload {source} as {name:?} (SKI {}; SHA-256 {fingerprint_sha256})",
                opt(ski)
            ));
            "the CA uploaded above".to_string()
        }
    };
    let h = &p.hostnames;
    out.push(format!("hostnames with mTLS on {ca_label}:"));
    if h.current.is_empty() && h.add.is_empty() {
        out.push("  (none)".into());
    }
    for x in &h.current {
        let x = sanitize(x);
        if h.remove.iter().any(|r| sanitize(r) == x) {
            out.push(format!(
                "  - {x}  REMOVED: listed under remove_hostnames; mTLS is turned OFF for this hostname"
            ));
        } else if h.kept.iter().any(|k| sanitize(k) == x) {
            out.push(format!("  = {x}  (not in mtlsctl.yaml: kept)"));
        } else {
            out.push(format!("  = {x}"));
        }
    }
    for x in &h.add {
        out.push(format!("  + {}", sanitize(x)));
    }
    match &p.rules.version {
        Some(v) => out.push(format!(
            "custom rules (phase http_request_firewall_custom, entrypoint version {v}):"
        )),
        None => out.push(
            "custom rules (phase http_request_firewall_custom; the entrypoint is created):".into(),
        ),
    }
    if p.rules.entries.is_empty() {
        out.push("  (none)".into());
    }
    for e in &p.rules.entries {
        let pos = e
            .position
            .map(|n| format!("{n:>2}"))
            .unwrap_or_else(|| "  ".into());
        let r = sanitize(&e.reference);
        let line = match e.change {
            RuleChange::Create => format!("{pos} + {r}  create ({})", sanitize(&e.action)),
            RuleChange::Update => format!("{pos} ~ {r}  update: {}", e.fields.join(", ")),
            RuleChange::Unchanged => format!("{pos} = {r}"),
            RuleChange::Delete => {
                format!("   - {r}  DELETED: listed under remove_rules")
            }
            RuleChange::Foreign => format!("{pos} = {r}  (not mtlsctl's: untouched, in place)"),
        };
        out.push(format!("  {line}"));
        for c in &e.changes {
            out.push(format!(
                "        {}: {} -> {}",
                c.field,
                sanitize(&show_value(&c.from)),
                sanitize(&show_value(&c.to))
            ));
        }
        for k in &e.kept {
            out.push(format!(
                "        {}: {}  (not in mtlsctl.yaml: kept as in the zone)",
                sanitize(&k.field),
                sanitize(&show_value(&k.value))
            ));
        }
    }
    for n in &p.notes {
        out.push(format!("note: {n}"));
    }
    for b in &p.blockers {
        out.push(format!("REFUSED BY THE ZONE'S PLAN: {b}"));
    }
    out.push(if p.changed() {
        p.summary()
    } else {
        "No changes: the zone already matches mtlsctl.yaml.".into()
    });
    out
}

/// A rule field's value on one line: JSON (`(none)` when absent).
fn show_value(v: &serde_json::Value) -> String {
    if v.is_null() {
        "(none)".into()
    } else {
        v.to_string()
    }
}

/// The plan as JSON.
pub fn plan_json(p: &crate::cloudflare::plan::Plan) -> serde_json::Value {
    let mut v = serde_json::to_value(p).unwrap_or(serde_json::Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("changes".into(), serde_json::json!(p.changed()));
        o.insert("summary".into(), serde_json::json!(p.summary()));
    }
    v
}
