//! `python/aws-dynamodb-item-unchecked`: the `Item` of a DynamoDB `get_item` response read with
//! `resp["Item"]` when no item matched the key: the response then has no `Item` member and the
//! lookup raises `KeyError`. Check `"Item" in resp` or use `resp.get("Item")`.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{each_call, mentions, scope, use_of, Checker, Env, Use};

pub(crate) const NAME: &str = "aws_dynamodb_item_unchecked";

fn is_item_subscript(cx: &Checker<'_, '_>, sub: Node<'_>) -> bool {
    sub.kind() == "subscript"
        && sub
            .field("subscript")
            .is_some_and(|i| matches!(cx.text(i), "\"Item\"" | "'Item'"))
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        let Some(call) = env.aws_call(cx, n) else {
            return;
        };
        if call.op != "get_item" {
            return;
        }
        if call.services(|s| s.name == "dynamodb").is_empty() {
            return;
        }
        let sc = scope(n);
        let guarded = mentions(
            cx,
            sc,
            &[
                "\"Item\" in",
                "'Item' in",
                "\"Item\" not in",
                "'Item' not in",
                ".get(\"Item\"",
                ".get('Item'",
                "KeyError",
            ],
        );
        if guarded {
            return;
        }
        match use_of(n) {
            Use::Other(p) if is_item_subscript(cx, p) => hits.push(p),
            Use::Assigned(var) => {
                let name = cx.text(var).to_owned();
                walk_tree(sc, |s| {
                    if is_item_subscript(cx, s)
                        && s.start_byte() > n.end_byte()
                        && s.field("value").is_some_and(|v| cx.text(v) == name)
                    {
                        hits.push(s);
                    }
                });
            }
            _ => {}
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "`get_item` returns no `Item` when the key does not exist; check `\"Item\" in response` or use `response.get(\"Item\")`".to_owned(),
        );
    }
}
