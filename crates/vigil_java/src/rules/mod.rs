//! Rust-coded syntactic rules. One file per rule, one entry in [`ANALYSES`] and one dispatch arm in
//! [`visit`]: the tree is walked once and each node goes to the rules interested in its kind.

mod ignored_immutable_result;
mod null_dereference_of_source;
mod return_in_finally;
mod string_reference_equality;
mod thread_run_direct_call;
mod wait_not_in_loop;
mod weak_key_size;
mod xxe;

use tree_sitter::Node;
use vigil_core::{CheckContext, Finding, SourceFile};

use crate::JavaSemantics;

/// The registry: every Rust analysis of the Java front end (what rule files name in `analysis:`).
pub(crate) const ANALYSES: &[&str] = &[
    ignored_immutable_result::NAME,
    null_dereference_of_source::NAME,
    return_in_finally::NAME,
    string_reference_equality::NAME,
    thread_run_direct_call::NAME,
    wait_not_in_loop::NAME,
    weak_key_size::NAME,
    xxe::NAME,
];

/// What a rule sees while the tree is walked (the shared [`vigil_query::RuleChecker`]).
pub(crate) type Checker<'a, 't> = vigil_query::RuleChecker<'a, JavaSemantics<'t>>;

/// Run every enabled Rust rule over the tree in one walk.
pub(crate) fn run(
    root: Node<'_>,
    file: &SourceFile,
    sem: &JavaSemantics<'_>,
    ctx: &CheckContext<'_>,
    out: &mut Vec<Finding>,
) {
    vigil_query::run_rust_rules(root, file, sem, ctx, ANALYSES, out, visit);
}

fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    match node.kind() {
        "binary_expression" => string_reference_equality::check(cx, node),
        "finally_clause" => return_in_finally::check(cx, node),
        "expression_statement" => ignored_immutable_result::check(cx, node),
        "method_invocation" => {
            wait_not_in_loop::check(cx, node);
            thread_run_direct_call::check(cx, node);
            xxe::check_chain(cx, node);
            weak_key_size::check_initialize(cx, node);
            null_dereference_of_source::check(cx, node);
        }
        "variable_declarator" => xxe::check_declarator(cx, node),
        "object_creation_expression" => weak_key_size::check_spec(cx, node),
        _ => {}
    }
}

/// The method, constructor, lambda or initializer body enclosing `node`.
pub(crate) fn enclosing_callable(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "static_initializer"
            | "block"
                if n.kind() != "block" || n.parent().is_some_and(|p| p.kind() == "class_body") =>
            {
                return Some(n)
            }
            "class_body" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}
