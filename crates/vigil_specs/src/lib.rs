//! Deployment and API specs: buildspec, appspec and OpenAPI linting with exact positions.
//!
//! Each file is parsed once into a [`tree::Doc`] (a node arena with byte ranges), then every enabled
//! rule of the kind runs over that one tree. Parse problems are findings of the kind's own rules:
//! `<kind>/syntax-error` (YAML/JSON syntax, tab indentation, several documents), `<kind>/duplicate-key`
//! and `<kind>/alias-limit`.

use vigil_core::analyzer::FileOutput;
use vigil_core::{
    Analyzer, CheckContext, FileKind, Finding, NotificationLevel, Related, RuleError, RuleSet,
    SourceFile, TextRange,
};

#[doc(hidden)]
pub mod synthetic;
pub mod tree;

pub mod rules;

use tree::{Doc, ProblemKind};

/// A typed handle of one spec rule (`<kind>/<name>`): each rule file declares its own with
/// [`spec_rule!`], and report sites name that constant, so a misspelled rule cannot compile. `module`
/// is the Rust module that implements the rule (its file is `<name>` with `-` → `_`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecRule {
    pub kind: FileKind,
    pub name: &'static str,
    pub module: &'static str,
}

impl SpecRule {
    /// Whether `id` is this rule's id (`<kind>/<name>`), without allocating.
    #[must_use]
    pub fn is(&self, id: &str) -> bool {
        id.strip_prefix(self.kind.as_str())
            .and_then(|r| r.strip_prefix('/'))
            == Some(self.name)
    }

    /// `<kind>/<name>`.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }
}

/// The [`SpecRule`] of the rule implemented by the current module.
macro_rules! spec_rule {
    ($kind:ident, $name:literal) => {
        $crate::SpecRule {
            kind: vigil_core::FileKind::$kind,
            name: $name,
            module: module_path!(),
        }
    };
}
pub(crate) use spec_rule;

/// Every rule the analyzer of `kind` reports, in the order they run: the parse rules, then the
/// kind's rule files.
#[must_use]
pub fn registry(kind: FileKind) -> Vec<SpecRule> {
    let own: Vec<SpecRule> = match kind {
        FileKind::Buildspec => rules::buildspec::RULES.iter().map(|r| r.0).collect(),
        FileKind::Appspec => rules::appspec::RULES.iter().map(|r| r.0).collect(),
        FileKind::Openapi => rules::openapi::RULES.iter().map(|r| r.0).collect(),
        _ => return Vec::new(),
    };
    rules::parse::rules(kind).into_iter().chain(own).collect()
}

/// Every rule name (after `<kind>/`) the analyzer of `kind` can report.
#[must_use]
pub fn rule_names(kind: FileKind) -> Vec<&'static str> {
    registry(kind).iter().map(|r| r.name).collect()
}

/// The analyzers for buildspec, appspec and OpenAPI files.
///
/// Every rule file of a spec kind names the analysis of its own rule (`analysis: <name>` in
/// `<kind>/<name>`), and every rule the analyzers implement has a rule file in `rules`.
///
/// # Errors
/// A [`RuleError`] when a rule names an analysis this crate does not implement, names another rule's
/// analysis, or an implemented rule has no shipped rule file.
pub fn analyzers(rules: &RuleSet) -> Result<Vec<Box<dyn Analyzer>>, RuleError> {
    let list: Vec<Box<dyn Analyzer>> = vec![
        Box::new(rules::buildspec::BuildspecAnalyzer),
        Box::new(rules::appspec::AppspecAnalyzer),
        Box::new(rules::openapi::OpenapiAnalyzer),
    ];
    for a in &list {
        let kind = a.kind();
        let known = registry(kind);
        for r in rules.for_kind(kind) {
            let Some(name) = r.analysis() else { continue };
            let Some(rule) = known.iter().find(|k| k.name == name) else {
                return Err(RuleError::new(
                    &r.origin,
                    None,
                    Some("analysis"),
                    format!(
                        "unknown analysis `{name}` for {kind} rules (known: {})",
                        rule_names(kind).join(", ")
                    ),
                ));
            };
            if !rule.is(&r.id) {
                return Err(RuleError::new(
                    &r.origin,
                    None,
                    Some("id"),
                    format!(
                        "rule `{}` names analysis `{name}`, which reports only `{}`: a spec rule's analysis is its own name",
                        r.id,
                        rule.id()
                    ),
                ));
            }
        }
    }
    check_rule_files(vigil_core::builtin::files())?;
    Ok(list)
}

/// Every rule the analyzers implement has its rule file `rules/<kind>/<name>.yaml` saying
/// `analysis: <name>` among `files` (the shipped rule files: a rule set may hold only user rules).
fn check_rule_files(files: &[(&str, &str)]) -> Result<(), RuleError> {
    for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
        for rule in registry(kind) {
            let path = format!("{kind}/{}.yaml", rule.name);
            let analysis = format!("analysis: {}", rule.name);
            let has_file = files
                .iter()
                .any(|(p, text)| *p == path && text.lines().any(|l| l.trim_end() == analysis));
            if !has_file {
                return Err(RuleError::new(
                    &format!("rules/{path}"),
                    None,
                    Some("analysis"),
                    format!(
                        "the {kind} analyzer implements `{}` but no rule file `rules/{path}` says `{analysis}`",
                        rule.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Reports findings of enabled rules for one file.
pub(crate) struct Reporter<'a> {
    pub file: &'a SourceFile,
    /// The enabled rules of the file's kind.
    pub rules: &'a [std::sync::Arc<vigil_core::Rule>],
    pub out: &'a mut FileOutput,
}

impl Reporter<'_> {
    /// Whether `rule` is enabled for this file.
    pub(crate) fn on(&self, rule: SpecRule) -> bool {
        self.rules.iter().any(|r| rule.is(&r.id))
    }

    /// Report `rule` at `range`. Rules run only when enabled (see [`Reporter::on`]).
    pub(crate) fn report(&mut self, rule: SpecRule, range: TextRange, message: impl Into<String>) {
        self.report_related(rule, range, message, Vec::new());
    }

    pub(crate) fn report_related(
        &mut self,
        rule: SpecRule,
        range: TextRange,
        message: impl Into<String>,
        related: Vec<(TextRange, String)>,
    ) {
        let Some(enabled) = self.rules.iter().find(|r| rule.is(&r.id)) else {
            // A rule runs only when it is enabled: reporting a disabled one is a bug of this crate.
            debug_assert!(false, "`{}` reported while disabled", rule.id());
            self.out.notifications.push(vigil_core::Notification::file(
                NotificationLevel::Error,
                "internal-error",
                &self.file.rel_path,
                format!("`{}` reported a finding while disabled", rule.id()),
            ));
            return;
        };
        let related = related
            .into_iter()
            .map(|(r, m)| Related {
                location: self.file.location(r),
                message: m,
            })
            .collect();
        self.out.findings.push(
            Finding::new(
                enabled.id.clone(),
                enabled.severity(),
                self.file.location(range),
                message,
            )
            .with_related(related),
        );
    }
}

/// The parse floor of a spec file (`vigil scan --parse-only`): the document tree, nothing else.
pub(crate) fn parse_only(file: &SourceFile) -> u64 {
    let json = file
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    tree::parse(&file.text, json).nodes.len() as u64
}

/// Parse a file of a spec kind and report the text's own problems. Returns the document, or whether
/// the text had problems (parse errors, too deep) when it cannot be analyzed further.
pub(crate) fn parse_and_report(rep: &mut Reporter<'_>, kind: FileKind) -> Result<Doc, bool> {
    let json = rep
        .file
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let doc = tree::parse(&rep.file.text, json);
    let mut fatal = false;
    let [syntax, duplicate, alias] = rules::parse::rules(kind);
    for p in &doc.problems {
        let rule = match p.kind {
            ProblemKind::Syntax => {
                if !p.message.starts_with("more than one") {
                    fatal = true;
                }
                syntax
            }
            ProblemKind::DuplicateKey => duplicate,
            ProblemKind::AliasLimit => {
                fatal = true;
                alias
            }
        };
        if !rep.on(rule) {
            continue;
        }
        let related = p
            .related
            .map(|r| vec![(r, "first definition".to_owned())])
            .unwrap_or_default();
        rep.report_related(rule, p.range, p.message.clone(), related);
    }
    if doc.max_depth > tree::MAX_DEPTH {
        rep.out.notifications.push(vigil_core::Notification::file(
            NotificationLevel::Warning,
            "too-deep",
            &rep.file.rel_path,
            format!(
                "nesting depth {} exceeds {}; the file was not analyzed",
                doc.max_depth,
                tree::MAX_DEPTH
            ),
        ));
        return Err(true);
    }
    if fatal {
        return Err(true);
    }
    if doc.root.is_none() {
        return Err(!doc.problems.is_empty());
    }
    Ok(doc)
}

/// The closest candidate to `word` (edit distance ≤ 2 after folding case and `_`/`-`), for
/// did-you-mean hints.
#[must_use]
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let w = fold(word);
    let mut best: Option<(usize, &'a str)> = None;
    for &c in candidates {
        let d = strsim::levenshtein(&w, &fold(c));
        let limit = if w.len() <= 4 { 1 } else { 2 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// ` (did you mean `x`?)` or an empty string.
pub(crate) fn hint(word: &str, candidates: &[&str]) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Parse `file`, report its parse problems, then run `body` over the document; `empty` runs instead
/// when the file holds no document at all (empty, or only comments) and has no parse problem.
pub(crate) fn run<F>(
    kind: FileKind,
    file: &SourceFile,
    ctx: &CheckContext<'_, F>,
    out: &mut FileOutput,
    body: impl FnOnce(&mut Reporter<'_>, &Doc),
    empty: impl FnOnce(&mut Reporter<'_>),
) {
    let mut rep = Reporter {
        file,
        rules: ctx.rules,
        out,
    };
    match parse_and_report(&mut rep, kind) {
        Ok(doc) => body(&mut rep, &doc),
        Err(false) => empty(&mut rep),
        Err(true) => {}
    }
}

/// The start of a node (an empty range), for findings about what the node lacks.
pub(crate) fn start_of(doc: &Doc, id: tree::NodeId) -> TextRange {
    let r = doc.range(id);
    TextRange {
        start: r.start,
        end: r.start,
    }
}

/// A regex compiled once (a pattern of this crate: never invalid).
pub(crate) fn re(
    cell: &'static std::sync::OnceLock<regex::Regex>,
    pat: &str,
) -> &'static regex::Regex {
    cell.get_or_init(|| {
        regex::Regex::new(pat).unwrap_or_else(|_| regex::Regex::new("$^").expect("trivial regex"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "id: buildspec/x\nname: X\ncategory: deploy-spec\nseverity: error\nprecision: high\nshort-description: x\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: ANALYSIS\n";

    fn builtin_with(extra: Option<&str>, without: Option<&str>) -> RuleSet {
        let mut rules: Vec<vigil_core::Rule> = vigil_core::builtin::rules()
            .unwrap()
            .into_iter()
            .filter(|r| Some(&*r.id) != without)
            .collect();
        if let Some(text) = extra {
            rules.push(vigil_core::rule::parse_rule("x.yaml", text, None, false).unwrap());
        }
        RuleSet::new(rules).unwrap()
    }

    #[test]
    fn unknown_ids_are_start_up_errors() {
        let bad = RULE.replace("ANALYSIS", "nope");
        let e = analyzers(&builtin_with(Some(&bad), None)).err().unwrap();
        assert_eq!(e.field.as_deref(), Some("analysis"));
        // A rule naming another rule's analysis would never report under its own id: an error too.
        let dead = RULE.replace("ANALYSIS", "unknown-key");
        let e = analyzers(&builtin_with(Some(&dead), None)).err().unwrap();
        assert_eq!(e.field.as_deref(), Some("id"));
        // An implemented rule without its rule file.
        let files: Vec<(&str, &str)> = vigil_core::builtin::files()
            .iter()
            .filter(|(p, _)| *p != "buildspec/unknown-key.yaml")
            .copied()
            .collect();
        let e = check_rule_files(&files).err().unwrap();
        assert!(e.to_string().contains("unknown-key"), "{e}");
        assert!(check_rule_files(vigil_core::builtin::files()).is_ok());
        // A rule set without any spec rule (`vigil test` on user rules of another kind) is fine.
        assert_eq!(analyzers(&RuleSet::default()).unwrap().len(), 3);
        assert_eq!(analyzers(&builtin_with(None, None)).unwrap().len(), 3);
    }

    /// The registry both ways: every implemented rule has a rule file naming its own analysis, every
    /// builtin rule file of a spec kind names an implemented analysis, and each rule is implemented in
    /// `rules/<kind>/<name>.rs` (the parse rules in `rules/parse.rs`).
    #[test]
    fn registry_matches_the_rule_files() {
        let rules = RuleSet::new(vigil_core::builtin::rules().unwrap()).unwrap();
        for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
            let registry = registry(kind);
            for rule in &registry {
                let id = rule.id();
                let r = rules
                    .get(&id)
                    .unwrap_or_else(|| panic!("no rule file for `{id}`"));
                assert_eq!(r.analysis(), Some(rule.name), "{id}");
                assert_eq!(rule.kind, kind, "{id}");
                let file = format!("::rules::{kind}::{}", rule.name.replace('-', "_"));
                let ok = rule.module.ends_with(&file) || rule.module.ends_with("::rules::parse");
                assert!(ok, "`{id}` is implemented in `{}`", rule.module);
                let rs = format!(
                    "{}/src/{}.rs",
                    env!("CARGO_MANIFEST_DIR"),
                    rule.module
                        .trim_start_matches("vigil_specs::")
                        .replace("::", "/")
                );
                assert!(std::path::Path::new(&rs).exists(), "{id}: no {rs}");
            }
            for r in rules.for_kind(kind) {
                let name = r.analysis().unwrap_or("");
                assert!(
                    registry.iter().any(|k| k.name == name && k.is(&r.id)),
                    "`{}` (analysis `{name}`) is not implemented",
                    r.id
                );
            }
        }
    }

    /// Issue #8 item 7: an empty buildspec or a comment-only appspec is an error, not a pass.
    #[test]
    fn empty_deployment_specs_are_errors() {
        let rules = builtin_with(None, None);
        let list = analyzers(&rules).unwrap();
        let run = |kind: FileKind, name: &str, text: &str| {
            let a = list.iter().find(|a| a.kind() == kind).unwrap();
            let enabled: Vec<std::sync::Arc<vigil_core::Rule>> =
                rules.for_kind(kind).cloned().collect();
            let ctx = CheckContext {
                rules: &enabled,
                project: None,
                root: std::path::Path::new("."),
                properties: None,
            };
            let file = SourceFile::new(name.into(), name, kind, text);
            let mut out = FileOutput::default();
            a.check(&file, &ctx, &mut out);
            out.findings
                .iter()
                .map(|f| (f.rule_id.to_string(), f.severity))
                .collect::<Vec<_>>()
        };
        let err = vigil_core::Severity::Error;
        for text in ["", "\n\n", "# nothing yet\n# still nothing\n"] {
            assert_eq!(
                run(FileKind::Buildspec, "buildspec.yml", text),
                [("buildspec/missing-required-field".to_owned(), err)],
                "{text:?}"
            );
            assert_eq!(
                run(FileKind::Appspec, "appspec.yml", text),
                [("appspec/invalid-version".to_owned(), err)],
                "{text:?}"
            );
        }
        // A syntax error is reported once, not also as an empty file.
        let bad = run(FileKind::Buildspec, "buildspec.yml", "version: [\n");
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!(bad[0].0, "buildspec/syntax-error");
    }

    #[test]
    fn did_you_mean_folds_case_and_separators() {
        assert_eq!(
            did_you_mean("base_directory", &["base-directory", "files"]),
            Some("base-directory")
        );
        assert_eq!(did_you_mean("Artifact", &["artifacts"]), Some("artifacts"));
        assert_eq!(did_you_mean("zzz", &["artifacts"]), None);
    }
}
