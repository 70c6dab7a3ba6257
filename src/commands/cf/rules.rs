//! `mtlsctl cf rules pull|push`: the zone's custom rules written into `mtlsctl.yaml` (so
//! `rule test` and `rule lint` run on what is deployed), and the file's rules deployed by
//! ref (as `cf apply` does, without the CA and hostnames).

use serde_json::Value;

use crate::cli::CfRulesCommand;
use crate::cloudflare::api;
use crate::cloudflare::desired::RulesFile;
use crate::commands::{Answer, Ctx};
use crate::edge::ruleset::{Action, RuleSpec, RulesDocument};
use crate::pki::files;
use crate::pki::sanitize::sanitize;

/// Runs `cf rules ...`.
pub fn run(command: CfRulesCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        CfRulesCommand::Push(a) => super::apply::run_with(a, ctx, true),
        CfRulesCommand::Pull(a) => {
            let existing = if a.out.exists() {
                if !a.force {
                    anyhow::bail!(
                        "{} exists: pass --force to replace its rules (its cloudflare: section is kept), or --out another file",
                        a.out.display()
                    );
                }
                Some(RulesFile::read(&a.out)?)
            } else {
                None
            };
            let client = super::connect(ctx)?;
            // The zone: --zone, else the file being replaced, else ./mtlsctl.yaml.
            let zone_file = match &existing {
                Some(f) => Some(f.clone()),
                None => super::optional_file(None)?,
            };
            let zone = super::zone(&client, a.zone.zone.as_deref(), zone_file.as_ref())?;
            let ep = api::entrypoint(&client, &zone.id)?;
            let mut rules = Vec::new();
            for r in ep.map(|e| e.rules).unwrap_or_default() {
                let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let expression = s("expression");
                if a.mtls_only && !expression.contains("cf.tls_client_auth.") {
                    continue;
                }
                let reference = if s("ref").is_empty() {
                    s("id")
                } else {
                    s("ref")
                };
                let Ok(action) = s("action").parse::<Action>() else {
                    ctx.out.warn(format!(
                        "rule {}: action {} is not a custom-rule action mtlsctl evaluates; left out",
                        sanitize(&reference),
                        sanitize(&s("action"))
                    ));
                    continue;
                };
                let description = s("description");
                rules.push(RuleSpec {
                    reference: Some(reference),
                    description: (!description.is_empty()).then_some(description),
                    action,
                    enabled: r.get("enabled").and_then(Value::as_bool).unwrap_or(true),
                    expression: Some(expression),
                    paths: vec![],
                    path_prefixes: vec![],
                    hosts: vec![],
                    issuer_ski: None,
                    issuer_cert: None,
                    check_revoked: None,
                    case_insensitive: None,
                });
            }
            let n = rules.len();
            let doc = RulesDocument {
                rules,
                cloudflare: existing.and_then(|f| f.doc.cloudflare),
            };
            let text = format!(
                "# Pulled from zone {} by mtlsctl cf rules pull (action_parameters are not kept here).\n{}",
                sanitize(&zone.name),
                serde_yaml::to_string(&doc)?
            );
            files::write_file(&a.out, text.as_bytes(), files::PUBLIC_MODE, a.force)?;
            ctx.out
                .status(format!("wrote {n} rule(s) to {}", a.out.display()));
            Ok(Answer::Yes)
        }
    }
}
