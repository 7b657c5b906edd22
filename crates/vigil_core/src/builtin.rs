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

/// Parse every embedded rule file, on up to four threads (the YAML of about 200 rule files is a
/// third of the start-up for one small file).
///
/// # Errors
/// The first malformed file (a bug in the build: the test suite parses them all).
pub fn rules() -> Result<Vec<Rule>, RuleError> {
    let parse = |files: &[(&str, &str)]| -> Result<Vec<Rule>, RuleError> {
        files
            .iter()
            .map(|(path, text)| {
                let kind = path.split('/').next().and_then(FileKind::from_name);
                parse_rule(&format!("rules/{path}"), text, kind, true)
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 {
        return parse(BUILTIN_RULE_FILES);
    }
    let chunk = BUILTIN_RULE_FILES.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = BUILTIN_RULE_FILES
            .chunks(chunk)
            .map(|part| s.spawn(move || parse(part)))
            .collect();
        let mut out = Vec::with_capacity(BUILTIN_RULE_FILES.len());
        for part in parts {
            // A panic in a parser thread is a bug; re-raise it here.
            match part.join() {
                Ok(rules) => out.extend(rules?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_rule_parses() {
        let rules = super::rules().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.len(), super::files().len());
    }
}
