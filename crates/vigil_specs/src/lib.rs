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
pub mod tree;

use tree::{Doc, ProblemKind};

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
        let good = vigil_core::rule::parse_rule(
            "x.yaml",
            &RULE.replace("ANALYSIS", "buildspec"),
            None,
            false,
        )
        .unwrap();
        assert_eq!(analyzers(&RuleSet::new([good]).unwrap()).unwrap().len(), 3);
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
