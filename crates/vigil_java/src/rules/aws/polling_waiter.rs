//! `java/aws-polling-instead-of-waiter`: a loop that calls an operation and sleeps, polling for a
//! state that an SDK waiter (from the table generated from the service models) already waits for.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{lower_first, Checker, ClientCall};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_polling_instead_of_waiter";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call else {
        return;
    };
    let waiters: Vec<&str> = call
        .service
        .waiters_for(&call.method)
        .map(|(n, _)| n)
        .collect();
    if waiters.is_empty() {
        return;
    }
    let Some(lp) = super::enclosing_repeat_loop(cx, node) else {
        return;
    };
    if !sleeps(cx, lp) {
        return;
    }
    let shown: Vec<String> = waiters
        .iter()
        .take(3)
        .map(|w| format!("waitUntil{w}"))
        .collect();
    let msg = format!(
        "polling `{}` with a sleep in a loop; an SDK waiter does this with backoff and a timeout (`waiter().{}`, v1 `waiters().{}()`)",
        call.method,
        shown.join("`/`"),
        lower_first(waiters[0])
    );
    cx.report(NAME, node, msg);
}

/// Whether the loop body sleeps (`Thread.sleep`, `TimeUnit.X.sleep`, a `sleep` helper).
pub(crate) fn sleeps(cx: &Checker<'_, '_>, lp: Node<'_>) -> bool {
    let mut hit = false;
    walk_tree(lp, |n| {
        if n.kind() == "method_invocation"
            && n.field("name").is_some_and(|m| {
                let t = cx.text(m);
                t == "sleep" || t == "pause" || t == "backoff"
            })
        {
            hit = true;
        }
    });
    hit
}
