//! `mtlsctl rule ...`: the Rules-language commands.

use super::{Answer, Ctx};
use crate::cli::RuleCommand;

pub mod check;
pub mod eval;
pub mod fields;
pub mod generate;
pub mod lint;
pub mod test;

/// Dispatches `rule` subcommands.
pub fn run(cmd: RuleCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match cmd {
        RuleCommand::Check(a) => check::run(a, ctx),
        RuleCommand::Fields(a) => fields::run(a, ctx),
        RuleCommand::Eval(a) => eval::run(a, ctx),
        RuleCommand::Test(a) => test::run(a, ctx),
        RuleCommand::Generate(a) => generate::run(a, ctx),
        RuleCommand::Lint(a) => lint::run(a, ctx),
    }
}
