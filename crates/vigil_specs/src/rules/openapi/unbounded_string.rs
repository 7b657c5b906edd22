//! `openapi/unbounded-string`: request strings without a bound (one finding per schema or operation with a count).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "unbounded-string");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let hits: Vec<(NodeId, String, String)> = ix
        .unbounded()
        .iter()
        .filter(|(_, rule, _, _)| *rule == RULE)
        .map(|(id, _, g, l)| (*id, g.clone(), l.clone()))
        .collect();
    report_grouped(rep, ix.doc, RULE, hits, |n, group, list| {
        format!("{n} request string(s) of {group} have no `maxLength` (nor `enum`, `const`, a bounded `format` or an anchored fixed-length `pattern`): clients can send arbitrarily large values: {list}")
    });
}
