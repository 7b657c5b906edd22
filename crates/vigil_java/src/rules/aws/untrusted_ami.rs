//! `java/aws-untrusted-ami-lookup`: EC2 `describeImages` without an owner (`owners`, an `owner-id` or
//! `owner-alias` filter) or explicit image ids: a lookup by name can return an AMI published by
//! anyone.

use tree_sitter::Node;

use super::{request_from_elsewhere, sets_member, Checker, ClientCall};
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_untrusted_ami_lookup";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "ec2" && c.method == "describeImages")
    else {
        return;
    };
    let scope = enclosing_callable(node).unwrap_or(node);
    let text = cx.text(scope);
    if request_from_elsewhere(cx, node)
        || sets_member(cx, scope, "Owners")
        || sets_member(cx, scope, "ImageIds")
        || text.contains("\"owner-id\"")
        || text.contains("\"owner-alias\"")
    {
        return;
    }
    let msg = format!(
        "`{}` without an owner filter can return an AMI published by anyone; restrict it with `owners(..)` (your account, `amazon`, or a trusted publisher)",
        call.method
    );
    cx.report(NAME, node, msg);
}
