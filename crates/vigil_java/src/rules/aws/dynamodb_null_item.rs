//! `java/aws-dynamodb-item-null-check`: the item of a DynamoDB `getItem` (v1 `getItem()` is `null`
//! when the key does not exist; v2 `item()` is empty and its attributes `null`) or of
//! `DynamoDBMapper.load` (`null`) dereferenced without checking that an item was found.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{Checker, ClientCall};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_dynamodb_item_null_check";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(method) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    // The expression whose value may be missing: the item map, or the loaded object.
    let item = if call.is_some_and(|c| c.service.name == "dynamodb" && method == "getItem") {
        match item_of_response(cx, node) {
            Some(i) => i,
            None => return,
        }
    } else if method == "load" && super::is_mapper(cx, node) {
        node
    } else {
        return;
    };
    let unchecked = match item.parent() {
        // `...item().get("k")`, `mapper.load(..).getName()`.
        Some(p) if p.kind() == "method_invocation" && p.field("object") == Some(item) => !p
            .field("name")
            .is_some_and(|m| matches!(cx.text(m), "isEmpty" | "containsKey" | "equals" | "size")),
        Some(p) if p.kind() == "variable_declarator" => p
            .field("name")
            .is_some_and(|v| deref_without_check(cx, node, cx.text(v))),
        _ => false,
    };
    if unchecked {
        let msg = format!(
            "the result of `{method}` is used without checking that an item was found (it is null or empty when the key does not exist)"
        );
        cx.report(NAME, node, msg);
    }
}

/// The `getItem()`/`item()` read of the response of the `getItem` call `node`: chained, or through a
/// response variable (`None` when the response is checked with `hasItem()` or escapes).
fn item_of_response<'t>(cx: &Checker<'_, '_>, node: Node<'t>) -> Option<Node<'t>> {
    let p = node.parent()?;
    let is_item = |n: Node<'_>| {
        n.kind() == "method_invocation"
            && n.field("name")
                .is_some_and(|m| matches!(cx.text(m), "getItem" | "item"))
    };
    if is_item(p) && p.field("object") == Some(node) {
        return Some(p);
    }
    if p.kind() != "variable_declarator" {
        return None;
    }
    let var = cx.text(p.field("name")?);
    let scope = enclosing_callable(node)?;
    let mut found = None;
    let mut has_item = false;
    walk_tree(scope, |n| {
        if n.kind() == "method_invocation"
            && n.field("object")
                .is_some_and(|o| o.kind() == "identifier" && cx.text(o) == var)
        {
            if n.field("name").is_some_and(|m| cx.text(m) == "hasItem") {
                has_item = true;
            } else if found.is_none() && is_item(n) {
                found = Some(n);
            }
        }
    });
    if has_item {
        return None;
    }
    found
}

/// Whether `var` (holding a possibly missing item) is dereferenced in the method while no null /
/// emptiness check of it appears.
fn deref_without_check(cx: &Checker<'_, '_>, at: Node<'_>, var: &str) -> bool {
    let Some(scope) = enclosing_callable(at) else {
        return false;
    };
    let mut deref = false;
    let mut checked = false;
    walk_tree(scope, |n| {
        if n.start_byte() <= at.start_byte() {
            return;
        }
        match n.kind() {
            "method_invocation" => {
                let on_var = n
                    .field("object")
                    .is_some_and(|o| o.kind() == "identifier" && cx.text(o) == var);
                let name = n.field("name").map(|m| cx.text(m));
                if on_var {
                    if matches!(
                        name,
                        Some("isEmpty" | "containsKey" | "size" | "getOrDefault")
                    ) {
                        checked = true;
                    } else {
                        deref = true;
                    }
                }
                // `Objects.isNull(item)`, `Optional.ofNullable(item)`, `requireNonNull(item)`.
                if matches!(
                    name,
                    Some("isNull" | "nonNull" | "ofNullable" | "requireNonNull" | "isEmpty")
                ) && super::call_args(n).iter().any(|a| cx.text(*a) == var)
                {
                    checked = true;
                }
            }
            "binary_expression" => {
                let t = cx.text(n);
                if t.contains("null")
                    && [n.field("left"), n.field("right")]
                        .iter()
                        .flatten()
                        .any(|o| cx.text(*o) == var)
                {
                    checked = true;
                }
            }
            _ => {}
        }
    });
    deref && !checked
}
