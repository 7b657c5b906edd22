//! `java/interrupted-exception-swallowed`: an `InterruptedException` is caught (directly, or through
//! `catch (Exception e)` around a blocking call) and neither rethrown nor the thread's interrupt
//! status restored, so code up the stack cannot see that the thread was asked to stop.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{args_of, call_parts, type_of};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "interrupted_swallowed";

/// Calls that throw `InterruptedException` (by method name and arity where it is specific).
fn blocks(cx: &Checker<'_, '_>, call: Node<'_>) -> bool {
    let Some((name, obj, args)) = call_parts(cx, call) else {
        return false;
    };
    let n = args.named_child_count();
    let obj_text = obj.map(|o| cx.text(o)).unwrap_or("");
    let unit_arg = args_of(args)
        .last()
        .is_some_and(|a| cx.text(*a).contains("TimeUnit") || cx.text(*a).ends_with("SECONDS"));
    match name.as_str() {
        "sleep" => {
            obj_text == "Thread" || obj_text.contains("TimeUnit") || obj_text.ends_with("SECONDS")
        }
        "join" => n == 0 && obj.is_some(),
        "await" | "awaitTermination" | "invokeAll" | "invokeAny" => {
            n == 0 || unit_arg || name.starts_with("invoke")
        }
        "acquire" | "lockInterruptibly" | "waitFor" | "wait" => n <= 2,
        "take" => n == 0,
        "get" => {
            (n == 2 && unit_arg)
                || (n == 0
                    && obj.and_then(|o| type_of(cx, o)).is_some_and(|t| {
                        matches!(
                            t.as_str(),
                            "Future" | "CompletableFuture" | "FutureTask" | "ScheduledFuture"
                        )
                    }))
        }
        "put" | "poll" | "offer" => {
            unit_arg
                || (name == "put"
                    && obj.and_then(|o| type_of(cx, o)).is_some_and(|t| {
                        t.contains("BlockingQueue") || t.contains("BlockingDeque")
                    }))
        }
        _ => false,
    }
}

/// Whether the block restores the interrupt or ends by an exception: `interrupt()`, a `throw`, or
/// `Thread.interrupted()`-style re-checks.
fn handles(cx: &Checker<'_, '_>, body: Node<'_>) -> bool {
    let mut ok = false;
    walk_tree(body, |n| match n.kind() {
        "throw_statement" => ok = true,
        "method_invocation"
            if n.field("name")
                .is_some_and(|m| matches!(cx.text(m), "interrupt" | "exit" | "halt")) =>
        {
            ok = true;
        }
        _ => {}
    });
    ok
}

/// The deferred-interrupt idiom: the handler records the interrupt in a variable (`interrupted =
/// true`) and the method later restores it (`if (interrupted) Thread.currentThread().interrupt()`)
/// or returns the flag to a caller that does.
fn flag_restored(cx: &Checker<'_, '_>, clause: Node<'_>, body: Node<'_>) -> bool {
    let mut flags: Vec<&str> = Vec::new();
    walk_tree(body, |n| {
        if n.kind() == "assignment_expression"
            && n.field("right").is_some_and(|r| r.kind() == "true")
        {
            if let Some(l) = n.field("left") {
                flags.push(cx.text(l).trim_start_matches("this."));
            }
        }
    });
    if flags.is_empty() {
        return false;
    }
    let Some(method) = super::util::callable(clause) else {
        return false;
    };
    let mut restored = false;
    walk_tree(method, |n| {
        if restored {
            return;
        }
        match n.kind() {
            "method_invocation" => {
                restored = n
                    .field("name")
                    .is_some_and(|m| matches!(cx.text(m), "interrupt" | "selfInterrupt"));
            }
            "return_statement" => {
                let mut hit = false;
                walk_tree(n, |k| {
                    hit |= k.kind() == "identifier" && flags.contains(&cx.text(k));
                });
                restored = hit;
            }
            _ => {}
        }
    });
    restored
}

fn catch_types<'a>(cx: &'a Checker<'_, '_>, clause: Node<'_>) -> Vec<&'a str> {
    let mut out = Vec::new();
    walk_tree(clause, |n| {
        if n.kind() == "catch_type" {
            let mut c = n.walk();
            for t in n.named_children(&mut c) {
                let s = cx.text(t);
                out.push(s.rsplit('.').next().unwrap_or(s));
            }
        }
    });
    out
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, clause: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(body) = clause.field("body") else {
        return;
    };
    let types = catch_types(cx, clause);
    let direct = types.contains(&"InterruptedException");
    let broad = types
        .iter()
        .any(|t| matches!(*t, "Exception" | "Throwable"));
    if !direct && !broad {
        return;
    }
    if broad && !direct {
        // Only when the try block visibly blocks and no earlier clause catches the interrupt.
        let Some(tr) = clause.parent() else { return };
        let mut c = tr.walk();
        for sib in tr.named_children(&mut c) {
            if sib == clause {
                break;
            }
            if sib.kind() == "catch_clause"
                && catch_types(cx, sib).contains(&"InterruptedException")
            {
                return;
            }
        }
        let Some(block) = tr.field("body") else {
            return;
        };
        let mut blocking = false;
        walk_tree(block, |n| {
            if n.kind() == "method_invocation" && blocks(cx, n) {
                blocking = true;
            }
        });
        if !blocking {
            return;
        }
    }
    if handles(cx, body) || flag_restored(cx, clause, body) {
        return;
    }
    let Some(param) = super::util::catch_param(clause) else {
        return;
    };
    let msg = if direct {
        "`InterruptedException` is swallowed: call `Thread.currentThread().interrupt()` or rethrow it so callers see the interruption".to_owned()
    } else {
        format!(
            "`catch ({})` around a blocking call swallows `InterruptedException`; catch it separately and restore the interrupt status",
            cx.text(param)
        )
    };
    cx.report(NAME, param, msg);
}
