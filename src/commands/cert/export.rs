//! `mtlsctl cert export ` (being built).

use crate::cli::ExportArgs;
use crate::commands::{Answer, Ctx};

/// Runs the command.
pub fn run(_args: ExportArgs, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    anyhow::bail!("this command is not available yet")
}
