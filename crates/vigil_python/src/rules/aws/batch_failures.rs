//! `python/aws-unchecked-batch-failures`: a batch call whose response lists the items that failed
//! (`UnprocessedItems`, `UnprocessedKeys`, `Failed`, `FailedRecordCount`, `FailedPutCount`, …, from the
//! generated table; the SQS `Queue` resource's `send_messages`/`delete_messages`/
//! `change_message_visibility_batch`) is discarded or never inspected for them: those items are lost.

use super::{mentions, report_calls, scope, use_of, Checker, Env, Kind, Use};

pub(crate) const NAME: &str = "aws_unchecked_batch_failures";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let n = call.call;
        let services = call.services(|s| s.batch(&call.op).is_some());
        let mut failures: Vec<&str> = services
            .iter()
            .filter_map(|s| s.batch(&call.op))
            .flat_map(|(_, b)| b.failures.iter().map(String::as_str))
            .collect();
        // The resource style: `sqs.Queue(url).send_messages(...)` (and `delete_messages`,
        // `change_message_visibility_batch`) are the SQS batch operations, answering `Failed`.
        if failures.is_empty()
            && call
                .svc
                .is_some_and(|s| s.kind == Kind::Sub && s.service.name == "sqs")
            && matches!(
                call.op.as_str(),
                "send_messages" | "delete_messages" | "change_message_visibility_batch"
            )
        {
            failures.push("Failed");
        }
        if failures.is_empty() {
            return None;
        }
        let list = failures.join("`/`");
        match use_of(n) {
            Use::Discarded => Some(format!(
                "the response of `{}` is discarded: items listed in `{list}` were not processed and are lost",
                call.op
            )),
            Use::Assigned(_) | Use::Other(_) if !mentions(cx, scope(n), &failures) => Some(format!(
                "the response of `{}` is never checked for `{list}`: failed items are silently lost",
                call.op
            )),
            _ => None,
        }
    });
}
