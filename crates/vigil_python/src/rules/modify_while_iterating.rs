//! `python/modify-while-iterating`: a `for` loop over a list, dict or set whose body adds or removes
//! elements of that same collection (`del d[k]`, `d.pop(k)`, `lst.remove(x)`, `s.add(x)`, …).
//! Dicts and sets raise `RuntimeError: changed size during iteration`; lists silently skip or
//! revisit elements. Iterating a copy (`list(d)`, `d.copy()`, `lst[:]`, `sorted(s)`) is fine, and so
//! is a mutation followed directly by `break`/`return`/`raise` (the iteration never resumes).
//! `append`/`extend` are reported only when they run on every iteration and add a value computed
//! from the item alone or a constant (the loop never ends); under a condition, or adding what is
//! fetched from the item or computed before (`todo.extend(node.children)`), they are the worklist
//! idiom.

use crate::fields::Field;
use tree_sitter::Node;

use super::syntax::{method_call, squeeze, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "modify_while_iterating";

/// Methods that change the size or order of a list, dict or set.
const MUTATORS: &[&str] = &[
    "pop", "popitem", "remove", "discard", "clear", "insert", "append", "extend", "add",
];

/// The collection a `for` loop iterates directly: `x`, `self.x`, or `x.keys()/values()/items()`.
fn iterated(cx: &Checker<'_, '_>, right: Node<'_>) -> Option<String> {
    match right.kind() {
        "identifier" | "attribute" => Some(squeeze(cx.text(right))),
        "call" => {
            let (recv, m, args) = method_call(right)?;
            let direct = matches!(cx.text(m), "keys" | "values" | "items")
                && args.named_child_count() == 0
                && matches!(recv.kind(), "identifier" | "attribute");
            direct.then(|| squeeze(cx.text(recv)))
        }
        _ => None,
    }
}

/// Whether `count` arguments fit the builtin collection method `m` (`self.clear(a, b)` is not `list.clear`).
fn builtin_arity(m: &str, count: usize) -> bool {
    match m {
        "clear" | "popitem" => count == 0,
        "pop" => count <= 2,
        "insert" => count == 2,
        _ => count == 1,
    }
}

/// Whether the appended value is fetched from somewhere (`node.args`, `children(node)`, `x[i]`, a
/// value computed earlier): a traversal adding the children of each item, which ends when they run
/// out, unlike a value computed from the item alone (`n * 2`) or a constant.
fn fetches(cx: &Checker<'_, '_>, args: Node<'_>, loop_vars: &[String]) -> bool {
    let mut found = false;
    vigil_query::walk_tree(args, |x| {
        found |= matches!(x.kind(), "attribute" | "call" | "subscript")
            || (x.kind() == "identifier" && !loop_vars.iter().any(|v| v == cx.text(x)));
    });
    found
}

/// Whether `n` runs on every iteration of `stop`'s body: no branch, loop, `try` or `with` lies
/// between them. A list that grows on every iteration never ends; growing it under a condition is the
/// deliberate worklist idiom (`for node in todo: if ...: todo.append(child)`), whose new items are
/// visited too.
fn unconditional(n: Node<'_>, stop: Node<'_>) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        if p.id() == stop.id() {
            return true;
        }
        if matches!(
            p.kind(),
            "if_statement"
                | "elif_clause"
                | "else_clause"
                | "for_statement"
                | "while_statement"
                | "try_statement"
                | "except_clause"
                | "with_statement"
                | "match_statement"
                | "conditional_expression"
                | "boolean_operator"
                | "lambda"
                | "list_comprehension"
                | "generator_expression"
        ) {
            return false;
        }
        cur = p;
    }
    false
}

/// Whether the statement holding `n` is followed in its block by a jump out of the loop, so the
/// iteration does not continue after the mutation.
fn exits_after(n: Node<'_>, stop: Node<'_>) -> bool {
    // (child, parent) pairs from `n` up to the loop `stop`.
    let mut chain = Vec::new();
    let mut cur = n;
    while let Some(p) = cur.parent() {
        if p.id() == stop.id() {
            break;
        }
        chain.push((cur, p));
        cur = p;
    }
    for (i, (child, p)) in chain.iter().enumerate() {
        if p.kind() != "block" {
            continue;
        }
        // A `break` here leaves `stop` only when no loop lies between this block and `stop`.
        let inner_loop = chain[i + 1..]
            .iter()
            .any(|(_, a)| matches!(a.kind(), "for_statement" | "while_statement"));
        let mut s = child.next_named_sibling();
        while let Some(st) = s {
            match st.kind() {
                "return_statement" | "raise_statement" => return true,
                "break_statement" if !inner_loop => return true,
                _ => {}
            }
            s = st.next_named_sibling();
        }
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, stmt: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(right), Some(body)) = (stmt.field("right"), stmt.field("body")) else {
        return;
    };
    let Some(coll) = iterated(cx, right) else {
        return;
    };
    // A class iterating over itself: its methods (`self.clear(a, b)`) are its own, not the builtins'.
    if coll == "self" {
        return;
    }
    let loop_vars: Vec<String> = {
        let mut v = Vec::new();
        if let Some(l) = stmt.field("left") {
            vigil_query::walk_tree(l, |n| {
                if n.kind() == "identifier" {
                    v.push(cx.text(n).to_owned());
                }
            });
        }
        v
    };
    let mut rebound = false;
    let mut hits: Vec<Node<'_>> = Vec::new();
    walk_same_scope(body, &mut |n| match n.kind() {
        "assignment" | "augmented_assignment" => {
            if let Some(l) = n.field("left") {
                if squeeze(cx.text(l)) == coll {
                    rebound = true;
                }
            }
        }
        "delete_statement" => {
            let mut c = n.walk();
            for t in n.named_children(&mut c) {
                let targets: Vec<Node<'_>> = if matches!(t.kind(), "expression_list" | "tuple") {
                    let mut c2 = t.walk();
                    t.named_children(&mut c2).collect()
                } else {
                    vec![t]
                };
                for t in targets {
                    if t.kind() == "subscript"
                        && t.field("value")
                            .is_some_and(|v| squeeze(cx.text(v)) == coll)
                    {
                        hits.push(n);
                    }
                }
            }
        }
        "call" => {
            if let Some((recv, m, args)) = method_call(n) {
                let m = cx.text(m);
                if MUTATORS.contains(&m)
                    && squeeze(cx.text(recv)) == coll
                    && builtin_arity(m, args.named_child_count())
                    && (!matches!(m, "append" | "extend")
                        || (unconditional(n, stmt) && !fetches(cx, args, &loop_vars)))
                {
                    hits.push(n);
                }
            }
        }
        _ => {}
    });
    if rebound {
        return;
    }
    if let Some(hit) = hits.into_iter().find(|h| !exits_after(*h, stmt)) {
        let msg = format!(
            "`{}` changes `{coll}` while the enclosing loop iterates over it; iterate over a copy (`list({coll})`)",
            vigil_query::shorten(cx.text(hit))
        );
        cx.report(NAME, hit, msg);
    }
}
