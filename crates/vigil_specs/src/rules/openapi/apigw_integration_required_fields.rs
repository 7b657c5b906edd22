//! `openapi/apigw-integration-required-fields`: an API Gateway integration missing a field its type needs.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-integration-required-fields");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (op, i, http_api) in ix.integrations() {
        let Some(ty) = integration_type(doc, i, http_api) else {
            continue;
        };
        let opname = op_name(op);
        let subtype = doc.get(i, "integrationSubtype").is_some();
        let vpc = doc.get(i, "connectionType").and_then(|c| doc.scalar(c)) == Some("VPC_LINK");
        let mut missing = Vec::new();
        if subtype {
            if doc.get(i, "requestParameters").is_none() {
                missing.push("requestParameters");
            }
        } else {
            if doc.get(i, "uri").is_none() {
                missing.push("uri");
            }
            if doc.get(i, "httpMethod").is_none() && !(http_api && ty == "aws_proxy") {
                missing.push("httpMethod");
            }
        }
        if vpc && doc.get(i, "connectionId").is_none() {
            missing.push("connectionId");
        }
        if http_api && doc.get(i, "payloadFormatVersion").is_none() {
            missing.push("payloadFormatVersion");
        }
        if !missing.is_empty() {
            let msg = format!(
                "`{ty}` integration of `{opname}` is missing {}",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            rep.report(RULE, doc.key_range(i), msg);
        }
    }
}
