//! `mtlsctl completions SHELL`: a completion script generated from the CLI definition.

use clap::CommandFactory;

use super::{Answer, Ctx};
use crate::cli::{Cli, CompletionsArgs};

/// Writes the completion script for the shell to stdout.
pub fn run(args: CompletionsArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mtlsctl", &mut buf);
    ctx.out.write_raw(&buf)?;
    Ok(Answer::Yes)
}
