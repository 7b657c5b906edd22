//! `python/aws-unchecked-batch-failures`: a batch call whose response lists the items that failed
//! (`UnprocessedItems`, `UnprocessedKeys`, `Failed`, `FailedRecordCount`, `FailedPutCount`, …, from the
//! generated table) is discarded or never inspected for them: those items are silently lost.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{mentions, scope, use_of, Checker, Env, Use};

pub(crate) const NAME: &str = "aws_unchecked_batch_failures";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        let Some(call) = env.aws_call(cx, n) else {
            return;
        };
        let services = call.services(|s| s.batch(&call.op).is_some());
        if services.is_empty() {
            return;
        }
        let failures: Vec<&str> = services
            .iter()
            .filter_map(|s| s.batch(&call.op))
            .flat_map(|(_, b)| b.failures.iter().map(String::as_str))
            .collect();
        let list = failures.join("`/`");
        let msg = match use_of(n) {
            Use::Discarded => format!(
                "the response of `{}` is discarded: items listed in `{list}` were not processed and are lost",
                call.op
            ),
            Use::Assigned(_) | Use::Other(_) => {
                if mentions(cx, scope(n), &failures) {
                    return;
                }
                format!(
                    "the response of `{}` is never checked for `{list}`: failed items are silently lost",
                    call.op
                )
            }
            Use::Returned => return,
        };
        hits.push((n, msg));
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
