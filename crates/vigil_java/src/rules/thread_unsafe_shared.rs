//! `java/thread-unsafe-object-shared`: an instance of a JDK class documented as not thread-safe
//! (`SimpleDateFormat`, `DecimalFormat`, `MessageDigest`, `Cipher`, `Mac`, `Matcher`, `HashMap`,
//! `ArrayList`, `StringBuilder`, ...) is used without synchronization from code that evidently runs on
//! several threads at once:
//! - an instance field of a servlet, used by its request methods (one servlet instance serves every
//!   request thread);
//! - a field used by a task handed to another thread (a lambda or anonymous class passed to
//!   `ExecutorService.submit/execute`, `CompletableFuture.runAsync/supplyAsync`, `new Thread(..)`)
//!   while the submitting class uses it too, or while tasks are submitted in a loop;
//! - a field or local collection mutated by a lambda of a parallel stream (`parallelStream()`,
//!   `.parallel()`).
//!
//! `static` fields of the formatting and crypto types are `java/non-thread-safe-static-field`.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{
    args_of, call_parts, has_modifier, is_local, local_declarator, strip_type, under_explicit_lock,
    under_monitor, unparen, STATEFUL_TYPES,
};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "thread_unsafe_shared";

/// Collections and builders that are safe to read concurrently but not to change: only their
/// mutating calls are reported.
const MUTABLE: &[(&str, &str)] = &[
    ("HashMap", "java.util"),
    ("LinkedHashMap", "java.util"),
    ("TreeMap", "java.util"),
    ("ArrayList", "java.util"),
    ("LinkedList", "java.util"),
    ("HashSet", "java.util"),
    ("LinkedHashSet", "java.util"),
    ("TreeSet", "java.util"),
    ("ArrayDeque", "java.util"),
    ("PriorityQueue", "java.util"),
    ("StringBuilder", "java.lang"),
];

const MUTATORS: &[&str] = &[
    "add",
    "addAll",
    "addFirst",
    "addLast",
    "put",
    "putAll",
    "putIfAbsent",
    "merge",
    "compute",
    "computeIfAbsent",
    "computeIfPresent",
    "remove",
    "removeAll",
    "removeIf",
    "retainAll",
    "clear",
    "set",
    "sort",
    "offer",
    "poll",
    "push",
    "pop",
    "append",
    "insert",
    "delete",
    "deleteCharAt",
    "replace",
    "setLength",
    "reverse",
];

/// Calls that run their lambda or `Runnable`/`Callable` argument on another thread.
const SUBMITTERS: &[&str] = &[
    "submit",
    "execute",
    "invokeAll",
    "invokeAny",
    "schedule",
    "scheduleAtFixedRate",
    "scheduleWithFixedDelay",
    "runAsync",
    "supplyAsync",
];

/// The unsafe class of a declaration (`type`, and the `new T(..)` initializer of `declarator`), and
/// whether all its uses are unsafe (`true`) or only its mutations (`false`).
fn unsafe_class(
    cx: &Checker<'_, '_>,
    ty: Option<Node<'_>>,
    declarator: Node<'_>,
) -> Option<(String, bool)> {
    let mut names = Vec::new();
    if let Some(t) = ty {
        names.push(cx.text(t).to_owned());
    }
    if let Some(v) = declarator.field("value") {
        let v = unparen(v);
        if v.kind() == "object_creation_expression" && anonymous_body(v).is_none() {
            if let Some(t) = v.field("type") {
                names.push(cx.text(t).to_owned());
            }
        }
    }
    for written in names {
        let simple = strip_type(&written);
        let plain = written
            .split('<')
            .next()
            .unwrap_or(&written)
            .trim()
            .to_owned();
        for (table, all) in [(STATEFUL_TYPES, true), (MUTABLE, false)] {
            if let Some((_, pkg)) = table.iter().find(|(t, _)| *t == simple) {
                let fqn = format!("{pkg}.{simple}");
                if plain == fqn || cx.sem.may_be(&simple, &fqn) {
                    return Some((simple, all));
                }
            }
        }
    }
    None
}

/// The class body of an anonymous class creation `new T() { .. }`.
fn anonymous_body(creation: Node<'_>) -> Option<Node<'_>> {
    let mut c = creation.walk();
    let body = creation
        .named_children(&mut c)
        .find(|n| n.kind() == "class_body");
    body
}

/// Whether the call `call` on the object is an unsafe use of it.
fn unsafe_call(cx: &Checker<'_, '_>, call: Node<'_>, all: bool) -> bool {
    let Some((m, _, _)) = call_parts(cx, call) else {
        return false;
    };
    if all {
        m != "clone" && !m.starts_with("to") && m != "getClass"
    } else {
        MUTATORS.contains(&m.as_str())
    }
}

/// The calls on the field `name` in `class` (`name.m(..)`, `this.name.m(..)`), not shadowed by a
/// local, skipping nested classes' own fields of that name.
fn field_calls<'t>(cx: &Checker<'_, '_>, class: Node<'t>, name: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk_tree(class, |n| {
        if n.kind() != "method_invocation" {
            return;
        }
        let Some(o) = n.field("object") else {
            return;
        };
        let o = unparen(o);
        let hit = match o.kind() {
            "identifier" => cx.text(o) == name && !is_local(cx, name, o),
            "field_access" => {
                o.field("object").is_some_and(|t| t.kind() == "this")
                    && o.field("field").is_some_and(|f| cx.text(f) == name)
            }
            _ => false,
        };
        if hit {
            out.push(n);
        }
    });
    out
}

/// The task (lambda or anonymous class creation) enclosing `n` that is handed to another thread,
/// with the submitting call; `None` when `n` is not in such a task.
fn submitted_task<'t>(cx: &Checker<'_, '_>, n: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let mut cur = n.parent();
    while let Some(p) = cur {
        let task = match p.kind() {
            "lambda_expression" => true,
            "object_creation_expression" => anonymous_body(p).is_some(),
            _ => false,
        };
        if task {
            let arg_list = p.parent().filter(|a| a.kind() == "argument_list")?;
            let call = arg_list.parent()?;
            let submitted = match call.kind() {
                "method_invocation" => call
                    .field("name")
                    .is_some_and(|m| SUBMITTERS.contains(&cx.text(m))),
                "object_creation_expression" => call
                    .field("type")
                    .is_some_and(|t| strip_type(cx.text(t)) == "Thread"),
                _ => false,
            };
            return submitted.then_some((p, call));
        }
        // An anonymous class's body: go on to its creation expression.
        if p.kind() == "class_body"
            && p.parent()
                .is_none_or(|c| c.kind() != "object_creation_expression")
        {
            return None;
        }
        cur = p.parent();
    }
    None
}

/// Whether `n` runs repeatedly in its method: in a loop statement or a `forEach` lambda.
fn in_loop(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let mut cur = n.parent();
    while let Some(p) = cur {
        match p.kind() {
            "for_statement" | "enhanced_for_statement" | "while_statement" | "do_statement" => {
                return true
            }
            "lambda_expression" => {
                return p
                    .parent()
                    .and_then(|a| a.parent())
                    .and_then(|c| c.field("name"))
                    .is_some_and(|m| cx.text(m) == "forEach")
            }
            "method_declaration" | "constructor_declaration" | "class_body" => return false,
            _ => {}
        }
        cur = p.parent();
    }
    false
}

/// Whether the class is a servlet: it extends `HttpServlet`/`GenericServlet`.
fn is_servlet(cx: &Checker<'_, '_>, class: Node<'_>) -> bool {
    class.field("superclass").is_some_and(|s| {
        let t = strip_type(cx.text(s).trim_start_matches("extends").trim());
        matches!(t.as_str(), "HttpServlet" | "GenericServlet")
    })
}

fn method_name<'a>(cx: &'a Checker<'_, '_>, n: Node<'_>) -> &'a str {
    let mut cur = n.parent();
    while let Some(p) = cur {
        match p.kind() {
            "method_declaration" => return p.field("name").map(|m| cx.text(m)).unwrap_or(""),
            "constructor_declaration" => return "<init>",
            "class_body" if p.parent().is_some_and(|c| c.kind() == "class_declaration") => {
                return ""
            }
            _ => {}
        }
        cur = p.parent();
    }
    ""
}

fn locked(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    under_monitor(cx, n) || under_explicit_lock(cx, n)
}

/// Instance fields of a servlet or used by tasks handed to other threads.
pub(crate) fn check_field(cx: &mut Checker<'_, '_>, field: Node<'_>) {
    if !cx.on(NAME) || has_modifier(field, "static") {
        return;
    }
    let Some(body) = field.parent().filter(|b| b.kind() == "class_body") else {
        return;
    };
    let Some(class) = body.parent().filter(|c| c.kind() == "class_declaration") else {
        return;
    };
    let ty = field.field("type");
    let servlet = is_servlet(cx, class);
    let mut c = field.walk();
    let decls: Vec<Node<'_>> = field.children_by_field_name("declarator", &mut c).collect();
    for d in decls {
        let Some((simple, all)) = unsafe_class(cx, ty, d) else {
            continue;
        };
        let Some(name) = d.field("name").map(|n| cx.text(n).to_owned()) else {
            continue;
        };
        let uses: Vec<Node<'_>> = field_calls(cx, body, &name)
            .into_iter()
            .filter(|u| unsafe_call(cx, *u, all) && !locked(cx, *u))
            .collect();
        let mut hit: Option<(Node<'_>, String)> = None;
        for u in &uses {
            if servlet
                && !matches!(method_name(cx, *u), "init" | "destroy" | "<init>" | "")
                && submitted_task(cx, *u).is_none()
            {
                hit = Some((
                    *u,
                    "a servlet instance serves every request thread at once".to_owned(),
                ));
                break;
            }
            if let Some((task, call)) = submitted_task(cx, *u) {
                let shared_outside = uses.iter().any(|o| {
                    let mut cur = Some(*o);
                    while let Some(p) = cur {
                        if p == task {
                            return false;
                        }
                        cur = p.parent();
                    }
                    true
                });
                if shared_outside || in_loop(cx, call) {
                    hit = Some((
                        *u,
                        "the task runs on another thread while this object is also used elsewhere"
                            .to_owned(),
                    ));
                    break;
                }
            }
        }
        if let Some((u, why)) = hit {
            let msg = format!(
                "`{name}` is a `{simple}`, which is not thread-safe, and `{}` uses it without synchronization: {why}; use a new instance per use, a `ThreadLocal`, a thread-safe type or a lock",
                vigil_query::shorten(cx.text(u))
            );
            cx.report(NAME, u, msg);
        }
    }
}

/// `xs.parallelStream()...forEach(x -> list.add(x))`: a lambda of a parallel stream changes a
/// non-thread-safe collection.
pub(crate) fn check_parallel(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    // Only the outermost call of a chain: walk its receivers for `parallelStream()`/`parallel()`.
    if call
        .parent()
        .is_some_and(|p| p.kind() == "method_invocation" && p.field("object") == Some(call))
    {
        return;
    }
    // The last `parallel()`/`sequential()` of a pipeline (the first met from its end) sets the mode
    // of the whole pipeline; `parallelStream()` starts one in parallel.
    let mut mode: Option<bool> = None;
    let mut lambdas = Vec::new();
    let mut cur = Some(call);
    while let Some(c) = cur.filter(|c| c.kind() == "method_invocation") {
        if let Some((m, _, args)) = call_parts(cx, c) {
            if mode.is_none() {
                mode = match m.as_str() {
                    "parallelStream" | "parallel" => Some(true),
                    "sequential" => Some(false),
                    _ => None,
                };
            }
            for a in args_of(args) {
                if a.kind() == "lambda_expression" {
                    lambdas.push(a);
                }
            }
        }
        cur = c.field("object");
    }
    if mode != Some(true) {
        return;
    }
    for lam in lambdas {
        let Some(body) = lam.field("body") else {
            continue;
        };
        let mut hit = None;
        walk_tree(body, |n| {
            if hit.is_some() || n.kind() != "method_invocation" || locked(cx, n) {
                return;
            }
            let Some(o) = n.field("object").map(unparen) else {
                return;
            };
            let name = match o.kind() {
                "identifier" => cx.text(o),
                "field_access" if o.field("object").is_some_and(|t| t.kind() == "this") => {
                    o.field("field").map(|f| cx.text(f)).unwrap_or("")
                }
                _ => return,
            };
            if !unsafe_call(cx, n, false) {
                return;
            }
            // Declared outside the lambda: a local of the enclosing method, or a field.
            let decl = match local_declarator(cx, name, o) {
                Some(d) if d.start_byte() >= lam.start_byte() && d.end_byte() <= lam.end_byte() => {
                    return
                }
                Some(d) => d.parent().map(|p| (p, d)),
                None => super::util::field_decl(cx, o, name),
            };
            let Some((decl_stmt, d)) = decl else { return };
            if decl_stmt.kind() == "enhanced_for_statement" {
                return;
            }
            if let Some((simple, _)) = unsafe_class(cx, decl_stmt.field("type"), d) {
                hit = Some((n, name.to_owned(), simple));
            }
        });
        if let Some((n, name, simple)) = hit {
            let msg = format!(
                "`{}` changes `{name}`, a `{simple}` that is not thread-safe, from a parallel stream's threads: updates are lost or the collection is corrupted; use `collect(..)`, a concurrent collection, or a sequential stream",
                vigil_query::shorten(cx.text(n))
            );
            cx.report(NAME, n, msg);
        }
    }
}
