//! End-to-end tests of the CI-facing commands: `--shard` + `vigil merge`, `--diff`, `vigil review
//! --dry-run`, `--format github` with a job summary, and `vigil init`.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::{project, write};

fn vigil(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_WORKSPACE")
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn results(sarif: &serde_json::Value) -> Vec<String> {
    let mut r: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}:{} {}",
                r["ruleId"].as_str().unwrap(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["partialFingerprints"]["vigil/v1"].as_str().unwrap()
            )
        })
        .collect();
    r.sort();
    r
}

#[test]
fn merged_shards_equal_the_unsharded_scan() {
    let files: Vec<(String, String)> = (0..15)
        .map(|i| {
            (
                format!("src/pkg{}/m{i}.py", i % 4),
                format!("x = {i}\ndanger(x)\n\ndanger({i})\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = project(&refs);
    let d = dir.path();
    let base = [
        "scan",
        "src",
        "--rules",
        "rules",
        "--format",
        "sarif",
        "--no-progress",
        "-q",
    ];
    let whole = vigil(d, &[&base[..], &["-o", "whole.sarif"]].concat());
    assert_eq!(whole.status.code(), Some(1));
    let mut shard_files = Vec::new();
    let mut shard_counts = Vec::new();
    for k in 1..=3 {
        let name = format!("shard{k}.sarif");
        let shard = format!("{k}/3");
        let out = vigil(d, &[&base[..], &["--shard", &shard, "-o", &name]].concat());
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join(&name)).unwrap()).unwrap();
        shard_counts.push(results(&v).len());
        shard_files.push(name);
    }
    // Every shard did some of the work, none did all of it.
    assert!(
        shard_counts.iter().all(|&n| n > 0 && n < 30),
        "{shard_counts:?}"
    );
    let mut args = vec!["merge", "-o", "merged.sarif"];
    args.extend(shard_files.iter().map(String::as_str));
    let out = vigil(d, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let whole: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("whole.sarif")).unwrap()).unwrap();
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("merged.sarif")).unwrap()).unwrap();
    assert_eq!(results(&whole).len(), 30);
    assert_eq!(results(&merged), results(&whole));
    assert_eq!(merged["runs"].as_array().unwrap().len(), 1);
    assert_eq!(
        merged["runs"][0]["tool"]["driver"]["rules"],
        whole["runs"][0]["tool"]["driver"]["rules"]
    );
}

#[test]
fn merge_of_a_non_sarif_file_is_exit_2() {
    let dir = project(&[("bad.sarif", "{ not json")]);
    let out = vigil(dir.path(), &["merge", "bad.sarif"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.sarif"));
}

const APP: &str = "def a(x):\n    danger(x)\n\n\ndef b(y):\n    return y\n";

#[test]
fn diff_keeps_exactly_the_findings_on_changed_lines() {
    let dir = project(&[("app.py", APP), ("old.py", "danger(1)\n")]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    // One new finding in an edited function, one in a new file; the old ones stay untouched.
    write(
        d,
        "app.py",
        &APP.replace("    return y\n", "    danger(y)\n    return y\n"),
    );
    write(d, "new.py", "danger(2)\n");
    let out = vigil(
        d,
        &[
            "scan", ".", "--rules", "rules", "--format", "json", "--diff", "HEAD", "-q",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["location"]["path"].as_str().unwrap(),
                f["location"]["start"]["line"]
            )
        })
        .collect();
    assert_eq!(got, vec!["app.py:6", "new.py:1"]);
    // Without --diff all four are reported.
    let all = vigil(
        d,
        &["scan", ".", "--rules", "rules", "--format", "json", "-q"],
    );
    let v: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 4);
    // Nothing changed on a finding's line: the gate passes.
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "second"]);
    let clean = vigil(
        d,
        &["scan", ".", "--rules", "rules", "--diff", "HEAD", "-q"],
    );
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
}

#[test]
fn diff_against_an_unknown_revision_is_exit_2_with_a_hint() {
    let dir = project(&[("app.py", APP)]);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "base"]);
    let out = vigil(
        d,
        &[
            "scan",
            ".",
            "--rules",
            "rules",
            "--diff",
            "0123456789abcdef0123456789abcdef01234567",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--diff"), "{err}");
    assert!(err.contains("fetch"), "{err}");
}

#[test]
fn review_dry_run_renders_inline_comments_for_changed_lines() {
    let dir = project(&[("app.py", APP)]);
    let d = dir.path();
    let patch = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n def a(x):\n-    pass\n+    danger(x)\n";
    write(d, "change.patch", patch);
    let out = vigil(
        d,
        &[
            "review",
            ".",
            "--rules",
            "rules",
            "--dry-run",
            "--diff-from-file",
            "change.patch",
            "-q",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("app.py"), "{md}");
    assert!(md.contains("python/test-danger-call"), "{md}");
    assert!(md.contains("<!-- vigil:fp="), "{md}");
}

#[test]
fn github_format_writes_annotations_and_a_job_summary() {
    let dir = project(&[("app.py", APP)]);
    let d = dir.path();
    let summary = d.join("summary.md");
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(d)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("GITHUB_WORKSPACE")
        .args(["scan", ".", "--rules", "rules", "--format", "github", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("::error file=app.py,line=2"), "{text}");
    let md = std::fs::read_to_string(summary).unwrap();
    assert!(md.contains("python/test-danger-call"), "{md}");
}

#[test]
fn init_writes_config_and_workflow_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = vigil(d, &["init"]);
    assert_eq!(out.status.code(), Some(0));
    let workflow = std::fs::read_to_string(d.join(".github/workflows/vigil.yml")).unwrap();
    assert!(
        workflow.contains("upload") || workflow.contains("vigil"),
        "{workflow}"
    );
    write(d, "vigil.toml", "fail-on = \"error\"\n");
    let again = vigil(d, &["init"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(d.join("vigil.toml")).unwrap(),
        "fail-on = \"error\"\n"
    );
    // The starter config is accepted by a scan.
    let forced = vigil(d, &["init", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    write(d, "a.py", "x = 1\n");
    let scan = vigil(d, &["scan", ".", "-q"]);
    assert_eq!(
        scan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
}

/// Dogfood: the CodeBuild buildspec that runs vigil as a gate passes vigil's own buildspec rules.
#[test]
fn the_documented_codebuild_buildspec_passes_vigil() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = vigil(
        &repo,
        &[
            "scan",
            "docs/examples/buildspec.yml",
            "--fail-on",
            "note",
            "--format",
            "json",
            "-q",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files_scanned"], 1, "{v}");
}
