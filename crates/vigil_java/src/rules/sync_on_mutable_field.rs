//! `java/sync-on-mutable-field`: `synchronized` on a lock object that is not one fixed, private
//! object: a non-final (reassignable) field, a boxed primitive or String (shared, interned values),
//! a string literal, or `getClass()` (a different lock in each subclass).

use tree_sitter::Node;

use super::util::{assigns, field_ref, has_modifier, unparen};
use super::Checker;

pub(crate) const NAME: &str = "sync_on_mutable_field";

const BOXED: &[&str] = &[
    "Integer",
    "Long",
    "Short",
    "Byte",
    "Character",
    "Boolean",
    "Double",
    "Float",
    "String",
];

/// Whether a method of the class (not a constructor or initializer) assigns the field.
fn reassigned(cx: &Checker<'_, '_>, field: Node<'_>, name: &str) -> bool {
    let Some(class) = field.parent() else {
        return false;
    };
    let mut c = class.walk();
    let methods: Vec<Node<'_>> = class
        .named_children(&mut c)
        .filter(|m| m.kind() == "method_declaration")
        .collect();
    methods.into_iter().any(|m| assigns(cx, m, name))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut c = node.walk();
    let Some(lock) = node
        .named_children(&mut c)
        .find(|n| n.kind() == "parenthesized_expression")
    else {
        return;
    };
    let lock = unparen(lock);
    let why = match lock.kind() {
        "string_literal" => Some("a string literal is interned and shared by all code in the JVM".to_owned()),
        "method_invocation"
            if lock.child_by_field_name("object").is_none_or(|o| o.kind() == "this")
                && lock
                    .child_by_field_name("name")
                    .is_some_and(|n| cx.text(n) == "getClass") =>
        {
            Some("`getClass()` is a different lock in each subclass; use `Foo.class` or a private lock".to_owned())
        }
        _ => field_ref(cx, lock).and_then(|(name, field, _)| {
            let ty = field
                .child_by_field_name("type")
                .map(|t| cx.text(t).to_owned())
                .unwrap_or_default();
            if BOXED.contains(&ty.as_str()) {
                Some(format!("`{name}` is a `{ty}`: boxed and string values are cached and shared, so unrelated code may lock the same object"))
            } else if !has_modifier(field, "final") && reassigned(cx, field, &name) {
                Some(format!("`{name}` is reassigned by a method of the class: threads that lock it before and after the assignment lock different objects"))
            } else {
                None
            }
        }),
    };
    if let Some(why) = why {
        let msg = format!("synchronizing on `{}`: {why}", cx.text(lock));
        cx.report(NAME, lock, msg);
    }
}
