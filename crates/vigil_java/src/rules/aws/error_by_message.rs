//! `java/aws-error-by-message`: branching on the text of an SDK exception's message
//! (`e.getMessage().contains("NoSuchKey")`) instead of its error code or exception type.

use tree_sitter::Node;

use super::{catch_of, caught_types, is_sdk_exception, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_error_by_message";

const COMPARISONS: &[&str] = &[
    "contains",
    "equals",
    "equalsIgnoreCase",
    "startsWith",
    "endsWith",
    "matches",
    "indexOf",
    "contentEquals",
];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    if !matches!(
        name,
        "getMessage" | "getErrorMessage" | "getLocalizedMessage" | "errorMessage"
    ) {
        return;
    }
    let Some(mut obj) = node.field("object") else {
        return;
    };
    // v2 `e.awsErrorDetails().errorMessage()`.
    if name == "errorMessage" {
        match obj
            .field("object")
            .filter(|_| obj.kind() == "method_invocation")
        {
            Some(o) => obj = o,
            None => return,
        }
    }
    if obj.kind() != "identifier" {
        return;
    }
    let Some(catch) = catch_of(cx, cx.text(obj), node) else {
        return;
    };
    if !caught_types(cx, catch)
        .iter()
        .any(|t| is_sdk_exception(cx, t))
    {
        return;
    }
    if !compared(cx, node) && !compared_through_local(cx, node) {
        return;
    }
    let msg = format!(
        "branching on the text of `{}`: messages are not a stable API; compare the error code (`getErrorCode()`, v2 `awsErrorDetails().errorCode()`) or catch the specific exception type",
        vigil_query::shorten(cx.text(node))
    );
    cx.report(NAME, node, msg);
}

/// Whether the message is compared: the receiver or argument of `contains`/`equals`/..., or an
/// operand of `==`, or a `switch` selector.
fn compared(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let Some(p) = node.parent() else {
        return false;
    };
    match p.kind() {
        "method_invocation" => p
            .field("name")
            .is_some_and(|m| COMPARISONS.contains(&cx.text(m))),
        "argument_list" => p.parent().is_some_and(|c| {
            c.kind() == "method_invocation"
                && c.field("name")
                    .is_some_and(|m| COMPARISONS.contains(&cx.text(m)))
        }),
        "binary_expression" => p
            .field("operator")
            .is_some_and(|o| matches!(cx.text(o), "==" | "!=")),
        "parenthesized_expression" => p.parent().is_some_and(|s| s.kind() == "switch_expression"),
        _ => false,
    }
}

/// `String msg = e.getMessage(); if (msg.contains(..))`: the message kept in a local and compared.
fn compared_through_local(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let Some(var) = node
        .parent()
        .filter(|p| p.kind() == "variable_declarator")
        .and_then(|p| p.field("name"))
        .map(|v| cx.text(v).to_owned())
    else {
        return false;
    };
    let Some(block) = node
        .parent()
        .and_then(|d| d.parent())
        .and_then(|s| s.parent())
    else {
        return false;
    };
    let mut hit = false;
    vigil_query::walk_tree(block, |n| {
        if !hit
            && n.kind() == "identifier"
            && n.start_byte() > node.end_byte()
            && cx.text(n) == var
            && compared(cx, n)
        {
            hit = true;
        }
    });
    hit
}
