//! `openapi/example-invalid`: examples that do not match their schema's type or enum.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "example-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let pairs = ix.walk().examples.clone();
    for (sch, ex) in pairs {
        let sch = ix.deref(sch);
        // A scalar example of an array parameter is its serialized form (`a,b` with `collectionFormat`).
        if doc.is_opaque(ex) || (is_only_array(doc, sch) && !doc.is_seq(ex)) {
            continue;
        }
        if let Some(problem) = example_mismatch(doc, sch, ex) {
            at(rep, ix.doc, RULE, ex, problem);
        }
    }
}
