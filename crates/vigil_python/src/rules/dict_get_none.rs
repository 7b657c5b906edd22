//! `python/dict-get-none-dereference`: the result of `d.get(key)` (no default) on a dict is
//! dereferenced — attribute, item, call, iteration — with no `None` check first. `get` returns
//! `None` for a missing key, so the dereference raises `AttributeError`/`TypeError` far from the
//! cause. Receivers must be evidently dicts: `os.environ`, a dict display, comprehension,
//! `dict(...)`/`json.load(s)(...)` bound in the scope or module, or a parameter annotated
//! `dict`/`Dict`/`Mapping`.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{
    bound_target, is_call_to, method_call, scope_of, squeeze, values_bound_to, walk_same_scope,
};
use super::Checker;

pub(crate) const NAME: &str = "dict_get_none_dereference";

fn is_dict_value(cx: &Checker<'_, '_>, v: Node<'_>) -> bool {
    matches!(v.kind(), "dictionary" | "dictionary_comprehension")
        || is_call_to(
            cx.sem,
            v,
            &[
                "builtins.dict",
                "json.load",
                "json.loads",
                "collections.OrderedDict",
            ],
        )
}

fn is_dict(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    if cx
        .sem
        .qualified_name(recv)
        .is_some_and(|q| q == "os.environ")
    {
        return true;
    }
    if recv.kind() != "identifier" {
        return false;
    }
    let name = squeeze(cx.text(recv));
    let scope = scope_of(recv);
    let mut values = values_bound_to(scope, cx.sem.src, &name);
    let mut root = recv;
    while let Some(p) = root.parent() {
        root = p;
    }
    if scope.kind() == "function_definition" {
        // A parameter annotated as a mapping.
        if let Some(params) = scope.field("parameters") {
            let mut c = params.walk();
            for p in params.named_children(&mut c) {
                if matches!(p.kind(), "typed_parameter" | "typed_default_parameter") {
                    let pname = p
                        .field("name")
                        .or_else(|| p.named_child(0))
                        .map(|n| cx.text(n))
                        .unwrap_or("");
                    let ty = p.field("type").map(|t| cx.text(t)).unwrap_or("");
                    if pname == name {
                        let base = ty.split('[').next().unwrap_or("").trim();
                        let base = base.rsplit('.').next().unwrap_or(base);
                        return matches!(base, "dict" | "Dict" | "Mapping" | "MutableMapping");
                    }
                }
            }
        }
        if values.is_empty() {
            values = values_bound_to(root, cx.sem.src, &name);
        }
    }
    !values.is_empty() && values.iter().all(|v| is_dict_value(cx, *v))
}

/// How `n` (a use of the variable) dereferences it, if it does.
fn dereference(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<&'static str> {
    let p = n.parent()?;
    match p.kind() {
        "attribute" if p.field("object").is_some_and(|o| o.id() == n.id()) => {
            Some("attribute access")
        }
        "subscript" if p.field("value").is_some_and(|o| o.id() == n.id()) => Some("indexing"),
        "call" if p.field("function").is_some_and(|o| o.id() == n.id()) => Some("a call"),
        "for_statement" if p.field("right").is_some_and(|o| o.id() == n.id()) => Some("iteration"),
        "argument_list" => {
            let call = p.parent()?;
            (is_call_to(cx.sem, call, &["builtins.len"]) && p.named_child_count() == 1)
                .then_some("`len()`")
        }
        _ => None,
    }
}

/// Whether `use_` is in the value part of `a if <cond on name> else b`: the condition, written after it,
/// runs first.
fn guarded_by_conditional(cx: &Checker<'_, '_>, use_: Node<'_>, name: &str) -> bool {
    let mut cur = use_;
    while let Some(p) = cur.parent() {
        if p.kind() == "conditional_expression"
            && p.named_child(0).is_some_and(|t| t.id() == cur.id())
        {
            if let Some(cond) = p.named_child(1) {
                let mut mentions = false;
                vigil_query::walk_tree(cond, |x| {
                    mentions |= x.kind() == "identifier" && cx.text(x) == name;
                });
                if mentions {
                    return true;
                }
            }
        }
        if p.kind().ends_with("statement") {
            return false;
        }
        cur = p;
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((recv, m, args)) = method_call(call) else {
        return;
    };
    if cx.text(m) != "get" || args.named_child_count() != 1 {
        return;
    }
    if args.named_child(0).is_some_and(|a| {
        matches!(
            a.kind(),
            "keyword_argument" | "list_splat" | "dictionary_splat"
        )
    }) {
        return;
    }
    if !is_dict(cx, recv) {
        return;
    }
    // `d.get(k).strip()` — dereferenced on the spot.
    if let Some(how) = dereference(cx, call) {
        let msg = format!(
            "`{}` returns None for a missing key, and the result goes straight to {how}",
            vigil_query::shorten(cx.text(call))
        );
        cx.report(NAME, call, msg);
        return;
    }
    // `v = d.get(k)` … `v.attr` with no check of `v` in between.
    let Some(target) = bound_target(call).filter(|t| t.kind() == "identifier") else {
        return;
    };
    let name = cx.text(target).to_owned();
    let scope = scope_of(call);
    let mut uses: Vec<Node<'_>> = Vec::new();
    walk_same_scope(scope, &mut |n| {
        if n.kind() == "identifier" && cx.text(n) == name && n.start_byte() > call.end_byte() {
            uses.push(n);
        }
    });
    uses.sort_by_key(Node::start_byte);
    // Only the first use decides: a check (`if v`, `v is None`, `v or x`, passing it on) is fine.
    let Some(first) = uses.first().copied() else {
        return;
    };
    if guarded_by_conditional(cx, first, &name) {
        return;
    }
    if let Some(how) = dereference(cx, first) {
        let msg = format!(
            "`{name}` comes from `{}`, which returns None for a missing key; it is used for {how} without a None check",
            vigil_query::shorten(cx.text(call))
        );
        cx.report(NAME, first, msg);
    }
}
