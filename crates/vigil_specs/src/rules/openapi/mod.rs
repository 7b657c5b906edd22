//! OpenAPI 2.0 / 3.0 / 3.1 documents, including the Amazon API Gateway extensions: the analyzer, the
//! per-document [`Index`] every OpenAPI rule runs over (operations, parameters, `$ref`s resolved once,
//! one walk over the schemas), and the helpers several rules share.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use vigil_core::analyzer::{FileOutput, Summaries};
use vigil_core::{CheckContext, FileAnalyzer, FileKind, SourceFile};

use crate::tree::{Doc, Kind, NodeId};
use crate::{re, run, Reporter, SpecRule};

/// How a rule runs over one document.
pub(crate) type Run = fn(&mut Reporter<'_>, &Index<'_>);

super::rule_files!(
    api_key_in_query,
    apigw_api_key_source_invalid,
    apigw_authorizer_invalid,
    apigw_cors_inconsistent,
    apigw_global_security_ignored,
    apigw_integration_required_fields,
    apigw_integration_type_invalid,
    apigw_integration_uri_malformed,
    apigw_lambda_http_method,
    apigw_request_validator_undefined,
    apigw_timeout_out_of_range,
    array_items_missing,
    duplicate_parameter,
    enum_type_mismatch,
    example_invalid,
    insecure_server_url,
    missing_429_response,
    missing_4xx_response,
    no_security_scheme,
    operation_id_unique,
    operation_without_security,
    path_ambiguous,
    path_params,
    schema_invalid,
    security_scheme_undefined,
    server_variables,
    success_response_missing,
    unbounded_array,
    unbounded_string,
    unresolved_ref,
    unused_component,
    weak_auth_scheme,
);

/// The OpenAPI analyzer: each rule file says `analysis: <its name>`.
pub struct OpenapiAnalyzer;

impl FileAnalyzer for OpenapiAnalyzer {
    /// The (normalized target file, JSON pointer) of each `$ref` into another file.
    type Summary = Vec<(PathBuf, String)>;
    type Facts = ExternalRefs;

    fn parse_only(&self, file: &SourceFile) -> u64 {
        crate::parse_only(file)
    }

    fn kind(&self) -> FileKind {
        FileKind::Openapi
    }

    fn analyses(&self) -> Vec<&'static str> {
        crate::rule_names(FileKind::Openapi)
    }

    /// Phase 1: the `$ref`s of this file that point into other files, found by a text scan (the file
    /// is parsed once, in phase 2).
    fn summarize(&self, file: &SourceFile) -> Option<Self::Summary> {
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
        (!refs.is_empty()).then_some(refs)
    }

    /// The set of (file, pointer) targets referenced from other files.
    fn link(&self, summaries: Summaries<'_, Self::Summary>) -> Option<ExternalRefs> {
        Some(summaries.flat_map(|(_, refs)| refs).collect())
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, ExternalRefs>, out: &mut FileOutput) {
        let external = ctx.project;
        run(
            FileKind::Openapi,
            file,
            ctx,
            out,
            |rep, doc| {
                let Some(ix) = Index::new(doc, external) else {
                    return;
                };
                for (rule, run) in RULES {
                    if rep.on(*rule) {
                        run(rep, &ix);
                    }
                }
            },
            |_| {},
        );
    }
}

/// (normalized target file, JSON pointer) of every cross-file `$ref` in the scanned tree.
pub type ExternalRefs = HashSet<(PathBuf, String)>;

/// Lexically normalized path (`a/./b/../c` → `a/c`), without touching the file system.
pub(crate) fn normalize(p: &Path) -> PathBuf {
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
pub(crate) fn scan_refs(text: &str) -> Vec<String> {
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

pub(crate) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
pub(crate) const ANY_METHOD: &str = "x-amazon-apigateway-any-method";
pub(crate) const ROOT3: &[&str] = &[
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
pub(crate) const ROOT2: &[&str] = &[
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
pub(crate) const INFO: &[&str] = &[
    "title",
    "summary",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];
pub(crate) const OPERATION3: &[&str] = &[
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
pub(crate) const OPERATION2: &[&str] = &[
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
pub(crate) const PATH_ITEM: &[&str] = &[
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
pub(crate) const INTEGRATION_TYPES: &[&str] = &["aws", "aws_proxy", "http", "http_proxy", "mock"];

/// One operation of the document.
pub(crate) struct Op<'a> {
    pub path: &'a str,
    pub path_key: NodeId,
    pub method: &'a str,
    pub method_key: NodeId,
    pub node: NodeId,
    pub path_item: NodeId,
}

/// What [`Index::request_inputs`] finds: (request schema, label), (index of an operation's first
/// schema, operation label), the operations that take input.
pub(crate) type RequestInputs<'a, 'd> =
    (Vec<(NodeId, String)>, Vec<(usize, String)>, Vec<&'a Op<'d>>);

/// A parameter of a path item or operation: (as written, `$ref` followed, name, `in`).
pub(crate) type Param = (NodeId, NodeId, String, String);

/// What the walk over the whole document finds.
#[derive(Default)]
pub(crate) struct Walk {
    /// `$ref` values, in document order.
    pub refs: Vec<(NodeId, String)>,
    /// (schema, example) pairs.
    pub examples: Vec<(NodeId, NodeId)>,
    /// Values of discriminator `mapping`s.
    pub mappings: Vec<NodeId>,
    /// (schema, enum) pairs.
    pub enums: Vec<(NodeId, NodeId)>,
    /// The `type` of `type: array` schemas without `items`, in document order.
    pub arrays_without_items: Vec<NodeId>,
}

/// What the OpenAPI rules need of one document, computed once (the costly parts on first use).
pub(crate) struct Index<'d> {
    pub doc: &'d Doc,
    pub root: NodeId,
    pub v2: bool,
    pub v31: bool,
    pub ops: Vec<Op<'d>>,
    /// `$ref`s into this file from the other scanned files.
    pub external: Option<&'d ExternalRefs>,
    /// Resolved local JSON pointers.
    pointers: RefCell<HashMap<String, Option<NodeId>>>,
    walk: OnceCell<Walk>,
    unresolved: OnceCell<Vec<String>>,
    apigw: OnceCell<Option<bool>>,
    unbounded: OnceCell<Vec<(NodeId, SpecRule, String, String)>>,
    /// The parameters of each operation: path-item level, operation level.
    params: OnceCell<Vec<[Vec<Param>; 2]>>,
}

impl<'d> Index<'d> {
    /// The index of a full document: a fragment (schemas shared by several documents) has no
    /// `openapi`/`swagger` key; the scanner hands only full documents, and fragments are checked
    /// through the `$ref`s that use them.
    fn new(doc: &'d Doc, external: Option<&'d ExternalRefs>) -> Option<Self> {
        let root = doc.root.unwrap_or(0);
        if !doc.is_map(root)
            || (doc.get(root, "openapi").is_none() && doc.get(root, "swagger").is_none())
        {
            return None;
        }
        let v2 = doc.get(root, "swagger").is_some();
        let v31 = doc
            .get(root, "openapi")
            .and_then(|v| doc.scalar(v))
            .is_some_and(|v| v.starts_with("3.1"));
        let pointers = RefCell::new(HashMap::new());
        let ops = Self::operations(doc, root, &pointers);
        Some(Self {
            doc,
            root,
            v2,
            v31,
            ops,
            external,
            pointers,
            walk: OnceCell::new(),
            unresolved: OnceCell::new(),
            apigw: OnceCell::new(),
            unbounded: OnceCell::new(),
            params: OnceCell::new(),
        })
    }

    fn operations(
        doc: &'d Doc,
        root: NodeId,
        pointers: &RefCell<HashMap<String, Option<NodeId>>>,
    ) -> Vec<Op<'d>> {
        let mut out = Vec::new();
        let Some(paths) = doc.get(root, "paths") else {
            return out;
        };
        for (path, pk, item) in doc.pairs(paths) {
            if path.starts_with("x-") {
                continue;
            }
            let item = deref_with(doc, root, pointers, item);
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

    /// Resolve a local JSON pointer (the part after `#`), cached.
    pub(crate) fn local(&self, p: &str) -> Option<NodeId> {
        local_with(self.doc, self.root, &self.pointers, p)
    }

    /// Follow a local `$ref` (a few hops) to the node it names.
    pub(crate) fn deref(&self, id: NodeId) -> NodeId {
        deref_with(self.doc, self.root, &self.pointers, id)
    }

    /// Parameters of a level (path item or operation), `$ref`s followed: (node, name, in).
    pub(crate) fn params(&self, holder: NodeId) -> Vec<(NodeId, NodeId, String, String)> {
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

    pub(crate) fn scheme_defs(&self) -> Option<NodeId> {
        let doc = self.doc;
        if self.v2 {
            doc.get(self.root, "securityDefinitions")
        } else {
            doc.get(self.root, "components")
                .and_then(|c| doc.get(c, "securitySchemes"))
        }
    }

    /// The facts of the one walk over the document.
    pub(crate) fn walk(&self) -> &Walk {
        self.walk.get_or_init(|| self.compute_walk())
    }

    /// One walk over the document collects `$ref`s, schema facts, examples and mappings.
    fn compute_walk(&self) -> Walk {
        let doc = self.doc;
        let mut w = Walk::default();
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
                                    w.refs.push((v, r.to_owned()));
                                }
                                continue;
                            }
                            "example" => example = Some(v),
                            "enum" => enumeration = Some(v),
                            "schema" => schema = Some(v),
                            "examples" => examples = Some(v),
                            "mapping" => w.mappings.extend(doc.pairs(v).map(|(_, _, m)| m)),
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
                        w.arrays_without_items.extend(ty);
                    }
                    if let (Some(e), Some(_)) = (enumeration, ty) {
                        w.enums.push((id, e));
                    }
                    if let Some(ex) = example {
                        if ty.is_some() {
                            w.examples.push((id, ex));
                        } else if let Some(sch) = schema {
                            w.examples.push((sch, ex));
                        }
                    }
                    if let (Some(sch), Some(exs)) = (schema, examples) {
                        for (_, _, e) in doc.pairs(exs) {
                            if let Some(v) = doc.get(e, "value") {
                                w.examples.push((sch, v));
                            }
                        }
                    }
                }
                Some(Kind::Seq(items)) => stack.extend(items.iter().copied()),
                _ => {}
            }
        }
        w.arrays_without_items.sort_unstable();
        w.refs.sort_by_key(|(id, _)| *id);
        w
    }

    /// Request-side schemas (parameters other than path, request bodies) of every operation: strings
    /// without a length bound and arrays without `maxItems`.
    /// The request-side schemas of every operation (parameters other than path, request bodies)
    /// with their labels, the operation groups (index of their first root, label), and the
    /// operations that take input.
    pub(crate) fn request_inputs(&self) -> RequestInputs<'_, 'd> {
        let doc = self.doc;
        let mut roots: Vec<(NodeId, String)> = Vec::new();
        let mut groups: Vec<(usize, String)> = Vec::new();
        let mut has_4xx_need: Vec<&Op<'d>> = Vec::new();
        for (op, levels) in self.op_params() {
            let mut needs_validation = false;
            groups.push((
                roots.len(),
                format!("`{} {}`", op.method.to_uppercase(), op.path),
            ));
            for &(_, t, ref name, ref loc) in levels.iter().flatten() {
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
        (roots, groups, has_4xx_need)
    }

    /// Request strings without a length bound and arrays without `maxItems`: (type node, rule,
    /// group, label), in document order, computed once for both rules.
    pub(crate) fn unbounded(&self) -> &[(NodeId, SpecRule, String, String)] {
        self.unbounded.get_or_init(|| self.compute_unbounded())
    }

    fn compute_unbounded(&self) -> Vec<(NodeId, SpecRule, String, String)> {
        let doc = self.doc;
        let (roots, groups, _) = self.request_inputs();
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
                        hits.push((t, unbounded_string::RULE, group.clone(), label.clone()));
                    }
                }
            }
            if types.contains(&"array") && !has("maxItems") {
                if let Some(t) = ty {
                    hits.push((t, unbounded_array::RULE, group.clone(), label.clone()));
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
        hits
    }

    /// The local `$ref` pointers (decoded) that do not resolve.
    pub(crate) fn unresolved(&self) -> &[String] {
        self.unresolved.get_or_init(|| {
            self.walk()
                .refs
                .iter()
                .filter(|(_, r)| {
                    !(r.starts_with("http://")
                        || r.starts_with("https://")
                        || r.starts_with("urn:"))
                })
                .filter_map(|(_, r)| {
                    let (file_part, pointer_part) = r.split_once('#').unwrap_or((r.as_str(), ""));
                    (file_part.is_empty() && self.local(pointer_part).is_none())
                        .then(|| percent_decode(pointer_part))
                })
                .collect()
        })
    }

    /// Whether the document uses the API Gateway extensions, and then whether it is an HTTP API
    /// (`Some(true)`) or a REST API (`Some(false)`).
    pub(crate) fn apigw(&self) -> Option<bool> {
        *self.apigw.get_or_init(|| {
            let doc = self.doc;
            let root = self.root;
            let ops = &self.ops;
            let root_ext = doc
                .pairs(root)
                .any(|(k, _, _)| k.starts_with("x-amazon-apigateway-"));
            let op_ext = ops
                .iter()
                .any(|o| doc.get(o.node, "x-amazon-apigateway-integration").is_some());
            if !root_ext && !op_ext {
                return None;
            }
            Some(
                !self.v2
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
                        })),
            )
        })
    }

    /// The API Gateway integrations of the operations (`$ref`s followed): (operation, integration,
    /// whether the API is an HTTP API). Empty when the document does not use API Gateway.
    pub(crate) fn integrations(&self) -> Vec<(&Op<'d>, NodeId, bool)> {
        let Some(http_api) = self.apigw() else {
            return Vec::new();
        };
        self.ops
            .iter()
            .filter_map(|op| {
                let i = self.doc.get(op.node, "x-amazon-apigateway-integration")?;
                Some((op, self.deref(i), http_api))
            })
            .collect()
    }

    /// Each parameter of an operation, path-item level first, with the operation: the parameters of a
    /// path item are seen once per operation under it.
    pub(crate) fn op_params(&self) -> impl Iterator<Item = (&Op<'d>, &[Vec<Param>; 2])> {
        let params = self.params.get_or_init(|| {
            self.ops
                .iter()
                .map(|op| [self.params(op.path_item), self.params(op.node)])
                .collect()
        });
        self.ops.iter().zip(params)
    }
}

/// Whether a parameter is an object that the parameter checks can read (not an unresolved `$ref`).
pub(crate) fn readable_param(doc: &Doc, p: NodeId, t: NodeId) -> bool {
    !(doc.get(p, "$ref").is_some() && t == p) && doc.is_map(t)
}

fn local_with(
    doc: &Doc,
    root: NodeId,
    pointers: &RefCell<HashMap<String, Option<NodeId>>>,
    p: &str,
) -> Option<NodeId> {
    if let Some(hit) = pointers.borrow().get(p) {
        return *hit;
    }
    let r = pointer(doc, root, p);
    pointers.borrow_mut().insert(p.to_owned(), r);
    r
}

fn deref_with(
    doc: &Doc,
    root: NodeId,
    pointers: &RefCell<HashMap<String, Option<NodeId>>>,
    id: NodeId,
) -> NodeId {
    let mut cur = id;
    for _ in 0..8 {
        let Some(r) = doc.get(cur, "$ref").and_then(|r| doc.str(r)) else {
            return cur;
        };
        match r
            .strip_prefix('#')
            .and_then(|p| local_with(doc, root, pointers, p))
        {
            Some(t) => cur = t,
            None => return cur,
        }
    }
    cur
}

/// Report a node.
pub(crate) fn at(
    rep: &mut Reporter<'_>,
    doc: &Doc,
    rule: SpecRule,
    id: NodeId,
    msg: impl Into<String>,
) {
    rep.report(rule, doc.range(id), msg);
}

/// One finding per group (at its first member, in document order) that names the count and the
/// first members: hardening checks report a family once, not every property or operation.
pub(crate) fn report_grouped(
    rep: &mut Reporter<'_>,
    doc: &Doc,
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
        rep.report(rule, doc.range(id), msg);
    }
}

/// The resource family of a path: the path without its trailing template segments
/// (`/orders/{id}` and `/orders` are both `/orders`).
pub(crate) fn family(path: &str) -> String {
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
pub(crate) fn op_label(op: &Op<'_>) -> String {
    format!("{} {}", op.method.to_uppercase(), op.path)
}

/// The `{name}` variables of a path template.
pub(crate) fn template_vars(path: &str) -> Vec<&str> {
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
pub(crate) fn pointer(doc: &Doc, root: NodeId, p: &str) -> Option<NodeId> {
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

pub(crate) fn percent_decode(s: &str) -> String {
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

pub(crate) fn is_local(u: &str) -> bool {
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

pub(crate) fn looks_like_credential(name: &str) -> bool {
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
pub(crate) fn uri_text(doc: &Doc, u: NodeId) -> Option<String> {
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
pub(crate) fn placeholder_free(s: &str) -> String {
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
pub(crate) fn is_only_array(doc: &Doc, sch: NodeId) -> bool {
    doc.get(sch, "type").and_then(|t| doc.str(t)) == Some("array")
}

/// Why an example does not fit its schema (type, or enum membership), if it does not.
pub(crate) fn example_mismatch(doc: &Doc, sch: NodeId, ex: NodeId) -> Option<String> {
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

/// The `type` (lower case) of an API Gateway integration when it is one API Gateway deploys for the
/// API and not `mock`: the integration's other fields are checked only then.
pub(crate) fn integration_type(doc: &Doc, i: NodeId, http_api: bool) -> Option<String> {
    if !doc.is_map(i) {
        return None;
    }
    let ty = doc
        .get(i, "type")
        .and_then(|t| doc.scalar(t))
        .map(str::to_ascii_lowercase)?;
    let deployable = INTEGRATION_TYPES.contains(&ty.as_str())
        && (!http_api || ["aws_proxy", "http_proxy"].contains(&ty.as_str()));
    (deployable && ty != "mock").then_some(ty)
}

/// `GET /pets` for messages about an integration.
pub(crate) fn op_name(op: &Op<'_>) -> String {
    format!("{} {}", op.method.to_uppercase(), op.path)
}
