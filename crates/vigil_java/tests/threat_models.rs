//! Threat models: `local` sources (environment, files, console, command line, database) are silent
//! by default and reported with `--threat-model local`. One test function, because the selection is
//! process-wide.

use std::path::{Path, PathBuf};

use vigil_core::RuleSet;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(dir: &Path) -> (Vec<String>, (usize, usize)) {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer");
    let outcome = vigil_testkit::check_fixture_dir(dir, analyzer.as_ref(), &rules);
    assert!(outcome.files > 0, "no fixtures in {}", dir.display());
    let msgs = outcome.mismatches.iter().map(ToString::to_string).collect();
    let mut counts = (0, 0);
    for id in ["sql-injection", "command-injection", "path-traversal"] {
        let (p, n) = outcome.coverage.counts(&format!("java/{id}"));
        counts.0 += p;
        counts.1 += n;
    }
    (msgs, counts)
}

/// The fixtures as the local threat model sees them: `local-ruleid:` becomes `ruleid:`, and the
/// `ok:` lines that hold only while the local threat model is off become plain comments.
fn local_view(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("// ok:") && t.contains("-- local threat model off") {
                String::from("//")
            } else {
                l.replace("// local-ruleid:", "// ruleid:")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn local_sources_only_with_the_local_threat_model() {
    let dir = root().join("testdata/java/threat-local");
    // Default: remote only. Every local source is silent (the `ok:` annotations).
    vigil_java::set_threat_models(&["remote"]).expect("known");
    let (msgs, (_, neg)) = run(&dir);
    assert!(msgs.is_empty(), "remote:\n{}", msgs.join("\n"));
    assert!(neg >= 15, "{neg} negatives");

    // With `local`, the same code is reported where marked.
    let tmp = std::env::temp_dir().join(format!("vigil-threat-local-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let mut marked = 0;
    for e in std::fs::read_dir(&dir).expect("fixtures") {
        let p = e.expect("entry").path();
        let text = std::fs::read_to_string(&p).expect("fixture");
        marked += text.matches("// local-ruleid:").count();
        let name = p.file_name().expect("name");
        std::fs::write(tmp.join(name), local_view(&text)).expect("write");
    }
    vigil_java::set_threat_models(&["remote", "local"]).expect("known");
    let (msgs, (pos, neg)) = run(&tmp);
    vigil_java::set_threat_models(&["remote"]).expect("known");
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(msgs.is_empty(), "local:\n{}", msgs.join("\n"));
    assert_eq!(pos, marked);
    assert!(
        marked >= 10 && neg >= 5,
        "{marked} positives, {neg} negatives"
    );

    assert!(vigil_java::set_threat_models(&["lan"]).is_err());
}
