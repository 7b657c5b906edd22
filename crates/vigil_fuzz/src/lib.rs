//! The functions every fuzz target calls with arbitrary bytes (`fuzz/fuzz_targets/*.rs`), and that the
//! seed-corpus smoke test (`tests/corpus.rs`) and the stable-Rust mutation loop (`tests/mutate.rs`) call
//! with the same inputs. Each one must return normally on any input: a panic, a hang or an abort is a
//! bug. Errors are fine (bad input is expected to be rejected).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use vigil_core::suppress::{CommentSyntax, Suppressions};
use vigil_core::{Analyzer, CheckContext, FileKind, Rule, RuleSet, SourceFile};

struct Engine {
    rules: RuleSet,
    analyzers: Vec<Box<dyn Analyzer>>,
}

/// Every built-in rule (experimental ones too) and every analyzer, built once.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let rules = vigil_core::builtin::rules()
            .ok()
            .and_then(|r| RuleSet::new(r).ok())
            .unwrap_or_default();
        let mut analyzers: Vec<Box<dyn Analyzer>> = Vec::new();
        analyzers.extend(vigil_java::analyzer(&rules).ok());
        analyzers.extend(vigil_python::analyzer(&rules).ok());
        analyzers.extend(vigil_specs::analyzers(&rules).unwrap_or_default());
        Engine { rules, analyzers }
    })
}

/// The entry function of a target.
pub type Entry = fn(&[u8]);

/// Every fuzz target: its name (the folder of its seed corpus, `fuzz/corpus/<name>/`) and entry.
pub const TARGETS: &[(&str, Entry)] = &[
    ("java", java),
    ("python", python),
    ("buildspec", buildspec),
    ("appspec", appspec),
    ("openapi", openapi),
    ("config", config),
    ("rule_file", rule_file),
    ("diff", diff),
    ("baseline", baseline),
    ("sarif_merge", sarif_merge),
];

/// Parse, lower and run every analysis of `kind` (both phases) over `bytes`, as a scan would, plus
/// the suppression comment reader.
pub fn analyze(kind: FileKind, name: &str, bytes: &[u8]) {
    let e = engine();
    let text = String::from_utf8_lossy(bytes);
    let file = SourceFile::new(PathBuf::from(name), name, kind, text.as_ref());
    let rules: Vec<Arc<Rule>> = e.rules.for_kind(kind).cloned().collect();
    for a in e.analyzers.iter().filter(|a| a.kind() == kind) {
        let facts = a
            .summarize(&file)
            .and_then(|s| a.link(&mut std::iter::once((file.rel_path.clone(), s))));
        let ctx = CheckContext {
            rules: &rules,
            project: facts.as_ref(),
            root: Path::new("."),
            properties: None,
        };
        let mut out = vigil_core::analyzer::FileOutput::default();
        a.check(&file, &ctx, &mut out);
        let mut findings = out.findings;
        findings.sort();
        vigil_core::fingerprint::assign(&file, &mut findings);
    }
    let syntax = match kind {
        FileKind::Java => CommentSyntax::Java,
        FileKind::Python => CommentSyntax::Python,
        _ => CommentSyntax::Yaml,
    };
    let _ = Suppressions::parse_with(&file.text, syntax);
}

/// Java analysis of arbitrary bytes.
pub fn java(bytes: &[u8]) {
    analyze(FileKind::Java, "Fuzz.java", bytes);
}

/// Python analysis of arbitrary bytes.
pub fn python(bytes: &[u8]) {
    analyze(FileKind::Python, "fuzz.py", bytes);
}

/// buildspec linting of arbitrary bytes.
pub fn buildspec(bytes: &[u8]) {
    analyze(FileKind::Buildspec, "buildspec.yml", bytes);
}

/// appspec linting of arbitrary bytes (YAML; JSON too when the input starts with `{`).
pub fn appspec(bytes: &[u8]) {
    let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    analyze(
        FileKind::Appspec,
        if json { "appspec.json" } else { "appspec.yml" },
        bytes,
    );
}

/// OpenAPI linting of arbitrary bytes (JSON when the input starts with `{`, else YAML).
pub fn openapi(bytes: &[u8]) {
    let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    analyze(
        FileKind::Openapi,
        if json { "openapi.json" } else { "openapi.yaml" },
        bytes,
    );
}

/// `vigil.toml` parsing and validation against the built-in rules.
pub fn config(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(cfg) = vigil_core::config::Config::parse(Path::new("/fuzz/vigil.toml"), &text) {
        if let Ok(settings) =
            vigil_scan::Settings::new(&cfg, &vigil_scan::CliSettings::default(), &engine().rules)
        {
            let _ = settings.file_rules(Path::new("/fuzz/src/a.py"));
            let _ = settings.is_excluded(Path::new("/fuzz/build/x.java"));
        }
    }
}

/// A rule file (`rules/<kind>/<id>.yaml` format), as `--rules DIR` loads it.
pub fn rule_file(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(rule) = vigil_core::rule::parse_rule("fuzz.yaml", &text, None, false) {
        let _ = rule.help_uri();
        let _ = rule.analysis();
        // A user rule with a query is compiled by its front end.
        if let Ok(set) = RuleSet::new([rule]) {
            let _ = vigil_java::analyzer(&set);
            let _ = vigil_python::analyzer(&set);
        }
    }
}

/// The unified-diff parser (`--diff-from-file`, the pull request's diff).
pub fn diff(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(d) = vigil_review::Diff::parse(&text) {
        let _ = d.changed_lines();
        for f in d.files.values() {
            for line in [0, 1, 2, 100, u32::MAX] {
                let _ = f.hunk_of(line);
                let _ = f.is_added(line);
            }
        }
    }
}

/// Baseline files (`--baseline`).
pub fn baseline(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(b) = vigil_core::baseline::Baseline::parse(Path::new("baseline.json"), &text) {
        let _ = b.to_json();
    }
}

/// SARIF logs given to `vigil merge`: parse, then merge the log with itself.
pub fn sarif_merge(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(log) = vigil_report::merge::parse_log("a.sarif", &text) {
        let logs = vec![
            ("a.sarif".to_owned(), log.clone()),
            ("b.sarif".to_owned(), log),
        ];
        let _ = vigil_report::merge::merge(logs, &vigil_report::merge::MergeOptions::default());
    }
}
