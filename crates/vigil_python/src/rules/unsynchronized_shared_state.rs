//! `python/unsynchronized-shared-state`: a module-level function used as the target of a thread (or
//! process) does a read-modify-write of module-level state (`global n; n += 1`,
//! `counts[k] += 1`) with no lock held. `+=` is a read, an add and a store: two threads interleave
//! and updates are lost. In a `multiprocessing` child the update goes to the child's own copy and
//! the parent never sees it.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::syntax::{is_call_to, method_call, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "unsynchronized_shared_state";

const THREAD_CTORS: &[&str] = &["threading.Thread", "threading.Timer"];
const PROCESS_CTORS: &[&str] = &["multiprocessing.Process", "multiprocessing.context.Process"];

/// Names bound at module level by assignment.
fn module_names(cx: &Checker<'_, '_>, module: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut c = module.walk();
    for st in module.named_children(&mut c) {
        if st.kind() != "expression_statement" {
            continue;
        }
        if let Some(a) = st.named_child(0).filter(|a| a.kind() == "assignment") {
            if let Some(l) = a.field("left").filter(|l| l.kind() == "identifier") {
                out.push(cx.text(l).to_owned());
            }
        }
    }
    out
}

/// The first unsynchronised read-modify-write of module state in `func`.
fn racy_update<'t>(
    cx: &Checker<'_, '_>,
    func: Node<'t>,
    module: Node<'_>,
) -> Option<(Node<'t>, String)> {
    let body = func.field("body")?;
    let mut globals: Vec<String> = Vec::new();
    let mut locked = false;
    walk_same_scope(body, &mut |n| match n.kind() {
        "global_statement" => {
            let mut c = n.walk();
            globals.extend(n.named_children(&mut c).map(|i| cx.text(i).to_owned()));
        }
        "with_statement" => locked = true,
        "call" if method_call(n).is_some_and(|(_, m, _)| cx.text(m) == "acquire") => {
            locked = true;
        }
        _ => {}
    });
    if locked {
        return None;
    }
    let module_level = module_names(cx, module);
    let mut hit = None;
    walk_same_scope(body, &mut |n| {
        if hit.is_some() {
            return;
        }
        let Some(l) = n.field("left") else {
            return;
        };
        match (n.kind(), l.kind()) {
            ("augmented_assignment", "identifier") if globals.iter().any(|g| g == cx.text(l)) => {
                hit = Some((n, cx.text(l).to_owned()));
            }
            ("assignment", "identifier") if globals.iter().any(|g| g == cx.text(l)) => {
                // `n = n + 1`: reads the name it stores.
                let name = cx.text(l);
                let reads = n.field("right").is_some_and(|r| {
                    let mut f = false;
                    walk_tree(r, |x| f |= x.kind() == "identifier" && cx.text(x) == name);
                    f
                });
                if reads {
                    hit = Some((n, name.to_owned()));
                }
            }
            ("augmented_assignment", "subscript") => {
                if let Some(v) = l.field("value").filter(|v| v.kind() == "identifier") {
                    let name = cx.text(v);
                    let local = {
                        let mut f = false;
                        walk_same_scope(body, &mut |x| {
                            if x.kind() == "assignment"
                                && x.field("left").is_some_and(|y| cx.text(y) == name)
                            {
                                f = true;
                            }
                        });
                        f
                    };
                    if !local && module_level.iter().any(|g| g == name) {
                        hit = Some((n, name.to_owned()));
                    }
                }
            }
            _ => {}
        }
    });
    hit
}

/// How `name` is started concurrently in the file: as a thread target, a process target, or not.
fn started_as(cx: &Checker<'_, '_>, module: Node<'_>, name: &str) -> Option<bool> {
    let mut how = None;
    walk_tree(module, |n| {
        if how.is_some() || n.kind() != "call" {
            return;
        }
        let Some(args) = n.field("arguments") else {
            return;
        };
        let is_thread = is_call_to(cx.sem, n, THREAD_CTORS);
        let is_process = !is_thread && is_call_to(cx.sem, n, PROCESS_CTORS);
        if is_thread || is_process {
            let target =
                vigil_query::Semantics::keyword_arg(cx.sem, args, "target").or_else(|| {
                    // threading.Timer(interval, function)
                    if is_call_to(cx.sem, n, &["threading.Timer"]) {
                        args.named_child(1)
                    } else {
                        None
                    }
                });
            if target.is_some_and(|t| t.kind() == "identifier" && cx.text(t) == name) {
                how = Some(is_thread);
            }
            return;
        }
        // executor.submit(fn, ...) / executor.map(fn, ...) on a ThreadPoolExecutor.
        if let Some((recv, m, _)) = method_call(n) {
            if matches!(cx.text(m), "submit" | "map")
                && args
                    .named_child(0)
                    .is_some_and(|a| a.kind() == "identifier" && cx.text(a) == name)
            {
                let pool = is_call_to(cx.sem, recv, &["concurrent.futures.ThreadPoolExecutor"])
                    || {
                        let vals = super::syntax::values_bound_to(
                            super::syntax::scope_of(recv),
                            cx.sem.src,
                            &super::syntax::squeeze(cx.text(recv)),
                        );
                        vals.into_iter().any(|v| {
                            is_call_to(
                                cx.sem,
                                v,
                                &[
                                    "concurrent.futures.ThreadPoolExecutor",
                                    "concurrent.futures.thread.ThreadPoolExecutor",
                                ],
                            )
                        })
                    };
                if pool {
                    how = Some(true);
                }
            }
        }
    });
    how
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, func: Node<'_>) {
    // Threads, processes and pools are reached through these modules' names: a file that never
    // mentions them starts nothing.
    if !cx.on(NAME)
        || !cx
            .sem
            .mentions_any(&["threading", "multiprocessing", "concurrent"])
    {
        return;
    }
    // Module-level functions only (directly or under decorators).
    let mut parent = func.parent();
    if parent.is_some_and(|p| p.kind() == "decorated_definition") {
        parent = parent.and_then(|p| p.parent());
    }
    let Some(module) = parent.filter(|p| p.kind() == "module") else {
        return;
    };
    let Some(name) = func.field("name").map(|n| cx.text(n).to_owned()) else {
        return;
    };
    let Some((at, var)) = racy_update(cx, func, module) else {
        return;
    };
    let Some(thread) = started_as(cx, module, &name) else {
        return;
    };
    let msg = if thread {
        format!("`{name}` runs in several threads and updates shared `{var}` without a lock: updates can be lost")
    } else {
        format!("`{name}` runs in a child process: its update of `{var}` changes the child's copy and is never seen by the parent")
    };
    cx.report(NAME, at, msg);
}
