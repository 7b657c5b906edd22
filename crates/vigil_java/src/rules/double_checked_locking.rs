//! `java/double-checked-locking`: `if (f == null) synchronized (..) { if (f == null) f = ..; }` on a
//! field that is not `volatile`: another thread can see the reference before the object it points to
//! is fully constructed.

use tree_sitter::Node;

use super::util::{assigns, descendants, field_ref, has_modifier, unparen, var_name};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "double_checked_locking";

/// The field tested by `f == null` (or `null == f`), as written.
fn null_tested<'t>(cx: &Checker<'_, '_>, cond: Node<'t>) -> Option<Node<'t>> {
    let cond = unparen(cond);
    if cond.kind() != "binary_expression"
        || cond.field("operator").is_none_or(|o| cx.text(o) != "==")
    {
        return None;
    }
    let (l, r) = (cond.field("left")?, cond.field("right")?);
    match (l.kind(), r.kind()) {
        (_, "null_literal") => Some(l),
        ("null_literal", _) => Some(r),
        _ => None,
    }
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(cond), Some(then)) = (node.field("condition"), node.field("consequence")) else {
        return;
    };
    let Some(tested) = null_tested(cx, cond) else {
        return;
    };
    let Some((name, field, _)) = field_ref(cx, tested) else {
        return;
    };
    if has_modifier(field, "volatile") {
        return;
    }
    // Primitive wrappers and the like are out of scope: only object references published lazily.
    let outer = var_name(cx, tested).map(str::to_owned);
    let hit = descendants(then, "synchronized_statement")
        .into_iter()
        .any(|s| {
            descendants(s, "if_statement").into_iter().any(|inner| {
                inner
                    .field("condition")
                    .and_then(|c| null_tested(cx, c))
                    .is_some_and(|t| var_name(cx, t).map(str::to_owned) == outer)
                    && inner
                        .field("consequence")
                        .is_some_and(|b| assigns(cx, b, &name))
            })
        });
    if hit {
        let msg = format!(
            "double-checked locking on `{name}`, which is not `volatile`: another thread can see a partly constructed object; declare it `volatile` or use a holder class"
        );
        cx.report(NAME, node, msg);
    }
}
