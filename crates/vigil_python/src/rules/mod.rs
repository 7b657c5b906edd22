//! Rust-coded syntactic rules. One file per rule, one entry in [`ANALYSES`] and one dispatch arm in
//! [`visit`]: the tree is walked once and each node goes to the rules interested in its kind.

mod aws;
mod mutable_default_arg;

use tree_sitter::Node;
use vigil_core::{CheckContext, Finding, SourceFile};

use crate::PySemantics;

/// The registry: every Rust analysis of the Python front end (what rule files name in `analysis:`).
pub(crate) const ANALYSES: &[&str] =
    &concat::<{ SYNTACTIC.len() + aws::ANALYSES.len() }>(SYNTACTIC, aws::ANALYSES);

/// The rules dispatched by node kind in [`visit`].
const SYNTACTIC: &[&str] = &[mutable_default_arg::NAME];

/// `a` then `b`, as one array (the registry is a constant).
const fn concat<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[i + j] = b[j];
        j += 1;
    }
    out
}

/// What a rule sees while the tree is walked (the shared [`vigil_query::RuleChecker`]).
pub(crate) type Checker<'a, 't> = vigil_query::RuleChecker<'a, PySemantics<'t>>;

/// Run every enabled Rust rule over the tree in one walk.
pub(crate) fn run(
    root: Node<'_>,
    file: &SourceFile,
    sem: &PySemantics<'_>,
    ctx: &CheckContext<'_>,
    out: &mut Vec<Finding>,
) {
    vigil_query::run_rust_rules(root, file, sem, ctx, ANALYSES, out, visit);
}

fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    match node.kind() {
        "function_definition" => mutable_default_arg::check(cx, node),
        "module" => aws::check_module(cx, node),
        _ => {}
    }
}
