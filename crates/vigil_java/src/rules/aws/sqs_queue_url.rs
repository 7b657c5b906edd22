//! `java/aws-sqs-queue-url-from-name`: an SQS queue URL assembled from strings
//! (`"https://sqs." + region + ".amazonaws.com/" + account + "/" + name`) instead of asked for with
//! `getQueueUrl`: the format differs by partition and endpoint and breaks silently.

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_sqs_queue_url_from_name";

/// The most `+` operands a concatenation may have to be looked at.
const MAX_PIECES: usize = 32;

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    // No constant of the file can spell the SQS host: nothing to resolve.
    if !cx.on(NAME) || !cx.sem.may_spell_aws_host() {
        return;
    }
    let is_plus = |n: Node<'_>| {
        n.kind() == "binary_expression" && n.field("operator").is_some_and(|o| cx.text(o) == "+")
    };
    if !is_plus(node) || node.parent().is_some_and(is_plus) {
        return;
    }
    // The constant pieces, left to right.
    let mut parts = String::new();
    let mut stack = vec![node];
    let mut leaves = Vec::new();
    while let Some(n) = stack.pop() {
        // A URL has a handful of pieces: a long concatenation (generated code) is not one, and
        // resolving each of its operands would take quadratic time.
        if leaves.len() > MAX_PIECES {
            return;
        }
        if is_plus(n) {
            if let Some(r) = n.field("right") {
                stack.push(r);
            }
            if let Some(l) = n.field("left") {
                stack.push(l);
            }
        } else {
            leaves.push(n);
        }
    }
    // A fully constant URL is configuration, not assembly.
    if cx.sem.const_value(node).is_some() {
        return;
    }
    for l in leaves {
        if let Some(ConstValue::Str(s)) = cx.sem.const_value(l) {
            parts.push_str(&s);
        } else {
            parts.push('\u{0}');
        }
    }
    let lower = parts.to_ascii_lowercase();
    if lower.contains("sqs.") && lower.contains("amazonaws.com") {
        cx.report(
            NAME,
            node,
            "SQS queue URL built from strings; ask SQS for it with `getQueueUrl(queueName)`"
                .to_owned(),
        );
    }
}
