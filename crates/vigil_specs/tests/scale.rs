//! Time is linear in the size of an OpenAPI document: a document twice as large takes at most about
//! twice as long (with a generous margin for a loaded machine; quadratic behaviour gives 4x and more).
//! Only ratios are checked, never absolute times.
//!
//! The timing check is a measurement, not part of the test suite (`#[ignore]`): on a shared 2-core
//! CI machine a concurrent test can slow one side of the ratio (3.78 seen on a linear run). Run it
//! on an idle machine with `cargo test --release -p vigil_specs --test scale -- --ignored`; the
//! `specs` criterion bench (`benches/benches/specs.rs`) times 1 MB and 5 MB generated documents.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, Rule, RuleSet, SourceFile};

/// Parse + every OpenAPI rule + fingerprints, best of `runs`; the rule ids found.
fn best_time(text: &str, json: bool, runs: usize) -> (Duration, Vec<String>) {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzers = vigil_specs::analyzers(&rules).expect("analyzers");
    let analyzer = analyzers
        .iter()
        .find(|a| a.kind() == FileKind::Openapi)
        .expect("openapi analyzer");
    // Every rule, the opt-in hardening ones included: they walk the most.
    let enabled: Vec<Arc<Rule>> = rules.for_kind(FileKind::Openapi).cloned().collect();
    let name = if json { "api.json" } else { "api.yaml" };
    let file = SourceFile::new(name.into(), name, FileKind::Openapi, text);
    let ctx = CheckContext {
        rules: &enabled,
        project: None,
        root: Path::new("."),
        properties: None,
    };
    let mut best = Duration::MAX;
    let mut findings = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let mut out = FileOutput::default();
        analyzer.check(&file, &ctx, &mut out);
        out.findings.sort();
        vigil_core::fingerprint::assign(&file, &mut out.findings);
        best = best.min(start.elapsed());
        findings = out.findings.iter().map(|f| f.rule_id.to_string()).collect();
    }
    (best, findings)
}

#[test]
#[ignore = "a timing measurement: run with --ignored on an idle machine"]
fn doubling_the_document_at_most_about_doubles_the_time() {
    // Large enough that fixed costs do not hide a quadratic term, small enough for a debug build.
    let n = if cfg!(debug_assertions) { 150 } else { 1500 };
    for json in [true, false] {
        let small = vigil_specs::synthetic::openapi(n, json);
        let large = vigil_specs::synthetic::openapi(2 * n, json);
        let (t1, f1) = best_time(&small, json, 3);
        let (t2, f2) = best_time(&large, json, 3);
        // The findings double too (per-finding costs are part of what is measured).
        assert!(f2.len() >= f1.len(), "{f1:?} then {f2:?}");
        let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        assert!(
            ratio < 3.5,
            "json={json}: {} KB took {t1:?}, {} KB took {t2:?} (ratio {ratio:.2})",
            small.len() / 1024,
            large.len() / 1024
        );
    }
}

#[test]
fn generated_documents_are_valid() {
    for json in [true, false] {
        let text = vigil_specs::synthetic::openapi(3, json);
        let doc = vigil_specs::tree::parse(&text, json);
        assert!(doc.problems.is_empty(), "{:?}\n{text}", doc.problems);
        let (_, findings) = best_time(&text, json, 1);
        // Only opt-in hardening rules fire on this document: it is valid.
        assert!(!findings.is_empty(), "{text}");
        for id in &findings {
            assert!(
                [
                    "openapi/unbounded-string",
                    "openapi/unbounded-array",
                    "openapi/missing-4xx-response"
                ]
                .contains(&id.as_str()),
                "{findings:?}\n{text}"
            );
        }
    }
}
