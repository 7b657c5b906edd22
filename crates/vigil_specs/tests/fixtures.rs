//! Two-sided fixture tests: every rule of each spec kind against `testdata/<kind>/`.

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
    let outcome =
        vigil_testkit::check_fixture_dir(&testdata(kind.as_str()), analyzer.as_ref(), &rules);
    let ids: Vec<String> = rules.for_kind(kind).map(|r| r.id.to_string()).collect();
    assert!(!ids.is_empty(), "no builtin {kind} rules");
    let gaps = outcome.coverage.gaps(ids.iter().map(String::as_str));
    let mismatches: Vec<String> = outcome.mismatches.iter().map(ToString::to_string).collect();
    assert!(
        mismatches.is_empty() && gaps.is_empty(),
        "{} fixture files\nmismatches:\n{}\ncoverage gaps:\n{}",
        outcome.files,
        mismatches.join("\n"),
        gaps.join("\n")
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
