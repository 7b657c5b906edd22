//! `java/aws-kms-reencrypt`: data decrypted with KMS and encrypted again with KMS in the same method;
//! `reEncrypt` does both inside KMS without exposing the plaintext to the caller.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{client_call, Checker, ClientCall};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_kms_reencrypt";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call.filter(|c| c.service.name == "kms" && c.method == "encrypt") else {
        return;
    };
    let Some(scope) = enclosing_callable(node) else {
        return;
    };
    let mut decrypted = false;
    walk_tree(scope, |n| {
        if !decrypted
            && n.start_byte() < node.start_byte()
            && n.kind() == "method_invocation"
            && n.field("name").is_some_and(|m| cx.text(m) == "decrypt")
            && client_call(cx, n).is_some_and(|c| c.service.name == "kms")
        {
            decrypted = true;
        }
    });
    if decrypted {
        let msg = format!(
            "KMS `decrypt` followed by `{}`: the plaintext leaves KMS only to go back in; use `reEncrypt`",
            call.method
        );
        cx.report(NAME, node, msg);
    }
}
