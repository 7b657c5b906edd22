//! `java/aws-inefficient-call-chain`: an S3 object downloaded only to read its metadata or size.
//! `getObject` (v1 `S3Object`, v2 `ResponseInputStream<GetObjectResponse>`) whose content is never
//! read — only `getObjectMetadata()` / `response()` — and `getObjectAsBytes(..).asByteArray().length`
//! fetch the whole body (and, for an unread stream, hold the HTTP connection) where `headObject`
//! (v1 `getObjectMetadata`) answers with the headers alone.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{Checker, ClientCall};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_inefficient_call_chain";

/// Reads of a downloaded object that need no body (`close` only releases it).
const METADATA_ONLY: &[&str] = &[
    "getObjectMetadata",
    "response",
    "getKey",
    "getBucketName",
    "close",
    "abort",
];

/// How one read of the object uses it.
enum Read {
    /// Reads headers only.
    Metadata,
    /// `asByteArray().length` (v2 bytes): the size, from the body.
    Size,
    /// Anything else: the body is used (or the object escapes).
    Body,
}

fn read_of(cx: &Checker<'_, '_>, obj: Node<'_>) -> Read {
    let Some(p) = obj.parent() else {
        return Read::Body;
    };
    if p.kind() != "method_invocation" || p.field("object") != Some(obj) {
        return Read::Body;
    }
    let name = p.field("name").map_or("", |n| cx.text(n));
    if METADATA_ONLY.contains(&name) {
        return Read::Metadata;
    }
    if name == "asByteArray"
        && p.parent().is_some_and(|fa| {
            fa.kind() == "field_access" && fa.field("field").is_some_and(|f| cx.text(f) == "length")
        })
    {
        return Read::Size;
    }
    Read::Body
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "s3") else {
        return;
    };
    let method = call.method.as_str();
    if !matches!(method, "getObject" | "getObjectAsBytes") {
        return;
    }
    // v2 `getObject(request, Path)` / `(request, ResponseTransformer)` writes the body somewhere.
    if super::call_args(node).len() > 1 && !is_v1_key_overload(cx, node) {
        return;
    }
    let reads: Vec<Read> = match node.parent() {
        Some(p) if matches!(p.kind(), "variable_declarator" | "resource") => {
            let Some(var) = p.field("name").map(|v| cx.text(v).to_owned()) else {
                return;
            };
            let Some(scope) = enclosing_callable(node) else {
                return;
            };
            let mut reads = Vec::new();
            walk_tree(scope, |n| {
                if n.kind() == "identifier" && cx.text(n) == var && n.start_byte() > node.end_byte()
                {
                    reads.push(read_of(cx, n));
                }
            });
            reads
        }
        _ => vec![read_of(cx, node)],
    };
    if reads.is_empty() || reads.iter().any(|r| matches!(r, Read::Body)) {
        return;
    }
    let msg = if reads.iter().any(|r| matches!(r, Read::Size)) {
        format!(
            "the whole object is downloaded by `{method}` only to measure its size; `headObject(..).contentLength()` reads it from the headers"
        )
    } else {
        format!(
            "the object fetched by `{method}` is used only for its metadata (its body is downloaded, or left unread holding the connection); use `headObject` (v1 `getObjectMetadata`)"
        )
    };
    cx.report(NAME, node, msg);
}

/// SDK v1 `getObject(bucket, key)`: two arguments, the object's name, not a destination.
fn is_v1_key_overload(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let args = super::call_args(node);
    args.len() == 2
        && args.iter().all(|a| {
            a.kind() == "string_literal"
                || (a.kind() == "identifier"
                    && cx
                        .sem
                        .declared_type_of(cx.text(*a), *a)
                        .is_none_or(|t| t == "String"))
        })
}
