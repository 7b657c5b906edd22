//! `java/return-in-finally`: a `return` inside `finally` discards the exception or result in flight.

use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "return_in_finally";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut found = Vec::new();
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return;
    }
    'walk: loop {
        let n = cursor.node();
        // A return in a lambda or a local/anonymous class body returns from that, not the method.
        let opaque = matches!(
            n.kind(),
            "lambda_expression" | "class_body" | "class_declaration"
        );
        if n.kind() == "return_statement" {
            found.push(n);
        }
        if !opaque && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == node {
                break 'walk;
            }
        }
    }
    for r in found {
        cx.report(
            NAME,
            r,
            "`return` inside `finally` discards any exception thrown in the `try` block".to_owned(),
        );
    }
}
