//! `java/equals-without-hashcode`: a class overrides `equals(Object)` but not `hashCode()` (or the
//! reverse): equal objects get different hash codes, and hash-based collections lose or duplicate them.

use tree_sitter::Node;

use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "equals_hashcode";

/// The method `name` declared in the class body with `params` parameters; `with_body`: only one with a
/// body (an abstract or native declaration defines no behaviour to be inconsistent with, but it
/// does declare the counterpart).
fn find<'t>(
    cx: &Checker<'_, '_>,
    body: Node<'t>,
    name: &str,
    params: usize,
    with_body: bool,
) -> Option<Node<'t>> {
    let mut c = body.walk();
    let found = body.named_children(&mut c).find(|m| {
        m.kind() == "method_declaration"
            && m.field("name").is_some_and(|n| cx.text(n) == name)
            && m.field("parameters").is_some_and(|p| {
                let mut c2 = p.walk();
                let ps: Vec<Node<'_>> = p
                    .named_children(&mut c2)
                    .filter(|x| x.kind() == "formal_parameter")
                    .collect();
                ps.len() == params
                    && (params == 0
                        || ps[0]
                            .field("type")
                            .is_some_and(|t| matches!(cx.text(t), "Object" | "java.lang.Object")))
            })
            && (!with_body || m.field("body").is_some())
    });
    found
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, body: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(class) = body.parent() else { return };
    if !matches!(class.kind(), "class_declaration" | "enum_declaration") {
        return;
    }
    // A subclass inherits its superclass's `equals` and `hashCode`, which may be consistent with the
    // one it overrides (`AbstractSet.hashCode` sums the elements' hashes for any `equals` of a set;
    // a cheaper `hashCode` over the inherited `equals`): only classes without a superclass are checked.
    if class.field("superclass").is_some_and(|s| {
        !matches!(
            cx.text(s).trim_start_matches("extends").trim(),
            "Object" | "java.lang.Object"
        )
    }) {
        return;
    }
    let equals = find(cx, body, "equals", 1, true);
    let hash = find(cx, body, "hashCode", 0, true);
    let (node, msg) = match (equals, hash) {
        (Some(_), None) if find(cx, body, "hashCode", 0, false).is_some() => return,
        (Some(e), None) => (e, "overrides `equals` but not `hashCode`: equal objects get different hash codes, so `HashMap`/`HashSet` treat them as distinct"),
        // `hashCode` alone keeps the contract (objects equal by identity have one hash): not reported.
        _ => return,
    };
    // `equals` that only delegates to `super.equals` (or always throws) keeps the inherited contract.
    let text = node.field("body").map(|b| cx.text(b)).unwrap_or("");
    if text.contains("super.equals")
        || text.contains("super.hashCode")
        || text
            .trim_start_matches('{')
            .trim_start()
            .starts_with("throw ")
    {
        return;
    }
    let name = node.field("name").unwrap_or(node);
    cx.report(NAME, name, msg.to_owned());
}
