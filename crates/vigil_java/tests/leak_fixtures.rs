//! Two-sided fixture tests of the resource-leak rules (`analysis: resource-leak`): every `ruleid:` line
//! must be reported, every other finding must be claimed by an annotation, and every rule needs
//! positive and negative cases.

use std::path::{Path, PathBuf};

use vigil_core::RuleSet;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(id: &str) -> (usize, usize) {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
        .expect("unique ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer builds");
    let dir = root().join("testdata/java").join(id);
    let outcome = vigil_testkit::check_fixture_dir(&dir, analyzer.as_ref(), &rules);
    assert!(outcome.files > 0, "no fixtures in {}", dir.display());
    let msgs: Vec<String> = outcome.mismatches.iter().map(ToString::to_string).collect();
    assert!(msgs.is_empty(), "{id}:\n{}", msgs.join("\n"));
    let rule = format!("java/{id}");
    let gaps = outcome.coverage.gaps([rule.as_str()]);
    assert!(gaps.is_empty(), "{gaps:?}");
    outcome.coverage.counts(&rule)
}

macro_rules! fixture_tests {
    ($($name:ident => $id:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let (pos, neg) = run($id);
                assert!(pos > 0 && neg > 0);
            }
        )*
    };
}

fixture_tests! {
    resource_leak => "resource-leak",
    resource_leak_on_exception => "resource-leak-on-exception",
    jdbc_resource_leak => "jdbc-resource-leak",
    lock_not_released => "lock-not-released",
    executor_not_shutdown => "executor-not-shutdown",
}
