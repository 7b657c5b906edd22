//! `java/sync-on-mutable-field`: `synchronized` on a lock object that is not one fixed, private
//! object: a non-final (reassignable) field, a boxed primitive or String (shared, interned values),
//! a string literal, or `getClass()` (a different lock in each subclass).

use tree_sitter::Node;

use vigil_query::walk_tree;

use super::util::{assigns, callable, field_ref, has_modifier, squash, unparen, var_name};
use super::Checker;
use crate::fields::Field;

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

/// Methods that run before the object is shared: deserialization hooks and `clone` (which assigns
/// the copy's fields).
const INIT_METHODS: &[&str] = &["readObject", "readObjectNoData", "readResolve", "clone"];

fn method_name<'a>(cx: &'a Checker<'_, '_>, m: Node<'_>) -> &'a str {
    m.field("name").map(|n| cx.text(n)).unwrap_or("")
}

/// Whether the method `m` only runs while the object is being built: a deserialization hook, or a
/// method called (at least once, and only) from constructors and such hooks of the class.
fn init_only(cx: &Checker<'_, '_>, class: Node<'_>, m: Node<'_>) -> bool {
    let name = method_name(cx, m);
    if INIT_METHODS.contains(&name) {
        return true;
    }
    let mut calls = 0;
    let mut elsewhere = false;
    walk_tree(class, |n| {
        if n.kind() != "method_invocation"
            || n.field("name").map(|k| cx.text(k)) != Some(name)
            || n.field("object").is_some_and(|o| o.kind() != "this")
        {
            return;
        }
        calls += 1;
        let owner = callable(n);
        let init = owner.is_some_and(|o| {
            o.kind() == "constructor_declaration"
                || (o.kind() == "method_declaration" && INIT_METHODS.contains(&method_name(cx, o)))
        });
        elsewhere |= !init;
    });
    calls > 0 && !elsewhere
}

/// Whether every assignment of `name` in `m` is a lazy initialization: inside `if (name == null)`
/// (the field goes once from `null`, which cannot be locked, to its one object).
fn lazy_init_only(cx: &Checker<'_, '_>, m: Node<'_>, name: &str) -> bool {
    let mut all = true;
    walk_tree(m, |n| {
        if n.kind() != "assignment_expression"
            || n.field("left")
                .is_none_or(|l| var_name(cx, l) != Some(name))
        {
            return;
        }
        let mut guarded = false;
        let mut cur = n.parent();
        while let Some(p) = cur {
            if p.kind() == "if_statement"
                && p.field("condition").is_some_and(|c| {
                    let t = squash(cx.text(c));
                    t == format!("({name}==null)") || t == format!("(this.{name}==null)")
                })
            {
                guarded = true;
                break;
            }
            if p == m {
                break;
            }
            cur = p.parent();
        }
        all &= guarded;
    });
    all
}

/// Whether a method of the class assigns the field once the object may be shared: not a
/// constructor or initializer, a deserialization hook or `clone`, a helper only they call, or a lazy
/// initialization from `null`.
fn reassigned(cx: &Checker<'_, '_>, field: Node<'_>, name: &str) -> bool {
    let Some(class) = field.parent() else {
        return false;
    };
    let mut c = class.walk();
    let methods: Vec<Node<'_>> = class
        .named_children(&mut c)
        .filter(|m| m.kind() == "method_declaration")
        .collect();
    methods
        .into_iter()
        .any(|m| assigns(cx, m, name) && !init_only(cx, class, m) && !lazy_init_only(cx, m, name))
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
            if lock.field("object").is_none_or(|o| o.kind() == "this")
                && lock
                    .field("name")
                    .is_some_and(|n| cx.text(n) == "getClass") =>
        {
            Some("`getClass()` is a different lock in each subclass; use `Foo.class` or a private lock".to_owned())
        }
        _ => field_ref(cx, lock).and_then(|(name, field, _)| {
            let ty = field
                .field("type")
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
