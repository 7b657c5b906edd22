//! `java/aws-sns-unauthenticated-unsubscribe`: an SNS subscription confirmed without
//! `AuthenticateOnUnsubscribe=true`, so anyone holding the unsubscribe link can remove it.

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::{call_args, request_from_elsewhere, sets_member, Checker, ClientCall};
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_sns_unauthenticated_unsubscribe";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "sns" && c.method == "confirmSubscription")
    else {
        return;
    };
    let args = call_args(node);
    let unauthenticated = match args.len() {
        // v1 `confirmSubscription(topicArn, token)`: the flag defaults to false.
        2 => true,
        // v1 `confirmSubscription(topicArn, token, authenticateOnUnsubscribe)`.
        3 => {
            !matches!(cx.sem.const_value(args[2]), Some(ConstValue::Str(s)) if s.eq_ignore_ascii_case("true"))
        }
        _ => {
            let scope = enclosing_callable(node).unwrap_or(node);
            !request_from_elsewhere(cx, node)
                && !sets_member(cx, scope, "AuthenticateOnUnsubscribe")
        }
    };
    if unauthenticated {
        let msg = format!(
            "`{}` without `authenticateOnUnsubscribe(\"true\")`: anyone with the unsubscribe link can remove the subscription",
            call.method
        );
        cx.report(NAME, node, msg);
    }
}
