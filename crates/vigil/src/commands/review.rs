//! `vigil review`: scan, write the report as `vigil scan` would, then post the findings as one
//! pull-request review on GitHub (inline comments on changed lines, a summary comment edited in place).
//!
//! The gate is the scan's: a failed review (no token, rate limit, API error) is reported on stderr but
//! never changes the exit code or loses the report written with `--output`.

use vigil_review::{DiffSource, ReviewOptions, ReviewRequest, ReviewRun, TargetOptions};

use crate::cli::ReviewArgs;
use crate::output::{note, write_stdout};
use crate::{registry, ExitStatus};

use super::scan;

pub(crate) fn run(args: &ReviewArgs) -> anyhow::Result<ExitStatus> {
    let outcome = scan::execute(&args.scan, registry::analyzers)?;
    // The scan report goes where --output says (stdout by default), dry run or not; a dry run then
    // prints the review after it.
    let status = scan::emit(&args.scan, &outcome)?;
    let diff = match (&args.scan.diff, &args.scan.diff_from_file) {
        (Some(rev), _) => DiffSource::Git { rev: rev.clone() },
        (None, Some(patch)) => DiffSource::Patch(patch.clone()),
        (None, None) => DiffSource::PullRequest,
    };
    let request = ReviewRequest {
        target: TargetOptions {
            api_url: args.api_url.clone(),
            repo: args.repo.clone(),
            pr: args.pr,
            head_sha: args.head_sha.clone(),
            token: None,
        },
        diff,
        options: ReviewOptions {
            max_inline: args.max_comments,
            link_base: None,
        },
        dry_run: args.dry_run,
    };
    match vigil_review::run(&outcome.report, &request) {
        Ok(ReviewRun::DryRun(markdown)) => write_stdout(markdown.as_bytes())?,
        Ok(ReviewRun::Posted(o)) => note(&format!(
            "vigil: review posted: {} new inline comment(s), {} already posted, {} finding(s) outside the diff in the summary ({})",
            o.posted_inline,
            o.already_posted,
            o.outside_diff,
            if o.summary_updated { "summary updated" } else { "summary created" }
        )),
        Err(e) => note(&format!("vigil: warning: the review was not posted: {e}")),
    }
    Ok(status)
}
