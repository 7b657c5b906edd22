//! `openapi/apigw-global-security-ignored`: root-level `security` of an API Gateway REST API, which the import ignores.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-global-security-ignored");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let Some(http_api) = ix.apigw() else {
        return;
    };
    let doc = ix.doc;
    let root = ix.root;
    let ops = &ix.ops;
    // REST APIs ignore root-level security.
    if !http_api {
        if let Some(sec) = doc.get(root, "security") {
            if !doc.items(sec).is_empty() {
                let relying: Vec<String> = ops
                    .iter()
                    .filter(|o| o.method != "options" && doc.get(o.node, "security").is_none())
                    .map(|o| format!("{} {}", o.method.to_uppercase(), o.path))
                    .collect();
                if !relying.is_empty() {
                    let shown: Vec<&str> = relying.iter().take(3).map(String::as_str).collect();
                    let more = if relying.len() > 3 {
                        format!(" and {} more", relying.len() - 3)
                    } else {
                        String::new()
                    };
                    let msg = format!("API Gateway REST import ignores root-level `security`: {}{more} would deploy with no authorization; set `security` on each operation", shown.join(", "));
                    let r = doc.key_range(sec);
                    rep.report(RULE, r, msg);
                }
            }
        }
    }
}
