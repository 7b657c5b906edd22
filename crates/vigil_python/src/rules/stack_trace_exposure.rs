//! `python/stack-trace-exposure`: a formatted traceback (`traceback.format_exc()` and friends) sent
//! to the client of a web application: returned from a view, or passed to a response constructor,
//! directly or through a local variable. Tracebacks reveal file paths, code and library versions.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{bound_target, scope_of, squeeze, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "stack_trace_exposure";

const TRACEBACK_FORMATTERS: &[&str] = &[
    "traceback.format_exc",
    "traceback.format_exception",
    "traceback.format_tb",
    "traceback.format_stack",
    "traceback.extract_tb",
    "traceback.extract_stack",
];

const WEB_FRAMEWORKS: &[&str] = &[
    "flask",
    "django",
    "fastapi",
    "starlette",
    "bottle",
    "tornado",
    "pyramid",
    "aiohttp",
    "falcon",
    "sanic",
    "werkzeug",
    "quart",
];

/// Callees that build what the client receives.
const RESPONSE_BUILDERS: &[&str] = &[
    "jsonify",
    "make_response",
    "Response",
    "HttpResponse",
    "JsonResponse",
    "HttpResponseServerError",
    "HttpResponseBadRequest",
    "HTMLResponse",
    "PlainTextResponse",
    "JSONResponse",
    "render_template",
    "render",
    "abort",
    "HTTPException",
    "json_response",
    "write",
    "finish",
    "send_error",
];

/// Whether `n` reaches the client: inside a `return`, or an argument of a response builder.
fn sent_to_client(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "return_statement" => return true,
            "function_definition" | "lambda" | "class_definition" | "module" => return false,
            "call" => {
                let callee = p
                    .field("function")
                    .map(|f| match f.kind() {
                        "attribute" => f.field("attribute").map(|a| cx.text(a)).unwrap_or(""),
                        _ => cx.text(f),
                    })
                    .unwrap_or("");
                if RESPONSE_BUILDERS.contains(&callee) {
                    return true;
                }
            }
            _ => {}
        }
        cur = p;
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    // Every formatter is reached through the `traceback` module's name: files that never
    // mention it skip the name resolution of each call.
    if !cx.on(NAME) || !cx.sem.mentions("traceback") {
        return;
    }
    // `refers_to` rules most names out from the imports alone, before any scope lookup.
    let Some(q) = call.field("function").and_then(|f| {
        TRACEBACK_FORMATTERS
            .iter()
            .find(|t| cx.sem.refers_to(f, t))
            .copied()
    }) else {
        return;
    };
    if !WEB_FRAMEWORKS.iter().any(|m| cx.sem.imports(m)) {
        return;
    }
    let exposed = sent_to_client(cx, call) || {
        // Through a local: `tb = traceback.format_exc(); return jsonify(error=tb)`.
        let target = bound_target(call)
            .or_else(|| {
                // `msg = "failed: " + traceback.format_exc()`
                let mut cur = call;
                while let Some(p) = cur.parent() {
                    if p.kind() == "assignment" {
                        return p.field("left");
                    }
                    if matches!(p.kind(), "expression_statement" | "block" | "module") {
                        break;
                    }
                    cur = p;
                }
                None
            })
            .filter(|t| t.kind() == "identifier");
        target.is_some_and(|t| {
            let name = squeeze(cx.text(t));
            let mut found = false;
            walk_same_scope(scope_of(call), &mut |n| {
                if !found
                    && n.kind() == "identifier"
                    && n.start_byte() > call.end_byte()
                    && cx.text(n) == name
                    && sent_to_client(cx, n)
                {
                    found = true;
                }
            });
            found
        })
    };
    if exposed {
        let msg = format!("the traceback from `{q}` is sent to the client");
        cx.report(NAME, call, msg);
    }
}
