//! Throughput of the spec analyzers (parse + all builtin rules) on one thread.
//!
//! Two groups: the OpenAPI documents of `testdata/spec-corpus/` (small, AWS-doc shaped; elements/s =
//! files/s) and generated APIs of about 1 MB and 5 MB in JSON and YAML (bytes/s).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, Rule, RuleSet, SourceFile};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/spec-corpus")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn is_openapi(text: &str) -> bool {
    text.lines().any(|l| {
        l.starts_with("openapi:")
            || l.starts_with("swagger:")
            || l.trim_start().starts_with("\"openapi\"")
            || l.trim_start().starts_with("\"swagger\"")
    })
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::new(vigil_core::builtin::rules().unwrap_or_default()).unwrap_or_default();
    let analyzers = vigil_specs::analyzers(&rules).unwrap_or_default();
    let Some(analyzer) = analyzers.iter().find(|a| a.kind() == FileKind::Openapi) else {
        return;
    };
    let enabled: Vec<Arc<Rule>> = rules.for_kind(FileKind::Openapi).cloned().collect();
    let root = root();
    let ctx = CheckContext {
        rules: &enabled,
        project: None,
        root: &root,
        properties: None,
    };
    let run = |files: &[SourceFile]| {
        for f in files {
            let mut out = FileOutput::default();
            analyzer.check(f, &ctx, &mut out);
            black_box(out);
        }
    };

    let mut paths = Vec::new();
    collect(&root, &mut paths);
    let corpus: Vec<SourceFile> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            is_openapi(&text).then(|| {
                SourceFile::new(
                    p.clone(),
                    p.to_string_lossy().as_ref(),
                    FileKind::Openapi,
                    text,
                )
            })
        })
        .collect();
    let mut g = c.benchmark_group("specs/openapi-corpus");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("check", |b| b.iter(|| run(&corpus)));
    g.finish();

    // Generated APIs of about 1 MB and 5 MB (`vigil_specs::synthetic`), every OpenAPI rule enabled
    // (the opt-in hardening walks included): time must grow linearly with size.
    for (label, json) in [("json", true), ("yaml", false)] {
        for n in [500, 2500] {
            let text = vigil_specs::synthetic::openapi(n, json);
            let file = vec![SourceFile::new(
                root.join(format!("synthetic.{label}")),
                format!("synthetic.{label}"),
                FileKind::Openapi,
                text.clone(),
            )];
            let mut g = c.benchmark_group(format!(
                "specs/openapi-generated-{label}-{}KB",
                text.len() / 1024
            ));
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.sample_size(10);
            g.bench_function("check", |b| b.iter(|| run(&file)));
            g.bench_function("parse-only", |b| {
                b.iter(|| black_box(vigil_specs::tree::parse(&text, json)));
            });
            g.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
