//! The `markdown` output format: a pull-request-comment style summary (counts by severity, a table of
//! findings with links to the code and the rule docs). Also the GitHub job summary
//! ([`crate::github::write_step_summary`]) and the body of `vigil review`'s summary comment.

use std::collections::BTreeMap;
use std::io::{self, Write};

use vigil_core::{Finding, Rule, ScanReport, Severity};

use crate::RenderOptions;

/// Rows of the findings table before the rest is summarized as "and N more".
pub const DEFAULT_MAX_ROWS: usize = 200;

/// How the markdown links findings to code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Base URL of files at the scanned commit, e.g. `https://github.com/o/r/blob/SHA`; locations
    /// link to `{base}/{path}#L{line}`. `None`: locations are plain text.
    pub link_base: Option<String>,
    /// Title line (default `vigil`).
    pub title: Option<String>,
    /// Maximum table rows (0 = [`DEFAULT_MAX_ROWS`]).
    pub max_rows: usize,
}

impl MarkdownOptions {
    /// Links to the blob of the current commit from the GitHub Actions environment
    /// (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_SHA`), when set.
    #[must_use]
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let link_base = match (
            var("GITHUB_SERVER_URL"),
            var("GITHUB_REPOSITORY"),
            var("GITHUB_SHA"),
        ) {
            (Some(server), Some(repo), Some(sha)) => Some(format!(
                "{}/{repo}/blob/{sha}",
                server.trim_end_matches('/')
            )),
            _ => None,
        };
        Self {
            link_base,
            ..Self::default()
        }
    }
}

/// Render `report` as markdown, linking locations from the GitHub Actions environment if present.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, opts, &MarkdownOptions::from_env(), out)
}

/// Render `report` as markdown with explicit link options.
///
/// # Errors
/// Any write error of `out`.
pub fn render_with(
    report: &ScanReport,
    _opts: &RenderOptions,
    md: &MarkdownOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(summary(report, &report.findings, md).as_bytes())
}

/// Counts of findings by severity (error, warning, note).
#[must_use]
pub fn counts(findings: &[Finding]) -> [usize; 3] {
    let mut c = [0; 3];
    for f in findings {
        match f.severity {
            Severity::Error => c[0] += 1,
            Severity::Warning => c[1] += 1,
            Severity::Note => c[2] += 1,
        }
    }
    c
}

/// Emoji-free severity badge text.
#[must_use]
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "**error**",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Escape text for a markdown table cell: newlines and pipes always; outside `code spans` also
/// HTML and emphasis characters (inside them GitHub shows text literally, so they stay as they are).
#[must_use]
pub fn escape_cell(s: &str) -> String {
    let balanced = s.matches('`').count().is_multiple_of(2);
    let mut in_code = false;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '`' if balanced => {
                in_code = !in_code;
                out.push(c);
            }
            _ if in_code => out.push(c),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Link to a location (`path:line`), or plain text without a link base.
#[must_use]
pub fn location_link(f: &Finding, md: &MarkdownOptions) -> String {
    let text = format!("{}:{}", f.location.path, f.location.start.line);
    match &md.link_base {
        Some(base) => {
            let mut anchor = format!("#L{}", f.location.start.line);
            if f.location.end.line > f.location.start.line {
                anchor.push_str(&format!("-L{}", f.location.end.line));
            }
            format!(
                "[{}]({}/{}{anchor})",
                escape_cell(&text),
                base.trim_end_matches('/'),
                crate::sarif::path_uri(&f.location.path)
            )
        }
        None => format!("`{}`", text.replace('`', "'")),
    }
}

fn rule_link(id: &str, rules: &BTreeMap<&str, &Rule>) -> String {
    match rules.get(id) {
        Some(r) => format!("[`{id}`]({})", r.help_uri()),
        None => format!("`{id}`"),
    }
}

/// The markdown summary of `findings` (a subset of `report.findings`, e.g. those outside a diff).
#[must_use]
pub fn summary(report: &ScanReport, findings: &[Finding], md: &MarkdownOptions) -> String {
    let rules: BTreeMap<&str, &Rule> = report
        .rules
        .iter()
        .map(|r| (r.id.as_ref(), r.as_ref()))
        .collect();
    let title = md.title.as_deref().unwrap_or("vigil");
    let [e, w, n] = counts(findings);
    let total = e + w + n;
    let mut s = format!("## {title}\n\n");
    if total == 0 {
        s.push_str(&format!(
            "No findings in {} file(s) scanned with {} rule(s).\n",
            report.files_scanned,
            report.rules.len()
        ));
    } else {
        s.push_str(&format!(
            "**{total} finding(s)** in {} file(s) scanned with {} rule(s).\n\n",
            report.files_scanned,
            report.rules.len()
        ));
        s.push_str("| Severity | Count |\n|---|---:|\n");
        s.push_str(&format!(
            "| error | {e} |\n| warning | {w} |\n| note | {n} |\n\n"
        ));
        let mut sorted: Vec<&Finding> = findings.iter().collect();
        sorted.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.cmp(b)));
        let max = if md.max_rows == 0 {
            DEFAULT_MAX_ROWS
        } else {
            md.max_rows
        };
        s.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
        for f in sorted.iter().take(max) {
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                severity_label(f.severity),
                rule_link(&f.rule_id, &rules),
                location_link(f, md),
                escape_cell(&f.message)
            ));
        }
        if sorted.len() > max {
            s.push_str(&format!(
                "\n… and {} more finding(s) not listed.\n",
                sorted.len() - max
            ));
        }
    }
    if !report.suppressed.is_empty() {
        s.push_str(&format!(
            "\n{} finding(s) suppressed (comments or baseline).\n",
            report.suppressed.len()
        ));
    }
    if !report.notifications.is_empty() {
        s.push_str(&format!(
            "\n<details><summary>{} notice(s) about the run</summary>\n\n",
            report.notifications.len()
        ));
        for note in &report.notifications {
            let path = note
                .path
                .as_deref()
                .map(|p| format!("`{}`: ", p.replace('`', "'")))
                .unwrap_or_default();
            s.push_str(&format!(
                "- {path}{} ({})\n",
                escape_cell(&note.message),
                escape_cell(&note.kind)
            ));
        }
        s.push_str("\n</details>\n");
    }
    s
}
