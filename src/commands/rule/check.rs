//! `mtlsctl rule check ` (being built).

use crate::cli::RuleCheckArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleCheckArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
