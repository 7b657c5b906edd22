//! `python/aws-sqs-queue-url-from-name`: an SQS queue URL assembled by string formatting
//! (`f"https://sqs.{region}.amazonaws.com/{account}/{name}"`) instead of asked for with
//! `get_queue_url(QueueName=...)`: the format is not a contract (it differs by partition and endpoint
//! style) and a typo addresses another queue.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{Checker, Env};

pub(crate) const NAME: &str = "aws_sqs_queue_url_from_name";

fn is_formatted(n: Node<'_>) -> bool {
    match n.kind() {
        "string" => {
            let mut c = n.walk();
            let interp = n
                .named_children(&mut c)
                .any(|p| p.kind() == "interpolation");
            interp
        }
        "binary_operator" => true,
        "call" => n
            .field("function")
            .and_then(|f| f.field("attribute"))
            .is_some(),
        _ => false,
    }
}

pub(super) fn check(cx: &mut Checker<'_, '_>, _env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        if !matches!(n.kind(), "string" | "binary_operator" | "call") || !is_formatted(n) {
            return;
        }
        // Outermost expression only.
        if n.parent().is_some_and(|p| {
            matches!(p.kind(), "binary_operator")
                || (p.kind() == "attribute" && n.kind() == "string")
        }) {
            return;
        }
        let t = cx.text(n);
        if !(t.contains("https://sqs.") || t.contains("//sqs.")) || !t.contains("amazonaws.com") {
            return;
        }
        if n.kind() == "call" && !t.contains(".format(") {
            return;
        }
        hits.push(n);
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "SQS queue URL built by string formatting; get it with `sqs.get_queue_url(QueueName=name)[\"QueueUrl\"]`".to_owned(),
        );
    }
}
