//! `java/check-then-act-on-concurrent-map`: a concurrent map tested (`containsKey`, `get(k) == null`)
//! and then updated (`put`) in separate calls, or `put(k, f(get(k)))`: another thread can act between
//! the two calls, so the check no longer holds when the update runs.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{args_of, call_parts, local_declarator, squash, type_of, under_monitor, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "check_then_act_map";

const CONCURRENT_MAPS: &[&str] = &[
    "ConcurrentMap",
    "ConcurrentHashMap",
    "ConcurrentSkipListMap",
    "ConcurrentNavigableMap",
];

/// Whether `recv` is a map shared between threads: declared as a concurrent map type, or initialized
/// with `Collections.synchronizedMap(..)`.
fn is_concurrent_map(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    if let Some(t) = type_of(cx, recv) {
        let written = super::util::var_name(cx, recv)
            .and_then(|v| super::util::field_decl(cx, recv, v))
            .and_then(|(f, _)| f.field("type"))
            .is_some_and(|ty| cx.text(ty).starts_with("java.util.concurrent."));
        if CONCURRENT_MAPS.contains(&t.as_str())
            && (written || cx.sem.may_be(&t, &format!("java.util.concurrent.{t}")))
        {
            return true;
        }
    }
    // `Map<K, V> m = Collections.synchronizedMap(..)` / `new ConcurrentHashMap<>()`.
    if let Some(name) = super::util::var_name(cx, recv) {
        let decl = local_declarator(cx, name, recv)
            .or_else(|| super::util::field_decl(cx, recv, name).map(|(_, d)| d));
        if let Some(v) = decl.and_then(|d| d.field("value")) {
            let t = squash(cx.text(v))
                .replace("java.util.concurrent.", "")
                .replace("java.util.", "");
            return t.starts_with("Collections.synchronizedMap(")
                || CONCURRENT_MAPS.iter().any(|m| {
                    t.starts_with(&format!("new{m}<")) || t.starts_with(&format!("new{m}("))
                });
        }
    }
    false
}

/// `(receiver, key)` of a `recv.method(key, ..)` call.
fn call_on<'t>(
    cx: &Checker<'_, '_>,
    n: Node<'t>,
    methods: &[&str],
) -> Option<(Node<'t>, Node<'t>)> {
    let (name, obj, args) = call_parts(cx, n)?;
    if !methods.contains(&name.as_str()) {
        return None;
    }
    let key = *args_of(args).first()?;
    Some((obj?, key))
}

/// The checks in a condition: `m.containsKey(k)`, `m.get(k) == null`, `v == null` where
/// `v = m.get(k)`. Returns `(map text, key text, map node)`.
fn checks<'t>(cx: &Checker<'_, '_>, cond: Node<'t>) -> Vec<(String, String, Node<'t>)> {
    let mut out = Vec::new();
    walk_tree(cond, |n| {
        if let Some((m, k)) = call_on(cx, n, &["containsKey", "get"]) {
            let is_get = n.field("name").is_some_and(|x| cx.text(x) == "get");
            if !is_get || compared_to_null(cx, n) {
                out.push((squash(cx.text(m)), squash(cx.text(k)), m));
            }
        } else if n.kind() == "identifier" && compared_to_null(cx, n) {
            if let Some(v) = local_declarator(cx, cx.text(n), n).and_then(|d| d.field("value")) {
                if let Some((m, k)) = call_on(cx, unparen(v), &["get"]) {
                    out.push((squash(cx.text(m)), squash(cx.text(k)), m));
                }
            }
        }
    });
    out
}

fn compared_to_null(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let Some(p) = n.parent() else { return false };
    p.kind() == "binary_expression"
        && p.field("operator")
            .is_some_and(|o| matches!(cx.text(o), "==" | "!="))
        && [p.field("left"), p.field("right")]
            .into_iter()
            .flatten()
            .any(|s| s.kind() == "null_literal")
}

/// `if (!m.containsKey(k)) m.put(k, v)` and the `get(k) == null` forms.
pub(crate) fn check_if(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) || !cx.text(node).contains(".put(") || under_monitor(cx, node) {
        return;
    }
    let Some(cond) = node.field("condition") else {
        return;
    };
    let found = checks(cx, cond);
    if found.is_empty() {
        return;
    }
    let branches: Vec<Node<'_>> = [node.field("consequence"), node.field("alternative")]
        .into_iter()
        .flatten()
        .collect();
    for (map, key, map_node) in found {
        for b in &branches {
            let mut put = None;
            walk_tree(*b, |n| {
                if put.is_none() {
                    if let Some((m, k)) = call_on(cx, n, &["put"]) {
                        if squash(cx.text(m)) == map && squash(cx.text(k)) == key {
                            put = Some(n);
                        }
                    }
                }
            });
            if let Some(put) = put {
                if is_concurrent_map(cx, map_node) {
                    let msg = format!(
                        "check-then-act on concurrent map `{map}`: another thread can change it between the check and `{}`; use `putIfAbsent`/`computeIfAbsent`/`compute`",
                        vigil_query::shorten(cx.text(put))
                    );
                    cx.report(NAME, put, msg);
                    return;
                }
            }
        }
    }
}

/// `m.put(k, m.get(k) + 1)`: read-modify-write in two calls.
pub(crate) fn check_put(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((m, k)) = call_on(cx, node, &["put"]) else {
        return;
    };
    if under_monitor(cx, node) {
        return;
    }
    let Some(args) = node.field("arguments") else {
        return;
    };
    let Some(value) = args_of(args).get(1).copied() else {
        return;
    };
    let (map, key) = (squash(cx.text(m)), squash(cx.text(k)));
    let mut reads = false;
    walk_tree(value, |n| {
        if let Some((m2, k2)) = call_on(cx, n, &["get", "getOrDefault"]) {
            if squash(cx.text(m2)) == map && squash(cx.text(k2)) == key {
                reads = true;
            }
        }
    });
    if reads && is_concurrent_map(cx, m) {
        let msg = format!(
            "`{}` reads and writes concurrent map `{map}` in two steps; an update from another thread can be lost; use `merge`/`compute`",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
