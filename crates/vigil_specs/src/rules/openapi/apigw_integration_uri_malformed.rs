//! `openapi/apigw-integration-uri-malformed`: an integration `uri` that is not the ARN or URL its type needs.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-integration-uri-malformed");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (op, i, http_api) in ix.integrations() {
        let Some(ty) = integration_type(doc, i, http_api) else {
            continue;
        };
        let opname = op_name(op);
        let _ = opname;
        let subtype = doc.get(i, "integrationSubtype").is_some();
        let vpc = doc.get(i, "connectionType").and_then(|c| doc.scalar(c)) == Some("VPC_LINK");
        let Some(u) = doc.get(i, "uri") else { continue };
        let Some(text) = uri_text(doc, u) else { continue };
        let plain = placeholder_free(&text);
        static AWS_URI: OnceLock<Regex> = OnceLock::new();
        static LAMBDA_ARN: OnceLock<Regex> = OnceLock::new();
        let msg = match ty.as_str() {
            "aws" | "aws_proxy" if !subtype => {
                let ok_apigw = re(
                    &AWS_URI,
                    r"^arn:[a-z-]+:apigateway:[a-z0-9-]+:[A-Za-z0-9.-]+:(path|action)/.+",
                )
                .is_match(&plain);
                let ok_lambda = http_api && re(&LAMBDA_ARN, r"^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$").is_match(&plain);
                if !ok_apigw && !ok_lambda {
                    Some(format!("`{ty}` integration uri `{text}` is not an API Gateway service ARN `arn:aws:apigateway:<region>:<service>:path|action/...`"))
                } else if text.contains(":lambda:path/")
                    && !plain.trim_end_matches('/').ends_with("/invocations")
                {
                    Some(format!(
                        "Lambda integration uri `{text}` must end with `/invocations`"
                    ))
                } else {
                    None
                }
            }
            "http" | "http_proxy" if !vpc => {
                if plain.starts_with("http://") || plain.starts_with("https://") {
                    None
                } else {
                    Some(format!(
                        "`{ty}` integration uri `{text}` is not an absolute http(s) URL"
                    ))
                }
            }
            _ => None,
        };
        if let Some(m) = msg {
            at(rep, doc, RULE, u, m);
        }
    }
}
