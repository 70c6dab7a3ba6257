//! `mtlsctl cf rules pull|push`: the zone's custom rules written into `mtlsctl.yaml` (so
//! `rule test` and `rule lint` run on what is deployed), and the file's rules deployed by
//! ref (as `cf apply` does, without the CA and hostnames).

use serde_json::Value;

use crate::cli::CfRulesCommand;
use crate::cloudflare::api;
use crate::cloudflare::desired::{RulesFile, spec_from_deployed};
use crate::commands::{Answer, Ctx};
use crate::edge::ruleset::RulesDocument;
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
                let expression = r.get("expression").and_then(Value::as_str).unwrap_or("");
                if a.mtls_only && !expression.contains("cf.tls_client_auth.") {
                    continue;
                }
                match spec_from_deployed(&r) {
                    Ok(spec) => rules.push(spec),
                    Err(e) => ctx
                        .out
                        .warn(format!("{e}; left out (it stays in the zone)")),
                }
            }
            let n = rules.len();
            let doc = RulesDocument {
                rules,
                cloudflare: existing.and_then(|f| f.doc.cloudflare),
            };
            let text = format!(
                "# Pulled from zone {} by mtlsctl cf rules pull. Rule fields not written here stay in\n# the zone: `cf rules push` / `cf apply` keep them.\n{}",
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
