//! Small syntactic helpers shared by the Rust-coded bug-pattern and concurrency rules.

use tree_sitter::Node;

/// Visit every node under `root` (inclusive) in pre-order, not descending into nested function
/// definitions, lambdas or classes (their bodies run at another time).
pub(crate) fn walk_same_scope<'t>(root: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    visit(root);
    let mut c = root.walk();
    for ch in root.named_children(&mut c) {
        if matches!(
            ch.kind(),
            "function_definition" | "lambda" | "class_definition" | "decorated_definition"
        ) {
            continue;
        }
        walk_same_scope(ch, visit);
    }
}

/// `recv.method(args)`: the receiver, the method name node and the argument list.
pub(crate) fn method_call(call: Node<'_>) -> Option<(Node<'_>, Node<'_>, Node<'_>)> {
    if call.kind() != "call" {
        return None;
    }
    let f = call.child_by_field_name("function")?;
    if f.kind() != "attribute" {
        return None;
    }
    Some((
        f.child_by_field_name("object")?,
        f.child_by_field_name("attribute")?,
        call.child_by_field_name("arguments")?,
    ))
}

/// Source text with whitespace removed, to compare expressions such as `self.items`.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

