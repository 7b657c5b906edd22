//! `python/aws-manual-retry`: a hand-written retry loop around a boto3 call (a loop that catches
//! `ClientError`/`BotoCoreError` and sleeps) instead of botocore's retry configuration
//! (`Config(retries={"mode": "standard"|"adaptive", "max_attempts": n})`), which already retries
//! throttling and transient errors with jittered exponential backoff.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{calls, enclosing_loop, has_sleep, Checker, Env};

pub(crate) const NAME: &str = "aws_manual_retry";

/// Whether an `except` type names a botocore error (or, `generic`, any exception).
fn catches_aws_error(text: &str, generic: bool) -> bool {
    text.contains("ClientError")
        || text.contains("BotoCoreError")
        || text.contains("botocore")
        || text.contains("Throttl")
        || text.contains("EndpointConnectionError")
        || text.contains(".exceptions.")
        || (generic && (text.contains("Exception") || text.is_empty()))
}

/// Whether a client method sends a request (not `get_paginator`, `get_waiter`, `close`, ...).
fn is_request(op: &str) -> bool {
    !matches!(
        op,
        "get_paginator"
            | "get_waiter"
            | "can_paginate"
            | "close"
            | "generate_presigned_url"
            | "generate_presigned_post"
    ) && !op.starts_with('_')
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |t| {
        if t.kind() != "try_statement" {
            return;
        }
        let Some(lp) = enclosing_loop(t) else { return };
        let Some(body) = t.field("body") else {
            return;
        };
        let aws: Vec<_> = calls(body)
            .into_iter()
            .filter_map(|c| env.aws_call(cx, c))
            .filter(|c| c.svc.is_some() && is_request(&c.op))
            .collect();
        let Some(first) = aws.first() else { return };
        let mut c = t.walk();
        let catches = t.named_children(&mut c).any(|ex| {
            ex.kind() == "except_clause"
                && catches_aws_error(ex.field("value").map_or("", |v| cx.text(v)), true)
        });
        if !catches || !has_sleep(cx, lp) {
            return;
        }
        // A `for` loop over data (not a retry counter) that sleeps between items is throttling, not retrying.
        if lp.kind() == "for_statement" {
            let over = lp.field("right").map_or("", |r| cx.text(r));
            if !over.starts_with("range(") && !over.contains("retr") && !over.contains("attempt") {
                return;
            }
        }
        hits.push((
            first.call,
            format!(
                "hand-written retry loop around `{}`; configure botocore retries instead (`Config(retries={{\"mode\": \"standard\", \"max_attempts\": N}})`)",
                first.op
            ),
        ));
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
