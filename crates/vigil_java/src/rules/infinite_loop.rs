//! `java/infinite-loop`: a loop that can never end: `while (true)`/`for (;;)` with no `break`,
//! `return`, `throw` or exit in its body (and no way for an exception to leave it), or a loop whose
//! condition only reads local variables that nothing in the loop changes.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{assigns, callable, is_local, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "infinite_loop";

/// Whether `body` of the loop `lp` can leave it: a `break` for it, a `return`, a `throw`, a
/// `System.exit`, or a labeled `break`/`continue` to an outer loop.
fn can_exit(cx: &Checker<'_, '_>, lp: Node<'_>, body: Node<'_>) -> bool {
    let mut exits = false;
    walk_tree(body, |n| {
        if exits {
            return;
        }
        match n.kind() {
            "return_statement" | "throw_statement" | "yield_statement" => {
                exits = !in_nested_callable(n, lp)
            }
            "break_statement" | "continue_statement" => {
                let labeled = n.named_child_count() > 0;
                if labeled {
                    exits = true;
                } else if n.kind() == "break_statement" {
                    exits = innermost_breakable(n) == Some(lp);
                }
            }
            "method_invocation"
                if n.field("name")
                    .is_some_and(|m| matches!(cx.text(m), "exit" | "halt")) =>
            {
                exits = true;
            }
            _ => {}
        }
    });
    exits
}

fn in_nested_callable(n: Node<'_>, lp: Node<'_>) -> bool {
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p == lp {
            return false;
        }
        if matches!(p.kind(), "lambda_expression" | "class_body") {
            return true;
        }
        cur = p.parent();
    }
    false
}

fn innermost_breakable(n: Node<'_>) -> Option<Node<'_>> {
    let mut cur = n.parent();
    while let Some(p) = cur {
        if matches!(
            p.kind(),
            "while_statement"
                | "do_statement"
                | "for_statement"
                | "enhanced_for_statement"
                | "switch_block"
                | "switch_expression"
                | "switch_statement"
        ) {
            return Some(p);
        }
        if matches!(p.kind(), "lambda_expression" | "class_body") {
            return None;
        }
        cur = p.parent();
    }
    None
}

/// Whether an exception can carry control out of the loop to someone who handles it: the method
/// declares `throws`, or the loop sits in a `try` block of its method.
fn exception_exit(lp: Node<'_>) -> bool {
    let mut cur = lp.parent();
    while let Some(p) = cur {
        match p.kind() {
            "try_statement" | "try_with_resources_statement" => return true,
            "method_declaration" | "constructor_declaration" => {
                let mut c = p.walk();
                let t = p.named_children(&mut c).any(|k| k.kind() == "throws");
                return t;
            }
            "lambda_expression" | "class_body" => return false,
            _ => {}
        }
        cur = p.parent();
    }
    false
}

/// Whether `body` calls a method or a constructor (which may throw, block or end the thread).
fn calls_anything(body: Node<'_>) -> bool {
    let mut calls = false;
    walk_tree(body, |n| {
        calls |= matches!(
            n.kind(),
            "method_invocation" | "object_creation_expression" | "explicit_constructor_invocation"
        );
    });
    calls
}

/// The locals a condition reads, when it reads nothing else (no calls, fields or array elements
/// except the `length` of arrays), and the array fields whose `length` it reads.
fn local_only_vars(cx: &Checker<'_, '_>, cond: Node<'_>) -> Option<(Vec<String>, Vec<String>)> {
    let mut vars = Vec::new();
    let mut arrays = Vec::new();
    let mut ok = true;
    walk_tree(cond, |n| match n.kind() {
        "method_invocation"
        | "array_access"
        | "object_creation_expression"
        | "assignment_expression"
        | "update_expression"
        | "lambda_expression" => ok = false,
        "field_access" if n.field("field").is_none_or(|f| cx.text(f) != "length") => {
            ok = false;
        }
        // `a.length` of an array field: the loop may replace the field (checked by the caller).
        "field_access" => {
            if let Some(o) = n.field("object") {
                if !(o.kind() == "identifier" && is_local(cx, cx.text(o), o)) {
                    arrays.push(cx.text(o).trim_start_matches("this.").to_owned());
                }
            }
        }
        "identifier" => {
            let p = n.parent();
            // `a.length`: the field name, and an array whose length cannot change.
            if p.is_some_and(|p| p.kind() == "field_access") {
                return;
            }
            let name = cx.text(n);
            if is_local(cx, name, n) {
                vars.push(name.to_owned());
            } else {
                ok = false;
            }
        }
        _ => {}
    });
    (ok && !vars.is_empty()).then_some((vars, arrays))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, lp: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(body) = lp.field("body") else {
        return;
    };
    if callable(lp).is_none() {
        return;
    }
    let cond = lp.field("condition");
    let always = match cond {
        None => lp.kind() == "for_statement",
        Some(c) => unparen(c).kind() == "true",
    };
    if can_exit(cx, lp, body) {
        return;
    }
    if always {
        // A `while (true)` that calls anything is most often a worker or server loop meant to run
        // until the thread dies or a call throws (an unchecked SDK or I/O exception, an interrupt):
        // only a loop that calls nothing is certain to spin forever.
        if exception_exit(lp) || calls_anything(body) {
            return;
        }
        let msg =
            "this loop has no `break`, `return` or `throw` and nothing can leave it: it never ends"
                .to_owned();
        cx.report(NAME, lp.child(0).unwrap_or(lp), msg);
        return;
    }
    let Some(cond) = cond else { return };
    let Some((vars, arrays)) = local_only_vars(cx, cond) else {
        return;
    };
    // An array field the loop assigns, or may replace in a method of the class (`grow()`).
    if !arrays.is_empty() {
        let mut own_call = false;
        walk_tree(body, |n| {
            own_call |= n.kind() == "method_invocation"
                && n.field("object")
                    .is_none_or(|o| matches!(o.kind(), "this" | "super"));
        });
        if own_call || arrays.iter().any(|a| assigns(cx, body, a)) {
            return;
        }
    }
    // The for-update clauses count as part of the loop.
    let mut c = lp.walk();
    let updates: Vec<Node<'_>> = lp.children_by_field_name("update", &mut c).collect();
    let changed = vars.iter().any(|v| {
        assigns(cx, body, v)
            || updates
                .iter()
                .any(|u| assigns(cx, *u, v) || cx.text(*u).contains(v.as_str()))
    });
    // A local object whose state the body changes through a method (`it.next()`) is out of scope: only
    // primitive-looking conditions are checked.
    let primitive = vars.iter().all(|v| {
        cx.sem.declared_type_of(v, cond).is_some_and(|t| {
            matches!(
                t.as_str(),
                "int" | "long" | "short" | "byte" | "char" | "boolean" | "double" | "float"
            )
        })
    });
    if !changed && primitive {
        let msg = format!(
            "the loop condition `{}` only reads {} that the loop never changes: if it is true once it stays true",
            cx.text(cond),
            vars.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
        );
        cx.report(NAME, cond, msg);
    }
}
