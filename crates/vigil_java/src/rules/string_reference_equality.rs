//! `java/string-reference-equality`: `==`/`!=` between Strings compares references where one side is
//! evidently a string made at run time (`new String`, a concatenation, `substring`, `trim`,
//! `readLine`, ...; a local initialized by one): such a comparison is a
//! bug whatever the code's style.
//!
//! `java/string-identity-comparison` (experimental): the other `==` comparisons of strings (a literal
//! against a variable, two `String` variables), which code built on interned strings (Swing property
//! names, symbol tables) makes on purpose.

use tree_sitter::Node;
use vigil_query::Semantics;

use super::util::{assigns, callable, local_declarator, type_of, unparen};
use crate::fields::Field;

fn is_primitive_box(t: &str) -> bool {
    matches!(
        t,
        "char" | "Character" | "int" | "Integer" | "long" | "Long" | "byte" | "short" | "boolean"
    )
}
use super::Checker;

pub(crate) const NAME: &str = "string_reference_equality";
pub(crate) const NAME_IDENTITY: &str = "string_identity_comparison";

/// Methods whose String result is (in general) a new object.
const FRESH_METHODS: &[&str] = &[
    "substring",
    "trim",
    "strip",
    "stripLeading",
    "stripTrailing",
    "toLowerCase",
    "toUpperCase",
    "replace",
    "replaceAll",
    "replaceFirst",
    "concat",
    "repeat",
    "formatted",
    "readLine",
    "nextLine",
    "getParameter",
    "getHeader",
    "getQueryString",
];

/// Whether `n` evidently evaluates to a String made at run time, not a literal or a constant.
fn is_fresh(cx: &Checker<'_, '_>, n: Node<'_>, depth: u8) -> bool {
    let n = unparen(n);
    match n.kind() {
        "object_creation_expression" => n
            .field("type")
            .is_some_and(|t| matches!(cx.text(t), "String" | "java.lang.String")),
        "binary_expression" => {
            n.field("operator").is_some_and(|o| cx.text(o) == "+")
                && cx.sem.const_value(n).is_none()
                && [n.field("left"), n.field("right")]
                    .into_iter()
                    .flatten()
                    .any(|o| is_string_literal(unparen(o)) || is_string_var(cx, unparen(o)))
        }
        "method_invocation" => {
            let Some(name) = n.field("name").map(|m| cx.text(m)) else {
                return false;
            };
            let obj = n.field("object").map(|o| cx.text(o));
            let nargs = n.field("arguments").map_or(0, |a| a.named_child_count());
            // An instance call (`s.trim()`), not a static one of another class
            // (`Character.toLowerCase(c)` is a `char`).
            let instance = n.field("object").is_some_and(|o| {
                !(o.kind() == "identifier"
                    && cx.text(o).starts_with(|c: char| c.is_ascii_uppercase())
                    && cx.sem.declared_type_of(cx.text(o), o).is_none())
                    && type_of(cx, o).is_none_or(|t| t == "String" || !is_primitive_box(&t))
            });
            (FRESH_METHODS.contains(&name) && instance)
                || (name == "toString" && nargs == 0 && instance)
                || (matches!(name, "valueOf" | "format" | "join")
                    && matches!(obj, Some("String" | "java.lang.String")))
        }
        // A local initialized by such an expression and never reassigned.
        "identifier" if depth == 0 => {
            let name = cx.text(n);
            local_declarator(cx, name, n)
                .filter(|d| d.kind() == "variable_declarator")
                .and_then(|d| d.field("value"))
                .is_some_and(|v| {
                    is_fresh(cx, v, depth + 1) && callable(n).is_none_or(|c| !assigns(cx, c, name))
                })
        }
        _ => false,
    }
}

fn is_string_literal(n: Node<'_>) -> bool {
    n.kind() == "string_literal"
}

fn is_literal(n: Node<'_>) -> bool {
    n.kind().ends_with("_literal") || matches!(n.kind(), "true" | "false")
}

/// A String-typed operand we can see: a variable declared `String` in scope.
fn is_string_var(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    n.kind() == "identifier"
        && cx
            .sem
            .declared_type_of(cx.text(n), n)
            .is_some_and(|t| t == "String")
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    let Some(op) = node.field("operator") else {
        return;
    };
    let op = cx.text(op).to_owned();
    if op != "==" && op != "!=" {
        return;
    }
    let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
        return;
    };
    let (on_precise, on_identity) = (cx.on(NAME), cx.on(NAME_IDENTITY));
    if !on_precise && !on_identity {
        return;
    }
    let (l, r) = (unparen(l), unparen(r));
    let lit_l = is_string_literal(l);
    let lit_r = is_string_literal(r);
    let null = |n: Node<'_>| n.kind() == "null_literal";
    if lit_l && lit_r || null(l) || null(r) {
        return;
    }
    let stringy = |n: Node<'_>| is_string_literal(n) || is_string_var(cx, n);
    // `x == ""` is left to the identity rule: code that compares strings it knows are interned (the
    // `Locale` getters' results in `ResourceBundle`) does it on purpose.
    let precise = (is_fresh(cx, l, 0) && (stringy(r) || is_fresh(cx, r, 0)))
        || (is_fresh(cx, r, 0) && stringy(l));
    let broad = match (lit_l, lit_r) {
        (true, false) => !is_literal(r),
        (false, true) => !is_literal(l),
        _ => is_string_var(cx, l) && is_string_var(cx, r),
    };
    let msg = format!(
        "`{}` compares String references with `{op}`, not their contents",
        vigil_query::shorten(cx.text(node))
    );
    if precise {
        if on_precise {
            let msg = format!("{msg}: one side is a string made at run time, never the same object as an equal literal or value");
            cx.report(NAME, node, msg);
        }
    } else if broad && on_identity {
        cx.report(NAME_IDENTITY, node, msg);
    }
}
