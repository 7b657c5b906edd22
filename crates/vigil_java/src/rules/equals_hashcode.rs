//! `java/equals-without-hashcode`: a class overrides `equals(Object)` but not `hashCode()` (or the
//! reverse): equal objects get different hash codes, and hash-based collections lose or duplicate them.

use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "equals_hashcode";

fn find<'t>(cx: &Checker<'_, '_>, body: Node<'t>, name: &str, params: usize) -> Option<Node<'t>> {
    let mut c = body.walk();
    let found = body.named_children(&mut c).find(|m| {
        m.kind() == "method_declaration"
            && m.child_by_field_name("name")
                .is_some_and(|n| cx.text(n) == name)
            && m.child_by_field_name("parameters").is_some_and(|p| {
                let mut c2 = p.walk();
                let ps: Vec<Node<'_>> = p
                    .named_children(&mut c2)
                    .filter(|x| x.kind() == "formal_parameter")
                    .collect();
                ps.len() == params
                    && (params == 0
                        || ps[0]
                            .child_by_field_name("type")
                            .is_some_and(|t| matches!(cx.text(t), "Object" | "java.lang.Object")))
            })
            && m.child_by_field_name("body").is_some()
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
    let equals = find(cx, body, "equals", 1);
    let hash = find(cx, body, "hashCode", 0);
    let (node, msg) = match (equals, hash) {
        (Some(e), None) => (e, "overrides `equals` but not `hashCode`: equal objects get different hash codes, so `HashMap`/`HashSet` treat them as distinct"),
        (None, Some(h)) => (h, "overrides `hashCode` but not `equals`: objects with the same hash are still compared by identity"),
        _ => return,
    };
    // `equals` that only delegates to `super.equals` (or always throws) keeps the inherited contract.
    let text = node
        .child_by_field_name("body")
        .map(|b| cx.text(b))
        .unwrap_or("");
    if text.contains("super.equals")
        || text.contains("super.hashCode")
        || text
            .trim_start_matches('{')
            .trim_start()
            .starts_with("throw ")
    {
        return;
    }
    let name = node.child_by_field_name("name").unwrap_or(node);
    cx.report(NAME, name, msg.to_owned());
}
