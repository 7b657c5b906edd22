//! End-to-end tests of the `vigil` binary: exit codes, bad input, notices, output files, baselines,
//! determinism and the rendered outputs.
//!
//! Tests that need findings use a user rule file with a tree-sitter `query:` (see `DANGER_RULE`); they
//! need the query engine (`vigil_query`) and are `#[ignore]`d until it is merged.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// A user rule flagging calls of `danger(...)` in Python.
const DANGER_RULE: &str = r#"id: python/test-danger-call
name: DangerCall
category: security
severity: error
security-severity: 8.0
cwe: [78]
precision: high
short-description: Call of the test function `danger`
description: |
  A rule used by vigil's own CLI tests.
noncompliant: |
  danger(x)
compliant: |
  safe(x)
query:
  pattern: '(call function: (identifier) @fn (#eq? @fn "danger")) @report'
  message: "call of `{fn}`"
"#;

/// A user rule naming an analysis nobody implements (fine for `rules` and `explain`).
const DOC_RULE: &str = r"id: java/test-doc-rule
name: DocRule
category: quality
severity: note
precision: medium
maturity: experimental
tags: [test, docs]
short-description: A rule used to test `vigil explain`
description: |
  Explains things.

  Over two paragraphs.
noncompliant: |
  int x = 1;
compliant: |
  final int x = 1;
references:
  - https://example.com/doc
limitations:
  - Sees one file at a time.
fix: Add `final`.
analysis: not_a_real_analysis
";

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = Self { dir };
        for (path, text) in files {
            p.write(path, text.as_bytes());
        }
        p
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    fn vigil(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vigil"));
        c.current_dir(self.path()).env_remove("NO_COLOR");
        c
    }

    fn with_danger_rule(self) -> Self {
        self.write("myrules/danger.yaml", DANGER_RULE.as_bytes());
        self
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

fn notice_kinds(v: &serde_json::Value) -> Vec<String> {
    v["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n["kind"].as_str().unwrap(),
                n["path"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

macro_rules! with_filters {
    ($body:block) => {{
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(r"in [0-9]+\.[0-9]+s", "in [TIME]");
        settings.add_filter(r#""version": "[0-9][^"]*""#, r#""version": "[VERSION]""#);
        settings.bind(|| $body);
    }};
}

// ---------------------------------------------------------------------------------------------
// Usage errors: exit 2 with a one-line reason.

#[test]
fn help_and_version_exit_0() {
    let p = Project::new(&[]);
    p.vigil()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("scan"));
    p.vigil()
        .args(["scan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--fail-on"));
    p.vigil()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("vigil "));
}

#[test]
fn bad_flags_exit_2() {
    let p = Project::new(&[]);
    for args in [
        vec!["scan", "--bogus"],
        vec!["scan", "--format", "xml"],
        vec!["scan", "--fail-on", "sometimes"],
        vec!["scan", "--jobs", "0"],
        vec!["scan", "--shard", "3/2"],
        vec!["scan", "--max-file-size", "12XB"],
        vec!["frobnicate"],
        vec![],
    ] {
        let out = p.vigil().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[test]
fn nonexistent_path_exits_2_with_one_line() {
    let p = Project::new(&[("a.py", "x = 1\n")]);
    let out = p
        .vigil()
        .args(["scan", "a.py", "missing/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "vigil: error: missing/dir: no such file or directory\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_config_exits_2_with_file_and_line() {
    let p = Project::new(&[
        ("a.py", "x = 1\n"),
        ("vigil.toml", "select = [\"*\"]\nselct = [\"java\"]\n"),
    ]);
    let out = p.vigil().args(["scan", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("vigil: error: vigil.toml:2: unknown field `selct`"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // A wrong value type, an unknown selector and a bad glob, each with its line.
    for (text, line, what) in [
        ("fail-on = 3\n", 1, "wanted string"),
        ("\n[severity]\nquality = \"loud\"\n", 3, "loud"),
        (
            "ignore = [\n  \"no-such-category\",\n]\n",
            2,
            "no-such-category",
        ),
        ("\n\nexclude = [\"src/[\"]\n", 3, "invalid glob"),
        (
            "[[overrides]]\nfiles = [\"t\"]\nignore = [\"nope/x\"]\n",
            3,
            "nope/x",
        ),
    ] {
        p.write("vigil.toml", text.as_bytes());
        let out = p.vigil().args(["scan", "."]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("vigil: error: vigil.toml:{line}: ")),
            "{text}: {err}"
        );
        assert!(err.contains(what), "{text}: {err}");
    }
}

#[test]
fn explicit_config_file_is_used_and_found_upward() {
    let p = Project::new(&[
        ("sub/dir/a.py", "x = 1\n"),
        ("vigil.toml", "max-file-size = 2\n"),
        ("other.toml", "oops\n"),
    ]);
    // Found upward from the scanned directory: a.py is over the 2-byte limit.
    let out = p
        .vigil()
        .args(["scan", "sub/dir", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(notice_kinds(&json(&out)), ["too-large sub/dir/a.py"]);
    let out = p
        .vigil()
        .args(["scan", "--config", "other.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("vigil: error: other.toml:1:"),
        "{}",
        stderr(&out)
    );
    let out = p
        .vigil()
        .args(["scan", "--config", "absent.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unknown_selectors_exit_2_with_a_suggestion() {
    let p = Project::new(&[("a.py", "x = 1\n")]).with_danger_rule();
    let out = p
        .vigil()
        .args([
            "scan",
            "--rules",
            "myrules",
            "--select",
            "python/test-danger-cal",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--select: unknown rule"), "{err}");
    assert!(
        err.contains("did you mean `python/test-danger-call`"),
        "{err}"
    );
    let out = p
        .vigil()
        .args(["scan", "--ignore", "x,y"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn malformed_rule_file_exits_2_naming_file_line_and_field() {
    let p = Project::new(&[("a.py", "x = 1\n")]);
    p.write(
        "myrules/bad.yaml",
        DANGER_RULE
            .replace("precision: high", "precison: high")
            .as_bytes(),
    );
    for cmd in ["scan", "rules"] {
        let out = p
            .vigil()
            .args([cmd, "--rules", "myrules"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("myrules/bad.yaml:"), "{err}");
        assert!(err.contains("precison"), "{err}");
    }
    let out = p
        .vigil()
        .args(["rules", "--rules", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_baseline_exits_2() {
    let p = Project::new(&[
        ("a.py", "x = 1\n"),
        ("b.json", "{\n  \"version\": 1,\n  \"extra\": 1\n}"),
    ]);
    let out = p
        .vigil()
        .args(["scan", "--baseline", "b.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("b.json:3: invalid baseline"),
        "{}",
        stderr(&out)
    );
    let out = p
        .vigil()
        .args(["scan", "--baseline", "none.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// Bad files: notices, never a panic or a lost file.

#[test]
fn bad_files_are_notices_in_text_and_json() {
    let p = Project::new(&[("ok.py", "x = 1\n"), ("big.py", &"# x\n".repeat(100))]);
    p.write("bin.py", b"x = 1\0\0\0");
    p.write("latin1.py", b"name = 'Jos\xe9'\n");
    p.write("Main.java", b"\xff\xfeclass Main {}");
    let out = p
        .vigil()
        .args(["scan", "--max-file-size", "300", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(
        notice_kinds(&v),
        [
            "not-utf8 Main.java",
            "too-large big.py",
            "binary bin.py",
            "not-utf8 latin1.py"
        ]
    );
    assert_eq!(v["summary"]["files_scanned"], 1);
    let out = p
        .vigil()
        .args(["scan", "--max-file-size", "300", "--color", "never"])
        .output()
        .unwrap();
    with_filters!({
        insta::assert_snapshot!("bad_files_text", stdout(&out));
    });
}

#[cfg(unix)]
#[test]
fn unreadable_file_and_symlink_loop_are_notices() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new(&[("pkg/a.py", "x = 1\n"), ("locked.py", "x = 2\n")]);
    std::os::unix::fs::symlink(p.path().join("pkg"), p.path().join("pkg/again")).unwrap();
    let locked = p.path().join("locked.py");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root can read a 0o000 file: only assert the notice when the file is really unreadable.
    let unreadable = std::fs::read(&locked).is_err();
    let out = p
        .vigil()
        .args(["scan", "--format", "json"])
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let kinds = notice_kinds(&json(&out));
    assert!(
        kinds.contains(&"symlink-loop pkg/again".to_owned()),
        "{kinds:?}"
    );
    if unreadable {
        assert!(
            kinds.contains(&"unreadable locked.py".to_owned()),
            "{kinds:?}"
        );
    }
}

#[test]
fn empty_directory_is_clean_with_a_notice() {
    let p = Project::new(&[]);
    std::fs::create_dir(p.path().join("empty")).unwrap();
    let out = p
        .vigil()
        .args(["scan", "empty", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "note[no-files]: no Java, Python, buildspec, appspec or OpenAPI files found\n\nNo findings in 0 files scanned; 1 notice.\n"
    );
    assert!(stderr(&out).starts_with("vigil: scanned 0 files in "));
    let out = p
        .vigil()
        .args(["scan", "empty", "--quiet"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(out.stderr.is_empty());
}

#[test]
fn explicit_unsupported_file_gets_a_notice() {
    let p = Project::new(&[("notes.txt", "hello\n"), ("data.json", "{\"a\": 1}\n")]);
    let out = p
        .vigil()
        .args(["scan", "notes.txt", "data.json", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        notice_kinds(&json(&out)),
        ["unsupported data.json", "unsupported notes.txt"]
    );
}

// ---------------------------------------------------------------------------------------------
// Outputs.

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let p = Project::new(&[("a.py", "x = 1\n")]);
    p.vigil()
        .args(["scan", "--format", "json", "--output", "out/report.json"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains("out/report.json"));
    std::fs::create_dir(p.path().join("out")).unwrap();
    let out = p
        .vigil()
        .args(["scan", "--format", "json", "--output", "out/report.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&p.read("out/report.json")).unwrap();
    assert_eq!(v["version"], 1);
    // Only the report is left in the directory (the temporary file was renamed).
    assert_eq!(std::fs::read_dir(p.path().join("out")).unwrap().count(), 1);
}

#[test]
fn colour_follows_flag_and_no_color() {
    let p = Project::new(&[]);
    p.write("bin.py", b"\0");
    let esc = |out: &std::process::Output| stdout(out).contains('\u{1b}');
    let always = p
        .vigil()
        .args(["scan", "--color", "always"])
        .output()
        .unwrap();
    assert!(esc(&always));
    let never = p
        .vigil()
        .args(["scan", "--color", "never"])
        .output()
        .unwrap();
    assert!(!esc(&never));
    // Not a terminal: auto means no colour, with or without NO_COLOR.
    let auto = p
        .vigil()
        .args(["scan"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!esc(&auto));
    // JSON never has colour.
    let j = p
        .vigil()
        .args(["scan", "--color", "always", "--format", "json"])
        .output()
        .unwrap();
    assert!(!esc(&j));
}

#[test]
fn json_is_identical_across_jobs_and_runs() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..40 {
        files.push((format!("p{}/m{i}.py", i % 5), format!("x = {i}\n")));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = Project::new(&refs);
    p.write("p1/bin.py", b"\0");
    p.write("p2/bad.py", b"\xff");
    let run = |jobs: &str| {
        p.vigil()
            .args(["scan", "--format", "json", "--jobs", jobs])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn write_baseline_with_no_findings() {
    let p = Project::new(&[("a.py", "x = 1\n")]);
    let out = p
        .vigil()
        .args(["scan", "--write-baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&p.read("base.json")).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    p.vigil()
        .args(["scan", "--baseline", "base.json"])
        .assert()
        .success();
}

// ---------------------------------------------------------------------------------------------
// rules, explain, test.

#[test]
fn rules_lists_user_rules_as_text_and_json() {
    let p = Project::new(&[]).with_danger_rule();
    p.write("myrules/java/doc.yaml", DOC_RULE.as_bytes());
    let out = p
        .vigil()
        .args(["rules", "--rules", "myrules"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("java/test-doc-rule"), "{text}");
    assert!(text.contains("(experimental)"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("python/test-danger-call")
                && l.contains("error")
                && l.contains("security")),
        "{text}"
    );
    let out = p
        .vigil()
        .args(["rules", "--rules", "myrules", "--format", "json"])
        .output()
        .unwrap();
    let v = json(&out);
    let entries = v.as_array().unwrap();
    let danger = entries
        .iter()
        .find(|e| e["id"] == "python/test-danger-call")
        .unwrap();
    assert_eq!(danger["cwe"][0], 78);
    assert_eq!(danger["builtin"], false);
    assert_eq!(danger["security_severity"], 8.0);
    // Every built-in rule is listed too.
    let builtin = entries.iter().filter(|e| e["builtin"] == true).count();
    let out = p
        .vigil()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json(&out).as_array().unwrap().len(), builtin);
}

#[test]
fn explain_renders_the_rule_docs() {
    let p = Project::new(&[]);
    p.write("myrules/doc.yaml", DOC_RULE.as_bytes());
    let out = p
        .vigil()
        .args(["explain", "java/test-doc-rule", "--rules", "myrules"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for part in [
        "## Description",
        "## Noncompliant",
        "```java\nint x = 1;\n```",
        "## Compliant",
        "## Fix",
        "## Limitations",
        "## References",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    insta::assert_snapshot!("explain_user_rule", text);
    let out = p
        .vigil()
        .args(["explain", "java/test-doc-rul", "--rules", "myrules"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `java/test-doc-rule`"));
}

#[test]
fn test_command_fails_on_rules_without_cases() {
    let p = Project::new(&[("t/testdata/other.py", "x = 1\n")]);
    p.write("t/rules/danger.yaml", DANGER_RULE.as_bytes());
    let out = p.vigil().args(["test", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("python/test-danger-call: no positive fixture"),
        "{text}"
    );
    assert!(
        text.contains("python/test-danger-call: no negative fixture"),
        "{text}"
    );
    let out = p.vigil().args(["test", "nowhere"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = p
        .vigil()
        .args(["test", "t", "--rules", "t/testdata"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no rule files"));
}

// ---------------------------------------------------------------------------------------------
// With findings (need the query engine for the user rule).

const APP: &str = "import os\n\n\ndef handler(event):\n    cmd = event[\"cmd\"]\n    danger(cmd)\n    safe(cmd)\n    danger(\"ls\")  # vigil-ignore[python/test-danger-call]: constant command\n    return None\n";

fn scan_app(p: &Project, extra: &[&str]) -> std::process::Output {
    p.vigil()
        .args(["scan", "--rules", "myrules", "--color", "never"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn findings_exit_codes_follow_fail_on() {
    let p = Project::new(&[("app.py", APP)]).with_danger_rule();
    assert_eq!(scan_app(&p, &[]).status.code(), Some(1));
    assert_eq!(scan_app(&p, &["--fail-on", "error"]).status.code(), Some(1));
    assert_eq!(scan_app(&p, &["--fail-on", "never"]).status.code(), Some(0));
    p.write(
        "vigil.toml",
        b"[severity]\n\"python/test-danger-call\" = \"note\"\n",
    );
    assert_eq!(scan_app(&p, &[]).status.code(), Some(0));
    assert_eq!(scan_app(&p, &["--fail-on", "note"]).status.code(), Some(1));
    p.write(
        "vigil.toml",
        b"fail-on = \"note\"\n[severity]\nsecurity = \"note\"\n",
    );
    assert_eq!(scan_app(&p, &[]).status.code(), Some(1));
    assert_eq!(
        scan_app(&p, &["--ignore", "security"]).status.code(),
        Some(0)
    );
}

#[test]
fn text_and_json_snapshots_with_findings() {
    let p = Project::new(&[
        ("app.py", APP),
        ("lib/util.py", "def f():\n    danger(1)\n"),
    ])
    .with_danger_rule();
    let text = scan_app(&p, &[]);
    assert_eq!(text.status.code(), Some(1));
    let t = stdout(&text);
    assert!(
        t.contains("error[python/test-danger-call]: call of `danger`"),
        "{t}"
    );
    assert!(t.contains("--> app.py:6:5"), "{t}");
    assert!(
        t.contains("Found 2 findings (2 errors) in 2 of 2 files scanned; 1 suppressed."),
        "{t}"
    );
    let j = scan_app(&p, &["--format", "json"]);
    let v = json(&j);
    assert_eq!(v["summary"]["findings"], 2);
    assert_eq!(v["findings"][0]["location"]["path"], "app.py");
    with_filters!({
        insta::assert_snapshot!("findings_text", t);
        insta::assert_snapshot!("findings_json", stdout(&j));
    });
}

#[test]
fn suppression_comment_hides_only_its_line() {
    let p = Project::new(&[("app.py", APP)]).with_danger_rule();
    let v = json(&scan_app(&p, &["--format", "json", "--include-suppressed"]));
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [6]);
    assert_eq!(v["suppressed"][0]["location"]["start"]["line"], 8);
}

#[test]
fn baseline_round_trip_survives_inserted_lines() {
    let p = Project::new(&[("app.py", APP)]).with_danger_rule();
    let out = scan_app(&p, &["--write-baseline", "vigil-baseline.json"]);
    assert_eq!(out.status.code(), Some(0));
    let out = scan_app(
        &p,
        &["--baseline", "vigil-baseline.json", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["summary"]["findings"], 0);
    // Lines inserted above: the known finding stays hidden, a new one is reported.
    let edited = APP.replace(
        "import os\n",
        "import os\nimport sys\n\n\ndef extra():\n    danger(sys.argv)\n",
    );
    p.write("app.py", edited.as_bytes());
    let out = scan_app(
        &p,
        &["--baseline", "vigil-baseline.json", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["summary"]["findings"], 1);
    assert_eq!(v["findings"][0]["location"]["start"]["line"], 6);
}

#[test]
fn fingerprints_are_stable_when_lines_are_inserted_above() {
    let p = Project::new(&[("app.py", APP)]).with_danger_rule();
    let before = json(&scan_app(&p, &["--format", "json"]));
    p.write("app.py", format!("# a new header\n\n{APP}").as_bytes());
    let after = json(&scan_app(&p, &["--format", "json"]));
    let fp = |v: &serde_json::Value| v["findings"][0]["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fp(&before), fp(&after));
    assert_ne!(
        before["findings"][0]["location"]["start"]["line"],
        after["findings"][0]["location"]["start"]["line"]
    );
}

#[test]
fn findings_are_byte_identical_across_jobs() {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..50 {
        files.push((
            format!("m{}/f{i}.py", i % 4),
            format!("danger({i})\nx = {i}\ndanger(x)\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = Project::new(&refs).with_danger_rule();
    let one = scan_app(&p, &["--format", "json", "--jobs", "1"]).stdout;
    let two = scan_app(&p, &["--format", "json", "--jobs", "2"]).stdout;
    assert_eq!(one, two);
    assert_eq!(
        json(&scan_app(&p, &["--format", "json"]))["summary"]["findings"],
        100
    );
}

#[test]
fn test_command_passes_on_good_fixtures_and_fails_on_bad_ones() {
    let p = Project::new(&[(
        "t/testdata/cases.py",
        "# ruleid: python/test-danger-call\ndanger(1)\nsafe(1)  # ok: python/test-danger-call -- another function\n",
    )]);
    p.write("t/rules/danger.yaml", DANGER_RULE.as_bytes());
    let out = p.vigil().args(["test", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    p.write(
        "t/testdata/cases.py",
        b"# ok: python/test-danger-call\ndanger(1)\n# ruleid: python/test-danger-call\nsafe(1)\n",
    );
    let out = p.vigil().args(["test", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("cases.py:2: unexpected finding"), "{text}");
    assert!(text.contains("cases.py:4: missing finding"), "{text}");
}

#[test]
fn sarif_output_is_valid_and_identical_across_jobs() {
    let p = Project::new(&[("app.py", APP)]).with_danger_rule();
    let one = scan_app(&p, &["--format", "sarif", "--jobs", "1"]);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    let two = scan_app(&p, &["--format", "sarif", "--jobs", "2"]);
    assert_eq!(one.stdout, two.stdout);
    let v = json(&one);
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "python/test-danger-call");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "python/test-danger-call"));
}

#[test]
fn demo_project_has_findings_of_every_kind() {
    let demo: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(&demo)
        .args(["scan", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    for prefix in ["java/", "python/", "buildspec/", "appspec/", "openapi/"] {
        assert!(
            ids.iter().any(|i| i.starts_with(prefix)),
            "no {prefix} finding in {ids:?}"
        );
    }
    assert!(
        v["notifications"].as_array().unwrap().is_empty(),
        "{}",
        v["notifications"]
    );
}

/// The incremental cache: two identical runs use one cache file (the key is the same from one
/// process to the next), report the same, and `--no-cache` writes nothing.
#[test]
fn identical_runs_share_one_cache_file() {
    let p = Project::new(&[("app.py", "import hashlib\nh = hashlib.md5(b'x')\n")]);
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("vigil")
            .unwrap()
            .current_dir(p.path())
            .args([
                "scan",
                ".",
                "--no-progress",
                "--format",
                "json",
                "--fail-on",
                "never",
            ])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"].clone()
    };
    let none = run(&["--no-cache"]);
    assert!(!p.path().join(".vigil_cache").exists());
    let first = run(&[]);
    let second = run(&[]);
    assert_eq!(first, none);
    assert_eq!(second, none);
    assert!(none.as_array().is_some_and(|a| !a.is_empty()));
    let bins: Vec<_> = std::fs::read_dir(p.path().join(".vigil_cache"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .collect();
    assert_eq!(bins.len(), 1, "{bins:?}");
}
