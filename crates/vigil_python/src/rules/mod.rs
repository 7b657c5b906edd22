//! Rust-coded syntactic rules. One file per rule, one entry in [`ANALYSES`] and one dispatch arm in
//! [`visit`]: the tree is walked once and each node goes to the rules interested in its kind.

mod mutable_default_arg;

use std::sync::Arc;

use tree_sitter::Node;
use vigil_core::{CheckContext, Finding, Rule, SourceFile, TextRange};
use vigil_query::walk_tree;

use crate::PySemantics;

/// The registry: every Rust analysis of the Python front end (what rule files name in `analysis:`).
pub(crate) const ANALYSES: &[&str] = &[mutable_default_arg::NAME];

/// What a rule sees while the tree is walked.
pub(crate) struct Checker<'a, 't> {
    pub(crate) file: &'a SourceFile,
    pub(crate) sem: &'a PySemantics<'t>,
    enabled: Vec<(&'static str, Vec<Arc<Rule>>)>,
    out: &'a mut Vec<Finding>,
}

impl Checker<'_, '_> {
    pub(crate) fn on(&self, analysis: &str) -> bool {
        self.enabled.iter().any(|(a, _)| *a == analysis)
    }

    pub(crate) fn text(&self, n: Node<'_>) -> &str {
        self.sem.text(n)
    }

    /// Report `node` for every enabled rule implemented by `analysis`.
    pub(crate) fn report(&mut self, analysis: &str, node: Node<'_>, message: String) {
        let range = TextRange::new(node.start_byte(), node.end_byte());
        for (a, rules) in &self.enabled {
            if *a != analysis {
                continue;
            }
            for r in rules {
                self.out.push(Finding::new(
                    r.id.clone(),
                    r.severity(),
                    self.file.location(range),
                    message.clone(),
                ));
            }
        }
    }
}

/// Run every enabled Rust rule over the tree in one walk.
pub(crate) fn run(
    root: Node<'_>,
    file: &SourceFile,
    sem: &PySemantics<'_>,
    ctx: &CheckContext<'_>,
    out: &mut Vec<Finding>,
) {
    let enabled: Vec<(&'static str, Vec<Arc<Rule>>)> = ANALYSES
        .iter()
        .map(|a| (*a, ctx.rules_for_analysis(a).cloned().collect::<Vec<_>>()))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if enabled.is_empty() {
        return;
    }
    let mut cx = Checker {
        file,
        sem,
        enabled,
        out,
    };
    walk_tree(root, |n| visit(&mut cx, n));
}

fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if node.kind() == "function_definition" {
        mutable_default_arg::check(cx, node);
    }
}
