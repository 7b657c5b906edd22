//! `java/aws-s3-missing-bucket-owner`: an S3 request naming a bucket without the expected bucket
//! owner (`expectedBucketOwner`, v1 `withExpectedBucketOwner`): if the bucket was deleted and its name
//! taken by another account, the request silently reads from or writes to that account's bucket.
//! The Java twin of `python/aws-s3-missing-bucket-owner`.

use tree_sitter::Node;
use vigil_query::Semantics;

use super::{
    call_args, chain_root, local_initializer, request_from_elsewhere, sets_member, simple_type,
    unwrap_expr, Checker, ClientCall,
};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_s3_missing_bucket_owner";

/// Client methods that send no request naming an existing bucket, or take no owner condition.
const EXEMPT: &[&str] = &[
    "createBucket",
    "listBuckets",
    "listDirectoryBuckets",
    "createSession",
    "writeGetObjectResponse",
    "generatePresignedUrl",
    "getUrl",
    "getResourceUrl",
    "getS3AccountOwner",
    "waiter",
    "utilities",
    "close",
    "shutdown",
    "serviceName",
    "serviceClientConfiguration",
];

/// SDK v1 convenience overloads taking the bucket name as their first `String` argument (they cannot
/// carry the owner condition; the request-object overload can).
fn v1_bucket_overload(method: &str) -> bool {
    matches!(
        method,
        "getObject"
            | "getObjectAsString"
            | "getObjectMetadata"
            | "putObject"
            | "deleteObject"
            | "copyObject"
            | "listObjects"
            | "listObjectsV2"
            | "listVersions"
            | "doesObjectExist"
            | "deleteBucket"
            | "deleteVersion"
            | "restoreObject"
            | "restoreObjectV2"
            | "getBucketLocation"
    ) || [
        "getBucket",
        "setBucket",
        "deleteBucket",
        "getObjectAcl",
        "setObjectAcl",
    ]
    .iter()
    .any(|p| method.starts_with(p))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "s3") else {
        return;
    };
    let method = call.method.as_str();
    if EXEMPT.contains(&method) || method.starts_with("doesBucketExist") {
        return;
    }
    let args = call_args(node);
    let Some(first) = args.first().map(|a| unwrap_expr(*a)) else {
        return;
    };
    let scope = enclosing_callable(node).unwrap_or(node);
    if sets_member(cx, scope, "ExpectedBucketOwner") || request_from_elsewhere(cx, node) {
        return;
    }
    let msg = if is_string(cx, first) {
        if !v1_bucket_overload(method) {
            return;
        }
        format!(
            "`{method}(bucket, ...)` cannot state the expected bucket owner: if the bucket changes hands the request goes to another account's bucket; use the request overload with `withExpectedBucketOwner`"
        )
    } else if names_bucket(cx, first, node) {
        format!(
            "S3 `{method}` request without `expectedBucketOwner`: if the bucket changes hands the request goes to another account's bucket"
        )
    } else {
        return;
    };
    cx.report(NAME, node, msg);
}

/// Whether `e` is a string: a literal, a concatenation, or a variable declared `String`.
fn is_string(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    match e.kind() {
        "string_literal" => true,
        "binary_expression" => cx.sem.const_value(e).is_some() || cx.text(e).contains('"'),
        "identifier" => cx
            .sem
            .declared_type_of(cx.text(e), e)
            .is_some_and(|t| t == "String"),
        "field_access" => e
            .field("field")
            .and_then(|f| cx.sem.declared_type_of(cx.text(f), e))
            .is_some_and(|t| t == "String"),
        _ => false,
    }
}

/// Whether the request argument `e` of `call` names a bucket: a v2 builder chain or lambda calling
/// `bucket(..)`, a v1 request built with `withBucketName`/`setBucketName` or constructed with
/// arguments (`new GetObjectRequest(bucket, key)`), directly or through a local variable.
fn names_bucket(cx: &Checker<'_, '_>, e: Node<'_>, call: Node<'_>) -> bool {
    let e = match e.kind() {
        "identifier" => match local_initializer(cx, cx.text(e), call) {
            Some(init) => unwrap_expr(init),
            None => return false,
        },
        _ => e,
    };
    match e.kind() {
        "lambda_expression" => cx.text(e).contains(".bucket("),
        "method_invocation" => {
            let t = cx.text(e);
            t.contains(".bucket(") || t.contains("BucketName(") || {
                let (root, _) = chain_root(e);
                root.kind() == "object_creation_expression" && names_bucket(cx, root, call)
            }
        }
        "object_creation_expression" => {
            let ty = e
                .field("type")
                .map(|t| simple_type(cx.text(t)))
                .unwrap_or_default();
            ty.ends_with("Request")
                && ty != "ListBucketsRequest"
                && ty != "CreateBucketRequest"
                && e.field("arguments")
                    .is_some_and(|a| a.named_child_count() > 0)
        }
        _ => false,
    }
}
