//! `mtlsctl rule eval ` (being built).

use crate::cli::RuleEvalArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleEvalArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
