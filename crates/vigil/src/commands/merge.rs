//! `vigil merge`: join SARIF logs (e.g. of `--shard K/N` runs) into one log with one run.

use anyhow::Context as _;
use vigil_report::merge::{merge_files, MergeOptions};

use crate::cli::MergeArgs;
use crate::output::{write_atomic, write_stdout};
use crate::ExitStatus;

pub(crate) fn run(args: &MergeArgs) -> anyhow::Result<ExitStatus> {
    let mut buf = Vec::new();
    merge_files(
        &args.files,
        &MergeOptions {
            category: args.category.clone(),
        },
        &mut buf,
    )
    .context("cannot merge the SARIF logs")?;
    match &args.output {
        Some(path) => write_atomic(path, &buf)?,
        None => write_stdout(&buf)?,
    }
    Ok(ExitStatus::Success)
}
