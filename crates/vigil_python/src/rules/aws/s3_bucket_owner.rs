//! `python/aws-s3-missing-bucket-owner`: an S3 request naming a bucket (`Bucket=`) without
//! `ExpectedBucketOwner`: if the bucket was deleted and its name taken by another account, the
//! request silently reads from or writes to that account's bucket.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_s3_missing_bucket_owner";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |n| {
        let Some(call) = env.aws_call(cx, n) else {
            return;
        };
        // Only a receiver known to be an S3 client: `Bucket=` alone is too common elsewhere.
        if !call
            .svc
            .is_some_and(|s| s.service.name == "s3" && s.kind == Kind::Client)
        {
            return;
        }
        let op = call.op.as_str();
        if op == "create_bucket"
            || op.starts_with("generate_presigned")
            || op.starts_with("get_paginator")
            || op.starts_with("get_waiter")
            || op.starts_with("upload_")
            || op.starts_with("download_")
            || op == "copy"
        {
            return;
        }
        let kws = call.kwarg_names(cx);
        if kws.contains(&"Bucket") && !kws.contains(&"ExpectedBucketOwner") && !kws.contains(&"**")
        {
            hits.push(n);
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "S3 request without `ExpectedBucketOwner`: if the bucket changes hands the request goes to another account's bucket".to_owned(),
        );
    }
}
