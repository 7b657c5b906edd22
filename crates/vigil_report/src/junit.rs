//! The `junit` output format: JUnit XML for CI test tabs (GitLab, Jenkins, Azure, CircleCI).
//!
//! One `<testsuite>` per rule that ran (named by the rule id); a rule without findings has one
//! passing `<testcase>`, otherwise every finding is a `<testcase>` (`classname` = rule id, `name` =
//! `path:line:column`, `file`, `line`) with a `<failure>` (`message` = the finding's message, `type` =
//! its severity). Notifications go to the `<system-err>` of a last suite, `vigil/notifications`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use vigil_core::{Finding, ScanReport};

use crate::RenderOptions;

/// Escape text for XML 1.0 content and attribute values. Characters XML 1.0 cannot hold (most C0
/// controls, U+FFFE, U+FFFF) become `?`.
#[must_use]
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// Render `report` as JUnit XML.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, _opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for r in &report.rules {
        by_rule.entry(r.id.as_ref()).or_default();
    }
    for f in &report.findings {
        by_rule.entry(f.rule_id.as_ref()).or_default().push(f);
    }
    let failures = report.findings.len();
    let tests: usize = by_rule.values().map(|v| v.len().max(1)).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"vigil\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for (rule, findings) in &by_rule {
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            escape_xml(rule),
            findings.len().max(1),
            findings.len()
        );
        if findings.is_empty() {
            let _ = writeln!(
                s,
                "    <testcase classname=\"{0}\" name=\"{0}\"/>",
                escape_xml(rule)
            );
        }
        for f in findings {
            let l = &f.location;
            let name = format!("{}:{}:{}", l.path, l.start.line, l.start.column);
            let _ = writeln!(
                s,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">",
                escape_xml(rule),
                escape_xml(&name),
                escape_xml(&l.path),
                l.start.line
            );
            let mut body = format!("{}: {} [{}]\n{name}", f.severity, f.message, f.rule_id);
            for step in &f.flow {
                let _ = write!(
                    body,
                    "\n  {}:{}: {}",
                    step.location.path, step.location.start.line, step.message
                );
            }
            let _ = writeln!(
                s,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape_xml(&f.message),
                f.severity,
                escape_xml(&body)
            );
            s.push_str("    </testcase>\n");
        }
        s.push_str("  </testsuite>\n");
    }
    if !report.notifications.is_empty() {
        let mut err = String::new();
        for n in &report.notifications {
            let _ = writeln!(
                err,
                "{:?} {}{}: {}",
                n.level,
                n.kind,
                n.path
                    .as_deref()
                    .map(|p| format!(" {p}"))
                    .unwrap_or_default(),
                n.message
            );
        }
        let _ = writeln!(
            s,
            "  <testsuite name=\"vigil/notifications\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <system-err>{}</system-err>\n  </testsuite>",
            escape_xml(&err)
        );
    }
    s.push_str("</testsuites>\n");
    out.write_all(s.as_bytes())
}
