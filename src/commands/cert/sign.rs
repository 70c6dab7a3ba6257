//! `mtlsctl cert sign CSR`: a client certificate for an external CSR.
//!
//! The CSR is held to what `cert create` accepts ([`crate::pki::issue::read_csr`]): SHA-1
//! signatures, RSA keys under 2048 bits and names `--subject`/`--san` would refuse are refused.
//! The subject and SANs certified are printed on stderr before signing.

use std::path::PathBuf;

use super::Ctx;
use super::create::{CreateReport, report};
use crate::cli::SignArgs;
use crate::commands::Answer;
use crate::pki::files::{FileSet, PUBLIC_MODE};
use crate::pki::issue::{self, CertSpec, Profile};
use crate::pki::load::{self, Kind};
use crate::pki::spec::NotAfter;

/// Runs `cert sign`.
pub fn run(args: SignArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let input = load::load(&args.csr)?;
    let der = input.first_of(Kind::Csr, "a certificate signing request")?;
    let csr = issue::read_csr(der).map_err(|e| anyhow::anyhow!("{}: {e}", input.name))?;
    if csr.asked_for_ca {
        ctx.out.warn(format!(
            "{}: the CSR asks for CA:TRUE; ignored, the certificate is a client certificate (CA:FALSE)",
            input.name
        ));
    }
    let mut subject = match &args.names.subject {
        Some(s) => s.clone(),
        None => csr.subject.clone(),
    };
    if let Some(cn) = &args.names.cn {
        subject = subject.with_cn(cn);
    } else if subject.cn().is_none()
        && let Some(cn) = csr.subject.cn()
    {
        subject = subject.with_cn(cn);
    }
    let Some(cn) = subject.cn().map(str::to_string) else {
        anyhow::bail!("{}: the CSR has no CN; give one with --cn", input.name);
    };
    let sans = if args.names.sans.is_empty() {
        csr.sans.clone()
    } else {
        args.names.sans.clone()
    };
    let cert_path = args.out.clone().unwrap_or_else(|| {
        if args.csr.as_os_str() == "-" {
            PathBuf::from(format!("{}.crt", super::slug(&cn)))
        } else {
            args.csr.with_extension("crt")
        }
    });
    let mut files = FileSet::new(args.force);
    files.add(&cert_path, Vec::new(), PUBLIC_MODE);
    files.preflight()?;
    let signer = super::load_signer(&args.issuer, ctx, false, args.password_file.as_deref())?;
    let not_after = args
        .validity
        .not_after
        .or(args.validity.days.map(NotAfter::days))
        .unwrap_or(NotAfter::days(Profile::Client.default_days()))
        .resolve(ctx.now);
    let spec = CertSpec {
        profile: Profile::Client,
        subject,
        sans,
        not_after,
    };
    // Say what is certified (the names come from someone else's CSR); escaped on output.
    let sans_text = if spec.sans.is_empty() {
        "none".to_string()
    } else {
        spec.sans
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    ctx.out.status(format!(
        "certifying subject {} with SANs {sans_text}",
        spec.subject
    ));
    let issued = super::issue_with(&spec, &csr.public_key, signer.signer(), ctx)?;
    let mut files = FileSet::new(args.force);
    files.add(&cert_path, issued.pem.clone(), PUBLIC_MODE);
    let record = [(&issued, cn.as_str(), Profile::Client, cert_path.as_path())];
    super::publish(ctx, files, if signer.from_store { &record } else { &[] })?;
    report(
        ctx,
        CreateReport::new(Profile::Client, cn, &issued, cert_path, None)?,
    )
}
