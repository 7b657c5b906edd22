//! Helpers shared by the end-to-end tests: a project with a user rule, and running the binary with a
//! wall-clock limit (a hang fails the test instead of blocking the suite).

#![allow(dead_code, reason = "each test file uses a part of the helpers")]

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// A user rule flagging calls of `danger(...)` in Python.
pub(crate) const DANGER_RULE: &str = r#"id: python/test-danger-call
name: DangerCall
category: security
severity: error
security-severity: 8.0
cwe: [78]
precision: high
short-description: Call of the test function `danger`
description: A rule used by vigil's own CLI tests.
noncompliant: danger(x)
compliant: safe(x)
query:
  pattern: '(call function: (identifier) @fn (#eq? @fn "danger")) @report'
  message: "call of `{fn}`"
"#;

pub(crate) fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/danger.yaml", DANGER_RULE);
    for (p, t) in files {
        write(dir.path(), p, t);
    }
    dir
}

pub(crate) fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Run vigil in `dir`, killing it (and failing) after `limit`.
pub(crate) fn vigil_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("GITHUB_TOKEN")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_EVENT_PATH")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes while waiting, so a large report never blocks the child.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out_reader = drain(Box::new(child.stdout.take().unwrap()));
    let err_reader = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "vigil {args:?} still running after {limit:?} (killed): {}",
                String::from_utf8_lossy(&err_reader.join().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}
