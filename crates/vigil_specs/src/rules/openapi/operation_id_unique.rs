//! `openapi/operation-id-unique`: two operations with the same `operationId`.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "operation-id-unique");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let ops = &ix.ops;
    let doc = ix.doc;
    let mut seen: HashMap<&str, NodeId> = HashMap::new();
    for op in ops {
        let Some(v) = doc.get(op.node, "operationId") else {
            continue;
        };
        let Some(id) = doc.scalar(v) else { continue };
        if let Some(&first) = seen.get(id) {
            let line = rep.file.line_col(doc.range(first).start).line;
            let r = doc.range(v);
            rep.report_related(
                RULE,
                r,
                format!("operationId `{id}` is already used on line {line}; operationIds must be unique"),
                vec![(doc.range(first), "first use".into())],
            );
        } else {
            seen.insert(id, v);
        }
    }
}
