//! The rules every spec kind reports for problems of the text itself, found by the parser
//! ([`crate::tree::parse`]) before any other rule runs: `<kind>/syntax-error` (YAML/JSON syntax, tab
//! indentation, several documents), `<kind>/duplicate-key` and `<kind>/alias-limit`. They are one
//! piece of code for the three kinds, reported by [`crate::parse_and_report`].

use vigil_core::FileKind;

use crate::SpecRule;

/// `[syntax-error, duplicate-key, alias-limit]` of `kind`.
#[must_use]
pub const fn rules(kind: FileKind) -> [SpecRule; 3] {
    const fn rule(kind: FileKind, name: &'static str) -> SpecRule {
        SpecRule {
            kind,
            name,
            module: module_path!(),
        }
    }
    [
        rule(kind, "syntax-error"),
        rule(kind, "duplicate-key"),
        rule(kind, "alias-limit"),
    ]
}
