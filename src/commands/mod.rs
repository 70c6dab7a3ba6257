//! The command adapters: each subcommand is one file with one `run` function that turns
//! parsed arguments into library calls and a report.
//!
//! Exit codes are decided here: 0 success, 1 a negative answer, 2 any error (usage or input),
//! 3 changes pending (`cf plan` only).
//! Errors are printed as one line on stderr (`mtlsctl: error: ...`); a Rules-language parse
//! error keeps the edge's multi-line caret format.

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::output::{Closed, Output};
use crate::pki::store::Store;

pub mod cert;
pub mod cf;
pub mod completions;
pub mod crl;
pub mod rule;
pub mod serve;
pub mod ski;

/// What a successful command answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Exit 0.
    Yes,
    /// Exit 1: a negative answer (false, blocked, findings).
    No,
    /// Exit 3: `cf plan` found changes to make.
    Pending,
}

/// An error already printed on stderr: exit 2 without another message.
#[derive(Debug, thiserror::Error)]
#[error("errors were reported above")]
pub struct Reported;

/// Everything a command needs besides its own arguments.
pub struct Ctx {
    /// Output.
    pub out: Output,
    /// The store.
    pub store: Store,
    /// The time the run started.
    pub now: time::OffsetDateTime,
}

/// [`Cli::try_parse`], without freeing clap's command tree: a short-lived process ends soon
/// after parsing, and dropping the tree's thousands of small allocations cost about as much
/// as building it (a seventh of `cert create`'s instructions, measured with callgrind).
fn parse_args() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut matches| {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        });
    std::mem::forget(command);
    parsed
}

/// Parses the command line, runs it and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let out = Output::new(&cli.global);
    let store = Store::new(cli.global.store.clone().unwrap_or_else(Store::default_dir));
    let mut ctx = Ctx {
        out,
        store,
        now: now_seconds(),
    };
    let result = run(cli.command, &mut ctx).and_then(|a| {
        ctx.out.flush()?;
        Ok(a)
    });
    match result {
        Ok(Answer::Yes) => ExitCode::SUCCESS,
        Ok(Answer::No) => ExitCode::from(1),
        Ok(Answer::Pending) => ExitCode::from(3),
        Err(e) if e.is::<Closed>() => ExitCode::SUCCESS,
        Err(e) if e.is::<Reported>() => ExitCode::from(2),
        Err(e) => {
            // Errors quote input (file names, PEM labels, DNs): escape what a terminal would run.
            let text = one_line(&e);
            eprintln!(
                "mtlsctl: error: {}",
                crate::pki::sanitize::sanitize_lines(&text)
            );
            ExitCode::from(2)
        }
    }
}

/// Formats an error chain on one line, unless the error is a multi-line report by design.
fn one_line(e: &anyhow::Error) -> String {
    let text = format!("{e:#}");
    if text.starts_with("Filter parsing error") || e.to_string().starts_with("Filter parsing error")
    {
        return text;
    }
    crate::pki::sanitize::join_causes(e.chain()).replace('\n', " ")
}

/// Runs one command.
pub fn run(command: Command, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    match command {
        Command::Cert(c) => cert::run(c, ctx),
        Command::Ski(a) => ski::run(a, ctx),
        Command::Rule(c) => rule::run(c, ctx),
        Command::Crl(c) => crl::run(c, ctx),
        Command::Cf(c) => cf::run(c, ctx),
        Command::Serve(a) => serve::run(a, ctx),
        Command::Completions(a) => completions::run(a, ctx),
    }
}

/// The current time, truncated to whole seconds (certificates cannot carry fractions).
fn now_seconds() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}
