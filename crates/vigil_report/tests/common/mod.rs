//! Shared fixtures and checkers for the report tests: realistic `ScanReport`s built from real source
//! text, a SARIF 2.1.0 schema validator (the official schema in `testdata/sarif/`), and GitHub's
//! code-scanning ingestion rules re-stated in Rust (the checks `validate-sarif.sh` makes).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]
#![expect(
    clippy::unwrap_used,
    reason = "test fixtures: a failure is a test failure"
)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use vigil_core::rule::parse_rule;
use vigil_core::{
    fingerprint, Edit, FileKind, Finding, Fix, FixApplicability, FlowStep, Notification,
    NotificationLevel, Related, Rule, ScanReport, Severity, SourceFile, TextRange,
};

pub(crate) const SQL_RULE: &str = r#"id: java/sql-injection
name: SqlInjection
category: security
severity: error
security-severity: 8.8
cwe: [89]
tags: [injection]
precision: high
short-description: SQL query built from user-controlled data
description: Building a SQL statement by concatenating data from an HTTP request lets an attacker change the query.
noncompliant: |
  String q = "SELECT * FROM t WHERE name = '" + req.getParameter("n") + "'";
  stmt.executeQuery(q);
compliant: |
  PreparedStatement ps = conn.prepareStatement("SELECT * FROM t WHERE name = ?");
  ps.setString(1, req.getParameter("n"));
references:
  - https://owasp.org/www-community/attacks/SQL_Injection
limitations:
  - Flows through collections are not tracked.
analysis: taint
"#;

pub(crate) const HASH_RULE: &str = r#"id: java/weak-hash
name: WeakHash
category: security
severity: warning
security-severity: 5.9
cwe: [328, 327]
precision: very-high
short-description: Weak hash algorithm (MD5 or SHA-1)
description: MD5 and SHA-1 are broken for collision resistance.
noncompliant: MessageDigest.getInstance("MD5");
compliant: MessageDigest.getInstance("SHA-256");
fix: Replace the algorithm name with SHA-256 (changes the hash values; not applied automatically).
analysis: weak_hash
"#;

pub(crate) const EXCEPT_RULE: &str = r#"id: python/bare-except
name: BareExcept
category: quality
severity: note
precision: high
short-description: "Bare `except:` catches SystemExit and KeyboardInterrupt"
description: "A bare `except:` also catches `SystemExit` and `KeyboardInterrupt`, hiding real failures | and pipes."
noncompliant: |
  try:
      run()
  except:
      pass
compliant: |
  try:
      run()
  except Exception:
      log()
query:
  pattern: "(except_clause) @report"
  message: bare except
"#;

pub(crate) const UNUSED_RULE: &str = r#"id: buildspec/plaintext-secret
name: PlaintextSecret
category: deploy-spec
severity: error
precision: medium
short-description: Secret in plain text in a buildspec
description: A secret value is written in plain text under env.variables.
noncompliant: "env:\n  variables:\n    PASSWORD: hunter2"
compliant: "env:\n  secrets-manager:\n    PASSWORD: prod/db:password"
analysis: buildspec_secrets
"#;

pub(crate) const JAVA_SRC: &str = "package app;

import java.security.MessageDigest;

class Handler {
    // Grüße: naïve 😀 comment
    void handle(HttpServletRequest req, Statement stmt) throws Exception {
        String name = req.getParameter(\"name\");
        String q = \"SELECT * FROM users WHERE name = '\" + name + \"'\";
        /* 😀 */ stmt.executeQuery(q);
        MessageDigest md = MessageDigest.getInstance(\"MD5\");
    }
}\n";

pub(crate) const PY_SRC: &str = "import os

def run(path):
    try:
        os.remove(path)
    except:
        pass

def again():
    try:
        pass
    except:  # vigil-ignore[python/bare-except]: intentional
        pass\n";

pub(crate) fn rule(text: &str) -> Arc<Rule> {
    let id_line = text.lines().next().unwrap();
    let id = id_line.trim_start_matches("id: ");
    let kind = FileKind::from_name(id.split('/').next().unwrap());
    Arc::new(parse_rule(&format!("{id}.yaml"), text, kind, false).unwrap())
}

pub(crate) fn rules() -> Vec<Arc<Rule>> {
    let mut r = vec![
        rule(SQL_RULE),
        rule(HASH_RULE),
        rule(EXCEPT_RULE),
        rule(UNUSED_RULE),
    ];
    r.sort_by(|a, b| a.id.cmp(&b.id));
    r
}

/// Byte range of the `nth` (0-based) occurrence of `needle` in `text`.
pub(crate) fn find(text: &str, needle: &str, nth: usize) -> TextRange {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} not found"))
        .0;
    TextRange::new(start, start + needle.len())
}

pub(crate) fn java_file(text: &str) -> SourceFile {
    SourceFile::new(
        PathBuf::from("/work/project/src/main/java/app/Handler.java"),
        "src/main/java/app/Handler.java",
        FileKind::Java,
        text,
    )
}

pub(crate) fn py_file(text: &str) -> SourceFile {
    SourceFile::new(
        PathBuf::from("/work/project/tools/clean up.py"),
        "tools/clean up.py",
        FileKind::Python,
        text,
    )
}

/// The findings of the Java file: a SQL injection with a flow path and related location, and a weak
/// hash with a fix; fingerprints assigned as the driver does.
pub(crate) fn java_findings(file: &SourceFile) -> Vec<Finding> {
    let t = &file.text;
    let source = file.location(find(t, "req.getParameter(\"name\")", 0));
    let concat = file.location(find(
        t,
        "\"SELECT * FROM users WHERE name = '\" + name + \"'\"",
        0,
    ));
    let sink = file.location(find(t, "stmt.executeQuery(q)", 0));
    let sql = Finding::new(
        "java/sql-injection",
        Severity::Error,
        sink.clone(),
        "User input from `req.getParameter(\"name\")` reaches `executeQuery` through `q`",
    )
    .with_related(vec![Related {
        location: source.clone(),
        message: "request parameter".into(),
    }])
    .with_flow(vec![
        FlowStep {
            location: source,
            message: "source: `req.getParameter(\"name\")`".into(),
        },
        FlowStep {
            location: concat,
            message: "concatenated into `q`".into(),
        },
        FlowStep {
            location: sink,
            message: "sink: `executeQuery(q)`".into(),
        },
    ]);
    let md5 = find(t, "\"MD5\"", 0);
    let hash = Finding::new(
        "java/weak-hash",
        Severity::Warning,
        file.location(md5),
        "`MessageDigest.getInstance(\"MD5\")` uses the broken hash MD5",
    )
    .with_fix(Fix {
        description: "Use SHA-256".into(),
        edits: vec![Edit {
            range: md5,
            replacement: "\"SHA-256\"".into(),
        }],
        applicability: FixApplicability::Unsafe,
    });
    let mut v = vec![sql, hash];
    v.sort();
    fingerprint::assign(file, &mut v);
    v
}

pub(crate) fn py_findings(file: &SourceFile) -> (Vec<Finding>, Vec<Finding>) {
    let t = &file.text;
    let mk = |n| {
        Finding::new(
            "python/bare-except",
            Severity::Note,
            file.location(find(t, "except", n)),
            "bare `except:` also catches `KeyboardInterrupt` | <and> SystemExit",
        )
    };
    let mut v = vec![mk(0), mk(1)];
    v.sort();
    fingerprint::assign(file, &mut v);
    let suppressed = v.pop().unwrap();
    (v, vec![suppressed])
}

/// A realistic report: 2 files, 3 reported findings (flow, related, fix, non-ASCII), 1 suppressed,
/// 2 notifications, 4 rules that ran (one without findings).
pub(crate) fn realistic_report() -> ScanReport {
    let java = java_file(JAVA_SRC);
    let py = py_file(PY_SRC);
    let mut findings = java_findings(&java);
    let (py_reported, suppressed) = py_findings(&py);
    findings.extend(py_reported);
    findings.sort();
    let mut sources = BTreeMap::new();
    sources.insert(java.rel_path.clone(), java.text.clone());
    sources.insert(py.rel_path.clone(), py.text.clone());
    let notifications = vec![
        Notification::file(
            NotificationLevel::Warning,
            "not-utf8",
            "data/legacy.py",
            "not valid UTF-8; skipped",
        ),
        Notification {
            level: NotificationLevel::Error,
            kind: "panic".into(),
            path: Some("src/Broken.java".into()),
            message: "rule java/weak-hash panicked: index out of bounds".into(),
            rule_id: Some("java/weak-hash".into()),
        },
    ];
    ScanReport {
        root: PathBuf::from("/work/project"),
        findings,
        suppressed,
        notifications,
        rules: rules(),
        sources,
        files_scanned: 7,
        elapsed: Duration::ZERO,
    }
}

pub(crate) fn empty_report() -> ScanReport {
    ScanReport {
        root: PathBuf::from("/work/project"),
        rules: rules(),
        files_scanned: 3,
        ..ScanReport::default()
    }
}

pub(crate) fn opts() -> vigil_report::RenderOptions {
    vigil_report::RenderOptions {
        tool_version: "0.1.0".into(),
        ..Default::default()
    }
}

pub(crate) fn render(
    format: vigil_report::Format,
    report: &ScanReport,
    opts: &vigil_report::RenderOptions,
) -> String {
    let mut out = Vec::new();
    vigil_report::render(format, report, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

// ------------------------------------------------------------------------------------------------
// SARIF checks

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/sarif/sarif-2.1.0.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Errors of `doc` against the official SARIF 2.1.0 schema.
pub(crate) fn schema_errors(doc: &Value) -> Vec<String> {
    thread_local! {
        static VALIDATOR: jsonschema::Validator = jsonschema::validator_for(&schema()).unwrap();
    }
    VALIDATOR.with(|v| {
        v.iter_errors(doc)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect()
    })
}

fn text_ok(v: &Value) -> bool {
    v.get("text")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

fn check_region(errs: &mut Vec<String>, at: &str, pl: &Value, primary: bool) {
    let Some(region) = pl.get("region") else {
        if primary {
            errs.push(format!("{at}: no region"));
        }
        return;
    };
    let get = |k: &str| region.get(k).and_then(Value::as_i64);
    let Some(sl) = get("startLine") else {
        if primary {
            errs.push(format!("{at}: no startLine"));
        }
        return;
    };
    let sc = get("startColumn").unwrap_or(1);
    let el = get("endLine").unwrap_or(sl);
    if sl < 1 || sc < 1 {
        errs.push(format!("{at}: startLine/startColumn below 1"));
    }
    if el < sl {
        errs.push(format!("{at}: endLine < startLine"));
    }
    if let Some(ec) = get("endColumn") {
        if ec < 1 || (el == sl && ec < sc) {
            errs.push(format!("{at}: bad endColumn {ec}"));
        }
    }
}

fn check_uri(errs: &mut Vec<String>, at: &str, loc: &Value, bases: &HashSet<String>) {
    let Some(pl) = loc.get("physicalLocation") else {
        errs.push(format!("{at}: no physicalLocation"));
        return;
    };
    let al = &pl["artifactLocation"];
    let uri = al.get("uri").and_then(Value::as_str).unwrap_or("");
    if uri.is_empty() {
        errs.push(format!("{at}: no uri"));
    }
    if uri.contains(':')
        && uri
            .split(':')
            .next()
            .is_some_and(|s| s.len() > 1 && !s.contains('/'))
    {
        errs.push(format!("{at}: absolute uri {uri}"));
    }
    if uri.contains('\\') || uri.starts_with("./") || uri.starts_with('/') || uri.contains(' ') {
        errs.push(format!("{at}: bad relative uri {uri}"));
    }
    if let Some(b) = al.get("uriBaseId").and_then(Value::as_str) {
        if !bases.contains(b) {
            errs.push(format!("{at}: uriBaseId {b} not in originalUriBaseIds"));
        }
    }
}

/// GitHub code-scanning ingestion checks (errors and the warnings vigil treats as errors).
pub(crate) fn github_errors(doc: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    if doc.get("$schema").and_then(Value::as_str).is_none() {
        errs.push("no $schema".into());
    }
    if doc["version"] != "2.1.0" {
        errs.push("version is not 2.1.0".into());
    }
    let Some(runs) = doc["runs"].as_array() else {
        return vec!["no runs".into()];
    };
    if runs.len() > 20 {
        errs.push("more than 20 runs".into());
    }
    let mut keys = HashSet::new();
    for (ri, run) in runs.iter().enumerate() {
        let driver = &run["tool"]["driver"];
        if driver["name"].as_str().is_none_or(|s| s.trim().is_empty()) {
            errs.push(format!("run {ri}: no tool name"));
        }
        let key = (
            driver["name"].to_string(),
            driver["semanticVersion"].to_string(),
            run["automationDetails"]["id"].to_string(),
        );
        if !keys.insert(key) {
            errs.push(format!("run {ri}: duplicate tool + category"));
        }
        if !run["automationDetails"]["id"]
            .as_str()
            .is_some_and(|s| s.contains('/'))
        {
            errs.push(format!("run {ri}: automationDetails.id without '/'"));
        }
        let Some(rules) = driver["rules"].as_array() else {
            errs.push(format!("run {ri}: no rules array"));
            continue;
        };
        if rules.len() > 25_000 {
            errs.push("too many rules".into());
        }
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (qi, rule) in rules.iter().enumerate() {
            let at = format!("rules[{qi}]");
            let id = rule["id"].as_str().unwrap_or("");
            if id.is_empty() || ids.insert(id, qi).is_some() {
                errs.push(format!("{at}: missing or duplicate id"));
            }
            for p in ["shortDescription", "fullDescription", "help"] {
                if !text_ok(&rule[p]) {
                    errs.push(format!("{at}: {p}.text missing"));
                }
            }
            for p in ["shortDescription", "fullDescription"] {
                if rule[p]["text"]
                    .as_str()
                    .is_some_and(|t| t.chars().count() > 1024)
                {
                    errs.push(format!("{at}: {p} > 1024"));
                }
            }
            if rule["help"]["markdown"]
                .as_str()
                .is_none_or(|t| t.trim().is_empty())
            {
                errs.push(format!("{at}: no help.markdown"));
            }
            if rule["name"]
                .as_str()
                .is_some_and(|n| n.chars().count() > 255)
            {
                errs.push(format!("{at}: name > 255"));
            }
            if let Some(l) = rule["defaultConfiguration"]["level"].as_str() {
                if !["note", "warning", "error"].contains(&l) {
                    errs.push(format!("{at}: level {l}"));
                }
            }
            let props = &rule["properties"];
            let tags: Vec<&str> = props["tags"]
                .as_array()
                .map(|t| t.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if tags.len() > 10 {
                errs.push(format!(
                    "{at}: {} tags (GitHub keeps 10, rejects > 20)",
                    tags.len()
                ));
            }
            if !props["precision"]
                .as_str()
                .is_some_and(|p| ["very-high", "high", "medium", "low"].contains(&p))
            {
                errs.push(format!("{at}: precision"));
            }
            if let Some(ps) = props.get("problem.severity") {
                if !ps
                    .as_str()
                    .is_some_and(|p| ["error", "warning", "recommendation"].contains(&p))
                {
                    errs.push(format!("{at}: problem.severity"));
                }
            }
            if let Some(ss) = props.get("security-severity") {
                match ss.as_str().and_then(|s| s.parse::<f64>().ok()) {
                    Some(v) if v > 0.0 && v <= 10.0 => {}
                    _ => errs.push(format!(
                        "{at}: security-severity {ss} is not a numeric string in (0, 10]"
                    )),
                }
                if !tags.contains(&"security") {
                    errs.push(format!("{at}: security-severity without security tag"));
                }
            }
        }
        let Some(results) = run["results"].as_array() else {
            errs.push(format!("run {ri}: no results array"));
            continue;
        };
        if results.len() > 25_000 {
            errs.push("more than 25,000 results".into());
        }
        if !results.is_empty() && run.get("columnKind").is_none() {
            errs.push("no columnKind".into());
        }
        let bases: HashSet<String> = run["originalUriBaseIds"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        let mut supp = HashSet::new();
        for (xi, res) in results.iter().enumerate() {
            let at = format!("results[{xi}]");
            if !text_ok(&res["message"]) {
                errs.push(format!("{at}: message.text"));
            }
            let rid = res["ruleId"].as_str().unwrap_or("");
            if !ids.contains_key(rid) {
                errs.push(format!("{at}: ruleId {rid} not in rules"));
            }
            match res["ruleIndex"].as_i64() {
                Some(i) => {
                    if rules
                        .get(usize::try_from(i).unwrap_or(usize::MAX))
                        .map(|r| &r["id"])
                        != Some(&Value::from(rid))
                    {
                        errs.push(format!("{at}: ruleIndex {i} does not match {rid}"));
                    }
                }
                None => errs.push(format!("{at}: no ruleIndex")),
            }
            let locs = res["locations"].as_array().cloned().unwrap_or_default();
            if locs.is_empty() || locs.len() > 1000 {
                errs.push(format!("{at}: {} locations", locs.len()));
            }
            for (li, loc) in locs.iter().enumerate() {
                check_uri(&mut errs, &format!("{at}.locations[{li}]"), loc, &bases);
                check_region(
                    &mut errs,
                    &format!("{at}.locations[{li}]"),
                    &loc["physicalLocation"],
                    li == 0,
                );
            }
            let rel = res["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let rel_ids: HashSet<i64> = rel.iter().filter_map(|l| l["id"].as_i64()).collect();
            for (li, loc) in rel.iter().enumerate() {
                check_uri(
                    &mut errs,
                    &format!("{at}.relatedLocations[{li}]"),
                    loc,
                    &bases,
                );
                check_region(
                    &mut errs,
                    &format!("{at}.relatedLocations[{li}]"),
                    &loc["physicalLocation"],
                    false,
                );
            }
            let text = res["message"]["text"].as_str().unwrap_or("");
            let mut rest = text;
            while let Some(p) = rest.find("](") {
                rest = &rest[p + 2..];
                if let Some(end) = rest.find(')') {
                    if let Ok(n) = rest[..end].parse::<i64>() {
                        if !rel_ids.contains(&n) {
                            errs.push(format!("{at}: message links to missing location {n}"));
                        }
                    }
                }
            }
            let plh = res["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .unwrap_or("");
            let ok = plh.split_once(':').is_some_and(|(h, n)| {
                !h.is_empty()
                    && h.len() <= 16
                    && h.chars()
                        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
            });
            if !ok {
                errs.push(format!("{at}: primaryLocationLineHash {plh:?}"));
            }
            let mut tfl = 0;
            for cf in res["codeFlows"].as_array().into_iter().flatten() {
                for tf in cf["threadFlows"].as_array().into_iter().flatten() {
                    for (k, tl) in tf["locations"].as_array().into_iter().flatten().enumerate() {
                        tfl += 1;
                        if tl.get("location").is_none() {
                            errs.push(format!("{at}: threadFlowLocation {k} not inline"));
                        } else {
                            check_uri(
                                &mut errs,
                                &format!("{at}.tfl[{k}]"),
                                &tl["location"],
                                &bases,
                            );
                        }
                    }
                }
            }
            if tfl > 1000 {
                errs.push(format!("{at}: {tfl} thread-flow locations"));
            }
            supp.insert(res.get("suppressions").is_some());
        }
        if supp.len() > 1 {
            errs.push(format!("run {ri}: suppressions on some results only"));
        }
    }
    errs
}

/// Parse, schema-check and GitHub-check a SARIF text; panic with every problem.
pub(crate) fn assert_valid_sarif(text: &str) -> Value {
    let doc: Value = serde_json::from_str(text).unwrap();
    let mut errs = schema_errors(&doc);
    errs.extend(github_errors(&doc));
    assert!(errs.is_empty(), "invalid SARIF:\n{}", errs.join("\n"));
    if text.len() > 10 * 1024 * 1024 {
        assert!(
            gzip_len(text).is_none_or(|n| n < 10 * 1024 * 1024),
            "over GitHub's 10 MB (gzip) upload size"
        );
    }
    doc
}

/// Size of `text` after `gzip -c` (None when gzip is not installed).
pub(crate) fn gzip_len(text: &str) -> Option<usize> {
    use std::io::Write;
    let mut child = std::process::Command::new("gzip")
        .arg("-c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let data = text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(out.stdout.len())
}
