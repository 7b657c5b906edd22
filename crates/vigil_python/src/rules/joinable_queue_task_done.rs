//! `python/joinable-queue-missing-task-done`: items taken from a `JoinableQueue` with `get()` in a
//! function that never calls `task_done()` on it. Each `put()` increments a semaphore that only
//! `task_done()` decrements: without it `join()` never returns and the semaphore eventually
//! overflows.

use crate::fields::Field;
use tree_sitter::Node;

use super::syntax::{is_call_to, method_call, method_calls_on, scope_of, squeeze};
use super::Checker;

pub(crate) const NAME: &str = "joinable_queue_missing_task_done";

const JOINABLE: &[&str] = &[
    "multiprocessing.JoinableQueue",
    "multiprocessing.queues.JoinableQueue",
];

/// Whether `name` is a JoinableQueue: the same name is assigned a `JoinableQueue(...)` somewhere in
/// the file (a worker's parameter usually carries the name of the queue it is given).
fn is_joinable(cx: &Checker<'_, '_>, name: &str) -> bool {
    cx.sem.calls.iter().any(|&n| {
        is_call_to(cx.sem, n, JOINABLE)
            && n.parent()
                .filter(|p| p.kind() == "assignment")
                .and_then(|a| a.field("left"))
                .is_some_and(|l| squeeze(cx.text(l)) == name)
    })
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    // A JoinableQueue is named in the file's text (its import, at least).
    if !cx.on(NAME) || !cx.sem.mentions("JoinableQueue") {
        return;
    }
    let Some((recv, m, _)) = method_call(call) else {
        return;
    };
    if !matches!(cx.text(m), "get" | "get_nowait")
        || !matches!(recv.kind(), "identifier" | "attribute")
    {
        return;
    }
    let name = squeeze(cx.text(recv));
    let scope = scope_of(call);
    if scope.kind() != "function_definition" {
        return;
    }
    // Report the first get of the function only.
    let gets = method_calls_on(scope, cx.sem.src, &name, &["get", "get_nowait"]);
    if gets.first().is_some_and(|g| g.id() != call.id()) {
        return;
    }
    if !method_calls_on(scope, cx.sem.src, &name, &["task_done"]).is_empty() {
        return;
    }
    if !is_joinable(cx, &name) {
        return;
    }
    let msg = format!(
        "items are taken from JoinableQueue `{name}` but `{name}.task_done()` is never called: `join()` hangs and the queue's semaphore can overflow"
    );
    cx.report(NAME, call, msg);
}
