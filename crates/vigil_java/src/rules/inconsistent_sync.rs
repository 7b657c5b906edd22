//! `java/inconsistent-synchronization`: a field that the class writes under a lock in one place and
//! without any lock in another public or package method: the lock shows that the field is shared
//! between threads, and the unguarded write races with the guarded ones.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{callable, field_ref, has_modifier, strip_type, under_monitor};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "inconsistent_sync";

const MUTATORS: &[&str] = &[
    "add",
    "addAll",
    "put",
    "putAll",
    "remove",
    "removeAll",
    "clear",
    "set",
    "offer",
    "push",
    "poll",
    "pop",
];

/// The field a node writes: `f = ..`, `f++`, `this.f += ..`, `f.add(..)` (a mutating call on a
/// collection field). With the field's declaration.
fn written_field<'t>(cx: &Checker<'_, '_>, n: Node<'t>) -> Option<(String, Node<'t>)> {
    let target = match n.kind() {
        "assignment_expression" => n.field("left"),
        "update_expression" => n.named_child(0),
        "method_invocation" => {
            let name = n.field("name")?;
            if !MUTATORS.contains(&cx.text(name)) {
                return None;
            }
            n.field("object")
        }
        _ => None,
    }?;
    if !matches!(target.kind(), "identifier" | "field_access") {
        return None;
    }
    let (name, field, _) = field_ref(cx, target)?;
    Some((name, field))
}

/// Whether the field is safe to share without a lock by its declaration: volatile, an atomic or
/// concurrent type, or a final field that is never mutated through calls.
fn self_synchronized(cx: &Checker<'_, '_>, field: Node<'_>) -> bool {
    let ty = field
        .field("type")
        .map(|t| strip_type(cx.text(t)))
        .unwrap_or_default();
    has_modifier(field, "volatile")
        || ty.starts_with("Atomic")
        || ty.starts_with("Concurrent")
        || ty.starts_with("CopyOnWrite")
        || ty.contains("Blocking")
        || ty == "ThreadLocal"
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, body: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut guarded: Vec<String> = Vec::new();
    let mut unguarded: Vec<(String, Node<'_>)> = Vec::new();
    walk_tree(body, |n| {
        if !matches!(
            n.kind(),
            "assignment_expression" | "update_expression" | "method_invocation"
        ) {
            return;
        }
        if super::util::enclosing_class_body(n) != Some(body) {
            return;
        }
        let Some(owner) = callable(n) else { return };
        // Constructors and initializers run before the object is shared; private helpers are
        // usually called with the lock held.
        if owner.kind() != "method_declaration"
            || has_modifier(owner, "private")
            || has_modifier(owner, "static")
        {
            return;
        }
        let Some((name, field)) = written_field(cx, n) else {
            return;
        };
        if has_modifier(field, "static") || self_synchronized(cx, field) {
            return;
        }
        if under_monitor(cx, n) {
            if !guarded.contains(&name) {
                guarded.push(name);
            }
        } else if !unguarded.iter().any(|(f, _)| *f == name) {
            unguarded.push((name, n));
        }
    });
    for (name, n) in unguarded {
        if guarded.contains(&name) {
            let msg = format!(
                "`{name}` is written here without a lock, but under a lock elsewhere in the class: the unsynchronized write races with the others; take the same lock"
            );
            cx.report(NAME, n, msg);
        }
    }
}
