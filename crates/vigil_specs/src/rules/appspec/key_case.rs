//! `appspec/key-case`: an EC2/on-premises key written in another case than the agent reads.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "key-case");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (map, allowed, _) in ix.ec2_key_maps() {
        for (key, k, _) in doc.pairs(map) {
            if allowed.contains(&key) {
                continue;
            }
            if let Some(c) = allowed.iter().find(|a| a.eq_ignore_ascii_case(key)) {
                rep.report(
                    RULE,
                    doc.range(k),
                    format!("`{key}` must be written `{c}`: the CodeDeploy agent reads keys case-sensitively and silently ignores `{key}`"),
                );
            }
        }
    }
}
