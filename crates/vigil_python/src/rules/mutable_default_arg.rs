//! `python/mutable-default-arg`: a list/dict/set default value that the function mutates or
//! returns. (Storing it on an object is not reported: immutable builders do that safely.) The default is created once, at `def` time, and shared by every call.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, Semantics};

use super::Checker;

pub(crate) const NAME: &str = "mutable_default_arg";

const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "update",
    "setdefault",
    "popitem",
    "add",
    "discard",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
];

/// An empty display (`[]`, `{}`) or a constructor of a mutable collection. Non-empty displays such
/// as `n=[0]` are the deliberate "mutable cell" idiom and are not reported.
fn is_mutable_default(cx: &Checker<'_, '_>, v: Node<'_>) -> bool {
    match v.kind() {
        "list" | "dictionary" | "set" => v.named_child_count() == 0,
        "call" => v.field("function").is_some_and(|f| {
            cx.sem.qualified_name(f).is_some_and(|q| {
                matches!(
                    q.as_str(),
                    "builtins.list"
                        | "builtins.dict"
                        | "builtins.set"
                        | "builtins.bytearray"
                        | "collections.defaultdict"
                        | "collections.OrderedDict"
                        | "collections.Counter"
                        | "collections.deque"
                )
            })
        }),
        _ => false,
    }
}

/// How the function body lets the shared default leak or change, if it does.
fn misuse(cx: &Checker<'_, '_>, body: Node<'_>, name: &str) -> Option<&'static str> {
    let mut found = None;
    let is_name =
        |n: Option<Node<'_>>| n.is_some_and(|n| n.kind() == "identifier" && cx.text(n) == name);
    walk_tree(body, |n| {
        if found.is_some() {
            return;
        }
        match n.kind() {
            "call" => {
                let f = n.field("function");
                if let Some(f) = f.filter(|f| f.kind() == "attribute") {
                    let attr = f.field("attribute").map(|a| cx.text(a)).unwrap_or("");
                    if is_name(f.field("object")) && MUTATORS.contains(&attr) {
                        found = Some("mutates");
                    }
                }
            }
            "assignment" | "augmented_assignment" => {
                let left = n.field("left");
                if let Some(l) = left {
                    if n.kind() == "assignment" && is_name(Some(l)) {
                        // Re-bound (e.g. `x = list(x)`): no longer the shared default. Stop here.
                        found = Some("");
                    }
                    if l.kind() == "subscript" && is_name(l.field("value")) {
                        found = Some("mutates");
                    }
                    if n.kind() == "augmented_assignment" && is_name(Some(l)) {
                        found = Some("mutates");
                    }
                }
            }
            "delete_statement" if cx.text(n).contains(&format!("{name}[")) => {
                found = Some("mutates");
            }
            "return_statement" | "yield" if is_name(n.named_child(0)) => {
                found = Some("returns");
            }
            _ => {}
        }
    });
    found
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, func: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(params), Some(body)) = (func.field("parameters"), func.field("body")) else {
        return;
    };
    let mut c = params.walk();
    let defaults: Vec<(Node<'_>, Node<'_>)> = params
        .named_children(&mut c)
        .filter(|p| matches!(p.kind(), "default_parameter" | "typed_default_parameter"))
        .filter_map(|p| Some((p.field("name")?, p.field("value")?)))
        .collect();
    for (name, value) in defaults {
        if !is_mutable_default(cx, value) {
            continue;
        }
        let pname = cx.text(name).to_owned();
        // `cache={}` / `_memo={}`: a deliberate memoization cache.
        let lower = pname.to_ascii_lowercase();
        if lower.contains("cache") || lower.contains("memo") {
            continue;
        }
        if let Some(how) = misuse(cx, body, &pname).filter(|h| !h.is_empty()) {
            let msg = format!(
                "default `{pname}={}` is created once and shared by every call, and the function {how} it",
                vigil_query::shorten(cx.text(value))
            );
            cx.report(NAME, value, msg);
        }
    }
}
