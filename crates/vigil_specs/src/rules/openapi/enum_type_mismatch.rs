//! `openapi/enum-type-mismatch`: enum values whose type is not the schema's.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "enum-type-mismatch");

/// `example` values that do not match their schema's type or enum.
/// Enum values that are not of the schema's type.
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let pairs = ix.walk().enums.clone();
    for (sch, e) in pairs {
        // On `type: array` (Swagger 2 parameters, mostly) a scalar enum lists the items' values.
        let items =
            is_only_array(doc, sch).then(|| doc.get(sch, "items").map(|i| ix.deref(i)));
        for &v in doc.items(e) {
            if doc.is_opaque(v) {
                continue;
            }
            let target = match items {
                Some(_) if doc.is_seq(v) => sch,
                Some(Some(i)) => i,
                Some(None) => continue,
                None => sch,
            };
            if let Some(problem) = example_mismatch(doc, target, v) {
                if problem.starts_with("example is") {
                    let msg = problem.replacen("example is", "enum value is", 1);
                    at(rep, ix.doc, RULE, v, msg);
                }
            }
        }
    }
}
