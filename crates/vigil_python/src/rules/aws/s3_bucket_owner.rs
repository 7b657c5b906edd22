//! `python/aws-s3-missing-bucket-owner`: an S3 request naming a bucket (`Bucket=`) without
//! `ExpectedBucketOwner`: if the bucket was deleted and its name taken by another account, the
//! request silently reads from or writes to that account's bucket.

use super::{report_calls, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_s3_missing_bucket_owner";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        // Only a receiver known to be an S3 client: `Bucket=` alone is too common elsewhere.
        if !call
            .svc
            .is_some_and(|s| s.service.name == "s3" && s.kind == Kind::Client)
        {
            return None;
        }
        let op = call.op.as_str();
        let exempt = op == "create_bucket"
            || op == "copy"
            || [
                "generate_presigned",
                "get_paginator",
                "get_waiter",
                "upload_",
                "download_",
            ]
            .iter()
            .any(|p| op.starts_with(p));
        let kws = call.kwarg_names(cx);
        (!exempt
            && kws.contains(&"Bucket")
            && !kws.contains(&"ExpectedBucketOwner")
            && !kws.contains(&"**"))
            .then(|| {
                "S3 request without `ExpectedBucketOwner`: if the bucket changes hands the request goes to another account's bucket".to_owned()
            })
    });
}
