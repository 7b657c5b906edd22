//! `python/aws-sns-unauthenticated-unsubscribe`: SNS `confirm_subscription` without
//! `AuthenticateOnUnsubscribe="true"`: anyone who gets the unsubscribe link (every message carries
//! it) can then unsubscribe the endpoint without AWS credentials.

use vigil_query::{ConstValue, Semantics};

use super::{report_calls, Checker, Env};

pub(crate) const NAME: &str = "aws_sns_unauthenticated_unsubscribe";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        if call.op != "confirm_subscription"
            || call.svc.is_some_and(|s| s.service.name != "sns")
            || call.kwarg_names(cx).contains(&"**")
        {
            return None;
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
        (!ok).then(|| {
            "`confirm_subscription` without `AuthenticateOnUnsubscribe=\"true\"` lets anyone with the unsubscribe link remove the subscription".to_owned()
        })
    });
}
