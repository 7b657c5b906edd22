//! The incremental cache: an unchanged file is not analyzed again, each part of the key
//! invalidates, a changed summary re-checks the files that depend on the project facts, a corrupt
//! cache file is ignored and rebuilt, and concurrent runs stay correct.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use vigil_core::analyzer::{FileOutput, FirstPass, SecondPass, Summaries};
use vigil_core::config::Config;
use vigil_core::rule::parse_rule;
use vigil_core::{
    Analyzer, CheckContext, FileAnalyzer, FileKind, Finding, RuleSet, SourceFile, TextRange,
};
use vigil_scan::{scan, CacheOptions, CliSettings, ScanOptions, ScanResult, Settings};

/// `use_NAME()` with no `def NAME` in any scanned file is a finding (needs the project facts);
/// `danger(` is a finding of the file alone. Counts what it analyzes.
struct Counting {
    /// Whether summaries can be encoded for the cache.
    encodes: bool,
    analyzed: Mutex<Vec<String>>,
    links: AtomicUsize,
    /// How many summaries were computed.
    summarized: AtomicUsize,
}

impl Counting {
    fn new(encodes: bool) -> Self {
        Self {
            encodes,
            analyzed: Mutex::new(Vec::new()),
            links: AtomicUsize::new(0),
            summarized: AtomicUsize::new(0),
        }
    }

    /// The files analyzed since the last call (sorted), and whether the facts were linked.
    fn take(&self) -> (Vec<String>, bool) {
        let mut v = std::mem::take(&mut *self.analyzed.lock().unwrap());
        v.sort();
        v.dedup();
        (v, self.links.swap(0, Ordering::SeqCst) > 0)
    }

    /// How many summaries were computed since the last call.
    fn summarized(&self) -> usize {
        self.summarized.swap(0, Ordering::SeqCst)
    }
}

struct Defs(BTreeSet<String>);

impl Counting {
    /// Summaries and facts alike: the names, one per line (when this analyzer encodes at all).
    fn encode_defs(&self, d: &Defs) -> Option<Vec<u8>> {
        self.encodes.then(|| {
            d.0.iter()
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes()
        })
    }
}

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

impl FileAnalyzer for Counting {
    type Summary = Defs;
    type Facts = Defs;

    fn kind(&self) -> FileKind {
        FileKind::Python
    }
    fn analyses(&self) -> Vec<&'static str> {
        vec!["test_danger", "test_undefined"]
    }
    fn summarize(&self, file: &SourceFile) -> Option<Defs> {
        self.summarized.fetch_add(1, Ordering::SeqCst);
        self.analyzed
            .lock()
            .unwrap()
            .push(file.rel_path.to_string());
        let defs: BTreeSet<String> = names(&file.text, "def ")
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        Some(Defs(defs))
    }
    fn encode_summary(&self, summary: &Defs) -> Option<Vec<u8>> {
        self.encode_defs(summary)
    }
    fn decode_summary(&self, bytes: &[u8]) -> Option<Defs> {
        let text = std::str::from_utf8(bytes).ok()?;
        let defs = text
            .split('\n')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Some(Defs(defs))
    }
    fn encode_facts(&self, facts: &Defs, out: &mut dyn std::io::Write) -> std::io::Result<bool> {
        match self.encode_defs(facts) {
            Some(b) => out.write_all(&b).map(|()| true),
            None => Ok(false),
        }
    }
    fn decode_facts(&self, bytes: &[u8]) -> Option<Defs> {
        FileAnalyzer::decode_summary(self, bytes)
    }
    fn link(&self, summaries: Summaries<'_, Defs>) -> Option<Defs> {
        self.links.fetch_add(1, Ordering::SeqCst);
        Some(Defs(summaries.flat_map(|(_, d)| d.0).collect()))
    }
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, Defs>, out: &mut FileOutput) {
        self.analyzed
            .lock()
            .unwrap()
            .push(file.rel_path.to_string());
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
        // `configured(` is a finding when a project properties file sets `danger=yes`.
        let configured = ctx.properties.is_some_and(|p| {
            p.lookup(&[], "danger") == vigil_core::properties::Lookup::Value("yes".into())
        });
        if let (Some(rule), true) = (ctx.rule("python/test-danger"), configured) {
            for (i, _) in file.text.match_indices("configured(") {
                out.findings.push(Finding::new(
                    rule.id.clone(),
                    rule.severity(),
                    file.location(TextRange::new(i, i + 10)),
                    "configured danger",
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
    let rule = |id: &str, analysis: &str| {
        let text = format!("id: {id}\nname: N\ncategory: bug\nseverity: warning\nprecision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: {analysis}\n");
        parse_rule("test.yaml", &text, None, false).unwrap()
    };
    RuleSet::new([
        rule("python/test-danger", "test_danger"),
        rule("python/test-undefined", "test_undefined"),
    ])
    .unwrap()
}

fn run(dir: &Path, analyzer: &Arc<Counting>, cache: Option<CacheOptions>) -> ScanResult {
    run_with(
        dir,
        Box::new(Shared {
            inner: Arc::clone(analyzer),
            single: false,
        }),
        cache,
    )
}

fn run_with(dir: &Path, analyzer: Box<dyn Analyzer>, cache: Option<CacheOptions>) -> ScanResult {
    let cfg = Config::parse(&dir.join("vigil.toml"), "").unwrap();
    let settings = Settings::new(&cfg, &CliSettings::default(), &rules()).unwrap();
    let analyzers: Vec<Box<dyn Analyzer>> = vec![analyzer];
    let opts = ScanOptions {
        paths: vec![dir.to_path_buf()],
        root: Some(dir.to_path_buf()),
        jobs: Some(2),
        cache,
        ..ScanOptions::default()
    };
    scan(&analyzers, &settings, &opts).unwrap()
}

/// The analyzer behind an `Arc`, so the test keeps its counters. With `single`, [`Counting`] on
/// the single-pass protocol: `test-danger` in the first pass; `test-undefined` rechecked, with the
/// project facts, only in the files that use a name (their summaries carry a `\u{1}path` mark, so
/// the facts say which paths need it). Without, the two-phase defaults.
struct Shared {
    inner: Arc<Counting>,
    single: bool,
}

const UNDEFINED: &[&str] = &["test_undefined"];

impl FileAnalyzer for Shared {
    type Summary = Defs;
    type Facts = Defs;

    fn kind(&self) -> FileKind {
        FileAnalyzer::kind(&*self.inner)
    }
    fn analyses(&self) -> Vec<&'static str> {
        FileAnalyzer::analyses(&*self.inner)
    }
    fn summarize(&self, file: &SourceFile) -> Option<Defs> {
        let mut d = FileAnalyzer::summarize(&*self.inner, file)?;
        if self.single && file.text.contains("use_") {
            d.0.insert(format!("\u{1}{}", file.rel_path));
        }
        Some(d)
    }
    fn encode_summary(&self, s: &Defs) -> Option<Vec<u8>> {
        FileAnalyzer::encode_summary(&*self.inner, s)
    }
    fn decode_summary(&self, b: &[u8]) -> Option<Defs> {
        FileAnalyzer::decode_summary(&*self.inner, b)
    }
    fn link(&self, s: Summaries<'_, Defs>) -> Option<Defs> {
        FileAnalyzer::link(&*self.inner, s)
    }
    fn encode_facts(&self, f: &Defs, out: &mut dyn std::io::Write) -> std::io::Result<bool> {
        FileAnalyzer::encode_facts(&*self.inner, f, out)
    }
    fn decode_facts(&self, b: &[u8]) -> Option<Defs> {
        FileAnalyzer::decode_facts(&*self.inner, b)
    }
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, Defs>, out: &mut FileOutput) {
        FileAnalyzer::check(&*self.inner, file, ctx, out);
    }
    fn first_pass(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_, Defs>,
        summarize: bool,
        out: &mut FileOutput,
    ) -> FirstPass<Defs> {
        let summary = if summarize {
            FileAnalyzer::summarize(self, file)
        } else {
            None
        };
        if !self.single {
            return FirstPass {
                summary,
                second: SecondPass::Full,
            };
        }
        let local: Vec<_> = ctx
            .rules
            .iter()
            .filter(|r| r.analysis() == Some("test_danger"))
            .cloned()
            .collect();
        FileAnalyzer::check(&*self.inner, file, &ctx.with_rules(&local), out);
        FirstPass {
            summary,
            second: SecondPass::IfNeeded,
        }
    }
    fn cross_file_analyses(&self) -> &'static [&'static str] {
        if self.single {
            UNDEFINED
        } else {
            &[]
        }
    }
    fn recheck_analyses(&self, project: &Defs, path: &str) -> &'static [&'static str] {
        if project.0.contains(&format!("\u{1}{path}")) {
            FileAnalyzer::cross_file_analyses(self)
        } else {
            &[]
        }
    }
}

fn findings(r: &ScanResult) -> Vec<String> {
    r.report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}",
                f.location.path, f.location.start.line, f.rule_id
            )
        })
        .collect()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("lib.py", "def helper():\n    pass\n"),
        ("app.py", "use_helper()\nuse_missing()\n"),
        ("bad.py", "danger(1)\n"),
        ("other.py", "x = 1\n"),
    ];
    for (p, t) in files {
        std::fs::write(dir.path().join(p), t).unwrap();
    }
    dir
}

fn opts(dir: &Path, key: u64) -> Option<CacheOptions> {
    Some(CacheOptions {
        dir: dir.join(".vigil_cache"),
        key,
    })
}

/// The cache's entries and summaries files and their inodes (a file written again is a new inode:
/// written then renamed).
fn cache_files(dir: &Path) -> Vec<(std::path::PathBuf, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut out: Vec<_> = std::fs::read_dir(dir.join(".vigil_cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin" || x == "sums"))
        .map(|p| {
            let ino = std::fs::metadata(&p).unwrap().ino();
            (p, ino)
        })
        .collect();
    out.sort();
    out
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).unwrap();
}

#[test]
fn unchanged_files_are_not_analyzed_again_and_each_change_invalidates_what_it_must() {
    for encodes in [true, false] {
        let p = project();
        let dir = p.path();
        let a = Arc::new(Counting::new(encodes));
        let fresh = |a: &Arc<Counting>| {
            let f = findings(&run(dir, a, None));
            a.take();
            f
        };

        // Cold: everything analyzed, same findings as without the cache; the folder is git-ignored.
        let cold = run(dir, &a, opts(dir, 1));
        let (analyzed, _) = a.take();
        assert_eq!(analyzed.len(), 4, "{analyzed:?}");
        assert_eq!(findings(&cold), fresh(&a));
        assert_eq!(
            findings(&cold),
            [
                "app.py:2:python/test-undefined",
                "bad.py:1:python/test-danger"
            ]
        );
        let ignore = std::fs::read_to_string(dir.join(".vigil_cache/.gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));

        // Warm, nothing changed: nothing analyzed, nothing linked, same report, and the cache
        // file is not written again.
        let before = cache_files(dir);
        let warm = run(dir, &a, opts(dir, 1));
        assert_eq!(a.take(), (vec![], false), "encodes: {encodes}");
        assert_eq!(cache_files(dir), before);
        assert_eq!(findings(&warm), findings(&cold));
        assert_eq!(warm.report.files_scanned, cold.report.files_scanned);
        assert!(warm.report.sources.contains_key("bad.py"));

        // Another key (binary, configuration, options): everything again.
        run(dir, &a, opts(dir, 2));
        assert_eq!(a.take().0.len(), 4);

        // An edit that changes no summary: with encoded summaries only that file is analyzed;
        // without, the summaries of the others are recomputed to rebuild the facts.
        write(dir, "other.py", "x = 2\ndanger(2)\n");
        let before = cache_files(dir);
        let r = run(dir, &a, opts(dir, 1));
        assert_ne!(cache_files(dir), before, "a changed result is saved");
        let (analyzed, _) = a.take();
        if encodes {
            assert_eq!(analyzed, ["other.py"]);
        } else {
            assert!(analyzed.contains(&"other.py".to_owned()), "{analyzed:?}");
        }
        assert_eq!(findings(&r), fresh(&a));
        assert!(findings(&r).contains(&"other.py:2:python/test-danger".to_owned()));

        // An edit that changes a summary: the files that depend on the facts are checked again.
        write(
            dir,
            "lib.py",
            "def helper():\n    pass\ndef missing():\n    pass\n",
        );
        let r = run(dir, &a, opts(dir, 1));
        let (analyzed, linked) = a.take();
        assert!(linked);
        assert!(analyzed.contains(&"app.py".to_owned()), "{analyzed:?}");
        assert_eq!(findings(&r), fresh(&a));
        assert!(!findings(&r).iter().any(|f| f.starts_with("app.py")));

        // A new file and a removed one.
        write(dir, "new.py", "use_nothing()\n");
        std::fs::remove_file(dir.join("bad.py")).unwrap();
        let r = run(dir, &a, opts(dir, 1));
        a.take();
        assert_eq!(findings(&r), fresh(&a));

        // A corrupt cache file is ignored and rebuilt.
        let cache_dir = dir.join(".vigil_cache");
        for e in std::fs::read_dir(&cache_dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "bin") {
                std::fs::write(&path, b"\x00garbage\xff").unwrap();
            }
        }
        let r = run(dir, &a, opts(dir, 1));
        assert_eq!(a.take().0.len(), 4);
        assert_eq!(findings(&r), fresh(&a));
        run(dir, &a, opts(dir, 1));
        assert_eq!(a.take(), (vec![], false));
    }
}

#[test]
fn a_changed_properties_file_invalidates_the_cache() {
    let p = project();
    let dir = p.path();
    write(dir, "cfg.py", "configured(1)\n");
    std::fs::create_dir_all(dir.join("conf")).unwrap();
    write(dir, "conf/app.properties", "danger = no\n");
    let a = Arc::new(Counting::new(true));
    let cold = run(dir, &a, opts(dir, 7));
    a.take();
    assert!(!findings(&cold).iter().any(|f| f.starts_with("cfg.py")));
    // Unchanged: nothing analyzed.
    let warm = run(dir, &a, opts(dir, 7));
    assert_eq!(a.take().0, Vec::<String>::new());
    assert_eq!(findings(&warm), findings(&cold));
    // The properties file changes: the files are analyzed again and see the new value.
    write(dir, "conf/app.properties", "# now on\ndanger: yes\n");
    let changed = run(dir, &a, opts(dir, 7));
    let (analyzed, _) = a.take();
    assert!(analyzed.contains(&"cfg.py".to_owned()), "{analyzed:?}");
    assert!(
        findings(&changed).contains(&"cfg.py:1:python/test-danger".to_owned()),
        "{:?}",
        findings(&changed)
    );
    // A comment-only edit changes no value: the cache still applies.
    write(
        dir,
        "conf/app.properties",
        "# now on, edited\ndanger: yes\n",
    );
    let again = run(dir, &a, opts(dir, 7));
    assert_eq!(a.take().0, Vec::<String>::new());
    assert_eq!(findings(&again), findings(&changed));
}

#[test]
fn summaries_the_summaries_file_does_not_hold_are_computed_again() {
    let p = project();
    let dir = p.path();
    let a = Arc::new(Counting::new(true));
    let fresh = |a: &Arc<Counting>| {
        let f = findings(&run(dir, a, None));
        a.take();
        a.summarized();
        f
    };
    run(dir, &a, opts(dir, 5));
    assert_eq!(a.summarized(), 4);
    let sums: Vec<PathBuf> = std::fs::read_dir(dir.join(".vigil_cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sums"))
        .collect();
    assert_eq!(sums.len(), 1, "{sums:?}");
    // An edit that changes a summary needs every summary for the link.
    let edits = [
        "def helper():\n    pass\ndef missing():\n    pass\n",
        "def helper():\n    pass\n",
        "def missing():\n    pass\n",
    ];
    // Intact: the others' summaries are read from the file; only the edited one is computed.
    write(dir, "lib.py", edits[0]);
    let r = run(dir, &a, opts(dir, 5));
    assert!(a.take().1);
    assert_eq!(a.summarized(), 1);
    assert_eq!(findings(&r), fresh(&a));
    // Torn (cut in the middle of a record) or missing: those summaries are computed again, with
    // the same result.
    let bytes = std::fs::read(&sums[0]).unwrap();
    std::fs::write(&sums[0], &bytes[..bytes.len() / 2]).unwrap();
    write(dir, "lib.py", edits[1]);
    let r = run(dir, &a, opts(dir, 5));
    assert!(a.take().1);
    let again = a.summarized();
    assert!((2..=4).contains(&again), "{again}");
    assert_eq!(findings(&r), fresh(&a));
    std::fs::remove_file(&sums[0]).unwrap();
    write(dir, "lib.py", edits[2]);
    let r = run(dir, &a, opts(dir, 5));
    assert!(a.take().1);
    assert_eq!(a.summarized(), 4);
    assert_eq!(findings(&r), fresh(&a));
    assert!(findings(&r).contains(&"app.py:1:python/test-undefined".to_owned()));
    // Each of those runs wrote the file again, whole: the next change reads the others from it.
    write(dir, "lib.py", edits[0]);
    let r = run(dir, &a, opts(dir, 5));
    assert!(a.take().1);
    assert_eq!(a.summarized(), 1);
    assert_eq!(findings(&r), fresh(&a));
}

#[test]
fn concurrent_runs_share_the_cache_safely() {
    let p = project();
    let dir: PathBuf = p.path().to_path_buf();
    let a = Arc::new(Counting::new(true));
    let expected = findings(&run(&dir, &a, None));
    let results: Vec<Vec<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let a = Arc::clone(&a);
                let dir = dir.clone();
                s.spawn(move || findings(&run(&dir, &a, opts(&dir, 7))))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in results {
        assert_eq!(r, expected);
    }
    // Whichever run wrote last, the cache is whole: a warm run analyzes nothing.
    a.take();
    assert_eq!(findings(&run(&dir, &a, opts(&dir, 7))), expected);
    assert_eq!(a.take(), (vec![], false));
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.join(".vigil_cache"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn an_edit_that_changes_no_summary_links_nothing_when_the_facts_changed_nothing_for_the_file() {
    let p = project();
    let dir = p.path();
    let a = Arc::new(Counting::new(true));
    let single = |cache| {
        run_with(
            dir,
            Box::new(Shared {
                inner: Arc::clone(&a),
                single: true,
            }),
            cache,
        )
    };
    let fresh = || {
        let f = findings(&single(None));
        a.take();
        f
    };
    let cold = single(opts(dir, 3));
    a.take();
    assert_eq!(findings(&cold), fresh());
    assert_eq!(
        findings(&cold),
        [
            "app.py:2:python/test-undefined",
            "bad.py:1:python/test-danger"
        ]
    );

    // `other.py` uses no name: the facts changed nothing for it. Edited without changing its
    // summary, it is analyzed alone and nothing is linked.
    write(dir, "other.py", "x = 2\ndanger(2)\n");
    let r = single(opts(dir, 3));
    assert_eq!(a.take(), (vec!["other.py".to_owned()], false));
    assert_eq!(findings(&r), fresh());
    assert!(findings(&r).contains(&"other.py:2:python/test-danger".to_owned()));
    // Again (its new entry keeps what is known).
    write(dir, "other.py", "x = 3\ndanger(3)\n");
    single(opts(dir, 3));
    assert_eq!(a.take(), (vec!["other.py".to_owned()], false));

    // `app.py` needs the facts: the same kind of edit takes them from the cache (the summaries
    // are the same), links nothing, and gives the same result as a run without the cache.
    write(dir, "app.py", "use_helper()\nuse_missing()\n# edited\n");
    let r = single(opts(dir, 3));
    assert_eq!(a.take(), (vec!["app.py".to_owned()], false));
    assert_eq!(findings(&r), fresh());
    assert!(findings(&r).contains(&"app.py:2:python/test-undefined".to_owned()));
    // Cached facts that are not whole are not used: the summaries are linked again.
    let facts: Vec<PathBuf> = std::fs::read_dir(dir.join(".vigil_cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "facts"))
        .collect();
    assert_eq!(facts.len(), 1, "{facts:?}");
    let mut bytes = std::fs::read(&facts[0]).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&facts[0], bytes).unwrap();
    write(
        dir,
        "app.py",
        "use_helper()\nuse_missing()\n# edited again\n",
    );
    let r = single(opts(dir, 3));
    assert_eq!(a.take(), (vec!["app.py".to_owned()], true));
    assert_eq!(findings(&r), fresh());

    // An edit of `other.py` that changes its summary: new facts, so they are linked, and they
    // change `app.py`'s result.
    write(dir, "other.py", "def missing():\n    pass\n");
    let r = single(opts(dir, 3));
    let (analyzed, linked) = a.take();
    assert!(linked);
    assert!(analyzed.contains(&"app.py".to_owned()), "{analyzed:?}");
    assert_eq!(findings(&r), fresh());
    assert!(!findings(&r).iter().any(|f| f.starts_with("app.py")));
    // And a comment-only edit of it after that is again cheap.
    write(dir, "other.py", "def missing():\n    pass\n# edited\n");
    let r = single(opts(dir, 3));
    assert_eq!(a.take(), (vec!["other.py".to_owned()], false));
    assert_eq!(findings(&r), fresh());
}
