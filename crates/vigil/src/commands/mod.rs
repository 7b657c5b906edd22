//! One module per subcommand.

mod explain;
mod init;
mod merge;
mod review;
mod rules;
mod scan;
mod test;

use crate::cli::{Cli, Command};
use crate::ExitStatus;

/// Run the parsed command line.
pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Init(args) => init::run(&args),
    }
}
