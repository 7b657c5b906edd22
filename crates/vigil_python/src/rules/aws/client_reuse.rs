//! `python/aws-lambda-client-reuse`: a boto3 client or resource created inside a Lambda handler
//! (a function taking `(event, context)`) or inside a loop, instead of once at module scope and reused
//! by every invocation/iteration.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{each_call, enclosing_loop, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_client_reuse";

/// A Lambda handler: two parameters, the first an event and the second a context.
pub(super) fn is_handler(cx: &Checker<'_, '_>, func: Node<'_>) -> bool {
    let Some(params) = func.field("parameters") else {
        return false;
    };
    let mut c = params.walk();
    let names: Vec<String> = params
        .named_children(&mut c)
        .filter(|p| p.kind() != "comment")
        .map(|p| {
            let id = match p.kind() {
                "typed_parameter" => p.named_child(0),
                "default_parameter" | "typed_default_parameter" => p.field("name"),
                _ => Some(p),
            };
            id.map(|i| cx.text(i).to_ascii_lowercase())
                .unwrap_or_default()
        })
        .collect();
    let [ev, ctx] = names.as_slice() else {
        return false;
    };
    let ev = ev.trim_start_matches('_');
    let ctx = ctx.trim_start_matches('_');
    (ev.contains("event") || ev == "evt") && (ctx.contains("context") || ctx == "ctx")
}

/// The function declares `global`/`nonlocal` for the name the client is stored in (lazy caching),
/// or the creation is guarded by `if ... is None` / `if not ...` (create once, then reuse).
fn cached(cx: &Checker<'_, '_>, func: Node<'_>, call: Node<'_>) -> bool {
    let mut cur = call.parent();
    while let Some(p) = cur {
        if p.id() == func.id() {
            break;
        }
        if p.kind() == "if_statement" {
            let cond = p.field("condition").map(|c| cx.text(c)).unwrap_or("");
            if cond.contains("is None") || cond.starts_with("not ") || cond.contains(" not in ") {
                return true;
            }
        }
        if p.kind() == "assignment" {
            if let Some(l) = p.field("left") {
                let name = cx.text(l).to_owned();
                let mut global = false;
                walk_tree(func, |n| {
                    if matches!(n.kind(), "global_statement" | "nonlocal_statement")
                        && cx.text(n).split([' ', ',']).any(|w| w == name)
                    {
                        global = true;
                    }
                });
                // `self._client = ...` / `cache[k] = ...`: stored for reuse.
                if global || l.kind() == "subscript" {
                    return true;
                }
            }
        }
        cur = p.parent();
    }
    false
}

/// Whether the constructor's arguments use the loop's variables or names assigned in its body (one
/// client per region/account is needed, not wasteful).
fn uses_loop_var(cx: &Checker<'_, '_>, lp: Node<'_>, call: Node<'_>) -> bool {
    let mut vars = Vec::new();
    let mut collect = |left: Node<'_>| {
        walk_tree(left, |n| {
            if n.kind() == "identifier" {
                vars.push(cx.text(n).to_owned());
            }
        });
    };
    if lp.kind() == "for_statement" {
        if let Some(l) = lp.field("left") {
            collect(l);
        }
    } else if lp.kind() != "while_statement" {
        let mut c = lp.walk();
        for ch in lp.named_children(&mut c) {
            if ch.kind() == "for_in_clause" {
                if let Some(l) = ch.field("left") {
                    collect(l);
                }
            }
        }
    }
    // Names assigned in the loop body change per iteration too (`region = msg["Region"]`).
    if let Some(body) = lp.field("body") {
        walk_tree(body, |n| {
            if n.kind() == "assignment" && n.start_byte() < call.start_byte() {
                if let Some(l) = n.field("left") {
                    collect(l);
                }
            }
        });
    }
    let Some(args) = call.field("arguments") else {
        return false;
    };
    let mut hit = false;
    walk_tree(args, |n| {
        if n.kind() == "identifier" && vars.iter().any(|v| v == cx.text(n)) {
            hit = true;
        }
    });
    hit
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        if n.kind() != "call" {
            return;
        }
        let Some(s) = env.svc_of(cx, n) else { return };
        if !matches!(s.kind, Kind::Client | Kind::Resource) {
            return;
        }
        // Only the constructor call itself (`boto3.client(...)`), not a name holding one.
        if n.field("function")
            .and_then(|f| f.field("attribute"))
            .is_none_or(|a| !matches!(cx.text(a), "client" | "resource"))
        {
            return;
        }
        let what = if s.kind == Kind::Client {
            "client"
        } else {
            "resource"
        };
        if let Some(lp) = enclosing_loop(n) {
            if !uses_loop_var(cx, lp, n) {
                hits.push((
                    n,
                    format!(
                        "boto3 {what} for `{}` is created on every iteration of the loop; create it once before the loop and reuse it",
                        s.service.name
                    ),
                ));
            }
            return;
        }
        let Some(func) = super::enclosing_function(n) else {
            return;
        };
        if is_handler(cx, func) && !cached(cx, func, n) {
            hits.push((
                n,
                format!(
                    "boto3 {what} for `{}` is created on every Lambda invocation; create it at module scope so warm invocations reuse it",
                    s.service.name
                ),
            ));
        }
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
