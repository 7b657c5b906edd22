//! `java/aws-custom-retry-loop`: a hand-written retry loop around an SDK call (a loop whose `try`
//! calls a service client and whose `catch` of an SDK exception goes round again), where the SDK's
//! own retry policy (backoff, jitter, throttling-aware) does the job.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{caught_types, client_call, is_sdk_exception, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_custom_retry_loop";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    if super::enclosing_repeat_loop(cx, node).is_none() {
        return;
    }
    let Some(body) = node.field("body") else {
        return;
    };
    // The SDK call being retried.
    let mut sdk_call = None;
    walk_tree(body, |n| {
        if sdk_call.is_none() && n.kind() == "method_invocation" {
            if let Some(c) = client_call(cx, n) {
                sdk_call = Some(c.method);
            }
        }
    });
    let Some(method) = sdk_call else {
        return;
    };
    let exits_on_success = contains_kind(body, &["break_statement", "return_statement"]);
    let mut cur = node.walk();
    let catches: Vec<Node<'_>> = node
        .named_children(&mut cur)
        .filter(|c| c.kind() == "catch_clause")
        .collect();
    let retried = catches.iter().any(|c| {
        let sdk = caught_types(cx, *c)
            .iter()
            .any(|t| is_sdk_exception(cx, t) || *t == "Exception" || *t == "RuntimeException");
        let Some(cbody) = c.field("body") else {
            return false;
        };
        let last_throws = cbody
            .named_children(&mut cbody.walk())
            .filter(|s| s.kind() != "line_comment" && s.kind() != "block_comment")
            .last()
            .is_some_and(|s| s.kind() == "throw_statement");
        let waits = super::polling_waiter::sleeps(cx, cbody)
            || contains_kind(cbody, &["continue_statement"]);
        sdk && !last_throws && (waits || exits_on_success)
    });
    if retried {
        let msg = format!(
            "hand-written retry loop around `{method}`; configure the client's retry policy (v2 `overrideConfiguration(o -> o.retryStrategy(..))`, v1 `ClientConfiguration.withRetryPolicy`) instead"
        );
        cx.report(NAME, node, msg);
    }
}

fn contains_kind(n: Node<'_>, kinds: &[&str]) -> bool {
    let mut hit = false;
    walk_tree(n, |c| {
        if kinds.contains(&c.kind()) {
            hit = true;
        }
    });
    hit
}
