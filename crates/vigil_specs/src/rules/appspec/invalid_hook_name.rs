//! `appspec/invalid-hook-name`: a hook that is not a lifecycle event of the deployment platform.

use super::Index;
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "invalid-hook-name");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let (platform, valid, reserved) = ix.platform.hooks();
    for (name, k) in ix.hook_names() {
        if valid.contains(&name) || reserved.contains(&name) {
            continue;
        }
        let h = hint(name, valid);
        let extra = if h.is_empty() {
            format!(" (valid: {})", valid.join(", "))
        } else {
            h
        };
        rep.report(
            RULE,
            doc.range(k),
            format!("`{name}` is not a lifecycle event for {platform}{extra}"),
        );
    }
}
