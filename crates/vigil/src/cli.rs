//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use vigil_core::config::{ByteSize, FailOn};
use vigil_report::Format;
use vigil_scan::Shard;

/// Static analysis and code review for Java, Python and AWS deployment specs
/// (buildspec.yml, appspec.yml, OpenAPI).
#[derive(Debug, Parser)]
#[command(
    name = "vigil",
    version,
    about,
    propagate_version = true,
    max_term_width = 100
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Scan files and directories and report findings.
    Scan(Box<ScanArgs>),
    /// List the available rules.
    Rules(RulesArgs),
    /// Print the full documentation of a rule.
    Explain(ExplainArgs),
    /// Check rule files against annotated fixtures (`ruleid:` / `ok:` comments).
    Test(TestArgs),
    /// Scan, then post the findings as a pull-request review on GitHub.
    Review(Box<ReviewArgs>),
    /// Merge SARIF logs (e.g. of `--shard K/N` runs) into one log with one run.
    Merge(MergeArgs),
    /// Write a starter vigil.toml and a GitHub Actions workflow.
    Init(InitArgs),
}

/// Output formats of `vigil scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    Text,
    Json,
    Sarif,
    Github,
    Gitlab,
    Rdjson,
    Rdjsonl,
    Junit,
    Markdown,
}

impl FormatArg {
    pub(crate) fn format(self) -> Format {
        match self {
            Self::Text => Format::Text,
            Self::Json => Format::Json,
            Self::Sarif => Format::Sarif,
            Self::Github => Format::Github,
            Self::Gitlab => Format::Gitlab,
            Self::Rdjson => Format::Rdjson,
            Self::Rdjsonl => Format::Rdjsonl,
            Self::Junit => Format::Junit,
            Self::Markdown => Format::Markdown,
        }
    }
}

/// `--fail-on` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOnArg {
    Error,
    Warning,
    Note,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> Self {
        match f {
            FailOnArg::Error => Self::Error,
            FailOnArg::Warning => Self::Warning,
            FailOnArg::Note => Self::Note,
            FailOnArg::Never => Self::Never,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

fn parse_size(s: &str) -> Result<u64, String> {
    s.parse::<ByteSize>().map(|b| b.0)
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{s}` is not a positive number of threads")),
    }
}

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Files and directories to scan [default: the current directory]. Files named here are scanned
    /// even when ignored by .gitignore or `exclude`.
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub(crate) format: FormatArg,

    /// Write the report to FILE (atomically; `-` = standard output) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Exit with status 1 when a finding has at least this severity [default: `fail-on` in
    /// vigil.toml, else warning].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOnArg>,

    /// Do not fail the run for files that were named or found but could not be analyzed (unreadable,
    /// special files, analysis abandoned); they stay error-level notices [default: `allow-skipped` in
    /// vigil.toml, else false].
    #[arg(long)]
    pub(crate) allow_skipped: bool,

    /// Report each `vigil-ignore[...]` comment that suppressed no finding (a warning notice).
    #[arg(long)]
    pub(crate) report_unused_suppressions: bool,

    /// Seconds of analysis per file before its dataflow analyses are abandoned (an error notice
    /// naming the file and rules) [default: 120].
    #[arg(long, value_name = "SECONDS")]
    pub(crate) file_time_budget: Option<u64>,

    /// Number of worker threads [default: one per core].
    #[arg(long, short = 'j', value_parser = parse_jobs)]
    pub(crate) jobs: Option<usize>,

    /// Run only these rules: comma-separated rule ids, categories, kinds (java, python, ...) or `*`.
    /// Replaces `select` of vigil.toml.
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub(crate) select: Option<Vec<String>>,

    /// Do not run these rules (same selectors); added to `ignore` of vigil.toml.
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub(crate) ignore: Vec<String>,

    /// Also load the rule files (*.yaml) under DIR (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,

    /// Use this configuration file instead of the nearest vigil.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Hide findings whose fingerprints are in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,

    /// Record the fingerprints of every current finding in FILE (the run then exits 0).
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub(crate) color: ColorArg,

    /// Print findings only (no notices, summary or timing).
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,

    /// Also treat the sources of this threat model as untrusted: `local` (environment, files,
    /// console, command line, database reads); `remote` is always on. Adds to `threat-models`.
    #[arg(long = "threat-model", value_delimiter = ',', value_name = "MODEL")]
    pub(crate) threat_model: Vec<String>,

    /// Skip files larger than this (bytes, or with KB/MB/GB) [default: 4MB, 64MB for specs].
    #[arg(long, value_parser = parse_size, value_name = "SIZE")]
    pub(crate) max_file_size: Option<u64>,

    /// Analyze only the K-th of N deterministic slices of the files (cross-file facts still come
    /// from every file).
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<Shard>,

    /// Never show a progress bar.
    #[arg(long)]
    pub(crate) no_progress: bool,

    /// Do not read or write the incremental cache.
    #[arg(long)]
    pub(crate) no_cache: bool,

    /// The incremental cache folder [default: `.vigil_cache` in the scan root]. Unchanged files
    /// are not analyzed again; the key covers the vigil binary, configuration, rules and options.
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub(crate) cache_dir: Option<PathBuf>,

    /// Only read and parse the files and visit every node of their trees, with no rule: the floor
    /// a full scan is measured against (prints files, size, nodes and time; exit 0).
    #[arg(long, conflicts_with_all = ["baseline", "write_baseline", "diff", "diff_from_file"])]
    pub(crate) parse_only: bool,

    /// The directory finding paths are relative to [default: the current directory when every path
    /// is inside it].
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,

    /// Include suppressed findings in JSON output (never in uploads).
    #[arg(long)]
    pub(crate) include_suppressed: bool,

    /// SARIF `automationDetails.id` (e.g. `vigil/backend/`), to tell several analyses of one
    /// repository apart in GitHub code scanning.
    #[arg(long, value_name = "NAME")]
    pub(crate) category: Option<String>,

    /// Report only findings on lines changed since REV (`git diff REV`, renames followed; e.g. the
    /// pull request's base commit, which a shallow CI checkout must fetch first).
    #[arg(long, value_name = "REV", conflicts_with = "diff_from_file")]
    pub(crate) diff: Option<String>,

    /// Report only findings on lines added by the unified diff in PATCH (`-` = standard input).
    #[arg(long, value_name = "PATCH")]
    pub(crate) diff_from_file: Option<PathBuf>,

    /// Report only findings that are not in the baseline (requires `--baseline`; says so explicitly
    /// in CI scripts).
    #[arg(long)]
    pub(crate) new_only: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    #[command(flatten)]
    pub(crate) scan: ScanArgs,

    /// Print the review as markdown instead of posting it.
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// GitHub API base URL [default: $GITHUB_API_URL, else https://api.github.com].
    #[arg(long, value_name = "URL")]
    pub(crate) api_url: Option<String>,

    /// Repository as OWNER/NAME [default: $GITHUB_REPOSITORY].
    #[arg(long, value_name = "OWNER/NAME")]
    pub(crate) repo: Option<String>,

    /// Pull request number [default: from $GITHUB_EVENT_PATH].
    #[arg(long, value_name = "N")]
    pub(crate) pr: Option<u64>,

    /// Head commit the comments are made on [default: the pull request's head SHA].
    #[arg(long, value_name = "SHA")]
    pub(crate) head_sha: Option<String>,

    /// At most this many inline comments per review (the rest go to the summary; 0 = the summary
    /// comment only).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub(crate) max_comments: usize,
}

#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// SARIF logs to merge (e.g. the shards of one analysis).
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,

    /// Write the merged log to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// `automationDetails.id` of the merged run (needed when the logs have different categories).
    #[arg(long, value_name = "NAME")]
    pub(crate) category: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Directory to set up [default: the current directory].
    #[arg(default_value = ".")]
    pub(crate) dir: PathBuf,

    /// Overwrite existing files.
    #[arg(long)]
    pub(crate) force: bool,
}

/// `vigil rules` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub(crate) format: ListFormat,

    /// Also load the rule files under DIR (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// Rule id, e.g. java/weak-hash.
    pub(crate) id: String,

    /// Also load the rule files under DIR (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// Directory with the fixtures (`DIR/testdata/` if present, else DIR itself).
    pub(crate) dir: PathBuf,

    /// Directory of the rule files to test [default: DIR/rules].
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
