//! SARIF output: the official 2.1.0 schema, GitHub's ingestion rules, limits, fingerprints, merge.

mod common;

use common::*;
use serde_json::Value;
use vigil_core::{fingerprint, Finding, FlowStep, Severity};
use vigil_report::merge::{merge, parse_log, MergeError, MergeOptions};
use vigil_report::{Format, RenderOptions};

fn sarif(report: &vigil_core::ScanReport, opts: &RenderOptions) -> (String, Value) {
    let text = render(Format::Sarif, report, opts);
    let doc = assert_valid_sarif(&text);
    (text, doc)
}

#[test]
fn realistic_report_is_valid_and_complete() {
    let report = realistic_report();
    let (text, doc) = sarif(&report, &opts());
    let run = &doc["runs"][0];
    assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["tool"]["driver"]["name"], "vigil");
    assert_eq!(run["tool"]["driver"]["semanticVersion"], "0.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["automationDetails"]["id"], "vigil/");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/project/"
    );
    // Only the rules that ran, sorted by id, the one without findings included.
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "buildspec/plaintext-secret",
            "java/sql-injection",
            "java/weak-hash",
            "python/bare-except"
        ]
    );
    let sql = &run["tool"]["driver"]["rules"][1];
    assert_eq!(sql["properties"]["security-severity"], "8.8");
    assert_eq!(
        sql["properties"]["tags"],
        serde_json::json!(["security", "external/cwe/cwe-089", "injection"])
    );
    assert_eq!(
        sql["helpUri"],
        "https://github.com/vigil-dev/vigil/blob/main/docs/rules/java/sql-injection.md"
    );
    let md = sql["help"]["markdown"].as_str().unwrap();
    for part in [
        "## Noncompliant",
        "```java",
        "## Compliant",
        "PreparedStatement",
        "## References",
        "owasp.org",
        "## Limitations",
        "CWE-89",
    ] {
        assert!(md.contains(part), "help markdown lacks {part}:\n{md}");
    }
    let quality = &run["tool"]["driver"]["rules"][3];
    assert_eq!(quality["properties"]["problem.severity"], "recommendation");
    assert!(quality["properties"].get("security-severity").is_none());
    assert_eq!(quality["defaultConfiguration"]["level"], "note");

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "the suppressed finding is left out");
    assert!(results.iter().all(|r| r.get("suppressions").is_none()));
    let sql_result = results
        .iter()
        .find(|r| r["ruleId"] == "java/sql-injection")
        .unwrap();
    assert_eq!(sql_result["ruleIndex"], 1);
    assert_eq!(sql_result["level"], "error");
    let steps = sql_result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(
        steps[0]["location"]["message"]["text"],
        "source: `req.getParameter(\"name\")`"
    );
    assert_eq!(sql_result["relatedLocations"][0]["id"], 1);
    let fps = &sql_result["partialFingerprints"];
    assert!(fps["primaryLocationLineHash"]
        .as_str()
        .unwrap()
        .contains(':'));
    assert_eq!(fps["vigil/v1"].as_str().unwrap().len(), 16);
    // Notifications, with the file's location when present.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert!(notes.iter().any(
        |n| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/Broken.java"
            && n["associatedRule"]["id"] == "java/weak-hash"
    ));
    // A URI with a space is percent-encoded.
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "tools/clean%20up.py"
    ));
    // `VIGIL_SARIF_OUT=DIR cargo test` keeps the file for `validate-sarif.sh`.
    if let Some(dir) = std::env::var_os("VIGIL_SARIF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("realistic.sarif"), &text).unwrap();
        let suppressed = render(
            Format::Sarif,
            &report,
            &RenderOptions {
                include_suppressed: true,
                ..opts()
            },
        );
        std::fs::write(
            std::path::Path::new(&dir).join("with-suppressed.sarif"),
            suppressed,
        )
        .unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join("empty.sarif"),
            render(Format::Sarif, &empty_report(), &opts()),
        )
        .unwrap();
    }
    insta::assert_snapshot!("sarif_realistic", text);
}

#[test]
fn columns_are_utf16_code_units_and_end_is_exclusive() {
    let report = realistic_report();
    let (_, doc) = sarif(&report, &opts());
    let sql = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "java/sql-injection")
        .unwrap()
        .clone();
    let region = &sql["locations"][0]["physicalLocation"]["region"];
    // `        /* 😀 */ stmt.executeQuery(q);`: the emoji is 2 UTF-16 units, 1 char, 4 bytes.
    let line = JAVA_SRC.lines().nth(9).unwrap();
    let col_chars = line[..line.find("stmt").unwrap()].chars().count() + 1;
    assert_eq!(region["startLine"], 10);
    assert_eq!(region["startColumn"], col_chars + 1);
    assert_eq!(
        region["endColumn"].as_u64().unwrap() - region["startColumn"].as_u64().unwrap(),
        "stmt.executeQuery(q)".len() as u64
    );
    // The fix region is computed from the source text, also in UTF-16 units.
    let hash = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "java/weak-hash")
        .unwrap();
    let rep = &hash["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], "\"SHA-256\"");
    assert_eq!(rep["deletedRegion"]["startLine"], 11);
    assert_eq!(
        rep["deletedRegion"],
        hash["locations"][0]["physicalLocation"]["region"]
    );
}

#[test]
fn clean_scan_has_an_empty_results_array() {
    let (text, doc) = sarif(
        &empty_report(),
        &RenderOptions {
            category: Some("vigil/java".into()),
            ..opts()
        },
    );
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(doc["runs"][0]["automationDetails"]["id"], "vigil/java");
    insta::assert_snapshot!("sarif_empty", text);
}

#[test]
fn category_without_slash_gets_one() {
    let (_, doc) = sarif(
        &empty_report(),
        &RenderOptions {
            category: Some("vigil-python".into()),
            ..opts()
        },
    );
    assert_eq!(doc["runs"][0]["automationDetails"]["id"], "vigil-python/");
}

#[test]
fn include_suppressed_marks_every_result() {
    let (_, doc) = sarif(
        &realistic_report(),
        &RenderOptions {
            include_suppressed: true,
            ..opts()
        },
    );
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| !r["suppressions"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
}

#[test]
fn output_is_deterministic() {
    let report = realistic_report();
    let a = render(Format::Sarif, &report, &opts());
    let b = render(Format::Sarif, &report, &opts());
    assert_eq!(a, b);
}

#[test]
fn fingerprints_survive_unrelated_edits() {
    let report = realistic_report();
    let (_, before) = sarif(&report, &opts());
    // Insert lines above the findings and edit a line below them.
    let edited = JAVA_SRC
        .replacen(
            "import java.security.MessageDigest;\n",
            "import java.security.MessageDigest;\nimport java.util.List;\n\n// a new comment\n",
            1,
        )
        .replace(
            "    }\n}\n",
            "    }\n\n    int unrelated() { return 1; }\n}\n",
        );
    let file = java_file(&edited);
    let findings = java_findings(&file);
    let mut shifted = report.clone();
    shifted
        .findings
        .retain(|f| !f.location.path.ends_with(".java"));
    shifted.findings.extend(findings);
    shifted.findings.sort();
    shifted
        .sources
        .insert(file.rel_path.clone(), file.text.clone());
    let (_, after) = sarif(&shifted, &opts());
    let fps = |doc: &Value| -> Vec<(String, String, i64)> {
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["vigil/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_i64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let (b, a) = (fps(&before), fps(&after));
    assert_eq!(b.len(), a.len());
    for (x, y) in b.iter().zip(&a) {
        assert_eq!((&x.0, &x.1), (&y.0, &y.1), "vigil/v1 changed");
        if x.0.starts_with("java/") {
            assert_eq!(y.2, x.2 + 3, "the finding moved down three lines");
        }
    }
}

fn many_findings(n: usize) -> vigil_core::ScanReport {
    let mut report = realistic_report();
    let file = java_file(JAVA_SRC);
    let template = java_findings(&file).remove(0);
    report.findings = (0..n)
        .map(|i| {
            let mut f = template.clone();
            f.severity = if i % 3 == 0 {
                Severity::Error
            } else {
                Severity::Note
            };
            f.message = format!("finding {i:05}");
            f.fingerprint = format!("{i:016x}");
            f
        })
        .collect();
    report.findings.sort();
    report
}

#[test]
fn results_over_githubs_limit_are_truncated_with_a_notification() {
    let report = many_findings(25_010);
    let (text, doc) = sarif(&report, &opts());
    if let Some(dir) = std::env::var_os("VIGIL_SARIF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("over-limit.sarif"), &text).unwrap();
    }
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    // The most severe are kept: every error survives.
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(
        errors,
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes.iter().any(|n| n["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("10 of 25010 results dropped")),
        "{notes:?}"
    );
}

#[test]
fn long_flows_and_many_tags_are_cut() {
    let mut report = realistic_report();
    let file = java_file(JAVA_SRC);
    let sink = report
        .findings
        .iter()
        .position(|f| f.rule_id.as_ref() == "java/sql-injection")
        .unwrap();
    let step = report.findings[sink].flow[1].clone();
    let mut flow = vec![report.findings[sink].flow[0].clone()];
    flow.extend((0..1_500).map(|i| FlowStep {
        message: format!("step {i}"),
        ..step.clone()
    }));
    flow.push(FlowStep {
        location: file.location(find(JAVA_SRC, "stmt.executeQuery(q)", 0)),
        message: "sink".into(),
    });
    report.findings[sink].flow = flow;
    let mut rule = (*report.rules[1]).clone();
    rule.meta.tags = (0..15).map(|i| format!("tag-{i}")).collect();
    report.rules[1] = std::sync::Arc::new(rule);
    let (_, doc) = sarif(&report, &opts());
    let run = &doc["runs"][0];
    let steps = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "java/sql-injection")
        .unwrap()["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(steps.len(), 1_000);
    assert_eq!(
        steps.last().unwrap()["location"]["message"]["text"],
        "sink",
        "the sink is kept"
    );
    assert_eq!(
        run["tool"]["driver"]["rules"][1]["properties"]["tags"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    let notes: Vec<String> = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"]["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("flow path of 1502 steps")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("tag(s) dropped")),
        "{notes:?}"
    );
}

#[test]
fn finding_of_an_unknown_rule_gets_a_descriptor() {
    let mut report = empty_report();
    let file = java_file(JAVA_SRC);
    let mut f = vec![Finding::new(
        "java/custom-thing",
        Severity::Warning,
        file.location(find(JAVA_SRC, "class", 0)),
        "custom",
    )];
    fingerprint::assign(&file, &mut f);
    report.findings = f;
    let (_, doc) = sarif(&report, &opts());
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.last().unwrap()["id"], "java/custom-thing");
    assert_eq!(doc["runs"][0]["results"][0]["ruleIndex"], rules.len() - 1);
}

// ------------------------------------------------------------------------------------------------
// merge

fn shard(report: &vigil_core::ScanReport, k: usize, n: usize) -> vigil_core::ScanReport {
    let mut s = report.clone();
    // A deterministic split by path, as `--shard K/N` does.
    let paths: Vec<_> = report
        .findings
        .iter()
        .map(|f| f.location.path.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    s.findings.retain(|f| {
        paths
            .iter()
            .position(|p| *p == f.location.path)
            .expect("path of a finding")
            % n
            == k
    });
    s.notifications
        .retain(|x| x.path.as_deref().map_or(k == 0, |p| p.len() % n == k));
    s
}

#[test]
fn merging_shards_equals_the_unsharded_log() {
    let report = many_findings(30);
    let mut report = report;
    report.findings.extend(realistic_report().findings);
    report.findings.sort();
    let (_, whole) = sarif(&report, &opts());
    let logs: Vec<(String, serde_sarif::sarif::Sarif)> = (0..3)
        .map(|k| {
            let text = render(Format::Sarif, &shard(&report, k, 3), &opts());
            (
                format!("shard{k}.sarif"),
                parse_log("shard", &text).unwrap(),
            )
        })
        .collect();
    let merged = merge(logs, &MergeOptions::default()).unwrap();
    let mut out = Vec::new();
    vigil_report::sarif::write_log(&merged, &mut out).unwrap();
    let merged_doc = assert_valid_sarif(std::str::from_utf8(&out).unwrap());
    if let Some(dir) = std::env::var_os("VIGIL_SARIF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("merged.sarif"), &out).unwrap();
    }
    let (w, m) = (&whole["runs"][0], &merged_doc["runs"][0]);
    assert_eq!(merged_doc["runs"].as_array().unwrap().len(), 1);
    assert_eq!(w["results"], m["results"]);
    assert_eq!(w["tool"], m["tool"]);
    assert_eq!(
        w["invocations"][0]["toolExecutionNotifications"],
        m["invocations"][0]["toolExecutionNotifications"]
    );
    assert_eq!(m["automationDetails"]["id"], "vigil/");
}

#[test]
fn merge_recomputes_rule_indexes_and_dedupes_rules() {
    let mut a = realistic_report();
    a.rules.retain(|r| r.id.starts_with("java/"));
    a.findings.retain(|f| f.rule_id.starts_with("java/"));
    let mut b = realistic_report();
    b.rules.retain(|r| !r.id.starts_with("java/weak"));
    b.findings.retain(|f| !f.rule_id.starts_with("java/"));
    let la = parse_log("a", &render(Format::Sarif, &a, &opts())).unwrap();
    let lb = parse_log("b", &render(Format::Sarif, &b, &opts())).unwrap();
    let merged = merge(
        vec![("b".into(), lb), ("a".into(), la)],
        &MergeOptions::default(),
    )
    .unwrap();
    let text = serde_json::to_string(&merged).unwrap();
    let doc = assert_valid_sarif(&text);
    let ids: Vec<&str> = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "buildspec/plaintext-secret",
            "java/sql-injection",
            "java/weak-hash",
            "python/bare-except"
        ]
    );
    assert_eq!(doc["runs"][0]["results"].as_array().unwrap().len(), 3);
}

#[test]
fn merge_refuses_mixed_tools_and_categories() {
    let text = render(Format::Sarif, &realistic_report(), &opts());
    let other = render(
        Format::Sarif,
        &realistic_report(),
        &RenderOptions {
            category: Some("vigil/python/".into()),
            ..opts()
        },
    );
    let logs = || {
        vec![
            ("a".to_owned(), parse_log("a", &text).unwrap()),
            ("b".to_owned(), parse_log("b", &other).unwrap()),
        ]
    };
    assert!(matches!(
        merge(logs(), &MergeOptions::default()),
        Err(MergeError::CategoryMismatch { .. })
    ));
    let merged = merge(
        logs(),
        &MergeOptions {
            category: Some("vigil/all".into()),
        },
    )
    .unwrap();
    assert_eq!(
        merged.runs[0]
            .automation_details
            .as_ref()
            .unwrap()
            .id
            .as_deref(),
        Some("vigil/all")
    );
    let renamed = text.replacen("\"name\": \"vigil\"", "\"name\": \"other\"", 1);
    let logs = vec![
        ("a".to_owned(), parse_log("a", &text).unwrap()),
        ("c".to_owned(), parse_log("c", &renamed).unwrap()),
    ];
    let err = merge(logs, &MergeOptions::default()).unwrap_err();
    assert!(matches!(err, MergeError::ToolMismatch { .. }), "{err}");
    assert!(matches!(
        parse_log("x", "{\"runs\": 3}"),
        Err(MergeError::Parse { .. })
    ));
    assert!(matches!(
        merge(Vec::new(), &MergeOptions::default()),
        Err(MergeError::NoInput)
    ));
}
