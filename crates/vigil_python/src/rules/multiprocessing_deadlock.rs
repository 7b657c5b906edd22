//! `python/multiprocessing-deadlock`: waiting for a child before draining the pipe or queue it
//! writes to. A child that put items on a `multiprocessing.Queue` does not exit until they are
//! consumed, and a child writing to a `subprocess.PIPE` blocks once the OS pipe buffer (64 KiB)
//! is full: `p.join()` before `q.get()`, or `proc.wait()` before reading `proc.stdout`, then waits
//! forever.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, Semantics};

use super::syntax::{
    is_call_to, method_call, method_calls_on, scope_of, squeeze, values_bound_to, walk_same_scope,
};
use super::Checker;

pub(crate) const NAME: &str = "multiprocessing_deadlock";

const PROCESSES: &[&str] = &["multiprocessing.Process", "multiprocessing.context.Process"];
const QUEUES: &[&str] = &[
    "multiprocessing.Queue",
    "multiprocessing.SimpleQueue",
    "multiprocessing.JoinableQueue",
];

fn bound_call<'t>(
    cx: &Checker<'_, '_>,
    scope: Node<'t>,
    name: &str,
    names: &[&str],
) -> Option<Node<'t>> {
    values_bound_to(scope, cx.sem.src, name)
        .into_iter()
        .find(|v| is_call_to(cx.sem, *v, names))
}

/// `p.join()` on a Process given a Queue that is read only after the join.
fn join_before_get(cx: &mut Checker<'_, '_>, call: Node<'_>, recv: Node<'_>) {
    let scope = scope_of(call);
    let pname = squeeze(cx.text(recv));
    let Some(ctor) = bound_call(cx, scope, &pname, PROCESSES) else {
        return;
    };
    let Some(args) = ctor.field("arguments") else {
        return;
    };
    // Queues among the constructor's arguments (`args=(q,)`, `kwargs=`).
    let mut queues = Vec::new();
    walk_tree(args, |n| {
        if n.kind() == "identifier" {
            let q = cx.text(n).to_owned();
            if bound_call(cx, scope, &q, QUEUES).is_some() && !queues.contains(&q) {
                queues.push(q);
            }
        }
    });
    for q in queues {
        let gets = method_calls_on(scope, cx.sem.src, &q, &["get", "get_nowait"]);
        let before = gets.iter().any(|g| g.start_byte() < call.start_byte());
        let after = gets.iter().any(|g| g.start_byte() > call.end_byte());
        if after && !before {
            let msg = format!(
                "`{pname}.join()` waits for a child that cannot exit until `{q}` is drained, but `{q}.get()` only runs after the join"
            );
            cx.report(NAME, call, msg);
            return;
        }
    }
}

/// `proc.wait()` on a Popen with `stdout=PIPE`/`stderr=PIPE` that is read only after the wait.
fn wait_before_read(cx: &mut Checker<'_, '_>, call: Node<'_>, recv: Node<'_>) {
    let scope = scope_of(call);
    let pname = squeeze(cx.text(recv));
    let Some(ctor) = bound_call(cx, scope, &pname, &["subprocess.Popen"]) else {
        return;
    };
    let Some(args) = ctor.field("arguments") else {
        return;
    };
    let piped: Vec<&str> = ["stdout", "stderr"]
        .into_iter()
        .filter(|s| {
            cx.sem
                .keyword_arg(args, s)
                .and_then(|v| cx.sem.qualified_name(v))
                .is_some_and(|q| q == "subprocess.PIPE")
        })
        .collect();
    if piped.is_empty() {
        return;
    }
    // Any use of the pipe (read, iterated, handed to a reader thread), `communicate()`, or the
    // process passed to a function before the wait drains it.
    let mut drained = false;
    walk_same_scope(scope, &mut |n| {
        if drained || n.start_byte() >= call.start_byte() {
            return;
        }
        let t = squeeze(cx.text(n));
        if n.kind() == "call" && t.starts_with(&format!("{pname}.communicate(")) {
            drained = true;
        }
        if n.kind() == "attribute" && piped.iter().any(|s| t == format!("{pname}.{s}")) {
            drained = true;
        }
        // The process handed to a helper (`_log_output(proc)`), which may read its pipes.
        if n.kind() == "argument_list" {
            let mut c = n.walk();
            drained |= n
                .named_children(&mut c)
                .any(|a| squeeze(cx.text(a)) == pname);
        }
    });
    if drained {
        return;
    }
    let msg = format!(
        "`{pname}.wait()` with `{}=PIPE` unread: the child blocks once the pipe buffer fills and the wait never returns; use `communicate()`",
        piped.join("/")
    );
    cx.report(NAME, call, msg);
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    // Processes, queues and pipes are reached through these modules' names.
    if !cx.on(NAME) || !cx.sem.mentions_any(&["multiprocessing", "subprocess"]) {
        return;
    }
    let Some((recv, m, args)) = method_call(call) else {
        return;
    };
    if !matches!(recv.kind(), "identifier" | "attribute") {
        return;
    }
    match cx.text(m) {
        "join" => join_before_get(cx, call, recv),
        // `wait(timeout)` is bounded; only an unbounded wait deadlocks.
        "wait" if args.named_child_count() == 0 => wait_before_read(cx, call, recv),
        _ => {}
    }
}
