//! Unified-diff parsing and the `--diff` filter, on hand-written diffs and on a real git repository
//! built by the test.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failure is a test failure"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use vigil_core::{FileKind, Finding, ScanReport, Severity, SourceFile, TextRange};
use vigil_review::diff::{diff_since, filter_report, read_patch, Diff, DiffError, FileStatus};

const PATCH: &str = "diff --git a/src/App.java b/src/App.java
index 3b18e51..a9c2f1e 100644
--- a/src/App.java
+++ b/src/App.java
@@ -1,4 +1,5 @@
 class App {
-  int a;
+  int a = 1;
+  int b;
 -- not a header, a context line starting with a space
 }
@@ -10,0 +12,2 @@ class App {
+  // added
+  void f() {}
diff --git a/old name.py b/new name.py
similarity index 90%
rename from old name.py
rename to new name.py
index 1111111..2222222 100644
--- a/old name.py
+++ b/new name.py
@@ -3 +3 @@ def f():
--- removed line that looks like a header
+++ added line that looks like a header
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index e69de29..0000000
--- a/gone.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git a/fresh.yml b/fresh.yml
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ b/fresh.yml
@@ -0,0 +1,2 @@
+version: 0.2
+phases: {}
\\ No newline at end of file
diff --git a/logo.png b/logo.png
index 1111111..2222222 100644
Binary files a/logo.png and b/logo.png differ
diff --git \"a/caf\\303\\251.py\" \"b/caf\\303\\251.py\"
index 1111111..2222222 100644
--- \"a/caf\\303\\251.py\"
+++ \"b/caf\\303\\251.py\"
@@ -1 +1 @@
-print(1)
+print(2)
";

#[test]
fn parses_git_diff_features() {
    let d = Diff::parse(PATCH).unwrap();
    let paths: Vec<&str> = d.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "café.py",
            "fresh.yml",
            "gone.txt",
            "logo.png",
            "new name.py",
            "src/App.java"
        ]
    );
    let app = d.file("src/App.java").unwrap();
    assert_eq!(app.status, FileStatus::Modified);
    assert_eq!(app.hunks.len(), 2);
    assert_eq!(
        app.added_lines().into_iter().collect::<Vec<_>>(),
        [2, 3, 12, 13]
    );
    assert_eq!(app.hunks[0].context, [1, 4, 5]);
    assert!(app.hunk_of(4).is_some() && app.hunk_of(7).is_none());
    let renamed = d.file("new name.py").unwrap();
    assert_eq!(renamed.status, FileStatus::Renamed);
    assert_eq!(renamed.old_path.as_deref(), Some("old name.py"));
    assert_eq!(renamed.added_lines().into_iter().collect::<Vec<_>>(), [3]);
    assert_eq!(d.file("gone.txt").unwrap().status, FileStatus::Deleted);
    assert!(d.file("gone.txt").unwrap().added_lines().is_empty());
    let fresh = d.file("fresh.yml").unwrap();
    assert_eq!(fresh.status, FileStatus::Added);
    assert_eq!(fresh.added_lines().into_iter().collect::<Vec<_>>(), [1, 2]);
    assert!(d.file("logo.png").unwrap().binary);
    assert!(d.is_changed("café.py", 1));
    assert_eq!(Diff::parse("").unwrap(), Diff::default());
    assert!(matches!(
        Diff::parse("--- a/x\n+++ b/x\n@@ -x +y @@\n"),
        Err(DiffError::Malformed { line: 3, .. })
    ));
}

#[test]
fn parses_plain_unified_diff_and_crlf() {
    let text = "--- a.py\t2024-01-01 10:00:00\r\n+++ a.py\t2024-01-02 10:00:00\r\n@@ -1,2 +1,2 @@\r\n x = 1\r\n-y = 2\r\n+y = 3\r\n--- b.py\n+++ b.py\n@@ -5,0 +6 @@\n+z\n";
    let d = Diff::parse(text).unwrap();
    assert!(d.is_changed("a.py", 2) && !d.is_changed("a.py", 1));
    assert!(d.is_changed("b.py", 6));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.patch");
    std::fs::write(&p, text).unwrap();
    assert_eq!(read_patch(&p).unwrap(), d);
    assert!(matches!(
        read_patch(&dir.path().join("missing.patch")),
        Err(DiffError::Io { .. })
    ));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn init_repo(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.email", "t@example.com"]);
    git(dir, &["config", "user.name", "t"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A finding on the line holding `needle` of `rel` (as the scanner would report it).
fn finding_at(root: &Path, rel: &str, needle: &str, rule: &str) -> Finding {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let file = SourceFile::new(PathBuf::from(rel), rel, FileKind::Python, text.as_str());
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {rel}"));
    Finding::new(
        rule,
        Severity::Warning,
        file.location(TextRange::new(start, start + needle.len())),
        format!("{rule} at {needle}"),
    )
}

const BASE_PY: &str = "import os\n\ndef a(x):\n    return eval(x)\n\ndef b(y):\n    return os.system(y)\n\ndef c(z):\n    return z\n";

#[test]
fn diff_keeps_exactly_the_findings_on_changed_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    init_repo(root);
    write(root, "app/main.py", BASE_PY);
    write(
        root,
        "app/old_util.py",
        "def u():\n    pass\n\n\n\ndef v(q):\n    return q\n",
    );
    write(root, "lib/untouched.py", "print(eval('1'))\n");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    let base = git(root, &["rev-parse", "HEAD"]).trim().to_owned();

    // Change: edit a line, add a function, rename a file with an edit, add a new file.
    let head_py = BASE_PY.replace("return z", "return eval(z)").replace(
        "import os\n",
        "import os\nimport pickle\n\ndef d(w):\n    return pickle.loads(w)\n",
    );
    write(root, "app/main.py", &head_py);
    git(root, &["mv", "app/old_util.py", "app/util.py"]);
    write(
        root,
        "app/util.py",
        "def u():\n    pass\n\n\n\ndef v(q):\n    return eval(q)\n",
    );
    write(root, "app/new.py", "exec(input())\n");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "change"]);

    let findings = vec![
        finding_at(root, "app/main.py", "eval(x)", "python/eval"), // unchanged line, moved down
        finding_at(root, "app/main.py", "os.system(y)", "python/shell"), // unchanged
        finding_at(root, "app/main.py", "eval(z)", "python/eval"), // edited line
        finding_at(root, "app/main.py", "pickle.loads(w)", "python/pickle"), // added line
        finding_at(root, "app/util.py", "eval(q)", "python/eval"), // edited in a renamed file
        finding_at(root, "app/util.py", "def u", "python/x"),      // unchanged in a renamed file
        finding_at(root, "app/new.py", "exec(input())", "python/exec"), // new file
        finding_at(root, "lib/untouched.py", "eval('1')", "python/eval"), // untouched file
    ];
    let mut report = ScanReport {
        findings,
        ..ScanReport::default()
    };
    let diff = diff_since(root, &base).unwrap();
    let dropped = filter_report(&mut report, &diff);
    let kept: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}:{}", f.location.path, f.message))
        .collect();
    assert_eq!(
        kept,
        [
            "app/main.py:python/eval at eval(z)",
            "app/main.py:python/pickle at pickle.loads(w)",
            "app/util.py:python/eval at eval(q)",
            "app/new.py:python/exec at exec(input())",
        ]
    );
    assert_eq!(dropped, 4);
    assert_eq!(
        diff.file("app/util.py").unwrap().old_path.as_deref(),
        Some("app/old_util.py")
    );

    // An untracked file counts as new in full; an ignored one does not.
    write(root, ".gitignore", "build/\n");
    write(root, "app/draft.py", "x = 1\neval(x)\n");
    write(root, "build/gen.py", "eval(1)\n");
    let work = diff_since(root, &base).unwrap();
    assert!(work.is_changed("app/draft.py", 2) && work.file("build/gen.py").is_none());
    assert_eq!(work.file("app/draft.py").unwrap().status, FileStatus::Added);

    // From a subdirectory, paths are relative to it (as the scan root's finding paths are).
    let sub = diff_since(&root.join("app"), &base).unwrap();
    assert!(sub.is_changed("new.py", 1) && sub.file("lib/untouched.py").is_none());
    // Ranges work too.
    assert_eq!(
        diff_since(root, &format!("{base}..HEAD"))
            .unwrap()
            .files
            .len(),
        diff.files.len()
    );
}

#[test]
fn unknown_revision_and_shallow_clone_errors_say_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("origin");
    std::fs::create_dir_all(&root).unwrap();
    init_repo(&root);
    for i in 0..3 {
        write(&root, "a.py", &format!("x = {i}\n"));
        git(&root, &["add", "-A"]);
        git(&root, &["commit", "-qm", &format!("c{i}")]);
    }
    let first = git(&root, &["rev-list", "--max-parents=0", "HEAD"])
        .trim()
        .to_owned();
    let err = diff_since(&root, "no-such-branch").unwrap_err();
    assert!(
        matches!(&err, DiffError::UnknownRevision { shallow: false, .. }),
        "{err}"
    );
    assert!(err
        .to_string()
        .contains("unknown revision `no-such-branch`"));

    let clone = tmp.path().join("clone");
    let url = format!("file://{}", root.display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&clone)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = diff_since(&clone, &first).unwrap_err();
    assert!(
        matches!(&err, DiffError::UnknownRevision { shallow: true, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains(&format!("git fetch --depth=1 origin {first}")),
        "{err}"
    );
    // After fetching the base commit the diff works.
    git(&clone, &["fetch", "-q", "--depth=1", "origin", &first]);
    assert!(diff_since(&clone, &first).unwrap().is_changed("a.py", 1));

    let not_repo = tempfile::tempdir().unwrap();
    assert!(matches!(
        diff_since(not_repo.path(), "HEAD"),
        Err(DiffError::NotARepository { .. })
    ));
}

#[test]
fn truncated_or_garbled_diffs_never_panic() {
    for (i, _) in PATCH.char_indices() {
        let _ = Diff::parse(&PATCH[..i]);
        let _ = Diff::parse(&PATCH[i..]);
    }
    for junk in [
        "@@",
        "@@ -",
        "@@ -1 +",
        "diff --git",
        "diff --git \"a/x",
        "+++ \"",
        "--- \"\\",
        "rename to \"\\3",
        "\0\u{1}@@ -9999999999 +1 @@",
    ] {
        let _ = Diff::parse(junk);
    }
}

#[test]
fn a_patch_without_file_diffs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("notes.txt");
    std::fs::write(&garbage, "this is not a patch\njust some notes\n").unwrap();
    let err = vigil_review::read_patch(&garbage).unwrap_err();
    assert!(err.to_string().contains("no file diffs"), "{err}");
    // An empty patch means "nothing changed", which is not an error.
    let empty = dir.path().join("empty.diff");
    std::fs::write(&empty, "").unwrap();
    assert!(vigil_review::read_patch(&empty).unwrap().files.is_empty());
}
