//! Generated OpenAPI documents of any size, for the benchmark and the linear-time test.
//!
//! The document is valid and shaped like a real generated API: `n` resources, each with a collection
//! path (list with query parameters, create) and an item path (get, update, delete), one component
//! schema per resource with strings, enums, arrays and examples. Size grows linearly with `n`
//! (about 1.9 KB of pretty JSON per resource).

use std::fmt::Write as _;

/// The document as pretty-printed JSON (`json == true`) or block-style YAML.
#[must_use]
pub fn openapi(n: usize, json: bool) -> String {
    let mut paths = Vec::with_capacity(2 * n);
    let mut schemas = Vec::with_capacity(n);
    for i in 0..n {
        let schema = obj(vec![(
            "$ref",
            s(&format!("#/components/schemas/Resource{i}")),
        )]);
        let ok = |desc: &str| {
            obj(vec![
                ("description", s(desc)),
                (
                    "content",
                    obj(vec![(
                        "application/json",
                        obj(vec![("schema", schema.clone())]),
                    )]),
                ),
            ])
        };
        let body = obj(vec![(
            "content",
            obj(vec![(
                "application/json",
                obj(vec![("schema", schema.clone())]),
            )]),
        )]);
        let query =
            |name: &str, sch: V| obj(vec![("name", s(name)), ("in", s("query")), ("schema", sch)]);
        paths.push((
            format!("/resources{i}"),
            obj(vec![
                (
                    "get",
                    obj(vec![
                        ("operationId", s(&format!("list{i}"))),
                        ("summary", s(&format!("List resources of kind {i}"))),
                        (
                            "parameters",
                            V::Arr(vec![
                                query(
                                    "limit",
                                    obj(vec![("type", s("integer")), ("maximum", V::Num(100))]),
                                ),
                                query(
                                    "sort",
                                    obj(vec![
                                        ("type", s("string")),
                                        ("enum", V::Arr(vec![s("asc"), s("desc")])),
                                    ]),
                                ),
                            ]),
                        ),
                        (
                            "responses",
                            obj(vec![
                                ("200", ok("the list")),
                                ("400", obj(vec![("description", s("bad request"))])),
                            ]),
                        ),
                    ]),
                ),
                (
                    "post",
                    obj(vec![
                        ("operationId", s(&format!("create{i}"))),
                        ("requestBody", body.clone()),
                        (
                            "responses",
                            obj(vec![
                                ("201", ok("created")),
                                ("400", obj(vec![("description", s("bad request"))])),
                            ]),
                        ),
                    ]),
                ),
            ]),
        ));
        paths.push((
            format!("/resources{i}/{{id}}"),
            obj(vec![
                (
                    "parameters",
                    V::Arr(vec![obj(vec![
                        ("name", s("id")),
                        ("in", s("path")),
                        ("required", V::Bool(true)),
                        ("schema", obj(vec![("type", s("string"))])),
                    ])]),
                ),
                (
                    "get",
                    obj(vec![
                        ("operationId", s(&format!("get{i}"))),
                        (
                            "responses",
                            obj(vec![
                                ("200", ok("one")),
                                ("404", obj(vec![("description", s("missing"))])),
                            ]),
                        ),
                    ]),
                ),
                (
                    "put",
                    obj(vec![
                        ("operationId", s(&format!("put{i}"))),
                        ("requestBody", body),
                        ("responses", obj(vec![("200", ok("updated"))])),
                    ]),
                ),
                (
                    "delete",
                    obj(vec![
                        ("operationId", s(&format!("delete{i}"))),
                        (
                            "responses",
                            obj(vec![("204", obj(vec![("description", s("gone"))]))]),
                        ),
                    ]),
                ),
            ]),
        ));
        schemas.push((
            format!("Resource{i}"),
            obj(vec![
                ("type", s("object")),
                ("required", V::Arr(vec![s("id")])),
                (
                    "description",
                    s("A resource of the generated API, with the usual fields."),
                ),
                (
                    "properties",
                    obj(vec![
                        (
                            "id",
                            obj(vec![("type", s("string")), ("format", s("uuid"))]),
                        ),
                        (
                            "name",
                            obj(vec![("type", s("string")), ("example", s("widget"))]),
                        ),
                        (
                            "status",
                            obj(vec![
                                ("type", s("string")),
                                ("enum", V::Arr(vec![s("active"), s("retired")])),
                            ]),
                        ),
                        (
                            "tags",
                            obj(vec![
                                ("type", s("array")),
                                ("items", obj(vec![("type", s("string"))])),
                            ]),
                        ),
                        (
                            "count",
                            obj(vec![("type", s("integer")), ("example", V::Num(3))]),
                        ),
                        (
                            "created",
                            obj(vec![("type", s("string")), ("format", s("date-time"))]),
                        ),
                    ]),
                ),
            ]),
        ));
    }
    let doc = obj(vec![
        ("openapi", s("3.0.3")),
        (
            "info",
            obj(vec![("title", s("Generated")), ("version", s("1.0.0"))]),
        ),
        (
            "servers",
            V::Arr(vec![obj(vec![("url", s("https://api.example.com"))])]),
        ),
        (
            "security",
            V::Arr(vec![obj(vec![("key", V::Arr(Vec::new()))])]),
        ),
        ("paths", V::Obj(paths)),
        (
            "components",
            obj(vec![
                ("schemas", V::Obj(schemas)),
                (
                    "securitySchemes",
                    obj(vec![(
                        "key",
                        obj(vec![
                            ("type", s("apiKey")),
                            ("in", s("header")),
                            ("name", s("x-api-key")),
                        ]),
                    )]),
                ),
            ]),
        ),
    ]);
    let mut out = String::new();
    if json {
        doc.json(&mut out, 0);
    } else {
        doc.yaml(&mut out, 0);
    }
    out.push('\n');
    out
}

#[derive(Clone)]
enum V {
    Str(String),
    Num(i64),
    Bool(bool),
    Arr(Vec<V>),
    Obj(Vec<(String, V)>),
}

fn s(t: &str) -> V {
    V::Str(t.to_owned())
}

fn obj(entries: Vec<(&str, V)>) -> V {
    V::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn quoted(t: &str) -> String {
    format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
}

impl V {
    fn scalar(&self) -> Option<String> {
        match self {
            V::Str(t) => Some(quoted(t)),
            V::Num(n) => Some(n.to_string()),
            V::Bool(b) => Some(b.to_string()),
            V::Arr(a) if a.is_empty() => Some("[]".to_owned()),
            V::Obj(o) if o.is_empty() => Some("{}".to_owned()),
            _ => None,
        }
    }

    fn json(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        let close = "  ".repeat(indent);
        if let Some(t) = self.scalar() {
            out.push_str(&t);
            return;
        }
        match self {
            V::Arr(items) => {
                out.push_str("[\n");
                for (i, v) in items.iter().enumerate() {
                    out.push_str(&pad);
                    v.json(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                let _ = write!(out, "{close}]");
            }
            V::Obj(entries) => {
                out.push_str("{\n");
                for (i, (k, v)) in entries.iter().enumerate() {
                    let _ = write!(out, "{pad}{}: ", quoted(k));
                    v.json(out, indent + 1);
                    out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
                }
                let _ = write!(out, "{close}}}");
            }
            _ => {}
        }
    }

    /// Block YAML; `out` is at the start of a line indented by `indent` levels.
    fn yaml(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        match self {
            V::Obj(entries) if !entries.is_empty() => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&pad);
                    }
                    let _ = write!(out, "{}:", quoted(k));
                    match v.scalar() {
                        Some(t) => {
                            let _ = writeln!(out, " {t}");
                        }
                        None => {
                            out.push('\n');
                            out.push_str(&"  ".repeat(indent + 1));
                            v.yaml(out, indent + 1);
                        }
                    }
                }
            }
            V::Arr(items) if !items.is_empty() => {
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&pad);
                    }
                    out.push_str("- ");
                    match v.scalar() {
                        Some(t) => {
                            let _ = writeln!(out, "{t}");
                        }
                        None => v.yaml(out, indent + 1),
                    }
                }
            }
            _ => {
                let _ = writeln!(out, "{}", self.scalar().unwrap_or_default());
            }
        }
    }
}
