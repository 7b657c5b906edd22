//! Small syntactic helpers shared by the concurrency and bug-pattern rules: modifiers, fields of the
//! enclosing class, locals, locks held at a node, calls and their parts.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::Checker;
use crate::fields::Field;

/// `(name, object, arguments)` of a `method_invocation`.
pub(crate) fn call_parts<'t>(
    cx: &Checker<'_, '_>,
    call: Node<'t>,
) -> Option<(String, Option<Node<'t>>, Node<'t>)> {
    if call.kind() != "method_invocation" {
        return None;
    }
    let name = call.field("name")?;
    let args = call.field("arguments")?;
    Some((cx.text(name).to_owned(), call.field("object"), args))
}

/// The named children of an `argument_list`.
pub(crate) fn args_of(args: Node<'_>) -> Vec<Node<'_>> {
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|n| n.kind() != "line_comment" && n.kind() != "block_comment")
        .collect()
}

/// `node` with any enclosing parentheses removed.
pub(crate) fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(c) => node = c,
            None => break,
        }
    }
    node
}

/// Whether the `modifiers` child of a declaration has the keyword `m` (`final`, `static`, ...).
pub(crate) fn has_modifier(decl: Node<'_>, m: &str) -> bool {
    let mut c = decl.walk();
    let mods = decl
        .named_children(&mut c)
        .find(|n| n.kind() == "modifiers");
    mods.is_some_and(|mods| {
        let mut c2 = mods.walk();
        let found = mods.children(&mut c2).any(|k| k.kind() == m);
        found
    })
}

/// The nearest enclosing `class_body`/`enum_body` (the members of the class `node` is in).
pub(crate) fn enclosing_class_body(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if matches!(n.kind(), "class_body" | "enum_body") {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// The `field_declaration` of the class enclosing `at` that declares `name`, with its declarator.
pub(crate) fn field_decl<'t>(
    cx: &Checker<'_, '_>,
    at: Node<'t>,
    name: &str,
) -> Option<(Node<'t>, Node<'t>)> {
    let body = enclosing_class_body(at)?;
    let mut members = vec![body];
    // Enum constants' members live under an `enum_body_declarations` node.
    let mut c = body.walk();
    members.extend(
        body.named_children(&mut c)
            .filter(|n| n.kind() == "enum_body_declarations"),
    );
    for m in members {
        let mut c = m.walk();
        for f in m.named_children(&mut c) {
            if f.kind() != "field_declaration" {
                continue;
            }
            let mut c2 = f.walk();
            for d in f.children_by_field_name("declarator", &mut c2) {
                if d.field("name").is_some_and(|n| cx.text(n) == name) {
                    return Some((f, d));
                }
            }
        }
    }
    None
}

/// The field named by `expr` (`x` not shadowed by a local, or `this.x`), with its declaration.
pub(crate) fn field_ref<'t>(
    cx: &Checker<'_, '_>,
    expr: Node<'t>,
) -> Option<(String, Node<'t>, Node<'t>)> {
    let expr = unparen(expr);
    let name = match expr.kind() {
        "identifier" => {
            // The class's fields first (cheap), then the (costlier) search for a shadowing local.
            let name = cx.text(expr);
            field_decl(cx, expr, name)?;
            if is_local(cx, name, expr) {
                return None;
            }
            name.to_owned()
        }
        "field_access" => {
            let obj = expr.field("object")?;
            if obj.kind() != "this" {
                return None;
            }
            cx.text(expr.field("field")?).to_owned()
        }
        _ => return None,
    };
    let (f, d) = field_decl(cx, expr, &name)?;
    Some((name, f, d))
}

/// The variable name an expression denotes: `x` or `this.x`.
pub(crate) fn var_name<'a>(cx: &'a Checker<'_, '_>, expr: Node<'_>) -> Option<&'a str> {
    let expr = unparen(expr);
    match expr.kind() {
        "identifier" => Some(cx.text(expr)),
        "field_access" => {
            let obj = expr.field("object")?;
            (obj.kind() == "this").then_some(())?;
            Some(cx.text(expr.field("field")?))
        }
        _ => None,
    }
}

/// The method, constructor, lambda or initializer whose body contains `node`.
pub(crate) fn callable(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "static_initializer"
            | "compact_constructor_declaration" => return Some(n),
            "class_body" | "enum_body" | "interface_body" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}

/// Whether `name` is a local variable or parameter of the callable enclosing `at`, declared before it.
pub(crate) fn is_local(cx: &Checker<'_, '_>, name: &str, at: Node<'_>) -> bool {
    local_declarator(cx, name, at).is_some() || is_param(cx, name, at)
}

/// Whether `name` is a parameter of a method or lambda enclosing `at`.
pub(crate) fn is_param(cx: &Checker<'_, '_>, name: &str, at: Node<'_>) -> bool {
    let mut cur = callable(at);
    while let Some(c) = cur {
        if let Some(params) = c.field("parameters") {
            if params.kind() == "identifier" && cx.text(params) == name {
                return true;
            }
            let mut found = false;
            walk_tree(params, |p| {
                if matches!(
                    p.kind(),
                    "formal_parameter" | "spread_parameter" | "inferred_parameters"
                ) {
                    let mut c2 = p.walk();
                    if p.field("name").is_some_and(|n| cx.text(n) == name)
                        || p.named_children(&mut c2)
                            .any(|n| n.kind() == "identifier" && cx.text(n) == name)
                    {
                        found = true;
                    }
                }
            });
            if found {
                return true;
            }
        }
        cur = if c.kind() == "lambda_expression" {
            callable(c)
        } else {
            None
        };
    }
    false
}

/// The `variable_declarator` (local, for-each, catch or resource) named `name` visible at `at`, in the
/// enclosing callables.
pub(crate) fn local_declarator<'t>(
    cx: &Checker<'_, '_>,
    name: &str,
    at: Node<'t>,
) -> Option<Node<'t>> {
    let mut cur = callable(at);
    while let Some(c) = cur {
        let found = cx
            .sem
            .local_declared_before(c, name, at.start_byte())
            .and_then(|(s, e)| crate::semantics::node_at(c, s, e));
        if found.is_some() {
            return found;
        }
        cur = if c.kind() == "lambda_expression" {
            callable(c)
        } else {
            None
        };
    }
    None
}

/// Whether `node` runs with a monitor held: inside a `synchronized` block or method (a lambda or
/// nested class body in between ends the search: it runs later, without the lock). Answered from
/// [`JavaSemantics::monitor_scopes`](crate::semantics::JavaSemantics::monitor_scopes), built once
/// per file: the innermost enclosing scope decides.
pub(crate) fn under_monitor(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    cx.sem.under_monitor(node)
}

/// [`under_monitor`] by walking up the parents (the reference its index is tested against).
#[cfg(test)]
pub(crate) fn under_monitor_by_parents(node: Node<'_>) -> bool {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if let Some(held) = monitor_scope(n) {
            return held;
        }
        cur = n.parent();
    }
    false
}

/// Whether a scope of kind `n` holds a monitor for the code in it (`None`: not such a scope).
pub(crate) fn monitor_scope(n: Node<'_>) -> Option<bool> {
    match n.kind() {
        "synchronized_statement" => Some(true),
        "method_declaration" => Some(has_modifier(n, "synchronized")),
        "lambda_expression" | "class_body" | "constructor_declaration" => Some(false),
        _ => None,
    }
}

/// Whether `node` runs with an explicit `java.util.concurrent` lock held: an earlier statement of an
/// enclosing block of its method calls `x.lock()`/`lockInterruptibly()` (the `lock(); try { .. }
/// finally { unlock(); }` idiom), or an enclosing `if`/`while` condition succeeds by `tryLock(..)`.
pub(crate) fn under_explicit_lock(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let locks = |n: Node<'_>, names: &[&str]| {
        let mut hit = false;
        walk_tree(n, |k| {
            hit |= k.kind() == "method_invocation"
                && k.field("name").is_some_and(|m| names.contains(&cx.text(m)));
        });
        hit
    };
    let mut cur = node;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "block" => {
                let mut s = cur.prev_named_sibling();
                while let Some(st) = s {
                    if st.kind() == "expression_statement" && locks(st, &["unlock"]) {
                        return false;
                    }
                    if st.kind() == "expression_statement"
                        && locks(st, &["lock", "lockInterruptibly"])
                    {
                        return true;
                    }
                    s = st.prev_named_sibling();
                }
            }
            "if_statement" | "while_statement"
                if p.field("condition") != Some(cur)
                    && p.field("condition").is_some_and(|c| locks(c, &["tryLock"])) =>
            {
                return true;
            }
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "class_body" => return false,
            _ => {}
        }
        cur = p;
    }
    false
}

/// The `catch_formal_parameter` of a `catch_clause`.
pub(crate) fn catch_param(clause: Node<'_>) -> Option<Node<'_>> {
    let mut c = clause.walk();
    let p = clause
        .named_children(&mut c)
        .find(|n| n.kind() == "catch_formal_parameter");
    p
}

/// The descendants of `node` (itself included) of kind `kind`.
pub(crate) fn descendants<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk_tree(node, |n| {
        if n.kind() == kind {
            out.push(n);
        }
    });
    out
}

/// Whether `node` assigns the variable `name` anywhere below it (`name = ..`, `this.name = ..`,
/// `name++`, compound assignments).
pub(crate) fn assigns(cx: &Checker<'_, '_>, node: Node<'_>, name: &str) -> bool {
    let mut hit = false;
    walk_tree(node, |n| {
        let target = match n.kind() {
            "assignment_expression" => n.field("left"),
            "update_expression" => n.named_child(0),
            _ => None,
        };
        // `(byte) i++` is parsed as `((byte) i)++`: the operand of the cast is the target.
        let target = target.map(|mut t| loop {
            t = unparen(t);
            match (t.kind(), t.field("value")) {
                ("cast_expression", Some(v)) => t = v,
                _ => break t,
            }
        });
        if target.is_some_and(|l| var_name(cx, l) == Some(name)) {
            hit = true;
        }
    });
    hit
}

/// The simple declared type of an expression, where it is evident: a variable (local, parameter or
/// field, as declared), `this.x`, a `new T(..)`, a literal.
pub(crate) fn type_of(cx: &Checker<'_, '_>, expr: Node<'_>) -> Option<String> {
    let expr = unparen(expr);
    match expr.kind() {
        "identifier" => cx.sem.declared_type_of(cx.text(expr), expr),
        "field_access" => {
            let (_, f, _) = field_ref(cx, expr)?;
            f.field("type").map(|t| strip_type(cx.text(t)))
        }
        "object_creation_expression" => expr.field("type").map(|t| strip_type(cx.text(t))),
        "string_literal" => Some("String".to_owned()),
        _ => None,
    }
}

/// `java.util.Map<K, V>` → `Map`.
pub(crate) fn strip_type(t: &str) -> String {
    let base = t.split('<').next().unwrap_or(t).trim();
    base.rsplit('.').next().unwrap_or(base).to_owned()
}

/// Text with all whitespace removed (to compare expressions).
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Types whose every use changes or depends on per-call state, with their package.
pub(crate) const STATEFUL_TYPES: &[(&str, &str)] = &[
    ("SimpleDateFormat", "java.text"),
    ("DateFormat", "java.text"),
    ("DecimalFormat", "java.text"),
    ("NumberFormat", "java.text"),
    ("MessageFormat", "java.text"),
    ("MessageDigest", "java.security"),
    ("Signature", "java.security"),
    ("Calendar", "java.util"),
    ("GregorianCalendar", "java.util"),
    ("Matcher", "java.util.regex"),
    ("Cipher", "javax.crypto"),
    ("Mac", "javax.crypto"),
    ("DocumentBuilder", "javax.xml.parsers"),
    ("Transformer", "javax.xml.transform"),
];
