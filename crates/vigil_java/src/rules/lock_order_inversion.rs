//! `java/lock-order-inversion`: two methods of one class take the same two monitors in opposite orders
//! (`synchronized (a) { synchronized (b) .. }` and `synchronized (b) { synchronized (a) .. }`): two
//! threads running them can each hold one lock and wait forever for the other.

use tree_sitter::Node;

use super::util::{descendants, enclosing_class_body, has_modifier, squash, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "lock_order_inversion";

/// The monitor of a `synchronized` block, normalized (`this.a` → `a`).
fn lock_of(cx: &Checker<'_, '_>, sync: Node<'_>) -> Option<String> {
    let mut c = sync.walk();
    let e = sync
        .named_children(&mut c)
        .find(|n| n.kind() == "parenthesized_expression")?;
    let t = squash(cx.text(unparen(e)));
    let t = t.strip_prefix("this.").unwrap_or(&t).to_owned();
    Some(t)
}

/// The monitor held around `node` inside its method: the nearest enclosing `synchronized` block, or
/// `this`/the class for a synchronized method.
fn outer_lock(cx: &Checker<'_, '_>, node: Node<'_>) -> Option<String> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "synchronized_statement" => return lock_of(cx, n),
            "method_declaration" => {
                if !has_modifier(n, "synchronized") {
                    return None;
                }
                if has_modifier(n, "static") {
                    let class = enclosing_class_body(n)?.parent()?;
                    let name = class.field("name")?;
                    return Some(format!("{}.class", cx.text(name)));
                }
                return Some("this".to_owned());
            }
            "lambda_expression" | "class_body" | "constructor_declaration" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, body: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut pairs: Vec<(String, String, Node<'_>)> = Vec::new();
    for s in descendants(body, "synchronized_statement") {
        if enclosing_class_body(s) != Some(body) {
            continue;
        }
        let (Some(inner), Some(outer)) = (lock_of(cx, s), outer_lock(cx, s)) else {
            continue;
        };
        if inner != outer {
            pairs.push((outer, inner, s));
        }
    }
    let mut reported: Vec<(String, String)> = Vec::new();
    for (i, (a, b, node)) in pairs.iter().enumerate() {
        let inverted = pairs[..i].iter().find(|(x, y, _)| x == b && y == a);
        if let Some((_, _, first)) = inverted {
            if reported
                .iter()
                .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
            {
                continue;
            }
            reported.push((a.clone(), b.clone()));
            let msg = format!(
                "locks `{b}` while holding `{a}`, but line {} locks `{a}` while holding `{b}`: two threads can deadlock; take the locks in one order everywhere",
                first.start_position().row + 1
            );
            cx.report(NAME, *node, msg);
        }
    }
}
