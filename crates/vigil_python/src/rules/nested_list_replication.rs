//! `python/nested-list-replication`: `[[0] * cols] * rows`, `[[]] * n`, `[{}] * n` — a list whose
//! elements are all the same mutable object — stored in a name whose elements are then mutated in
//! place (`grid[i][j] = v`, `rows[i].append(x)`), which changes every "row" at once. Replication
//! whose elements are only replaced or read is harmless aliasing and is not reported.

use crate::fields::Field;
use tree_sitter::Node;

use super::syntax::{bound_target, is_call_to, method_call, scope_of, squeeze, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "nested_list_replication";

const MUTABLE_CTORS: &[&str] = &[
    "builtins.list",
    "builtins.dict",
    "builtins.set",
    "builtins.bytearray",
    "collections.defaultdict",
    "collections.OrderedDict",
    "collections.Counter",
    "collections.deque",
];

const ELEMENT_MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "update",
    "add",
    "discard",
    "setdefault",
    "popitem",
];

fn is_mutable(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    match e.kind() {
        "list"
        | "dictionary"
        | "set"
        | "list_comprehension"
        | "dictionary_comprehension"
        | "set_comprehension" => true,
        "binary_operator" => {
            e.field("operator").map(|o| cx.text(o)) == Some("*")
                && (e.field("left").is_some_and(|l| l.kind() == "list")
                    || e.field("right").is_some_and(|r| r.kind() == "list"))
        }
        "call" => is_call_to(cx.sem, e, MUTABLE_CTORS),
        _ => false,
    }
}

/// `[m] * n` / `n * [m]` with `m` mutable: the replicated element.
fn replicated<'t>(cx: &Checker<'_, '_>, op: Node<'t>) -> Option<Node<'t>> {
    if op.field("operator").map(|o| cx.text(o)) != Some("*") {
        return None;
    }
    [op.field("left"), op.field("right")]
        .into_iter()
        .flatten()
        .filter(|s| s.kind() == "list" && s.named_child_count() >= 1)
        .find_map(|s| {
            let mut c = s.walk();
            let inner = s.named_children(&mut c).find(|e| is_mutable(cx, *e));
            inner
        })
}

/// Whether an element of `name` is mutated in place in `scope`: `name[i][j] = …`,
/// `name[i][j] += …`, `name[i].append(…)`, `del name[i][j]`.
fn elements_mutated(cx: &Checker<'_, '_>, scope: Node<'_>, name: &str) -> bool {
    let is_elem = |n: Node<'_>| {
        n.kind() == "subscript"
            && n.field("value")
                .is_some_and(|v| squeeze(cx.text(v)) == name)
    };
    let mut found = false;
    walk_same_scope(scope, &mut |n| {
        if found {
            return;
        }
        match n.kind() {
            "assignment" | "augmented_assignment" => {
                if let Some(l) = n.field("left") {
                    if matches!(l.kind(), "subscript" | "attribute")
                        && l.field(if l.kind() == "subscript" {
                            "value"
                        } else {
                            "object"
                        })
                        .is_some_and(is_elem)
                    {
                        found = true;
                    }
                }
            }
            "delete_statement" => {
                let mut c = n.walk();
                found |= n
                    .named_children(&mut c)
                    .any(|t| t.kind() == "subscript" && t.field("value").is_some_and(is_elem));
            }
            "call" => {
                if let Some((recv, m, _)) = method_call(n) {
                    found |= is_elem(recv) && ELEMENT_MUTATORS.contains(&cx.text(m));
                }
            }
            _ => {}
        }
    });
    found
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, op: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(inner) = replicated(cx, op) else {
        return;
    };
    let Some(target) = bound_target(op) else {
        return;
    };
    let name = squeeze(cx.text(target));
    if !elements_mutated(cx, scope_of(op), &name) {
        return;
    }
    let msg = format!(
        "`{}` repeats one `{}` object and the elements of `{name}` are then changed in place: every element changes together",
        vigil_query::shorten(cx.text(op)),
        vigil_query::shorten(cx.text(inner))
    );
    cx.report(NAME, op, msg);
}
