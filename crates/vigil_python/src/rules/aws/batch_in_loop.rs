//! `python/aws-batch-operation-in-loop`: one request per item inside a `for` loop (or comprehension)
//! where the service has a batch operation: `send_message` → `send_message_batch`, `put_record` →
//! `put_records`/`put_record_batch`, `publish` → `publish_batch`, DynamoDB `put_item`/`delete_item` →
//! `batch_write_item` (or `Table.batch_writer()`), `get_item` → `batch_get_item`, S3 `delete_object` →
//! `delete_objects`.

use crate::fields::Field;
use vigil_aws::Service;
use vigil_query::walk_tree;

use super::{each_call, enclosing_loop, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_batch_operation_in_loop";

/// The batch alternative of single-item operation `op` of `s`, in boto3 spelling.
fn batch_alternative(s: &Service, op: &str, table: bool) -> Option<String> {
    match (s.name.as_str(), op) {
        ("dynamodb", "put_item" | "delete_item") if table => {
            return Some("batch_writer()".into());
        }
        ("dynamodb", "put_item" | "delete_item") => return Some("batch_write_item".into()),
        ("dynamodb", "get_item") => return Some("batch_get_item".into()),
        ("s3", "delete_object") => return Some("delete_objects".into()),
        _ => {}
    }
    // The generated batch operations whose name extends the single one (`send_message_batch`,
    // `put_records`, `put_record_batch`, `publish_batch`).
    for cand in [format!("{op}_batch"), format!("{op}s")] {
        if let Some((_, b)) = s.batch(&cand) {
            return Some(if b.py.is_empty() { cand } else { b.py.clone() });
        }
    }
    None
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        // The receiver first: finding the enclosing loop walks up the tree.
        let Some(call) = env.aws_call(cx, n) else {
            return;
        };
        let Some(lp) = enclosing_loop(n) else { return };
        if lp.kind() == "while_statement" {
            return; // polling/consumer loops, not iteration over a collection
        }
        // Writes through `with table.batch_writer() as w:` are batched already.
        let mut up = n.parent();
        while let Some(p) = up {
            if p.kind() == "with_statement" && cx.text(p).contains("batch_writer(") {
                return;
            }
            up = p.parent();
        }
        let table = call.svc.is_some_and(|s| s.kind == Kind::Table);
        let services = call.services(|s| batch_alternative(s, &call.op, table).is_some());
        let Some(s) = services.first() else { return };
        let Some(alt) = batch_alternative(s, &call.op, table) else {
            return;
        };
        // A loop that stops after the first success is not per-item work.
        let mut breaks = false;
        if let Some(body) = lp.field("body") {
            walk_tree(body, |b| {
                breaks |= b.kind() == "break_statement" || b.kind() == "return_statement"
            });
        }
        if breaks {
            return;
        }
        hits.push((
            n,
            format!(
                "`{}` is called once per item in a loop; `{}` has `{alt}`, which sends many items per request",
                call.op, s.name
            ),
        ));
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
