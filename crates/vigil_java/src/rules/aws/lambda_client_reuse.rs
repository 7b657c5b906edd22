//! `java/aws-lambda-client-reuse`: an SDK client built inside a Lambda handler's `handleRequest` (or a
//! method of the handler class that it calls) is rebuilt on every invocation.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{constructs_client, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_lambda_client_reuse";

/// The Lambda handler interfaces of `aws-lambda-java-core`.
const HANDLER_INTERFACES: &[&str] = &["RequestHandler", "RequestStreamHandler"];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(ty) = constructs_client(cx, node) else {
        return;
    };
    let Some(method) = enclosing_method(node) else {
        return;
    };
    let Some(class) = method.parent().and_then(|b| b.parent()) else {
        return;
    };
    if !is_handler_class(cx, class) {
        return;
    }
    let Some(mname) = method.field("name").map(|n| cx.text(n)) else {
        return;
    };
    let in_handler = mname == "handleRequest" || called_from_handler(cx, class, mname);
    if in_handler {
        let msg = format!(
            "`{ty}` client is built on every invocation of the Lambda handler; build it once (a static or instance field, or the constructor) and reuse it"
        );
        cx.report(NAME, node, msg);
    }
}

/// The method declaration around `node` (lambdas inside it included).
pub(crate) fn enclosing_method(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "method_declaration" => return Some(n),
            "constructor_declaration" | "class_body" | "static_initializer" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}

/// A class that implements a Lambda handler interface (by name, resolved through imports when
/// imported), or declares `handleRequest(.., Context)`.
fn is_handler_class(cx: &Checker<'_, '_>, class: Node<'_>) -> bool {
    if class.kind() != "class_declaration" {
        return false;
    }
    if let Some(ifaces) = class.field("interfaces") {
        let mut hit = false;
        walk_tree(ifaces, |n| {
            if n.kind() == "type_identifier" {
                let t = cx.text(n);
                if HANDLER_INTERFACES.contains(&t) && super::may_be_sdk_type(cx, t) {
                    hit = true;
                }
            }
        });
        if hit {
            return true;
        }
    }
    let Some(body) = class.field("body") else {
        return false;
    };
    let mut cur = body.walk();
    let has = body.named_children(&mut cur).any(|m| {
        m.kind() == "method_declaration"
            && m.field("name")
                .is_some_and(|n| cx.text(n) == "handleRequest")
            && m.field("parameters").is_some_and(|p| {
                let mut c = p.walk();
                let any = p
                    .named_children(&mut c)
                    .any(|q| q.field("type").is_some_and(|t| cx.text(t) == "Context"));
                any
            })
    });
    has
}

/// Whether `handleRequest` of `class` calls the method `name` of this class.
fn called_from_handler(cx: &Checker<'_, '_>, class: Node<'_>, name: &str) -> bool {
    let Some(body) = class.field("body") else {
        return false;
    };
    let mut cur = body.walk();
    let handlers: Vec<Node<'_>> = body
        .named_children(&mut cur)
        .filter(|m| {
            m.kind() == "method_declaration"
                && m.field("name")
                    .is_some_and(|n| cx.text(n) == "handleRequest")
        })
        .collect();
    let mut hit = false;
    for h in handlers {
        walk_tree(h, |n| {
            if n.kind() == "method_invocation"
                && n.field("name").is_some_and(|m| cx.text(m) == name)
                && n.field("object").is_none_or(|o| o.kind() == "this")
            {
                hit = true;
            }
        });
    }
    hit
}
