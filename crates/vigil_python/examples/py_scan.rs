//! False-positive hunting aid: run every built-in Python rule over a directory tree and print each
//! finding (`path:line:col rule message`) and per-rule counts.
//!
//! `cargo run --release -p vigil_python --example py_scan -- DIR [RULE-ID]`
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a developer tool"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, RuleSet, SourceFile};

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: scan DIR [RULE-ID]");
        return;
    };
    let only = args.next();
    let Ok(all) = vigil_core::builtin::rules() else {
        return;
    };
    let Ok(rules) = RuleSet::new(all) else { return };
    let Ok(analyzer) = vigil_python::analyzer(&rules) else {
        return;
    };
    let enabled: Vec<_> = rules
        .for_kind(FileKind::Python)
        .filter(|r| only.as_deref().is_none_or(|o| o == r.id.as_ref()))
        .cloned()
        .collect();
    let mut files = Vec::new();
    collect(Path::new(&dir), "py", &mut files);
    files.sort();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let (mut bytes, mut notes) = (0usize, 0usize);
    let start = Instant::now();
    for p in &files {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        bytes += text.len();
        let rel = p
            .strip_prefix(&dir)
            .unwrap_or(p)
            .to_string_lossy()
            .to_string();
        let file = SourceFile::new(p.clone(), rel.as_str(), FileKind::Python, text);
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: Path::new(&dir),
        };
        let mut out = FileOutput::default();
        analyzer.check(&file, &ctx, &mut out);
        notes += out.notifications.len();
        out.findings.sort();
        for f in out.findings {
            *counts.entry(f.rule_id.to_string()).or_default() += 1;
            println!(
                "{}:{}:{} {} {}",
                rel, f.location.start.line, f.location.start.column, f.rule_id, f.message
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {:.1} MB, {:.2} s ({:.1} MB/s), {notes} notifications",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    for (r, n) in counts {
        eprintln!("{n:6} {r}");
    }
}
