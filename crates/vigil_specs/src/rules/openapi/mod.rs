//! OpenAPI 2.0 / 3.0 / 3.1 documents, including the Amazon API Gateway extensions.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use regex::Regex;
use vigil_core::analyzer::{FileOutput, ProjectFacts, Summary};
use vigil_core::{Analyzer, CheckContext, FileKind, SourceFile};

use crate::tree::{self, Doc, Kind, NodeId};
use crate::{hint, run, spec_rule, Reporter, SpecRule};

pub(crate) const R_API_KEY_IN_QUERY: SpecRule = spec_rule!(Openapi, "api-key-in-query");
pub(crate) const R_APIGW_API_KEY_SOURCE_INVALID: SpecRule =
    spec_rule!(Openapi, "apigw-api-key-source-invalid");
pub(crate) const R_APIGW_AUTHORIZER_INVALID: SpecRule =
    spec_rule!(Openapi, "apigw-authorizer-invalid");
pub(crate) const R_APIGW_CORS_INCONSISTENT: SpecRule =
    spec_rule!(Openapi, "apigw-cors-inconsistent");
pub(crate) const R_APIGW_GLOBAL_SECURITY_IGNORED: SpecRule =
    spec_rule!(Openapi, "apigw-global-security-ignored");
pub(crate) const R_APIGW_INTEGRATION_REQUIRED_FIELDS: SpecRule =
    spec_rule!(Openapi, "apigw-integration-required-fields");
pub(crate) const R_APIGW_INTEGRATION_TYPE_INVALID: SpecRule =
    spec_rule!(Openapi, "apigw-integration-type-invalid");
pub(crate) const R_APIGW_INTEGRATION_URI_MALFORMED: SpecRule =
    spec_rule!(Openapi, "apigw-integration-uri-malformed");
pub(crate) const R_APIGW_LAMBDA_HTTP_METHOD: SpecRule =
    spec_rule!(Openapi, "apigw-lambda-http-method");
pub(crate) const R_APIGW_REQUEST_VALIDATOR_UNDEFINED: SpecRule =
    spec_rule!(Openapi, "apigw-request-validator-undefined");
pub(crate) const R_APIGW_TIMEOUT_OUT_OF_RANGE: SpecRule =
    spec_rule!(Openapi, "apigw-timeout-out-of-range");
pub(crate) const R_ARRAY_ITEMS_MISSING: SpecRule = spec_rule!(Openapi, "array-items-missing");
pub(crate) const R_DUPLICATE_PARAMETER: SpecRule = spec_rule!(Openapi, "duplicate-parameter");
pub(crate) const R_ENUM_TYPE_MISMATCH: SpecRule = spec_rule!(Openapi, "enum-type-mismatch");
pub(crate) const R_EXAMPLE_INVALID: SpecRule = spec_rule!(Openapi, "example-invalid");
pub(crate) const R_INSECURE_SERVER_URL: SpecRule = spec_rule!(Openapi, "insecure-server-url");
pub(crate) const R_MISSING_429_RESPONSE: SpecRule = spec_rule!(Openapi, "missing-429-response");
pub(crate) const R_MISSING_4XX_RESPONSE: SpecRule = spec_rule!(Openapi, "missing-4xx-response");
pub(crate) const R_NO_SECURITY_SCHEME: SpecRule = spec_rule!(Openapi, "no-security-scheme");
pub(crate) const R_OPERATION_ID_UNIQUE: SpecRule = spec_rule!(Openapi, "operation-id-unique");
pub(crate) const R_OPERATION_WITHOUT_SECURITY: SpecRule =
    spec_rule!(Openapi, "operation-without-security");
pub(crate) const R_PATH_AMBIGUOUS: SpecRule = spec_rule!(Openapi, "path-ambiguous");
pub(crate) const R_PATH_PARAMS: SpecRule = spec_rule!(Openapi, "path-params");
pub(crate) const R_SCHEMA_INVALID: SpecRule = spec_rule!(Openapi, "schema-invalid");
pub(crate) const R_SECURITY_SCHEME_UNDEFINED: SpecRule =
    spec_rule!(Openapi, "security-scheme-undefined");
pub(crate) const R_SERVER_VARIABLES: SpecRule = spec_rule!(Openapi, "server-variables");
pub(crate) const R_SUCCESS_RESPONSE_MISSING: SpecRule =
    spec_rule!(Openapi, "success-response-missing");
pub(crate) const R_UNBOUNDED_ARRAY: SpecRule = spec_rule!(Openapi, "unbounded-array");
pub(crate) const R_UNBOUNDED_STRING: SpecRule = spec_rule!(Openapi, "unbounded-string");
pub(crate) const R_UNRESOLVED_REF: SpecRule = spec_rule!(Openapi, "unresolved-ref");
pub(crate) const R_UNUSED_COMPONENT: SpecRule = spec_rule!(Openapi, "unused-component");
pub(crate) const R_WEAK_AUTH_SCHEME: SpecRule = spec_rule!(Openapi, "weak-auth-scheme");

/// The OpenAPI rules (besides the parse rules).
pub(crate) const RULES: &[(SpecRule, ())] = &[
    (R_API_KEY_IN_QUERY, ()),
    (R_APIGW_API_KEY_SOURCE_INVALID, ()),
    (R_APIGW_AUTHORIZER_INVALID, ()),
    (R_APIGW_CORS_INCONSISTENT, ()),
    (R_APIGW_GLOBAL_SECURITY_IGNORED, ()),
    (R_APIGW_INTEGRATION_REQUIRED_FIELDS, ()),
    (R_APIGW_INTEGRATION_TYPE_INVALID, ()),
    (R_APIGW_INTEGRATION_URI_MALFORMED, ()),
    (R_APIGW_LAMBDA_HTTP_METHOD, ()),
    (R_APIGW_REQUEST_VALIDATOR_UNDEFINED, ()),
    (R_APIGW_TIMEOUT_OUT_OF_RANGE, ()),
    (R_ARRAY_ITEMS_MISSING, ()),
    (R_DUPLICATE_PARAMETER, ()),
    (R_ENUM_TYPE_MISMATCH, ()),
    (R_EXAMPLE_INVALID, ()),
    (R_INSECURE_SERVER_URL, ()),
    (R_MISSING_429_RESPONSE, ()),
    (R_MISSING_4XX_RESPONSE, ()),
    (R_NO_SECURITY_SCHEME, ()),
    (R_OPERATION_ID_UNIQUE, ()),
    (R_OPERATION_WITHOUT_SECURITY, ()),
    (R_PATH_AMBIGUOUS, ()),
    (R_PATH_PARAMS, ()),
    (R_SCHEMA_INVALID, ()),
    (R_SECURITY_SCHEME_UNDEFINED, ()),
    (R_SERVER_VARIABLES, ()),
    (R_SUCCESS_RESPONSE_MISSING, ()),
    (R_UNBOUNDED_ARRAY, ()),
    (R_UNBOUNDED_STRING, ()),
    (R_UNRESOLVED_REF, ()),
    (R_UNUSED_COMPONENT, ()),
    (R_WEAK_AUTH_SCHEME, ()),
];

/// The OpenAPI analyzer (`analysis: openapi`).
pub struct OpenapiAnalyzer;

impl Analyzer for OpenapiAnalyzer {
    fn kind(&self) -> FileKind {
        FileKind::Openapi
    }

    fn analyses(&self) -> Vec<&'static str> {
        crate::rule_names(FileKind::Openapi)
    }

    /// Phase 1: the `$ref`s of this file that point into other files, found by a text scan (the file
    /// is parsed once, in phase 2).
    fn summarize(&self, file: &SourceFile) -> Option<Summary> {
        let base = file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let refs: Vec<(PathBuf, String)> = scan_refs(&file.text)
            .into_iter()
            .filter_map(|r| {
                let (f, p) = r.split_once('#').unwrap_or((r.as_str(), ""));
                if f.is_empty() || f.contains("://") {
                    return None;
                }
                Some((normalize(&base.join(percent_decode(f))), percent_decode(p)))
            })
            .collect();
        (!refs.is_empty()).then(|| Box::new(refs) as Summary)
    }

    /// The set of (file, pointer) targets referenced from other files.
    fn link(&self, summaries: Vec<(Arc<str>, Summary)>) -> Option<ProjectFacts> {
        let mut set: ExternalRefs = HashSet::new();
        for (_, s) in summaries {
            if let Ok(v) = s.downcast::<Vec<(PathBuf, String)>>() {
                set.extend(*v);
            }
        }
        Some(Arc::new(set))
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        let external = ctx.project.and_then(|p| p.downcast_ref::<ExternalRefs>());
        run(
            FileKind::Openapi,
            file,
            ctx,
            out,
            |rep, doc| {
                let mut c = Checker::new(rep, doc);
                if c.is_document() {
                    c.check();
                    if c.rep.on(R_UNUSED_COMPONENT) {
                        c.check_unused(external);
                    }
                }
            },
            |_| {},
        );
    }
}

/// (normalized target file, JSON pointer) of every cross-file `$ref` in the scanned tree.
type ExternalRefs = HashSet<(PathBuf, String)>;

/// Lexically normalized path (`a/./b/../c` → `a/c`), without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `$ref` values in YAML or JSON text (a byte scan, no regex: it runs over every OpenAPI file).
fn scan_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = text.get(from..).and_then(|t| t.find("$ref")) {
        let mut i = from + rel + 4;
        from = i;
        // optional closing quote of the key, spaces, colon, spaces
        if matches!(b.get(i), Some(b'"' | b'\'')) {
            i += 1;
        }
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if b.get(i) != Some(&b':') {
            continue;
        }
        i += 1;
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|&c| c == q || c == b'\n')
                    .map_or(b.len(), |e| start + e);
                text.get(start..end)
            }
            Some(_) => {
                let end = b[i..]
                    .iter()
                    .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'}' | b']'))
                    .map_or(b.len(), |e| i + e);
                text.get(i..end)
            }
            None => None,
        };
        if let Some(v) = value {
            if !v.is_empty() {
                out.push(v.to_owned());
            }
        }
    }
    out
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
const ANY_METHOD: &str = "x-amazon-apigateway-any-method";
const ROOT3: &[&str] = &[
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
];
const ROOT2: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];
const INFO: &[&str] = &[
    "title",
    "summary",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];
const OPERATION3: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const OPERATION2: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "consumes",
    "produces",
    "parameters",
    "responses",
    "schemes",
    "deprecated",
    "security",
];
const PATH_ITEM: &[&str] = &[
    "$ref",
    "summary",
    "description",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "servers",
    "parameters",
];
const INTEGRATION_TYPES: &[&str] = &["aws", "aws_proxy", "http", "http_proxy", "mock"];

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pat).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
    })
}

/// One operation of the document.
struct Op<'a> {
    path: &'a str,
    path_key: NodeId,
    method: &'a str,
    method_key: NodeId,
    node: NodeId,
    path_item: NodeId,
}

struct Checker<'r, 'a, 'd> {
    rep: &'r mut Reporter<'a>,
    doc: &'d Doc,
    root: NodeId,
    v2: bool,
    v31: bool,
    external: HashMap<PathBuf, Option<Doc>>,
    /// Local pointers that did not resolve (to avoid cascading unused-component findings).
    unresolved: Vec<String>,
    /// Resolved local JSON pointers.
    pointers: RefCell<HashMap<String, Option<NodeId>>>,
    /// (schema, example) pairs found by the schema walk.
    examples: Vec<(NodeId, NodeId)>,
    /// Values of discriminator `mapping`s found by the schema walk.
    mappings: Vec<NodeId>,
    /// `$ref` values found by the schema walk.
    refs: Vec<(NodeId, String)>,
    /// (schema, enum) pairs found by the schema walk.
    enums: Vec<(NodeId, NodeId)>,
    /// Credential-named query/path parameters, reported once per name and location.
    credential_params: Vec<(NodeId, String, String)>,
}

impl<'r, 'a, 'd> Checker<'r, 'a, 'd> {
    fn new(rep: &'r mut Reporter<'a>, doc: &'d Doc) -> Self {
        let root = doc.root.unwrap_or(0);
        let v2 = doc.get(root, "swagger").is_some();
        let v31 = doc
            .get(root, "openapi")
            .and_then(|v| doc.scalar(v))
            .is_some_and(|v| v.starts_with("3.1"));
        Self {
            rep,
            doc,
            root,
            v2,
            v31,
            external: HashMap::new(),
            unresolved: Vec::new(),
            pointers: RefCell::new(HashMap::new()),
            examples: Vec::new(),
            mappings: Vec::new(),
            refs: Vec::new(),
            enums: Vec::new(),
            credential_params: Vec::new(),
        }
    }

    fn check(&mut self) {
        let doc = self.doc;
        let root = self.root;
        if !doc.is_map(root) {
            return;
        }
        self.check_structure();
        let ops = self.operations();
        // One walk over the document collects `$ref`s, schema facts, examples and mappings.
        self.check_schemas();
        self.check_refs();
        self.check_operation_ids(&ops);
        for op in &ops {
            self.check_op(op);
        }
        let mut creds = std::mem::take(&mut self.credential_params);
        creds.sort_by_key(|(id, _, _)| *id);
        creds.dedup_by_key(|(id, _, _)| *id);
        self.report_grouped(R_API_KEY_IN_QUERY, creds, |n, param, _| {
            let uses = if n > 1 { format!(" ({n} declarations)") } else { String::new() };
            format!("{param}{uses} carries a credential in the URL; URLs end up in logs, caches and browser history: send it in a header")
        });
        self.check_security(&ops);
        // Each remaining check runs only when one of its rules is enabled.
        let ctx = self.rep.ctx;
        let on = |rules: &[SpecRule]| rules.iter().any(|r| ctx.rules.iter().any(|e| r.is(&e.id)));
        if on(&[R_INSECURE_SERVER_URL]) {
            self.check_servers();
        }
        if on(&[R_SERVER_VARIABLES]) {
            self.check_server_variables(&ops);
        }
        if on(&[R_PATH_AMBIGUOUS]) {
            self.check_ambiguous_paths();
        }
        if on(&[R_WEAK_AUTH_SCHEME]) {
            self.check_auth_strength();
        }
        if on(&[
            R_UNBOUNDED_STRING,
            R_UNBOUNDED_ARRAY,
            R_MISSING_4XX_RESPONSE,
        ]) {
            self.check_request_bounds(&ops);
        }
        if on(&[R_MISSING_429_RESPONSE]) {
            self.check_rate_limit_responses(&ops);
        }
        if on(&[R_EXAMPLE_INVALID]) {
            self.check_examples();
        }
        if on(&[R_ENUM_TYPE_MISMATCH]) {
            self.check_enums();
        }
        if RULES
            .iter()
            .any(|(r, ())| r.name.starts_with("apigw-") && on(&[*r]))
        {
            self.check_apigw(&ops);
        }
    }

    /// A full document: a fragment (schemas shared by several documents) has no `openapi`/`swagger`
    /// key; the scanner hands only full documents, and fragments are checked through the `$ref`s that
    /// use them.
    fn is_document(&self) -> bool {
        self.doc.is_map(self.root)
            && (self.doc.get(self.root, "openapi").is_some()
                || self.doc.get(self.root, "swagger").is_some())
    }

    fn report(&mut self, rule: SpecRule, id: NodeId, msg: impl Into<String>) {
        let r = self.doc.range(id);
        self.report_range(rule, r, msg);
    }

    /// Report `rule` when it is enabled (the checks of this file report several rules each).
    fn report_range(&mut self, rule: SpecRule, r: vigil_core::TextRange, msg: impl Into<String>) {
        self.report_range_related(rule, r, msg, Vec::new());
    }

    fn report_range_related(
        &mut self,
        rule: SpecRule,
        r: vigil_core::TextRange,
        msg: impl Into<String>,
        related: Vec<(vigil_core::TextRange, String)>,
    ) {
        if self.rep.on(rule) {
            self.rep.report_related(rule, r, msg, related);
        }
    }

    /// Resolve a local JSON pointer (the part after `#`), cached.
    fn local(&self, p: &str) -> Option<NodeId> {
        if let Some(hit) = self.pointers.borrow().get(p) {
            return *hit;
        }
        let r = pointer(self.doc, self.root, p);
        self.pointers.borrow_mut().insert(p.to_owned(), r);
        r
    }

    /// Follow a local `$ref` (a few hops) to the node it names.
    fn deref(&self, id: NodeId) -> NodeId {
        let mut cur = id;
        for _ in 0..8 {
            let Some(r) = self.doc.get(cur, "$ref").and_then(|r| self.doc.str(r)) else {
                return cur;
            };
            match r.strip_prefix('#').and_then(|p| self.local(p)) {
                Some(t) => cur = t,
                None => return cur,
            }
        }
        cur
    }

    fn check_structure(&mut self) {
        let doc = self.doc;
        let root = self.root;
        let top = if self.v2 { ROOT2 } else { ROOT3 };
        for (key, k, _) in doc.pairs(root) {
            if !key.starts_with("x-") && !top.contains(&key) {
                let msg = format!(
                    "unknown top-level field `{key}` in an OpenAPI {} document{}",
                    if self.v2 { "2.0" } else { "3.x" },
                    hint(key, top)
                );
                self.report(R_SCHEMA_INVALID, k, msg);
            }
        }
        if let Some(v) = doc.get(root, "openapi") {
            let t = doc.scalar(v).unwrap_or("");
            if !t.starts_with("3.") {
                self.report(
                    R_SCHEMA_INVALID,
                    v,
                    format!("`openapi` is `{t}`; expected a 3.x version string such as \"3.0.3\""),
                );
            }
        }
        if let Some(v) = doc.get(root, "swagger") {
            if doc.scalar(v) != Some("2.0") {
                let t = doc.scalar(v).unwrap_or("").to_owned();
                self.report(
                    R_SCHEMA_INVALID,
                    v,
                    format!("`swagger` is `{t}`; expected \"2.0\""),
                );
            }
        }
        match doc.get(root, "info") {
            None => self.report_range(
                R_SCHEMA_INVALID,
                first(doc, root),
                "document has no `info` object (required: `title` and `version`)",
            ),
            Some(info) if !doc.is_map(info) => {
                let msg = format!(
                    "`info` must be an object with `title` and `version`, found {}",
                    doc.type_name(info)
                );
                self.report(R_SCHEMA_INVALID, info, msg);
            }
            Some(info) => {
                for want in ["title", "version"] {
                    let misspelled = doc
                        .pairs(info)
                        .any(|(k, _, _)| k != want && crate::did_you_mean(k, INFO) == Some(want));
                    match doc.get(info, want) {
                        None if misspelled => {}
                        None => {
                            let r = doc.key_range(info);
                            self.report_range(
                                R_SCHEMA_INVALID,
                                r,
                                format!("`info` has no `{want}` (required)"),
                            );
                        }
                        Some(v) if doc.is_map(v) || doc.is_seq(v) || doc.is_null(v) => {
                            let msg = format!(
                                "`info.{want}` must be a string, found {}",
                                doc.type_name(v)
                            );
                            self.report(R_SCHEMA_INVALID, v, msg);
                        }
                        _ => {}
                    }
                }
                for (key, k, _) in doc.pairs(info) {
                    if !key.starts_with("x-") && !INFO.contains(&key) {
                        let msg = format!("unknown field `{key}` in `info`{}", hint(key, INFO));
                        self.report(R_SCHEMA_INVALID, k, msg);
                    }
                }
            }
        }
        if let Some(c) = doc.get(root, "components").filter(|_| !self.v2) {
            const SECTIONS: &[&str] = &[
                "schemas",
                "responses",
                "parameters",
                "examples",
                "requestBodies",
                "headers",
                "securitySchemes",
                "links",
                "callbacks",
                "pathItems",
            ];
            for (key, k, _) in doc.pairs(c) {
                if !key.starts_with("x-") && !SECTIONS.contains(&key) {
                    let msg = format!(
                        "unknown field `{key}` in `components`{}",
                        hint(key, SECTIONS)
                    );
                    self.report(R_SCHEMA_INVALID, k, msg);
                }
            }
        }
        match doc.get(root, "paths") {
            None if !self.v31 => {
                self.report_range(
                    R_SCHEMA_INVALID,
                    first(doc, root),
                    "document has no `paths` object (required before OpenAPI 3.1)",
                );
            }
            Some(p) if !doc.is_map(p) && !doc.is_null(p) => {
                let msg = format!(
                    "`paths` must be an object mapping paths to path items, found {}",
                    doc.type_name(p)
                );
                self.report(R_SCHEMA_INVALID, p, msg);
            }
            Some(p) => {
                for (key, k, item) in doc.pairs(p) {
                    if key.starts_with("x-") {
                        continue;
                    }
                    if !key.starts_with('/') {
                        self.report(
                            R_SCHEMA_INVALID,
                            k,
                            format!("path `{key}` must start with `/`"),
                        );
                    }
                    if !doc.is_map(item) {
                        if !doc.is_null(item) {
                            let msg = format!(
                                "path item `{key}` must be an object, found {}",
                                doc.type_name(item)
                            );
                            self.report(R_SCHEMA_INVALID, item, msg);
                        }
                        continue;
                    }
                    for (m, mk, _) in doc.pairs(item) {
                        if !m.starts_with("x-") && !PATH_ITEM.contains(&m) {
                            let msg = format!(
                                "unknown field `{m}` in path item `{key}`{}",
                                hint(m, PATH_ITEM)
                            );
                            self.report(R_SCHEMA_INVALID, mk, msg);
                        }
                    }
                }
            }
            None => {}
        }
    }

    fn operations(&self) -> Vec<Op<'d>> {
        let doc = self.doc;
        let mut out = Vec::new();
        let Some(paths) = doc.get(self.root, "paths") else {
            return out;
        };
        for (path, pk, item) in doc.pairs(paths) {
            if path.starts_with("x-") {
                continue;
            }
            let item = self.deref(item);
            for (m, mk, op) in doc.pairs(item) {
                if (METHODS.contains(&m) || m == ANY_METHOD) && doc.is_map(op) {
                    out.push(Op {
                        path,
                        path_key: pk,
                        method: m,
                        method_key: mk,
                        node: op,
                        path_item: item,
                    });
                }
            }
        }
        out
    }

    fn check_operation_ids(&mut self, ops: &[Op<'d>]) {
        let doc = self.doc;
        let mut seen: HashMap<&str, NodeId> = HashMap::new();
        for op in ops {
            let Some(v) = doc.get(op.node, "operationId") else {
                continue;
            };
            let Some(id) = doc.scalar(v) else { continue };
            if let Some(&first) = seen.get(id) {
                let line = self.rep.file.line_col(doc.range(first).start).line;
                let r = doc.range(v);
                self.report_range_related(
                    R_OPERATION_ID_UNIQUE,
                    r,
                    format!("operationId `{id}` is already used on line {line}; operationIds must be unique"),
                    vec![(doc.range(first), "first use".into())],
                );
            } else {
                seen.insert(id, v);
            }
        }
    }

    /// Parameters of a level (path item or operation), `$ref`s followed: (node, name, in).
    fn params(&self, holder: NodeId) -> Vec<(NodeId, NodeId, String, String)> {
        let doc = self.doc;
        let mut out = Vec::new();
        if let Some(ps) = doc.get(holder, "parameters") {
            for &p in doc.items(ps) {
                let t = self.deref(p);
                let name = doc.get(t, "name").and_then(|n| doc.scalar(n)).unwrap_or("");
                let loc = doc.get(t, "in").and_then(|n| doc.scalar(n)).unwrap_or("");
                out.push((p, t, name.to_owned(), loc.to_owned()));
            }
        }
        out
    }

    fn check_op(&mut self, op: &Op<'d>) {
        let doc = self.doc;
        let op_keys = if self.v2 { OPERATION2 } else { OPERATION3 };
        // `x-amazon-apigateway-any-method` is API Gateway's own object (it adds `isDefaultRoute`).
        if op.method != ANY_METHOD {
            for (key, k, _) in doc.pairs(op.node) {
                if !key.starts_with("x-") && !op_keys.contains(&key) {
                    let msg = format!(
                        "unknown field `{key}` in operation `{} {}`{}",
                        op.method.to_uppercase(),
                        op.path,
                        hint(key, op_keys)
                    );
                    self.report(R_SCHEMA_INVALID, k, msg);
                }
            }
        }
        // responses
        match doc.get(op.node, "responses") {
            None => {
                if !self.v31 {
                    let msg = format!(
                        "operation `{} {}` has no `responses` (required)",
                        op.method.to_uppercase(),
                        op.path
                    );
                    self.report(R_SCHEMA_INVALID, op.method_key, msg);
                }
            }
            Some(r) if doc.is_map(r) => {
                let mut success = false;
                for (code, k, _) in doc.pairs(r) {
                    if code.starts_with("x-") {
                        continue;
                    }
                    let valid = code == "default"
                        || (code.len() == 3
                            && (code.chars().all(|c| c.is_ascii_digit())
                                || (code.ends_with("XX")
                                    && code.starts_with(['1', '2', '3', '4', '5']))));
                    if !valid {
                        self.report(R_SCHEMA_INVALID, k, format!("response key `{code}` is not an HTTP status code, a `2XX`-style range or `default`"));
                    }
                    if code.starts_with('2') || code.starts_with('3') || code == "default" {
                        success = true;
                    }
                }
                if !success && !doc.entries(r).is_empty() {
                    let msg = format!(
                        "operation `{} {}` declares no success (2xx/3xx or default) response",
                        op.method.to_uppercase(),
                        op.path
                    );
                    self.report(R_SUCCESS_RESPONSE_MISSING, op.method_key, msg);
                }
            }
            Some(r) => {
                let msg = format!(
                    "`responses` must be an object keyed by status code, found {}",
                    doc.type_name(r)
                );
                self.report(R_SCHEMA_INVALID, r, msg);
            }
        }
        // parameters
        let path_params = self.params(op.path_item);
        let op_params = self.params(op.node);
        for level in [&path_params, &op_params] {
            let mut seen: HashSet<(&str, &str)> = HashSet::new();
            let mut bodies = 0;
            for (p, t, name, loc) in level.iter() {
                self.check_parameter(*p, *t, name, loc);
                if loc == "body" {
                    bodies += 1;
                    if bodies > 1 {
                        self.report(
                            R_DUPLICATE_PARAMETER,
                            *p,
                            "more than one `in: body` parameter in one operation".to_owned(),
                        );
                    }
                }
                if !name.is_empty() && !seen.insert((name.as_str(), loc.as_str())) {
                    self.report(
                        R_DUPLICATE_PARAMETER,
                        *p,
                        format!(
                            "parameter `{name}` (in: {loc}) is declared twice at the same level"
                        ),
                    );
                }
            }
        }
        // path parameters
        let template: Vec<&str> = template_vars(op.path);
        let mut declared: HashMap<String, NodeId> = HashMap::new();
        // A parameter `$ref` into another file cannot be read here: do not claim a variable is undeclared.
        let opaque = path_params
            .iter()
            .chain(op_params.iter())
            .any(|(_, t, _, _)| doc.get(*t, "$ref").is_some());
        let mut misdeclared: HashSet<&str> = HashSet::new();
        for (p, _, name, loc) in path_params.iter().chain(op_params.iter()) {
            if loc == "path" {
                declared.insert(name.clone(), *p);
            } else if !["query", "header", "cookie", "formData", "body"].contains(&loc.as_str()) {
                // A misspelled `in` is reported by schema-invalid; do not cascade.
                misdeclared.insert(name.as_str());
            }
        }
        let mut seen_vars = HashSet::new();
        for var in &template {
            if var.is_empty() {
                self.report(
                    R_PATH_PARAMS,
                    op.path_key,
                    format!("path `{}` contains an empty `{{}}` parameter", op.path),
                );
                continue;
            }
            if !seen_vars.insert(*var) {
                continue;
            }
            if !declared.contains_key(*var) && !misdeclared.contains(var) && !opaque {
                let msg = format!("path parameter `{{{var}}}` of `{}` is not declared as an `in: path` parameter of `{}`", op.path, op.method.to_uppercase());
                self.report(R_PATH_PARAMS, op.method_key, msg);
            }
        }
        let mut names: Vec<(&String, &NodeId)> = declared.iter().collect();
        names.sort();
        for (name, p) in names {
            if !template.contains(&name.as_str()) {
                let msg = format!(
                    "parameter `{name}` is declared `in: path` but `{}` has no `{{{name}}}`",
                    op.path
                );
                self.report(R_PATH_PARAMS, *p, msg);
            }
        }
    }

    fn check_parameter(&mut self, p: NodeId, t: NodeId, name: &str, loc: &str) {
        let doc = self.doc;
        if doc.get(p, "$ref").is_some() && t == p {
            return; // unresolved; reported by unresolved-ref
        }
        if !doc.is_map(t) {
            let msg = format!(
                "a parameter must be an object with `name` and `in`, found {}",
                doc.type_name(t)
            );
            self.report(R_SCHEMA_INVALID, p, msg);
            return;
        }
        let valid_in: &[&str] = if self.v2 {
            &["query", "header", "path", "formData", "body"]
        } else {
            &["query", "header", "path", "cookie"]
        };
        if doc.get(t, "name").is_none() {
            self.report(
                R_SCHEMA_INVALID,
                t,
                "parameter has no `name` (required)".to_owned(),
            );
        }
        match doc.get(t, "in") {
            None => self.report(
                R_SCHEMA_INVALID,
                t,
                format!(
                    "parameter `{name}` has no `in` (required: one of {})",
                    valid_in.join(", ")
                ),
            ),
            Some(i) if !valid_in.contains(&loc) => {
                let msg = format!(
                    "parameter `{name}` has `in: {loc}`; expected one of {}{}",
                    valid_in.join(", "),
                    hint(loc, valid_in)
                );
                self.report(R_SCHEMA_INVALID, i, msg);
            }
            _ => {}
        }
        if loc == "path" {
            let req = doc.get(t, "required");
            if req.and_then(|r| doc.bool11(r)) != Some(true) {
                let at = req.unwrap_or(t);
                self.report(
                    R_PATH_PARAMS,
                    at,
                    format!("path parameter `{name}` must have `required: true`"),
                );
            }
        }
        if !self.v2 && doc.get(t, "schema").is_none() && doc.get(t, "content").is_none() {
            self.report(
                R_SCHEMA_INVALID,
                t,
                format!("parameter `{name}` has neither `schema` nor `content` (one is required)"),
            );
        }
        if ["query", "path"].contains(&loc) && looks_like_credential(name) {
            self.credential_params
                .push((t, format!("{loc} parameter `{name}`"), String::new()));
        }
    }

    fn check_refs(&mut self) {
        let mut refs = std::mem::take(&mut self.refs);
        refs.sort_by_key(|(id, _)| *id);
        for (id, r) in refs {
            self.check_ref(id, &r);
        }
    }

    fn check_ref(&mut self, id: NodeId, r: &str) {
        if r.starts_with("http://") || r.starts_with("https://") || r.starts_with("urn:") {
            return;
        }
        let (file_part, pointer_part) = match r.split_once('#') {
            Some((f, p)) => (f, p),
            None => (r, ""),
        };
        if file_part.is_empty() {
            match self.local(pointer_part) {
                None => {
                    self.unresolved.push(percent_decode(pointer_part));
                    let msg =
                        format!("`$ref: {r}` does not resolve: no such node in this document");
                    self.report(R_UNRESOLVED_REF, id, msg);
                }
                Some(target) => {
                    // A chain of references that comes back to itself never resolves.
                    let mut seen = HashSet::new();
                    seen.insert(target);
                    let mut cur = target;
                    for _ in 0..64 {
                        let Some(next) = self
                            .doc
                            .get(cur, "$ref")
                            .and_then(|x| self.doc.str(x))
                            .and_then(|x| x.strip_prefix('#'))
                            .and_then(|p| self.local(p))
                        else {
                            break;
                        };
                        if !seen.insert(next) {
                            let msg = format!("`$ref: {r}` is part of a reference cycle that never reaches a definition");
                            self.report(R_UNRESOLVED_REF, id, msg);
                            break;
                        }
                        cur = next;
                    }
                }
            }
            return;
        }
        let base = self
            .rep
            .file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let decoded = percent_decode(file_part);
        let path = base.join(&decoded);
        if !self.external.contains_key(&path) {
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= 16 * 1024 * 1024);
            let parsed = if self.external.len() < 64 && small {
                std::fs::read_to_string(&path).ok().map(|t| {
                    let json = path.extension().is_some_and(|e| e == "json");
                    tree::parse(&t, json)
                })
            } else {
                None
            };
            self.external.insert(path.clone(), parsed);
        }
        let msg = match self.external.get(&path) {
            Some(None) | None => Some(format!(
                "`$ref: {r}`: file `{decoded}` does not exist next to this document"
            )),
            Some(Some(ext)) => match ext.root {
                Some(root) if pointer(ext, root, pointer_part).is_some() => None,
                _ => Some(format!(
                    "`$ref: {r}`: `{decoded}` has no node at `#{pointer_part}`"
                )),
            },
        };
        if let Some(m) = msg {
            self.report(R_UNRESOLVED_REF, id, m);
        }
    }

    fn scheme_defs(&self) -> Option<NodeId> {
        let doc = self.doc;
        if self.v2 {
            doc.get(self.root, "securityDefinitions")
        } else {
            doc.get(self.root, "components")
                .and_then(|c| doc.get(c, "securitySchemes"))
        }
    }

    fn check_requirements(&mut self, sec: NodeId, defs: Option<NodeId>) {
        let doc = self.doc;
        for &req in doc.items(sec) {
            for (name, k, _) in doc.pairs(req) {
                if defs.and_then(|d| doc.get(d, name)).is_none() {
                    let where_ = if self.v2 {
                        "securityDefinitions"
                    } else {
                        "components.securitySchemes"
                    };
                    let known: Vec<&str> = defs
                        .map(|d| doc.pairs(d).map(|(n, _, _)| n).collect())
                        .unwrap_or_default();
                    let msg = format!(
                        "security requirement names `{name}`, which is not defined in `{where_}`{}",
                        hint(name, &known)
                    );
                    self.report(R_SECURITY_SCHEME_UNDEFINED, k, msg);
                }
            }
        }
    }

    fn check_security(&mut self, ops: &[Op<'d>]) {
        let doc = self.doc;
        let defs = self.scheme_defs();
        let root_sec = doc.get(self.root, "security");
        if let Some(s) = root_sec {
            self.check_requirements(s, defs);
        }
        for op in ops {
            if let Some(s) = doc.get(op.node, "security") {
                self.check_requirements(s, defs);
            }
        }
        let has_schemes = defs.is_some_and(|d| !doc.entries(d).is_empty());
        let any_security = root_sec.is_some()
            || ops.iter().any(|o| {
                doc.get(o.node, "security").is_some()
                    || doc.get(o.node, "x-amazon-apigateway-auth").is_some()
            });
        if !has_schemes && !any_security && !ops.is_empty() {
            if let Some(paths) = doc.get(self.root, "paths") {
                let where_ = if self.v2 {
                    "securityDefinitions"
                } else {
                    "components.securitySchemes"
                };
                let msg = format!("the API has {} operation(s) but defines no security scheme (`{where_}`) and no `security` requirement: every operation is unauthenticated", ops.len());
                let r = doc.key_range(paths);
                self.report_range(R_NO_SECURITY_SCHEME, r, msg);
            }
        }
        if has_schemes {
            let mut open: Vec<(NodeId, String, String)> = Vec::new();
            for op in ops {
                if op.method == "options" {
                    continue;
                }
                let effective = doc.get(op.node, "security").or(root_sec);
                if effective.is_none() {
                    open.push((op.method_key, family(op.path), op_label(op)));
                }
            }
            self.report_grouped(R_OPERATION_WITHOUT_SECURITY, open, |n, fam, list| {
                format!("{n} operation(s) under `{fam}` have no security requirement (neither their own `security` nor a root one) although the API defines security schemes; add `security`, or `security: []` where public on purpose: {list}")
            });
        }
        if let Some(d) = defs {
            for (name, _, s) in doc.pairs(d) {
                let s = self.deref(s);
                let ty = doc.get(s, "type").and_then(|t| doc.scalar(t));
                let loc = doc.get(s, "in");
                if ty == Some("apiKey") && loc.and_then(|l| doc.scalar(l)) == Some("query") {
                    if let Some(l) = loc {
                        self.report(R_API_KEY_IN_QUERY, l, format!("security scheme `{name}` sends the API key in the query string; keys in URLs leak through logs and caches: use `in: header`"));
                    }
                }
            }
        }
    }

    fn check_servers(&mut self) {
        let doc = self.doc;
        let mut urls: Vec<NodeId> = Vec::new();
        if let Some(s) = doc.get(self.root, "servers") {
            for &srv in doc.items(s) {
                if let Some(u) = doc.get(srv, "url") {
                    urls.push(u);
                }
            }
        }
        for id in urls {
            let Some(u) = doc.str(id) else { continue };
            if (u.starts_with("http://") || u.starts_with("ws://")) && !is_local(u) {
                self.report(R_INSECURE_SERVER_URL, id, format!("server URL `{u}` uses plain HTTP: credentials and data travel unencrypted; use https"));
            }
        }
        if self.v2 {
            if let Some(s) = doc.get(self.root, "schemes") {
                let host = doc
                    .get(self.root, "host")
                    .and_then(|h| doc.scalar(h))
                    .unwrap_or("");
                for &i in doc.items(s) {
                    if matches!(doc.scalar(i), Some("http" | "ws"))
                        && !is_local(&format!("http://{host}"))
                    {
                        self.report(
                            R_INSECURE_SERVER_URL,
                            i,
                            format!(
                                "`schemes` allows plain `{}` for host `{host}`; use https only",
                                doc.scalar(i).unwrap_or("")
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Schema-level checks over every map that is a schema (`type: array` without `items`).
    fn check_server_variables(&mut self, ops: &[Op<'d>]) {
        if self.v2 {
            return;
        }
        let doc = self.doc;
        let mut lists: Vec<NodeId> = doc.get(self.root, "servers").into_iter().collect();
        for op in ops {
            lists.extend(doc.get(op.node, "servers"));
            lists.extend(doc.get(op.path_item, "servers"));
        }
        lists.sort_unstable();
        lists.dedup();
        for list in lists {
            for &srv in doc.items(list) {
                let Some(u) = doc.get(srv, "url") else {
                    continue;
                };
                let Some(url) = doc.str(u) else { continue };
                let vars = doc.get(srv, "variables");
                for var in template_vars(url) {
                    if vars.and_then(|v| doc.get(v, var)).is_none() {
                        let msg = format!("server URL `{url}` uses `{{{var}}}`, which is not defined in its `variables`");
                        self.report(R_SERVER_VARIABLES, u, msg);
                    }
                }
                let Some(vars) = vars else { continue };
                for (name, _, v) in doc.pairs(vars) {
                    let (Some(def), Some(en)) = (doc.get(v, "default"), doc.get(v, "enum")) else {
                        continue;
                    };
                    let values: Vec<&str> = doc
                        .items(en)
                        .iter()
                        .filter_map(|&i| doc.scalar(i))
                        .collect();
                    let d = doc.scalar(def).unwrap_or("");
                    if !values.is_empty() && !values.contains(&d) {
                        let msg = format!("default `{d}` of server variable `{name}` is not one of its enum values ({})", values.join(", "));
                        self.report(R_SERVER_VARIABLES, def, msg);
                    }
                }
            }
        }
    }

    /// Two path templates that are equal once variables are renamed (`/a/{x}` and `/a/{y}`).
    /// Templates equal after renaming their variables clash only where they share an HTTP method:
    /// `GET /items/{id}` and `DELETE /items/{itemId}` are routed apart by the method.
    fn check_ambiguous_paths(&mut self) {
        let doc = self.doc;
        let Some(paths) = doc.get(self.root, "paths") else {
            return;
        };
        // (normalized template, method) -> first path.
        let mut seen: HashMap<(String, &str), &str> = HashMap::new();
        let mut hits: Vec<(NodeId, String)> = Vec::new();
        for (path, k, item) in doc.pairs(paths) {
            if path.starts_with("x-") {
                continue;
            }
            let mut norm = String::with_capacity(path.len());
            let mut depth = 0;
            for c in path.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        if depth == 1 {
                            norm.push_str("{}");
                        }
                    }
                    '}' => depth -= 1,
                    _ if depth > 0 => {}
                    _ => norm.push(c),
                }
            }
            let item = self.deref(item);
            let mut clashes: Vec<(&str, &str)> = Vec::new();
            for (method, _, _) in doc.pairs(item) {
                let m = method.to_ascii_lowercase();
                let Some(&method) = METHODS
                    .iter()
                    .chain([&ANY_METHOD])
                    .find(|x| **x == m.as_str())
                else {
                    continue;
                };
                match seen.get(&(norm.clone(), method)) {
                    Some(&first) if first != path => clashes.push((first, method)),
                    Some(_) => {}
                    None => {
                        seen.insert((norm.clone(), method), path);
                    }
                }
            }
            if let Some(&(first, _)) = clashes.first() {
                let methods: Vec<String> = clashes
                    .iter()
                    .filter(|(f, _)| *f == first)
                    .map(|(_, m)| m.to_uppercase())
                    .collect();
                hits.push((k, format!("path `{path}` is the same as `{first}` after renaming its variables, and both define {}: requests cannot be routed to one of them", methods.join(", "))));
            }
        }
        for (k, m) in hits {
            self.report(R_PATH_AMBIGUOUS, k, m);
        }
    }

    /// HTTP basic/digest, OAuth 1 style schemes and the implicit/password OAuth2 flows.
    fn check_auth_strength(&mut self) {
        let doc = self.doc;
        let Some(defs) = self.scheme_defs() else {
            return;
        };
        let mut hits: Vec<(NodeId, String)> = Vec::new();
        for (name, k, s) in doc.pairs(defs) {
            let s = self.deref(s);
            let ty = doc.get(s, "type").and_then(|t| doc.scalar(t)).unwrap_or("");
            if ty == "basic" {
                hits.push((k, format!("security scheme `{name}` is HTTP basic authentication: credentials are sent with every request, only base64-encoded")));
            }
            if ty == "http" {
                let scheme = doc
                    .get(s, "scheme")
                    .and_then(|t| doc.scalar(t))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if ["basic", "digest", "negotiate"].contains(&scheme.as_str()) {
                    hits.push((k, format!("security scheme `{name}` uses HTTP `{scheme}` authentication: a reusable password travels with every request; prefer bearer tokens or OAuth2")));
                }
            }
            if ty == "oauth2" {
                if let Some(flow) = doc.get(s, "flow") {
                    let f = doc.scalar(flow).unwrap_or("");
                    if f == "implicit" || f == "password" {
                        hits.push((flow, format!("OAuth2 `{f}` flow of `{name}` is deprecated by the OAuth 2.0 Security BCP: use the authorization code flow with PKCE")));
                    }
                }
                if let Some(flows) = doc.get(s, "flows") {
                    for (f, fk, _) in doc.pairs(flows) {
                        if f == "implicit" || f == "password" {
                            hits.push((fk, format!("OAuth2 `{f}` flow of `{name}` is deprecated by the OAuth 2.0 Security BCP: use the authorization code flow with PKCE")));
                        }
                    }
                }
            }
        }
        for (id, m) in hits {
            self.report(R_WEAK_AUTH_SCHEME, id, m);
        }
    }

    /// Why the API is known to be rate limited, if it is: a `429` response somewhere, or a rate-limit
    /// response header (`Retry-After`, `RateLimit-*`, `X-RateLimit-*`). API Gateway's own throttling is
    /// not taken as evidence: every API Gateway API can answer 429, and AWS's examples do not declare it.
    fn rate_limit_evidence(&self, ops: &[Op<'d>]) -> Option<String> {
        let doc = self.doc;
        for op in ops {
            let Some(responses) = doc.get(op.node, "responses") else {
                continue;
            };
            for (code, _, resp) in doc.pairs(responses) {
                if code == "429" {
                    return Some(format!(
                        "`{} {}` declares one",
                        op.method.to_uppercase(),
                        op.path
                    ));
                }
                let resp = self.deref(resp);
                let Some(headers) = doc.get(resp, "headers") else {
                    continue;
                };
                for (name, _, _) in doc.pairs(headers) {
                    let n = name.to_ascii_lowercase();
                    if n == "retry-after"
                        || n == "ratelimit"
                        || n.starts_with("ratelimit-")
                        || n.starts_with("x-ratelimit-")
                        || n.starts_with("x-rate-limit-")
                    {
                        return Some(format!(
                            "`{} {}` returns the `{name}` header",
                            op.method.to_uppercase(),
                            op.path
                        ));
                    }
                }
            }
        }
        None
    }

    /// OWASP API4 (unrestricted resource consumption): in an API that is rate limited, every operation
    /// documents the 429 response. Only APIs that show they are rate limited are checked, so that an
    /// API without any rate limiting is not flooded with findings.
    fn check_rate_limit_responses(&mut self, ops: &[Op<'d>]) {
        let doc = self.doc;
        let Some(evidence) = self.rate_limit_evidence(ops) else {
            return;
        };
        let mut hits: Vec<(NodeId, String, String)> = Vec::new();
        for op in ops {
            let Some(responses) = doc.get(op.node, "responses") else {
                continue;
            };
            if !doc.is_map(responses) {
                continue;
            }
            let declared = doc
                .pairs(responses)
                .any(|(code, _, _)| code == "429" || code.eq_ignore_ascii_case("4xx"));
            if !declared {
                hits.push((op.method_key, family(op.path), op_label(op)));
            }
        }
        self.report_grouped(R_MISSING_429_RESPONSE, hits, |n, fam, list| {
            format!("{n} operation(s) under `{fam}` declare no 429 response, but the API is rate limited ({evidence}): clients cannot tell throttling from other failures: {list}")
        });
    }

    /// Request-side schemas (parameters other than path, request bodies) of every operation: strings
    /// without a length bound and arrays without `maxItems`.
    fn check_request_bounds(&mut self, ops: &[Op<'d>]) {
        let doc = self.doc;
        let mut roots: Vec<(NodeId, String)> = Vec::new();
        let mut groups: Vec<(usize, String)> = Vec::new();
        let mut has_4xx_need: Vec<&Op<'d>> = Vec::new();
        for op in ops {
            let mut needs_validation = false;
            groups.push((
                roots.len(),
                format!("`{} {}`", op.method.to_uppercase(), op.path),
            ));
            for holder in [op.path_item, op.node] {
                for (_, t, name, loc) in self.params(holder) {
                    // Path parameters are bounded by the URL; unresolved (external) ones are unknown.
                    if loc == "path" || loc.is_empty() {
                        continue;
                    }
                    needs_validation = true;
                    let label = if loc == "body" {
                        "request body".to_owned()
                    } else {
                        format!("{loc} parameter `{name}`")
                    };
                    if self.v2 && loc != "body" {
                        roots.push((t, label));
                    } else if let Some(sch) = doc.get(t, "schema") {
                        roots.push((sch, label));
                    } else if let Some(c) = doc.get(t, "content") {
                        for (_, _, mt) in doc.pairs(c) {
                            roots.extend(doc.get(mt, "schema").map(|x| (x, label.clone())));
                        }
                    }
                }
            }
            if let Some(rb) = doc.get(op.node, "requestBody") {
                needs_validation = true;
                let rb = self.deref(rb);
                if let Some(c) = doc.get(rb, "content") {
                    for (_, _, mt) in doc.pairs(c) {
                        roots.extend(
                            doc.get(mt, "schema")
                                .map(|x| (x, "request body".to_owned())),
                        );
                    }
                }
            }
            if needs_validation {
                has_4xx_need.push(op);
            }
        }
        let mut missing: Vec<(NodeId, String, String)> = Vec::new();
        for op in has_4xx_need {
            let Some(r) = doc.get(op.node, "responses") else {
                continue;
            };
            let client_error = doc
                .pairs(r)
                .any(|(code, _, _)| code == "default" || code.starts_with('4'));
            if !client_error && doc.is_map(r) {
                missing.push((op.method_key, family(op.path), op_label(op)));
            }
        }
        self.report_grouped(R_MISSING_4XX_RESPONSE, missing, |n, fam, list| {
            format!("{n} operation(s) under `{fam}` take input but declare no 4xx (or default) response for invalid requests: {list}")
        });
        // Each schema is visited once; its findings are grouped under the named component it belongs
        // to (reached through a `$ref`), else under the operation whose input it is.
        let mut seen: HashSet<NodeId> = HashSet::new();
        let mut hits: Vec<(NodeId, SpecRule, String, String)> = Vec::new();
        let mut stack: Vec<(NodeId, usize, String, String)> = Vec::new();
        for (i, (r, l)) in roots.into_iter().enumerate() {
            let g = groups
                .iter()
                .rev()
                .find(|(start, _)| *start <= i)
                .map_or_else(String::new, |(_, g)| g.clone());
            stack.push((r, 0, l, g));
        }
        stack.reverse();
        while let Some((id, depth, label, group)) = stack.pop() {
            if depth > 32 {
                continue;
            }
            let sch = self.deref(id);
            if !seen.insert(sch) || !doc.is_map(sch) {
                continue;
            }
            let group = match doc.key_text(sch) {
                Some(name) if sch != id => format!("schema `{name}`"),
                _ => group,
            };
            let ty = doc.get(sch, "type");
            let types: Vec<&str> = match ty {
                Some(t) if doc.is_seq(t) => {
                    doc.items(t).iter().filter_map(|&i| doc.str(i)).collect()
                }
                Some(t) => doc.str(t).into_iter().collect(),
                None => Vec::new(),
            };
            let has = |k: &str| doc.get(sch, k).is_some();
            if types.contains(&"string") && !has("maxLength") && !has("enum") && !has("const") {
                let format = doc
                    .get(sch, "format")
                    .and_then(|f| doc.str(f))
                    .unwrap_or("");
                let bounded_format = matches!(
                    format,
                    "uuid"
                        | "date"
                        | "date-time"
                        | "time"
                        | "email"
                        | "ipv4"
                        | "ipv6"
                        | "binary"
                        | "int32"
                        | "int64"
                        | "duration"
                );
                let bounded_pattern = doc
                    .get(sch, "pattern")
                    .and_then(|p| doc.str(p))
                    .is_some_and(|p| {
                        p.starts_with('^')
                            && p.ends_with('$')
                            && !p.contains(['*', '+'])
                            && !p.contains(",}")
                    });
                if !bounded_format && !bounded_pattern {
                    if let Some(t) = ty {
                        hits.push((t, R_UNBOUNDED_STRING, group.clone(), label.clone()));
                    }
                }
            }
            if types.contains(&"array") && !has("maxItems") {
                if let Some(t) = ty {
                    hits.push((t, R_UNBOUNDED_ARRAY, group.clone(), label.clone()));
                }
            }
            if let Some(items) = doc.get(sch, "items") {
                stack.push((items, depth + 1, format!("{label}[]"), group.clone()));
            }
            if let Some(props) = doc.get(sch, "properties") {
                for (pname, _, v) in doc.pairs(props) {
                    if doc.get(v, "readOnly").and_then(|r| doc.bool11(r)) == Some(true) {
                        continue;
                    }
                    let l = if label.starts_with('`') {
                        format!("`{}.{pname}`", label.trim_matches('`'))
                    } else {
                        format!("`{pname}`")
                    };
                    stack.push((v, depth + 1, l, group.clone()));
                }
            }
            if let Some(ap) = doc.get(sch, "additionalProperties") {
                if doc.is_map(ap) {
                    stack.push((
                        ap,
                        depth + 1,
                        format!("{label} (additional properties)"),
                        group.clone(),
                    ));
                }
            }
            for comb in ["allOf", "anyOf", "oneOf"] {
                if let Some(list) = doc.get(sch, comb) {
                    for &i in doc.items(list) {
                        stack.push((i, depth + 1, label.clone(), group.clone()));
                    }
                }
            }
        }
        hits.sort_by_key(|(id, _, _, _)| *id);
        let (strings, arrays): (Vec<_>, Vec<_>) = hits
            .into_iter()
            .partition(|(_, rule, _, _)| *rule == R_UNBOUNDED_STRING);
        let strip = |v: Vec<(NodeId, SpecRule, String, String)>| -> Vec<(NodeId, String, String)> {
            v.into_iter().map(|(id, _, g, l)| (id, g, l)).collect()
        };
        self.report_grouped(R_UNBOUNDED_STRING, strip(strings), |n, group, list| {
            format!("{n} request string(s) of {group} have no `maxLength` (nor `enum`, `const`, a bounded `format` or an anchored fixed-length `pattern`): clients can send arbitrarily large values: {list}")
        });
        self.report_grouped(R_UNBOUNDED_ARRAY, strip(arrays), |n, group, list| {
            format!("{n} request array(s) of {group} have no `maxItems`: clients can send arbitrarily many items: {list}")
        });
    }

    /// One finding per group (at its first member, in document order) that names the count and the
    /// first members: hardening checks report a family once, not every property or operation.
    fn report_grouped(
        &mut self,
        rule: SpecRule,
        hits: Vec<(NodeId, String, String)>,
        message: impl Fn(usize, &str, &str) -> String,
    ) {
        const LISTED: usize = 5;
        let mut order: Vec<String> = Vec::new();
        let mut by_group: HashMap<String, (NodeId, Vec<String>)> = HashMap::new();
        for (id, group, label) in hits {
            let e = by_group.entry(group.clone()).or_insert_with(|| {
                order.push(group);
                (id, Vec::new())
            });
            e.0 = e.0.min(id);
            e.1.push(label);
        }
        for group in order {
            let Some((id, labels)) = by_group.remove(&group) else {
                continue;
            };
            let mut list = labels
                .iter()
                .take(LISTED)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if labels.len() > LISTED {
                list.push_str(&format!(" and {} more", labels.len() - LISTED));
            }
            let msg = message(labels.len(), &group, &list);
            self.report(rule, id, msg);
        }
    }

    /// `example` values that do not match their schema's type or enum.
    /// Enum values that are not of the schema's type.
    fn check_enums(&mut self) {
        let doc = self.doc;
        let pairs = std::mem::take(&mut self.enums);
        for (sch, e) in pairs {
            // On `type: array` (Swagger 2 parameters, mostly) a scalar enum lists the items' values.
            let items =
                is_only_array(doc, sch).then(|| doc.get(sch, "items").map(|i| self.deref(i)));
            for &v in doc.items(e) {
                if doc.is_opaque(v) {
                    continue;
                }
                let target = match items {
                    Some(_) if doc.is_seq(v) => sch,
                    Some(Some(i)) => i,
                    Some(None) => continue,
                    None => sch,
                };
                if let Some(problem) = example_mismatch(doc, target, v) {
                    if problem.starts_with("example is") {
                        let msg = problem.replacen("example is", "enum value is", 1);
                        self.report(R_ENUM_TYPE_MISMATCH, v, msg);
                    }
                }
            }
        }
    }

    fn check_examples(&mut self) {
        let doc = self.doc;
        let pairs = std::mem::take(&mut self.examples);
        for (sch, ex) in pairs {
            let sch = self.deref(sch);
            // A scalar example of an array parameter is its serialized form (`a,b` with `collectionFormat`).
            if doc.is_opaque(ex) || (is_only_array(doc, sch) && !doc.is_seq(ex)) {
                continue;
            }
            if let Some(problem) = example_mismatch(doc, sch, ex) {
                self.report(R_EXAMPLE_INVALID, ex, problem);
            }
        }
    }

    fn check_schemas(&mut self) {
        let doc = self.doc;
        let mut hits = Vec::new();
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            match doc.raw(id).map(|n| &n.kind) {
                Some(Kind::Map(entries)) => {
                    // One pass over the entries picks up everything the schema checks need.
                    let (mut ty, mut items, mut reference, mut example, mut schema, mut examples) =
                        (None, None, None, None, None, None);
                    let mut enumeration: Option<NodeId> = None;
                    for &(k, v) in entries {
                        let key = doc.scalar(k).unwrap_or("");
                        match key {
                            "type" => ty = Some(v),
                            "items" => items = Some(v),
                            "$ref" => {
                                reference = Some(v);
                                if let Some(r) = doc.str(v) {
                                    self.refs.push((v, r.to_owned()));
                                }
                                continue;
                            }
                            "example" => example = Some(v),
                            "enum" => enumeration = Some(v),
                            "schema" => schema = Some(v),
                            "examples" => examples = Some(v),
                            "mapping" => self.mappings.extend(doc.pairs(v).map(|(_, _, m)| m)),
                            _ => {}
                        }
                        if matches!(
                            key,
                            "example" | "examples" | "enum" | "default" | "const" | "x-example"
                        ) || (key.starts_with("x-") && !key.starts_with("x-amazon-apigateway"))
                        {
                            continue;
                        }
                        stack.push(v);
                    }
                    let is_array = ty.is_some_and(|t| {
                        doc.str(t) == Some("array")
                            || doc.items(t).iter().any(|&i| doc.str(i) == Some("array"))
                    });
                    if is_array
                        && items.is_none()
                        && !self.v31
                        && reference.is_none()
                        && doc.key_text(id).is_some_and(|k| k != "properties")
                    {
                        hits.extend(ty);
                    }
                    if let (Some(e), Some(_)) = (enumeration, ty) {
                        self.enums.push((id, e));
                    }
                    if let Some(ex) = example {
                        if ty.is_some() {
                            self.examples.push((id, ex));
                        } else if let Some(sch) = schema {
                            self.examples.push((sch, ex));
                        }
                    }
                    if let (Some(sch), Some(exs)) = (schema, examples) {
                        for (_, _, e) in doc.pairs(exs) {
                            if let Some(v) = doc.get(e, "value") {
                                self.examples.push((sch, v));
                            }
                        }
                    }
                }
                Some(Kind::Seq(items)) => stack.extend(items.iter().copied()),
                _ => {}
            }
        }
        hits.sort_unstable();
        for t in hits {
            self.report(R_ARRAY_ITEMS_MISSING, t, "`type: array` without `items`: the element type is undefined (required in OpenAPI 2.0/3.0)".to_owned());
        }
    }

    /// Components never referenced from this document or any other scanned file.
    fn check_unused(&mut self, external: Option<&ExternalRefs>) {
        let doc = self.doc;
        let sections: Vec<(String, NodeId)> = if self.v2 {
            ["definitions", "parameters", "responses"]
                .iter()
                .filter_map(|s| doc.get(self.root, s).map(|n| (format!("/{s}"), n)))
                .collect()
        } else {
            let Some(c) = doc.get(self.root, "components") else {
                return;
            };
            [
                "schemas",
                "parameters",
                "responses",
                "requestBodies",
                "headers",
                "examples",
                "links",
                "callbacks",
                "pathItems",
            ]
            .iter()
            .filter_map(|s| doc.get(c, s).map(|n| (format!("/components/{s}"), n)))
            .collect()
        };
        if sections.is_empty() {
            return;
        }
        // Every pointer used in this file (refs anywhere, discriminator mappings), plus those from other files.
        let nseg = if self.v2 { 2 } else { 3 };
        // `/components/schemas/A/properties/x` uses `/components/schemas/A`.
        let truncate = |u: &str| -> String {
            let mut n = 0;
            for (i, c) in u.char_indices() {
                if c == '/' {
                    n += 1;
                    if n > nseg {
                        return u[..i].to_owned();
                    }
                }
            }
            u.to_owned()
        };
        let mut used: HashSet<String> = scan_refs(&self.rep.file.text)
            .into_iter()
            .filter_map(|r| r.strip_prefix('#').map(|p| truncate(&percent_decode(p))))
            .collect();
        let me = normalize(&self.rep.file.path);
        if let Some(ext) = external {
            if ext.iter().any(|(f, p)| *f == me && p.is_empty()) {
                return;
            }
            used.extend(
                ext.iter()
                    .filter(|(f, _)| *f == me)
                    .map(|(_, p)| truncate(p)),
            );
        }
        let mut mapped_names: HashSet<String> = HashSet::new();
        for &m in &self.mappings {
            if let Some(t) = doc.str(m) {
                match t.strip_prefix('#') {
                    Some(p) => {
                        used.insert(truncate(&percent_decode(p)));
                    }
                    None => {
                        mapped_names.insert(t.rsplit('/').next().unwrap_or(t).to_owned());
                    }
                }
            }
        }
        let mut unused: Vec<(NodeId, String, String)> = Vec::new();
        for (prefix, section) in sections {
            for (name, k, _) in doc.pairs(section) {
                let escaped = name.replace('~', "~0").replace('/', "~1");
                let ptr = format!("{prefix}/{escaped}");
                if used.contains(&ptr) || mapped_names.contains(name) {
                    continue;
                }
                // A misspelled reference to it is already reported by unresolved-ref.
                let typo = self.unresolved.iter().any(|u| {
                    u.rsplit_once('/').is_some_and(|(sec, last)| {
                        sec == prefix && crate::did_you_mean(last, &[name]).is_some()
                    })
                });
                if !typo {
                    unused.push((
                        k,
                        prefix.trim_start_matches('/').to_owned(),
                        format!("`{name}`"),
                    ));
                }
            }
        }
        // One finding per section, at its first unused component.
        self.report_grouped(R_UNUSED_COMPONENT, unused, |n, section, list| {
            if n == 1 {
                format!("component {list} ({section}) is never referenced")
            } else {
                format!("{n} components of `{section}` are never referenced: {list}")
            }
        });
    }

    fn check_apigw(&mut self, ops: &[Op<'d>]) {
        let doc = self.doc;
        let root = self.root;
        let root_ext = doc
            .pairs(root)
            .any(|(k, _, _)| k.starts_with("x-amazon-apigateway-"));
        let op_ext = ops
            .iter()
            .any(|o| doc.get(o.node, "x-amazon-apigateway-integration").is_some());
        if !root_ext && !op_ext {
            return;
        }
        let http_api = !self.v2
            && (doc.get(root, "x-amazon-apigateway-cors").is_some()
                || doc
                    .get(root, "x-amazon-apigateway-importexport-version")
                    .is_some()
                || ops.iter().any(|o| {
                    doc.get(o.node, "x-amazon-apigateway-integration")
                        .map(|i| self.deref(i))
                        .is_some_and(|i| {
                            doc.get(i, "payloadFormatVersion").is_some()
                                || doc.get(i, "integrationSubtype").is_some()
                        })
                }));
        for op in ops {
            if let Some(i) = doc.get(op.node, "x-amazon-apigateway-integration") {
                let i = self.deref(i);
                self.check_integration(op, i, http_api);
            }
        }
        // request validators
        let validators = doc.get(root, "x-amazon-apigateway-request-validators");
        let names: Vec<&str> = validators
            .map(|v| doc.pairs(v).map(|(n, _, _)| n).collect())
            .unwrap_or_default();
        let mut refs: Vec<NodeId> = Vec::new();
        if let Some(v) = doc.get(root, "x-amazon-apigateway-request-validator") {
            refs.push(v);
        }
        for op in ops {
            if let Some(v) = doc.get(op.node, "x-amazon-apigateway-request-validator") {
                refs.push(v);
            }
        }
        for v in refs {
            let Some(name) = doc.scalar(v) else { continue };
            if !names.contains(&name) {
                let msg = format!("request validator `{name}` is not defined in `x-amazon-apigateway-request-validators`{}", hint(name, &names));
                self.report(R_APIGW_REQUEST_VALIDATOR_UNDEFINED, v, msg);
            }
        }
        if let Some(v) = doc.get(root, "x-amazon-apigateway-api-key-source") {
            let t = doc.scalar(v).unwrap_or("");
            if t != "HEADER" && t != "AUTHORIZER" {
                self.report(R_APIGW_API_KEY_SOURCE_INVALID, v, format!("`x-amazon-apigateway-api-key-source` is `{t}`; expected HEADER or AUTHORIZER"));
            }
        }
        // authorizers
        if let Some(defs) = self.scheme_defs() {
            let pairs: Vec<(String, NodeId)> =
                doc.pairs(defs).map(|(n, _, s)| (n.to_owned(), s)).collect();
            for (name, s) in pairs {
                if let Some(a) = doc.get(self.deref(s), "x-amazon-apigateway-authorizer") {
                    self.check_authorizer(&name, a);
                }
            }
        }
        self.check_cors(ops, http_api);
        // REST APIs ignore root-level security.
        if !http_api {
            if let Some(sec) = doc.get(root, "security") {
                if !doc.items(sec).is_empty() {
                    let relying: Vec<String> = ops
                        .iter()
                        .filter(|o| o.method != "options" && doc.get(o.node, "security").is_none())
                        .map(|o| format!("{} {}", o.method.to_uppercase(), o.path))
                        .collect();
                    if !relying.is_empty() {
                        let shown: Vec<&str> = relying.iter().take(3).map(String::as_str).collect();
                        let more = if relying.len() > 3 {
                            format!(" and {} more", relying.len() - 3)
                        } else {
                            String::new()
                        };
                        let msg = format!("API Gateway REST import ignores root-level `security`: {}{more} would deploy with no authorization; set `security` on each operation", shown.join(", "));
                        let r = doc.key_range(sec);
                        self.report_range(R_APIGW_GLOBAL_SECURITY_IGNORED, r, msg);
                    }
                }
            }
        }
    }

    fn check_cors(&mut self, ops: &[Op<'d>], http_api: bool) {
        let doc = self.doc;
        if http_api {
            let Some(cors) = doc.get(self.root, "x-amazon-apigateway-cors") else {
                return;
            };
            let creds = doc
                .get(cors, "allowCredentials")
                .and_then(|c| doc.bool11(c))
                == Some(true);
            let star = doc
                .get(cors, "allowOrigins")
                .map(|o| doc.items(o).iter().any(|&i| doc.str(i) == Some("*")))
                .unwrap_or(false);
            if creds && star {
                if let Some(c) = doc.get(cors, "allowCredentials") {
                    self.report(R_APIGW_CORS_INCONSISTENT, c, "`allowCredentials: true` with `allowOrigins: [\"*\"]`: browsers reject credentialed requests to a wildcard origin; list the allowed origins".to_owned());
                }
            }
            return;
        }
        for op in ops.iter().filter(|o| o.method == "options") {
            let Some(i) = doc.get(op.node, "x-amazon-apigateway-integration") else {
                continue;
            };
            let i = self.deref(i);
            let Some(resps) = doc.get(i, "responses") else {
                continue;
            };
            let defined: Vec<String> = ops
                .iter()
                .filter(|o| o.path_item == op.path_item && o.method != "options")
                .map(|o| o.method.to_ascii_uppercase())
                .collect();
            if defined
                .iter()
                .any(|m| m == "X-AMAZON-APIGATEWAY-ANY-METHOD")
            {
                continue;
            }
            for (_, _, r) in doc.pairs(resps) {
                let Some(params) = doc.get(r, "responseParameters") else {
                    continue;
                };
                let Some(v) = doc.get(
                    params,
                    "method.response.header.Access-Control-Allow-Methods",
                ) else {
                    continue;
                };
                let Some(text) = doc.str(v) else { continue };
                let allowed: Vec<String> = text
                    .trim_matches(['\'', '"', ' '])
                    .split(',')
                    .map(|m| m.trim().to_ascii_uppercase())
                    .collect();
                if allowed.iter().any(|m| m == "*") {
                    continue;
                }
                let missing: Vec<&str> = defined
                    .iter()
                    .filter(|m| !allowed.contains(m))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    let msg = format!("CORS preflight of `{}` allows {} but the path also defines {}: browsers will block those calls", op.path, text, missing.join(", "));
                    self.report(R_APIGW_CORS_INCONSISTENT, v, msg);
                }
            }
        }
    }

    fn check_integration(&mut self, op: &Op<'d>, i: NodeId, http_api: bool) {
        let doc = self.doc;
        let at = doc.key_range(i);
        let opname = format!("{} {}", op.method.to_uppercase(), op.path);
        if !doc.is_map(i) {
            return;
        }
        let ty_node = doc.get(i, "type");
        let ty = ty_node
            .and_then(|t| doc.scalar(t))
            .map(str::to_ascii_lowercase);
        let Some(ty) = ty else {
            self.report_range(R_APIGW_INTEGRATION_TYPE_INVALID, at, format!("integration of `{opname}` has no `type` (aws, aws_proxy, http, http_proxy or mock)"));
            return;
        };
        let tn = ty_node.unwrap_or(i);
        if !INTEGRATION_TYPES.contains(&ty.as_str()) {
            self.report(R_APIGW_INTEGRATION_TYPE_INVALID, tn, format!("integration type `{ty}` of `{opname}` is not one of aws, aws_proxy, http, http_proxy, mock{}", hint(&ty, INTEGRATION_TYPES)));
            return;
        }
        if http_api && !["aws_proxy", "http_proxy"].contains(&ty.as_str()) {
            self.report(R_APIGW_INTEGRATION_TYPE_INVALID, tn, format!("integration type `{ty}` of `{opname}` is not supported by HTTP APIs (only aws_proxy and http_proxy)"));
            return;
        }
        if ty == "mock" {
            return;
        }
        let subtype = doc.get(i, "integrationSubtype").is_some();
        let uri = doc.get(i, "uri");
        let method = doc.get(i, "httpMethod");
        let vpc = doc.get(i, "connectionType").and_then(|c| doc.scalar(c)) == Some("VPC_LINK");
        let mut missing = Vec::new();
        if subtype {
            if doc.get(i, "requestParameters").is_none() {
                missing.push("requestParameters");
            }
        } else {
            if uri.is_none() {
                missing.push("uri");
            }
            if method.is_none() && !(http_api && ty == "aws_proxy") {
                missing.push("httpMethod");
            }
        }
        if vpc && doc.get(i, "connectionId").is_none() {
            missing.push("connectionId");
        }
        if http_api && doc.get(i, "payloadFormatVersion").is_none() {
            missing.push("payloadFormatVersion");
        }
        if !missing.is_empty() {
            let msg = format!(
                "`{ty}` integration of `{opname}` is missing {}",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            self.report_range(R_APIGW_INTEGRATION_REQUIRED_FIELDS, at, msg);
        }
        if let Some(t) = doc.get(i, "timeoutInMillis") {
            if let Some(ms) = doc
                .number(t)
                .or_else(|| doc.str(t).and_then(|x| x.parse().ok()))
            {
                let max = if http_api { 30_000.0 } else { 300_000.0 };
                if !(50.0..=max).contains(&ms) {
                    let limit = if http_api {
                        "50 to 30000 ms for HTTP APIs"
                    } else {
                        "50 to 29000 ms for REST APIs (up to 300000 after a quota increase)"
                    };
                    self.report(
                        R_APIGW_TIMEOUT_OUT_OF_RANGE,
                        t,
                        format!("`timeoutInMillis: {ms}` of `{opname}` is outside {limit}"),
                    );
                }
            }
        }
        let Some(u) = uri else { return };
        let Some(text) = uri_text(doc, u) else { return };
        let plain = placeholder_free(&text);
        let lambda = text.contains(":lambda:path/2015-03-31/functions/")
            || text.starts_with("arn:aws:lambda:")
            || plain.contains(":lambda:");
        if lambda {
            if let Some(m) = method {
                let mt = doc.scalar(m).unwrap_or("");
                if !mt.eq_ignore_ascii_case("POST") && !doc.is_opaque(m) {
                    self.report(R_APIGW_LAMBDA_HTTP_METHOD, m, format!("Lambda integration of `{opname}` uses `httpMethod: {mt}`; Lambda is invoked only with POST (the route's own method stays {})", op.method.to_uppercase()));
                }
            }
        }
        static AWS_URI: OnceLock<Regex> = OnceLock::new();
        static LAMBDA_ARN: OnceLock<Regex> = OnceLock::new();
        let msg = match ty.as_str() {
            "aws" | "aws_proxy" if !subtype => {
                let ok_apigw = re(
                    &AWS_URI,
                    r"^arn:[a-z-]+:apigateway:[a-z0-9-]+:[A-Za-z0-9.-]+:(path|action)/.+",
                )
                .is_match(&plain);
                let ok_lambda = http_api && re(&LAMBDA_ARN, r"^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$").is_match(&plain);
                if !ok_apigw && !ok_lambda {
                    Some(format!("`{ty}` integration uri `{text}` is not an API Gateway service ARN `arn:aws:apigateway:<region>:<service>:path|action/...`"))
                } else if text.contains(":lambda:path/")
                    && !plain.trim_end_matches('/').ends_with("/invocations")
                {
                    Some(format!(
                        "Lambda integration uri `{text}` must end with `/invocations`"
                    ))
                } else {
                    None
                }
            }
            "http" | "http_proxy" if !vpc => {
                if plain.starts_with("http://") || plain.starts_with("https://") {
                    None
                } else {
                    Some(format!(
                        "`{ty}` integration uri `{text}` is not an absolute http(s) URL"
                    ))
                }
            }
            _ => None,
        };
        if let Some(m) = msg {
            self.report(R_APIGW_INTEGRATION_URI_MALFORMED, u, m);
        }
    }

    fn check_authorizer(&mut self, name: &str, a: NodeId) {
        let doc = self.doc;
        const R: SpecRule = R_APIGW_AUTHORIZER_INVALID;
        let ty = doc
            .get(a, "type")
            .and_then(|t| doc.scalar(t))
            .map(str::to_ascii_lowercase);
        let Some(ty) = ty else {
            let r = doc.key_range(a);
            self.report_range(R, r, format!("authorizer of `{name}` has no `type` (token, request, jwt or cognito_user_pools)"));
            return;
        };
        let at = doc.get(a, "type").unwrap_or(a);
        match ty.as_str() {
            "token" | "request" => {
                if doc.get(a, "authorizerUri").is_none() {
                    let r = doc.key_range(a);
                    self.report_range(R, r, format!("`{ty}` authorizer of `{name}` has no `authorizerUri` (the Lambda function's invocation ARN)"));
                }
            }
            "jwt" => match doc.get(a, "jwtConfiguration") {
                None => {
                    let r = doc.key_range(a);
                    self.report_range(R, r, format!("`jwt` authorizer of `{name}` has no `jwtConfiguration` (issuer and audience)"));
                }
                Some(j) => {
                    for want in ["issuer", "audience"] {
                        if doc.get(j, want).is_none() {
                            let r = doc.key_range(j);
                            self.report_range(
                                R,
                                r,
                                format!("`jwtConfiguration` of `{name}` has no `{want}`"),
                            );
                        }
                    }
                }
            },
            "cognito_user_pools" => {
                if doc.get(a, "providerARNs").is_none() {
                    let r = doc.key_range(a);
                    self.report_range(
                        R,
                        r,
                        format!(
                            "`cognito_user_pools` authorizer of `{name}` has no `providerARNs`"
                        ),
                    );
                }
            }
            other => {
                self.report(R, at, format!("authorizer type `{other}` of `{name}` is not one of token, request, jwt, cognito_user_pools"));
            }
        }
        if let Some(ttl) = doc.get(a, "authorizerResultTtlInSeconds") {
            if doc
                .number(ttl)
                .is_some_and(|n| !(0.0..=3600.0).contains(&n))
            {
                let t = doc.scalar(ttl).unwrap_or("").to_owned();
                self.report(
                    R,
                    ttl,
                    format!("`authorizerResultTtlInSeconds: {t}` must be between 0 and 3600"),
                );
            }
        }
    }
}

/// The resource family of a path: the path without its trailing template segments
/// (`/orders/{id}` and `/orders` are both `/orders`).
fn family(path: &str) -> String {
    let mut p = path.trim_end_matches('/');
    while let Some((head, last)) = p.rsplit_once('/') {
        if last.starts_with('{') && !head.is_empty() {
            p = head;
        } else {
            break;
        }
    }
    if p.is_empty() { "/" } else { p }.to_owned()
}

/// `GET /pets` for messages.
fn op_label(op: &Op<'_>) -> String {
    format!("{} {}", op.method.to_uppercase(), op.path)
}

fn first(doc: &Doc, id: NodeId) -> vigil_core::TextRange {
    let r = doc.range(id);
    vigil_core::TextRange {
        start: r.start,
        end: r.start,
    }
}

/// The `{name}` variables of a path template.
fn template_vars(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('}') else { break };
        out.push(after[..j].trim_end_matches('+'));
        rest = &after[j + 1..];
    }
    out
}

/// Resolve a JSON pointer (`/a/b~1c/0`) from `root`.
fn pointer(doc: &Doc, root: NodeId, p: &str) -> Option<NodeId> {
    let p = percent_decode(p);
    if p.is_empty() || p == "/" && doc.get(root, "").is_none() {
        return Some(root);
    }
    let mut cur = root;
    for raw in p.strip_prefix('/')?.split('/') {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        cur = if doc.is_seq(cur) {
            let i: usize = seg.parse().ok()?;
            *doc.items(cur).get(i)?
        } else {
            doc.get(cur, &seg)?
        };
    }
    Some(cur)
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() + 1 {
            if let Some(h) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(h);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_local(u: &str) -> bool {
    let host = u
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    host == "localhost"
        || host.starts_with("127.")
        || host == "[::1]"
        || host == "0.0.0.0"
        || host.ends_with(".local")
        || host.ends_with(".localhost")
        || host.is_empty()
        || host.starts_with('{')
}

fn looks_like_credential(name: &str) -> bool {
    let l = name.to_ascii_lowercase().replace('-', "_");
    matches!(
        l.as_str(),
        "api_key"
            | "apikey"
            | "access_token"
            | "token"
            | "password"
            | "passwd"
            | "secret"
            | "client_secret"
            | "auth_token"
            | "id_token"
            | "refresh_token"
            | "session_token"
            | "private_key"
    )
}

/// The text of an integration `uri`: a string, or the template of `Fn::Sub` / `!Sub`.
fn uri_text(doc: &Doc, u: NodeId) -> Option<String> {
    if let Some(s) = doc.str(u) {
        return Some(s.to_owned());
    }
    let sub = doc.get(u, "Fn::Sub")?;
    if let Some(s) = doc.str(sub) {
        return Some(s.to_owned());
    }
    doc.items(sub)
        .first()
        .and_then(|&f| doc.str(f))
        .map(str::to_owned)
}

/// Replace `${...}` placeholders by a neutral token so shape checks see a plausible value.
fn placeholder_free(s: &str) -> String {
    static P: OnceLock<Regex> = OnceLock::new();
    let r = re(&P, r"\$\{[^}]*\}");
    let out = r.replace_all(s, |c: &regex::Captures<'_>| {
        let m = c.get(0).map_or("", |m| m.as_str());
        if m.contains("AccountId") {
            "123456789012".to_owned()
        } else if m.contains("Partition") {
            "aws".to_owned()
        } else if m.contains("Region") {
            "us-east-1".to_owned()
        } else {
            "x".to_owned()
        }
    });
    out.into_owned()
}

/// Whether a schema's `type` is `array` and nothing else.
fn is_only_array(doc: &Doc, sch: NodeId) -> bool {
    doc.get(sch, "type").and_then(|t| doc.str(t)) == Some("array")
}

/// Why an example does not fit its schema (type, or enum membership), if it does not.
fn example_mismatch(doc: &Doc, sch: NodeId, ex: NodeId) -> Option<String> {
    let types: Vec<&str> = match doc.get(sch, "type") {
        Some(t) if doc.is_seq(t) => doc.items(t).iter().filter_map(|&i| doc.str(i)).collect(),
        Some(t) => doc.str(t).into_iter().collect(),
        None => return None,
    };
    let nullable = doc.get(sch, "nullable").and_then(|n| doc.bool11(n)) == Some(true)
        || types.contains(&"null")
        || doc.get(sch, "x-nullable").and_then(|n| doc.bool11(n)) == Some(true);
    let kind = doc.kind(ex)?;
    let fits = |t: &str| match (t, kind) {
        ("string", Kind::Str) => true,
        ("number", Kind::Number) => true,
        ("integer", Kind::Number) => doc.number(ex).is_some_and(|n| n.fract() == 0.0),
        ("boolean", Kind::Bool(_)) => true,
        ("array", Kind::Seq(_)) => true,
        ("object", Kind::Map(_)) => true,
        ("null", Kind::Null) => true,
        _ => false,
    };
    if matches!(kind, Kind::Null) && nullable {
        return None;
    }
    if !types.iter().any(|t| fits(t))
        && types.iter().all(|t| {
            [
                "string", "number", "integer", "boolean", "array", "object", "null",
            ]
            .contains(t)
        })
    {
        return Some(format!(
            "example is {} but the schema's type is `{}`",
            doc.type_name(ex),
            types.join("`/`")
        ));
    }
    if let (Some(e), Some(v)) = (doc.get(sch, "enum"), doc.scalar(ex)) {
        let values: Vec<&str> = doc.items(e).iter().filter_map(|&i| doc.scalar(i)).collect();
        if !values.is_empty() && values.len() == doc.items(e).len() && !values.contains(&v) {
            return Some(format!(
                "example `{v}` is not one of the schema's enum values ({})",
                values.join(", ")
            ));
        }
    }
    None
}
