//! The `rdjson` / `rdjsonl` output formats: reviewdog's Diagnostic format.
//!
//! `rdjson` is one `DiagnosticResult` (`{source, severity, diagnostics[]}`); `rdjsonl` is one
//! `Diagnostic` per line. Lines and columns are 1-based, **columns count UTF-8 bytes**, `end` is
//! exclusive. Fixes become `suggestions` (`{range, text}`). Source:
//! <https://github.com/reviewdog/reviewdog/blob/master/proto/rdf/reviewdog.proto>

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{json, Value};
use vigil_core::{Finding, LineIndex, Location, ScanReport, Severity, TextRange};

use crate::RenderOptions;

/// reviewdog severity of a vigil severity.
#[must_use]
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Note => "INFO",
    }
}

struct Sources<'a> {
    report: &'a ScanReport,
    indexes: BTreeMap<Arc<str>, LineIndex>,
}

impl Sources<'_> {
    /// 1-based line and UTF-8 byte column of `offset` in `path`, if the text is known.
    fn pos(&mut self, path: &Arc<str>, offset: u32) -> Option<(u32, u32)> {
        let text = self.report.sources.get(path)?;
        let idx = self
            .indexes
            .entry(path.clone())
            .or_insert_with(|| LineIndex::new(text));
        let lc = idx.line_col(text, offset);
        let line_start = idx.offset_of_line(lc.line);
        Some((
            lc.line,
            offset
                .min(u32::try_from(text.len()).unwrap_or(u32::MAX))
                .saturating_sub(line_start)
                + 1,
        ))
    }

    fn range(&mut self, path: &Arc<str>, r: TextRange) -> Option<Value> {
        let (sl, sc) = self.pos(path, r.start)?;
        let (el, ec) = self.pos(path, r.end)?;
        Some(json!({ "start": { "line": sl, "column": sc }, "end": { "line": el, "column": ec } }))
    }

    fn location(&mut self, loc: &Location) -> Value {
        let range = self.range(&loc.path, loc.range).unwrap_or_else(|| {
            // Without the text, fall back to character columns.
            json!({
                "start": { "line": loc.start.line.max(1), "column": loc.start.column.max(1) },
                "end": { "line": loc.end.line.max(1), "column": loc.end.column.max(1) },
            })
        });
        json!({ "path": loc.path.as_ref(), "range": range })
    }
}

fn source() -> Value {
    json!({ "name": "vigil", "url": crate::sarif::INFORMATION_URI })
}

fn diagnostic(f: &Finding, report: &ScanReport, src: &mut Sources<'_>) -> Value {
    let mut d = json!({
        "message": f.message,
        "location": src.location(&f.location),
        "severity": severity(f.severity),
        "source": source(),
    });
    let code = match report.rules.iter().find(|r| r.id == f.rule_id) {
        Some(r) => json!({ "value": f.rule_id.as_ref(), "url": r.help_uri() }),
        None => json!({ "value": f.rule_id.as_ref() }),
    };
    let Some(obj) = d.as_object_mut() else {
        return d;
    };
    obj.insert("code".into(), code);
    if let Some(fix) = &f.fix {
        let suggestions: Option<Vec<Value>> = fix
            .edits
            .iter()
            .map(|e| {
                src.range(&f.location.path, e.range)
                    .map(|range| json!({ "range": range, "text": e.replacement }))
            })
            .collect();
        if let Some(s) = suggestions.filter(|s| !s.is_empty()) {
            obj.insert("suggestions".into(), Value::Array(s));
        }
    }
    if !f.related.is_empty() {
        let rel: Vec<Value> = f
            .related
            .iter()
            .map(|r| json!({ "message": r.message, "location": src.location(&r.location) }))
            .collect();
        obj.insert("related_locations".into(), Value::Array(rel));
    }
    d
}

/// The diagnostics of `report`.
#[must_use]
pub fn diagnostics(report: &ScanReport) -> Vec<Value> {
    let mut src = Sources {
        report,
        indexes: BTreeMap::new(),
    };
    report
        .findings
        .iter()
        .map(|f| diagnostic(f, report, &mut src))
        .collect()
}

/// Render `report` as one rdjson `DiagnosticResult`.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, _opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let doc = json!({
        "source": source(),
        "diagnostics": diagnostics(report),
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Render `report` as rdjsonl (one diagnostic per line).
///
/// # Errors
/// Any write error of `out`.
pub fn render_lines(
    report: &ScanReport,
    _opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diagnostics(report) {
        serde_json::to_writer(&mut *out, &d).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
