//! `mtlsctl crl create` (being built).

use crate::cli::CrlCreateArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: CrlCreateArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
