//! `mtlsctl cert csr`: a new private key and a PKCS#10 CSR for it.

use std::path::PathBuf;

use serde::Serialize;

use super::Ctx;
use crate::cli::CsrArgs;
use crate::commands::Answer;
use crate::pki::files::{FileSet, PUBLIC_MODE, SECRET_MODE};
use crate::pki::issue;

#[derive(Debug, Serialize)]
struct CsrReport {
    cn: String,
    csr: PathBuf,
    key: PathBuf,
}

/// Runs `cert csr`.
pub fn run(args: CsrArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let subject = super::subject_from(
        args.names.subject.as_ref(),
        args.names.cn.as_deref(),
        &super::user_at_host(),
    );
    let stem = args
        .names
        .cn
        .as_deref()
        .map(super::slug)
        .unwrap_or_else(|| "client".into());
    let csr_path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{stem}.csr")));
    let key_path = args
        .key_out
        .clone()
        .unwrap_or_else(|| super::key_path_for(&csr_path));
    let mut files = FileSet::new(args.force);
    files.add(&csr_path, Vec::new(), PUBLIC_MODE);
    files.add(&key_path, Vec::new(), SECRET_MODE);
    files.preflight()?;
    let key = args.key_type.generate()?;
    let csr = issue::make_csr(&subject, &args.names.sans, &key)?;
    let mut files = FileSet::new(args.force);
    files.add(&csr_path, csr, PUBLIC_MODE);
    files.add(&key_path, crate::pki::keys::key_pem(&key)?, SECRET_MODE);
    files.commit()?;
    let r = CsrReport {
        cn: subject.cn().unwrap_or_default().to_string(),
        csr: csr_path,
        key: key_path,
    };
    if ctx.out.json {
        ctx.out.json(&r)?;
    } else {
        ctx.out.line(format!("csr          {}", r.csr.display()))?;
        ctx.out.line(format!("key          {}", r.key.display()))?;
    }
    Ok(Answer::Yes)
}
