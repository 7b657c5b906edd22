//! `java/aws-client-created-in-loop`: an SDK client built in a loop body, once per iteration.

use tree_sitter::Node;

use super::{constructs_client, enclosing_loop, Checker};

pub(crate) const NAME: &str = "aws_client_created_in_loop";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(ty) = constructs_client(cx, node) else {
        return;
    };
    if enclosing_loop(cx, node).is_some() {
        let msg = format!(
            "`{ty}` client is built on every iteration of the loop; build it once before the loop and reuse it"
        );
        cx.report(NAME, node, msg);
    }
}
