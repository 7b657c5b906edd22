//! `openapi/apigw-authorizer-invalid`: API Gateway authorizers missing what their type needs.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "apigw-authorizer-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    if ix.apigw().is_none() {
        return;
    }
    if let Some(defs) = ix.scheme_defs() {
        for (name, _, s) in doc.pairs(defs) {
            if let Some(a) = doc.get(ix.deref(s), "x-amazon-apigateway-authorizer") {
                check_authorizer(rep, ix, name, a);
            }
        }
    }
}

fn check_authorizer(rep: &mut Reporter<'_>, ix: &Index<'_>, name: &str, a: NodeId) {
    let doc = ix.doc;
    let ty = doc
        .get(a, "type")
        .and_then(|t| doc.scalar(t))
        .map(str::to_ascii_lowercase);
    let Some(ty) = ty else {
        let r = doc.key_range(a);
        rep.report(RULE, r, format!("authorizer of `{name}` has no `type` (token, request, jwt or cognito_user_pools)"));
        return;
    };
    let type_node = doc.get(a, "type").unwrap_or(a);
    match ty.as_str() {
        "token" | "request" => {
            if doc.get(a, "authorizerUri").is_none() {
                let r = doc.key_range(a);
                rep.report(RULE, r, format!("`{ty}` authorizer of `{name}` has no `authorizerUri` (the Lambda function's invocation ARN)"));
            }
        }
        "jwt" => match doc.get(a, "jwtConfiguration") {
            None => {
                let r = doc.key_range(a);
                rep.report(RULE, r, format!("`jwt` authorizer of `{name}` has no `jwtConfiguration` (issuer and audience)"));
            }
            Some(j) => {
                for want in ["issuer", "audience"] {
                    if doc.get(j, want).is_none() {
                        let r = doc.key_range(j);
                        rep.report(
                            RULE,
                            r,
                            format!("`jwtConfiguration` of `{name}` has no `{want}`"),
                        );
                    }
                }
            }
        },
        "cognito_user_pools" => {
            if doc.get(a, "providerARNs").is_none() {
                let r = doc.key_range(a);
                rep.report(
                    RULE,
                    r,
                    format!(
                        "`cognito_user_pools` authorizer of `{name}` has no `providerARNs`"
                    ),
                );
            }
        }
        other => {
            rep.report(RULE, ix.doc.range(type_node), format!("authorizer type `{other}` of `{name}` is not one of token, request, jwt, cognito_user_pools"));
        }
    }
    if let Some(ttl) = doc.get(a, "authorizerResultTtlInSeconds") {
        if doc
            .number(ttl)
            .is_some_and(|n| !(0.0..=3600.0).contains(&n))
        {
            let t = doc.scalar(ttl).unwrap_or("").to_owned();
            at(rep, ix.doc, 
                RULE,
                ttl,
                format!("`authorizerResultTtlInSeconds: {t}` must be between 0 and 3600"),
            );
        }
    }
}
