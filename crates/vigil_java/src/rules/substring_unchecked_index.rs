//! `java/substring-unchecked-index`: `s.substring(..)` given the result of `indexOf`/`lastIndexOf`
//! that is never compared with `-1`/`0`: when the character is missing the index is `-1` and
//! `substring` throws `StringIndexOutOfBoundsException`.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{args_of, call_parts, callable, local_declarator, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "substring_unchecked_index";

fn is_index_of(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    call_parts(cx, unparen(n))
        .is_some_and(|(m, o, _)| o.is_some() && matches!(m.as_str(), "indexOf" | "lastIndexOf"))
}

/// Whether `name` is compared (`<`, `>`, `==`, `!=`, `>=`, `<=`) or handed to `Math.max` anywhere in
/// `scope`.
fn is_checked(cx: &Checker<'_, '_>, scope: Node<'_>, name: &str) -> bool {
    let mut checked = false;
    walk_tree(scope, |n| match n.kind() {
        "binary_expression" => {
            let cmp = n
                .field("operator")
                .is_some_and(|o| matches!(cx.text(o), "<" | ">" | "<=" | ">=" | "==" | "!="));
            if cmp
                && [n.field("left"), n.field("right")]
                    .into_iter()
                    .flatten()
                    .any(|s| cx.text(unparen(s)) == name)
            {
                checked = true;
            }
        }
        "method_invocation" if cx.text(n).starts_with("Math.max") && cx.text(n).contains(name) => {
            checked = true;
        }
        _ => {}
    });
    checked
}

/// Whether a condition around `call` already tests the receiver for the text (`s.contains(..)`,
/// `s.matches(..)`, `s.startsWith(..)`, `s.indexOf(..)` ...), so the index cannot be -1.
fn guarded(cx: &Checker<'_, '_>, call: Node<'_>, recv: &str) -> bool {
    let tests = [
        "contains(",
        "matches(",
        "startsWith(",
        "endsWith(",
        "indexOf(",
        "lastIndexOf(",
    ]
    .map(|m| format!("{recv}.{m}"));
    let mut cur = call.parent();
    while let Some(n) = cur {
        if matches!(n.kind(), "method_declaration" | "class_body") {
            break;
        }
        let cond = match n.kind() {
            "if_statement" | "while_statement" | "ternary_expression" => n.field("condition"),
            _ => None,
        };
        if let Some(c) = cond {
            let t = super::util::squash(cx.text(c));
            if tests.iter().any(|m| t.contains(m.as_str())) {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((name, Some(recv), args)) = call_parts(cx, call) else {
        return;
    };
    if name != "substring" || guarded(cx, call, &super::util::squash(cx.text(recv))) {
        return;
    }
    for a in args_of(args) {
        let a = unparen(a);
        let hit = if is_index_of(cx, a) {
            true
        } else if a.kind() == "identifier" {
            let v = cx.text(a);
            let init = local_declarator(cx, v, a).and_then(|d| d.field("value"));
            init.is_some_and(|i| is_index_of(cx, i))
                && callable(a)
                    .is_some_and(|m| !is_checked(cx, m, v) && !super::util::assigns(cx, m, v))
        } else {
            false
        };
        if hit {
            let msg = format!(
                "`{}` uses an index from `indexOf` without checking it for `-1`: `substring` throws when the text is not found",
                vigil_query::shorten(cx.text(call))
            );
            cx.report(NAME, call, msg);
            return;
        }
    }
}
