//! `java/non-atomic-update`: a read-modify-write of shared state done in steps that are not atomic:
//! `x++`/`x += ..` on a `volatile` field outside a lock, `atomic.set(atomic.get() + 1)`, or
//! `if (atomic.get() == v) atomic.set(w)`; another thread's update in between is lost.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{
    args_of, call_parts, field_ref, has_modifier, local_declarator, squash, type_of,
    under_explicit_lock, under_monitor, unparen,
};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "atomicity_violation";

const ATOMICS: &[&str] = &[
    "AtomicInteger",
    "AtomicLong",
    "AtomicBoolean",
    "AtomicReference",
];

/// `volatile` field `x++`, `x += 1`, `x = x + 1` outside a lock.
pub(crate) fn check_update(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let target = match node.kind() {
        "update_expression" => node.named_child(0),
        "assignment_expression" => {
            let op = node.field("operator").map(|o| cx.text(o)).unwrap_or("=");
            let left = node.field("left");
            // `x op= y`, or `x = x op y` (the old value an operand of the new one).
            let rmw = op != "="
                || left.zip(node.field("right")).is_some_and(|(l, r)| {
                    let name = squash(cx.text(l));
                    let r = unparen(r);
                    r.kind() == "binary_expression"
                        && [r.field("left"), r.field("right")]
                            .into_iter()
                            .flatten()
                            .any(|o| squash(cx.text(unparen(o))) == name)
                });
            if rmw {
                left
            } else {
                None
            }
        }
        _ => None,
    };
    let Some(target) = target else { return };
    let Some((name, field, _)) = field_ref(cx, target) else {
        return;
    };
    let boolean = field
        .field("type")
        .is_some_and(|t| matches!(cx.text(t), "boolean" | "Boolean"));
    if !has_modifier(field, "volatile")
        || boolean
        || under_monitor(cx, node)
        || under_explicit_lock(cx, node)
    {
        return;
    }
    let msg = format!(
        "`{}` is a read-modify-write of volatile field `{name}`: `volatile` does not make it atomic, so concurrent updates are lost; use an `Atomic*` field or a lock",
        vigil_query::shorten(cx.text(node))
    );
    cx.report(NAME, node, msg);
}

fn is_atomic(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    type_of(cx, recv).is_some_and(|t| {
        ATOMICS.contains(&t.as_str())
            && cx
                .sem
                .may_be(&t, &format!("java.util.concurrent.atomic.{t}"))
    })
}

/// Whether `expr` reads `recv.get()`, directly or through a local initialized from it.
fn reads_get(cx: &Checker<'_, '_>, expr: Node<'_>, recv: &str) -> bool {
    let mut hit = false;
    walk_tree(expr, |n| {
        if let Some((name, Some(obj), _)) = call_parts(cx, n) {
            if name == "get" && squash(cx.text(obj)) == recv {
                hit = true;
            }
        } else if n.kind() == "identifier" {
            if let Some(v) = local_declarator(cx, cx.text(n), n).and_then(|d| d.field("value")) {
                if let Some((name, Some(obj), _)) = call_parts(cx, unparen(v)) {
                    if name == "get" && squash(cx.text(obj)) == recv {
                        hit = true;
                    }
                }
            }
        }
    });
    hit
}

/// `a.set(f(a.get()))` and `if (a.get() ..) a.set(..)` on an atomic variable.
pub(crate) fn check_set(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((name, Some(obj), args)) = call_parts(cx, call) else {
        return;
    };
    if name != "set" || under_monitor(cx, call) || under_explicit_lock(cx, call) {
        return;
    }
    let recv = squash(cx.text(obj));
    let Some(value) = args_of(args).first().copied() else {
        return;
    };
    let mut hit = reads_get(cx, value, &recv);
    if !hit {
        // Guarded by a condition that reads the same atomic.
        let mut cur = call.parent();
        while let Some(n) = cur {
            if matches!(
                n.kind(),
                "method_declaration" | "lambda_expression" | "class_body"
            ) {
                break;
            }
            if n.kind() == "if_statement" {
                if let Some(c) = n.field("condition") {
                    if reads_get(cx, c, &recv) {
                        hit = true;
                        break;
                    }
                }
            }
            cur = n.parent();
        }
    }
    if hit && is_atomic(cx, obj) {
        let msg = format!(
            "`{}` sets `{recv}` from a value read by a separate `get()`: another thread's update in between is lost; use `updateAndGet`/`incrementAndGet`/`compareAndSet`",
            vigil_query::shorten(cx.text(call))
        );
        cx.report(NAME, call, msg);
    }
}
