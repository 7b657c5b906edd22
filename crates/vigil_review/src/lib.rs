//! Diff-aware scanning and pull-request reviews.
//!
//! - [`diff`]: unified-diff parsing, `git diff --unified=0 -M REV`, and the filter keeping only
//!   findings on changed lines (`--diff REV`, `--diff-from-file PATCH`).
//! - [`github`]: a small blocking GitHub REST client (token, repository and pull request from the
//!   Actions environment or explicit options; `api_url` for GitHub Enterprise) with typed errors.
//! - [`review`]: one review per run with an inline comment per new finding on a changed line, and a
//!   summary comment edited in place; [`review::render_dry_run`] for `vigil review --dry-run`.

pub mod diff;
pub mod github;
pub mod review;

pub use diff::{
    diff_since, filter_findings, filter_report, git_diff, read_patch, Diff, DiffError, FileDiff,
    FileStatus, Hunk,
};
pub use github::{Client, GithubConfig, PullRequest, ReviewComment, ReviewError, TargetOptions};
pub use review::{
    plan, post, render_dry_run, run, DiffSource, ReviewOptions, ReviewOutcome, ReviewPlan,
    ReviewRequest, ReviewRun,
};
