//! `java/aws-client-constructor-deprecated`: SDK v1 client constructors (`new AmazonS3Client()`,
//! `new AmazonDynamoDBClient(creds)`, `new TransferManager(s3)`) are deprecated in favour of builders.

use tree_sitter::Node;

use super::{client_service, may_be_sdk_type, simple_type, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_client_constructor_deprecated";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(ty) = node.field("type") else {
        return;
    };
    if node
        .named_children(&mut node.walk())
        .any(|c| c.kind() == "class_body")
    {
        return;
    }
    let name = simple_type(cx.text(ty));
    let v1_client = (name.starts_with("Amazon") || name.starts_with("AWS"))
        && name.ends_with("Client")
        && client_service(cx, &name).is_some();
    let other = matches!(
        name.as_str(),
        "TransferManager" | "AmazonS3EncryptionClient" | "AmazonS3EncryptionClientV2"
    ) && may_be_sdk_type(cx, &name);
    if !(v1_client || other) {
        return;
    }
    let builder = if name == "TransferManager" {
        "TransferManagerBuilder".to_owned()
    } else {
        format!("{name}Builder")
    };
    let msg = format!(
        "the `{name}` constructor is deprecated; build the client with `{builder}.standard()...build()` (or `defaultClient()`)"
    );
    cx.report(NAME, node, msg);
}
