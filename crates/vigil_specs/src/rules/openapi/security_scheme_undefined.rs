//! `openapi/security-scheme-undefined`: a security requirement naming a scheme that is not defined.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};
use crate::hint;

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "security-scheme-undefined");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let defs = ix.scheme_defs();
    if let Some(s) = doc.get(ix.root, "security") {
        check_requirements(rep, ix, s, defs);
    }
    for op in &ix.ops {
        if let Some(s) = doc.get(op.node, "security") {
            check_requirements(rep, ix, s, defs);
        }
    }
}

fn check_requirements(rep: &mut Reporter<'_>, ix: &Index<'_>, sec: NodeId, defs: Option<NodeId>) {
    let doc = ix.doc;
    for &req in doc.items(sec) {
        for (name, k, _) in doc.pairs(req) {
            if defs.and_then(|d| doc.get(d, name)).is_none() {
                let where_ = if ix.v2 {
                    "securityDefinitions"
                } else {
                    "components.securitySchemes"
                };
                let known: Vec<&str> = defs
                    .map(|d| doc.pairs(d).map(|(n, _, _)| n).collect())
                    .unwrap_or_default();
                let msg = format!(
                    "security requirement names `{name}`, which is not defined in `{where_}`{}",
                    hint(name, &known)
                );
                at(rep, ix.doc, RULE, k, msg);
            }
        }
    }
}
