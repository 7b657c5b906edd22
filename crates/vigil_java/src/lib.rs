//! Java front end: parsing with tree-sitter-java, query rules and Rust-coded analyses.

use std::sync::Arc;

use vigil_core::analyzer::{FileOutput, Summary};
use vigil_core::{Analyzer, CheckContext, FileKind, ProjectFacts, RuleError, RuleSet, SourceFile};

mod flow;

/// The Java analyzer, with every Java rule of `rules` compiled.
///
/// # Errors
/// A [`RuleError`] when a rule's query or a taint model file does not compile.
pub fn analyzer(_rules: &RuleSet) -> Result<Box<dyn Analyzer>, RuleError> {
    flow::load_models()?;
    Ok(Box::new(JavaAnalyzer))
}

struct JavaAnalyzer;

fn parse(file: &SourceFile) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_java::LANGUAGE.into())
        .ok()?;
    parser.parse(file.text.as_bytes(), None)
}

impl Analyzer for JavaAnalyzer {
    fn kind(&self) -> FileKind {
        FileKind::Java
    }
    fn analyses(&self) -> Vec<&'static str> {
        flow::ANALYSES.to_vec()
    }
    fn summarize(&self, file: &SourceFile) -> Option<Summary> {
        let tree = parse(file)?;
        flow::summarize(file, &tree)
    }
    fn link(&self, summaries: Vec<(Arc<str>, Summary)>) -> Option<ProjectFacts> {
        flow::link(summaries)
    }
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        if let Some(tree) = parse(file) {
            flow::check(file, &tree, ctx, out);
        }
    }
}
