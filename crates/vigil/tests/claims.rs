//! The documentation claims only what the binary does (issue #8, defect 14):
//! - every rule id named in README.md, docs/*.md and examples/demo/README.md is a rule of the binary;
//! - the demo README's table of findings equals the findings of `vigil scan examples/demo`.
//!
//! New rules keep these tests working: the first checks names exist, the second compares the demo
//! README with whatever the scan reports (a rule that starts firing on the demo must be listed there).

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const KINDS: [&str; 5] = ["java", "python", "buildspec", "appspec", "openapi"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vigil(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap()
}

fn rule_ids() -> BTreeSet<String> {
    let out = vigil(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Rule ids named in `text`: `KIND/name` not inside a longer path (`docs/rules/java/x.md`) and not a
/// file name (`java/x.md`) or a directory (`java/models/`). Not claims either: a prefix (`openapi/apigw-…`),
/// a one-letter placeholder (`java/x`), and an id on a line that shows vigil rejecting it
/// ("unknown rule ... did you mean").
fn named_ids(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for kind in KINDS {
        let pat = format!("{kind}/");
        for (at, _) in text.match_indices(&pat) {
            let before = at.checked_sub(1).map(|i| b[i]);
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || b"/._-\\".contains(&c)) {
                continue;
            }
            let start = at + pat.len();
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(text.len() - start);
            let name = text[start..start + len].trim_end_matches('-');
            if name.is_empty() {
                continue;
            }
            let after = &text[start + name.len()..];
            let is_path = after.starts_with('/')
                || (after.starts_with('.')
                    && after[1..].starts_with(|c: char| c.is_ascii_alphanumeric()));
            let is_prefix = after.trim_start_matches('-').starts_with(['…', '*']);
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let rejected = text[line_start..line_end].contains("unknown rule");
            if !is_path && !is_prefix && name.len() > 1 && !rejected {
                let line = text[..at].matches('\n').count() + 1;
                out.push((line, format!("{kind}/{name}")));
            }
        }
    }
    out
}

#[test]
fn every_rule_id_the_docs_name_exists() {
    let ids = rule_ids();
    assert!(ids.len() > 50, "{ids:?}");
    let mut docs = vec![
        repo().join("README.md"),
        repo().join("examples/demo/README.md"),
    ];
    for e in std::fs::read_dir(repo().join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            docs.push(p);
        }
    }
    let mut missing = Vec::new();
    let mut named = 0;
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        for (line, id) in named_ids(&text) {
            named += 1;
            if !ids.contains(&id) {
                missing.push(format!("{}:{line}: `{id}`", doc.display()));
            }
        }
    }
    assert!(named > 20, "the docs name {named} rules");
    assert!(
        missing.is_empty(),
        "the docs name rules that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn rule_id_extraction_skips_paths() {
    let text = "`java/weak-hash`, [python/x-y]: docs/rules/java/sql-injection.md rules/java/models/ java/a.yaml `openapi/apigw-…` java/x\nunknown rule `java/weak-hsh`\n";
    let ids: Vec<String> = named_ids(text).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, ["java/weak-hash", "python/x-y"]);
}

#[test]
fn the_demo_readme_lists_exactly_the_demo_findings() {
    let out = vigil(&["scan", "examples/demo", "-f", "json", "--no-progress", "-q"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: BTreeSet<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["location"]["path"].as_str().unwrap();
            (
                path.strip_prefix("examples/demo/")
                    .unwrap_or(path)
                    .to_owned(),
                f["rule_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(!found.is_empty());
    let readme = std::fs::read_to_string(repo().join("examples/demo/README.md")).unwrap();
    let section = readme
        .split("## What the scan reports")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let mut listed = BTreeSet::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let file = cells[0]
            .trim_start_matches("| ")
            .trim_matches('`')
            .to_owned();
        for (_, id) in named_ids(cells[1]) {
            listed.insert((file.clone(), id));
        }
    }
    let missing: Vec<_> = found.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&found).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "examples/demo/README.md and the demo scan disagree:\n  found, not listed: {missing:?}\n  listed, not found: {extra:?}"
    );
    // The counts the README states.
    let s = &v["summary"];
    let stated = format!(
        "{} findings, {} errors\nand {} warnings",
        s["findings"], s["error"], s["warning"]
    );
    assert!(
        readme
            .replace('\n', " ")
            .contains(&stated.replace('\n', " ")),
        "the demo README should say `{stated}`"
    );
}
