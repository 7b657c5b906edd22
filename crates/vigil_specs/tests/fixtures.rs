//! Two-sided fixture tests: every rule of each spec kind against `testdata/<kind>/`, and the
//! analysis registry.

use std::path::{Path, PathBuf};

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, RuleSet, SourceFile};

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

/// Doc examples whose verdict depends on a hook script committed next to the appspec: a doc example
/// is one document and cannot ship that file, so these sides are checked by the fixtures under
/// `testdata/appspec/` instead (`ec2/`, `ec2-bg/`). Each entry must still fail here, so the list
/// cannot go stale.
const NEEDS_SCRIPT_FILE: &[(&str, &str)] = &[
    // Flagged only when `scripts/start.sh` exists and backgrounds a process.
    ("appspec/background-process-blocks-hook", "noncompliant"),
    // Clean only when `scripts/migrate.sh` exists.
    ("appspec/hook-script-missing", "compliant"),
];

/// Docs examples are fixtures too; spec snippets are whole documents.
#[test]
fn doc_examples_are_flagged_and_compliant_ones_are_not() {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
        .expect("unique rule ids");
    let mut problems = Vec::new();
    for analyzer in vigil_specs::analyzers(&rules).expect("analyzers") {
        problems.extend(vigil_testkit::doc_example_problems(
            analyzer.as_ref(),
            &rules,
            &str::to_owned,
        ));
    }
    for (rule, label) in NEEDS_SCRIPT_FILE {
        let prefix = format!("{rule}: the `{label}` example is ");
        let before = problems.len();
        problems.retain(|p| !p.starts_with(&prefix));
        assert_eq!(
            before - problems.len(),
            1,
            "{rule} {label}: the allow-listed doc example should fail exactly once without its script"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Spec doc examples are whole documents, so a `compliant` one is clean under every rule of its kind
/// (a fragment would miss `version`, `os` or `phases`). Hook scripts cannot ship with a doc example,
/// so `hook-script-missing` is the one rule not asked here.
#[test]
fn compliant_doc_examples_are_clean_whole_documents() {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
        .expect("unique rule ids");
    let mut problems = Vec::new();
    for analyzer in vigil_specs::analyzers(&rules).expect("analyzers") {
        let kind = analyzer.kind();
        let enabled: Vec<_> = rules
            .for_kind(kind)
            .filter(|r| &*r.id != "appspec/hook-script-missing")
            .cloned()
            .collect();
        for rule in rules.for_kind(kind) {
            let file = SourceFile::new(
                PathBuf::from("doc-example.yml"),
                "doc-example.yml",
                kind,
                rule.meta.compliant.to_string(),
            );
            let ctx = CheckContext {
                rules: &enabled,
                project: None,
                root: Path::new("."),
                properties: None,
            };
            let mut out = FileOutput::default();
            analyzer.check(&file, &ctx, &mut out);
            problems.extend(out.findings.iter().map(|f| {
                format!(
                    "{}: the `compliant` example is flagged by {}: {}",
                    rule.id, f.rule_id, f.message
                )
            }));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
