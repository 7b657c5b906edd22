//! `openapi/success-response-missing`: an operation whose responses declare no success (2xx/3xx or default).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "success-response-missing");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for op in &ix.ops {
        let Some(r) = doc.get(op.node, "responses").filter(|&r| doc.is_map(r)) else {
            continue;
        };
        let success = doc.pairs(r).any(|(code, _, _)| {
            !code.starts_with("x-")
                && (code.starts_with('2') || code.starts_with('3') || code == "default")
        });
        if !success && !doc.entries(r).is_empty() {
            let msg = format!(
                "operation `{} {}` declares no success (2xx/3xx or default) response",
                op.method.to_uppercase(),
                op.path
            );
            at(rep, doc, RULE, op.method_key, msg);
        }
    }
}
