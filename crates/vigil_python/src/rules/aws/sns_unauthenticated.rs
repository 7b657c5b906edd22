//! `python/aws-sns-unauthenticated-unsubscribe`: SNS `confirm_subscription` without
//! `AuthenticateOnUnsubscribe="true"`: anyone who gets the unsubscribe link (every message carries
//! it) can then unsubscribe the endpoint without AWS credentials.

use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{Checker, Env};

pub(crate) const NAME: &str = "aws_sns_unauthenticated_unsubscribe";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        let Some(call) = env.aws_call(cx, n) else {
            return;
        };
        if call.op != "confirm_subscription" {
            return;
        }
        if call.svc.is_some_and(|s| s.service.name != "sns") {
            return;
        }
        if call.kwarg_names(cx).contains(&"**") {
            return;
        }
        let ok = call
            .kwarg(cx, "AuthenticateOnUnsubscribe")
            .is_some_and(|v| {
                match cx.sem.const_value(v) {
                    Some(ConstValue::Str(s)) => s.eq_ignore_ascii_case("true"),
                    Some(ConstValue::Bool(b)) => b,
                    Some(_) => false,
                    None => true, // computed: not known to be off
                }
            });
        if !ok {
            hits.push(n);
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "`confirm_subscription` without `AuthenticateOnUnsubscribe=\"true\"` lets anyone with the unsubscribe link remove the subscription".to_owned(),
        );
    }
}
