//! `mtlsctl rule generate`: a rule from intent flags (or every rule of a rules file), printed
//! as an expression, an API rule object, Terraform or an `mtlsctl.yaml` entry; `--save`
//! appends it to `./mtlsctl.yaml`. The shapes live in [`crate::edge::generate`].
//! `--block-revoked` writes the rules blocking revoked certificates by serial
//! ([`crate::edge::revoked`]); with `--save` they replace the earlier ones.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::cli::{IntentArgs, RuleGenerateArgs};
use crate::commands::{Answer, Ctx};
use crate::edge::deploy::api_rule_for_plan;
use crate::edge::generate::{self, Format, Generated};
use crate::edge::intent::Intent;
use crate::edge::lint::Plan;
use crate::edge::revoked;
use crate::edge::ruleset::{Action, ski_of_ca};
use crate::pki::{files, load};

const SAVE_FILE: &str = "mtlsctl.yaml";

fn has_intent_flags(a: &IntentArgs) -> bool {
    !a.paths.is_empty()
        || !a.path_prefixes.is_empty()
        || !a.hosts.is_empty()
        || a.issuer_ski.is_some()
        || a.pin_ca.is_some()
        || a.no_revocation_check
        || a.case_insensitive
        || a.reference.is_some()
        || a.description.is_some()
        || a.action != "block"
}

fn from_flags(a: &IntentArgs, ctx: &Ctx) -> anyhow::Result<Generated> {
    let action: Action = a.action.parse()?;
    let issuer_ski = match (&a.issuer_ski, &a.pin_ca) {
        (Some(s), _) => {
            let (ski, note) = generate::issuer_ski(s)?;
            if let Some(n) = note {
                ctx.out.status(n);
            }
            Some(ski)
        }
        (None, Some(ca)) => Some(ski_of_ca(ca).map_err(anyhow::Error::msg)?),
        (None, None) => None,
    };
    let intent = Intent {
        paths: a.paths.clone(),
        path_prefixes: a.path_prefixes.clone(),
        hosts: a.hosts.clone(),
        issuer_ski,
        check_revoked: !a.no_revocation_check,
        case_insensitive: a.case_insensitive,
    };
    let g = generate::from_intent(&intent, a.reference.clone(), a.description.clone(), action)?;
    if a.paths.is_empty() && a.path_prefixes.is_empty() {
        ctx.out
            .status("no --path or --path-prefix: the rule covers every path");
    }
    Ok(g)
}

/// Runs `rule generate`.
pub fn run(args: RuleGenerateArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let format: Format = args.format.parse()?;
    let plan: Plan = args.plan.parse().map_err(anyhow::Error::msg)?;
    if args.entrypoint && format != Format::Json {
        anyhow::bail!("--entrypoint wraps rules in the API's PUT body: use it with --format json");
    }
    if args.block_revoked {
        if has_intent_flags(&args.intent) {
            anyhow::bail!(
                "--block-revoked writes only the rules blocking revoked serials: give intent flags (--path, --host, ...) in another run"
            );
        }
        let mut list = revoked::from_store(&ctx.store)?;
        for c in &args.crls {
            list.extend(revoked::from_crl_file(c)?);
        }
        let rules = revoked::block_rules(&list)?;
        let api_rules = api_rules_for_plan(&rules, plan, format, ctx)?;
        if rules.is_empty() {
            ctx.out
                .status("nothing is revoked (store records and --crl): no block rule");
        } else {
            ctx.out.status(format!(
                "{} revoked certificate{} blocked by serial in {} rule{} ({}1..{}): the edge never checks revocation for an uploaded CA",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                rules.len(),
                if rules.len() == 1 { "" } else { "s" },
                revoked::REF_PREFIX,
                rules.len()
            ));
        }
        if args.save {
            save_block_revoked(&rules, ctx)?;
        }
        if format == Format::Terraform {
            ctx.out.status(
                "note: this resource holds only the block rules; for the whole zone: rule generate --block-revoked --save, then rule generate --rules mtlsctl.yaml --format terraform",
            );
        }
        render(format, &rules, api_rules, true, args.entrypoint, ctx)?;
        return Ok(Answer::Yes);
    }
    let rules = match &args.rules {
        Some(file) => {
            if has_intent_flags(&args.intent) {
                anyhow::bail!(
                    "--rules FILE generates every rule of the file: give intent flags (--path, --host, ...) or --rules, not both"
                );
            }
            if args.save {
                anyhow::bail!(
                    "--save appends a rule built from flags to ./mtlsctl.yaml; it does not take --rules"
                );
            }
            generate::from_rules_file(file)?
        }
        None => vec![from_flags(&args.intent, ctx)?],
    };
    let api_rules = api_rules_for_plan(&rules, plan, format, ctx)?;
    // From flags there is exactly one rule (`--save` with `--rules` was refused above).
    if args.save
        && let Some(first) = rules.first()
    {
        save(first, ctx)?;
    }
    render(
        format,
        &rules,
        api_rules,
        args.rules.is_some(),
        args.entrypoint,
        ctx,
    )?;
    Ok(Answer::Yes)
}

/// The API rule objects of `rules` as `plan` can deploy them. Nothing the plan cannot deploy
/// is emitted: a rule it refuses is an error, and what it leaves out (the custom block
/// response below Pro) is announced when JSON is written.
fn api_rules_for_plan(
    rules: &[Generated],
    plan: Plan,
    format: Format,
    ctx: &Ctx,
) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut api_rules = Vec::with_capacity(rules.len());
    for g in rules {
        let (v, note) = api_rule_for_plan(g, plan)?;
        if let Some(n) = note
            && format == Format::Json
        {
            ctx.out.status(n);
        }
        api_rules.push(v);
    }
    Ok(api_rules)
}

/// Prints `rules` in `format` (`api_rules`: their API objects for the zone's plan); `many`: a
/// list even for one rule (JSON).
fn render(
    format: Format,
    rules: &[Generated],
    api_rules: Vec<serde_json::Value>,
    many: bool,
    entrypoint: bool,
    ctx: &mut Ctx,
) -> anyhow::Result<()> {
    match format {
        Format::Expression => {
            if ctx.out.json {
                if many {
                    let v: Vec<_> = rules
                        .iter()
                        .map(|g| serde_json::json!({ "ref": g.reference, "expression": g.expression() }))
                        .collect();
                    ctx.out.json(&v)?;
                } else if let Some(g) = rules.first() {
                    ctx.out
                        .json(&serde_json::json!({ "expression": g.expression() }))?;
                }
            } else {
                for g in rules {
                    ctx.out.line(g.expression())?;
                }
            }
        }
        Format::Json => {
            let v = if entrypoint {
                serde_json::json!({ "rules": api_rules })
            } else if many {
                serde_json::Value::Array(api_rules)
            } else {
                api_rules
                    .into_iter()
                    .next()
                    .unwrap_or(serde_json::Value::Null)
            };
            ctx.out.json(&v)?;
        }
        Format::Terraform => ctx.out.write_raw(generate::terraform(rules).as_bytes())?,
        Format::Yaml => ctx.out.write_raw(generate::yaml(rules)?.as_bytes())?,
    }
    Ok(())
}

/// Replaces the `mtls_revoked_*` rules of `./mtlsctl.yaml` with `rules` (first in the file
/// when there were none), keeping everything else; written atomically, refused if the file
/// changed meanwhile.
fn save_block_revoked(rules: &[Generated], ctx: &Ctx) -> anyhow::Result<()> {
    let path = Path::new(SAVE_FILE);
    let exists = path.exists();
    if !exists && rules.is_empty() {
        ctx.out.status(format!(
            "nothing to save: no {SAVE_FILE} and nothing revoked"
        ));
        return Ok(());
    }
    let (existing, mode) = read_existing(path, exists)?;
    let specs: Vec<_> = rules.iter().map(|g| g.spec.clone()).collect();
    let text =
        generate::replace_entries(&existing, SAVE_FILE, revoked::is_block_revoked_ref, &specs)?;
    write_back(path, exists, &existing, &text, mode)?;
    ctx.out.status(format!(
        "{SAVE_FILE}: the {}* rules are now {}",
        revoked::REF_PREFIX,
        if rules.is_empty() {
            "gone (nothing is revoked)".to_string()
        } else {
            format!("{}1..{}", revoked::REF_PREFIX, rules.len())
        }
    ));
    Ok(())
}

fn read_existing(path: &Path, exists: bool) -> anyhow::Result<(String, u32)> {
    Ok(if exists {
        let bytes = load::read_bytes(path)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{SAVE_FILE}: not UTF-8 text; not touching it"))?;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(files::PUBLIC_MODE);
        (text, mode)
    } else {
        (String::new(), files::PUBLIC_MODE)
    })
}

fn write_back(
    path: &Path,
    exists: bool,
    existing: &str,
    text: &str,
    mode: u32,
) -> anyhow::Result<()> {
    if exists {
        let again = load::read_bytes(path)?;
        if again != existing.as_bytes() {
            anyhow::bail!("{SAVE_FILE}: changed while mtlsctl was writing it; run again");
        }
    }
    // Replacing is intended only when the file existed (its content is kept and extended);
    // a new file is never allowed to replace one that appeared meanwhile.
    files::write_file(path, text.as_bytes(), mode, exists)?;
    Ok(())
}

/// Appends the rule to `./mtlsctl.yaml`: read, check, append, write atomically; refused if
/// the file changed meanwhile.
fn save(g: &Generated, ctx: &Ctx) -> anyhow::Result<()> {
    let path = Path::new(SAVE_FILE);
    let exists = path.exists();
    let (existing, mode) = read_existing(path, exists)?;
    let text = generate::append_entry(&existing, SAVE_FILE, &g.spec)?;
    write_back(path, exists, &existing, &text, mode)?;
    ctx.out
        .status(format!("appended rule {} to {SAVE_FILE}", g.reference));
    Ok(())
}
