//! `openapi/missing-4xx-response`: operations that take input but declare no 4xx (or default) response (one finding per resource family).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "missing-4xx-response");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let (_, _, has_4xx_need) = ix.request_inputs();
    let mut missing: Vec<(NodeId, String, String)> = Vec::new();
    for op in has_4xx_need {
        let Some(r) = doc.get(op.node, "responses") else {
            continue;
        };
        let client_error = doc
            .pairs(r)
            .any(|(code, _, _)| code == "default" || code.starts_with('4'));
        if !client_error && doc.is_map(r) {
            missing.push((op.method_key, family(op.path), op_label(op)));
        }
    }
    report_grouped(rep, ix.doc, RULE, missing, |n, fam, list| {
        format!("{n} operation(s) under `{fam}` take input but declare no 4xx (or default) response for invalid requests: {list}")
    });
}
