//! `openapi/apigw-lambda-http-method`: a Lambda integration whose `httpMethod` is not POST.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-lambda-http-method");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (op, i, http_api) in ix.integrations() {
        let Some(ty) = integration_type(doc, i, http_api) else {
            continue;
        };
        let opname = op_name(op);
        let _ = ty;
        let Some(text) = doc.get(i, "uri").and_then(|u| uri_text(doc, u)) else {
            continue;
        };
        let plain = placeholder_free(&text);
        let lambda = text.contains(":lambda:path/2015-03-31/functions/")
            || text.starts_with("arn:aws:lambda:")
            || plain.contains(":lambda:");
        if !lambda {
            continue;
        }
        if let Some(m) = doc.get(i, "httpMethod") {
            let mt = doc.scalar(m).unwrap_or("");
            if !mt.eq_ignore_ascii_case("POST") && !doc.is_opaque(m) {
                at(rep, doc, RULE, m, format!("Lambda integration of `{opname}` uses `httpMethod: {mt}`; Lambda is invoked only with POST (the route's own method stays {})", op.method.to_uppercase()));
            }
        }
    }
}
