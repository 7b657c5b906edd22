//! `java/thread-run-direct-call`: `thread.run()` runs the body on the calling thread.

use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "thread_run_direct_call";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(name), Some(args), Some(obj)) = (
        node.child_by_field_name("name"),
        node.child_by_field_name("arguments"),
        node.child_by_field_name("object"),
    ) else {
        return;
    };
    if cx.text(name) != "run" || args.named_child_count() != 0 {
        return;
    }
    let is_thread = match obj.kind() {
        "object_creation_expression" => {
            obj.child_by_field_name("type")
                .is_some_and(|t| cx.sem.may_be(cx.text(t), "java.lang.Thread"))
                && obj
                    .named_children(&mut obj.walk())
                    .all(|c| c.kind() != "class_body")
        }
        "identifier" => cx
            .sem
            .declared_type_of(cx.text(obj), obj)
            .is_some_and(|t| t == "Thread" && cx.sem.may_be("Thread", "java.lang.Thread")),
        _ => false,
    };
    if is_thread {
        let msg = format!(
            "`{}` runs the thread's body on the calling thread; call `start()`",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
