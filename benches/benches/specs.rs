//! Throughput of the spec analyzers (parse + all builtin rules) on one thread.
//!
//! Two groups: the OpenAPI documents of `testdata/spec-corpus/` (small, AWS-doc shaped) and a synthetic
//! large API (~600 operations, about the size of a big public OpenAPI document) in JSON and YAML.
//! Criterion reports elements/s = files/s.

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

/// A large, valid API: `n` resources with list/create/get/update/delete operations.
fn synthetic(n: usize, json: bool) -> String {
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let name = format!("Resource{i}");
        let r = format!("#/components/schemas/{name}");
        let ok = |desc: &str| serde_json::json!({"description": desc, "content": {"application/json": {"schema": {"$ref": r}}}});
        paths.insert(
            format!("/resources{i}"),
            serde_json::json!({
                "get": {"operationId": format!("list{i}"), "security": [{"key": []}],
                        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}}],
                        "responses": {"200": ok("list"), "400": {"description": "bad"}}},
                "post": {"operationId": format!("create{i}"), "security": [{"key": []}],
                         "requestBody": {"content": {"application/json": {"schema": {"$ref": r}}}},
                         "responses": {"201": ok("created"), "400": {"description": "bad"}}}
            }),
        );
        paths.insert(
            format!("/resources{i}/{{id}}"),
            serde_json::json!({
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "get": {"operationId": format!("get{i}"), "security": [{"key": []}], "responses": {"200": ok("one"), "404": {"description": "missing"}}},
                "put": {"operationId": format!("put{i}"), "security": [{"key": []}], "responses": {"200": ok("updated")}},
                "delete": {"operationId": format!("delete{i}"), "security": [{"key": []}], "responses": {"204": {"description": "gone"}}}
            }),
        );
        schemas.insert(
            name,
            serde_json::json!({"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "name": {"type": "string", "maxLength": 100},
                "tags": {"type": "array", "items": {"type": "string"}}, "count": {"type": "integer"}}}),
        );
    }
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Synthetic", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "x-api-key"}}}
    });
    if json {
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    } else {
        serde_yaml_ng::to_string(&doc).unwrap_or_default()
    }
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

    for (label, json) in [("json", true), ("yaml", false)] {
        let text = synthetic(120, json);
        let file = vec![SourceFile::new(
            root.join(format!("synthetic.{label}")),
            format!("synthetic.{label}"),
            FileKind::Openapi,
            text.clone(),
        )];
        let mut g = c.benchmark_group(format!(
            "specs/openapi-large-{label}-{}KB",
            text.len() / 1024
        ));
        g.throughput(Throughput::Elements(1));
        g.sample_size(20);
        g.bench_function("check", |b| b.iter(|| run(&file)));
        g.bench_function("parse-only", |b| {
            b.iter(|| black_box(vigil_specs::tree::parse(&text, json)));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
