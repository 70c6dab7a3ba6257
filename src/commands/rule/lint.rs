//! `mtlsctl rule lint ` (being built).

use crate::cli::RuleLintArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleLintArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
