//! The `sarif` output format: SARIF 2.1.0 as GitHub code scanning ingests it.
//!
//! One run; `tool.driver.rules` holds every rule that ran (sorted by id) with help generated from the
//! rule file; results carry `ruleId` + `ruleIndex`, relative URIs under `%SRCROOT%`, regions in UTF-16
//! code units (`endColumn` exclusive), `codeFlows` for flow paths, `partialFingerprints`
//! (`primaryLocationLineHash` and vigil's own `vigil/v1`), and fixes. Suppressed findings are left
//! out unless [`RenderOptions::include_suppressed`] is set, in which case *every* result carries a
//! `suppressions` array (empty when not suppressed), as SARIF requires. GitHub's limits are applied
//! ([`crate::limits`]); every cut becomes a tool execution notification.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, CodeFlow, Fix as SarifFix, Invocation,
    Location as SarifLocation, Message, MultiformatMessageString,
    Notification as SarifNotification, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, ReportingDescriptorReference,
    Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif, Suppression, ThreadFlow,
    ThreadFlowLocation, Tool, ToolComponent,
};
use vigil_core::{
    FileKind, Finding, LineIndex, Location, Notification, NotificationLevel, Rule, ScanReport,
    Severity, TextRange,
};

use crate::{limits, RenderOptions};

/// `$schema` of the logs vigil writes (the URL GitHub's docs use).
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// `tool.driver.informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/vigil-dev/vigil";
/// The base id every result URI is relative to.
pub const SRCROOT: &str = "%SRCROOT%";
/// vigil's own key in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "vigil/v1";
/// GitHub's key in `partialFingerprints`.
pub const LINE_HASH_KEY: &str = "primaryLocationLineHash";
/// Default `automationDetails.id`.
pub const DEFAULT_CATEGORY: &str = "vigil/";

/// Render `report` as a SARIF 2.1.0 log (pretty JSON, one trailing newline).
///
/// # Errors
/// Any write error of `out`.
pub fn render(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let log = to_sarif(report, opts);
    write_log(&log, out)
}

/// Write a SARIF log as pretty JSON with a trailing newline.
///
/// # Errors
/// Any write error of `out`.
pub fn write_log(log: &Sarif, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, log).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// The SARIF log of `report` (GitHub's limits applied).
#[must_use]
pub fn to_sarif(report: &ScanReport, opts: &RenderOptions) -> Sarif {
    let rules: Vec<ReportingDescriptor> = report.rules.iter().map(|r| rule_descriptor(r)).collect();
    let mut index: BTreeMap<Arc<str>, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut rules = rules;
    // A finding of a rule missing from `report.rules` still needs a descriptor (GitHub filters by rule).
    let mut all: Vec<(&Finding, bool)> = report.findings.iter().map(|f| (f, false)).collect();
    if opts.include_suppressed {
        all.extend(report.suppressed.iter().map(|f| (f, true)));
        all.sort();
    }
    for (f, _) in &all {
        if !index.contains_key(&f.rule_id) {
            index.insert(f.rule_id.clone(), rules.len());
            rules.push(placeholder_descriptor(&f.rule_id));
        }
    }

    let mut indexes = SourceIndexes::default();
    let mut results: Vec<SarifResult> = all
        .iter()
        .map(|(f, suppressed)| {
            let rule_index = index.get(&f.rule_id).copied();
            let suppressions = opts.include_suppressed.then_some(*suppressed);
            to_result(f, rule_index, suppressions, report, &mut indexes)
        })
        .collect();
    results.sort_by_cached_key(result_sort_key);

    let driver = ToolComponent::builder()
        .name("vigil")
        .semantic_version(tool_version(opts))
        .information_uri(INFORMATION_URI)
        .rules(rules)
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("utf16CodeUnits"))
        .automation_details(
            RunAutomationDetails::builder()
                .id(normalize_category(opts.category.as_deref()))
                .build(),
        )
        .build();
    if let Some(base) = root_uri(&report.root) {
        let mut bases = BTreeMap::new();
        bases.insert(
            SRCROOT.to_owned(),
            ArtifactLocation::builder().uri(base).build(),
        );
        run.original_uri_base_ids = Some(bases);
    }

    let mut notifications: Vec<SarifNotification> =
        report.notifications.iter().map(to_notification).collect();
    for note in limits::apply(&mut run) {
        notifications.push(
            SarifNotification::builder()
                .message(Message::builder().text(note).build())
                .level(json!("warning"))
                .descriptor(ReportingDescriptorReference::builder().id("limits").build())
                .build(),
        );
    }
    notifications.sort_by_cached_key(notification_sort_key);
    run.invocations = Some(vec![Invocation::builder()
        .execution_successful(true)
        .tool_execution_notifications(notifications)
        .build()]);

    Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn tool_version(opts: &RenderOptions) -> String {
    if opts.tool_version.is_empty() {
        env!("CARGO_PKG_VERSION").to_owned()
    } else {
        opts.tool_version.clone()
    }
}

/// `automationDetails.id` in GitHub's `category/` form: `None` → `vigil/`; a value without `/` gets one
/// appended (otherwise GitHub reads the whole value as a run id and the category is empty).
#[must_use]
pub fn normalize_category(category: Option<&str>) -> String {
    match category.map(str::trim) {
        None | Some("") => DEFAULT_CATEGORY.to_owned(),
        Some(c) if c.contains('/') => c.to_owned(),
        Some(c) => format!("{c}/"),
    }
}

/// The sort key of a result: location, then rule, then message (used by `render` and `merge` alike,
/// so merging shards gives the same order as one unsharded scan).
#[must_use]
pub fn result_sort_key(r: &SarifResult) -> (String, [i64; 4], String, String, String) {
    let pl = r
        .locations
        .as_ref()
        .and_then(|l| l.first())
        .and_then(|l| l.physical_location.as_ref());
    let uri = pl
        .and_then(|p| p.artifact_location.as_ref())
        .and_then(|a| a.uri.clone())
        .unwrap_or_default();
    let region = pl.and_then(|p| p.region.as_ref());
    let pos = [
        region.and_then(|g| g.start_line).unwrap_or(0),
        region.and_then(|g| g.start_column).unwrap_or(0),
        region.and_then(|g| g.end_line).unwrap_or(0),
        region.and_then(|g| g.end_column).unwrap_or(0),
    ];
    let fp = r
        .partial_fingerprints
        .as_ref()
        .and_then(|p| p.get(FINGERPRINT_KEY).cloned())
        .unwrap_or_default();
    (
        uri,
        pos,
        r.rule_id.clone().unwrap_or_default(),
        r.message.text.clone().unwrap_or_default(),
        fp,
    )
}

/// The sort key of a notification: file, kind, message.
#[must_use]
pub fn notification_sort_key(n: &SarifNotification) -> (String, String, String) {
    let uri = n
        .locations
        .as_ref()
        .and_then(|l| l.first())
        .and_then(|l| l.physical_location.as_ref())
        .and_then(|p| p.artifact_location.as_ref())
        .and_then(|a| a.uri.clone())
        .unwrap_or_default();
    let kind = n
        .descriptor
        .as_ref()
        .and_then(|d| d.id.clone())
        .unwrap_or_default();
    (uri, kind, n.message.text.clone().unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// rules

/// SARIF `level` of a severity.
#[must_use]
pub fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Note => ResultLevel::Note,
    }
}

fn level_str(severity: Severity) -> &'static str {
    severity.as_str()
}

/// Whether GitHub should treat the rule as a security rule (it has a `security-severity`).
#[must_use]
pub fn is_security(rule: &Rule) -> bool {
    rule.meta.security_severity.is_some()
}

/// The rule's tags: category, `security` for security rules, `external/cwe/cwe-NNN` (CodeQL's
/// spelling), then the rule file's own tags; no duplicates.
#[must_use]
pub fn rule_tags(rule: &Rule) -> Vec<String> {
    let mut tags: Vec<String> = vec![rule.category().as_str().to_owned()];
    if is_security(rule) {
        tags.push("security".to_owned());
    }
    tags.extend(
        rule.meta
            .cwe
            .iter()
            .map(|c| format!("external/cwe/cwe-{c:03}")),
    );
    tags.extend(rule.meta.tags.iter().cloned());
    let mut seen = std::collections::BTreeSet::new();
    tags.retain(|t| !t.trim().is_empty() && seen.insert(t.clone()));
    tags
}

/// Markdown code-fence language of a file kind.
#[must_use]
pub fn fence_language(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Java => "java",
        FileKind::Python => "python",
        FileKind::Buildspec | FileKind::Appspec | FileKind::Openapi => "yaml",
    }
}

/// A fenced code block that survives backticks inside `code`.
#[must_use]
pub fn fenced(code: &str, lang: &str) -> String {
    let mut fence = "```".to_owned();
    while code.contains(&fence) {
        fence.push('`');
    }
    format!("{fence}{lang}\n{}\n{fence}", code.trim_end_matches('\n'))
}

/// Plain-text help of a rule: description, examples, fix, limitations, references.
#[must_use]
pub fn help_text(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut s = format!(
        "{}\n\n{}\n",
        m.short_description.trim(),
        m.description.trim()
    );
    s.push_str(&format!(
        "\nNoncompliant example:\n\n{}\n",
        indent(&m.noncompliant)
    ));
    s.push_str(&format!(
        "\nCompliant example:\n\n{}\n",
        indent(&m.compliant)
    ));
    if let Some(fix) = &m.fix {
        s.push_str(&format!("\nFix: {}\n", fix.trim()));
    }
    if !m.references.is_empty() {
        s.push_str("\nReferences:\n");
        for r in &m.references {
            s.push_str(&format!("- {}\n", r.trim()));
        }
    }
    s.push_str(&format!("\nDocumentation: {}\n", rule.help_uri()));
    s
}

fn indent(code: &str) -> String {
    code.trim_end_matches('\n')
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Markdown help of a rule (what GitHub shows on the alert page).
#[must_use]
pub fn help_markdown(rule: &Rule) -> String {
    let m = &rule.meta;
    let lang = fence_language(rule.kind);
    let mut s = format!(
        "# {}\n\n{}\n\n",
        m.short_description.trim(),
        m.description.trim()
    );
    s.push_str(&format!(
        "## Noncompliant\n\n{}\n\n",
        fenced(&m.noncompliant, lang)
    ));
    s.push_str(&format!(
        "## Compliant\n\n{}\n\n",
        fenced(&m.compliant, lang)
    ));
    if let Some(fix) = &m.fix {
        s.push_str(&format!("## Fix\n\n{}\n\n", fix.trim()));
    }
    if !m.limitations.is_empty() {
        s.push_str("## Limitations\n\n");
        for l in &m.limitations {
            s.push_str(&format!("- {}\n", l.trim()));
        }
        s.push('\n');
    }
    if !m.references.is_empty() {
        s.push_str("## References\n\n");
        for r in &m.references {
            s.push_str(&format!("- {}\n", r.trim()));
        }
        s.push('\n');
    }
    let mut meta = format!(
        "Rule `{}` · category `{}` · severity `{}` · precision `{}`",
        rule.id,
        m.category,
        m.severity,
        m.precision.as_str()
    );
    if let Some(ss) = m.security_severity {
        meta.push_str(&format!(" · security-severity {}", security_severity(ss)));
    }
    if !m.cwe.is_empty() {
        let cwes: Vec<String> = m
            .cwe
            .iter()
            .map(|c| format!("[CWE-{c}](https://cwe.mitre.org/data/definitions/{c}.html)"))
            .collect();
        meta.push_str(&format!(" · {}", cwes.join(", ")));
    }
    s.push_str(&meta);
    s.push('\n');
    s
}

/// `security-severity` as GitHub wants it: a numeric string with one decimal (`"7.5"`).
#[must_use]
pub fn security_severity(score: f32) -> String {
    format!("{:.1}", score.clamp(0.1, 10.0))
}

/// GitHub's `problem.severity` of a severity.
#[must_use]
pub fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "recommendation",
    }
}

/// Truncate to at most `max` characters (on a char boundary), marking the cut with `…`.
#[must_use]
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The `reportingDescriptor` of a rule.
#[must_use]
pub fn rule_descriptor(rule: &Rule) -> ReportingDescriptor {
    let m = &rule.meta;
    let mut props = BTreeMap::new();
    props.insert("precision".to_owned(), json!(m.precision.as_str()));
    if let Some(ss) = m.security_severity {
        props.insert("security-severity".to_owned(), json!(security_severity(ss)));
    } else {
        props.insert(
            "problem.severity".to_owned(),
            json!(problem_severity(m.severity)),
        );
    }
    ReportingDescriptor::builder()
        .id(rule.id.to_string())
        .name(truncate_chars(&m.name, 255))
        .short_description(
            MultiformatMessageString::builder()
                .text(truncate_chars(m.short_description.trim(), 1024))
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(truncate_chars(m.description.trim(), 1024))
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(help_text(rule))
                .markdown(help_markdown(rule))
                .build(),
        )
        .help_uri(rule.help_uri())
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level_str(m.severity)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(rule_tags(rule))
                .additional_properties(props)
                .build(),
        )
        .build()
}

fn placeholder_descriptor(id: &str) -> ReportingDescriptor {
    let text = format!("Rule {id} (no metadata was loaded for it)");
    ReportingDescriptor::builder()
        .id(id.to_owned())
        .short_description(
            MultiformatMessageString::builder()
                .text(text.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(text.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(text.clone())
                .markdown(text)
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .additional_properties(BTreeMap::from([("precision".to_owned(), json!("medium"))]))
                .build(),
        )
        .build()
}

// ---------------------------------------------------------------------------------------------
// results

/// Line indexes of the files with findings, built on demand (for fix regions).
#[derive(Default)]
struct SourceIndexes {
    map: BTreeMap<Arc<str>, LineIndex>,
}

impl SourceIndexes {
    fn region(&mut self, report: &ScanReport, path: &Arc<str>, range: TextRange) -> Region {
        if let Some(text) = report.sources.get(path) {
            let idx = self
                .map
                .entry(path.clone())
                .or_insert_with(|| LineIndex::new(text));
            let s = idx.line_col(text, range.start);
            let e = idx.line_col(text, range.end);
            Region::builder()
                .start_line(i64::from(s.line))
                .start_column(i64::from(s.column_utf16))
                .end_line(i64::from(e.line))
                .end_column(i64::from(e.column_utf16))
                .build()
        } else {
            Region::builder()
                .byte_offset(i64::from(range.start))
                .byte_length(i64::from(range.len()))
                .build()
        }
    }
}

/// A relative path as a URI reference: forward slashes, no `./`, percent-encoded.
#[must_use]
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    percent_encode(path)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `file:` URI of the scan root, ending in `/` (for `originalUriBaseIds`); `None` for an empty root.
#[must_use]
pub fn root_uri(root: &Path) -> Option<String> {
    if root.as_os_str().is_empty() {
        return None;
    }
    let abs = std::path::absolute(root).ok()?;
    let mut s = abs.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/'); // Windows drive paths: file:///C:/...
    }
    if !s.ends_with('/') {
        s.push('/');
    }
    Some(format!("file://{}", percent_encode(&s)))
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder()
        .uri(path_uri(path))
        .uri_base_id(SRCROOT)
        .build()
}

/// The region of a location (UTF-16 columns, `endColumn` exclusive, never below 1).
#[must_use]
pub fn region(loc: &Location) -> Region {
    let start_line = i64::from(loc.start.line.max(1));
    let start_col = i64::from(loc.start.column_utf16.max(1));
    let mut end_line = i64::from(loc.end.line.max(1)).max(start_line);
    let mut end_col = i64::from(loc.end.column_utf16.max(1));
    if end_line == start_line && end_col < start_col {
        end_col = start_col;
    }
    if loc.end.line == 0 {
        end_line = start_line;
        end_col = start_col;
    }
    Region::builder()
        .start_line(start_line)
        .start_column(start_col)
        .end_line(end_line)
        .end_column(end_col)
        .build()
}

fn physical(loc: &Location) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(artifact(&loc.path))
        .region(region(loc))
        .build()
}

fn sarif_location(loc: &Location, message: Option<&str>, id: Option<i64>) -> SarifLocation {
    let mut l = SarifLocation::builder()
        .physical_location(physical(loc))
        .build();
    l.message = message
        .filter(|m| !m.trim().is_empty())
        .map(|m| Message::builder().text(m.to_owned()).build());
    l.id = id;
    l
}

fn non_empty(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_owned()
    } else {
        s.to_owned()
    }
}

fn to_result(
    f: &Finding,
    rule_index: Option<usize>,
    suppressed: Option<bool>,
    report: &ScanReport,
    indexes: &mut SourceIndexes,
) -> SarifResult {
    let message = non_empty(&f.message, &format!("{} finding", f.rule_id));
    let mut r = SarifResult::builder()
        .message(Message::builder().text(message).build())
        .rule_id(f.rule_id.to_string())
        .level(level(f.severity))
        .locations(vec![sarif_location(&f.location, None, None)])
        .build();
    r.rule_index = rule_index.and_then(|i| i64::try_from(i).ok());
    if !f.related.is_empty() {
        r.related_locations = Some(
            f.related
                .iter()
                .zip(1i64..)
                .map(|(rel, id)| sarif_location(&rel.location, Some(&rel.message), Some(id)))
                .collect(),
        );
    }
    if !f.flow.is_empty() {
        let steps: Vec<ThreadFlowLocation> = f
            .flow
            .iter()
            .map(|s| {
                ThreadFlowLocation::builder()
                    .location(sarif_location(&s.location, Some(&s.message), None))
                    .build()
            })
            .collect();
        r.code_flows = Some(vec![CodeFlow::builder()
            .thread_flows(vec![ThreadFlow::builder().locations(steps).build()])
            .build()]);
    }
    let mut fps = BTreeMap::new();
    if !f.line_hash.is_empty() {
        fps.insert(LINE_HASH_KEY.to_owned(), f.line_hash.clone());
    }
    if !f.fingerprint.is_empty() {
        fps.insert(FINGERPRINT_KEY.to_owned(), f.fingerprint.clone());
    }
    r.partial_fingerprints = Some(fps);
    if let Some(fix) = &f.fix {
        if !fix.edits.is_empty() {
            let replacements: Vec<Replacement> = fix
                .edits
                .iter()
                .map(|e| {
                    Replacement::builder()
                        .deleted_region(indexes.region(report, &f.location.path, e.range))
                        .inserted_content(
                            ArtifactContent::builder()
                                .text(e.replacement.clone())
                                .build(),
                        )
                        .build()
                })
                .collect();
            let change = ArtifactChange::builder()
                .artifact_location(artifact(&f.location.path))
                .replacements(replacements)
                .build();
            let description = non_empty(&fix.description, "Apply the suggested fix");
            r.fixes = Some(vec![SarifFix::builder()
                .description(Message::builder().text(description).build())
                .artifact_changes(vec![change])
                .build()]);
        }
    }
    if let Some(is_suppressed) = suppressed {
        r.suppressions = Some(if is_suppressed {
            vec![Suppression::builder()
                .kind(json!("inSource"))
                .status(json!("accepted"))
                .build()]
        } else {
            Vec::new()
        });
    }
    r
}

fn to_notification(n: &Notification) -> SarifNotification {
    let level = match n.level {
        NotificationLevel::Note => "note",
        NotificationLevel::Warning => "warning",
        NotificationLevel::Error => "error",
    };
    let text = non_empty(&n.message, &n.kind);
    let mut out = SarifNotification::builder()
        .message(Message::builder().text(text).build())
        .level(json!(level))
        .descriptor(
            ReportingDescriptorReference::builder()
                .id(non_empty(&n.kind, "notice"))
                .build(),
        )
        .build();
    if let Some(path) = n.path.as_deref().filter(|p| !p.is_empty()) {
        out.locations = Some(vec![SarifLocation::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(artifact(path))
                    .build(),
            )
            .build()]);
    }
    if let Some(rule) = &n.rule_id {
        out.associated_rule = Some(
            ReportingDescriptorReference::builder()
                .id(rule.clone())
                .build(),
        );
    }
    out
}
