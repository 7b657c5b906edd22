//! `python/subprocess-timeout-leak`: `Popen.communicate(timeout=…)` or `Popen.wait(timeout=…)`
//! whose `TimeoutExpired` is caught without killing the child. The timeout only stops waiting: the
//! child keeps running (and keeps its pipes open), so every timeout leaks a process.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{
    is_call_to, method_call, method_calls_on, scope_of, squeeze, values_bound_to, walk_same_scope,
};
use super::Checker;

pub(crate) const NAME: &str = "subprocess_timeout_leak";

fn catches_timeout(cx: &Checker<'_, '_>, clause: Node<'_>) -> bool {
    let mut c = clause.walk();
    let mut types: Vec<Node<'_>> = clause.children_by_field_name("value", &mut c).collect();
    if types.is_empty() {
        // Older grammars: `except E as e` is an `as_pattern`.
        let mut c2 = clause.walk();
        types.extend(
            clause
                .named_children(&mut c2)
                .filter(|n| n.kind() != "block")
                .map(|n| {
                    if n.kind() == "as_pattern" {
                        n.named_child(0).unwrap_or(n)
                    } else {
                        n
                    }
                }),
        );
    }
    let mut names = Vec::new();
    for t in types {
        let t = if t.kind() == "as_pattern" {
            t.named_child(0).unwrap_or(t)
        } else {
            t
        };
        if matches!(t.kind(), "tuple" | "parenthesized_expression") {
            let mut c3 = t.walk();
            names.extend(t.named_children(&mut c3));
        } else {
            names.push(t);
        }
    }
    names.into_iter().any(|n| {
        cx.sem
            .qualified_name(n)
            .is_some_and(|q| q == "subprocess.TimeoutExpired")
    })
}

/// A child started in its own session (`start_new_session=True`, `preexec_fn=os.setsid`) is meant
/// to outlive the wait: a launched browser or daemon.
fn detached(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    let scope = scope_of(recv);
    values_bound_to(scope, cx.sem.src, &squeeze(cx.text(recv)))
        .into_iter()
        .filter(|v| is_call_to(cx.sem, *v, &["subprocess.Popen"]))
        .any(|v| {
            v.field("arguments").is_some_and(|a| {
                cx.sem.keyword_arg(a, "preexec_fn").is_some()
                    || cx
                        .sem
                        .keyword_arg(a, "start_new_session")
                        .is_some_and(|x| x.kind() == "true")
            })
        })
}

fn is_popen(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    if is_call_to(cx.sem, recv, &["subprocess.Popen"]) {
        return true;
    }
    let scope = scope_of(recv);
    values_bound_to(scope, cx.sem.src, &squeeze(cx.text(recv)))
        .into_iter()
        .any(|v| is_call_to(cx.sem, v, &["subprocess.Popen"]))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, clause: Node<'_>) {
    if !cx.on(NAME) || !catches_timeout(cx, clause) {
        return;
    }
    let Some(try_stmt) = clause.parent().filter(|p| p.kind() == "try_statement") else {
        return;
    };
    let Some(body) = try_stmt.field("body") else {
        return;
    };
    // The waiting call on a Popen in the try body.
    let mut waited: Option<(String, Node<'_>)> = None;
    walk_same_scope(body, &mut |n| {
        if waited.is_some() {
            return;
        }
        if let Some((recv, m, args)) = method_call(n) {
            let has_timeout = cx.sem.keyword_arg(args, "timeout").is_some()
                || (cx.text(m) == "wait" && args.named_child_count() > 0);
            if !has_timeout {
                return;
            }
            let ok = match cx.text(m) {
                "communicate" => true,
                "wait" => is_popen(cx, recv),
                _ => false,
            };
            if ok && !detached(cx, recv) {
                waited = Some((squeeze(cx.text(recv)), n));
            }
        }
    });
    let Some((proc_name, _)) = waited else {
        return;
    };
    // Killed anywhere in the function (handler, finally, after the try): fine.
    let scope = scope_of(clause);
    let src = cx.sem.src;
    if !method_calls_on(
        scope,
        src,
        &proc_name,
        &["kill", "terminate", "send_signal"],
    )
    .is_empty()
    {
        return;
    }
    let mut os_kill = false;
    walk_same_scope(scope, &mut |n| {
        if is_call_to(cx.sem, n, &["os.kill", "os.killpg"]) {
            os_kill = true;
        }
    });
    if os_kill {
        return;
    }
    let msg = format!(
        "`TimeoutExpired` is handled without killing `{proc_name}`: the child keeps running after the timeout"
    );
    cx.report(NAME, clause, msg);
}
