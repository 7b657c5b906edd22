//! The rule files of `rules/`, embedded at build time (see `build.rs`).

use crate::rule::{parse_rule, Rule, RuleError};
use crate::source::FileKind;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Raw embedded rule files: (path relative to `rules/`, YAML text).
#[must_use]
pub fn files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULE_FILES
}

/// Embedded library models (`rules/<kind>/models/*.yaml`): (path relative to `rules/`, YAML text).
/// Their format belongs to the analysis that reads them (e.g. taint models in `vigil_flow`).
#[must_use]
pub fn model_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_MODEL_FILES
}

/// Parse every embedded rule file.
///
/// # Errors
/// The first malformed file (a bug in the build: the test suite parses them all).
pub fn rules() -> Result<Vec<Rule>, RuleError> {
    BUILTIN_RULE_FILES
        .iter()
        .map(|(path, text)| {
            let kind = path.split('/').next().and_then(FileKind::from_name);
            parse_rule(&format!("rules/{path}"), text, kind, true)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_rule_parses() {
        let rules = super::rules().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.len(), super::files().len());
    }
}
