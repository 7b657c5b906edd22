//! `java/keyset-iteration-with-get`: `for (K k : map.keySet()) { .. map.get(k) .. }` looks every key
//! up again; iterate `entrySet()` and use `getKey()`/`getValue()`.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{args_of, call_parts, squash, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "keyset_get";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(value), Some(var), Some(body)) =
        (node.field("value"), node.field("name"), node.field("body"))
    else {
        return;
    };
    let Some((m, Some(map), _)) = call_parts(cx, unparen(value)) else {
        return;
    };
    if m != "keySet" {
        return;
    }
    let (map, var) = (squash(cx.text(map)), cx.text(var).to_owned());
    let mut hit = None;
    walk_tree(body, |n| {
        if hit.is_some() {
            return;
        }
        if let Some((g, Some(o), a)) = call_parts(cx, n) {
            if g == "get"
                && squash(cx.text(o)) == map
                && args_of(a).first().is_some_and(|k| cx.text(*k) == var)
            {
                hit = Some(n);
            }
        }
    });
    if let Some(h) = hit {
        let msg = format!(
            "`{}` looks up each key of `{map}.keySet()` again; iterate `{map}.entrySet()` instead",
            cx.text(h)
        );
        cx.report(NAME, h, msg);
    }
}
