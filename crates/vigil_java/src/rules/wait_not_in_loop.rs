//! `java/wait-not-in-loop`: `Object.wait()` outside a loop misses spurious wake-ups.

use tree_sitter::Node;

use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "wait_not_in_loop";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name") else {
        return;
    };
    if cx.text(name) != "wait" {
        return;
    }
    let Some(args) = node.field("arguments") else {
        return;
    };
    if args.named_child_count() > 2 {
        return;
    }
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "while_statement" | "do_statement" | "for_statement" | "enhanced_for_statement" => {
                return
            }
            // A wrapper around wait (`waitFor...`, `timedWait`): the loop belongs to its callers.
            "method_declaration" => {
                let wrapper = n.field("name").is_some_and(|m| {
                    let m = cx.text(m).to_ascii_lowercase();
                    m.starts_with("wait") || m.ends_with("timedwait")
                });
                if wrapper {
                    return;
                }
                break;
            }
            "constructor_declaration" | "lambda_expression" | "class_body" => break,
            _ => {}
        }
        cur = n.parent();
    }
    let msg = format!(
        "`{}` is not called in a loop that re-checks its condition (spurious wake-ups)",
        vigil_query::shorten(cx.text(node))
    );
    cx.report(NAME, node, msg);
}
