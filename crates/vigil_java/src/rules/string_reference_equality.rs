//! `java/string-reference-equality`: `==`/`!=` between Strings compares references.

use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "string_reference_equality";

fn is_string_literal(n: Node<'_>) -> bool {
    n.kind() == "string_literal"
}

fn is_literal(n: Node<'_>) -> bool {
    n.kind().ends_with("_literal") || matches!(n.kind(), "true" | "false")
}

/// A String-typed operand we can see: a variable declared `String` in scope.
fn is_string_var(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    n.kind() == "identifier"
        && cx
            .sem
            .declared_type_of(cx.text(n), n)
            .is_some_and(|t| t == "String")
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(op) = node.child_by_field_name("operator") else {
        return;
    };
    let op = cx.text(op).to_owned();
    if op != "==" && op != "!=" {
        return;
    }
    let (Some(l), Some(r)) = (
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) else {
        return;
    };
    let flagged = match (is_string_literal(l), is_string_literal(r)) {
        (true, false) => !is_literal(r),
        (false, true) => !is_literal(l),
        (false, false) => is_string_var(cx, l) && is_string_var(cx, r),
        (true, true) => false,
    };
    if flagged {
        let msg = format!(
            "`{}` compares String references with `{op}`, not their contents",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
