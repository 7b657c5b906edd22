//! `appspec/reserved-hook`: a hook on a lifecycle event CodeDeploy reserves for itself.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "reserved-hook");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let (platform, valid, reserved) = ix.platform.hooks();
    for (name, k) in ix.hook_names() {
        if !valid.contains(&name) && reserved.contains(&name) {
            rep.report(
                RULE,
                doc.range(k),
                format!("`{name}` is reserved for CodeDeploy on {platform}; scripts cannot run there (scriptable: {})", valid.join(", ")),
            );
        }
    }
}
