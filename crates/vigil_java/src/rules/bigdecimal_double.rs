//! `java/bigdecimal-from-double`: `new BigDecimal(0.1)` takes the binary approximation of the double,
//! `0.1000000000000000055511151231257827...`, not the decimal written; use `BigDecimal.valueOf(d)` or
//! `new BigDecimal("0.1")`.

use tree_sitter::Node;

use super::util::{args_of, unparen};
use super::Checker;
use vigil_query::Semantics;

use crate::fields::Field;

pub(crate) const NAME: &str = "bigdecimal_double";

/// Whether the literal's value is not exactly representable with a few binary fraction digits.
fn inexact(lit: &str) -> bool {
    let t = lit.trim_end_matches(['d', 'D', 'f', 'F']).replace('_', "");
    match t.parse::<f64>() {
        Ok(v) => (v * 1024.0).fract() != 0.0,
        Err(_) => false,
    }
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(ty), Some(args)) = (node.field("type"), node.field("arguments")) else {
        return;
    };
    if !cx.sem.refers_to(ty, "java.math.BigDecimal") {
        return;
    }
    let args = args_of(args);
    let Some(first) = args.first().map(|a| unparen(*a)) else {
        return;
    };
    let hit = match first.kind() {
        "decimal_floating_point_literal" => inexact(cx.text(first)),
        "identifier" => cx
            .sem
            .declared_type_of(cx.text(first), first)
            .is_some_and(|t| matches!(t.as_str(), "double" | "float" | "Double" | "Float")),
        _ => false,
    };
    if hit {
        let msg = format!(
            "`{}` converts a binary double, not the decimal written; use `BigDecimal.valueOf({})` or a string",
            vigil_query::shorten(cx.text(node)),
            cx.text(first)
        );
        cx.report(NAME, node, msg);
    }
}
