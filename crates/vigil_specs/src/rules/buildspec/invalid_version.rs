//! `buildspec/invalid-version`: no `version`, or one other than 0.1 and 0.2.

use super::Index;
use crate::{spec_rule, start_of, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "invalid-version");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else { return };
    match doc.get(root, "version") {
        None => rep.report(
            RULE,
            start_of(doc, root),
            "buildspec has no `version` key: add `version: 0.2`",
        ),
        Some(v) => {
            let text = doc.scalar(v).unwrap_or("");
            if !matches!(text, "0.2" | "0.1") {
                rep.report(
                    RULE,
                    doc.range(v),
                    format!("buildspec `version` is `{text}`; CodeBuild accepts only 0.1 or 0.2"),
                );
            }
        }
    }
}
