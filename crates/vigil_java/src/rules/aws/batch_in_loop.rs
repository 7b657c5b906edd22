//! `java/aws-batch-operation-available`: one request per item in a loop over a collection where the
//! service has a batch operation (`sendMessage` → `sendMessageBatch`, `putItem` → `batchWriteItem`,
//! `putRecord` → `putRecords`, `publish` → `publishBatch`, `deleteObject` → `deleteObjects`, ...).

use tree_sitter::Node;
use vigil_aws::{normalize, Service};

use super::{enclosing_loop, lower_first, Checker, ClientCall};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_batch_operation_available";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call else {
        return;
    };
    let Some(batch) = batch_for(call.service, &call.method) else {
        return;
    };
    let Some(lp) = enclosing_loop(cx, node) else {
        return;
    };
    // Loops over a collection or a range; `while` loops are polling or retrying, not batching.
    if !matches!(
        lp.kind(),
        "enhanced_for_statement" | "for_statement" | "method_invocation"
    ) {
        return;
    }
    // Deleting (or extending) each received message once it is processed is the consumer's
    // at-least-once pattern: a message whose processing failed must not be deleted with the others.
    if call.service.name == "sqs"
        && matches!(
            call.method.as_str(),
            "deleteMessage" | "changeMessageVisibility"
        )
        && over_received_messages(cx, lp)
    {
        return;
    }
    let msg = format!(
        "`{}` is called once per item in a loop; `{batch}` sends up to a batch of items in one request",
        call.method
    );
    cx.report(NAME, node, msg);
}

/// The batch operation (Java spelling) that does the work of the single-item operation `method`.
fn batch_for(service: &Service, method: &str) -> Option<String> {
    let m = normalize(method);
    // Operations whose batch form is not named after them.
    let special = match (service.name.as_str(), m.as_str()) {
        ("dynamodb", "putitem" | "deleteitem") => Some("BatchWriteItem"),
        ("dynamodb", "getitem") => Some("BatchGetItem"),
        ("s3", "deleteobject") => return Some("deleteObjects".to_owned()),
        _ => None,
    };
    if let Some(op) = special {
        return service.batch(op).map(|(n, _)| lower_first(n));
    }
    service.batches().find_map(|(b, _)| {
        let nb = normalize(b);
        let single = nb
            .strip_suffix("batch")
            .or_else(|| nb.strip_suffix('s'))
            .or_else(|| nb.strip_prefix("batch"))?;
        (single == m && !single.is_empty()).then(|| lower_first(b))
    })
}

/// Whether the loop iterates over received SQS messages (a for-each of `Message`, or `forEach` on
/// a list of messages).
fn over_received_messages(cx: &Checker<'_, '_>, lp: Node<'_>) -> bool {
    match lp.kind() {
        "enhanced_for_statement" => lp
            .field("type")
            .is_some_and(|t| super::simple_type(cx.text(t)) == "Message"),
        "method_invocation" => lp
            .field("object")
            .is_some_and(|o| cx.text(o).to_ascii_lowercase().contains("messages")),
        _ => false,
    }
}
