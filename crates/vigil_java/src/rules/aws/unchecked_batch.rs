//! `java/aws-unchecked-batch-failures`: a batch call whose response lists the items that failed
//! (`UnprocessedItems`, `Failed`, `FailedRecordCount`, ... from the generated table; DynamoDBMapper's
//! `List<FailedBatch>`) has its result discarded or never inspected for failures.

use tree_sitter::Node;
use vigil_aws::normalize;
use vigil_query::walk_tree;

use super::{lower_first, result_discarded, Checker, ClientCall};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_unchecked_batch_failures";

/// Members that list every entry with its own status (reading them counts as checking).
const PER_ENTRY: &[&str] = &["records", "requestresponses", "entries", "responses"];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(method) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    // What reading the result must mention; `None` = any use of the result counts.
    let failures: Option<Vec<String>> = if let Some(call) = call {
        let Some((op, b)) = call.service.batch(&call.method) else {
            return;
        };
        if lower_first(op) != call.method {
            return;
        }
        Some(b.failures.iter().map(|f| normalize(f)).collect())
    } else if matches!(method, "batchSave" | "batchWrite" | "batchDelete")
        && super::is_mapper(cx, node)
    {
        None
    } else {
        return;
    };
    let what = failures
        .as_ref()
        .and_then(|f| f.first().cloned())
        .unwrap_or_else(|| "failed batches".to_owned());
    if result_discarded(node) {
        let msg = format!(
            "the result of `{method}` is discarded: items that failed ({what}) are silently lost; check and retry them"
        );
        cx.report(NAME, node, msg);
        return;
    }
    if checked(cx, node, failures.as_deref()) {
        return;
    }
    let msg = format!(
        "the failures reported by `{method}` ({what}) are never read: items that failed are silently lost; check and retry them"
    );
    cx.report(NAME, node, msg);
}

/// Whether a name read on the result is one of the failure members (`getFailed`, `hasFailed`,
/// `unprocessedItems`, ...), or any use when `failures` is `None`.
fn reads_failure(name: &str, failures: Option<&[String]>) -> bool {
    let Some(failures) = failures else {
        return true;
    };
    let n = normalize(name);
    let stripped = ["get", "has"]
        .iter()
        .find_map(|p| n.strip_prefix(p))
        .unwrap_or(&n);
    failures.iter().any(|f| *f == n || f == stripped)
        || PER_ENTRY.contains(&stripped)
        || (stripped.starts_with("failed") || stripped.starts_with("unprocessed"))
}

/// Whether the result of the batch call `node` is inspected for failures (or handed on).
fn checked(cx: &Checker<'_, '_>, node: Node<'_>, failures: Option<&[String]>) -> bool {
    let Some(parent) = node.parent() else {
        return true;
    };
    let var = match parent.kind() {
        "method_invocation" => {
            return parent
                .field("name")
                .is_some_and(|m| reads_failure(cx.text(m), failures));
        }
        "variable_declarator" => parent.field("name"),
        "assignment_expression" => parent.field("left").filter(|l| l.kind() == "identifier"),
        // Returned, passed on, compared, ...: someone else looks at it.
        _ => return true,
    };
    let Some(var) = var.map(|v| cx.text(v).to_owned()) else {
        return true;
    };
    let Some(scope) = enclosing_callable(node) else {
        return true;
    };
    let mut ok = false;
    walk_tree(scope, |n| {
        if ok
            || n.kind() != "identifier"
            || cx.text(n) != var
            || n.start_byte() <= node.start_byte()
        {
            return;
        }
        let Some(p) = n.parent() else {
            return;
        };
        match p.kind() {
            "method_invocation" if p.field("object") == Some(n) => {
                if p.field("name")
                    .is_some_and(|m| reads_failure(cx.text(m), failures))
                {
                    ok = true;
                }
            }
            "assignment_expression" if p.field("left") == Some(n) => {}
            // Passed to a method, returned, iterated, compared: inspected elsewhere.
            "argument_list" | "return_statement" | "enhanced_for_statement" => {
                ok = true;
            }
            _ => {
                if failures.is_none() {
                    ok = true;
                }
            }
        }
    });
    ok
}
