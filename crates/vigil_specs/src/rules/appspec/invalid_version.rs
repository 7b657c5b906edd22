//! `appspec/invalid-version`: no `version: 0.0`, a quoted one on EC2/on-premises, or an empty appspec.

use vigil_core::TextRange;

use super::{Index, Platform};
use crate::tree::Kind;
use crate::{spec_rule, start_of, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "invalid-version");

/// An appspec with no document at all (empty, or only comments) deploys nothing: CodeDeploy rejects it.
pub(crate) fn empty(rep: &mut Reporter<'_>) {
    rep.report(
        RULE,
        TextRange::new(0, 0),
        "the appspec is empty (no document, only blank lines or comments): add `version: 0.0` and what to deploy",
    );
}

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else { return };
    match doc.get_ci(root, "version") {
        None => rep.report(
            RULE,
            start_of(doc, root),
            "appspec has no `version`: add `version: 0.0`",
        ),
        Some((_, v)) => {
            let t = doc.scalar(v).unwrap_or("");
            let is_num = matches!(doc.kind(v), Some(Kind::Number));
            if doc.number(v) != Some(0.0) && t != "0.0" {
                rep.report(
                    RULE,
                    doc.range(v),
                    format!("appspec `version` is `{t}`; the only valid value is 0.0"),
                );
            } else if ix.platform == Platform::Ec2 && !is_num {
                rep.report(
                    RULE,
                    doc.range(v),
                    "`version` is the quoted string \"0.0\"; the CodeDeploy agent on EC2/on-premises compares it with the number 0.0 and rejects the revision: write `version: 0.0` unquoted",
                );
            }
        }
    }
}
