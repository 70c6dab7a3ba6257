//! `mtlsctl rule generate ` (being built).

use crate::cli::RuleGenerateArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleGenerateArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
