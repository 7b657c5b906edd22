//! Two-sided fixture tests: every rule of each spec kind against `testdata/<kind>/`, and the
//! analysis registry.

use std::path::PathBuf;

use vigil_core::{FileKind, RuleSet};

fn testdata(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(kind)
}

fn check_kind(kind: FileKind) {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
        .expect("unique rule ids");
    let analyzers = vigil_specs::analyzers(&rules).expect("analyzers");
    let analyzer = analyzers
        .iter()
        .find(|a| a.kind() == kind)
        .expect("analyzer for kind");
    assert!(
        rules.for_kind(kind).next().is_some(),
        "no builtin {kind} rules"
    );
    let (files, mut problems) =
        vigil_testkit::fixture_problems(&testdata(kind.as_str()), analyzer.as_ref(), &rules);
    assert!(files > 0, "no {kind} fixtures");
    problems.extend(vigil_testkit::registry_problems(analyzer.as_ref(), &rules));
    assert!(
        problems.is_empty(),
        "{files} fixture files, {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn buildspec_fixtures() {
    check_kind(FileKind::Buildspec);
}

#[test]
fn appspec_fixtures() {
    check_kind(FileKind::Appspec);
}

#[test]
fn openapi_fixtures() {
    check_kind(FileKind::Openapi);
}
