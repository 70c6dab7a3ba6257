//! `mtlsctl rule fields ` (being built).

use crate::cli::RuleFieldsArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleFieldsArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
