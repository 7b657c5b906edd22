//! `openapi/apigw-api-key-source-invalid`: `x-amazon-apigateway-api-key-source` other than HEADER or AUTHORIZER.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-api-key-source-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    if ix.apigw().is_none() {
        return;
    }
    let doc = ix.doc;
    if let Some(v) = doc.get(ix.root, "x-amazon-apigateway-api-key-source") {
        let t = doc.scalar(v).unwrap_or("");
        if t != "HEADER" && t != "AUTHORIZER" {
            at(rep, doc, RULE, v, format!("`x-amazon-apigateway-api-key-source` is `{t}`; expected HEADER or AUTHORIZER"));
        }
    }
}
