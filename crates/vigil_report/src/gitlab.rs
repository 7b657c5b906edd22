//! The `gitlab` output format: a GitLab Code Quality report (a JSON array of Code Climate issues) for
//! `artifacts: reports: codequality:`.
//!
//! GitLab reads `description`, `check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`,
//! `critical`, `blocker`), `location.path` and `location.lines.begin`; the merge-request widget compares
//! reports **by fingerprint**, so it is vigil's stable fingerprint (unique per finding, unchanged by
//! unrelated edits). Source: <https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>

use std::io::{self, Write};

use serde_json::{json, Value};
use vigil_core::{Category, Finding, ScanReport, Severity};

use crate::RenderOptions;

/// Code Quality severity of a finding: error → `critical` (`blocker` for security findings scored
/// 9.0 or more), warning → `major`, note → `minor`.
#[must_use]
pub fn severity(f: &Finding, security_severity: Option<f32>) -> &'static str {
    match f.severity {
        Severity::Error if security_severity.is_some_and(|s| s >= 9.0) => "blocker",
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Note => "minor",
    }
}

/// Code Climate category of a vigil category.
#[must_use]
pub fn climate_category(c: Category) -> &'static str {
    match c {
        Category::Security | Category::ApiHardening | Category::SecurityAudit => "Security",
        Category::ResourceLeak | Category::Concurrency => "Performance",
        Category::Bug | Category::DeploySpec | Category::ApiSpec | Category::AwsBestPractice => {
            "Bug Risk"
        }
        Category::Quality => "Style",
    }
}

/// A fingerprint for findings that have none yet (FNV-1a of rule, path, line and message).
fn fallback_fingerprint(f: &Finding) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        f.rule_id.as_ref(),
        f.location.path.as_ref(),
        &f.location.start.line.to_string(),
        &f.message,
    ] {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The issues of `report`.
#[must_use]
pub fn issues(report: &ScanReport) -> Vec<Value> {
    report
        .findings
        .iter()
        .map(|f| {
            let rule = report.rules.iter().find(|r| r.id == f.rule_id);
            let fingerprint = if f.fingerprint.is_empty() {
                fallback_fingerprint(f)
            } else {
                format!("{}:{}", crate::sarif::FINGERPRINT_KEY, f.fingerprint)
            };
            let mut issue = json!({
                "type": "issue",
                "engine_name": "vigil",
                "check_name": f.rule_id.as_ref(),
                "description": if f.message.trim().is_empty() { f.rule_id.to_string() } else { f.message.clone() },
                "fingerprint": fingerprint,
                "severity": severity(f, rule.and_then(|r| r.meta.security_severity)),
                "location": {
                    "path": f.location.path.as_ref(),
                    "lines": { "begin": f.location.start.line.max(1), "end": f.location.end.line.max(f.location.start.line).max(1) },
                },
            });
            if let (Some(r), Some(obj)) = (rule, issue.as_object_mut()) {
                obj.insert("categories".into(), json!([climate_category(r.category())]));
                obj.insert(
                    "content".into(),
                    json!({ "body": format!("{}\n\n{}", r.meta.short_description.trim(), r.help_uri()) }),
                );
            }
            issue
        })
        .collect()
}

/// Render `report` as a GitLab Code Quality report.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, _opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &issues(report)).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
