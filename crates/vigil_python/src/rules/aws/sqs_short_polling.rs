//! `python/aws-sqs-short-polling`: SQS `receive_message` (client) or `Queue.receive_messages`
//! (resource) without `WaitTimeSeconds`: short polling answers at once, often empty, from a subset of
//! servers, so consumers spin and pay for empty receives. Long polling (`WaitTimeSeconds=1..20`) waits
//! for messages.

use super::{report_calls, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_sqs_short_polling";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let sqs = match call.op.as_str() {
            "receive_message" => !call.services(|s| s.name == "sqs").is_empty(),
            "receive_messages" => call
                .svc
                .is_none_or(|s| s.service.name == "sqs" && s.kind == Kind::Sub),
            _ => false,
        };
        let kws = call.kwarg_names(cx);
        (sqs && !kws.contains(&"WaitTimeSeconds") && !kws.contains(&"**")).then(|| {
            "SQS receive without `WaitTimeSeconds` short-polls (returns at once, often empty); pass `WaitTimeSeconds=20` to long-poll".to_owned()
        })
    });
}
