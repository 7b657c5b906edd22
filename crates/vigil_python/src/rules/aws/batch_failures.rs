//! `python/aws-unchecked-batch-failures`: a batch call whose response lists the items that failed
//! (`UnprocessedItems`, `UnprocessedKeys`, `Failed`, `FailedRecordCount`, `FailedPutCount`, …, from the
//! generated table) is discarded or never inspected for them: those items are silently lost.

use tree_sitter::Node;

use super::{mentions, report_calls, scope, use_of, Checker, Env, Use};

pub(crate) const NAME: &str = "aws_unchecked_batch_failures";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    report_calls(cx, env, root, NAME, |cx, call| {
        let n = call.call;
        let services = call.services(|s| s.batch(&call.op).is_some());
        let failures: Vec<&str> = services
            .iter()
            .filter_map(|s| s.batch(&call.op))
            .flat_map(|(_, b)| b.failures.iter().map(String::as_str))
            .collect();
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
