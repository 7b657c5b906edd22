//! `python/unpicklable-process-task`: a lambda or a function defined inside another function given
//! to a process pool (`Pool.map/apply_async/…`, `ProcessPoolExecutor.submit/map`) or as a
//! `multiprocessing.Process` target. The callable is pickled to reach the worker, and lambdas and
//! local functions cannot be pickled: the call fails with `PicklingError`/`AttributeError`
//! ("Can't pickle local object") — for `Process` under the `spawn`/`forkserver` start methods.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{is_call_to, method_call, scope_of, squeeze, values_bound_to};
use super::Checker;

pub(crate) const NAME: &str = "unpicklable_process_task";

const POOL_CTORS: &[&str] = &[
    "multiprocessing.Pool",
    "multiprocessing.pool.Pool",
    "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor",
];
const POOL_METHODS: &[&str] = &[
    "map",
    "map_async",
    "imap",
    "imap_unordered",
    "starmap",
    "starmap_async",
    "apply",
    "apply_async",
    "submit",
];

fn is_pool_ctor(cx: &Checker<'_, '_>, v: Node<'_>) -> bool {
    if is_call_to(cx.sem, v, POOL_CTORS) {
        return true;
    }
    // `multiprocessing.get_context("spawn").Pool(4)`
    method_call(v).is_some_and(|(recv, m, _)| {
        cx.text(m) == "Pool" && is_call_to(cx.sem, recv, &["multiprocessing.get_context"])
    })
}

fn is_pool(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    is_pool_ctor(cx, recv)
        || (matches!(recv.kind(), "identifier" | "attribute")
            && values_bound_to(scope_of(recv), cx.sem.src, &squeeze(cx.text(recv)))
                .into_iter()
                .any(|v| is_pool_ctor(cx, v)))
}

/// "a lambda" / "local function `f`" when `f` cannot be pickled by reference.
fn unpicklable(cx: &Checker<'_, '_>, f: Node<'_>) -> Option<String> {
    match f.kind() {
        "lambda" => Some("a lambda".into()),
        "identifier" => {
            let name = cx.text(f);
            let scope = scope_of(f);
            if scope.kind() != "function_definition" {
                return None;
            }
            let body = scope.field("body")?;
            let mut c = body.walk();
            let local_def = body.named_children(&mut c).any(|st| {
                let d = if st.kind() == "decorated_definition" {
                    st.field("definition")
                } else {
                    Some(st)
                };
                d.is_some_and(|d| {
                    d.kind() == "function_definition"
                        && d.field("name").is_some_and(|n| cx.text(n) == name)
                })
            });
            local_def.then(|| format!("local function `{name}`"))
        }
        _ => None,
    }
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    // Processes and pools are reached through these modules' names.
    if !cx.on(NAME) || !cx.sem.mentions_any(&["multiprocessing", "concurrent"]) {
        return;
    }
    let Some(args) = call.field("arguments") else {
        return;
    };
    let task = if is_call_to(
        cx.sem,
        call,
        &["multiprocessing.Process", "multiprocessing.context.Process"],
    ) {
        cx.sem.keyword_arg(args, "target")
    } else if let Some((recv, m, _)) = method_call(call) {
        if POOL_METHODS.contains(&cx.text(m)) && is_pool(cx, recv) {
            args.named_child(0)
                .filter(|a| a.kind() != "keyword_argument")
                .or_else(|| cx.sem.keyword_arg(args, "func"))
                .or_else(|| cx.sem.keyword_arg(args, "fn"))
        } else {
            None
        }
    } else {
        None
    };
    let Some(task) = task else {
        return;
    };
    if let Some(what) = unpicklable(cx, task) {
        let msg = format!(
            "{what} is sent to another process but cannot be pickled; use a module-level function"
        );
        cx.report(NAME, task, msg);
    }
}
