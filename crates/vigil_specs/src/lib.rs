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

pub mod appspec;
pub mod buildspec;
pub mod openapi;
#[doc(hidden)]
pub mod synthetic;
pub mod tree;

use tree::{Doc, ProblemKind};

/// Rules every kind reports for problems of the text itself.
const PARSE_RULES: &[&str] = &["syntax-error", "duplicate-key", "alias-limit"];

/// The rules (`<kind>/<name>`) the analyzer of `kind` reports besides [`PARSE_RULES`]: the registry
/// that rule files are checked against at start-up and in the tests.
const KIND_RULES: &[(FileKind, &[&str])] = &[
    (
        FileKind::Buildspec,
        &[
            "artifact-path-escapes",
            "batch-invalid",
            "command-is-mapping",
            "commands-not-list",
            "curl-pipe-shell",
            "exported-variable-never-set",
            "invalid-enum-value",
            "invalid-on-failure",
            "invalid-phase-name",
            "invalid-version",
            "malformed-secrets-manager-ref",
            "missing-required-field",
            "plaintext-secret",
            "reserved-env-name",
            "runtime-versions-misplaced",
            "tls-verification-disabled",
            "unknown-key",
            "world-writable-chmod",
        ],
    ),
    (
        FileKind::Appspec,
        &[
            "background-process-blocks-hook",
            "ecs-resource-invalid",
            "files-entry-incomplete",
            "hook-missing-location",
            "hook-script-missing",
            "hook-timeout-invalid",
            "hook-total-timeout",
            "invalid-file-exists-behavior",
            "invalid-hook-name",
            "invalid-os",
            "invalid-permissions",
            "invalid-version",
            "key-case",
            "lambda-hook-format",
            "lambda-resource-invalid",
            "path-escapes-revision",
            "reserved-hook",
            "runas-on-windows",
            "unknown-key",
        ],
    ),
    (
        FileKind::Openapi,
        &[
            "api-key-in-query",
            "apigw-api-key-source-invalid",
            "apigw-authorizer-invalid",
            "apigw-cors-inconsistent",
            "apigw-global-security-ignored",
            "apigw-integration-required-fields",
            "apigw-integration-type-invalid",
            "apigw-integration-uri-malformed",
            "apigw-lambda-http-method",
            "apigw-request-validator-undefined",
            "apigw-timeout-out-of-range",
            "array-items-missing",
            "duplicate-parameter",
            "enum-type-mismatch",
            "example-invalid",
            "insecure-server-url",
            "missing-429-response",
            "missing-4xx-response",
            "no-security-scheme",
            "operation-id-unique",
            "operation-without-security",
            "path-ambiguous",
            "path-params",
            "schema-invalid",
            "security-scheme-undefined",
            "server-variables",
            "success-response-missing",
            "unbounded-array",
            "unbounded-string",
            "unresolved-ref",
            "unused-component",
            "weak-auth-scheme",
        ],
    ),
];

/// Every rule name (after `<kind>/`) the analyzer of `kind` can report.
#[must_use]
pub fn rule_names(kind: FileKind) -> Vec<&'static str> {
    let own = KIND_RULES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, names)| *names);
    PARSE_RULES.iter().chain(own).copied().collect()
}

/// The analyzers for buildspec, appspec and OpenAPI files.
///
/// # Errors
/// A [`RuleError`] when a rule names an analysis this crate does not implement.
pub fn analyzers(rules: &RuleSet) -> Result<Vec<Box<dyn Analyzer>>, RuleError> {
    let list: Vec<Box<dyn Analyzer>> = vec![
        Box::new(buildspec::BuildspecAnalyzer),
        Box::new(appspec::AppspecAnalyzer),
        Box::new(openapi::OpenapiAnalyzer),
    ];
    for a in &list {
        let known = a.analyses();
        for r in rules.for_kind(a.kind()) {
            if let Some(name) = r.analysis() {
                let reported =
                    r.id.strip_prefix(&format!("{}/", a.kind()))
                        .is_some_and(|n| rule_names(a.kind()).contains(&n));
                if known.contains(&name) && !reported {
                    return Err(RuleError::new(
                        &r.origin,
                        None,
                        Some("id"),
                        format!(
                            "rule `{}` names analysis `{name}`, which never reports it (the {} analyzer reports: {})",
                            r.id,
                            a.kind(),
                            rule_names(a.kind()).join(", ")
                        ),
                    ));
                }
                if !known.contains(&name) {
                    return Err(RuleError::new(
                        &r.origin,
                        None,
                        Some("analysis"),
                        format!(
                            "unknown analysis `{name}` for {} rules (known: {})",
                            a.kind(),
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    Ok(list)
}

/// Reports findings of enabled rules for one file.
pub(crate) struct Reporter<'a> {
    pub file: &'a SourceFile,
    pub ctx: &'a CheckContext<'a>,
    pub out: &'a mut FileOutput,
    pub prefix: &'static str,
}

impl Reporter<'_> {
    /// Whether `<kind>/<name>` is enabled.
    pub(crate) fn on(&self, name: &str) -> bool {
        let id = format!("{}/{name}", self.prefix);
        self.ctx.is_enabled(&id)
    }

    /// Report `<kind>/<name>` at `range` (if the rule is enabled).
    pub(crate) fn report(&mut self, name: &str, range: TextRange, message: impl Into<String>) {
        self.report_related(name, range, message, Vec::new());
    }

    pub(crate) fn report_related(
        &mut self,
        name: &str,
        range: TextRange,
        message: impl Into<String>,
        related: Vec<(TextRange, String)>,
    ) {
        debug_assert!(
            FileKind::from_name(self.prefix).is_some_and(|k| rule_names(k).contains(&name)),
            "`{}/{name}` is not in the registry of reported rules (KIND_RULES)",
            self.prefix
        );
        let id = format!("{}/{name}", self.prefix);
        let Some(rule) = self.ctx.rule(&id) else {
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
                rule.id.clone(),
                rule.severity(),
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

/// Parse a file of a spec kind and report the text's own problems. Returns `None` when the document
/// cannot be analyzed further.
pub(crate) fn parse_and_report(rep: &mut Reporter<'_>) -> Option<Doc> {
    let json = rep
        .file
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let doc = tree::parse(&rep.file.text, json);
    let mut fatal = false;
    for p in &doc.problems {
        let name = match p.kind {
            ProblemKind::Syntax => {
                if !p.message.starts_with("more than one") {
                    fatal = true;
                }
                "syntax-error"
            }
            ProblemKind::DuplicateKey => "duplicate-key",
            ProblemKind::AliasLimit => {
                fatal = true;
                "alias-limit"
            }
        };
        let related = p
            .related
            .map(|r| vec![(r, "first definition".to_owned())])
            .unwrap_or_default();
        rep.report_related(name, p.range, p.message.clone(), related);
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
        return None;
    }
    if fatal {
        return None;
    }
    doc.root?;
    Some(doc)
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

/// The rule ids this crate's analyzers report for `kind` are `<kind>/...`.
pub(crate) fn run(
    kind: FileKind,
    file: &SourceFile,
    ctx: &CheckContext<'_>,
    out: &mut FileOutput,
    body: impl FnOnce(&mut Reporter<'_>, &Doc),
) {
    let mut rep = Reporter {
        file,
        ctx,
        out,
        prefix: kind.as_str(),
    };
    if let Some(doc) = parse_and_report(&mut rep) {
        body(&mut rep, &doc);
    } else if rep.out.findings.is_empty() && rep.out.notifications.is_empty() {
        report_empty(&mut rep, kind);
    }
}

/// A deployment spec with no document at all (empty, or only comments) deploys nothing: CodeBuild and
/// CodeDeploy reject it, so it is an error of the rule that requires the missing top-level keys.
fn report_empty(rep: &mut Reporter<'_>, kind: FileKind) {
    let at = TextRange::new(0, 0);
    match kind {
        FileKind::Buildspec => rep.report(
            "missing-required-field",
            at,
            "the buildspec is empty (no YAML document, only blank lines or comments): it needs `version` and `phases`",
        ),
        FileKind::Appspec => rep.report(
            "invalid-version",
            at,
            "the appspec is empty (no document, only blank lines or comments): add `version: 0.0` and what to deploy",
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "id: buildspec/x\nname: X\ncategory: deploy-spec\nseverity: error\nprecision: high\nshort-description: x\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: ANALYSIS\n";

    #[test]
    fn unknown_analysis_is_an_error() {
        let bad =
            vigil_core::rule::parse_rule("x.yaml", &RULE.replace("ANALYSIS", "nope"), None, false)
                .unwrap();
        let e = analyzers(&RuleSet::new([bad]).unwrap()).err().unwrap();
        assert_eq!(e.field.as_deref(), Some("analysis"));
        // A rule naming a real analysis that never reports it would be silently dead: an error too.
        let dead = vigil_core::rule::parse_rule(
            "x.yaml",
            &RULE.replace("ANALYSIS", "buildspec"),
            None,
            false,
        )
        .unwrap();
        let e = analyzers(&RuleSet::new([dead]).unwrap()).err().unwrap();
        assert_eq!(e.field.as_deref(), Some("id"));
        let good = vigil_core::rule::parse_rule(
            "x.yaml",
            &RULE
                .replace("ANALYSIS", "buildspec")
                .replace("buildspec/x", "buildspec/unknown-key"),
            None,
            false,
        )
        .unwrap();
        assert_eq!(analyzers(&RuleSet::new([good]).unwrap()).unwrap().len(), 3);
    }

    /// The registry both ways: every reported rule has a rule file naming this analysis, and every
    /// builtin rule file of a spec kind is reported by its analyzer.
    #[test]
    fn registry_matches_the_rule_files() {
        let rules = RuleSet::new(vigil_core::builtin::rules().unwrap()).unwrap();
        for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
            let names = rule_names(kind);
            for n in &names {
                let id = format!("{kind}/{n}");
                let r = rules
                    .get(&id)
                    .unwrap_or_else(|| panic!("no rule file for `{id}`"));
                assert_eq!(r.analysis(), Some(kind.as_str()), "{id}");
            }
            for r in rules.for_kind(kind) {
                let n = r.id.strip_prefix(&format!("{kind}/")).unwrap_or("");
                assert!(
                    names.contains(&n),
                    "`{}` is not reported by its analyzer",
                    r.id
                );
            }
        }
    }

    /// Issue #8 item 7: an empty buildspec or a comment-only appspec is an error, not a pass.
    #[test]
    fn empty_deployment_specs_are_errors() {
        let rules = RuleSet::new(vigil_core::builtin::rules().unwrap()).unwrap();
        let list = analyzers(&rules).unwrap();
        let run = |kind: FileKind, name: &str, text: &str| {
            let a = list.iter().find(|a| a.kind() == kind).unwrap();
            let enabled: Vec<std::sync::Arc<vigil_core::Rule>> =
                rules.for_kind(kind).cloned().collect();
            let ctx = CheckContext {
                rules: &enabled,
                project: None,
                root: std::path::Path::new("."),
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
