//! `mtlsctl rule ...`: the Rules-language commands.

use super::{Answer, Ctx};
use crate::cli::RuleCommand;

/// Dispatches `rule` subcommands.
pub fn run(cmd: RuleCommand, _ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match cmd {
        RuleCommand::Check(_) | RuleCommand::Fields(_) | RuleCommand::Eval(_) => {
            anyhow::bail!("the rules engine is not built yet")
        }
    }
}
