//! `python/socket-without-timeout`: a client socket that connects or receives with no timeout, so
//! it can block forever. Reported: `socket.create_connection(addr)` without a timeout, and a
//! `socket.socket(...)` bound to a name on which the same scope calls `connect`/`connect_ex`/
//! `recv*` but never `settimeout`/`setblocking`. A file that calls `socket.setdefaulttimeout`
//! is not reported.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, Semantics};

use super::syntax::{bound_target, is_call_to, method_calls_on, scope_of, squeeze};
use super::Checker;

pub(crate) const NAME: &str = "socket_without_timeout";

/// Whether the file calls `socket.setdefaulttimeout` anywhere (from the semantics' call index).
fn sets_default_timeout(cx: &Checker<'_, '_>) -> bool {
    cx.sem.mentions("setdefaulttimeout")
        && cx
            .sem
            .calls
            .iter()
            .any(|&n| is_call_to(cx.sem, n, &["socket.setdefaulttimeout"]))
}

/// Whether the enclosing function takes a `timeout` parameter: the caller chose (maybe `None`).
fn has_timeout_param(cx: &Checker<'_, '_>, call: Node<'_>) -> bool {
    let f = scope_of(call);
    f.kind() == "function_definition"
        && f.field("parameters").is_some_and(|ps| {
            let mut found = false;
            walk_tree(ps, |n| {
                found |= n.kind() == "identifier" && cx.text(n) == "timeout"
            });
            found
        })
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    // Only the two names are of interest: `refers_to` rejects other calls from the imports alone,
    // without resolving every call of the file (that was 6% of a scan of CPython's `Lib/`).
    if !cx.sem.mentions("socket") {
        return;
    }
    let Some(f) = call.field("function") else {
        return;
    };
    let q = if cx.sem.refers_to(f, "socket.create_connection") {
        "socket.create_connection"
    } else if cx.sem.refers_to(f, "socket.socket") {
        "socket.socket"
    } else {
        return;
    };
    let Some(args) = call.field("arguments") else {
        return;
    };
    match q {
        "socket.create_connection" => {
            let positional = {
                let mut c = args.walk();
                let n = args
                    .named_children(&mut c)
                    .filter(|a| !matches!(a.kind(), "keyword_argument" | "comment"))
                    .count();
                n
            };
            let splat = {
                let mut c = args.walk();
                let any = args
                    .named_children(&mut c)
                    .any(|a| a.kind() == "dictionary_splat" || a.kind() == "list_splat");
                any
            };
            let timeout = cx.sem.keyword_arg(args, "timeout");
            let none = timeout.is_some_and(|t| t.kind() == "none");
            if positional >= 2 || splat || (timeout.is_some() && !none) {
                return;
            }
            if sets_default_timeout(cx) || has_timeout_param(cx, call) {
                return;
            }
            cx.report(
                NAME,
                call,
                "`socket.create_connection` without a timeout can block forever".into(),
            );
        }
        "socket.socket" => {
            let Some(target) = bound_target(call) else {
                return;
            };
            // Unix-domain sockets talk to a local peer.
            let family = args
                .named_child(0)
                .or_else(|| cx.sem.keyword_arg(args, "family"));
            if family
                .and_then(|f| cx.sem.qualified_name(f))
                .is_some_and(|q| q == "socket.AF_UNIX")
            {
                return;
            }
            // `connect` on a datagram socket only records the peer address: it never waits.
            let datagram = args
                .named_child(1)
                .filter(|a| a.kind() != "keyword_argument")
                .or_else(|| cx.sem.keyword_arg(args, "type"))
                .and_then(|t| cx.sem.qualified_name(t))
                .is_some_and(|q| q == "socket.SOCK_DGRAM");
            let name = squeeze(cx.text(target));
            let scope = scope_of(call);
            let src = cx.sem.src;
            let methods: &[&str] = if datagram {
                &["recv", "recvfrom", "recv_into", "makefile"]
            } else {
                &[
                    "connect",
                    "connect_ex",
                    "recv",
                    "recvfrom",
                    "recv_into",
                    "makefile",
                ]
            };
            let blocking = method_calls_on(scope, src, &name, methods);
            let Some(first) = blocking.first().copied() else {
                return;
            };
            if !method_calls_on(scope, src, &name, &["settimeout", "setblocking"]).is_empty() {
                return;
            }
            if sets_default_timeout(cx) || has_timeout_param(cx, call) {
                return;
            }
            let msg = format!(
                "socket `{name}` has no timeout, so `{}` can block forever",
                vigil_query::shorten(cx.text(first))
            );
            cx.report(NAME, first, msg);
        }
        _ => {}
    }
}
