//! `mtlsctl cert revoke ` (being built).

use crate::cli::RevokeArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: RevokeArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
