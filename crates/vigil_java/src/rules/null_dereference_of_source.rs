//! `java/null-dereference-of-source`: a value from an API that returns `null` when the input is
//! absent (`request.getParameter`, `getHeader`, `Properties.getProperty`, `getCookies`,
//! `getSession(false)`; `System.getenv`/`getProperty` are `java/null-dereference`'s) is
//! dereferenced without a check:
//! directly (`request.getParameter("x").trim()`), or through a local variable whose first use
//! after the assignment is a dereference.

use tree_sitter::Node;

use super::Checker;
use crate::fields::Field;
use crate::semantics::text;

pub(crate) const NAME: &str = "null_dereference_of_source";

const REQUESTS: &[&str] = &["HttpServletRequest", "ServletRequest"];
const CONFIGS: &[&str] = &["ServletConfig", "ServletContext", "FilterConfig"];

fn unparen(mut n: Node<'_>) -> Node<'_> {
    while n.kind() == "parenthesized_expression" {
        match n.named_child(0) {
            Some(c) => n = c,
            None => break,
        }
    }
    n
}

/// The declared simple type of an identifier receiver, if it is one of `types`.
fn receiver_is(cx: &Checker<'_, '_>, obj: Node<'_>, types: &[&str]) -> bool {
    obj.kind() == "identifier"
        && cx
            .sem
            .declared_type_of(cx.text(obj), obj)
            .is_some_and(|t| types.contains(&t.as_str()))
}

fn args(n: Node<'_>) -> Vec<Node<'_>> {
    n.field("arguments")
        .map(|a| {
            let mut c = a.walk();
            a.named_children(&mut c)
                .filter(|x| !x.kind().ends_with("comment"))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `call` may return null: the API returns null when the input is absent.
fn nullable_source(cx: &Checker<'_, '_>, call: Node<'_>) -> bool {
    let (Some(name), Some(obj)) = (call.field("name"), call.field("object")) else {
        return false;
    };
    let args = args(call);
    // A key computed at run time is most often one just read from the same object's key set
    // (`for (String k : props.stringPropertyNames()) props.getProperty(k)...`): only a constant key
    // is known to be possibly absent. A JVM-defined property is never absent from the system
    // properties, the one `Properties` object likely to be asked for it.
    if let Some(key) = args.first().filter(|_| cx.text(name) != "getSession") {
        if !constant_key(cx, *key)
            || (key.kind() == "string_literal"
                && super::null_dereference::STANDARD_PROPERTIES
                    .contains(&cx.text(*key).trim_matches('"')))
        {
            return false;
        }
    }
    match (cx.text(name), args.as_slice()) {
        ("getParameter" | "getHeader", [_])
        | ("getParameterValues", [_])
        | ("getQueryString" | "getCookies", []) => receiver_is(cx, obj, REQUESTS),
        ("getSession", [a]) => a.kind() == "false" && receiver_is(cx, obj, REQUESTS),
        ("getInitParameter", [_]) => receiver_is(cx, obj, CONFIGS),
        // `System.getenv`/`System.getProperty` are `java/null-dereference`'s.
        ("getProperty", [_]) => receiver_is(cx, obj, &["Properties"]),
        ("getProperty", [_, def]) => {
            def.kind() == "null_literal" && receiver_is(cx, obj, &["Properties"])
        }
        _ => false,
    }
}

/// A string literal or a constant named in upper case (`KEY`, `Keys.KEY`).
fn constant_key(cx: &Checker<'_, '_>, key: Node<'_>) -> bool {
    let name = match key.kind() {
        "string_literal" => return true,
        "identifier" => cx.text(key),
        "field_access" => key.field("field").map_or("", |f| cx.text(f)),
        _ => return false,
    };
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The dereference of `value` by its parent, if any: `value.m()`, `value.f`, `value[i]`,
/// `for (x : value)`, `switch (value)`, `synchronized (value)`, `throw value`.
fn dereference_by(value: Node<'_>) -> Option<Node<'_>> {
    let mut cur = value;
    let mut parent = value.parent()?;
    while matches!(
        parent.kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        cur = parent;
        parent = parent.parent()?;
    }
    let is = |field: &str| parent.field(field).is_some_and(|c| c.id() == cur.id());
    let deref = match parent.kind() {
        "method_invocation" | "field_access" => is("object"),
        "array_access" => is("array"),
        "enhanced_for_statement" => is("value"),
        "switch_expression" | "switch_statement" | "synchronized_statement" => {
            parent
                .field("condition")
                .is_some_and(|c| c.id() == cur.id() || unparen(c).id() == cur.id())
                || cur.kind() == "parenthesized_expression" && parent.named_child(0) == Some(cur)
        }
        _ => false,
    };
    deref.then_some(parent)
}

/// The variable a nullable call is assigned to (`String x = call;` or `x = call;`), with the node
/// after which its uses count.
fn assigned_to<'t>(cx: &Checker<'_, 't>, call: Node<'t>) -> Option<(String, Node<'t>)> {
    let mut cur = call;
    let mut parent = call.parent()?;
    while matches!(
        parent.kind(),
        "parenthesized_expression" | "cast_expression"
    ) {
        cur = parent;
        parent = parent.parent()?;
    }
    match parent.kind() {
        "variable_declarator" if parent.field("value").is_some_and(|v| v.id() == cur.id()) => {
            let name = parent.field("name")?;
            Some((cx.text(name).to_owned(), parent))
        }
        // `x = call;` as a statement: `(x = call) != null` tests the value it assigns.
        "assignment_expression"
            if parent
                .parent()
                .is_some_and(|s| s.kind() == "expression_statement")
                && parent.field("right").is_some_and(|v| v.id() == cur.id())
                && parent.field("operator").is_some_and(|o| cx.text(o) == "=") =>
        {
            let left = parent.field("left")?;
            (left.kind() == "identifier").then(|| (cx.text(left).to_owned(), parent))
        }
        _ => None,
    }
}

/// The first use of local `name` after `after` in `body`, in source order; `None` when the name is
/// declared more than once in the body (shadowing makes the textual order meaningless).
fn first_use_after<'t>(
    cx: &Checker<'_, 't>,
    body: Node<'t>,
    name: &str,
    after: Node<'t>,
) -> Option<Node<'t>> {
    let src = &cx.file.text;
    let mut first: Option<Node<'t>> = None;
    let mut decls = 0usize;
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "variable_declarator" | "formal_parameter" | "catch_formal_parameter"
                if n.field("name").is_some_and(|x| text(x, src) == name) =>
            {
                decls += 1;
            }
            "inferred_parameters" | "lambda_expression"
                if n.kind() == "inferred_parameters"
                    || n.field("parameters")
                        .is_some_and(|p| p.kind() == "identifier" && text(p, src) == name) =>
            {
                let mut c = n.walk();
                if n.kind() == "lambda_expression"
                    || n.named_children(&mut c).any(|p| text(p, src) == name)
                {
                    decls += 1;
                }
            }
            "identifier" if text(n, src) == name && n.start_byte() >= after.end_byte() => {
                let is_member = n.parent().is_some_and(|p| {
                    (p.kind() == "field_access"
                        && p.field("field").is_some_and(|f| f.id() == n.id()))
                        || (p.kind() == "method_invocation"
                            && p.field("name").is_some_and(|f| f.id() == n.id()))
                });
                if !is_member && first.is_none_or(|f| n.start_byte() < f.start_byte()) {
                    first = Some(n);
                }
            }
            _ => {}
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    (decls <= 1).then_some(first).flatten()
}

/// Whether `n` is inside the body of a `try` that catches `NullPointerException` (or a supertype:
/// the dereference is handled, not a crash), within the enclosing callable.
fn npe_handled(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "class_body" => return false,
            "try_statement" | "try_with_resources_statement"
                if p.field("body").is_some_and(|b| b.id() == cur.id()) =>
            {
                let mut c = p.walk();
                let catches = p
                    .named_children(&mut c)
                    .filter(|x| x.kind() == "catch_clause");
                for clause in catches {
                    let mut cc = clause.walk();
                    let Some(param) = clause
                        .named_children(&mut cc)
                        .find(|x| x.kind() == "catch_formal_parameter")
                    else {
                        continue;
                    };
                    let mut pc = param.walk();
                    let handled = param
                        .named_children(&mut pc)
                        .filter(|x| x.kind() == "catch_type")
                        .flat_map(|t| {
                            let mut tc = t.walk();
                            t.named_children(&mut tc).collect::<Vec<_>>()
                        })
                        .any(|t| {
                            let name = cx.text(t);
                            let simple = name.rsplit('.').next().unwrap_or(name);
                            matches!(
                                simple,
                                "NullPointerException"
                                    | "RuntimeException"
                                    | "Exception"
                                    | "Throwable"
                            )
                        });
                    if handled {
                        return true;
                    }
                }
            }
            _ => {}
        }
        cur = p;
    }
    false
}

/// The method names [`nullable_source`] knows (a cheap test before any type resolution).
const NAMES: &[&str] = &[
    "getParameter",
    "getHeader",
    "getParameterValues",
    "getQueryString",
    "getCookies",
    "getSession",
    "getInitParameter",
    "getProperty",
];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME)
        || !node
            .field("name")
            .is_some_and(|n| NAMES.contains(&cx.text(n)))
    {
        return;
    }
    // Where the value goes first (cheap), then whether the call may return null (resolves the
    // receiver's declared type): a value used in an expression is not looked at at all.
    let deref = dereference_by(node);
    let assigned = if deref.is_none() {
        assigned_to(cx, node)
    } else {
        None
    };
    if (deref.is_none() && assigned.is_none()) || !nullable_source(cx, node) {
        return;
    }
    let source = vigil_query::shorten(cx.text(node));
    if let Some(deref) = deref {
        if npe_handled(cx, deref) {
            return;
        }
        let msg = format!(
            "`{source}` returns null when the value is absent; `{}` dereferences it without a check",
            vigil_query::shorten(cx.text(deref))
        );
        cx.report(NAME, deref, msg);
        return;
    }
    let Some((name, after)) = assigned else {
        return;
    };
    let Some(body) = super::enclosing_callable(node) else {
        return;
    };
    let Some(usage) = first_use_after(cx, body, &name, after) else {
        return;
    };
    if let Some(deref) = dereference_by(usage).filter(|d| !npe_handled(cx, *d)) {
        let line = cx
            .file
            .line_col(u32::try_from(node.start_byte()).unwrap_or(0))
            .line;
        let msg = format!(
            "`{name}` holds `{source}` (line {line}), null when the value is absent; `{}` \
             dereferences it without a check",
            vigil_query::shorten(cx.text(deref))
        );
        cx.report(NAME, deref, msg);
    }
}
