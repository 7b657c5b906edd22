//! `java/invocation-target-without-cause`: an `InvocationTargetException` is handled through its own
//! message (`e.getMessage()`), which is null or meaningless: the exception thrown by the invoked method
//! is its cause (`getCause()`/`getTargetException()`), and that is never looked at.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::call_parts;
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "invocation_target_cause";

pub(crate) fn check(cx: &mut Checker<'_, '_>, clause: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(param) = super::util::catch_param(clause) else {
        return;
    };
    let mut caught = false;
    walk_tree(param, |n| {
        if n.kind() == "catch_type" {
            let mut c = n.walk();
            caught = n
                .named_children(&mut c)
                .any(|t| cx.text(t).rsplit('.').next() == Some("InvocationTargetException"));
        }
    });
    let (Some(var), Some(body)) = (param.field("name"), clause.field("body")) else {
        return;
    };
    if !caught {
        return;
    }
    let var = cx.text(var).to_owned();
    let mut message_use = None;
    let mut cause = false;
    walk_tree(body, |n| {
        if let Some((name, Some(obj), _)) = call_parts(cx, n) {
            if cx.text(obj) != var {
                return;
            }
            match name.as_str() {
                "getMessage" | "getLocalizedMessage" | "toString" => {
                    message_use.get_or_insert(n);
                }
                "getCause" | "getTargetException" => cause = true,
                _ => {}
            }
        }
    });
    if let (Some(m), false) = (message_use, cause) {
        let msg = format!(
            "`{}` is the message of the reflection wrapper, not of the exception the invoked method threw; use `{var}.getCause()`",
            cx.text(m)
        );
        cx.report(NAME, m, msg);
    }
}
