//! Fixture tests for every built-in Python rule: the two-sided annotated fixtures of `testdata/python/`,
//! the `noncompliant`/`compliant` examples of each rule file, and the analysis registry.

use std::path::{Path, PathBuf};

use vigil_core::RuleSet;

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
    let (files, problems) = vigil_testkit::fixture_problems(&testdata(), analyzer.as_ref(), &rules);
    assert!(
        files > 0,
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

#[test]
fn doc_examples_are_flagged_and_compliant_ones_are_not() {
    let rules = rules();
    let analyzer = vigil_python::analyzer(&rules).expect("queries compile");
    let problems = vigil_testkit::doc_example_problems(analyzer.as_ref(), &rules, &wrap);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_analysis_resolves_and_has_a_rule_file() {
    let rules = rules();
    let analyzer = vigil_python::analyzer(&rules).expect("queries compile");
    let problems = vigil_testkit::registry_problems(analyzer.as_ref(), &rules);
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
