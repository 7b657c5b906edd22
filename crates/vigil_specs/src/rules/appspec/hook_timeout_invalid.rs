//! `appspec/hook-timeout-invalid`: a script `timeout` that is not a whole number of seconds from 1 to 3600.

use super::{timeout_secs, Index};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "hook-timeout-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (_, _, s) in ix.ec2_scripts() {
        let Some(t) = doc.get(s, "timeout").filter(|_| doc.is_map(s)) else {
            continue;
        };
        if timeout_secs(doc, t).is_none() {
            rep.report(
                RULE,
                doc.range(t),
                format!("script `timeout` is `{}`; it must be a whole number of seconds from 1 to 3600", doc.scalar(t).unwrap_or("")),
            );
        }
    }
}
