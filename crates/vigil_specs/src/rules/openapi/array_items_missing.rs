//! `openapi/array-items-missing`: `type: array` without `items` (required before OpenAPI 3.1).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "array-items-missing");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    for &t in &ix.walk().arrays_without_items {
        at(rep, ix.doc, RULE, t, "`type: array` without `items`: the element type is undefined (required in OpenAPI 2.0/3.0)".to_owned());
    }
}
