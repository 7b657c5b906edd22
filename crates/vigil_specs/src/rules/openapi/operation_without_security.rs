//! `openapi/operation-without-security`: operations without a security requirement in an API that defines security schemes (one finding per resource family).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "operation-without-security");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let has_schemes = ix.scheme_defs().is_some_and(|d| !doc.entries(d).is_empty());
    if !has_schemes {
        return;
    }
    let root_sec = doc.get(ix.root, "security");
    let mut open: Vec<(NodeId, String, String)> = Vec::new();
    for op in &ix.ops {
        if op.method == "options" {
            continue;
        }
        let effective = doc.get(op.node, "security").or(root_sec);
        if effective.is_none() {
            open.push((op.method_key, family(op.path), op_label(op)));
        }
    }
    report_grouped(rep, doc, RULE, open, |n, fam, list| {
        format!("{n} operation(s) under `{fam}` have no security requirement (neither their own `security` nor a root one) although the API defines security schemes; add `security`, or `security: []` where public on purpose: {list}")
    });
}
