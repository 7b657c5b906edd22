//! `java/integer-division-to-floating`: `a / b` with two `int` (or `long`) operands is computed as an
//! integer division, truncating the fraction, and only then converted to the `double`/`float` it is
//! assigned or returned as.

use tree_sitter::Node;

use super::util::unparen;
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "int_division_to_floating";

const INTEGRAL: &[&str] = &["int", "long", "short", "byte", "Integer", "Long"];

fn integral(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    let e = unparen(e);
    match e.kind() {
        "decimal_integer_literal" | "hex_integer_literal" => true,
        "identifier" => cx
            .sem
            .declared_type_of(cx.text(e), e)
            .is_some_and(|t| INTEGRAL.contains(&t.as_str())),
        "method_invocation" => {
            e.field("name")
                .is_some_and(|n| matches!(cx.text(n), "size" | "length"))
                && e.field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0)
        }
        "field_access" => e.field("field").is_some_and(|f| cx.text(f) == "length"),
        _ => false,
    }
}

/// The floating type the value of `e` is assigned, initialized or returned as.
fn floating_target(cx: &Checker<'_, '_>, e: Node<'_>) -> bool {
    let floating = |t: &str| matches!(t, "double" | "float" | "Double" | "Float");
    let mut cur = e;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "parenthesized_expression" => cur = p,
            "variable_declarator" => {
                return p
                    .parent()
                    .and_then(|d| d.field("type"))
                    .is_some_and(|t| floating(cx.text(t)));
            }
            "assignment_expression" if p.field("right") == Some(cur) => {
                return p.field("left").is_some_and(|l| {
                    l.kind() == "identifier"
                        && cx
                            .sem
                            .declared_type_of(cx.text(l), l)
                            .is_some_and(|t| floating(&t))
                });
            }
            "return_statement" => {
                let mut m = p.parent();
                while let Some(n) = m {
                    match n.kind() {
                        "method_declaration" => {
                            return n.field("type").is_some_and(|t| floating(cx.text(t)))
                        }
                        "lambda_expression" | "class_body" => return false,
                        _ => m = n.parent(),
                    }
                }
                return false;
            }
            _ => return false,
        }
    }
    false
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    if node.field("operator").is_none_or(|o| cx.text(o) != "/") {
        return;
    }
    let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
        return;
    };
    // A literal divisor of 1 or a literal dividend of 0 loses nothing.
    if !integral(cx, l) || !integral(cx, r) || matches!(cx.text(unparen(r)), "1") {
        return;
    }
    if floating_target(cx, node) {
        let msg = format!(
            "`{}` is an integer division (the fraction is truncated) before the result becomes floating point; cast an operand: `(double) a / b`",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}
