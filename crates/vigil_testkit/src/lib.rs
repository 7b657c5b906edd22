//! Fixture annotations and the two-sided matcher.
//!
//! A comment names what must (or must not) be reported on a line:
//!
//! ```text
//! // ruleid: java/sql-injection
//! stmt.executeQuery("SELECT * FROM t WHERE id=" + id);
//! stmt.executeQuery(q); // ok: java/sql-injection -- constant query
//! // ruleid: java/sql-injection @23 "id"      (optional column and message fragment)
//! // todoruleid: java/x -- known miss            (no finding expected yet; one appearing fails)
//! // todook: java/x -- known false positive      (a finding is tolerated; none appearing fails)
//! ```
//!
//! A comment alone on its line applies to the next line that is not itself an annotation; a trailing
//! comment applies to its own line. Several ids may be listed, comma-separated. `#` replaces `//` in
//! Python and YAML. JSON fixtures carry a sidecar `<file>.expect` with one `LINE[:COL] RULE-ID` per
//! expected finding and `ok LINE RULE-ID` for a checked negative.
//!
//! [`compare`] fails on every expected finding that is missing and on every finding no annotation
//! claims; [`Coverage`] tells which rules lack a positive or a negative case.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;
use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, Finding, Rule, RuleSet, SourceFile};

/// What an annotation says about its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExpectKind {
    /// A finding of the rule must be reported here.
    RuleId,
    /// The rule must stay silent here.
    Ok,
    /// Known miss: the rule should report here but does not yet.
    TodoRuleId,
    /// Known false positive: the rule reports here but should not.
    TodoOk,
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub kind: ExpectKind,
    pub rule: String,
    /// 1-based line the annotation applies to.
    pub line: u32,
    /// 1-based column the finding must start at.
    pub column: Option<u32>,
    /// A fragment the finding's message must contain.
    pub message: Option<String>,
    pub reason: Option<String>,
}

fn annotation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"^(todoruleid|todook|ruleid|ok):\s*([A-Za-z0-9_/.\-]+(?:\s*,\s*[A-Za-z0-9_/.\-]+)*)(?:\s+@(\d+))?(?:\s+"([^"]*)")?\s*(?:--\s*(.*))?$"#)
            .expect("the annotation regex is valid")
    })
}

/// Parse one comment body (the text after the comment prefix), if it is an annotation.
fn parse_body(body: &str, line: u32) -> Vec<Expectation> {
    let Some(c) = annotation_re().captures(body.trim()) else {
        return Vec::new();
    };
    let kind = match c.get(1).map(|m| m.as_str()) {
        Some("ruleid") => ExpectKind::RuleId,
        Some("ok") => ExpectKind::Ok,
        Some("todoruleid") => ExpectKind::TodoRuleId,
        _ => ExpectKind::TodoOk,
    };
    let column = c.get(3).and_then(|m| m.as_str().parse().ok());
    let message = c.get(4).map(|m| m.as_str().to_owned());
    let reason = c
        .get(5)
        .map(|m| m.as_str().trim().to_owned())
        .filter(|s| !s.is_empty());
    c.get(2)
        .map(|m| m.as_str())
        .unwrap_or_default()
        .split(',')
        .map(|rule| Expectation {
            kind,
            rule: rule.trim().to_owned(),
            line,
            column,
            message: message.clone(),
            reason: reason.clone(),
        })
        .collect()
}

/// Find the annotation comment on a line: the last occurrence of `prefix` followed by an annotation.
fn comment_on_line<'a>(line: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let mut search = line;
    let mut base = 0;
    let mut found = None;
    while let Some(i) = search.find(prefix) {
        let body = &search[i + prefix.len()..];
        if annotation_re().is_match(body.trim()) {
            found = Some((base + i, body));
        }
        base += i + prefix.len();
        search = &search[i + prefix.len()..];
    }
    found
}

/// All annotations of a source text whose line comments start with `comment_prefix` (`//` or `#`).
#[must_use]
pub fn parse_annotations(text: &str, comment_prefix: &str) -> Vec<Expectation> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut pending: Vec<Expectation> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match comment_on_line(line, comment_prefix) {
            Some((at, body)) if line[..at].trim().is_empty() => {
                // Standalone: applies to the next line that is not an annotation.
                pending.extend(parse_body(body, 0));
            }
            Some((_, body)) => {
                out.extend(parse_body(body, line_no));
                for mut p in pending.drain(..) {
                    p.line = line_no;
                    out.push(p);
                }
            }
            None => {
                for mut p in pending.drain(..) {
                    p.line = line_no;
                    out.push(p);
                }
            }
        }
    }
    out
}

/// Parse a `.expect` sidecar (`LINE[:COL] RULE-ID`, `ok LINE RULE-ID`, `#` comments).
///
/// # Errors
/// A message naming the first malformed line.
pub fn parse_expect_file(text: &str) -> Result<Vec<Expectation>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "line {}: expected `LINE[:COL] RULE-ID` or `ok LINE RULE-ID`, got `{raw}`",
                i + 1
            )
        };
        let mut parts = line.split_whitespace();
        let first = parts.next().ok_or_else(bad)?;
        let (kind, pos) = if first == "ok" {
            (ExpectKind::Ok, parts.next().ok_or_else(bad)?)
        } else {
            (ExpectKind::RuleId, first)
        };
        let rule = parts.next().ok_or_else(bad)?.to_owned();
        let (l, c) = match pos.split_once(':') {
            Some((l, c)) => (l, Some(c.parse().map_err(|_| bad())?)),
            None => (pos, None),
        };
        out.push(Expectation {
            kind,
            rule,
            line: l.parse().map_err(|_| bad())?,
            column: c,
            message: None,
            reason: None,
        });
    }
    Ok(out)
}

/// One disagreement between annotations and findings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mismatch {
    pub path: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

fn claims(e: &Expectation, f: &Finding) -> bool {
    e.rule == f.rule_id.as_ref()
        && e.line == f.location.start.line
        && e.column.is_none_or(|c| c == f.location.start.column)
        && e.message.as_deref().is_none_or(|m| f.message.contains(m))
}

/// Compare the annotations of one file with the findings reported for it. Only findings of rules in
/// `rules_under_test` are checked when it is `Some` (so a fixture of one rule is not disturbed by
/// another rule's findings); `None` checks all.
#[must_use]
pub fn compare(
    path: &str,
    expectations: &[Expectation],
    findings: &[Finding],
    rules_under_test: Option<&BTreeSet<String>>,
) -> Vec<Mismatch> {
    let in_scope = |rule: &str| rules_under_test.is_none_or(|s| s.contains(rule));
    let mut out = Vec::new();
    let mut claimed = vec![false; findings.len()];
    for e in expectations {
        let hits: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| claims(e, f))
            .map(|(i, _)| i)
            .collect();
        // An `ok`/`todoruleid` line is matched on rule and line only: any finding of the rule there counts.
        let any_on_line: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.rule_id.as_ref() == e.rule && f.location.start.line == e.line)
            .map(|(i, _)| i)
            .collect();
        let mis = |message: String| Mismatch {
            path: path.to_owned(),
            line: e.line,
            message,
        };
        match e.kind {
            ExpectKind::RuleId => {
                if hits.is_empty() {
                    let detail = match (
                        &e.column,
                        &e.message,
                        any_on_line.first().and_then(|&i| findings.get(i)),
                    ) {
                        (_, _, Some(f)) => format!(
                            " (found one at column {} with message `{}`)",
                            f.location.start.column, f.message
                        ),
                        _ => String::new(),
                    };
                    out.push(mis(format!("missing finding of `{}`{detail}", e.rule)));
                }
                for i in hits {
                    claimed[i] = true;
                }
            }
            ExpectKind::Ok => {
                for &i in &any_on_line {
                    claimed[i] = true;
                    if let Some(f) = findings.get(i) {
                        out.push(mis(format!(
                            "unexpected finding of `{}` on a line marked ok: {}",
                            e.rule, f.message
                        )));
                    }
                }
            }
            ExpectKind::TodoRuleId => {
                for &i in &any_on_line {
                    claimed[i] = true;
                    out.push(mis(format!(
                        "`{}` now reports here: turn `todoruleid` into `ruleid`",
                        e.rule
                    )));
                }
            }
            ExpectKind::TodoOk => {
                if any_on_line.is_empty() {
                    out.push(mis(format!(
                        "`{}` no longer reports here: turn `todook` into `ok`",
                        e.rule
                    )));
                }
                for &i in &any_on_line {
                    claimed[i] = true;
                }
            }
        }
    }
    for (i, f) in findings.iter().enumerate() {
        if !claimed[i] && in_scope(&f.rule_id) {
            out.push(Mismatch {
                path: path.to_owned(),
                line: f.location.start.line,
                message: format!(
                    "unexpected finding of `{}` (no annotation claims it): {}",
                    f.rule_id, f.message
                ),
            });
        }
    }
    out.sort();
    out
}

/// Positive and negative cases seen per rule.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    positives: BTreeMap<String, usize>,
    negatives: BTreeMap<String, usize>,
}

impl Coverage {
    /// Count the annotations of one file.
    pub fn add(&mut self, expectations: &[Expectation]) {
        for e in expectations {
            let map = match e.kind {
                ExpectKind::RuleId | ExpectKind::TodoRuleId => &mut self.positives,
                ExpectKind::Ok | ExpectKind::TodoOk => &mut self.negatives,
            };
            *map.entry(e.rule.clone()).or_insert(0) += 1;
        }
    }

    /// Rules among `rules` without a `ruleid` case or without an `ok` case, with what is missing.
    #[must_use]
    pub fn gaps<'a>(&self, rules: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out = Vec::new();
        for r in rules {
            if !self.positives.contains_key(r) {
                out.push(format!("{r}: no positive fixture (`ruleid: {r}`)"));
            }
            if !self.negatives.contains_key(r) {
                out.push(format!("{r}: no negative fixture (`ok: {r}`)"));
            }
        }
        out
    }

    /// (positives, negatives) annotated for `rule`.
    #[must_use]
    pub fn counts(&self, rule: &str) -> (usize, usize) {
        (
            self.positives.get(rule).copied().unwrap_or(0),
            self.negatives.get(rule).copied().unwrap_or(0),
        )
    }
}

/// What running a fixture folder gave.
#[derive(Debug, Default)]
pub struct FixtureOutcome {
    pub files: usize,
    pub mismatches: Vec<Mismatch>,
    pub coverage: Coverage,
}

fn fixture_extensions(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Java => &["java"],
        FileKind::Python => &["py"],
        FileKind::Buildspec | FileKind::Appspec | FileKind::Openapi => &["yml", "yaml", "json"],
    }
}

fn collect_files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_files(&p, exts, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            out.push(p);
        }
    }
}

/// Run `analyzer` with every rule of its kind in `rules` enabled over each fixture file below `dir`
/// (by extension: `.java`, `.py`, or `.yml`/`.yaml`/`.json` for spec kinds), through both phases, and
/// compare with the annotations (`.expect` sidecars for JSON). Paths in mismatches are relative to `dir`.
#[must_use]
pub fn check_fixture_dir(dir: &Path, analyzer: &dyn Analyzer, rules: &RuleSet) -> FixtureOutcome {
    let kind = analyzer.kind();
    let mut paths = Vec::new();
    collect_files(dir, fixture_extensions(kind), &mut paths);
    let enabled: Vec<Arc<Rule>> = rules.for_kind(kind).cloned().collect();
    let under_test: BTreeSet<String> = enabled.iter().map(|r| r.id.to_string()).collect();
    let mut outcome = FixtureOutcome::default();
    let mut files = Vec::new();
    for p in paths {
        let rel = p
            .strip_prefix(dir)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read_to_string(&p) {
            Ok(text) => files.push(SourceFile::new(p.clone(), rel.as_str(), kind, text)),
            Err(e) => outcome.mismatches.push(Mismatch {
                path: rel,
                line: 0,
                message: format!("cannot read fixture: {e}"),
            }),
        }
    }
    let summaries: Vec<(Arc<str>, vigil_core::analyzer::Summary)> = files
        .iter()
        .filter_map(|f| analyzer.summarize(f).map(|s| (f.rel_path.clone(), s)))
        .collect();
    let project = analyzer.link(&mut summaries.into_iter());
    let properties = fixture_properties(dir);
    let single_pass = single_pass_findings_with(analyzer, &files, &enabled, dir, Some(&properties));
    for file in &files {
        let expectations = if file.path.extension().is_some_and(|e| e == "json") {
            let sidecar = file.path.with_extension("json.expect");
            match std::fs::read_to_string(&sidecar) {
                Ok(t) => match parse_expect_file(&t) {
                    Ok(e) => e,
                    Err(e) => {
                        outcome.mismatches.push(Mismatch {
                            path: file.rel_path.to_string(),
                            line: 0,
                            message: format!("bad .expect file: {e}"),
                        });
                        continue;
                    }
                },
                Err(_) => Vec::new(),
            }
        } else {
            parse_annotations(&file.text, kind.comment_prefix())
        };
        let ctx = CheckContext {
            rules: &enabled,
            project: project.as_ref(),
            root: dir,
            properties: Some(&properties),
        };
        let mut out = FileOutput::default();
        analyzer.check(file, &ctx, &mut out);
        out.findings.sort();
        // The driver's single-pass protocol must find exactly what the two-phase one finds.
        if let Some(single) = single_pass.get(&file.rel_path) {
            if *single != out.findings {
                let show = |v: &[vigil_core::Finding]| {
                    v.iter()
                        .map(|f| format!("{} {}:{}", f.rule_id, f.location.start.line, f.message))
                        .collect::<Vec<_>>()
                };
                outcome.mismatches.push(Mismatch {
                    path: file.rel_path.to_string(),
                    line: 0,
                    message: format!(
                        "the single-pass protocol differs from the two-phase one: {:?} vs {:?}",
                        show(single),
                        show(&out.findings)
                    ),
                });
            }
        }
        outcome.mismatches.extend(compare(
            &file.rel_path,
            &expectations,
            &out.findings,
            Some(&under_test),
        ));
        outcome.coverage.add(&expectations);
        outcome.files += 1;
    }
    outcome
}

/// A summary as the incremental cache hands it back, when the analyzer encodes summaries: the
/// fixtures' findings then prove the encoding loses nothing. Also checks that the encoding is
/// canonical (a decoded summary encodes to the same bytes: no hash-map order leaks into it).
fn through_cache(
    analyzer: &dyn Analyzer,
    s: vigil_core::analyzer::Summary,
) -> vigil_core::analyzer::Summary {
    let Some(bytes) = analyzer.encode_summary(&s) else {
        return s;
    };
    let Some(back) = analyzer.decode_summary(&bytes) else {
        panic!("a summary the analyzer encoded does not decode");
    };
    assert!(
        analyzer.encode_summary(&back).as_ref() == Some(&bytes),
        "a decoded summary encodes to other bytes (unordered map in the summary?)"
    );
    back
}

/// Linked facts as a later run gets them from the incremental cache: encoded and decoded (when the
/// analyzer can encode them), so every fixture also checks that the cached facts give the same
/// findings.
fn facts_through_cache(
    analyzer: &dyn Analyzer,
    f: vigil_core::ProjectFacts,
) -> vigil_core::ProjectFacts {
    let mut bytes = Vec::new();
    match analyzer.encode_facts(&f, &mut bytes) {
        Ok(true) => {}
        Ok(false) => return f,
        Err(e) => panic!("the facts do not encode: {e}"),
    }
    let Some(back) = analyzer.decode_facts(&bytes) else {
        panic!("facts the analyzer encoded do not decode");
    };
    back
}

/// The findings of each file under the driver's single-pass protocol ([`Analyzer::first_pass`],
/// [`Analyzer::link`], then [`Analyzer::recheck`] or [`Analyzer::check`] where the first pass asks
/// for it), sorted.
#[must_use]
pub fn single_pass_findings(
    analyzer: &dyn Analyzer,
    files: &[SourceFile],
    enabled: &[Arc<Rule>],
    root: &Path,
) -> BTreeMap<Arc<str>, Vec<vigil_core::Finding>> {
    single_pass_findings_with(analyzer, files, enabled, root, None)
}

/// The `.properties` files below `dir`, as a scan collects them (paths relative to `dir`).
#[must_use]
pub fn fixture_properties(dir: &Path) -> vigil_core::properties::ProjectProperties {
    let mut paths = Vec::new();
    collect_files(dir, &["properties"], &mut paths);
    let mut props = vigil_core::properties::ProjectProperties::default();
    for p in paths {
        if let Ok(text) = std::fs::read_to_string(&p) {
            let rel = p
                .strip_prefix(dir)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            props.insert(&rel, &text);
        }
    }
    props
}

/// [`single_pass_findings`] with the project's properties files.
#[must_use]
pub fn single_pass_findings_with(
    analyzer: &dyn Analyzer,
    files: &[SourceFile],
    enabled: &[Arc<Rule>],
    root: &Path,
    properties: Option<&vigil_core::properties::ProjectProperties>,
) -> BTreeMap<Arc<str>, Vec<vigil_core::Finding>> {
    use vigil_core::analyzer::SecondPass;
    let summarize = analyzer.wants_summaries(enabled);
    let ctx = CheckContext {
        rules: enabled,
        project: None,
        root,
        properties,
    };
    let mut firsts = Vec::new();
    let mut summaries = Vec::new();
    for file in files {
        let mut out = FileOutput::default();
        let first = analyzer.first_pass(file, &ctx, summarize, &mut out);
        if let Some(s) = first.summary {
            summaries.push((file.rel_path.clone(), through_cache(analyzer, s)));
        }
        firsts.push((out, first.second));
    }
    let project = if summaries.is_empty() {
        None
    } else {
        analyzer
            .link(&mut summaries.into_iter())
            .map(|f| facts_through_cache(analyzer, f))
    };
    let mut result = BTreeMap::new();
    for (file, (mut out, second)) in files.iter().zip(firsts) {
        let ctx = CheckContext {
            rules: enabled,
            project: project.as_ref(),
            root,
            properties,
        };
        match (second, project.as_ref()) {
            (SecondPass::Full, _) => analyzer.check(file, &ctx, &mut out),
            (SecondPass::IfNeeded, Some(p)) => {
                let scope = analyzer.recheck_analyses(p, &file.rel_path);
                if !scope.is_empty() {
                    vigil_core::analyzer::drop_cross_file_findings(&mut out, enabled, scope);
                    let rules = vigil_core::analyzer::rules_of_analyses(enabled, scope);
                    let ctx = CheckContext {
                        rules: &rules,
                        ..ctx
                    };
                    analyzer.recheck(file, &ctx, &mut out);
                }
            }
            _ => {}
        }
        out.findings.sort();
        result.insert(file.rel_path.clone(), out.findings);
    }
    result
}

/// Every problem of the fixtures below `dir` for `analyzer`'s kind: mismatches, and rules of the kind
/// without a positive or a negative case. Also returns the number of fixture files read.
#[must_use]
pub fn fixture_problems(
    dir: &Path,
    analyzer: &dyn Analyzer,
    rules: &RuleSet,
) -> (usize, Vec<String>) {
    let outcome = check_fixture_dir(dir, analyzer, rules);
    let mut problems: Vec<String> = outcome.mismatches.iter().map(ToString::to_string).collect();
    problems.extend(
        outcome
            .coverage
            .gaps(rules.for_kind(analyzer.kind()).map(|r| r.id.as_ref())),
    );
    (outcome.files, problems)
}

/// Docs examples are fixtures too: each rule's `noncompliant` example (made a whole file by `wrap`)
/// must be flagged by that rule and parse cleanly, its `compliant` example must not be flagged.
#[must_use]
pub fn doc_example_problems(
    analyzer: &dyn Analyzer,
    rules: &RuleSet,
    wrap: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let kind = analyzer.kind();
    let name = format!(
        "doc-example.{}",
        fixture_extensions(kind).first().copied().unwrap_or("txt")
    );
    let run = |rule: &Arc<Rule>, snippet: &str| {
        let file = SourceFile::new(PathBuf::from(&name), name.as_str(), kind, wrap(snippet));
        let enabled = vec![rule.clone()];
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: Path::new("."),
            properties: None,
        };
        let mut out = FileOutput::default();
        analyzer.check(&file, &ctx, &mut out);
        out
    };
    let mut problems = Vec::new();
    for rule in rules.for_kind(kind) {
        for (example, must_flag) in [
            (&rule.meta.noncompliant, true),
            (&rule.meta.compliant, false),
        ] {
            let label = if must_flag {
                "noncompliant"
            } else {
                "compliant"
            };
            let out = run(rule, example);
            let flagged = out.findings.iter().any(|f| f.rule_id == rule.id);
            if must_flag && !flagged {
                problems.push(format!("{}: the `{label}` example is not flagged", rule.id));
            }
            if let (false, Some(f)) = (must_flag, out.findings.first()) {
                problems.push(format!(
                    "{}: the `{label}` example is flagged: {}",
                    rule.id, f.message
                ));
            }
            if !out.notifications.is_empty() {
                problems.push(format!(
                    "{}: the `{label}` example does not parse: {:?}",
                    rule.id, out.notifications
                ));
            }
        }
    }
    problems
}

/// The analysis registry of one front end: every `analysis:` of its kind's rules resolves to an
/// analysis the analyzer implements, and every analysis it implements has a rule file.
#[must_use]
pub fn registry_problems(analyzer: &dyn Analyzer, rules: &RuleSet) -> Vec<String> {
    let kind = analyzer.kind();
    let known = analyzer.analyses();
    let mut problems = Vec::new();
    let mut used = Vec::new();
    for rule in rules.for_kind(kind) {
        if let Some(a) = rule.analysis() {
            used.push(a);
            if !known.contains(&a) {
                problems.push(format!(
                    "{}: `analysis: {a}` is not a {kind} analysis",
                    rule.id
                ));
            }
        }
    }
    for a in &known {
        if !used.contains(a) {
            problems.push(format!("analysis `{a}` has no rule file in rules/{kind}/"));
        }
    }
    problems
}

/// Assert that summarizing `file` again and again gives the same encoded bytes. The cache's facts
/// key hashes the encoded summaries: an unordered set in a summary would make an unchanged file
/// look changed and re-check every file that depends on the facts.
///
/// # Panics
/// When `file` has no summary or two summaries of it encode differently.
pub fn assert_summary_bytes_stable(analyzer: &dyn Analyzer, file: &vigil_core::SourceFile) {
    let encode = || {
        analyzer
            .summarize(file)
            .and_then(|s| analyzer.encode_summary(&s))
    };
    let first = encode().expect("a summary");
    for _ in 0..8 {
        assert_eq!(encode().as_ref(), Some(&first), "{}", file.rel_path);
    }
}

/// Call `check` on every fixture file of `testdata/<lang>` (recursively) whose name ends with
/// `.<ext>`, as a [`vigil_core::SourceFile`] of the language's kind; panic naming the file on the
/// first error. The number of files and the sum of what `check` returned.
///
/// # Panics
/// On an error of `check`, or when the fixture folder cannot be read.
pub fn each_fixture(
    lang: &str,
    ext: &str,
    mut check: impl FnMut(&vigil_core::SourceFile) -> Result<usize, String>,
) -> (usize, usize) {
    let kind = match ext {
        "java" => vigil_core::FileKind::Java,
        _ => vigil_core::FileKind::Python,
    };
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(lang)];
    let (mut files, mut total) = (0, 0);
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("testdata").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != ext) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let name = format!("t.{ext}");
            let file = vigil_core::SourceFile::new(name.clone().into(), name.as_str(), kind, text);
            match check(&file) {
                Ok(n) => total += n,
                Err(e) => panic!("{}: {e}", p.display()),
            }
            files += 1;
        }
    }
    (files, total)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use vigil_core::{FileKind, Severity, SourceFile, TextRange};

    use super::*;

    fn finding(file: &SourceFile, rule: &str, line: u32) -> Finding {
        let start = file.lines.offset_of_line(line);
        Finding::new(
            rule,
            Severity::Error,
            file.location(TextRange {
                start,
                end: start + 1,
            }),
            "msg",
        )
    }

    const SRC: &str = "a();\n// ruleid: java/x\nb();\nc(); // ok: java/x -- constant\n// todook: java/x -- fp\nd();\n";

    #[test]
    fn standalone_and_trailing_annotations() {
        let e = parse_annotations(SRC, "//");
        let got: Vec<_> = e.iter().map(|e| (e.kind, e.line)).collect();
        assert_eq!(
            got,
            vec![
                (ExpectKind::RuleId, 3),
                (ExpectKind::Ok, 4),
                (ExpectKind::TodoOk, 6)
            ]
        );
        assert_eq!(e[1].reason.as_deref(), Some("constant"));
    }

    #[test]
    fn two_sided_matching() {
        let file = SourceFile::new(PathBuf::from("a.java"), "a.java", FileKind::Java, SRC);
        let e = parse_annotations(SRC, "//");
        let ok = compare(
            "a.java",
            &e,
            &[finding(&file, "java/x", 3), finding(&file, "java/x", 6)],
            None,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let missing = compare("a.java", &e, &[finding(&file, "java/x", 6)], None);
        assert_eq!(missing.len(), 1);
        assert!(missing[0].message.contains("missing"));
        let extra = compare(
            "a.java",
            &e,
            &[
                finding(&file, "java/x", 3),
                finding(&file, "java/x", 4),
                finding(&file, "java/x", 6),
                finding(&file, "java/x", 1),
            ],
            None,
        );
        assert_eq!(extra.len(), 2, "{extra:?}");
        let todo_fixed = compare("a.java", &e, &[finding(&file, "java/x", 3)], None);
        assert!(todo_fixed[0].message.contains("todook"));
    }

    #[test]
    fn expect_sidecar() {
        let e = parse_expect_file("# c\n3:5 openapi/a\nok 7 openapi/b\n").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].column, Some(5));
        assert_eq!(e[1].kind, ExpectKind::Ok);
        assert!(parse_expect_file("x y z").is_err());
    }

    #[test]
    fn coverage_gaps() {
        let mut c = Coverage::default();
        c.add(&parse_annotations(SRC, "//"));
        assert!(c.gaps(["java/x"]).is_empty());
        assert_eq!(c.gaps(["java/y"]).len(), 2);
    }
}
