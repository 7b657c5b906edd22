//! The `github` output format: GitHub Actions workflow-command annotations
//! (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`), plus a markdown job summary
//! for `$GITHUB_STEP_SUMMARY` ([`write_step_summary`]).
//!
//! GitHub shows at most 10 error and 10 warning annotations per step, so vigil emits the first
//! [`MAX_PER_LEVEL`] findings of each level (most severe levels first) and one closing notice with
//! the number left out; the full list belongs in the job summary.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use vigil_core::{Finding, ScanReport, Severity};

use crate::markdown::{self, MarkdownOptions};
use crate::RenderOptions;

/// A starter workflow (`.github/workflows/vigil.yml`) for `vigil init`: scan on push and pull request,
/// upload SARIF, gate on changed lines and review pull requests with the composite action.
pub const WORKFLOW_TEMPLATE: &str = include_str!("../../../docs/examples/vigil.yml");

/// Annotations per level GitHub displays for a step.
pub const MAX_PER_LEVEL: usize = 10;
/// Size limit of one step summary (1 MiB); vigil stays below it.
pub const MAX_STEP_SUMMARY_BYTES: usize = 1024 * 1024 - 1024;

/// Escape a workflow-command message (`%`, CR, LF), as `actions/toolkit` does.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value (also `:` and `,`).
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One annotation line (without the newline).
#[must_use]
pub fn annotation(f: &Finding, title: &str) -> String {
    let l = &f.location;
    let mut props = format!("file={}", escape_property(&l.path));
    let _ = write!(props, ",line={}", l.start.line.max(1));
    let end_line = l.end.line.max(l.start.line).max(1);
    let _ = write!(props, ",endLine={end_line}");
    // Columns only mean something to GitHub on a one-line annotation.
    if end_line == l.start.line.max(1) {
        let _ = write!(props, ",col={}", l.start.column.max(1));
        let _ = write!(
            props,
            ",endColumn={}",
            l.end.column.max(l.start.column).max(1)
        );
    }
    let _ = write!(props, ",title={}", escape_property(title));
    format!(
        "::{} {props}::{}",
        command(f.severity),
        escape_data(&f.message)
    )
}

fn title_of(report: &ScanReport, f: &Finding) -> String {
    match report.rules.iter().find(|r| r.id == f.rule_id) {
        Some(r) => format!("{} ({})", r.meta.name, r.id),
        None => format!("vigil ({})", f.rule_id),
    }
}

/// Render `report` as workflow-command annotations.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, _opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut omitted = 0usize;
    for level in [Severity::Error, Severity::Warning, Severity::Note] {
        let of_level: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == level)
            .collect();
        // Keep one notice slot for the closing "more findings" notice.
        let cap = if level == Severity::Note {
            MAX_PER_LEVEL - 1
        } else {
            MAX_PER_LEVEL
        };
        for f in of_level.iter().take(cap) {
            writeln!(out, "{}", annotation(f, &title_of(report, f)))?;
        }
        omitted += of_level.len().saturating_sub(cap);
    }
    if omitted > 0 {
        writeln!(
            out,
            "::notice title=vigil::{}",
            escape_data(&format!(
                "{omitted} more finding(s) not annotated (GitHub shows {MAX_PER_LEVEL} per level and step); see the job summary or the SARIF upload"
            ))
        )?;
    }
    for n in &report.notifications {
        if n.level == vigil_core::NotificationLevel::Error {
            let file = n
                .path
                .as_deref()
                .map(|p| format!(" file={},", escape_property(p)))
                .unwrap_or_else(|| " ".to_owned());
            writeln!(
                out,
                "::warning{file}title=vigil {}::{}",
                escape_property(&n.kind),
                escape_data(&n.message)
            )?;
        }
    }
    Ok(())
}

/// The step-summary file from `GITHUB_STEP_SUMMARY`, when set.
#[must_use]
pub fn step_summary_path() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The job summary markdown (full findings table), cut to stay under GitHub's 1 MiB.
#[must_use]
pub fn step_summary(report: &ScanReport, md: &MarkdownOptions) -> String {
    let mut s = markdown::summary(report, &report.findings, md);
    if s.len() > MAX_STEP_SUMMARY_BYTES {
        let mut cut = MAX_STEP_SUMMARY_BYTES;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("\n\n… (summary cut at GitHub's 1 MiB limit)\n");
    }
    s
}

/// Append the job summary to `path`.
///
/// # Errors
/// Any error opening or writing the file.
pub fn append_step_summary(
    path: &Path,
    report: &ScanReport,
    md: &MarkdownOptions,
) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(step_summary(report, md).as_bytes())
}

/// Append the job summary to the file named by `GITHUB_STEP_SUMMARY`, with links from the Actions
/// environment. Returns whether a summary was written (false outside GitHub Actions).
///
/// # Errors
/// Any error opening or writing the file.
pub fn write_step_summary(report: &ScanReport) -> io::Result<bool> {
    match step_summary_path() {
        Some(path) => {
            append_step_summary(&path, report, &MarkdownOptions::from_env())?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// What `--format github` does in one call: the annotations to `out`, and the job summary appended to
/// `$GITHUB_STEP_SUMMARY` when set. Returns whether a summary was written.
///
/// # Errors
/// Any write error of `out` or of the summary file.
pub fn render_with_summary(
    report: &ScanReport,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<bool> {
    render(report, opts, out)?;
    write_step_summary(report)
}
