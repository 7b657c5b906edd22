//! Java and Python analyzers over `testdata/corpus-small/`: parsing alone, rules alone (over trees
//! parsed outside the timed closure), and both, with `Throughput::Bytes`.
//!
//! `cargo bench -p vigil_benches --bench analyze`

use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, Rule, RuleSet, SourceFile};

fn corpus(ext: &str, kind: FileKind) -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus-small");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/corpus-small exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("corpus files are UTF-8");
            let rel = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            SourceFile::new(p, rel, kind, text)
        })
        .collect()
}

fn all_rules(rules: &RuleSet, kind: FileKind) -> Vec<Arc<Rule>> {
    // Every rule of the kind, experimental ones included: the worst case.
    rules.for_kind(kind).cloned().collect()
}

/// `ctx` for an analyzer's own facts type (there are none here).
fn no_facts<'a, F>(ctx: &CheckContext<'a>) -> CheckContext<'a, F> {
    CheckContext {
        rules: ctx.rules,
        project: None,
        root: ctx.root,
        properties: ctx.properties,
    }
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
        .expect("unique ids");
    let java = vigil_java::JavaAnalyzer::new(&rules).expect("java rules compile");
    let python = vigil_python::PythonAnalyzer::new(&rules).expect("python rules compile");

    for (name, ext, kind) in [
        ("java", "java", FileKind::Java),
        ("python", "py", FileKind::Python),
    ] {
        let files = corpus(ext, kind);
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        let enabled = all_rules(&rules, kind);
        let ctx: CheckContext<'_> = CheckContext {
            rules: &enabled,
            project: None,
            root: Path::new("."),
            properties: None,
        };
        let parse = |text: &str| match kind {
            FileKind::Java => vigil_java::parse(text),
            _ => vigil_python::parse(text),
        };
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("parse", |b| {
            b.iter(|| {
                for f in &files {
                    std::hint::black_box(parse(&f.text));
                }
            });
        });
        group.bench_function("rules", |b| {
            b.iter_batched(
                || {
                    files
                        .iter()
                        .map(|f| parse(&f.text).expect("corpus parses"))
                        .collect::<Vec<_>>()
                },
                |trees| {
                    let mut out = FileOutput::default();
                    for (f, t) in files.iter().zip(&trees) {
                        match kind {
                            FileKind::Java => java.check_tree(f, t, &no_facts(&ctx), &mut out),
                            _ => python.check_tree(f, t, &no_facts(&ctx), &mut out),
                        }
                    }
                    out
                },
                BatchSize::LargeInput,
            );
        });
        group.bench_function("parse+rules", |b| {
            b.iter(|| {
                let mut out = FileOutput::default();
                for f in &files {
                    match kind {
                        FileKind::Java => java.check(f, &ctx, &mut out),
                        _ => python.check(f, &ctx, &mut out),
                    }
                }
                out
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
