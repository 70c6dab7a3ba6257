//! `mtlsctl cf status`: the zone's mTLS set-up as Cloudflare has it. Uploaded CAs with the
//! SKI mtlsctl computes from each (Cloudflare returns none) and whether it is the store CA,
//! the hostnames on each CA, the custom rules that read `cf.tls_client_auth.*` linted for
//! the zone's plan, and the managed client certificates. A section that cannot be read is
//! named and the exit code is 2; the other sections are still shown.

use serde_json::{Value, json};

use crate::cli::CfStatusArgs;
use crate::cloudflare::api;
use crate::cloudflare::apply::account_of;
use crate::cloudflare::desired::read_ca;
use crate::commands::{Answer, Ctx, Reported};
use crate::edge::lint;
use crate::edge::ruleset::Action;
use crate::pki::sanitize::sanitize;

/// Runs `cf status`.
pub fn run(args: CfStatusArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let file = super::optional_file(args.rules.as_deref())?;
    let client = super::connect(ctx)?;
    let zone = super::zone(&client, args.zone.zone.as_deref(), file.as_ref())?;
    let store_fp = if ctx.store.ca_cert_path().exists() {
        read_ca(&ctx.store.ca_cert_path()).ok().map(|(_, fp, _)| fp)
    } else {
        None
    };
    let mut errors: Vec<String> = Vec::new();
    let mut lines: Vec<String> = vec![format!(
        "zone {} ({}; plan: {})",
        sanitize(&zone.name),
        zone.id,
        zone.plan_label
    )];
    // Uploaded CAs and their hostnames.
    let mut cas_json = Vec::new();
    match account_of(&client, &zone).and_then(|a| api::list_uploaded(&client, &a).map(|l| (a, l))) {
        Ok((account, list)) => {
            lines.push(format!("uploaded CAs (account {account}):"));
            if list.is_empty() {
                lines.push("  (none)".into());
            }
            for u in list {
                let store_ca = store_fp.is_some() && u.fingerprint_sha256 == store_fp;
                let hosts = api::hostnames(&client, &zone.id, Some(&u.id));
                let hosts_text = match &hosts {
                    Ok(h) if h.is_empty() => "no hostnames".to_string(),
                    Ok(h) => format!(
                        "hostnames: {}",
                        h.iter()
                            .map(|x| sanitize(x).into_owned())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Err(e) => {
                        errors.push(format!("hostnames of CA {}: {e}", u.id));
                        "hostnames: (could not read)".into()
                    }
                };
                lines.push(format!(
                    "  {}  {:?}  {}SKI {}  expires {}{}  {hosts_text}",
                    u.id,
                    u.name,
                    if u.ca { "" } else { "NOT A CA  " },
                    u.ski.clone().unwrap_or_else(|| "none".into()),
                    u.expires_on,
                    if store_ca { "  [store CA]" } else { "" },
                ));
                let mut v = serde_json::to_value(&u)?;
                v["store_ca"] = json!(store_ca);
                v["hostnames"] = json!(hosts.unwrap_or_default());
                cas_json.push(v);
            }
        }
        Err(e) => errors.push(format!("uploaded CAs: {e}")),
    }
    // The managed CA's hostnames.
    let managed = match api::hostnames(&client, &zone.id, None) {
        Ok(h) => {
            lines.push(format!(
                "Cloudflare's managed CA: {}",
                if h.is_empty() {
                    "no hostnames".to_string()
                } else {
                    format!(
                        "hostnames: {}",
                        h.iter()
                            .map(|x| sanitize(x).into_owned())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ));
            json!(h)
        }
        Err(e) => {
            errors.push(format!("managed CA hostnames: {e}"));
            Value::Null
        }
    };
    // mTLS rules, linted.
    let mut rules_json = Vec::new();
    match api::entrypoint(&client, &zone.id) {
        Ok(ep) => {
            let rules = ep.as_ref().map(|e| e.rules.clone()).unwrap_or_default();
            let mtls: Vec<&Value> = rules
                .iter()
                .filter(|r| {
                    r.get("expression")
                        .and_then(Value::as_str)
                        .is_some_and(|e| e.contains("cf.tls_client_auth."))
                })
                .collect();
            lines.push(format!(
                "custom rules reading cf.tls_client_auth.* ({} of {}):",
                mtls.len(),
                rules.len()
            ));
            if mtls.is_empty() {
                lines.push("  (none)".into());
            }
            for r in mtls {
                let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let reference = if s("ref").is_empty() {
                    s("id")
                } else {
                    s("ref")
                };
                let action_name = s("action");
                let action: Action = action_name.parse().unwrap_or(Action::Block);
                let enabled = r.get("enabled").and_then(Value::as_bool).unwrap_or(true);
                let findings = lint::lint_text(&reference, &s("expression"), action, zone.plan);
                lines.push(format!(
                    "  {}  {}{}  {}",
                    sanitize(&reference),
                    sanitize(&action_name),
                    if enabled { "" } else { " (disabled)" },
                    sanitize(&s("expression"))
                ));
                for f in &findings {
                    lines.push(format!(
                        "      {}: {}: {}",
                        match f.severity {
                            lint::Severity::Error => "error",
                            lint::Severity::Warning => "warning",
                        },
                        f.id,
                        sanitize(&f.message)
                    ));
                }
                rules_json.push(
                    json!({"ref": reference, "action": action_name, "enabled": enabled,
                    "expression": s("expression"), "findings": findings}),
                );
            }
        }
        Err(e) => errors.push(format!("custom rules: {e}")),
    }
    // Managed client certificates.
    let mut certs_json = Value::Null;
    match api::client_certs(&client, &zone.id) {
        Ok(list) => {
            lines.push(format!("managed client certificates ({}):", list.len()));
            if list.is_empty() {
                lines.push("  (none)".into());
            }
            for c in &list {
                lines.push(format!(
                    "  {}  {:?}  {}  expires {}  SKI {}",
                    c.id, c.common_name, c.status, c.expires_on, c.ski
                ));
            }
            certs_json = serde_json::to_value(&list)?;
        }
        Err(e) => errors.push(format!("managed client certificates: {e}")),
    }
    if ctx.out.json {
        ctx.out.json(
            &json!({"zone": zone, "uploaded_cas": cas_json, "managed_ca_hostnames": managed,
            "rules": rules_json, "client_certificates": certs_json, "errors": errors}),
        )?;
    } else {
        for l in lines {
            ctx.out.line(l)?;
        }
    }
    if errors.is_empty() {
        Ok(Answer::Yes)
    } else {
        ctx.out.flush()?;
        for e in &errors {
            eprintln!("mtlsctl: error: could not read {e}");
        }
        Err(Reported.into())
    }
}
