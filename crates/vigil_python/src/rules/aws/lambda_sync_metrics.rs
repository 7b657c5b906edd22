//! `python/aws-lambda-sync-metrics`: CloudWatch `put_metric_data` called inside a Lambda handler.
//! Each call is a synchronous API request on the invocation's critical path (latency, throttling,
//! cost per invocation); the embedded metric format writes metrics to the log stream asynchronously.

use super::client_reuse::is_handler;
use super::{enclosing_function, report_calls, Checker, Env};

pub(crate) const NAME: &str = "aws_lambda_sync_metrics";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let metrics =
            call.op == "put_metric_data" && call.svc.is_none_or(|s| s.service.name == "cloudwatch");
        let in_handler = enclosing_function(call.call).is_some_and(|f| is_handler(cx, f));
        (metrics && in_handler).then(|| {
            "`put_metric_data` in a Lambda handler publishes metrics synchronously on every invocation; emit them in the embedded metric format (a structured log line) instead".to_owned()
        })
    });
}
