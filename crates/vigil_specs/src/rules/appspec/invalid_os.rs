//! `appspec/invalid-os`: an EC2/on-premises appspec without `os: linux` or `os: windows`.

use super::Index;
use crate::{spec_rule, start_of, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "invalid-os");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.ec2() else { return };
    match doc.get(root, "os") {
        None => {
            if doc.get_ci(root, "os").is_none() {
                rep.report(
                    RULE,
                    start_of(doc, root),
                    "EC2/on-premises appspec has no `os`: add `os: linux` or `os: windows`",
                );
            }
        }
        Some(o) => {
            let t = doc.scalar(o).unwrap_or("");
            if t != "linux" && t != "windows" {
                rep.report(
                    RULE,
                    doc.range(o),
                    format!("`os` is `{t}`; the CodeDeploy agent accepts only `linux` or `windows` (lower case)"),
                );
            }
        }
    }
}
