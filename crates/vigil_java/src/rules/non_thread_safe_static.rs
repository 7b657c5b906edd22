//! `java/non-thread-safe-static-field`: a `static` field holds an object documented as not thread-safe
//! (`SimpleDateFormat`, `MessageDigest`, `Calendar`, `Matcher`, `Cipher`, `DocumentBuilder`, ...) and a
//! method uses it without synchronization: concurrent callers corrupt its internal state.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{callable, has_modifier, strip_type, under_monitor, STATEFUL_TYPES};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "non_thread_safe_static";

/// Types whose instances must not be shared between threads beyond [`STATEFUL_TYPES`], with their
/// package.
const UNSAFE_MORE: &[(&str, &str)] = &[
    ("ChoiceFormat", "java.text"),
    ("SAXParser", "javax.xml.parsers"),
    ("XPath", "javax.xml.xpath"),
    ("Marshaller", "javax.xml.bind"),
    ("Unmarshaller", "javax.xml.bind"),
];

pub(crate) fn check(cx: &mut Checker<'_, '_>, field: Node<'_>) {
    if !cx.on(NAME) || !has_modifier(field, "static") {
        return;
    }
    let Some(ty) = field.field("type") else {
        return;
    };
    let simple = strip_type(cx.text(ty));
    let Some((_, pkg)) = STATEFUL_TYPES
        .iter()
        .chain(UNSAFE_MORE)
        .find(|(t, _)| *t == simple)
    else {
        return;
    };
    let fqn = format!("{pkg}.{simple}");
    let written = cx.text(ty);
    if !(written == fqn || cx.sem.may_be(&simple, &fqn)) {
        return;
    }
    let Some(class) = field.parent() else { return };
    let mut c = field.walk();
    let decls: Vec<Node<'_>> = field.children_by_field_name("declarator", &mut c).collect();
    for d in decls {
        let Some(name) = d.field("name").map(|n| cx.text(n).to_owned()) else {
            continue;
        };
        let mut unsafe_use = None;
        walk_tree(class, |n| {
            if unsafe_use.is_some()
                || n.kind() != "identifier"
                || cx.text(n) != name
                || n == d.field("name").unwrap_or(n)
            {
                return;
            }
            let Some(owner) = callable(n) else { return };
            if owner.kind() == "static_initializer" || under_monitor(cx, n) {
                return;
            }
            // `FMT.clone()` hands each caller its own copy.
            let cloned = n.parent().is_some_and(|p| {
                p.kind() == "method_invocation"
                    && p.field("object") == Some(n)
                    && p.field("name").is_some_and(|m| cx.text(m) == "clone")
            });
            let is_access = n.parent().is_some_and(|p| {
                (p.kind() == "method_invocation" && p.field("object") == Some(n))
                    || p.kind() == "argument_list"
            });
            if !cloned && is_access && super::util::local_declarator(cx, &name, n).is_none() {
                unsafe_use = Some(n);
            }
        });
        if let Some(u) = unsafe_use {
            let msg = format!(
                "static `{simple}` `{name}` is not thread-safe and is used without synchronization (line {}); use a `ThreadLocal`, a new instance per call{}",
                u.start_position().row + 1,
                if simple.contains("Format") && pkg == &"java.text" { ", or `DateTimeFormatter`" } else { "" }
            );
            cx.report(NAME, d, msg);
        }
    }
}
