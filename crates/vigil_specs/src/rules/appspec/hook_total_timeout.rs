//! `appspec/hook-total-timeout`: the scripts of one lifecycle event whose timeouts sum to more than 3600 s.

use super::{timeout_secs, Index, EC2_HOOKS};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "hook-total-timeout");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (name, k, scripts) in ix.ec2_hooks() {
        if !EC2_HOOKS.contains(&name) {
            continue;
        }
        let total: u64 = doc
            .items(scripts)
            .iter()
            .filter(|&&s| doc.is_map(s))
            .filter_map(|&s| doc.get(s, "timeout").and_then(|t| timeout_secs(doc, t)))
            .sum();
        if total > 3600 {
            rep.report(
                RULE,
                doc.range(k),
                format!("the scripts of `{name}` have timeouts summing to {total} s; one lifecycle event may take at most 3600 s"),
            );
        }
    }
}
