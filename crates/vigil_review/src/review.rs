//! `vigil review`: turn a scan into one pull-request review.
//!
//! - every finding on a changed line of the diff gets an inline comment (rule, message, why, the flow
//!   path, a collapsed `<details>` with the rule docs, a ```` ```suggestion ```` block when a fix exists,
//!   and a hidden marker `<!-- vigil:fp=FINGERPRINT -->`);
//! - fingerprints already posted on the pull request are skipped, so re-runs add no duplicates;
//! - findings outside the diff go to one summary comment (`<!-- vigil:summary -->`) with counts by
//!   severity, created once and edited in place on re-runs.
//!
//! [`plan`] decides everything offline (and backs `--dry-run` through [`render_dry_run`]);
//! [`post`] talks to GitHub through [`Client`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use vigil_core::{Finding, FixApplicability, LineIndex, Rule, ScanReport, Severity};
use vigil_report::markdown::{self, MarkdownOptions};

use crate::diff::Diff;
use crate::github::{Client, ReviewComment, ReviewError};

/// Marker of the summary comment.
pub const SUMMARY_MARKER: &str = "<!-- vigil:summary -->";
/// Start of the per-finding marker.
pub const FP_MARKER_PREFIX: &str = "<!-- vigil:fp=";
/// GitHub's limit on a comment body.
pub const MAX_BODY_CHARS: usize = 65_536;
/// Inline comments per review by default (the rest goes to the summary).
pub const DEFAULT_MAX_INLINE: usize = 50;

/// The hidden marker of a finding.
#[must_use]
pub fn fp_marker(fingerprint: &str) -> String {
    format!("{FP_MARKER_PREFIX}{fingerprint} -->")
}

/// Fingerprints in the markers of a comment body.
#[must_use]
pub fn fingerprints_in(body: &str) -> Vec<String> {
    body.match_indices(FP_MARKER_PREFIX)
        .filter_map(|(i, _)| {
            let rest = &body[i + FP_MARKER_PREFIX.len()..];
            let end = rest.find("-->")?;
            Some(rest[..end].trim().to_owned())
        })
        .filter(|fp| !fp.is_empty())
        .collect()
}

/// The key a finding is matched by across runs: its `vigil/v1` fingerprint (rule + line otherwise).
#[must_use]
pub fn finding_key(f: &Finding) -> String {
    if f.fingerprint.is_empty() {
        format!(
            "{}:{}:{}",
            f.rule_id, f.location.path, f.location.start.line
        )
    } else {
        f.fingerprint.clone()
    }
}

/// Options of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewOptions {
    /// At most this many inline comments per review (0 = none: the summary comment only).
    pub max_inline: usize,
    /// Links from the summary to code (e.g. `https://github.com/o/r/blob/HEAD_SHA`).
    pub link_base: Option<String>,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        Self {
            max_inline: DEFAULT_MAX_INLINE,
            link_base: None,
        }
    }
}

/// What a review will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPlan {
    /// New inline comments.
    pub inline: Vec<ReviewComment>,
    /// Fingerprints of the new inline comments (same order).
    pub inline_fingerprints: Vec<String>,
    /// Findings on changed lines already commented on by an earlier run.
    pub already_posted: usize,
    /// Findings not commented inline (outside the diff, or over `max_inline`).
    pub outside_diff: Vec<Finding>,
    /// Body of the review (required by GitHub for `event: COMMENT`).
    pub review_body: String,
    /// Body of the summary comment (with [`SUMMARY_MARKER`]).
    pub summary: String,
}

fn truncate_body(mut s: String) -> String {
    if s.chars().count() > MAX_BODY_CHARS {
        let note = "\n\n… (cut at GitHub's 65,536-character limit)\n";
        let keep = MAX_BODY_CHARS - note.chars().count();
        s = s.chars().take(keep).collect();
        s.push_str(note);
    }
    s
}

/// A fenced block that survives backticks in `code`.
fn fence(code: &str, lang: &str) -> String {
    vigil_report::sarif::fenced(code, lang)
}

/// The suggested replacement of a fix as whole new-side lines `(first, last, text)`, if the fix is
/// applicable, its edits are in the finding's file text, and every line lies in one diff hunk.
#[must_use]
pub fn suggestion(report: &ScanReport, f: &Finding, diff: &Diff) -> Option<(u32, u32, String)> {
    let fix = f.fix.as_ref()?;
    if fix.applicability == FixApplicability::DisplayOnly || fix.edits.is_empty() {
        return None;
    }
    let text = report.sources.get(&f.location.path)?;
    let idx = LineIndex::new(text);
    let start = fix.edits.iter().map(|e| e.range.start).min()?;
    let end = fix.edits.iter().map(|e| e.range.end).max()?;
    let first = idx.line_of(start);
    let mut last = idx.line_of(end);
    if last > first && idx.line_range(text, last).start == end {
        last -= 1; // the edit stops at the start of a line
    }
    let span_start = idx.line_range(text, first).start;
    let span_end = idx.line_range(text, last).end;
    if end > span_end {
        return None; // an edit replaces the line terminator
    }
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| e.range);
    let mut out = String::new();
    let mut pos = span_start;
    for e in &edits {
        if e.range.start < pos {
            return None; // overlapping edits
        }
        out.push_str(text.get(pos as usize..e.range.start as usize)?);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(text.get(pos as usize..span_end as usize)?);
    let first = u32::try_from(first + 1).ok()?;
    let last = u32::try_from(last + 1).ok()?;
    let file = diff.file(&f.location.path)?;
    let hunk = file.hunk_of(first)?;
    if !(first..=last).all(|l| file.hunk_of(l) == Some(hunk)) {
        return None;
    }
    Some((first, last, out))
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Note => "Note",
    }
}

/// The body of an inline comment.
#[must_use]
pub fn inline_body(f: &Finding, rule: Option<&Rule>, suggested: Option<&str>) -> String {
    let mut s = fp_marker(&finding_key(f));
    s.push('\n');
    match rule {
        Some(r) => {
            let _ = write!(
                s,
                "**{}** · [`{}`]({}) · {}",
                severity_word(f.severity),
                r.id,
                r.help_uri(),
                r.meta.name
            );
            if !r.meta.cwe.is_empty() {
                let cwes: Vec<String> = r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
                let _ = write!(s, " · {}", cwes.join(", "));
            }
        }
        None => {
            let _ = write!(s, "**{}** · `{}`", severity_word(f.severity), f.rule_id);
        }
    }
    let _ = write!(s, "\n\n{}\n", f.message.trim());
    if let Some(r) = rule {
        let _ = write!(s, "\n{}\n", r.meta.short_description.trim());
    }
    if !f.flow.is_empty() {
        s.push_str("\n**Flow path**\n\n");
        for (i, step) in f.flow.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}. `{}:{}` {}",
                i + 1,
                step.location.path.replace('`', "'"),
                step.location.start.line,
                step.message.trim()
            );
        }
    }
    if let Some(fix) = &f.fix {
        match suggested {
            Some(code) => {
                let _ = write!(
                    s,
                    "\n**Suggested fix**: {}\n\n{}\n",
                    fix.description.trim(),
                    fence(code, "suggestion")
                );
            }
            None => {
                let _ = write!(s, "\n**Fix**: {}\n", fix.description.trim());
            }
        }
    }
    if let Some(r) = rule {
        let lang = vigil_report::sarif::fence_language(r.kind);
        let _ = write!(
            s,
            "\n<details><summary>Why is this a problem, and how to fix it</summary>\n\n{}\n\n**Noncompliant**\n\n{}\n\n**Compliant**\n\n{}\n",
            r.meta.description.trim(),
            fence(&r.meta.noncompliant, lang),
            fence(&r.meta.compliant, lang)
        );
        if !r.meta.references.is_empty() {
            s.push_str("\n**References**\n\n");
            for reference in &r.meta.references {
                let _ = writeln!(s, "- {}", reference.trim());
            }
        }
        s.push_str("\n</details>\n");
    }
    truncate_body(s)
}

/// Decide the review: `posted` holds the fingerprints already on the pull request.
#[must_use]
pub fn plan(
    report: &ScanReport,
    diff: &Diff,
    posted: &BTreeSet<String>,
    opts: &ReviewOptions,
) -> ReviewPlan {
    let rules: BTreeMap<&str, &Rule> = report
        .rules
        .iter()
        .map(|r| (r.id.as_ref(), r.as_ref()))
        .collect();
    let max_inline = opts.max_inline;
    let mut inline = Vec::new();
    let mut inline_fingerprints = Vec::new();
    let mut outside = Vec::new();
    let mut already = 0;
    let mut seen = BTreeSet::new();
    for f in &report.findings {
        let key = finding_key(f);
        let line = f.location.start.line.max(1);
        if !diff.is_changed(&f.location.path, line) {
            outside.push(f.clone());
            continue;
        }
        if posted.contains(&key) || !seen.insert(key.clone()) {
            already += 1;
            continue;
        }
        if inline.len() >= max_inline {
            outside.push(f.clone());
            continue;
        }
        let sug = suggestion(report, f, diff);
        let (start_line, end_line) = match &sug {
            Some((a, b, _)) if *a <= line && line <= *b => (Some(*a).filter(|a| a < b), *b),
            _ => (None, line),
        };
        let sug_text = sug
            .as_ref()
            .filter(|(a, b, _)| *a <= line && line <= *b)
            .map(|(_, _, t)| t.as_str());
        inline.push(ReviewComment {
            path: f.location.path.to_string(),
            line: end_line,
            start_line,
            body: inline_body(f, rules.get(f.rule_id.as_ref()).copied(), sug_text),
        });
        inline_fingerprints.push(key);
    }
    let review_body = format!(
        "<!-- vigil:review -->\n**vigil** found {} new finding(s) on changed lines.",
        inline.len()
    );
    let summary = summary_body(report, &outside, inline.len(), already, opts);
    ReviewPlan {
        inline,
        inline_fingerprints,
        already_posted: already,
        outside_diff: outside,
        review_body,
        summary,
    }
}

fn summary_body(
    report: &ScanReport,
    outside: &[Finding],
    new_inline: usize,
    already: usize,
    opts: &ReviewOptions,
) -> String {
    let [e, w, n] = markdown::counts(&report.findings);
    let mut s = format!("{SUMMARY_MARKER}\n## vigil review\n\n");
    let _ = writeln!(
        s,
        "**{}** finding(s) in this pull request's scan: {e} error(s), {w} warning(s), {n} note(s).\n",
        report.findings.len()
    );
    let _ = writeln!(
        s,
        "- {new_inline} new inline comment(s) on changed lines in this run\n- {already} finding(s) on changed lines already commented on\n- {} finding(s) outside the diff (listed below)\n",
        outside.len()
    );
    let sub = ScanReport {
        findings: outside.to_vec(),
        suppressed: Vec::new(),
        notifications: report.notifications.clone(),
        ..report.clone()
    };
    let md = MarkdownOptions {
        link_base: opts.link_base.clone(),
        title: Some("Findings outside the diff".to_owned()),
        max_rows: 0,
    };
    s.push_str(&markdown::summary(&sub, outside, &md).replacen("## ", "### ", 1));
    truncate_body(s)
}

/// The review as markdown, for `vigil review --dry-run`.
#[must_use]
pub fn render_dry_run(plan: &ReviewPlan) -> String {
    let mut s = String::from("# vigil review (dry run)\n\n");
    let _ = writeln!(s, "{}\n", plan.review_body);
    for c in &plan.inline {
        let lines = match c.start_line {
            Some(a) => format!("{a}-{}", c.line),
            None => c.line.to_string(),
        };
        let _ = writeln!(s, "---\n\n### `{}` line {lines}\n\n{}", c.path, c.body);
    }
    let _ = writeln!(s, "---\n\n{}", plan.summary);
    s
}

/// What [`post`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewOutcome {
    pub posted_inline: usize,
    pub already_posted: usize,
    pub outside_diff: usize,
    /// Id of the review, when one was posted (none when there was nothing new).
    pub review_id: Option<u64>,
    /// Id of the summary comment.
    pub summary_comment_id: u64,
    /// True when an existing summary was edited, false when it was created.
    pub summary_updated: bool,
}

/// Post the review: list existing comments, post one review with the new inline comments (if any),
/// then create or update the summary comment.
///
/// # Errors
/// The first [`ReviewError`]; nothing is retried automatically.
pub fn post(
    client: &Client,
    report: &ScanReport,
    diff: &Diff,
    opts: &ReviewOptions,
) -> Result<ReviewOutcome, ReviewError> {
    let posted: BTreeSet<String> = client
        .list_review_comments()?
        .iter()
        .flat_map(|c| fingerprints_in(&c.body))
        .collect();
    let plan = plan(report, diff, &posted, opts);
    let review_id = if plan.inline.is_empty() {
        None
    } else {
        Some(client.create_review(&plan.review_body, &plan.inline)?)
    };
    let existing = client
        .list_issue_comments()?
        .into_iter()
        .find(|c| c.body.contains(SUMMARY_MARKER));
    let (summary_comment_id, summary_updated) = match existing {
        Some(c) => {
            client.update_issue_comment(c.id, &plan.summary)?;
            (c.id, true)
        }
        None => (client.create_issue_comment(&plan.summary)?, false),
    };
    Ok(ReviewOutcome {
        posted_inline: plan.inline.len(),
        already_posted: plan.already_posted,
        outside_diff: plan.outside_diff.len(),
        review_id,
        summary_comment_id,
        summary_updated,
    })
}

/// Where the review's diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffSource {
    /// GitHub's own diff of the pull request (what review comments are checked against). Default.
    PullRequest,
    /// `git diff REV` of the work tree (e.g. the base SHA, fetched), with repository-relative paths.
    Git { rev: String },
    /// A unified diff file (`-` = standard input).
    Patch(std::path::PathBuf),
}

/// Everything `vigil review` needs besides the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRequest {
    /// Repository, pull request, head SHA, token, API URL overrides (`--repo`, `--pr`, `--head-sha`,
    /// `--api-url`); the rest comes from the Actions environment.
    pub target: crate::github::TargetOptions,
    pub diff: DiffSource,
    pub options: ReviewOptions,
    /// Render the review as markdown instead of posting it.
    pub dry_run: bool,
}

/// What [`run`] did: the outcome of a posted review, or the markdown of a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRun {
    Posted(ReviewOutcome),
    DryRun(String),
}

/// `vigil review`: re-root the report's paths at the repository root
/// ([`vigil_report::paths::for_code_host`]), resolve the target, get the diff, then post the review
/// (or render it for a dry run). A dry run with a local diff (`Git`/`Patch`) needs no token and makes no request; with
/// [`DiffSource::PullRequest`] it only reads the diff.
///
/// # Errors
/// A [`ReviewError`]: configuration (no token, no pull request), diff, or API errors.
pub fn run(report: &ScanReport, req: &ReviewRequest) -> Result<ReviewRun, ReviewError> {
    // Review comments name files relative to the repository root, as GitHub's diff does.
    let host_report = vigil_report::paths::for_code_host(report);
    let report: &ScanReport = &host_report;
    let local_diff = match &req.diff {
        DiffSource::Git { rev } => Some(crate::diff::diff_since(&report.root, rev)?),
        DiffSource::Patch(path) => Some(crate::diff::read_patch(path)?),
        DiffSource::PullRequest => None,
    };
    if req.dry_run {
        if let Some(diff) = &local_diff {
            let plan = plan(report, diff, &BTreeSet::new(), &req.options);
            return Ok(ReviewRun::DryRun(render_dry_run(&plan)));
        }
    }
    let cfg = match crate::github::GithubConfig::from_env(&req.target) {
        Ok(cfg) => cfg,
        Err(ReviewError::Config(why)) if req.dry_run => {
            // A dry run needs no token: without a pull request, preview every finding inline.
            let whole =
                Diff::whole_files(report.sources.iter().map(|(p, t)| (p.as_ref(), t.as_ref())));
            let plan = plan(report, &whole, &BTreeSet::new(), &req.options);
            let mut md = render_dry_run(&plan);
            let _ = write!(
                md,
                "\n_No pull request to compare with ({why}): every finding is shown as an inline comment._\n"
            );
            return Ok(ReviewRun::DryRun(md));
        }
        Err(e) => return Err(e),
    };
    let mut client = Client::new(cfg);
    let diff = match local_diff {
        Some(d) => d,
        None => Diff::parse(&client.pull_request_diff()?)?,
    };
    if req.dry_run {
        let plan = plan(report, &diff, &BTreeSet::new(), &req.options);
        return Ok(ReviewRun::DryRun(render_dry_run(&plan)));
    }
    client.ensure_head_sha()?;
    let mut options = req.options.clone();
    if options.link_base.is_none() {
        let c = client.config();
        let server =
            std::env::var("GITHUB_SERVER_URL").unwrap_or_else(|_| "https://github.com".to_owned());
        options.link_base = Some(format!(
            "{}/{}/{}/blob/{}",
            server.trim_end_matches('/'),
            c.pr.owner,
            c.pr.repo,
            c.pr.head_sha
        ));
    }
    post(&client, report, &diff, &options).map(ReviewRun::Posted)
}
