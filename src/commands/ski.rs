//! `mtlsctl ski FILE...`: the issuer SKI (or with `--own` the certificate's own SKI).

use anyhow::Context as _;
use serde::Serialize;

use super::{Answer, Ctx};
use crate::cli::SkiArgs;
use crate::pki::ski::{self, IssuerSkiSource};
use crate::pki::{cert, dn, load};

/// One certificate's answer, for `--json`.
#[derive(Debug, Serialize)]
struct SkiReport {
    file: String,
    index: usize,
    issuer_ski: Option<String>,
    issuer_ski_source: Option<IssuerSkiSource>,
    own_ski: Option<String>,
    subject: String,
    issuer: String,
}

/// Runs `ski`.
pub fn run(args: SkiArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let issuer_der = match &args.issuer {
        Some(p) => Some(
            load::load(p)?
                .first_certificate()
                .map(<[u8]>::to_vec)
                .with_context(|| "--issuer")?,
        ),
        None => None,
    };
    let many = args.files.len() > 1;
    let mut reports = Vec::new();
    let mut failed: Option<anyhow::Error> = None;
    for path in &args.files {
        match one_file(path, &args, issuer_der.as_deref(), ctx, many, &mut reports) {
            Ok(()) => {}
            Err(e) if many => {
                // Keep going over the other files; report each failure, exit 2 at the end.
                let text = format!("{e:#}").replace('\n', " ");
                eprintln!("mtlsctl: error: {}", crate::pki::sanitize::sanitize(&text));
                failed.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    if ctx.out.json {
        ctx.out.json(&reports)?;
    }
    match failed {
        Some(_) => Err(super::Reported.into()),
        None => Ok(Answer::Yes),
    }
}

fn one_file(
    path: &std::path::Path,
    args: &SkiArgs,
    issuer_der: Option<&[u8]>,
    ctx: &mut Ctx,
    many: bool,
    reports: &mut Vec<SkiReport>,
) -> anyhow::Result<()> {
    let input = load::load(path)?;
    let name = input.name.clone();
    let certs: Vec<&[u8]> = if args.all {
        let all = input.certificates();
        if all.is_empty() {
            input.first_certificate()?;
        }
        all
    } else {
        vec![input.first_certificate()?]
    };
    // Compute every answer before printing any, so a failing file prints nothing.
    let mut lines = Vec::new();
    for (i, der) in certs.iter().enumerate() {
        let at = |e: ski::SkiError| {
            if certs.len() > 1 {
                anyhow::anyhow!("{name}: certificate {}: {e}", i + 1)
            } else {
                anyhow::anyhow!("{name}: {e}")
            }
        };
        let parsed = cert::parse(der).map_err(|e| at(e.into()))?;
        let own = cert::ski(&parsed).map(cert::hex_upper);
        let (hex, source) = if args.own {
            (
                own.clone().ok_or_else(|| {
                    at(ski::SkiError::NoKeyId(
                        "it has no Subject Key Identifier extension".into(),
                    ))
                })?,
                None,
            )
        } else {
            let r = ski::issuer_ski_of(&parsed, issuer_der).map_err(at)?;
            match r.source {
                IssuerSkiSource::SelfSigned => ctx.out.status(format!(
                    "{name}: no Authority Key Identifier; the certificate is self-signed, so its own SKI is its issuer's"
                )),
                IssuerSkiSource::IssuerCertificate => ctx.out.status(format!(
                    "{name}: no Authority Key Identifier; printing the SKI of the --issuer CA, which signed it"
                )),
                IssuerSkiSource::AuthorityKeyIdentifier => {}
            }
            (r.hex, Some(r.source))
        };
        if ctx.out.json {
            reports.push(SkiReport {
                file: name.clone(),
                index: i,
                issuer_ski: if args.own { None } else { Some(hex.clone()) },
                issuer_ski_source: source,
                own_ski: own,
                subject: dn::rfc2253(parsed.subject()),
                issuer: dn::rfc2253(parsed.issuer()),
            });
        }
        lines.push(hex);
    }
    if !ctx.out.json {
        for hex in lines {
            if many {
                ctx.out.line(format!("{hex}  {name}"))?;
            } else {
                ctx.out.line(hex)?;
            }
        }
    }
    Ok(())
}
