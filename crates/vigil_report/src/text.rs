//! The `text` output format: rustc/ruff-style code frames.
//!
//! ```text
//! error[java/sql-injection]: SQL query built from request parameter `id` reaches `executeQuery`
//!   --> src/App.java:12:9
//!    |
//! 12 |         stmt.executeQuery("SELECT * FROM t WHERE id=" + id);
//!    |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!    |
//!    = note: flow 1/2: src/App.java:10:21: source: `request.getParameter("id")`
//!    = note: flow 2/2: src/App.java:12:9: sink: `executeQuery`
//!    = note: related: src/App.java:3:1: connection opened here
//!    = help: fix: use a PreparedStatement with `?` placeholders
//!    = help: docs: https://github.com/vigil-dev/vigil/blob/main/docs/rules/java/sql-injection.md
//! ```
//!
//! Then the run's notices (skipped files, analyzer failures) and a summary by severity. The elapsed
//! time is not printed here (the binary prints it on stderr), so the output is deterministic.

use std::collections::BTreeSet;
use std::io::{self, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use vigil_core::{Finding, Location, NotificationLevel, ScanReport, Severity};

use crate::RenderOptions;

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

fn at(l: &Location) -> String {
    format!("{}:{}:{}", l.path, l.start.line, l.start.column)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The source lines a finding covers, with the span relative to them; `None` if the text is missing
/// or the range does not fit it.
fn frame<'t>(text: &'t str, f: &Finding) -> Option<(&'t str, usize, std::ops::Range<usize>)> {
    let start = f.location.range.start as usize;
    let end = (f.location.range.end as usize).max(start);
    if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line_end = if text[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    }
    .max(end.min(line_end));
    let source = text.get(line_start..line_end.max(line_start))?;
    let mut span = (start - line_start)..(end - line_start).min(source.len());
    if span.is_empty() {
        // Show a one-character caret for an empty range.
        let next = source[span.start..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        span.end = span.start + next;
    }
    let line_no = text[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
    Some((source, line_no, span))
}

/// Tabs shown as 4 spaces (as rustc does), with the span moved to match, so carets line up with the
/// code whatever the terminal's tab stops (annotate-snippets alone misplaces them after a tab).
fn expand_tabs(source: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    if !source.contains('\t') {
        return (source.to_owned(), span);
    }
    let mut out = String::with_capacity(source.len() + 16);
    let (mut start, mut end) = (span.start, span.end);
    for (i, ch) in source.char_indices() {
        if ch == '\t' {
            if i < span.start {
                start += 3;
            }
            if i < span.end {
                end += 3;
            }
            out.push_str("    ");
        } else {
            out.push(ch);
        }
    }
    (out, start..end)
}

/// Render `report` as text.
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in &report.findings {
        render_finding(report, f, &renderer, out)?;
        writeln!(out)?;
    }
    if opts.quiet {
        return Ok(());
    }
    for n in &report.notifications {
        let lvl = match n.level {
            NotificationLevel::Error => Level::Error,
            NotificationLevel::Warning => Level::Warning,
            NotificationLevel::Note => Level::Note,
        };
        let title = match &n.path {
            Some(p) => format!("{p}: {}", n.message),
            None => n.message.clone(),
        };
        writeln!(out, "{}", renderer.render(lvl.title(&title).id(&n.kind)))?;
    }
    if !report.notifications.is_empty() {
        writeln!(out)?;
    }
    write_summary(report, opts, out)
}

fn render_finding(
    report: &ScanReport,
    f: &Finding,
    renderer: &Renderer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lvl = level(f.severity);
    let n = f.flow.len();
    let mut notes: Vec<String> = f
        .flow
        .iter()
        .enumerate()
        .map(|(i, s)| format!("flow {}/{n}: {}: {}", i + 1, at(&s.location), s.message))
        .collect();
    notes.extend(
        f.related
            .iter()
            .map(|r| format!("related: {}: {}", at(&r.location), r.message)),
    );
    let mut helps: Vec<String> = Vec::new();
    if let Some(fix) = &f.fix {
        helps.push(format!("fix: {}", fix.description));
    }
    if let Some(rule) = report
        .rules
        .binary_search_by(|r| r.id.as_ref().cmp(&f.rule_id))
        .ok()
        .and_then(|i| report.rules.get(i))
        .filter(|r| r.builtin)
    {
        helps.push(format!("docs: {}", rule.help_uri()));
    }
    let mut msg = lvl.title(&f.message).id(&f.rule_id);
    let text = report.sources.get(&f.location.path);
    let framed = text.and_then(|t| frame(t, f)).map(|(source, line, span)| {
        let (source, span) = expand_tabs(source, span);
        (source, line, span)
    });
    match &framed {
        Some((source, line, span)) => {
            msg = msg.snippet(
                Snippet::source(source)
                    .line_start(*line)
                    .origin(&f.location.path)
                    .fold(true)
                    .annotation(Level::Error.span(span.clone())),
            );
        }
        None => notes.insert(0, format!("at {}", at(&f.location))),
    }
    msg = msg.footers(notes.iter().map(|s| Level::Note.title(s)));
    msg = msg.footers(helps.iter().map(|s| Level::Help.title(s)));
    let rendered = renderer.render(msg).to_string();
    writeln!(out, "{rendered}")
}

fn write_summary(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let (e, w, n) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let files: BTreeSet<&str> = report.findings.iter().map(|f| &*f.location.path).collect();
    let scanned = plural(report.files_scanned, "file", "files");
    let bold = anstyle::Style::new().bold();
    let (b, r) = if opts.color {
        (bold.render().to_string(), bold.render_reset().to_string())
    } else {
        (String::new(), String::new())
    };
    if report.findings.is_empty() {
        write!(out, "{b}No findings{r} in {scanned} scanned")?;
    } else {
        let parts: Vec<String> = [
            (e, "error", "errors"),
            (w, "warning", "warnings"),
            (n, "note", "notes"),
        ]
        .iter()
        .filter(|(k, _, _)| *k > 0)
        .map(|(k, one, many)| plural(*k, one, many))
        .collect();
        write!(
            out,
            "{b}Found {}{r} ({}) in {} of {scanned} scanned",
            plural(report.findings.len(), "finding", "findings"),
            parts.join(", "),
            files.len()
        )?;
    }
    if !report.suppressed.is_empty() {
        write!(out, "; {} suppressed", report.suppressed.len())?;
    }
    if !report.notifications.is_empty() {
        write!(
            out,
            "; {}",
            plural(report.notifications.len(), "notice", "notices")
        )?;
    }
    writeln!(out, ".")
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use vigil_core::rule::parse_rule;
    use vigil_core::{
        FileKind, Finding, Fix, FixApplicability, FlowStep, Notification, NotificationLevel,
        Related, ScanReport, SourceFile, TextRange,
    };

    use super::*;

    /// A small report with a flow, a related location, a fix, a multi-byte line and a notice.
    pub(crate) fn sample() -> ScanReport {
        let text = "import os\n\ndef run(cmd):\n    x = cmd  # caf\u{e9}\n    os.system(x)\n";
        let file = SourceFile::new("app.py".into(), "app.py", FileKind::Python, text);
        let at = |needle: &str| {
            let i = text.find(needle).unwrap();
            file.location(TextRange::new(i, i + needle.len()))
        };
        let rule = parse_rule(
            "python/command-injection.yaml",
            "id: python/command-injection\nname: CommandInjection\ncategory: security\nseverity: error\nsecurity-severity: 9.8\ncwe: [78]\nprecision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: taint\n",
            None,
            true,
        )
        .unwrap();
        let mut f = Finding::new(
            "python/command-injection",
            vigil_core::Severity::Error,
            at("os.system(x)"),
            "parameter `cmd` reaches `os.system`",
        )
        .with_flow(vec![
            FlowStep {
                location: at("cmd):"),
                message: "source: parameter `cmd`".into(),
            },
            FlowStep {
                location: at("x = cmd"),
                message: "assigned to `x`".into(),
            },
        ])
        .with_related(vec![Related {
            location: at("import os"),
            message: "`os` imported here".into(),
        }])
        .with_fix(Fix {
            description: "pass an argument list to `subprocess.run`".into(),
            edits: vec![],
            applicability: FixApplicability::DisplayOnly,
        });
        f.fingerprint = "0123456789abcdef".into();
        f.line_hash = "abc:1".into();
        let mut note = Finding::new(
            "python/command-injection",
            vigil_core::Severity::Note,
            at("caf\u{e9}"),
            "a note on a line with `caf\u{e9}`",
        );
        note.fingerprint = "fedcba9876543210".into();
        let mut sources = std::collections::BTreeMap::new();
        sources.insert(file.rel_path.clone(), file.text.clone());
        ScanReport {
            root: "/x".into(),
            findings: vec![note, f],
            suppressed: vec![],
            notifications: vec![Notification::file(
                NotificationLevel::Warning,
                "binary",
                "data.py",
                "skipped: binary file (NUL byte at offset 3)",
            )],
            rules: vec![Arc::new(rule)],
            sources,
            files_scanned: 2,
            elapsed: std::time::Duration::from_millis(5),
        }
    }

    fn render_plain(report: &ScanReport, quiet: bool) -> String {
        let mut out = Vec::new();
        let opts = RenderOptions {
            quiet,
            ..RenderOptions::default()
        };
        render(report, &opts, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn carets_line_up_on_tab_indented_lines() {
        let text = "def f(x):\n\tif x:\n\t\tos.system(x)\n";
        let file = SourceFile::new("t.py".into(), "t.py", FileKind::Python, text);
        let i = text.find("os.system(x)").unwrap();
        let f = Finding::new(
            "python/command-injection",
            vigil_core::Severity::Error,
            file.location(TextRange::new(i, i + "os.system(x)".len())),
            "m",
        );
        let mut report = sample();
        report.findings = vec![f];
        report.sources = [(file.rel_path.clone(), file.text.clone())]
            .into_iter()
            .collect();
        let out = render_plain(&report, true);
        let code = out.lines().find(|l| l.contains("os.system")).unwrap();
        let carets = out.lines().find(|l| l.contains('^')).unwrap();
        let col = |l: &str, pat: char| l.find(pat).unwrap();
        assert_eq!(col(code, 'o'), col(carets, '^'), "{out}");
        assert_eq!(carets.matches('^').count(), "os.system(x)".len(), "{out}");
        assert!(!code.contains('\t'), "{out}");
    }

    #[test]
    fn code_frames_flow_and_summary() {
        let mut report = sample();
        report.findings.sort();
        let text = render_plain(&report, false);
        assert!(
            text.contains("error[python/command-injection]: parameter `cmd` reaches `os.system`")
        );
        assert!(text.contains("--> app.py:5:5"), "{text}");
        assert!(text.contains("flow 2/2: app.py:4:5: assigned to `x`"));
        assert!(
            text.contains("Found 2 findings (1 error, 1 note) in 1 of 2 files scanned; 1 notice."),
            "{text}"
        );
        insta::assert_snapshot!(text);
    }

    #[test]
    fn quiet_prints_findings_only_and_empty_report_says_so() {
        let report = sample();
        let quiet = render_plain(&report, true);
        assert!(!quiet.contains("Found"));
        assert!(!quiet.contains("binary"));
        let empty = ScanReport {
            files_scanned: 1,
            ..ScanReport::default()
        };
        assert_eq!(
            render_plain(&empty, false),
            "No findings in 1 file scanned.\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let report = sample();
        let mut out = Vec::new();
        let opts = RenderOptions {
            color: true,
            ..RenderOptions::default()
        };
        render(&report, &opts, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("\u{1b}["));
        assert!(!render_plain(&report, false).contains('\u{1b}'));
    }
}

#[cfg(test)]
mod frame_tests {
    use vigil_core::{FileKind, Finding, Severity, SourceFile, TextRange};

    use super::frame;

    fn finding(file: &SourceFile, start: usize, end: usize) -> Finding {
        Finding::new(
            "python/x",
            Severity::Warning,
            file.location(TextRange::new(start, end)),
            "m",
        )
    }

    #[test]
    fn multi_line_crlf_empty_and_out_of_range_spans() {
        let text = "a = 1\r\nb = call(\r\n    x)\r\nc = 2\r\n";
        let file = SourceFile::new("f.py".into(), "f.py", FileKind::Python, text);
        let start = text.find("call").unwrap();
        let end = text.find("x)").unwrap() + 2;
        let (src, line, span) = frame(text, &finding(&file, start, end)).unwrap();
        assert_eq!(line, 2);
        assert_eq!(src, "b = call(\r\n    x)");
        assert_eq!(&src[span], "call(\r\n    x)");
        // An empty range gets a one-character caret.
        let (src, _, span) = frame(text, &finding(&file, 0, 0)).unwrap();
        assert_eq!(&src[span], "a");
        // At the very end of the text.
        let (_, _, span) = frame(text, &finding(&file, text.len(), text.len())).unwrap();
        assert!(span.is_empty());
        // Out of range or inside a character: no frame (the location is still printed).
        assert!(frame(text, &finding(&file, 0, text.len() + 5)).is_none());
        let t2 = "é";
        let f2 = SourceFile::new("g.py".into(), "g.py", FileKind::Python, t2);
        assert!(frame(t2, &finding(&f2, 1, 2)).is_none());
    }

    #[test]
    fn odd_spans_render_without_panicking() {
        let text = "a = 1\r\nb = call(\r\n    x)\r\n\tc = 2";
        let file = SourceFile::new("f.py".into(), "f.py", FileKind::Python, text);
        let mut report = vigil_core::ScanReport {
            findings: vec![
                finding(&file, 0, 0),
                finding(&file, text.len(), text.len()),
                finding(&file, 9, 24),
                finding(&file, text.len() - 5, text.len()),
            ],
            files_scanned: 1,
            ..vigil_core::ScanReport::default()
        };
        let mut no_source = finding(&file, 2, 3);
        no_source.location.path = "elsewhere.py".into();
        report.findings.push(no_source);
        report
            .sources
            .insert(file.rel_path.clone(), file.text.clone());
        let mut out = Vec::new();
        super::render(&report, &crate::RenderOptions::default(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("= note: at elsewhere.py:1:3"), "{out}");
        assert!(
            out.contains("Found 5 findings (5 warnings) in 2 of 1 file scanned."),
            "{out}"
        );
    }
}
