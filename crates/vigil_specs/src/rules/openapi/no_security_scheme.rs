//! `openapi/no-security-scheme`: an API with operations but no security scheme and no `security` requirement.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "no-security-scheme");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let ops = &ix.ops;
    let defs = ix.scheme_defs();
    let has_schemes = defs.is_some_and(|d| !doc.entries(d).is_empty());
    let any_security = doc.get(ix.root, "security").is_some()
        || ops.iter().any(|o| {
            doc.get(o.node, "security").is_some()
                || doc.get(o.node, "x-amazon-apigateway-auth").is_some()
        });
    if !has_schemes && !any_security && !ops.is_empty() {
        if let Some(paths) = doc.get(ix.root, "paths") {
            let where_ = if ix.v2 {
                "securityDefinitions"
            } else {
                "components.securitySchemes"
            };
            let msg = format!("the API has {} operation(s) but defines no security scheme (`{where_}`) and no `security` requirement: every operation is unauthenticated", ops.len());
            rep.report(RULE, doc.key_range(paths), msg);
        }
    }
}
