//! `java/aws-lambda-reserved-env-override`: a Lambda function's environment (create or update of its
//! configuration) sets a variable the Lambda runtime reserves (`AWS_REGION`, `_HANDLER`,
//! `AWS_LAMBDA_FUNCTION_NAME`, ...): the call fails or the runtime misbehaves.

use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{call_args, Checker};
use crate::fields::Field;
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_lambda_reserved_env_override";

use vigil_aws::LAMBDA_RESERVED_ENV as RESERVED;

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    // Keys: `put(k, v)`, `Map.of(k, v, k2, v2)`, `Map.entry(k, v)`, `putVariablesEntry`? (k, v).
    let args = call_args(node);
    let keys: Vec<Node<'_>> = match name {
        "put" | "entry" | "putIfAbsent" => args.first().copied().into_iter().collect(),
        "of" => args.iter().step_by(2).copied().collect(),
        _ => return,
    };
    let Some(key) = keys.into_iter().find(|k| {
        matches!(cx.sem.const_value(*k), Some(ConstValue::Str(s)) if RESERVED.contains(&s.as_str()))
    }) else {
        return;
    };
    // Only where the map becomes a Lambda function's environment.
    let Some(scope) = enclosing_callable(node) else {
        return;
    };
    let mut lambda_env = false;
    walk_tree(scope, |n| {
        if n.kind() == "method_invocation"
            && n.field("name").is_some_and(|m| {
                matches!(cx.text(m), "variables" | "withVariables" | "setVariables")
            })
        {
            lambda_env = true;
        }
    });
    if lambda_env {
        let msg = format!(
            "{} is reserved by the Lambda runtime and cannot be set in a function's environment; use another name",
            cx.text(key)
        );
        cx.report(NAME, key, msg);
    }
}
