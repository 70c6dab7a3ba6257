//! `mtlsctl cert verify ` (being built).

use crate::cli::VerifyArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: VerifyArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
