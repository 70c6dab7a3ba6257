//! `mtlsctl cert renew ` (being built).

use crate::cli::RenewArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RenewArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
