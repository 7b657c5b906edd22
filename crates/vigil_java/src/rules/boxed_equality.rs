//! `java/boxed-reference-equality`: `==`/`!=` between two boxed numbers (`Integer`, `Long`, ...)
//! compares object identity; it happens to work for small cached values (-128..127) and fails
//! above them.

use tree_sitter::Node;

use super::util::{type_of, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "boxed_equality";

const BOXED: &[&str] = &[
    "Integer",
    "Long",
    "Short",
    "Byte",
    "Character",
    "Double",
    "Float",
];

fn boxed(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<String> {
    let n = unparen(n);
    if !matches!(n.kind(), "identifier" | "field_access") {
        return None;
    }
    type_of(cx, n)
        .filter(|t| BOXED.contains(&t.as_str()) && cx.sem.may_be(t, &format!("java.lang.{t}")))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(op) = node.field("operator").map(|o| cx.text(o)) else {
        return;
    };
    if op != "==" && op != "!=" {
        return;
    }
    let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
        return;
    };
    if let (Some(a), Some(_)) = (boxed(cx, l), boxed(cx, r)) {
        let msg = format!(
            "`{}` compares two `{a}` objects by identity, not value (only -128..127 are cached); use `equals` or unbox",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
