//! Two-sided fixture tests of the dataflow rules (taint and resource leaks): every `ruleid:` line must
//! be reported, every other finding must be claimed by an annotation, and every rule needs positive
//! and negative cases.

use std::path::{Path, PathBuf};

use vigil_core::RuleSet;

const TAINT_RULES: &[&str] = &[
    "sql-injection",
    "command-injection",
    "path-traversal",
    "xss",
    "ldap-injection",
    "xpath-injection",
    "ssrf",
    "open-redirect",
    "header-injection",
    "log-injection",
    "trust-boundary-violation",
    "code-injection",
    "unsafe-deserialization",
    "tainted-format-string",
    "external-config-control",
    "unsafe-reflection",
    "xss-error-page",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rules() -> RuleSet {
    RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse")).expect("unique ids")
}

fn run(id: &str) -> (usize, usize) {
    let rules = rules();
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
    sql_injection => "sql-injection",
    command_injection => "command-injection",
    path_traversal => "path-traversal",
    xss => "xss",
    ldap_injection => "ldap-injection",
    xpath_injection => "xpath-injection",
    ssrf => "ssrf",
    open_redirect => "open-redirect",
    header_injection => "header-injection",
    log_injection => "log-injection",
    trust_boundary_violation => "trust-boundary-violation",
    code_injection => "code-injection",
    unsafe_deserialization => "unsafe-deserialization",
    tainted_format_string => "tainted-format-string",
    external_config_control => "external-config-control",
    unsafe_reflection => "unsafe-reflection",
    xss_error_page => "xss-error-page",
    resource_leak => "resource-leak",
    resource_leak_on_exception => "resource-leak-on-exception",
    jdbc_resource_leak => "jdbc-resource-leak",
    lock_not_released => "lock-not-released",
    executor_not_shutdown => "executor-not-shutdown",
}

#[test]
fn stubs_produce_no_findings() {
    let rules = rules();
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer builds");
    let outcome = vigil_testkit::check_fixture_dir(
        &root().join("testdata/java/stubs"),
        analyzer.as_ref(),
        &rules,
    );
    let msgs: Vec<String> = outcome.mismatches.iter().map(ToString::to_string).collect();
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
}

#[test]
fn fixture_counts() {
    // Totals across the taint rules: at least 40% negatives.
    let (mut pos, mut neg) = (0, 0);
    for id in TAINT_RULES {
        if !root().join("testdata/java").join(id).is_dir() {
            continue;
        }
        let (p, n) = run(id);
        pos += p;
        neg += n;
    }
    assert!(
        neg * 10 >= (pos + neg) * 4,
        "{pos} positives, {neg} negatives"
    );
}
