//! `mtlsctl cf hostnames list|add|remove`: the hostnames on which a CA's mTLS is on. The API
//! replaces the whole list on every write, so add and remove read it, change it, and write it
//! back: nothing else on the list is dropped.

use crate::cli::{CfHostnamesCommand, CfZoneArgs};
use crate::cloudflare::api;
use crate::cloudflare::apply::account_of;
use crate::cloudflare::client::Client;
use crate::cloudflare::desired::read_ca;
use crate::cloudflare::plan::{hostname_step, norm_host};
use crate::commands::{Answer, Ctx};
use crate::pki::sanitize::sanitize;

fn setup(
    ctx: &Ctx,
    zone: &CfZoneArgs,
    ca: &str,
) -> anyhow::Result<(Client, String, Option<String>)> {
    let client = super::connect(ctx)?;
    let file = super::optional_file(None)?;
    let z = super::zone(&client, zone.zone.as_deref(), file.as_ref())?;
    let id = match ca.trim() {
        "managed" => None,
        "store" => {
            let (_, fp, _) = read_ca(&ctx.store.ca_cert_path())
                .map_err(|e| anyhow::anyhow!("--ca store: {e}"))?;
            let account = account_of(&client, &z)?;
            let list = api::list_uploaded(&client, &account)?;
            let u = list
                .iter()
                .find(|u| u.fingerprint_sha256.as_deref() == Some(fp.as_str()))
                .ok_or_else(|| anyhow::anyhow!("the store CA is not uploaded to account {account}: run `mtlsctl cf ca upload` or give --ca ID"))?;
            Some(u.id.clone())
        }
        other if super::ca::is_uuid(&other.to_ascii_lowercase()) => {
            Some(other.to_ascii_lowercase())
        }
        other => anyhow::bail!(
            "--ca {:?}: give an uploaded certificate id (UUID), managed, or store",
            sanitize(other)
        ),
    };
    Ok((client, z.id, id))
}

fn show(ctx: &mut Ctx, list: &[String]) -> anyhow::Result<()> {
    if ctx.out.json {
        ctx.out.json(list)?;
    } else {
        for h in list {
            ctx.out.line(sanitize(h))?;
        }
    }
    Ok(())
}

/// Runs `cf hostnames ...`.
pub fn run(command: CfHostnamesCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        CfHostnamesCommand::List(a) => {
            let (client, zone, id) = setup(ctx, &a.zone, &a.ca)?;
            let list = api::hostnames(&client, &zone, id.as_deref())?;
            if list.is_empty() {
                ctx.out.status("no hostnames");
            }
            show(ctx, &list)?;
        }
        CfHostnamesCommand::Add(a) | CfHostnamesCommand::Remove(a)
            if a.hostnames.iter().any(|h| norm_host(h).is_empty()) =>
        {
            anyhow::bail!("an empty hostname");
        }
        CfHostnamesCommand::Add(a) => {
            let (client, zone, id) = setup(ctx, &a.zone, &a.ca)?;
            let now = api::hostnames(&client, &zone, id.as_deref())?;
            let step = hostname_step(id.clone(), &now, &a.hostnames, &[]);
            if !step.changed() {
                ctx.out.status("already on the list: nothing to do");
                show(ctx, &now)?;
                return Ok(Answer::Yes);
            }
            let list = api::put_hostnames(&client, &zone, id.as_deref(), &step.result)
                .map_err(|e| super::permission_hint(e, "Zone: SSL and Certificates Edit"))?;
            ctx.out.status(format!("added {}", step.add.join(", ")));
            show(ctx, &list)?;
        }
        CfHostnamesCommand::Remove(a) => {
            let (client, zone, id) = setup(ctx, &a.zone, &a.ca)?;
            let now = api::hostnames(&client, &zone, id.as_deref())?;
            let step = hostname_step(id.clone(), &now, &[], &a.hostnames);
            if !step.changed() {
                ctx.out
                    .status("none of these hostnames is on the list: nothing to do");
                show(ctx, &now)?;
                return Ok(Answer::Yes);
            }
            let list = api::put_hostnames(&client, &zone, id.as_deref(), &step.result)
                .map_err(|e| super::permission_hint(e, "Zone: SSL and Certificates Edit"))?;
            ctx.out.status(format!(
                "removed {} (mTLS is off for them with this CA)",
                step.remove
                    .iter()
                    .map(|h| sanitize(h).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            show(ctx, &list)?;
        }
    }
    Ok(Answer::Yes)
}
