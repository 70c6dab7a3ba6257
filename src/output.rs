//! Output: data to stdout, status to stderr, JSON or human text, colour decided once.
//!
//! Colour is decided here from `--color`, then `NO_COLOR`, then whether stdout is a
//! terminal; JSON is never coloured. A closed stdout (`| head`) ends the run quietly: the
//! write error is turned into [`Closed`], which `main` maps to a normal exit. Everything
//! written to stderr (status, warnings) passes through [`crate::pki::sanitize`], so a name
//! from an input file cannot carry terminal escape sequences to the user's terminal.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::pki::sanitize::sanitize_lines;

/// Stdout was closed by the reader; stop writing.
#[derive(Debug, thiserror::Error)]
#[error("stdout closed")]
pub struct Closed;

/// Where and how a command prints.
pub struct Output {
    /// Print JSON instead of human text.
    pub json: bool,
    /// Suppress status lines.
    pub quiet: bool,
    /// Colour human output.
    pub color: bool,
    out: io::BufWriter<io::Stdout>,
}

impl Output {
    /// Decides the output settings from the global flags.
    pub fn new(global: &GlobalArgs) -> Output {
        let color = !global.json
            && match global.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && io::stdout().is_terminal()
                }
            };
        colored::control::set_override(color);
        Output {
            json: global.json,
            quiet: global.quiet,
            color,
            out: io::BufWriter::new(io::stdout()),
        }
    }

    /// Writes a line of data to stdout.
    pub fn line(&mut self, s: impl AsRef<str>) -> anyhow::Result<()> {
        let s = s.as_ref();
        self.write_raw(s.as_bytes())?;
        self.write_raw(b"\n")
    }

    /// Writes raw bytes to stdout.
    pub fn write_raw(&mut self, b: &[u8]) -> anyhow::Result<()> {
        self.out.write_all(b).map_err(map_io)
    }

    /// Writes a value as pretty JSON followed by a newline.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.line(text)
    }

    /// Prints a status line on stderr unless `--quiet`. Control characters are escaped here,
    /// whatever the caller did: status text often quotes names from input files.
    pub fn status(&self, s: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", sanitize_lines(s.as_ref()));
        }
    }

    /// Prints a warning on stderr (even with `--quiet`), escaped like [`Output::status`].
    pub fn warn(&self, s: impl AsRef<str>) {
        eprintln!("warning: {}", sanitize_lines(s.as_ref()));
    }

    /// Flushes stdout.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush().map_err(map_io)
    }

    /// The underlying buffered stdout, for streaming writers.
    pub fn writer(&mut self) -> &mut io::BufWriter<io::Stdout> {
        &mut self.out
    }
}

/// Maps a stdout write error: a broken pipe becomes [`Closed`].
pub fn map_io(e: io::Error) -> anyhow::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        anyhow::Error::new(Closed)
    } else {
        anyhow::Error::new(e).context("writing to stdout")
    }
}
