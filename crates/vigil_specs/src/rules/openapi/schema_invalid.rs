//! `openapi/schema-invalid`: what the OpenAPI specification does not allow: unknown fields, missing required fields, wrong types.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};
use crate::{hint, start_of};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "schema-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    structure(rep, ix);
    for (op, levels) in ix.op_params() {
        operation(rep, ix, op);
        for (p, t, name, loc) in levels.iter().flatten() {
            parameter(rep, ix, *p, *t, name, loc);
        }
    }
}

fn structure(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let root = ix.root;
    let top = if ix.v2 { ROOT2 } else { ROOT3 };
    for (key, k, _) in doc.pairs(root) {
        if !key.starts_with("x-") && !top.contains(&key) {
            let msg = format!(
                "unknown top-level field `{key}` in an OpenAPI {} document{}",
                if ix.v2 { "2.0" } else { "3.x" },
                hint(key, top)
            );
            at(rep, ix.doc, RULE, k, msg);
        }
    }
    if let Some(v) = doc.get(root, "openapi") {
        let t = doc.scalar(v).unwrap_or("");
        if !t.starts_with("3.") {
            at(rep, ix.doc, 
                RULE,
                v,
                format!("`openapi` is `{t}`; expected a 3.x version string such as \"3.0.3\""),
            );
        }
    }
    if let Some(v) = doc.get(root, "swagger") {
        if doc.scalar(v) != Some("2.0") {
            let t = doc.scalar(v).unwrap_or("").to_owned();
            at(rep, ix.doc, 
                RULE,
                v,
                format!("`swagger` is `{t}`; expected \"2.0\""),
            );
        }
    }
    match doc.get(root, "info") {
        None => rep.report(
            RULE,
            start_of(doc, root),
            "document has no `info` object (required: `title` and `version`)",
        ),
        Some(info) if !doc.is_map(info) => {
            let msg = format!(
                "`info` must be an object with `title` and `version`, found {}",
                doc.type_name(info)
            );
            at(rep, ix.doc, RULE, info, msg);
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
                        rep.report(
                            RULE,
                            r,
                            format!("`info` has no `{want}` (required)"),
                        );
                    }
                    Some(v) if doc.is_map(v) || doc.is_seq(v) || doc.is_null(v) => {
                        let msg = format!(
                            "`info.{want}` must be a string, found {}",
                            doc.type_name(v)
                        );
                        at(rep, ix.doc, RULE, v, msg);
                    }
                    _ => {}
                }
            }
            for (key, k, _) in doc.pairs(info) {
                if !key.starts_with("x-") && !INFO.contains(&key) {
                    let msg = format!("unknown field `{key}` in `info`{}", hint(key, INFO));
                    at(rep, ix.doc, RULE, k, msg);
                }
            }
        }
    }
    if let Some(c) = doc.get(root, "components").filter(|_| !ix.v2) {
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
                at(rep, ix.doc, RULE, k, msg);
            }
        }
    }
    match doc.get(root, "paths") {
        None if !ix.v31 => {
            rep.report(
                RULE,
                start_of(doc, root),
                "document has no `paths` object (required before OpenAPI 3.1)",
            );
        }
        Some(p) if !doc.is_map(p) && !doc.is_null(p) => {
            let msg = format!(
                "`paths` must be an object mapping paths to path items, found {}",
                doc.type_name(p)
            );
            at(rep, ix.doc, RULE, p, msg);
        }
        Some(p) => {
            for (key, k, item) in doc.pairs(p) {
                if key.starts_with("x-") {
                    continue;
                }
                if !key.starts_with('/') {
                    at(rep, ix.doc, 
                        RULE,
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
                        at(rep, ix.doc, RULE, item, msg);
                    }
                    continue;
                }
                for (m, mk, _) in doc.pairs(item) {
                    if !m.starts_with("x-") && !PATH_ITEM.contains(&m) {
                        let msg = format!(
                            "unknown field `{m}` in path item `{key}`{}",
                            hint(m, PATH_ITEM)
                        );
                        at(rep, ix.doc, RULE, mk, msg);
                    }
                }
            }
        }
        None => {}
    }
}

fn operation(rep: &mut Reporter<'_>, ix: &Index<'_>, op: &Op<'_>) {
    let doc = ix.doc;
    let op_keys = if ix.v2 { OPERATION2 } else { OPERATION3 };
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
                at(rep, ix.doc, RULE, k, msg);
            }
        }
    }
    // responses
    match doc.get(op.node, "responses") {
        None => {
            if !ix.v31 {
                let msg = format!(
                    "operation `{} {}` has no `responses` (required)",
                    op.method.to_uppercase(),
                    op.path
                );
                at(rep, ix.doc, RULE, op.method_key, msg);
            }
        }
        Some(r) if doc.is_map(r) => {
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
                    at(rep, ix.doc, RULE, k, format!("response key `{code}` is not an HTTP status code, a `2XX`-style range or `default`"));
                }
            }
        }
        Some(r) => {
            let msg = format!(
                "`responses` must be an object keyed by status code, found {}",
                doc.type_name(r)
            );
            at(rep, ix.doc, RULE, r, msg);
        }
    }
}

fn parameter(rep: &mut Reporter<'_>, ix: &Index<'_>, p: NodeId, t: NodeId, name: &str, loc: &str) {
    let doc = ix.doc;
    if doc.get(p, "$ref").is_some() && t == p {
        return; // unresolved; reported by unresolved-ref
    }
    if !doc.is_map(t) {
        let msg = format!(
            "a parameter must be an object with `name` and `in`, found {}",
            doc.type_name(t)
        );
        at(rep, ix.doc, RULE, p, msg);
        return;
    }
    let valid_in: &[&str] = if ix.v2 {
        &["query", "header", "path", "formData", "body"]
    } else {
        &["query", "header", "path", "cookie"]
    };
    if doc.get(t, "name").is_none() {
        at(rep, ix.doc, 
            RULE,
            t,
            "parameter has no `name` (required)".to_owned(),
        );
    }
    match doc.get(t, "in") {
        None => at(rep, ix.doc, 
            RULE,
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
            at(rep, ix.doc, RULE, i, msg);
        }
        _ => {}
    }
    if !ix.v2 && doc.get(t, "schema").is_none() && doc.get(t, "content").is_none() {
        at(rep, ix.doc, 
            RULE,
            t,
            format!("parameter `{name}` has neither `schema` nor `content` (one is required)"),
        );
    }
}
