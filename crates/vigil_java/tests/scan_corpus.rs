//! Robustness run over a corpus (e.g. the OpenJDK sources): `VIGIL_CORPUS=/tmp/jdksrc cargo test -p
//! vigil_java --test scan_corpus -- --ignored --nocapture`. Runs both phases over every `.java` file and
//! prints per-rule counts, the slowest files and the time taken. Not part of the normal test run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, RuleSet, SourceFile};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "java") {
            out.push(p);
        }
    }
}

#[test]
#[ignore = "needs VIGIL_CORPUS"]
fn scan_corpus() {
    let Ok(root) = std::env::var("VIGIL_CORPUS") else {
        return;
    };
    let root = PathBuf::from(root);
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer");
    let files: Vec<SourceFile> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let rel = p
                .strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .to_string();
            Some(SourceFile::new(
                p.clone(),
                rel.as_str(),
                FileKind::Java,
                text,
            ))
        })
        .collect();
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let t0 = Instant::now();
    let sums: Vec<(Arc<str>, vigil_core::analyzer::Summary)> = files
        .iter()
        .filter_map(|f| analyzer.summarize(f).map(|s| (f.rel_path.clone(), s)))
        .collect();
    let t1 = Instant::now();
    let project = analyzer.link(&mut sums.into_iter());
    let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut notes = 0usize;
    let mut slow: Vec<(u128, String)> = Vec::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &files {
        let ctx = CheckContext {
            rules: &enabled,
            project: project.as_ref(),
            root: &root,
            properties: None,
        };
        let s = Instant::now();
        let mut out = FileOutput::default();
        analyzer.check(f, &ctx, &mut out);
        slow.push((s.elapsed().as_millis(), f.rel_path.to_string()));
        notes += out.notifications.len();
        for fi in out.findings {
            *per_rule.entry(fi.rule_id.to_string()).or_default() += 1;
            let v = samples.entry(fi.rule_id.to_string()).or_default();
            if v.len() < 8 {
                v.push(format!(
                    "{}:{}: {}",
                    fi.location.path, fi.location.start.line, fi.message
                ));
            }
        }
    }
    let t2 = Instant::now();
    slow.sort_by(|a, b| b.cmp(a));
    println!(
        "{} files, {:.1} MB; phase 1 {:.1}s, phase 2 {:.1}s; notifications {notes}",
        files.len(),
        bytes as f64 / 1e6,
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64()
    );
    for (r, n) in &per_rule {
        println!("{r}: {n}");
    }
    for (r, v) in &samples {
        println!("== {r}");
        for s in v {
            println!("  {s}");
        }
    }
    for (ms, p) in slow.iter().take(5) {
        println!("slow: {ms} ms {p}");
    }
}
