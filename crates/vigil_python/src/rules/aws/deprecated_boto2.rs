//! `python/aws-deprecated-boto2`: the legacy `boto` (version 2) SDK: `boto.connect_s3()`,
//! `boto.ec2.connect_to_region(...)`, `boto.s3.connection.S3Connection(...)`. boto 2 is unmaintained,
//! does not support newer regions, signature versions, credential providers or services, and gets no
//! security fixes; boto3 replaces it.

use crate::fields::Field;
use vigil_query::Semantics;

use super::{each_call, Checker, Env};

pub(crate) const NAME: &str = "aws_deprecated_boto2";

pub(super) fn check(cx: &mut Checker<'_, '_>, _env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        if n.kind() != "call" {
            return;
        }
        let Some(q) = n.field("function").and_then(|f| cx.sem.qualified_name(f)) else {
            return;
        };
        let Some(rest) = q.strip_prefix("boto.") else {
            return;
        };
        let last = rest.rsplit('.').next().unwrap_or(rest);
        if last.starts_with("connect") || last.ends_with("Connection") {
            hits.push((n, q));
        }
    });
    for (n, q) in hits {
        cx.report(
            NAME,
            n,
            format!(
                "`{q}` is the unmaintained boto 2 SDK; use a boto3 client (`boto3.client(...)`)"
            ),
        );
    }
}
