//! `appspec/lambda-hook-format`: Lambda/ECS `hooks` that are not a list of single-key mappings naming a function.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "lambda-hook-format");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let (pname, valid, _) = ix.platform.hooks();
    let Some((hk, hooks)) = ix.serverless().and_then(|r| doc.get_ci(r, "hooks")) else {
        return;
    };
    if doc.is_null(hooks) {
        return;
    }
    if !doc.is_seq(hooks) {
        rep.report(
            RULE,
            doc.range(hk),
            format!("{pname} `hooks` must be a list of single-key mappings (`- BeforeAllowTraffic: MyValidationFunction`), found {}", doc.type_name(hooks)),
        );
        return;
    }
    for &h in doc.items(hooks) {
        if !doc.is_map(h) || doc.all_entries(h).len() != 1 {
            rep.report(
                RULE,
                doc.range(h),
                format!("each {pname} hook must be a single-key mapping `- <LifecycleEvent>: <Lambda function name or ARN>`"),
            );
        }
    }
    for (name, k, v) in ix.serverless_hooks() {
        if !valid.contains(&name) {
            continue;
        }
        if doc.str(v).is_none_or(|s| s.trim().is_empty()) && !doc.is_opaque(v) {
            rep.report(
                RULE,
                doc.range(v).max(doc.range(k)),
                format!(
                    "hook `{name}` must name a Lambda function (name or ARN), found {}",
                    doc.type_name(v)
                ),
            );
        }
    }
}
