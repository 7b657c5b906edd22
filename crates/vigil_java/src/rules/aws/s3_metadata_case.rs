//! `java/aws-s3-metadata-case-sensitive`: S3 user metadata keys are stored lower-case, so a lookup
//! with an upper-case key (`getUserMetadata().get("Owner")`, v2 `metadata().get("Owner")`) never
//! matches.

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::{expr_type, may_be_sdk_type, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_s3_metadata_case_sensitive";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    let Some(obj) = node.field("object") else {
        return;
    };
    let Some(key) = node.field("arguments").and_then(|a| a.named_child(0)) else {
        return;
    };
    let is_lookup = match name {
        // v1 `ObjectMetadata.getUserMetaDataOf(key)`.
        "getUserMetaDataOf" => {
            expr_type(cx, obj).is_some_and(|t| t == "ObjectMetadata" && may_be_sdk_type(cx, &t))
        }
        "get" | "containsKey" | "getOrDefault" => {
            obj.kind() == "method_invocation" && {
                let inner = obj.field("name").map(|n| cx.text(n));
                match inner {
                    Some("getUserMetadata") => true,
                    Some("metadata") => obj
                        .field("object")
                        .and_then(|o| s3_response_type(cx, o))
                        .is_some(),
                    _ => false,
                }
            }
        }
        _ => false,
    };
    if !is_lookup {
        return;
    }
    let Some(ConstValue::Str(k)) = cx.sem.const_value(key) else {
        return;
    };
    if k.chars().any(|c| c.is_ascii_uppercase()) {
        let msg = format!(
            "S3 stores user metadata keys in lower case: the key \"{k}\" never matches; look up \"{}\"",
            k.to_ascii_lowercase()
        );
        cx.report(NAME, key, msg);
    }
}

/// The v2 response types that carry user metadata (`HeadObjectResponse`, `GetObjectResponse`).
fn s3_response_type(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<String> {
    if n.kind() == "method_invocation" {
        // `s3.headObject(r).metadata()`, `s3.getObject(r).response().metadata()`.
        let m = n.field("name").map(|x| cx.text(x))?;
        let of_get_object = || {
            n.field("object")
                .filter(|o| o.kind() == "method_invocation")
                .and_then(|o| o.field("name"))
                .is_some_and(|g| matches!(cx.text(g), "getObject" | "getObjectAsBytes"))
        };
        let fits = m == "headObject" || (m == "response" && of_get_object());
        return fits.then(|| m.to_owned());
    }
    expr_type(cx, n).filter(|t| {
        matches!(t.as_str(), "HeadObjectResponse" | "GetObjectResponse") && may_be_sdk_type(cx, t)
    })
}
