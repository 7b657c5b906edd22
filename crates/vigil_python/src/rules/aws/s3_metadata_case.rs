//! `python/aws-s3-metadata-case`: S3 user metadata read with a key containing upper-case letters
//! (`resp["Metadata"]["Content-Owner"]`). S3 stores user metadata keys lower-cased, so the lookup
//! never matches (a `KeyError`, or `None` from `.get`).

use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{scope, Checker, Env};

pub(crate) const NAME: &str = "aws_s3_metadata_case";

fn is_metadata(cx: &Checker<'_, '_>, n: Node<'_>, aliases: &[String]) -> bool {
    match n.kind() {
        "subscript" => n
            .child_by_field_name("subscript")
            .is_some_and(|s| matches!(cx.text(s), "\"Metadata\"" | "'Metadata'")),
        "attribute" => cx.text(n).ends_with(".metadata"),
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

pub(super) fn check(cx: &mut Checker<'_, '_>, _env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        let (obj, key) = match n.kind() {
            "subscript" => (
                n.child_by_field_name("value"),
                n.child_by_field_name("subscript"),
            ),
            "call" => {
                let f = n
                    .child_by_field_name("function")
                    .filter(|f| f.kind() == "attribute");
                let is_get = f
                    .and_then(|f| f.child_by_field_name("attribute"))
                    .is_some_and(|a| cx.text(a) == "get");
                if !is_get {
                    return;
                }
                let first = n
                    .child_by_field_name("arguments")
                    .and_then(|a| a.named_child(0));
                (f.and_then(|f| f.child_by_field_name("object")), first)
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
        let mut aliases = Vec::new();
        if obj.kind() == "identifier" {
            walk_tree(scope(n), |a| {
                if a.kind() == "assignment" {
                    if let (Some(l), Some(r)) = (
                        a.child_by_field_name("left"),
                        a.child_by_field_name("right"),
                    ) {
                        if l.kind() == "identifier" && is_metadata(cx, r, &[]) {
                            aliases.push(cx.text(l).to_owned());
                        }
                    }
                }
            });
        }
        if !is_metadata(cx, obj, &aliases) {
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
