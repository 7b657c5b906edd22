//! `java/thread-run-direct-call`: `thread.run()` runs the body on the calling thread.

use tree_sitter::Node;

use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "thread_run_direct_call";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(name), Some(args), Some(obj)) = (
        node.field("name"),
        node.field("arguments"),
        node.field("object"),
    ) else {
        return;
    };
    if cx.text(name) != "run" || args.named_child_count() != 0 {
        return;
    }
    let is_thread = match obj.kind() {
        "object_creation_expression" => {
            obj.field("type")
                .is_some_and(|t| is_thread_type(cx, cx.text(t)))
                && obj
                    .named_children(&mut obj.walk())
                    .all(|c| c.kind() != "class_body")
        }
        "identifier" | "field_access" => {
            super::util::type_of(cx, obj).is_some_and(|t| is_thread_type(cx, &t))
        }
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

/// `Thread`, or a class of this file that extends `Thread` (directly or through another such class).
fn is_thread_type(cx: &Checker<'_, '_>, simple: &str) -> bool {
    let simple = super::util::strip_type(simple);
    if simple == "Thread" {
        return cx.sem.may_be("Thread", "java.lang.Thread");
    }
    let mut name = simple;
    for _ in 0..8 {
        let mut parent = None;
        vigil_query::walk_tree(cx.sem.root(), |n| {
            if n.kind() == "class_declaration"
                && n.field("name").is_some_and(|x| cx.text(x) == name)
            {
                parent = n
                    .field("superclass")
                    .and_then(|s| s.named_child(0))
                    .map(|t| super::util::strip_type(cx.text(t)));
            }
        });
        match parent {
            Some(p) if p == "Thread" => return cx.sem.may_be("Thread", "java.lang.Thread"),
            Some(p) => name = p,
            None => return false,
        }
    }
    false
}
