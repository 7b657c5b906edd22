//! `java/aws-iam-wildcard-policy`: an IAM policy built in code that allows every action (`"Action":
//! "*"`, v2 `IamStatement.builder().addAction("*")`), or every action of a service on every resource
//! (`"Action": "s3:*"` with `"Resource": "*"`).

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_iam_wildcard_policy";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(ConstValue::Str(value)) = cx.sem.const_value(node) else {
        return;
    };
    if value == "*" {
        // `addAction("*")` / `addActions(.., "*")` of the v2 IAM policy builder (`IamStatement`).
        let call = node
            .parent()
            .filter(|p| p.kind() == "argument_list")
            .and_then(|a| a.parent())
            .filter(|c| c.kind() == "method_invocation");
        if call
            .and_then(|c| c.field("name"))
            .is_some_and(|m| matches!(cx.text(m), "addAction" | "addActions" | "actions"))
        {
            cx.report(
                NAME,
                node,
                "IAM policy statement allows every action (`*`); grant only the actions needed"
                    .to_owned(),
            );
        }
        return;
    }
    let lower = value.to_ascii_lowercase();
    if !lower.contains("\"effect\"") || !lower.contains("\"allow\"") {
        return;
    }
    let actions = values_of(&lower, "\"action\"");
    let resources = values_of(&lower, "\"resource\"");
    let all_actions = actions.iter().any(|a| a == "*");
    let service_wide = actions.iter().any(|a| a.ends_with(":*"));
    let all_resources = resources.iter().any(|r| r == "*");
    let msg = if all_actions {
        "IAM policy allows every action (`\"Action\": \"*\"`); grant only the actions needed"
    } else if service_wide && all_resources {
        "IAM policy allows every action of a service on every resource (`svc:*` on `*`); grant only the actions and resources needed"
    } else {
        return;
    };
    cx.report(NAME, node, msg.to_owned());
}

/// The string values of every `"key": "v"` or `"key": ["v1", "v2"]` member of a JSON text.
fn values_of(json: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = json;
    while let Some(i) = rest.find(key) {
        rest = &rest[i + key.len()..];
        let t = rest.trim_start();
        let Some(t) = t.strip_prefix(':') else {
            continue;
        };
        let t = t.trim_start();
        let (body, _) = if let Some(arr) = t.strip_prefix('[') {
            arr.split_once(']').unwrap_or((arr, ""))
        } else {
            // One string value.
            let end = t
                .char_indices()
                .skip(1)
                .find(|(_, c)| *c == '"')
                .map_or(t.len(), |(i, _)| i + 1);
            (&t[..end], "")
        };
        for piece in body.split(',') {
            let v = piece.trim().trim_matches('"');
            if !v.is_empty() {
                out.push(v.to_owned());
            }
        }
    }
    out
}
