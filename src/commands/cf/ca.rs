//! `mtlsctl cf ca upload|list|delete`: the account's uploaded CAs (account mTLS
//! certificates), compared by the SHA-256 of their DER, with the SKI mtlsctl computes. A
//! delete is refused while anything in the account uses the CA ([`api::ca_usage`]).

use serde_json::json;

use crate::cli::{CfCaCommand, CfZoneArgs};
use crate::cloudflare::api::{self, UploadedCert};
use crate::cloudflare::apply::account_of;
use crate::cloudflare::client::Client;
use crate::cloudflare::desired::read_ca;
use crate::cloudflare::plan::MAX_ACCOUNT_CAS;
use crate::commands::{Answer, Ctx};
use crate::edge::lint::Plan;
use crate::pki::sanitize::sanitize;

/// Runs `cf ca ...`.
pub fn run(command: CfCaCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        CfCaCommand::Upload(a) => {
            let path = a.file.clone().unwrap_or_else(|| ctx.store.ca_cert_path());
            if a.file.is_none() && !path.exists() {
                anyhow::bail!(
                    "the store has no CA: create one with `mtlsctl cert create --ca`, or give a FILE"
                );
            }
            let (pem, fp, ski) = read_ca(&path)?;
            let client = super::connect(ctx)?;
            let (account, zone_plan) = account(ctx, &client, &a.zone)?;
            if let Some(p) = zone_plan
                && p < Plan::Enterprise
            {
                anyhow::bail!(
                    "uploading your own CA needs the Enterprise plan; the zone is on {}: nothing was sent",
                    p.name()
                );
            }
            let list = api::list_uploaded(&client, &account)?;
            if let Some(u) = list
                .iter()
                .find(|u| u.fingerprint_sha256.as_deref() == Some(fp.as_str()))
            {
                ctx.out.status(format!(
                    "already uploaded as {} ({:?}): nothing to do",
                    u.id, u.name
                ));
                return print_one(ctx, u, true);
            }
            let cas = list.iter().filter(|u| u.ca).count();
            if cas >= MAX_ACCOUNT_CAS {
                anyhow::bail!(
                    "the account already has {cas} uploaded CAs, the most Cloudflare allows ({MAX_ACCOUNT_CAS}): delete one first (mtlsctl cf ca delete ID)"
                );
            }
            client.progress(&format!("cloudflare: uploading CA {:?}", a.name));
            let u = api::upload_ca(&client, &account, &a.name, &pem)
                .map_err(|e| super::permission_hint(e, "Account: SSL and Certificates Edit"))?;
            ctx.out.status(format!(
                "uploaded as {} (SKI {})",
                u.id,
                ski.unwrap_or_else(|| "none".into())
            ));
            print_one(ctx, &u, true)
        }
        CfCaCommand::List(a) => {
            let client = super::connect(ctx)?;
            let (account, _) = account(ctx, &client, &a.zone)?;
            let list = api::list_uploaded(&client, &account)?;
            let store_fp = read_ca(&ctx.store.ca_cert_path()).ok().map(|(_, fp, _)| fp);
            if ctx.out.json {
                let v: Vec<_> = list
                    .iter()
                    .map(|u| {
                        let mut v = serde_json::to_value(u).unwrap_or_default();
                        v["store_ca"] =
                            json!(store_fp.is_some() && u.fingerprint_sha256 == store_fp);
                        v
                    })
                    .collect();
                ctx.out.json(&v)?;
            } else {
                for u in &list {
                    let store = store_fp.is_some() && u.fingerprint_sha256 == store_fp;
                    ctx.out.line(format!(
                        "{}  {:?}  {}SKI {}  expires {}{}",
                        u.id,
                        u.name,
                        if u.ca { "" } else { "NOT A CA  " },
                        u.ski.as_deref().unwrap_or("none"),
                        u.expires_on,
                        if store { "  [store CA]" } else { "" }
                    ))?;
                }
                if list.is_empty() {
                    ctx.out.status("no uploaded certificates");
                }
            }
            Ok(Answer::Yes)
        }
        CfCaCommand::Delete(a) => {
            let id = a.id.trim().to_ascii_lowercase();
            if !is_uuid(&id) {
                anyhow::bail!(
                    "{:?} is not an uploaded certificate id (a UUID)",
                    sanitize(&a.id)
                );
            }
            let client = super::connect(ctx)?;
            let (account, _) = account(ctx, &client, &a.zone)?;
            let list = api::list_uploaded(&client, &account)?;
            if !list.iter().any(|u| u.id == id) {
                anyhow::bail!("no uploaded certificate {id} in account {account}");
            }
            // The CA belongs to the account: any zone of it may have hostnames on it.
            let usage = api::ca_usage(&client, &account, &id).map_err(|e| {
                anyhow::anyhow!(
                    "cannot check where CA {id} is used ({}); nothing was deleted",
                    super::permission_hint(e, "Zone: SSL and Certificates Read on every zone, Account: SSL and Certificates Read")
                )
            })?;
            if usage.in_use() {
                let mut uses: Vec<String> = usage
                    .hostnames
                    .iter()
                    .map(|(zone, _, hosts)| {
                        format!(
                            "zone {zone}: {}",
                            hosts
                                .iter()
                                .map(|h| sanitize(h).into_owned())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                    .collect();
                uses.extend(
                    usage
                        .services
                        .iter()
                        .map(|(service, status)| format!("service {service} ({status})")),
                );
                let how = match usage.hostnames.first() {
                    Some((zone, _, hosts)) => format!(
                        "remove them first (mtlsctl cf hostnames remove --zone {zone} --ca {id} {})",
                        sanitize(&hosts.join(" "))
                    ),
                    None => "remove it from those services first".to_string(),
                };
                anyhow::bail!(
                    "CA {id} is still in use: {}; {how}; nothing was deleted",
                    uses.join("; ")
                );
            }
            api::delete_uploaded(&client, &account, &id)
                .map_err(|e| super::permission_hint(e, "Account: SSL and Certificates Edit"))?;
            ctx.out.status(format!("deleted {id}"));
            Ok(Answer::Yes)
        }
    }
}

fn print_one(ctx: &mut Ctx, u: &UploadedCert, _new: bool) -> anyhow::Result<Answer> {
    if ctx.out.json {
        ctx.out.json(u)?;
    } else {
        ctx.out.line(&u.id)?;
    }
    Ok(Answer::Yes)
}

/// True for a UUID (8-4-4-4-12 hex).
pub fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The account (CLOUDFLARE_ACCOUNT_ID, else the zone's) and the zone's plan when a zone was read.
pub fn account(
    ctx: &Ctx,
    client: &Client,
    zone: &CfZoneArgs,
) -> anyhow::Result<(String, Option<Plan>)> {
    let file = super::optional_file(None)?;
    let has_zone = zone.zone.is_some()
        || client.settings().zone_id.is_some()
        || file
            .as_ref()
            .and_then(|f| f.doc.cloudflare.as_ref())
            .and_then(|c| c.zone.as_ref())
            .is_some();
    let _ = ctx;
    if has_zone {
        let z = super::zone(client, zone.zone.as_deref(), file.as_ref())?;
        return Ok((account_of(client, &z)?, Some(z.plan)));
    }
    match &client.settings().account_id {
        Some(a) => {
            api::verify_token(client, Some(a))?;
            Ok((a.clone(), None))
        }
        None => anyhow::bail!("no account: set CLOUDFLARE_ACCOUNT_ID, or name a zone with --zone"),
    }
}
