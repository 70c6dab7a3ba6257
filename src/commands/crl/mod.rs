//! `mtlsctl crl ...`: certificate revocation lists.

use super::{Answer, Ctx};
use crate::cli::CrlCommand;

pub mod create;

/// Dispatches `crl` subcommands.
pub fn run(cmd: CrlCommand, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match cmd {
        CrlCommand::Create(a) => create::run(a, ctx),
    }
}
