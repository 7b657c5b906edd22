//! `openapi/apigw-request-validator-undefined`: a request validator name not defined in `x-amazon-apigateway-request-validators`.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};
use crate::hint;

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-request-validator-undefined");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    if ix.apigw().is_none() {
        return;
    }
    let doc = ix.doc;
    let root = ix.root;
    let validators = doc.get(root, "x-amazon-apigateway-request-validators");
    let names: Vec<&str> = validators
        .map(|v| doc.pairs(v).map(|(n, _, _)| n).collect())
        .unwrap_or_default();
    let mut refs: Vec<NodeId> = Vec::new();
    if let Some(v) = doc.get(root, "x-amazon-apigateway-request-validator") {
        refs.push(v);
    }
    for op in &ix.ops {
        if let Some(v) = doc.get(op.node, "x-amazon-apigateway-request-validator") {
            refs.push(v);
        }
    }
    for v in refs {
        let Some(name) = doc.scalar(v) else { continue };
        if !names.contains(&name) {
            let msg = format!("request validator `{name}` is not defined in `x-amazon-apigateway-request-validators`{}", hint(name, &names));
            at(rep, doc, RULE, v, msg);
        }
    }
}
