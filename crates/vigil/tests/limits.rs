//! Limits that hold (issue #8, general hardening): hostile inputs finish in bounded time and memory,
//! never crash the process, and whatever is given up is said. Each test runs the real binary with a
//! wall-clock limit (a hang fails the test instead of blocking the suite).

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{vigil_within, write};

/// `vigil scan -f json --allow-skipped ARGS` in `dir` within `limit`: the process must end normally.
fn scan(dir: &Path, args: &[&str], limit: Duration) -> (Output, serde_json::Value, Duration) {
    let argv: Vec<&str> = ["scan", "-f", "json", "--no-progress", "--allow-skipped"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let start = Instant::now();
    let out = vigil_within(dir, &argv, limit);
    let took = start.elapsed();
    // A crash (stack overflow, abort) has no exit code or 101/134; a scan exits 0 or 1.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "vigil scan {args:?} ended with {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out, v, took)
}

fn rule_ids(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_owned())
        .collect()
}

fn notice_kinds(v: &serde_json::Value) -> Vec<String> {
    v["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

const LIMIT: Duration = Duration::from_secs(90);

#[test]
fn yaml_alias_bombs_are_bounded() {
    let d = tempfile::tempdir().unwrap();
    // A billion laughs: 10^9 nodes once expanded.
    let mut bomb = String::from(
        "version: 0.0\nos: linux\nx-bomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..=9 {
        let p = i - 1;
        bomb.push_str(&format!("  l{i}: &l{i} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]\n"));
    }
    write(d.path(), "appspec.yml", &bomb);
    write(
        d.path(),
        "api.yaml",
        &bomb.replace(
            "version: 0.0\nos: linux\n",
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        ),
    );
    let (_, v, took) = scan(d.path(), &["."], LIMIT);
    let ids = rule_ids(&v);
    assert!(
        ids.contains(&"appspec/alias-limit".to_owned()),
        "{ids:?} {v}"
    );
    assert!(
        ids.contains(&"openapi/alias-limit".to_owned()),
        "{ids:?} {v}"
    );
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn cyclic_refs_terminate() {
    let d = tempfile::tempdir().unwrap();
    let mut doc = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/R0'}\ncomponents:\n  responses:\n");
    for i in 0..50 {
        doc.push_str(&format!(
            "    R{i}: {{$ref: '#/components/responses/R{}'}}\n",
            (i + 1) % 50
        ));
    }
    doc.push_str("  schemas:\n    S: {type: object, properties: {next: {$ref: '#/components/schemas/S'}}}\n    T: {$ref: '#/components/schemas/T'}\n");
    write(d.path(), "openapi.yaml", &doc);
    let (_, _, took) = scan(d.path(), &["."], LIMIT);
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn huge_single_line_files_finish() {
    let d = tempfile::tempdir().unwrap();
    // About 1 MB on one line each.
    let py: String = "x = 1; ".repeat(150_000) + "eval(input())\n";
    write(d.path(), "one_line.py", &py);
    let java = format!(
        "class A {{ void f(javax.servlet.http.HttpServletRequest r) throws Exception {{ {} }} }}\n",
        "int a = 1; ".repeat(100_000)
    );
    write(d.path(), "OneLine.java", &java);
    let (_, v, took) = scan(d.path(), &["."], Duration::from_secs(300));
    assert_eq!(v["summary"]["files_scanned"], 2, "{v}");
    assert!(took < Duration::from_secs(240), "{took:?}");
}

#[test]
fn deeply_nested_code_never_overflows_the_stack() {
    let d = tempfile::tempdir().unwrap();
    let depth = 3000;
    write(
        d.path(),
        "parens.py",
        &format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth)),
    );
    let mut ifs = String::from("def f(a):\n");
    for i in 0..400 {
        ifs.push_str(&" ".repeat(4 * (i + 1)));
        ifs.push_str("if a:\n");
    }
    ifs.push_str(&" ".repeat(4 * 401));
    ifs.push_str("eval(a)\n");
    write(d.path(), "ifs.py", &ifs);
    write(
        d.path(),
        "Parens.java",
        &format!(
            "class P {{ int f(int a) {{ return {}a{}; }} }}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        ),
    );
    write(
        d.path(),
        "Blocks.java",
        &format!(
            "class B {{ void f(boolean a) {{ {} }} }}\n",
            "if (a) { ".repeat(1500) + &"}".repeat(1500)
        ),
    );
    write(
        d.path(),
        "Plus.java",
        &format!(
            "class S {{ String f(String a) {{ return a{}; }} }}\n",
            " + a".repeat(5000)
        ),
    );
    let (_, v, _) = scan(d.path(), &["."], Duration::from_secs(300));
    assert_eq!(v["summary"]["files_scanned"], 5, "{v}");
    // Whatever was given up is said (a notice), never silent; the scan itself completes.
    let _ = notice_kinds(&v);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_notices_not_hangs() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "pkg/a.py", "x = 1\n");
    std::os::unix::fs::symlink(d.path().join("pkg"), d.path().join("pkg/again")).unwrap();
    std::os::unix::fs::symlink("self", d.path().join("self")).unwrap();
    std::os::unix::fs::symlink("b", d.path().join("a")).unwrap();
    std::os::unix::fs::symlink("a", d.path().join("b")).unwrap();
    let (_, v, took) = scan(d.path(), &["."], LIMIT);
    assert!(notice_kinds(&v).contains(&"symlink-loop".to_owned()), "{v}");
    assert_eq!(v["summary"]["files_scanned"], 1, "{v}");
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn a_directory_of_100k_files_is_scanned() {
    let d = tempfile::tempdir().unwrap();
    let n = 100_000;
    let started = Instant::now();
    for dir in 0..100 {
        let sub = d.path().join(format!("d{dir:03}"));
        std::fs::create_dir(&sub).unwrap();
        for i in 0..n / 100 {
            std::fs::write(sub.join(format!("m{i}.py")), "").unwrap();
        }
    }
    let created = started.elapsed();
    write(
        d.path(),
        "d000/real.py",
        "import hashlib\nhashlib.md5(b'x')\n",
    );
    let (_, v, took) = scan(
        d.path(),
        &[".", "-q", "--select", "python/weak-hash"],
        Duration::from_secs(400),
    );
    assert_eq!(
        v["summary"]["files_scanned"],
        n + 1,
        "created in {created:?}"
    );
    assert_eq!(rule_ids(&v), ["python/weak-hash"]);
    eprintln!("100k files: created in {created:?}, scanned in {took:?}");
}

#[test]
fn the_per_file_time_budget_abandons_with_a_notice_naming_file_and_rules() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "src/Repo.java",
        "import java.sql.*;\nimport javax.servlet.http.HttpServletRequest;\nclass Repo {\n  void find(HttpServletRequest request, Connection c) throws SQLException {\n    String id = request.getParameter(\"id\");\n    c.createStatement().executeQuery(\"SELECT * FROM t WHERE id = '\" + id + \"'\");\n  }\n}\n",
    );
    let (_, v, _) = scan(d.path(), &["."], LIMIT);
    assert!(
        rule_ids(&v).contains(&"java/sql-injection".to_owned()),
        "{v}"
    );
    // A budget of 0 s: the dataflow analyses give up at once, and the scan says so.
    let (_, v, _) = scan(d.path(), &[".", "--file-time-budget", "0"], LIMIT);
    assert!(
        !rule_ids(&v).contains(&"java/sql-injection".to_owned()),
        "{v}"
    );
    let notice = v["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "time-budget")
        .unwrap_or_else(|| panic!("no time-budget notice: {v}"));
    assert_eq!(notice["level"], "error");
    assert_eq!(notice["path"], "src/Repo.java");
    let msg = notice["message"].as_str().unwrap();
    assert!(msg.contains("java/sql-injection"), "{msg}");
    // Without --allow-skipped the abandoned file fails the gate.
    let out = vigil_within(
        d.path(),
        &[
            "scan",
            ".",
            "-q",
            "--no-progress",
            "--file-time-budget",
            "0",
        ],
        LIMIT,
    );
    assert_eq!(out.status.code(), Some(1));
}
