//! `mtlsctl rule test ` (being built).

use crate::cli::RuleTestArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RuleTestArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
