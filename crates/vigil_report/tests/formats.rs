//! The CI formats: github annotations + step summary, GitLab Code Quality, reviewdog rdjson/rdjsonl,
//! JUnit XML and the markdown summary; each snapshot-tested and checked for its published fields.

mod common;

use common::*;
use serde_json::Value;
use vigil_core::{Finding, Severity};
use vigil_report::markdown::MarkdownOptions;
use vigil_report::{github, markdown, Format};

#[test]
fn github_annotations_escape_and_cap() {
    let report = realistic_report();
    let out = render(Format::Github, &report, &opts());
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("::error file=src/main/java/app/Handler.java,line=10,endLine=10,col="),
        "{out}"
    );
    assert!(lines[0].contains(",title=SqlInjection (java/sql-injection)::User input from"));
    // `:` and `,` are escaped in properties, `%`/CR/LF in the message.
    let mut f = report.findings[0].clone();
    f.message = "50% done\r\nnext: a, b".into();
    let line = github::annotation(&f, "T: a, b");
    assert!(
        line.ends_with(",title=T%3A a%2C b::50%25 done%0D%0Anext: a, b"),
        "{line}"
    );
    assert_eq!(github::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    // A multi-line finding has no columns.
    let mut multi = f.clone();
    multi.location.end.line += 2;
    assert!(!github::annotation(&multi, "t").contains(",col="));
    insta::assert_snapshot!("github", out);

    // 25 errors: 10 annotated + one notice with the rest.
    let mut many = report.clone();
    many.findings = (0..25)
        .map(|i| Finding {
            message: format!("m{i}"),
            severity: Severity::Error,
            ..report.findings[0].clone()
        })
        .collect();
    let out = render(Format::Github, &many, &opts());
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(
        out.contains("::notice title=vigil::15 more finding(s) not annotated"),
        "{out}"
    );
}

#[test]
fn github_step_summary_is_appended() {
    let dir = tempdir();
    let path = dir.join("summary.md");
    std::fs::write(&path, "previous step\n").unwrap();
    let md = MarkdownOptions {
        link_base: Some("https://github.com/o/r/blob/abc".into()),
        ..Default::default()
    };
    github::append_step_summary(&path, &realistic_report(), &md).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("previous step\n## vigil\n"));
    assert!(text.contains("[src/main/java/app/Handler.java:10](https://github.com/o/r/blob/abc/src/main/java/app/Handler.java#L10)"), "{text}");
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vigil-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn gitlab_code_quality_has_the_required_fields() {
    let report = realistic_report();
    let out = render(Format::Gitlab, &report, &opts());
    let doc: Value = serde_json::from_str(&out).unwrap();
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), report.findings.len());
    let mut fps = std::collections::HashSet::new();
    for i in issues {
        for k in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[k].as_str().is_some_and(|s| !s.is_empty()), "{k} in {i}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert!(i["location"]["path"]
            .as_str()
            .is_some_and(|p| !p.starts_with('/')));
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            fps.insert(i["fingerprint"].as_str().unwrap().to_owned()),
            "fingerprints are unique"
        );
    }
    assert_eq!(
        issues
            .iter()
            .find(|i| i["check_name"] == "java/sql-injection")
            .unwrap()["severity"],
        "critical"
    );
    assert_eq!(
        issues
            .iter()
            .find(|i| i["check_name"] == "python/bare-except")
            .unwrap()["severity"],
        "minor"
    );
    assert_eq!(render(Format::Gitlab, &empty_report(), &opts()), "[]\n");
    insta::assert_snapshot!("gitlab", out);
}

#[test]
fn rdjson_uses_byte_columns_and_fixes_become_suggestions() {
    let report = realistic_report();
    let out = render(Format::Rdjson, &report, &opts());
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["source"]["name"], "vigil");
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 3);
    for d in diags {
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["location"]["path"].is_string());
        assert!(d["location"]["range"]["start"]["line"].as_u64().unwrap() >= 1);
        assert!(d["code"]["value"].is_string());
    }
    let sql = diags
        .iter()
        .find(|d| d["code"]["value"] == "java/sql-injection")
        .unwrap();
    // `        /* 😀 */ stmt...`: the emoji is 4 bytes, so the byte column is 3 more than the char column.
    let line = JAVA_SRC.lines().nth(9).unwrap();
    assert_eq!(
        sql["location"]["range"]["start"]["column"],
        line.find("stmt").unwrap() + 1
    );
    assert_eq!(
        sql["code"]["url"],
        "https://github.com/vigil-dev/vigil/blob/main/docs/rules/java/sql-injection.md"
    );
    let hash = diags
        .iter()
        .find(|d| d["code"]["value"] == "java/weak-hash")
        .unwrap();
    assert_eq!(hash["suggestions"][0]["text"], "\"SHA-256\"");
    assert_eq!(hash["suggestions"][0]["range"], hash["location"]["range"]);
    insta::assert_snapshot!("rdjson", out);

    let lines = render(Format::Rdjsonl, &report, &opts());
    let parsed: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed.as_slice(), diags.as_slice());
}

/// A small XML well-formedness check: balanced tags, quoted attributes, no raw `<`/`&` in text.
fn assert_well_formed_xml(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        assert!(!text.contains('>'), "raw > in text: {text}");
        for (i, _) in text.match_indices('&') {
            let ent = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "raw & in {text}"
            );
        }
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "< inside a tag: {tag}");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().expect("tag name").to_owned());
        }
        rest = &rest[gt + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

#[test]
fn junit_is_well_formed_with_one_failure_per_finding() {
    let mut report = realistic_report();
    report.findings[0].message = "a < b && c > \"d\" 'e' \u{1} ]]>".into();
    let out = render(Format::Junit, &report, &opts());
    assert_well_formed_xml(&out);
    assert!(
        out.contains("<testsuites name=\"vigil\" tests=\"4\" failures=\"3\""),
        "{out}"
    );
    assert_eq!(out.matches("<failure ").count(), 3);
    assert_eq!(
        out.matches("<testsuite name=").count(),
        5,
        "4 rules + notifications"
    );
    assert!(out.contains("<testcase classname=\"buildspec/plaintext-secret\" name=\"buildspec/plaintext-secret\"/>"), "a rule without findings passes");
    assert!(out.contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos; ? ]]&gt;"));
    if let Ok(o) = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.read().encode())",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(out.as_bytes())?;
            c.wait_with_output()
        })
    {
        assert!(o.status.success(), "python's XML parser rejects the report");
    }
    insta::assert_snapshot!("junit", render(Format::Junit, &realistic_report(), &opts()));
}

#[test]
fn markdown_summary_counts_and_links() {
    let report = realistic_report();
    let md = MarkdownOptions {
        link_base: Some("https://github.com/o/r/blob/abc".into()),
        ..Default::default()
    };
    let mut out = Vec::new();
    markdown::render_with(&report, &opts(), &md, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("**3 finding(s)** in 7 file(s) scanned with 4 rule(s)."));
    assert!(out.contains("| error | 1 |\n| warning | 1 |\n| note | 1 |"));
    // Most severe first, rule linked to its docs, pipes and HTML escaped.
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("](https://github.com/o/r/"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows[0].starts_with("| **error** |")
            && rows[1].starts_with("| warning |")
            && rows[2].starts_with("| note |")
    );
    assert!(rows[0].contains("[`java/sql-injection`](https://github.com/vigil-dev/vigil/blob/main/docs/rules/java/sql-injection.md)"));
    assert!(out.contains("\\| &lt;and&gt; SystemExit"), "{out}");
    assert!(
        out.contains(
            "[tools/clean up.py:6](https://github.com/o/r/blob/abc/tools/clean%20up.py#L6)"
        ),
        "{out}"
    );
    assert!(out.contains("1 finding(s) suppressed"));
    insta::assert_snapshot!("markdown", out);

    let mut clean = Vec::new();
    markdown::render_with(
        &empty_report(),
        &opts(),
        &MarkdownOptions::default(),
        &mut clean,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(clean).unwrap(),
        "## vigil\n\nNo findings in 3 file(s) scanned with 4 rule(s).\n"
    );
}

#[test]
fn every_format_handles_a_clean_scan() {
    let report = empty_report();
    assert_eq!(render(Format::Github, &report, &opts()), "");
    assert_eq!(render(Format::Rdjsonl, &report, &opts()), "");
    let rd: Value = serde_json::from_str(&render(Format::Rdjson, &report, &opts())).unwrap();
    assert_eq!(rd["diagnostics"], serde_json::json!([]));
    let junit = render(Format::Junit, &report, &opts());
    assert_well_formed_xml(&junit);
    assert!(junit.contains("tests=\"4\" failures=\"0\""));
    assert!(
        github::WORKFLOW_TEMPLATE.contains("github/codeql-action")
            || github::WORKFLOW_TEMPLATE.contains("vigil-dev/vigil@")
    );
}
