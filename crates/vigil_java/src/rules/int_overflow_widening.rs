//! `java/int-overflow-before-widening`: `int * int` (or `1 << n`) computed in 32 bits and only then
//! widened to `long` (a `long` variable, a `long` return): the product overflows before the
//! conversion, so the `long` holds a wrapped, wrong value.

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::util::unparen;
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "int_overflow_widening";

const INT_TYPES: &[&str] = &["int", "short", "byte", "char", "Integer"];

/// Whether `e` evidently has type `int`: an int literal, an int variable, `.size()`/`.length()`/
/// `.length`, or arithmetic on those.
fn is_int(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    let e = unparen(e);
    match e.kind() {
        "decimal_integer_literal"
        | "hex_integer_literal"
        | "octal_integer_literal"
        | "binary_integer_literal" => !cx.text(e).ends_with(['l', 'L']),
        "identifier" => cx
            .sem
            .declared_type_of(cx.text(e), e)
            .is_some_and(|t| INT_TYPES.contains(&t.as_str())),
        "method_invocation" => {
            e.field("name")
                .is_some_and(|n| matches!(cx.text(n), "size" | "length" | "intValue"))
                && e.field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0)
        }
        "field_access" => e.field("field").is_some_and(|f| cx.text(f) == "length"),
        "binary_expression" => {
            let op = e.field("operator").map(|o| cx.text(o)).unwrap_or("");
            matches!(op, "*" | "+" | "-" | "/" | "%" | "<<")
                && e.field("left").is_some_and(|l| is_int(cx, l))
                && e.field("right").is_some_and(|r| is_int(cx, r))
        }
        _ => false,
    }
}

/// Whether the int expression `e` (a `*` or `<<`) may overflow: a product that is not constant, or a
/// constant out of the int range.
fn may_overflow(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    let op = e.field("operator").map(|o| cx.text(o)).unwrap_or("");
    if !matches!(op, "*" | "<<") || !is_int(cx, e) {
        return false;
    }
    if op == "<<" {
        // `1 << n`: only a shift of a literal, the classic bit-mask bug.
        let lit = e
            .field("left")
            .is_some_and(|l| unparen(l).kind() == "decimal_integer_literal");
        return lit
            && match e.field("right").and_then(|r| cx.sem.const_value(r)) {
                Some(ConstValue::Int(k)) => k >= 31,
                _ => true,
            };
    }
    match cx.sem.const_value(e) {
        Some(ConstValue::Int(v)) => v > i128::from(i32::MAX) || v < i128::from(i32::MIN),
        _ => {
            // Both factors bounded (`12 * (n % 2)`, `b * 255` with a `byte` b): the product fits.
            let l = e.field("left").and_then(|l| bound(cx, l));
            let r = e.field("right").and_then(|r| bound(cx, r));
            !matches!((l, r), (Some(a), Some(b)) if a.saturating_mul(b) <= i128::from(i32::MAX))
        }
    }
}

/// An upper bound of the magnitude of the int expression `e`, where it is evident: a constant,
/// `x % c`, `x & c` with a non-negative constant `c`, or a `byte`/`short`/`char` variable.
fn bound(cx: &Checker<'_, '_>, e: Node<'_>) -> Option<i128> {
    let e = unparen(e);
    if let Some(ConstValue::Int(v)) = cx.sem.const_value(e) {
        return Some(v.abs());
    }
    match e.kind() {
        "binary_expression" => {
            let op = e.field("operator").map(|o| cx.text(o))?;
            let c = match cx.sem.const_value(e.field("right")?)? {
                ConstValue::Int(c) => c,
                _ => return None,
            };
            match op {
                "%" => Some(c.abs().saturating_sub(1)),
                "&" if c >= 0 => Some(c),
                _ => None,
            }
        }
        "identifier" => match cx.sem.declared_type_of(cx.text(e), e)?.as_str() {
            "byte" => Some(128),
            "short" => Some(32_768),
            "char" => Some(65_535),
            _ => None,
        },
        _ => None,
    }
}

/// The type the value of `e` is converted to by its context: a declared variable, an assignment
/// target, or the enclosing method's return type.
fn target_type(cx: &Checker<'_, '_>, e: Node<'_>) -> Option<String> {
    let mut cur = e;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "parenthesized_expression" => cur = p,
            "variable_declarator" => {
                let decl = p.parent()?;
                return decl.field("type").map(|t| cx.text(t).to_owned());
            }
            "assignment_expression" if p.field("right") == Some(cur) => {
                let l = p.field("left")?;
                return if l.kind() == "identifier" {
                    cx.sem.declared_type_of(cx.text(l), l)
                } else {
                    None
                };
            }
            "return_statement" => {
                let mut m = p.parent();
                while let Some(n) = m {
                    match n.kind() {
                        "method_declaration" => {
                            return n.field("type").map(|t| cx.text(t).to_owned())
                        }
                        "lambda_expression" | "class_body" => return None,
                        _ => m = n.parent(),
                    }
                }
                return None;
            }
            _ => return None,
        }
    }
    None
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    // Only the outermost arithmetic node.
    if node
        .parent()
        .is_some_and(|p| p.kind() == "binary_expression")
    {
        return;
    }
    if !may_overflow(cx, node) {
        return;
    }
    if target_type(cx, node).is_some_and(|t| matches!(t.as_str(), "long" | "Long")) {
        let msg = format!(
            "`{}` is computed in `int` and may overflow before it is widened to `long`; make an operand `long` (`(long) a * b`, `1L << n`)",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
