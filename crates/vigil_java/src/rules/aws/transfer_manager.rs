//! `java/aws-transfer-manager-not-shutdown`: a `TransferManager` (v1) or `S3TransferManager` (v2)
//! built in a method, kept in a local variable, and never shut down (`shutdownNow`/`close`), returned
//! or stored: its thread pool (and its S3 client) outlive the method.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{may_be_sdk_type, simple_type, Checker};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_transfer_manager_not_shutdown";

const RELEASE: &[&str] = &["shutdownNow", "close", "shutdown"];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) || !builds_transfer_manager(cx, node) {
        return;
    }
    let Some(decl) = node.parent().filter(|p| p.kind() == "variable_declarator") else {
        return;
    };
    // `try (S3TransferManager tm = ...)` closes it.
    if decl.parent().is_some_and(|p| p.kind() == "resource") {
        return;
    }
    let Some(var) = decl.field("name").map(|n| cx.text(n).to_owned()) else {
        return;
    };
    let Some(scope) = enclosing_callable(node) else {
        return;
    };
    if scope.kind() != "method_declaration" && scope.kind() != "lambda_expression" {
        return;
    }
    let mut kept = false;
    walk_tree(scope, |n| {
        if kept
            || n.kind() != "identifier"
            || cx.text(n) != var
            || n.start_byte() <= decl.end_byte()
        {
            return;
        }
        let Some(p) = n.parent() else {
            return;
        };
        match p.kind() {
            "method_invocation"
                if p.field("object") == Some(n)
                    && p.field("name")
                        .is_some_and(|m| RELEASE.contains(&cx.text(m))) =>
            {
                kept = true;
            }
            "return_statement" | "argument_list" | "resource" => kept = true,
            "assignment_expression" if p.field("right") == Some(n) => kept = true,
            _ => {}
        }
    });
    if !kept {
        let msg = format!(
            "transfer manager `{var}` is never shut down: its threads outlive the method; call `shutdownNow()` (v2: `close()`) in a `finally`, or keep one for the application's life"
        );
        cx.report(NAME, node, msg);
    }
}

/// `TransferManagerBuilder.standard()...build()`, `TransferManagerBuilder.defaultTransferManager()`,
/// `new TransferManager(..)`, `S3TransferManager.create()` / `.builder()...build()`.
fn builds_transfer_manager(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    match node.kind() {
        "object_creation_expression" => node.field("type").is_some_and(|t| {
            let n = simple_type(cx.text(t));
            n == "TransferManager" && may_be_sdk_type(cx, &n)
        }),
        "method_invocation" => {
            let Some(name) = node.field("name").map(|n| cx.text(n)) else {
                return false;
            };
            let (root, _) = super::chain_root(node);
            let root = cx.text(root);
            let fits = match root {
                "TransferManagerBuilder" => {
                    matches!(name, "build" | "defaultTransferManager")
                }
                "S3TransferManager" => matches!(name, "build" | "create"),
                _ => false,
            };
            fits && may_be_sdk_type(cx, root)
        }
        _ => false,
    }
}
