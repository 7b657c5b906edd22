//! Every built-in rule passes its fixtures, end to end through the registered analyzers.
//!
//! For each rule `<kind>/<name>`, the fixtures in `testdata/<kind>/<name>/` are checked with only that
//! rule enabled (two-sided: a missing or an unexpected finding fails), and the folder must hold at least
//! one positive (`ruleid:`) and one negative (`ok:`) case. All failures are collected before asserting.

use std::path::Path;

use vigil_core::RuleSet;

#[test]
fn builtin_rules_pass_their_fixtures() {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let rules = RuleSet::new(vigil_core::builtin::rules().unwrap()).unwrap();
    let analyzers: Vec<Box<dyn vigil_core::Analyzer>> = {
        let mut v = vec![
            vigil_java::analyzer(&rules).unwrap(),
            vigil_python::analyzer(&rules).unwrap(),
        ];
        v.extend(vigil_specs::analyzers(&rules).unwrap());
        v
    };
    let mut failures = Vec::new();
    for rule in rules.iter() {
        let name = rule.id.split_once('/').map_or(&*rule.id, |(_, n)| n);
        let dir = testdata.join(rule.kind.as_str()).join(name);
        if !dir.is_dir() {
            failures.push(format!(
                "{}: no fixture folder testdata/{}",
                rule.id, rule.id
            ));
            continue;
        }
        let Some(analyzer) = analyzers.iter().find(|a| a.kind() == rule.kind) else {
            failures.push(format!("{}: no analyzer for {} files", rule.id, rule.kind));
            continue;
        };
        let only = RuleSet::new([(**rule).clone()]).unwrap();
        let outcome = vigil_testkit::check_fixture_dir(&dir, analyzer.as_ref(), &only);
        failures.extend(
            outcome
                .mismatches
                .iter()
                .map(|m| format!("testdata/{}/{m}", rule.id)),
        );
        failures.extend(outcome.coverage.gaps([&*rule.id]));
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
