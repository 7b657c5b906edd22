//! The `json` output format: a stable, documented shape for scripts.
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": { "name": "vigil", "version": "0.1.0" },
//!   "summary": { "files_scanned": 12, "findings": 3, "error": 1, "warning": 2, "note": 0,
//!                "suppressed": 1, "notifications": 1 },
//!   "findings": [
//!     {
//!       "location": { "path": "src/A.java",
//!                     "range": { "start": 120, "end": 135 },
//!                     "start": { "line": 7, "column": 9, "column_utf16": 9 },
//!                     "end":   { "line": 7, "column": 24, "column_utf16": 24 } },
//!       "rule_id": "java/weak-hash", "severity": "warning",
//!       "message": "…",
//!       "related": [ { "location": {…}, "message": "…" } ],   // omitted when empty
//!       "flow": [ { "location": {…}, "message": "…" } ],      // omitted when empty
//!       "fix": { "description": "…", "edits": [ { "range": {…}, "replacement": "…" } ],
//!                "applicability": "safe" },                  // omitted when absent
//!       "fingerprint": "9c1f…", "line_hash": "5e3a…:1",
//!       "category": "security", "help_uri": "https://…"
//!     }
//!   ],
//!   "suppressed": [ … ],          // only with RenderOptions::include_suppressed
//!   "notifications": [ { "level": "warning", "kind": "binary", "path": "x.py", "message": "…" } ]
//! }
//! ```
//!
//! Positions: `range` is in bytes, `line`/`column` are 1-based (`column` in characters,
//! `column_utf16` in UTF-16 code units), `end` is exclusive. Findings are sorted by path, position and
//! rule; the output is byte-identical across runs and thread counts (no timestamps, no absolute paths).
//! Version 1 only ever gains fields.

use std::io::{self, Write};

use serde::Serialize;
use vigil_core::{Finding, Notification, ScanReport, Severity};

use crate::RenderOptions;

/// Version of the JSON shape.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    findings: usize,
    error: usize,
    warning: usize,
    note: usize,
    suppressed: usize,
    notifications: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Vec<JsonFinding<'a>>>,
    notifications: &'a [Notification],
}

fn with_rule<'a>(report: &ScanReport, f: &'a Finding) -> JsonFinding<'a> {
    let rule = report
        .rules
        .binary_search_by(|r| r.id.as_ref().cmp(&f.rule_id))
        .ok()
        .and_then(|i| report.rules.get(i));
    JsonFinding {
        finding: f,
        category: rule.map(|r| r.category().as_str()),
        help_uri: rule.filter(|r| r.builtin).map(|r| r.help_uri()),
    }
}

/// Render `report` as json.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let output = Output {
        version: JSON_VERSION,
        tool: Tool {
            name: "vigil",
            version: &opts.tool_version,
        },
        summary: Summary {
            files_scanned: report.files_scanned,
            findings: report.findings.len(),
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            note: count(Severity::Note),
            suppressed: report.suppressed.len(),
            notifications: report.notifications.len(),
        },
        findings: report
            .findings
            .iter()
            .map(|f| with_rule(report, f))
            .collect(),
        suppressed: opts.include_suppressed.then(|| {
            report
                .suppressed
                .iter()
                .map(|f| with_rule(report, f))
                .collect()
        }),
        notifications: &report.notifications,
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_shape() {
        let mut report = crate::text::tests::sample();
        report.findings.sort();
        let opts = RenderOptions {
            tool_version: "0.0.0-test".into(),
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render(&report, &opts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["summary"]["findings"], 2);
        assert_eq!(v["summary"]["error"], 1);
        assert_eq!(v["findings"][1]["category"], "security");
        assert_eq!(v["findings"][1]["flow"].as_array().unwrap().len(), 2);
        assert!(v.get("suppressed").is_none());
        insta::assert_snapshot!(text);
    }
}
