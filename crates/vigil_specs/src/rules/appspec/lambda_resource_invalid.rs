//! `appspec/lambda-resource-invalid`: a Lambda appspec whose `resources` is not one valid `AWS::Lambda::Function` target.

use super::{prop, resources, Index, Platform};
use crate::tree::NodeId;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "lambda-resource-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    if ix.platform != Platform::Lambda {
        return;
    }
    let doc = ix.doc;
    let Some((res, bodies)) = resources(ix) else {
        return;
    };
    let n = doc.items(res).len();
    if n != 1 {
        rep.report(
            RULE,
            doc.key_range(res),
            format!("`resources` must list exactly one AWS Lambda target, found {n}"),
        );
    }
    for body in bodies {
        check_lambda_resource(rep, ix, body);
    }
}

fn check_lambda_resource(rep: &mut Reporter<'_>, ix: &Index<'_>, body: NodeId) {
    let doc = ix.doc;
    match prop(doc, body, "type") {
        None => rep.report(
            RULE,
            doc.key_range(body),
            "Lambda resource has no `type: AWS::Lambda::Function`",
        ),
        Some((_, v, t)) if t != Some("AWS::Lambda::Function") => rep.report(
            RULE,
            doc.range(v),
            format!(
                "resource `type` is `{}`; expected AWS::Lambda::Function",
                t.unwrap_or("")
            ),
        ),
        _ => {}
    }
    let Some((pk, props, _)) = prop(doc, body, "properties") else {
        rep.report(
            RULE,
            doc.key_range(body),
            "Lambda resource has no `properties` (name, alias, currentversion, targetversion)",
        );
        return;
    };
    let mut versions = Vec::new();
    for want in ["name", "alias", "currentversion", "targetversion"] {
        match prop(doc, props, want) {
            None => rep.report(
                RULE,
                doc.range(pk),
                format!("Lambda resource `properties` has no `{want}`"),
            ),
            Some((_, v, t)) => {
                if doc.is_opaque(v) {
                    continue;
                }
                let empty = t.is_none_or(|s| s.trim().is_empty());
                if empty {
                    rep.report(
                        RULE,
                        doc.range(v),
                        format!("`{want}` must be a non-empty value"),
                    );
                } else if want.ends_with("version") {
                    let s = t.unwrap_or("");
                    if s.parse::<u64>().map_or(true, |n| n == 0) {
                        rep.report(RULE, doc.range(v), format!("`{want}` is `{s}`; a Lambda version is a positive integer (an alias or `$LATEST` is not accepted)"));
                    } else {
                        versions.push(s.to_owned());
                    }
                }
            }
        }
    }
}
