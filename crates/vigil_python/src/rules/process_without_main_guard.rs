//! `python/process-without-main-guard`: a process started (or a process pool or start method set)
//! by module-level code outside `if __name__ == "__main__":`. With the `spawn` and `forkserver`
//! start methods (the default on Windows and macOS, and `forkserver` on Linux from Python 3.14)
//! each child imports the main module again, re-running that code: it fails with a RuntimeError
//! or spawns recursively.

use crate::fields::Field;
use tree_sitter::Node;

use super::syntax::{is_call_to, method_call, squeeze, values_bound_to};
use super::Checker;

pub(crate) const NAME: &str = "process_without_main_guard";

const POOLS: &[&str] = &[
    "multiprocessing.Pool",
    "multiprocessing.pool.Pool",
    "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor",
];
const PROCESSES: &[&str] = &["multiprocessing.Process", "multiprocessing.context.Process"];

/// Whether `n` runs when the module is imported: not inside a def, lambda or class, nor under a
/// `__name__ == "__main__"` test.
fn runs_on_import(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "function_definition" | "lambda" | "class_definition" => return false,
            "if_statement" => {
                let cond = p
                    .field("condition")
                    .map(|c| squeeze(cx.text(c)).replace('\'', "\""))
                    .unwrap_or_default();
                if cond.contains("__name__") {
                    return false;
                }
            }
            _ => {}
        }
        cur = p;
    }
    true
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    // Every process, pool and start method is reached through these modules' names.
    if !cx.on(NAME) || !cx.sem.mentions_any(&["multiprocessing", "concurrent"]) {
        return;
    }
    let what = if is_call_to(cx.sem, call, &["multiprocessing.set_start_method"]) {
        "`set_start_method`"
    } else if is_call_to(cx.sem, call, POOLS) {
        "a process pool"
    } else if let Some((recv, m, _)) = method_call(call).filter(|(_, m, _)| cx.text(*m) == "start")
    {
        let _ = m;
        let is_process = is_call_to(cx.sem, recv, PROCESSES)
            || (recv.kind() == "identifier"
                && values_bound_to(
                    {
                        let mut root = recv;
                        while let Some(p) = root.parent() {
                            root = p;
                        }
                        root
                    },
                    cx.sem.src,
                    cx.text(recv),
                )
                .into_iter()
                .any(|v| is_call_to(cx.sem, v, PROCESSES)));
        if !is_process {
            return;
        }
        "a process"
    } else {
        return;
    };
    if !runs_on_import(cx, call) {
        return;
    }
    let msg = format!(
        "{what} at module level without `if __name__ == \"__main__\":` — spawned children re-import this module and run it again"
    );
    cx.report(NAME, call, msg);
}
