//! `java/collection-modified-in-foreach`: a for-each loop over a collection (or a map's `keySet`,
//! `values`, `entrySet`) adds to or removes from that collection in its body: the next iteration throws
//! `ConcurrentModificationException` (or silently skips elements).

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{
    call_parts, field_decl, local_declarator, squash, strip_type, type_of, unparen, var_name,
};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "collection_modified_in_loop";

const MUTATORS: &[&str] = &[
    "add",
    "addAll",
    "remove",
    "removeAll",
    "retainAll",
    "clear",
    "removeIf",
    "addFirst",
    "addLast",
    "push",
    "poll",
    "pop",
];

/// Whether the statement containing `call` is followed in its block by leaving the loop (`break`,
/// `return`, `throw`) with no `continue` in between (the iterator is never advanced again), or the
/// call is part of such a statement.
fn leaves_loop(call: Node<'_>) -> bool {
    let mut cur = call;
    while let Some(p) = cur.parent() {
        if matches!(p.kind(), "return_statement" | "throw_statement") {
            return true;
        }
        if p.kind() == "block" || p.kind() == "switch_block_statement_group" {
            let mut s = cur.next_named_sibling();
            while let Some(n) = s {
                if matches!(
                    n.kind(),
                    "break_statement" | "return_statement" | "throw_statement"
                ) {
                    return true;
                }
                let mut continues = n.kind() == "continue_statement";
                walk_tree(n, |k| continues |= k.kind() == "continue_statement");
                if continues {
                    return false;
                }
                s = n.next_named_sibling();
            }
            return false;
        }
        if matches!(p.kind(), "enhanced_for_statement" | "if_statement") {
            return false;
        }
        cur = p;
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(value), Some(body)) = (node.field("value"), node.field("body")) else {
        return;
    };
    let value = unparen(value);
    // The collection iterated: `xs`, `this.xs`, or `m` of `m.keySet()`/`values()`/`entrySet()`.
    let coll = match value.kind() {
        "identifier" | "field_access" => value,
        "method_invocation" => match call_parts(cx, value) {
            Some((m, Some(o), _)) if matches!(m.as_str(), "keySet" | "values" | "entrySet") => o,
            _ => return,
        },
        _ => return,
    };
    if !matches!(coll.kind(), "identifier" | "field_access") {
        return;
    }
    let concurrent =
        |t: &str| t.starts_with("CopyOnWrite") || t.starts_with("Concurrent") || t.ends_with("[]");
    if type_of(cx, coll).is_some_and(|t| concurrent(&t)) {
        return;
    }
    // `List<T> xs = new CopyOnWriteArrayList<>(..)`.
    let init = var_name(cx, coll).and_then(|v| {
        local_declarator(cx, v, coll).or_else(|| field_decl(cx, coll, v).map(|(_, d)| d))
    });
    if let Some(v) = init.and_then(|d| d.field("value")) {
        if v.kind() == "object_creation_expression"
            && v.field("type")
                .is_some_and(|t| concurrent(&strip_type(cx.text(t))))
        {
            return;
        }
    }
    let target = squash(cx.text(coll));
    let mut hit = None;
    walk_tree(body, |n| {
        if hit.is_some() {
            return;
        }
        if let Some((m, Some(o), _)) = call_parts(cx, n) {
            if MUTATORS.contains(&m.as_str()) && squash(cx.text(o)) == target && !leaves_loop(n) {
                hit = Some(n);
            }
        }
    });
    if let Some(h) = hit {
        let msg = format!(
            "`{}` modifies `{target}` while a for-each loop iterates it: `ConcurrentModificationException`; use an `Iterator` and `it.remove()`, `removeIf`, or collect the changes first",
            vigil_query::shorten(cx.text(h))
        );
        cx.report(NAME, h, msg);
    }
}
