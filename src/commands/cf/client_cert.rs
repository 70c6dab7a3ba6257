//! `mtlsctl cf client-cert create|list|revoke`: client certificates from Cloudflare's
//! managed CA (it signs a CSR; the API returns the CSR with CRLF line ends, which is why
//! nothing here compares PEM text).

use crate::cli::CfClientCertCommand;
use crate::cloudflare::api;
use crate::commands::{Answer, Ctx};
use crate::pki::files;
use crate::pki::load::{self, Kind};
use crate::pki::sanitize::sanitize;

/// Runs `cf client-cert ...`.
pub fn run(command: CfClientCertCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        CfClientCertCommand::Create(a) => {
            let input = load::load(&a.csr)?;
            let der = input.first_of(Kind::Csr, "a certificate signing request")?;
            let csr_pem = crate::pki::pem_lf("CERTIFICATE REQUEST", der.to_vec());
            if let Some(out) = &a.out
                && out.exists()
                && !a.force
            {
                anyhow::bail!("{} exists: pass --force to replace it", out.display());
            }
            let client = super::connect(ctx)?;
            let file = super::optional_file(None)?;
            let zone = super::zone(&client, a.zone.zone.as_deref(), file.as_ref())?;
            let c = api::create_client_cert(&client, &zone.id, &csr_pem, a.days)
                .map_err(|e| super::permission_hint(e, "Zone: SSL and Certificates Edit"))?;
            let pem_text = c.certificate.replace("\r\n", "\n");
            match &a.out {
                Some(out) => {
                    files::write_file(out, pem_text.as_bytes(), files::PUBLIC_MODE, a.force)?;
                    ctx.out.status(format!(
                        "wrote {} (id {}, status {})",
                        out.display(),
                        c.id,
                        c.status
                    ));
                }
                None => ctx.out.write_raw(pem_text.as_bytes())?,
            }
            if ctx.out.json && a.out.is_some() {
                ctx.out.json(&c)?;
            }
            Ok(Answer::Yes)
        }
        CfClientCertCommand::List(a) => {
            let client = super::connect(ctx)?;
            let file = super::optional_file(None)?;
            let zone = super::zone(&client, a.zone.zone.as_deref(), file.as_ref())?;
            let list = api::client_certs(&client, &zone.id)?;
            if ctx.out.json {
                ctx.out.json(&list)?;
            } else {
                for c in &list {
                    ctx.out.line(format!(
                        "{}  {}  {:?}  serial {}  expires {}  SKI {}",
                        c.id, c.status, c.common_name, c.serial_number, c.expires_on, c.ski
                    ))?;
                }
                if list.is_empty() {
                    ctx.out.status("no managed client certificates");
                }
            }
            Ok(Answer::Yes)
        }
        CfClientCertCommand::Revoke(a) => {
            let id = a.id.trim().to_ascii_lowercase();
            if !crate::cloudflare::client::is_hex32(&id) {
                anyhow::bail!(
                    "{:?} is not a client certificate id (32 hex digits)",
                    sanitize(&a.id)
                );
            }
            let client = super::connect(ctx)?;
            let file = super::optional_file(None)?;
            let zone = super::zone(&client, a.zone.zone.as_deref(), file.as_ref())?;
            let c = api::revoke_client_cert(&client, &zone.id, &id)
                .map_err(|e| super::permission_hint(e, "Zone: SSL and Certificates Edit"))?;
            ctx.out.status(format!("{}: {}", c.id, c.status));
            Ok(Answer::Yes)
        }
    }
}
