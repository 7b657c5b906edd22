//! Fixture tests for every built-in Python rule: the two-sided annotated fixtures of `testdata/python/`,
//! the `noncompliant`/`compliant` examples of each rule file, and the analysis registry.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vigil_core::analyzer::FileOutput;
use vigil_core::rule::Implementation;
use vigil_core::{CheckContext, FileKind, Rule, RuleSet, SourceFile};

fn rules() -> RuleSet {
    RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse")).expect("unique ids")
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/python")
}

#[test]
fn every_rule_passes_its_fixtures() {
    let rules = rules();
    let analyzer = vigil_python::analyzer(&rules).expect("queries compile");
    let outcome = vigil_testkit::check_fixture_dir(&testdata(), analyzer.as_ref(), &rules);
    let mut problems: Vec<String> = outcome.mismatches.iter().map(ToString::to_string).collect();
    problems.extend(
        outcome
            .coverage
            .gaps(rules.for_kind(FileKind::Python).map(|r| r.id.as_ref())),
    );
    assert!(
        outcome.files > 0,
        "no fixtures found under {}",
        testdata().display()
    );
    assert!(
        problems.is_empty(),
        "{} fixture problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Python doc snippets are complete modules (they carry their own imports): used as they are.
fn wrap(snippet: &str) -> String {
    snippet.to_owned()
}

fn run_one(rule: &Arc<Rule>, rules: &RuleSet, src: String) -> FileOutput {
    let analyzer = vigil_python::analyzer(rules).expect("queries compile");
    let file = SourceFile::new("doc.py".into(), "doc.py", FileKind::Python, src);
    let enabled = vec![rule.clone()];
    let ctx = CheckContext {
        rules: &enabled,
        project: None,
        root: Path::new("."),
    };
    let mut out = FileOutput::default();
    analyzer.check(&file, &ctx, &mut out);
    out
}

#[test]
fn doc_examples_are_flagged_and_compliant_ones_are_not() {
    let rules = rules();
    let mut problems = Vec::new();
    for rule in rules.for_kind(FileKind::Python) {
        let bad = run_one(rule, &rules, wrap(&rule.meta.noncompliant));
        if bad.findings.is_empty() {
            problems.push(format!(
                "{}: the `noncompliant` example is not flagged",
                rule.id
            ));
        }
        if !bad.notifications.is_empty() {
            problems.push(format!(
                "{}: the `noncompliant` example does not parse: {:?}",
                rule.id, bad.notifications
            ));
        }
        let good = run_one(rule, &rules, wrap(&rule.meta.compliant));
        if let Some(f) = good.findings.first() {
            problems.push(format!(
                "{}: the `compliant` example is flagged: {}",
                rule.id, f.message
            ));
        }
        if !good.notifications.is_empty() {
            problems.push(format!(
                "{}: the `compliant` example does not parse: {:?}",
                rule.id, good.notifications
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_analysis_resolves_and_has_a_rule_file() {
    let rules = rules();
    let analyzer = vigil_python::analyzer(&rules).expect("queries compile");
    let known = analyzer.analyses();
    let mut problems = Vec::new();
    let mut used = Vec::new();
    for rule in rules.for_kind(FileKind::Python) {
        if let Implementation::Analysis(a) = &rule.implementation {
            used.push(a.as_str());
            if !known.contains(&a.as_str()) {
                problems.push(format!(
                    "{}: `analysis: {a}` is not a Python analysis",
                    rule.id
                ));
            }
        }
    }
    for a in &known {
        if !used.contains(a) {
            problems.push(format!("analysis `{a}` has no rule file in rules/python/"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_broken_query_names_its_rule_file() {
    let text = "id: python/broken\nname: Broken\ncategory: bug\nseverity: warning\nprecision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nquery:\n  pattern: \"(call function: (identifer) @x)\"\n  message: m\n";
    let rule =
        vigil_core::rule::parse_rule("my-rules/broken.yaml", text, None, false).expect("parses");
    let set = RuleSet::new([rule]).expect("one rule");
    let err = vigil_python::analyzer(&set).err().expect("compile error");
    assert_eq!(err.origin, "my-rules/broken.yaml");
    assert!(err.message.contains("row 1, column"), "{}", err.message);
}
