//! `openapi/apigw-integration-type-invalid`: an API Gateway integration without a `type` API Gateway deploys for the API.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};
use crate::hint;

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-integration-type-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    for (op, i, http_api) in ix.integrations() {
        check(rep, ix, op, i, http_api);
    }
}

fn check(rep: &mut Reporter<'_>, ix: &Index<'_>, op: &Op<'_>, i: NodeId, http_api: bool) {
    let doc = ix.doc;
    let whole = doc.key_range(i);
    let opname = format!("{} {}", op.method.to_uppercase(), op.path);
    if !doc.is_map(i) {
        return;
    }
    let ty_node = doc.get(i, "type");
    let ty = ty_node
        .and_then(|t| doc.scalar(t))
        .map(str::to_ascii_lowercase);
    let Some(ty) = ty else {
        rep.report(RULE, whole, format!("integration of `{opname}` has no `type` (aws, aws_proxy, http, http_proxy or mock)"));
        return;
    };
    let tn = ty_node.unwrap_or(i);
    if !INTEGRATION_TYPES.contains(&ty.as_str()) {
        at(rep, ix.doc, RULE, tn, format!("integration type `{ty}` of `{opname}` is not one of aws, aws_proxy, http, http_proxy, mock{}", hint(&ty, INTEGRATION_TYPES)));
        return;
    }
    if http_api && !["aws_proxy", "http_proxy"].contains(&ty.as_str()) {
        at(rep, ix.doc, RULE, tn, format!("integration type `{ty}` of `{opname}` is not supported by HTTP APIs (only aws_proxy and http_proxy)"));
    }
}
