//! `python/catch-and-reraise`: an `except` clause whose only statement re-raises the caught
//! exception unchanged (`raise` or `raise e`). It does nothing but add noise, unless a later
//! handler of the same `try` would otherwise catch the exception: then it is a deliberate filter
//! and is not reported.

use crate::fields::Field;
use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "catch_and_reraise";

pub(crate) fn check(cx: &mut Checker<'_, '_>, clause: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    // A later `except` of the same `try` makes this one a filter.
    let mut s = clause.next_named_sibling();
    while let Some(n) = s {
        if matches!(n.kind(), "except_clause" | "except_group_clause") {
            return;
        }
        s = n.next_named_sibling();
    }
    let mut c = clause.walk();
    let children: Vec<Node<'_>> = clause.named_children(&mut c).collect();
    let Some(body) = children.iter().rev().find(|n| n.kind() == "block").copied() else {
        return;
    };
    let mut bc = body.walk();
    let stmts: Vec<Node<'_>> = body
        .named_children(&mut bc)
        .filter(|n| n.kind() != "comment")
        .collect();
    let [only] = stmts.as_slice() else {
        return;
    };
    if only.kind() != "raise_statement" {
        return;
    }
    // `except E as e:` binds `e`.
    let bound = clause
        .field("alias")
        .map(|a| cx.text(a).trim().to_owned())
        .or_else(|| {
            children.iter().find_map(|n| {
                (n.kind() == "as_pattern")
                    .then(|| n.field("alias"))
                    .flatten()
                    .map(|a| cx.text(a).trim().to_owned())
            })
        });
    let mut rc = only.walk();
    let raised: Vec<Node<'_>> = only.named_children(&mut rc).collect();
    let useless = match raised.as_slice() {
        [] => true,
        [e] => e.kind() == "identifier" && bound.as_deref() == Some(cx.text(*e)),
        _ => false, // `raise X from Y`
    };
    if useless {
        cx.report(
            NAME,
            clause,
            "this handler only re-raises the exception it caught; remove it or add context".into(),
        );
    }
}
