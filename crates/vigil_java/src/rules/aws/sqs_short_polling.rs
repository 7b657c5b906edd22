//! `java/aws-sqs-short-polling`: `receiveMessage` without a wait time (`waitTimeSeconds` > 0) short
//! polls: it samples a subset of the queue's servers and returns at once, often empty, so a receive
//! loop burns requests (and money) and can miss messages.

use tree_sitter::Node;

use super::{request_from_elsewhere, sets_member, Checker, ClientCall};
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_sqs_short_polling";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "sqs" && c.method == "receiveMessage")
    else {
        return;
    };
    let scope = enclosing_callable(node).unwrap_or(node);
    if request_from_elsewhere(cx, node)
        || sets_member(cx, scope, "WaitTimeSeconds")
        || cx.text(scope).contains("ReceiveMessageWaitTimeSeconds")
        || cx.text(scope).contains("RECEIVE_MESSAGE_WAIT_TIME_SECONDS")
    {
        return;
    }
    let msg = format!(
        "`{}` without `waitTimeSeconds` short polls (returns at once, often empty); set a wait time of up to 20 seconds for long polling",
        call.method
    );
    cx.report(NAME, node, msg);
}
