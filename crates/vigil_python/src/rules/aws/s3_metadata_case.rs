//! `python/aws-s3-metadata-case`: S3 user metadata read with a key containing upper-case letters
//! (`resp["Metadata"]["Content-Owner"]`). S3 stores user metadata keys lower-cased, so the lookup
//! never matches (a `KeyError`, or `None` from `.get`).

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{scope, Checker, Env};

pub(crate) const NAME: &str = "aws_s3_metadata_case";

/// A call reading an S3 object's metadata: `head_object`/`get_object` of S3.
fn is_object_read(cx: &Checker<'_, '_>, env: &Env, n: Node<'_>) -> bool {
    env.aws_call(cx, n).is_some_and(|c| {
        matches!(c.op.as_str(), "head_object" | "get_object")
            && !c.services(|s| s.name == "s3").is_empty()
    })
}

/// Whether `n` is S3 user metadata: `<head_object/get_object response>["Metadata"]`, an S3 `Object`
/// resource's `.metadata`, or a name assigned one of those (`aliases`).
fn is_metadata(
    cx: &Checker<'_, '_>,
    env: &Env,
    sc: Node<'_>,
    n: Node<'_>,
    aliases: &[String],
) -> bool {
    match n.kind() {
        "subscript" => {
            let key_ok = n
                .field("subscript")
                .is_some_and(|s| matches!(cx.text(s), "\"Metadata\"" | "'Metadata'"));
            let Some(v) = n.field("value").filter(|_| key_ok) else {
                return false;
            };
            match v.kind() {
                "call" => is_object_read(cx, env, v),
                "identifier" => {
                    let name = cx.text(v);
                    let mut found = false;
                    walk_tree(sc, |a| {
                        if !found && a.kind() == "assignment" {
                            found = a.field("left").is_some_and(|l| cx.text(l) == name)
                                && a.field("right").is_some_and(|r| is_object_read(cx, env, r));
                        }
                    });
                    found
                }
                _ => false,
            }
        }
        "attribute" => {
            n.field("attribute")
                .is_some_and(|a| cx.text(a) == "metadata")
                && n.field("object").is_some_and(|o| {
                    env.svc_of(cx, o)
                        .is_some_and(|s| s.service.name == "s3" && s.kind == super::Kind::Sub)
                })
        }
        "identifier" => aliases.iter().any(|a| a == cx.text(n)),
        _ => false,
    }
}

fn upper_key(cx: &Checker<'_, '_>, k: Node<'_>) -> Option<String> {
    match cx.sem.const_value(k)? {
        ConstValue::Str(s) if s.chars().any(|c| c.is_ascii_uppercase()) => Some(s),
        _ => None,
    }
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        let (obj, key) = match n.kind() {
            "subscript" => (n.field("value"), n.field("subscript")),
            "call" => {
                let f = n.field("function").filter(|f| f.kind() == "attribute");
                let is_get = f
                    .and_then(|f| f.field("attribute"))
                    .is_some_and(|a| cx.text(a) == "get");
                if !is_get {
                    return;
                }
                let first = n.field("arguments").and_then(|a| a.named_child(0));
                (f.and_then(|f| f.field("object")), first)
            }
            _ => return,
        };
        let (Some(obj), Some(key)) = (obj, key) else {
            return;
        };
        let Some(k) = upper_key(cx, key) else {
            return;
        };
        // `meta = resp["Metadata"]` aliases in the same scope.
        let sc = scope(n);
        let mut aliases = Vec::new();
        if obj.kind() == "identifier" {
            walk_tree(sc, |a| {
                if a.kind() == "assignment" {
                    if let (Some(l), Some(r)) = (a.field("left"), a.field("right")) {
                        if l.kind() == "identifier" && is_metadata(cx, env, sc, r, &[]) {
                            aliases.push(cx.text(l).to_owned());
                        }
                    }
                }
            });
        }
        if !is_metadata(cx, env, sc, obj, &aliases) {
            return;
        }
        hits.push((key, k));
    });
    for (n, k) in hits {
        cx.report(
            NAME,
            n,
            format!(
                "S3 returns user metadata keys in lower case, so `{k}` never matches; use `{}`",
                k.to_ascii_lowercase()
            ),
        );
    }
}
