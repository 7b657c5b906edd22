//! Corpus, mutation and robustness tests over `testdata/spec-corpus/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, Finding, Rule, RuleSet, Severity, SourceFile};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/spec-corpus")
}

fn rules() -> RuleSet {
    RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse")).expect("unique ids")
}

/// The scanner's classification: buildspec*/appspec* by name, OpenAPI by a top-level key.
fn classify(path: &Path, text: &str) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.starts_with("buildspec") && (name.ends_with(".yml") || name.ends_with(".yaml")) {
        return Some(FileKind::Buildspec);
    }
    if ["appspec.yml", "appspec.yaml", "appspec.json"].contains(&name) {
        return Some(FileKind::Appspec);
    }
    let top = text.lines().any(|l| {
        l.starts_with("openapi:")
            || l.starts_with("swagger:")
            || l.trim_start().starts_with("\"openapi\"")
            || l.trim_start().starts_with("\"swagger\"")
    });
    top.then_some(FileKind::Openapi)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "yml" || e == "yaml" || e == "json")
        {
            out.push(p);
        }
    }
}

struct Harness {
    rules: RuleSet,
    analyzers: Vec<Box<dyn Analyzer>>,
}

impl Harness {
    fn new() -> Self {
        let rules = rules();
        let analyzers = vigil_specs::analyzers(&rules).expect("analyzers");
        Self { rules, analyzers }
    }

    fn run(&self, kind: FileKind, path: &Path, text: &str) -> Vec<Finding> {
        let analyzer = self
            .analyzers
            .iter()
            .find(|a| a.kind() == kind)
            .expect("analyzer");
        let root = corpus_dir();
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let file = SourceFile::new(path.to_path_buf(), rel.as_str(), kind, text);
        let enabled: Vec<Arc<Rule>> = self.rules.for_kind(kind).cloned().collect();
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: &root,
            properties: None,
        };
        let mut out = FileOutput::default();
        analyzer.check(&file, &ctx, &mut out);
        out.findings.sort();
        out.findings
    }
}

fn corpus_files() -> Vec<(PathBuf, FileKind, String)> {
    let mut paths = Vec::new();
    walk(&corpus_dir(), &mut paths);
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).expect("read corpus file");
            classify(&p, &text).map(|k| (p, k, text))
        })
        .collect()
}

#[test]
fn valid_corpus_has_no_errors() {
    let h = Harness::new();
    let files = corpus_files();
    assert!(files.len() >= 30, "only {} corpus specs", files.len());
    for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
        assert!(
            files.iter().any(|(_, k, _)| *k == kind),
            "no {kind} in corpus"
        );
    }
    let mut errors = Vec::new();
    for (path, kind, text) in &files {
        for f in h.run(*kind, path, text) {
            if f.severity == Severity::Error {
                errors.push(format!(
                    "{}:{}:{} {} {}",
                    f.location.path,
                    f.location.start.line,
                    f.location.start.column,
                    f.rule_id,
                    f.message
                ));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "errors on valid specs:\n{}",
        errors.join("\n")
    );
}

/// (corpus file, text to replace, replacement, the one new finding's rule id). The finding must start on
/// the first line of the replacement, or on the line of the text given after `@` in the rule column.
const MUTATIONS: &[(&str, &str, &str, &str)] = &[
    // buildspec
    ("buildspec/buildspec-python.yml", "version: 0.2", "version: 2.0", "buildspec/invalid-version"),
    ("buildspec/buildspec-python.yml", "  pre_build:", "  prebuild:", "buildspec/invalid-phase-name"),
    ("buildspec/buildspec-python.yml", "artifacts:", "artifact:", "buildspec/unknown-key"),
    ("buildspec/buildspec-python.yml", "    base-directory: reports", "    base_directory: reports", "buildspec/unknown-key"),
    ("buildspec/buildspec-python.yml", "      - python setup.py bdist_wheel", "      - echo Building: wheel", "buildspec/command-is-mapping"),
    ("buildspec/buildspec-docker.yml", "artifacts:\n  files: imagedefinitions.json", "artifacts:\n  name: imagedefinitions.json", "buildspec/missing-required-field"),
    ("buildspec/buildspec-node.yaml", "    on-failure: ABORT", "    on-failure: STOP", "buildspec/invalid-on-failure"),
    ("buildspec/buildspec-node.yaml", "  shell: bash", "  shell: fish", "buildspec/invalid-enum-value"),
    ("buildspec/buildspec-node.yaml", "    NODE_ENV: production", "    NPM_TOKEN_VALUE: npm_s3cr3tValue", "buildspec/plaintext-secret"),
    ("buildspec/buildspec-node.yaml", "secret:npm-token-AbCdEf:token", "secret:npm-token-AbCdEf:token:AWSCURRENT:v1", "buildspec/malformed-secrets-manager-ref"),
    ("buildspec/buildspec-go.yml", "      - go vet ./...", "      - curl -fsSL https://get.example.com | sh", "buildspec/curl-pipe-shell"),
    ("buildspec/buildspec-go.yml", "      - go vet ./...", "      - chmod 777 bin", "buildspec/world-writable-chmod"),
    ("buildspec/buildspec-docker.yml", "      - IMAGE_TAG=$(echo", "      - TAG=$(echo", "buildspec/exported-variable-never-set@    - IMAGE_TAG"),
    ("buildspec/buildspec-sam.yml", "  install:\n    runtime-versions:", "  pre_build:\n    runtime-versions:", "buildspec/runtime-versions-misplaced@    runtime-versions:"),
    ("buildspec/buildspec-batch.yml", "        - build1", "        - build3", "buildspec/batch-invalid"),
    ("buildspec/buildspec-python.yml", "    - 'dist/*.whl'", "    - '/dist/*.whl'", "buildspec/artifact-path-escapes"),
    // appspec
    ("appspec/ec2-linux/appspec.yml", "version: 0.0", "version: \"0.0\"", "appspec/invalid-version"),
    ("appspec/ec2-linux/appspec.yml", "os: linux", "os: Linux", "appspec/invalid-os"),
    ("appspec/ec2-linux/appspec.yml", "hooks:", "Hooks:", "appspec/key-case"),
    ("appspec/ec2-linux/appspec.yml", "  AfterInstall:", "  AfterInstal:", "appspec/invalid-hook-name"),
    ("appspec/ec2-linux/appspec.yml", "Scripts/RunResourceTests.sh", "Scripts/RunResourceTest.sh", "appspec/hook-script-missing"),
    ("appspec/ec2-linux/appspec.yml", "      timeout: 180", "      timeout: 4000", "appspec/hook-timeout-invalid"),
    ("appspec/ec2-linux/appspec.yml", "    destination: /webapps/Config", "    destinaton: /webapps/Config", "appspec/unknown-key"),
    ("appspec/ec2-linux/appspec.yml", "    mode: 755", "    mode: 0755", "appspec/invalid-permissions"),
    ("appspec/ec2-nested/deploy/appspec.yml", "file_exists_behavior: RETAIN", "file_exists_behavior: KEEP", "appspec/invalid-file-exists-behavior"),
    ("appspec/ec2-nested/deploy/appspec.yml", "  ApplicationStop:", "  DownloadBundle:", "appspec/reserved-hook"),
    ("appspec/lambda/appspec.yml", "        TargetVersion: \"2\"", "        TargetVersion: \"latest\"", "appspec/lambda-resource-invalid"),
    ("appspec/lambda/appspec.yml", "  - BeforeAllowTraffic:", "  - BeforeInstall:", "appspec/invalid-hook-name"),
    ("appspec/lambda-json/appspec.json", "\"Type\": \"AWS::Lambda::Function\"", "\"Type\": \"AWS::Lambda::Alias\"", "appspec/lambda-resource-invalid"),
    ("appspec/ecs/appspec.yaml", "          ContainerPort: 80", "          ContainerPort: http", "appspec/ecs-resource-invalid"),
    ("appspec/ecs-json/appspec.json", "\"ContainerName\": \"sample-website\",", "", "appspec/ecs-resource-invalid@\"LoadBalancerInfo\""),
    // openapi
    ("openapi/petstore.yaml", "  version: 1.0.0", "  versoin: 1.0.0", "openapi/schema-invalid"),
    ("openapi/petstore.yaml", "      operationId: createPets", "      operationId: listPets", "openapi/operation-id-unique"),
    ("openapi/petstore.yaml", "          required: true\n          description: The id", "          required: false\n          description: The id", "openapi/path-params"),
    ("openapi/petstore.yaml", "$ref: \"#/components/schemas/Pets\"", "$ref: \"#/components/schemas/Petz\"", "openapi/unresolved-ref"),
    ("openapi/petstore-swagger.json", "\"in\": \"path\", \"description\": \"ID of pet to fetch\"", "\"in\": \"paht\", \"description\": \"ID of pet to fetch\"", "openapi/schema-invalid"),
    ("openapi/petstore-swagger.json", "\"type\": \"array\", \"items\": { \"$ref\": \"#/definitions/Pet\" }", "\"type\": \"array\"", "openapi/array-items-missing"),
    ("openapi/oauth2-api.json", "\"security\": [{ \"oauth\": [\"tasks:write\"] }]", "\"security\": [{ \"oath\": [\"tasks:write\"] }]", "openapi/security-scheme-undefined"),
    ("openapi/multi/api.yaml", "schemas/product.yaml#/'", "schemas/products.yaml#/'", "openapi/unresolved-ref"),
    ("openapi/sam-rest-api.yaml", "        httpMethod: POST\n        uri:\n", "        httpMethod: GET\n        uri:\n", "openapi/apigw-lambda-http-method"),
    ("openapi/sam-rest-api.yaml", "      x-amazon-apigateway-request-validator: basic", "      x-amazon-apigateway-request-validator: full", "openapi/apigw-request-validator-undefined"),
    ("openapi/sam-rest-api.yaml", "        type: mock", "        type: mocked", "openapi/apigw-integration-type-invalid"),
    ("openapi/http-api.yaml", "        payloadFormatVersion: \"1.0\"\n", "", "openapi/apigw-integration-required-fields@x-amazon-apigateway-integration:\n        type: \"http_proxy\""),
    ("openapi/http-api.yaml", "        uri: \"https://www.example.com/\"", "        uri: \"www.example.com\"", "openapi/apigw-integration-uri-malformed"),
    ("openapi/lambda-authorizer-rest.json", "\"authorizerResultTtlInSeconds\": 60", "\"authorizerResultTtlInSeconds\": 86400", "openapi/apigw-authorizer-invalid"),
    ("openapi/apigw-export-swagger.json", "\"paths\": {\n    \"/\": {", "\"security\": [{ \"sigv4\": [] }],\n  \"paths\": {\n    \"/\": {", "openapi/apigw-global-security-ignored"),
    ("openapi/oauth2-api.json", "\"title\": { \"type\": \"string\", \"maxLength\": 200 }", "\"title\": { \"type\": \"string\" }", "openapi/unbounded-string"),
    ("openapi/oauth2-api.json", "\"items\": { \"type\": \"string\" }, \"maxItems\": 10", "\"items\": { \"type\": \"string\", \"maxLength\": 9 }", "openapi/unbounded-array"),
    ("openapi/callback-example.yaml", "example: 2531329f-fb09-4ef7-887e-84e648214436", "example: 42", "openapi/example-invalid"),
    ("openapi/sam-rest-api.yaml", "\"'GET,OPTIONS'\"", "\"'OPTIONS'\"", "openapi/apigw-cors-inconsistent"),
    ("openapi/sam-rest-api.yaml", "        '400':\n          description: invalid order", "        '500':\n          description: invalid order", "openapi/missing-4xx-response@    post:\n      operationId: createOrder"),
    ("openapi/rate-limited-api.yaml", "        '404':\n          description: No such shipment\n        '429':\n          $ref: '#/components/responses/TooManyRequests'", "        '404':\n          description: No such shipment", "openapi/missing-429-response@    get:\n      operationId: getShipment"),
    ("openapi/oauth2-api.json", "\"default\": \"eu\"", "\"default\": \"ap\"", "openapi/server-variables"),
    ("openapi/oauth2-api.json", "\"authorizationCode\": {", "\"implicit\": {", "openapi/weak-auth-scheme"),
    ("openapi/oauth2-api.json", "\"enum\": [\"open\", \"done\"]", "\"enum\": [\"open\", 2]", "openapi/enum-type-mismatch"),
    ("openapi/lambda-authorizer-rest.json", "\"timeoutInMillis\": 29000", "\"timeoutInMillis\": 20", "openapi/apigw-timeout-out-of-range"),
    ("openapi/link-example.yaml", "      responses:\n        '204':", "      responses:\n        '404':", "openapi/success-response-missing@    post:\n      operationId: mergePullRequest"),
];

#[test]
fn each_mutation_yields_exactly_the_expected_finding() {
    let h = Harness::new();
    let root = corpus_dir();
    let mut failures = Vec::new();
    for (rel, from, to, rule) in MUTATIONS {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        let kind = classify(&path, &text).expect("classified");
        let Some(at) = text.find(from) else {
            failures.push(format!("{rel}: mutation source `{from}` not found"));
            continue;
        };
        let mutated = text.replacen(from, to, 1);
        let base = h.run(kind, &path, &text);
        let after = h.run(kind, &path, &mutated);
        let new: Vec<&Finding> = after
            .iter()
            .filter(|f| {
                !base
                    .iter()
                    .any(|b| b.rule_id == f.rule_id && b.message == f.message)
            })
            .collect();
        let (rule, anchor) = match rule.split_once('@') {
            Some((r, a)) => (r, Some(a)),
            None => (*rule, None),
        };
        let pos = match anchor {
            Some(a) => mutated.find(a).unwrap_or(at),
            None => at,
        };
        let want_line = u32::try_from(mutated[..pos].matches('\n').count() + 1).expect("line");
        let want_line = if anchor.is_none() && to.starts_with('\n') {
            want_line + 1
        } else {
            want_line
        };
        let ok = new.len() == 1
            && new
                .iter()
                .all(|f| f.rule_id.as_ref() == rule && f.location.start.line == want_line);
        let first_line = want_line;
        if !ok {
            failures.push(format!(
                "{rel}: `{from}` -> `{to}` expected one `{rule}` near line {first_line}, got [{}]",
                new.iter()
                    .map(|f| format!("{}@{}: {}", f.rule_id, f.location.start.line, f.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn truncated_files_never_panic() {
    let h = Harness::new();
    for (path, kind, text) in corpus_files() {
        let mut cut = 0;
        let step = (text.len() / 40).max(1);
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                let _ = h.run(kind, &path, &text[..cut]);
            }
            cut += step;
        }
    }
}

fn run_all_kinds(h: &Harness, name: &str, text: &str) -> Vec<Finding> {
    let mut all = Vec::new();
    for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
        all.extend(h.run(kind, &corpus_dir().join(name), text));
    }
    all
}

#[test]
fn deep_nesting_does_not_overflow() {
    let h = Harness::new();
    let depth = 10_000;
    let flow_seq = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let flow_map = format!("{}x{}", "{a: ".repeat(depth), "}".repeat(depth));
    let json = format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth));
    let json_arr = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut block = String::from("openapi: 3.0.0\nx:\n");
    for i in 0..2000 {
        block.push_str(&" ".repeat(i + 1));
        block.push_str("- \n");
    }
    for (name, text) in [
        ("deep.yaml", &flow_seq),
        ("deep.yaml", &flow_map),
        ("deep.json", &json),
        ("deep.json", &json_arr),
        ("deep-block.yaml", &block),
    ] {
        // Must return (findings or notifications) without a stack overflow.
        let _ = run_all_kinds(&h, name, text);
    }
}

#[test]
fn billion_laughs_is_reported_not_expanded() {
    let h = Harness::new();
    let mut text = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("x-a{i}: &a{i} [{refs}]\n"));
    }
    let start = std::time::Instant::now();
    let findings = h.run(FileKind::Openapi, &corpus_dir().join("bomb.yaml"), &text);
    assert!(
        start.elapsed().as_secs() < 5,
        "alias bomb took {:?}",
        start.elapsed()
    );
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id.as_ref() == "openapi/alias-limit"),
        "{findings:?}"
    );
}

#[test]
fn garbage_and_non_utf8_never_panic() {
    let h = Harness::new();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..200 {
        let len = 1 + (round * 37) % 600;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Bias towards YAML/JSON punctuation.
                let pool = b"{}[]:,-&*!|>'\"#%@`\t\n ?0123456789abcxyz<<\xff\xfe\xc3";
                pool[(seed % pool.len() as u64) as usize]
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = run_all_kinds(&h, "garbage.yaml", &text);
        let _ = run_all_kinds(&h, "garbage.json", &text);
    }
}

/// Statistics over an external collection of valid OpenAPI documents (not committed): the directory in
/// `VIGIL_SPEC_CORPUS`, every `.json`/`.yaml`/`.yml` file under it with a top-level `openapi`/`swagger`
/// key, run with the default rule selection (stable rules, opt-in categories left out).
/// `cargo test --release -p vigil_specs --test corpus -- --ignored --nocapture external_corpus_stats`
#[test]
#[ignore = "needs VIGIL_SPEC_CORPUS"]
fn external_corpus_stats() {
    let Ok(dir) = std::env::var("VIGIL_SPEC_CORPUS") else {
        return;
    };
    let h = Harness::new();
    let analyzer = h
        .analyzers
        .iter()
        .find(|a| a.kind() == FileKind::Openapi)
        .expect("analyzer");
    let enabled: Vec<Arc<Rule>> = h
        .rules
        .for_kind(FileKind::Openapi)
        .filter(|r| {
            r.meta.maturity == vigil_core::rule::Maturity::Stable && !r.category().is_opt_in()
        })
        .cloned()
        .collect();
    let mut paths = Vec::new();
    walk(Path::new(&dir), &mut paths);
    let mut counts: Vec<usize> = Vec::new();
    let mut by_rule: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut error_docs, mut bytes) = (0usize, 0usize);
    let mut slowest: Vec<(f64, String)> = Vec::new();
    let start = std::time::Instant::now();
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let head: String = text.chars().take(4096).collect();
        if !head.contains("\"openapi\"")
            && !head.contains("\"swagger\"")
            && classify(p, &text) != Some(FileKind::Openapi)
        {
            continue;
        }
        bytes += text.len();
        let t0 = std::time::Instant::now();
        let file = SourceFile::new(
            p.clone(),
            p.to_string_lossy().as_ref(),
            FileKind::Openapi,
            text,
        );
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: Path::new(&dir),
            properties: None,
        };
        let mut out = FileOutput::default();
        analyzer.check(&file, &ctx, &mut out);
        let mut findings = out.findings;
        findings.sort();
        vigil_core::fingerprint::assign(&file, &mut findings);
        slowest.push((t0.elapsed().as_secs_f64(), p.display().to_string()));
        counts.push(findings.len());
        let mut docs_seen = std::collections::HashSet::new();
        let mut has_error = false;
        for f in &findings {
            let e = by_rule.entry(f.rule_id.to_string()).or_default();
            e.0 += 1;
            if docs_seen.insert(f.rule_id.clone()) {
                e.1 += 1;
            }
            has_error |= f.severity == Severity::Error;
            if f.severity == Severity::Error && std::env::var("VIGIL_SHOW_ERRORS").is_ok() {
                println!(
                    "ERROR {}:{} {} {}",
                    f.location.path, f.location.start.line, f.rule_id, f.message
                );
            }
        }
        error_docs += usize::from(has_error);
    }
    let secs = start.elapsed().as_secs_f64();
    let n = counts.len().max(1);
    counts.sort_unstable();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "{} documents, {:.1} MB in {secs:.2} s: {:.0} files/s, {:.1} MB/s",
        counts.len(),
        bytes as f64 / 1e6,
        counts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    println!(
        "findings: total {}, median {}, p90 {}; documents with an error: {} ({:.2}%)",
        counts.iter().sum::<usize>(),
        counts.get(n / 2).copied().unwrap_or(0),
        counts.get(n * 9 / 10).copied().unwrap_or(0),
        error_docs,
        100.0 * error_docs as f64 / n as f64
    );
    for (rule, (c, d)) in &by_rule {
        println!("  {rule}: {c} findings in {d} documents");
    }
    for (t, p) in slowest.iter().take(5) {
        println!("  slow: {t:.3} s {p}");
    }
}
