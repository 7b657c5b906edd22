//! Python front end: parsing with tree-sitter-python, query rules and Rust-coded analyses.

use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, RuleError, RuleSet, SourceFile};

/// The Python analyzer, with every Python rule of `rules` compiled.
///
/// # Errors
/// A [`RuleError`] when a rule's query does not compile.
pub fn analyzer(_rules: &RuleSet) -> Result<Box<dyn Analyzer>, RuleError> {
    Ok(Box::new(PythonAnalyzer))
}

struct PythonAnalyzer;

impl Analyzer for PythonAnalyzer {
    fn kind(&self) -> FileKind {
        FileKind::Python
    }
    fn analyses(&self) -> Vec<&'static str> {
        Vec::new()
    }
    fn check(&self, _file: &SourceFile, _ctx: &CheckContext<'_>, _out: &mut FileOutput) {}
}
