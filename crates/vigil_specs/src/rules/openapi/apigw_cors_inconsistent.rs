//! `openapi/apigw-cors-inconsistent`: CORS settings browsers reject, or preflights that do not allow the path's methods.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-cors-inconsistent");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let ops = &ix.ops;
    let Some(http_api) = ix.apigw() else {
        return;
    };
    let doc = ix.doc;
    if http_api {
        let Some(cors) = doc.get(ix.root, "x-amazon-apigateway-cors") else {
            return;
        };
        let creds = doc
            .get(cors, "allowCredentials")
            .and_then(|c| doc.bool11(c))
            == Some(true);
        let star = doc
            .get(cors, "allowOrigins")
            .map(|o| doc.items(o).iter().any(|&i| doc.str(i) == Some("*")))
            .unwrap_or(false);
        if creds && star {
            if let Some(c) = doc.get(cors, "allowCredentials") {
                at(rep, ix.doc, RULE, c, "`allowCredentials: true` with `allowOrigins: [\"*\"]`: browsers reject credentialed requests to a wildcard origin; list the allowed origins".to_owned());
            }
        }
        return;
    }
    for op in ops.iter().filter(|o| o.method == "options") {
        let Some(i) = doc.get(op.node, "x-amazon-apigateway-integration") else {
            continue;
        };
        let i = ix.deref(i);
        let Some(resps) = doc.get(i, "responses") else {
            continue;
        };
        let defined: Vec<String> = ops
            .iter()
            .filter(|o| o.path_item == op.path_item && o.method != "options")
            .map(|o| o.method.to_ascii_uppercase())
            .collect();
        if defined
            .iter()
            .any(|m| m == "X-AMAZON-APIGATEWAY-ANY-METHOD")
        {
            continue;
        }
        for (_, _, r) in doc.pairs(resps) {
            let Some(params) = doc.get(r, "responseParameters") else {
                continue;
            };
            let Some(v) = doc.get(
                params,
                "method.response.header.Access-Control-Allow-Methods",
            ) else {
                continue;
            };
            let Some(text) = doc.str(v) else { continue };
            let allowed: Vec<String> = text
                .trim_matches(['\'', '"', ' '])
                .split(',')
                .map(|m| m.trim().to_ascii_uppercase())
                .collect();
            if allowed.iter().any(|m| m == "*") {
                continue;
            }
            let missing: Vec<&str> = defined
                .iter()
                .filter(|m| !allowed.contains(m))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let msg = format!("CORS preflight of `{}` allows {} but the path also defines {}: browsers will block those calls", op.path, text, missing.join(", "));
                at(rep, ix.doc, RULE, v, msg);
            }
        }
    }
}
