//! Small syntactic helpers shared by the Rust-coded bug-pattern and concurrency rules.

use crate::fields::Field;
use tree_sitter::Node;

/// Visit every named node under `root` (inclusive) in pre-order, not descending into nested function
/// definitions, lambdas or classes (their bodies run at another time). Iterative (an explicit
/// stack), and no deeper than [`vigil_query::RULE_DEPTH_LIMIT`] levels, like every rule walk.
pub(crate) fn walk_same_scope<'t>(root: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        visit(node);
        if depth >= vigil_query::RULE_DEPTH_LIMIT {
            continue;
        }
        let mut c = node.walk();
        let children: Vec<Node<'t>> = node
            .named_children(&mut c)
            .filter(|ch| {
                !matches!(
                    ch.kind(),
                    "function_definition" | "lambda" | "class_definition" | "decorated_definition"
                )
            })
            .collect();
        // Reversed, so the first child is visited first (pre-order).
        stack.extend(children.into_iter().rev().map(|ch| (ch, depth + 1)));
    }
}

/// `recv.method(args)`: the receiver, the method name node and the argument list.
pub(crate) fn method_call(call: Node<'_>) -> Option<(Node<'_>, Node<'_>, Node<'_>)> {
    if call.kind() != "call" {
        return None;
    }
    let f = call.field("function")?;
    if f.kind() != "attribute" {
        return None;
    }
    Some((
        f.field("object")?,
        f.field("attribute")?,
        call.field("arguments")?,
    ))
}

/// Source text with whitespace removed, to compare expressions such as `self.items`.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The innermost function definition enclosing `n` (not `n` itself), else the module.
pub(crate) fn scope_of(n: Node<'_>) -> Node<'_> {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        if p.kind() == "function_definition" {
            return p;
        }
        cur = p;
    }
    cur
}

/// The values bound to `target` (an expression such as `s` or `self.sock`, compared without
/// whitespace) in `scope` by plain assignments and `with … as target`, nested scopes excluded.
pub(crate) fn values_bound_to<'t>(scope: Node<'t>, src: &str, target: &str) -> Vec<Node<'t>> {
    let text = |n: Node<'_>| squeeze(src.get(n.start_byte()..n.end_byte()).unwrap_or(""));
    let mut out = Vec::new();
    let root = scope.field("body").unwrap_or(scope);
    walk_same_scope(root, &mut |n| match n.kind() {
        "assignment" => {
            if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                if text(l) == target {
                    out.push(r);
                }
            }
        }
        "as_pattern" => {
            if let (Some(v), Some(a)) = (n.named_child(0), n.field("alias")) {
                if text(a) == target && n.parent().is_some_and(|p| p.kind() == "with_item") {
                    out.push(v);
                }
            }
        }
        _ => {}
    });
    out
}

/// Calls `recv.method(...)` in `scope` (nested scopes excluded) whose receiver is `recv`.
pub(crate) fn method_calls_on<'t>(
    scope: Node<'t>,
    src: &str,
    recv: &str,
    methods: &[&str],
) -> Vec<Node<'t>> {
    let text = |n: Node<'_>| squeeze(src.get(n.start_byte()..n.end_byte()).unwrap_or(""));
    let mut out = Vec::new();
    let root = scope.field("body").unwrap_or(scope);
    walk_same_scope(root, &mut |n| {
        if let Some((r, m, _)) = method_call(n) {
            if methods.contains(&text(m).as_str()) && text(r) == recv {
                out.push(n);
            }
        }
    });
    out
}

/// Whether `node` is a call whose callee resolves to one of `names`. Through
/// [`vigil_query::Semantics::refers_to`], which rejects most callees from the imports alone
/// instead of resolving each.
pub(crate) fn is_call_to(sem: &crate::PySemantics<'_>, node: Node<'_>, names: &[&str]) -> bool {
    use vigil_query::Semantics;
    node.kind() == "call"
        && node
            .field("function")
            .is_some_and(|f| names.iter().any(|n| sem.refers_to(f, n)))
}

/// The target of the assignment or `with … as` whose value is exactly `value`, if any.
pub(crate) fn bound_target(value: Node<'_>) -> Option<Node<'_>> {
    let p = value.parent()?;
    match p.kind() {
        "assignment" if p.field("right").is_some_and(|r| r.id() == value.id()) => p.field("left"),
        "as_pattern" if p.parent().is_some_and(|w| w.kind() == "with_item") => {
            p.field("alias").and_then(|a| a.named_child(0).or(Some(a)))
        }
        _ => None,
    }
}
