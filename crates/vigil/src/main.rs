//! The `vigil` command line: argument parsing, wiring of the crates, exit codes.
//!
//! Exit codes: 0 = no finding at or above `--fail-on`, 1 = findings at or above it, 2 = usage,
//! configuration or I/O error (one line with the reason, then the cause chain). A closed stdout (e.g.
//! `vigil scan | head`) is not an error: exit 0.

mod cli;
mod commands;
mod output;
mod registry;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Nothing at or above the failure level.
    Success,
    /// Findings at or above the failure level (or test mismatches).
    Failure,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        match s {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "vigil: error: {e}");
            // A cause whose text an earlier line already shows (`...: {source}`) is not repeated.
            let mut shown = e.to_string();
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if shown.contains(&cause) {
                    continue;
                }
                let _ = writeln!(stderr, "  caused by: {cause}");
                shown.push('\n');
                shown.push_str(&cause);
            }
            ExitCode::from(2)
        }
    }
}
