//! `openapi/apigw-timeout-out-of-range`: an integration `timeoutInMillis` outside API Gateway's limits.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-timeout-out-of-range");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (op, i, http_api) in ix.integrations() {
        let Some(ty) = integration_type(doc, i, http_api) else {
            continue;
        };
        let opname = op_name(op);
        let _ = ty;
        let Some(t) = doc.get(i, "timeoutInMillis") else {
            continue;
        };
        let Some(ms) = doc
            .number(t)
            .or_else(|| doc.str(t).and_then(|x| x.parse().ok()))
        else {
            continue;
        };
        let max = if http_api { 30_000.0 } else { 300_000.0 };
        if !(50.0..=max).contains(&ms) {
            let limit = if http_api {
                "50 to 30000 ms for HTTP APIs"
            } else {
                "50 to 29000 ms for REST APIs (up to 300000 after a quota increase)"
            };
            at(
                rep,
                doc,
                RULE,
                t,
                format!("`timeoutInMillis: {ms}` of `{opname}` is outside {limit}"),
            );
        }
    }
}
