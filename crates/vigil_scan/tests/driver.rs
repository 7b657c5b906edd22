//! End-to-end tests of the driver with a small test-only analyzer (the real analyzers live in other
//! crates): discovery, notices, both phases, panics, config, suppressions, baseline, shards and
//! determinism.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use vigil_core::analyzer::{FileOutput, Summaries};
use vigil_core::baseline::Baseline;
use vigil_core::config::Config;
use vigil_core::rule::parse_rule;
use vigil_core::{
    Analyzer, CheckContext, FileAnalyzer, FileKind, Finding, RuleSet, SourceFile, TextRange,
};
use vigil_scan::{scan, CliSettings, ScanOptions, ScanResult, Settings};

/// Flags every `danger(` call (`python/test-danger`, security) and every `use_NAME()` call whose
/// `def NAME` is in no scanned file (`python/test-undefined`, bug; needs phase 1). Panics on a file
/// containing `PANIC_NOW`.
struct TestAnalyzer;

struct Defs(BTreeSet<String>);

fn names(text: &str, prefix: &str) -> Vec<(usize, String)> {
    text.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .unwrap_or(rest.len());
            (i, rest[..end].to_owned())
        })
        .collect()
}

impl FileAnalyzer for TestAnalyzer {
    type Summary = Defs;
    type Facts = Defs;

    fn kind(&self) -> FileKind {
        FileKind::Python
    }
    fn analyses(&self) -> Vec<&'static str> {
        vec!["test_danger", "test_undefined"]
    }
    fn summarize(&self, file: &SourceFile) -> Option<Defs> {
        let defs: BTreeSet<String> = names(&file.text, "def ")
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        Some(Defs(defs))
    }
    fn link(&self, summaries: Summaries<'_, Defs>) -> Option<Defs> {
        Some(Defs(summaries.flat_map(|(_, d)| d.0).collect()))
    }
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, Defs>, out: &mut FileOutput) {
        assert!(
            !file.text.contains("PANIC_NOW"),
            "test analyzer asked to panic"
        );
        if let Some(rule) = ctx.rule("python/test-danger") {
            for (i, _) in file.text.match_indices("danger(") {
                out.findings.push(Finding::new(
                    rule.id.clone(),
                    rule.severity(),
                    file.location(TextRange::new(i, i + 6)),
                    "call of `danger`",
                ));
            }
        }
        if let Some(rule) = ctx.rule("python/test-undefined") {
            let defs = ctx.project;
            for (i, name) in names(&file.text, "use_") {
                if !defs.is_some_and(|d| d.0.contains(&name)) {
                    out.findings.push(Finding::new(
                        rule.id.clone(),
                        rule.severity(),
                        file.location(TextRange::new(i, i + 4 + name.len())),
                        format!("`{name}` is defined in no scanned file"),
                    ));
                }
            }
        }
    }
}

fn rules() -> RuleSet {
    let rule = |id: &str, cat: &str, analysis: &str, extra: &str| {
        let text = format!("id: {id}\nname: N\ncategory: {cat}\nseverity: warning\n{extra}precision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: {analysis}\n");
        parse_rule("test.yaml", &text, None, false).unwrap()
    };
    RuleSet::new([
        rule(
            "python/test-danger",
            "security",
            "test_danger",
            "security-severity: 5.0\ncwe: [78]\n",
        ),
        rule("python/test-undefined", "bug", "test_undefined", ""),
        rule("java/test-java", "bug", "test_java", ""),
    ])
    .unwrap()
}

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        Self { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn scan_with(&self, config: &str, cli: &CliSettings, opts: ScanOptions) -> ScanResult {
        let cfg = Config::parse(&self.path().join("vigil.toml"), config).unwrap();
        let settings = Settings::new(&cfg, cli, &rules()).unwrap();
        let analyzers: Vec<Box<dyn Analyzer>> = vec![Box::new(TestAnalyzer)];
        let opts = ScanOptions {
            paths: if opts.paths.is_empty() {
                vec![self.path()]
            } else {
                opts.paths
            },
            root: Some(self.path()),
            ..opts
        };
        scan(&analyzers, &settings, &opts).unwrap()
    }

    fn scan(&self) -> ScanResult {
        self.scan_with("", &CliSettings::default(), ScanOptions::default())
    }
}

fn summary(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f.location.path, f.location.start.line, f.location.start.column, f.rule_id
            )
        })
        .collect()
}

fn notices(r: &ScanResult) -> Vec<String> {
    r.report
        .notifications
        .iter()
        .map(|n| format!("{} {}", n.kind, n.path.as_deref().unwrap_or("-")))
        .collect()
}

#[test]
fn finds_sorts_and_fingerprints() {
    let p = Project::new(&[
        ("b.py", "x = 1\ndanger(x)\n"),
        ("a/c.py", "def helper():\n    pass\n"),
        (
            "a/d.py",
            "use_helper()\nuse_missing()\n  danger(1); danger(2)\n",
        ),
        ("notes.txt", "danger("),
    ]);
    let r = p.scan();
    assert_eq!(
        summary(&r.report.findings),
        [
            "a/d.py:2:1 python/test-undefined",
            "a/d.py:3:3 python/test-danger",
            "a/d.py:3:14 python/test-danger",
            "b.py:2:1 python/test-danger",
        ]
    );
    assert_eq!(r.report.files_scanned, 3);
    assert!(r.report.findings.iter().all(|f| f.fingerprint.len() == 16));
    let fps: BTreeSet<_> = r.report.findings.iter().map(|f| &f.fingerprint).collect();
    assert_eq!(fps.len(), 4);
    assert_eq!(
        r.report
            .sources
            .keys()
            .map(|k| k.to_string())
            .collect::<Vec<_>>(),
        ["a/d.py", "b.py"]
    );
    assert_eq!(
        r.report.rules.len(),
        3,
        "the two Python rules and the Java one"
    );
    assert!(
        r.report.notifications.is_empty(),
        "{:?}",
        r.report.notifications
    );
}

#[test]
fn fingerprints_survive_inserted_lines() {
    let before = Project::new(&[("m.py", "import os\ndanger(os.environ)\n")]);
    let after = Project::new(&[(
        "m.py",
        "import os\n\n# a comment\nimport sys\n\ndanger(os.environ)\n",
    )]);
    let a = before.scan().report.findings;
    let b = after.scan().report.findings;
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    assert_ne!(a[0].location.start.line, b[0].location.start.line);
    assert_eq!(a[0].fingerprint, b[0].fingerprint);
    // Editing the flagged line changes it.
    let edited = Project::new(&[("m.py", "import os\ndanger(os.environ, 2)\n")]);
    assert_ne!(
        edited.scan().report.findings[0].fingerprint,
        a[0].fingerprint
    );
}

#[test]
fn jobs_and_runs_give_identical_reports() {
    let files: Vec<(String, String)> = (0..60)
        .map(|i| {
            (
                format!("pkg{}/m{i}.py", i % 7),
                format!("def f{i}():\n    danger({i})\nuse_f{}()\n", (i + 1) % 70),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = Project::new(&refs);
    let one = p.scan_with(
        "",
        &CliSettings::default(),
        ScanOptions {
            jobs: Some(1),
            ..ScanOptions::default()
        },
    );
    let two = p.scan_with(
        "",
        &CliSettings::default(),
        ScanOptions {
            jobs: Some(2),
            ..ScanOptions::default()
        },
    );
    assert_eq!(one.report.findings, two.report.findings);
    assert_eq!(one.report.notifications, two.report.notifications);
    assert!(one.report.findings.len() > 60);
}

#[test]
fn shards_split_checks_but_share_summaries() {
    let p = Project::new(&[
        ("a.py", "def one():\n    pass\nuse_two()\n"),
        ("b.py", "def two():\n    pass\nuse_one()\nuse_three()\n"),
        ("c.py", "danger(1)\n"),
        ("d.py", "danger(2)\n"),
    ]);
    let all = summary(&p.scan().report.findings);
    let mut union = Vec::new();
    let mut files = 0;
    for k in 1..=3 {
        let r = p.scan_with(
            "",
            &CliSettings::default(),
            ScanOptions {
                shard: Some(format!("{k}/3").parse().unwrap()),
                ..ScanOptions::default()
            },
        );
        files += r.report.files_scanned;
        union.extend(summary(&r.report.findings));
    }
    union.sort();
    assert_eq!(union, all);
    assert_eq!(files, 4);
    // `use_two` in a.py resolves through b.py's summary even in a shard without b.py.
    assert!(!all.iter().any(|s| s.starts_with("a.py")));
}

#[test]
fn a_panicking_analyzer_is_a_notice_and_the_scan_goes_on() {
    let p = Project::new(&[("bad.py", "PANIC_NOW\n"), ("good.py", "danger(1)\n")]);
    let r = p.scan();
    assert_eq!(
        summary(&r.report.findings),
        ["good.py:1:1 python/test-danger"]
    );
    assert_eq!(notices(&r), ["panic bad.py"]);
    let n = &r.report.notifications[0];
    assert!(
        n.message.contains("test analyzer asked to panic"),
        "{}",
        n.message
    );
}

#[test]
fn bad_files_become_notices() {
    let big = format!("{}\ndanger(1)\n", "#".repeat(3000));
    let p = Project::new(&[
        ("bin.py", "abc\0def"),
        ("big.py", &big),
        ("ok.py", "danger(1)\n"),
        ("empty.py", ""),
        ("data.json", "{\"not\": \"openapi\"}"),
        ("api.yaml", "openapi: 3.0.0\n"),
        (".hidden/h.py", "danger(1)\n"),
        ("ignored/i.py", "danger(1)\n"),
        (".gitignore", "ignored/\n"),
    ]);
    std::fs::write(p.path().join("latin1.py"), b"s = '\xe9t\xe9'\n").unwrap();
    std::fs::write(
        p.path().join("declared.py"),
        b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\ndanger(s)\n",
    )
    .unwrap();
    let r = p.scan_with(
        "max-file-size = 1000\n",
        &CliSettings::default(),
        ScanOptions::default(),
    );
    // A Latin-1 file with a PEP 263 declaration is decoded; one without is a notice.
    assert_eq!(
        summary(&r.report.findings),
        [
            "declared.py:3:1 python/test-danger",
            "ok.py:1:1 python/test-danger"
        ]
    );
    assert_eq!(
        notices(&r),
        ["too-large big.py", "binary bin.py", "not-utf8 latin1.py"]
    );
    // api.yaml is an OpenAPI file (no analyzer here); declared.py, empty.py and ok.py are Python; the hidden and
    // git-ignored files are not walked, data.json is not OpenAPI.
    assert_eq!(r.report.files_scanned, 4);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_are_notices() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new(&[("sub/a.py", "danger(1)\n"), ("locked.py", "danger(2)\n")]);
    std::os::unix::fs::symlink(p.path().join("sub"), p.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(p.path().join("gone.py"), p.path().join("dangling.py")).unwrap();
    std::os::unix::fs::symlink(p.path().join("gone.txt"), p.path().join("dangling.txt")).unwrap();
    let locked = p.path().join("locked.py");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&locked).is_ok(); // root reads everything
    let r = p.scan();
    let n = notices(&r);
    assert!(n.contains(&"symlink-loop sub/loop".to_owned()), "{n:?}");
    assert!(
        n.contains(&"broken-symlink dangling.py".to_owned()),
        "{n:?}"
    );
    assert!(!n.iter().any(|s| s.contains("dangling.txt")), "{n:?}");
    if readable_anyway {
        assert_eq!(r.report.findings.len(), 2);
    } else {
        assert!(n.contains(&"unreadable locked.py".to_owned()), "{n:?}");
        assert_eq!(
            summary(&r.report.findings),
            ["sub/a.py:1:1 python/test-danger"]
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn empty_directory_and_missing_path() {
    let p = Project::new(&[]);
    let r = p.scan();
    assert_eq!(notices(&r), ["no-files -"]);
    let cfg = Config::default_for(&p.path());
    let settings = Settings::new(&cfg, &CliSettings::default(), &rules()).unwrap();
    let opts = ScanOptions {
        paths: vec![p.path().join("nope")],
        ..ScanOptions::default()
    };
    let e = scan(&[], &settings, &opts).unwrap_err();
    assert!(e.to_string().contains("no such file or directory"), "{e}");
}

#[test]
fn explicit_files_are_always_scanned() {
    let p = Project::new(&[
        ("gen/x.py", "danger(1)\n"),
        ("README.md", "danger(1)\n"),
        (".gitignore", "gen/\n"),
    ]);
    let r = p.scan_with(
        "exclude = [\"gen\"]\n",
        &CliSettings::default(),
        ScanOptions {
            paths: vec![p.path().join("gen/x.py"), p.path().join("README.md")],
            ..ScanOptions::default()
        },
    );
    assert_eq!(
        summary(&r.report.findings),
        ["gen/x.py:1:1 python/test-danger"]
    );
    assert_eq!(notices(&r), ["unsupported README.md"]);
    // The same file is excluded when its directory is walked.
    let r = p.scan_with(
        "exclude = [\"gen\"]\n",
        &CliSettings::default(),
        ScanOptions::default(),
    );
    assert!(r.report.findings.is_empty());
}

#[test]
fn config_selects_overrides_and_severities() {
    let p = Project::new(&[
        ("src/a.py", "danger(1)\nuse_nothing()\n"),
        ("tests/t.py", "danger(1)\nuse_nothing()\n"),
    ]);
    let cfg = "[severity]\nsecurity = \"error\"\n\n[[overrides]]\nfiles = [\"tests\"]\nignore = [\"security\"]\n";
    let r = p.scan_with(cfg, &CliSettings::default(), ScanOptions::default());
    assert_eq!(
        summary(&r.report.findings),
        [
            "src/a.py:1:1 python/test-danger",
            "src/a.py:2:1 python/test-undefined",
            "tests/t.py:2:1 python/test-undefined",
        ]
    );
    assert_eq!(r.report.findings[0].severity, vigil_core::Severity::Error);
    let cli = CliSettings {
        ignore: vec!["bug".into()],
        ..CliSettings::default()
    };
    let r = p.scan_with(cfg, &cli, ScanOptions::default());
    assert_eq!(
        summary(&r.report.findings),
        ["src/a.py:1:1 python/test-danger"]
    );
}

#[test]
fn suppression_comments_and_baseline() {
    let p = Project::new(&[(
        "s.py",
        "# vigil-ignore[python/test-danger]: constant input\ndanger(1)\ndanger(2)  # vigil-ignore[security]: test input\ndanger(3)\nuse_x()  # vigil-ignore[*]: generated\n",
    )]);
    let r = p.scan();
    assert_eq!(summary(&r.report.findings), ["s.py:4:1 python/test-danger"]);
    assert_eq!(r.comment_suppressed, 3);
    assert!(r.report.notifications.is_empty());
    assert_eq!(r.report.suppressed.len(), 3);

    // Baseline round trip: record, then a new finding above shifts lines but only it is reported.
    let baseline = Baseline::from_findings(&r.report.findings);
    let text = baseline.to_json();
    let baseline = Baseline::parse(Path::new("b.json"), &text).unwrap();
    std::fs::write(
        p.path().join("s.py"),
        "danger(0)\n# vigil-ignore[python/test-danger]: constant input\ndanger(1)\ndanger(2)  # vigil-ignore[security]: test input\ndanger(3)\n",
    )
    .unwrap();
    let r = p.scan_with(
        "",
        &CliSettings::default(),
        ScanOptions {
            baseline: Some(Arc::new(baseline)),
            ..ScanOptions::default()
        },
    );
    assert_eq!(summary(&r.report.findings), ["s.py:1:1 python/test-danger"]);
    assert_eq!(summary(&r.baselined), ["s.py:5:1 python/test-danger"]);
}

#[test]
fn unknown_rules_in_suppressions_are_notices() {
    let p = Project::new(&[(
        "s.py",
        "danger(1)  # vigil-ignore[python/test-dangr]: typo\n# vigil-ignore[bug, *]: fine\nx = 1\n",
    )]);
    let r = p.scan();
    assert_eq!(summary(&r.report.findings), ["s.py:1:1 python/test-danger"]);
    assert_eq!(notices(&r), ["bad-suppression s.py"]);
    assert!(r.report.notifications[0].message.starts_with("line 1: "));
}

#[test]
fn suppressions_are_read_from_comments_only_and_problems_are_warnings() {
    let src = "x = \"# vigil-ignore[python/test-danger]: in a string\"; danger(1)\n\
               danger(2)  # vigil-ignore[python/test-danger]\n\
               danger(3)  # vigil-ignore: no brackets\n\
               danger(4)  # vigil-ignore[java/test-java]: another language\n\
               y = 1  # vigil-ignore[python/test-danger]: nothing here\n\
               danger(6)  # vigil-ignore[python/test-danger]: used\n";
    let p = Project::new(&[("s.py", src)]);
    let cli = CliSettings {
        report_unused_suppressions: true,
        ..CliSettings::default()
    };
    let r = p.scan_with("", &cli, ScanOptions::default());
    assert_eq!(
        summary(&r.report.findings),
        [
            "s.py:1:56 python/test-danger",
            "s.py:3:1 python/test-danger",
            "s.py:4:1 python/test-danger"
        ]
    );
    let messages: Vec<String> = r
        .report
        .notifications
        .iter()
        .map(|n| format!("{} {:?} {}", n.kind, n.level, n.message))
        .collect();
    let has = |kind: &str, line: u32, text: &str| {
        messages
            .iter()
            .any(|m| m.starts_with(&format!("{kind} Warning line {line}: ")) && m.contains(text))
    };
    assert!(
        has("bad-suppression", 2, "without a reason"),
        "{messages:#?}"
    );
    assert!(
        has("bad-suppression", 3, "without `[rule-id]`"),
        "{messages:#?}"
    );
    assert!(
        has("bad-suppression", 4, "a rule for java files"),
        "{messages:#?}"
    );
    assert!(
        has("unused-suppression", 5, "suppresses no finding"),
        "{messages:#?}"
    );
    assert!(!has("unused-suppression", 6, ""), "{messages:#?}");
}
