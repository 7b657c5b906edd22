//! `java/aws-credentials-logged`: AWS credentials (secret key, session token, access key id) or a
//! Secrets Manager secret value written to a log or to standard output.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{call_args, local_initializer, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_credentials_logged";

/// Getters that return a credential or secret (v1 and v2 spellings).
const SECRET_GETTERS: &[&str] = &[
    "getAWSSecretKey",
    "getAWSAccessKeyId",
    "secretAccessKey",
    "accessKeyId",
    "getSessionToken",
    "sessionToken",
    "getSecretAccessKey",
    "getAccessKeyId",
    "getSecretString",
    "secretString",
    "getSecretBinary",
    "secretBinary",
];

const LOG_METHODS: &[&str] = &[
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "fine", "finer", "finest",
    "severe", "config", "log", "println", "print", "printf",
];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    if !LOG_METHODS.contains(&name) || !is_log_target(cx, node) {
        return;
    }
    for arg in call_args(node) {
        if let Some(getter) = secret_in(cx, arg, node, 0) {
            let msg = format!(
                "`{getter}` (an AWS credential or secret) is written to a log or the console; never log secrets"
            );
            cx.report(NAME, node, msg);
            return;
        }
    }
}

/// `System.out`/`System.err`, or a logger (typed `Logger`/`Log`, or named like one).
fn is_log_target(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let Some(obj) = node.field("object") else {
        return false;
    };
    let t = cx.text(obj);
    if matches!(t, "System.out" | "System.err") {
        return true;
    }
    if obj.kind() != "identifier" {
        return false;
    }
    if let Some(ty) = cx.sem.declared_type_of(t, obj) {
        return matches!(
            ty.as_str(),
            "Logger" | "Log" | "LambdaLogger" | "PrintStream"
        );
    }
    let l = t.to_ascii_lowercase();
    l == "log" || l == "logger"
}

/// The secret getter read in `expr` (directly, or through a local variable initialized with it).
fn secret_in<'s>(
    cx: &'s Checker<'_, '_>,
    expr: Node<'_>,
    at: Node<'_>,
    depth: usize,
) -> Option<&'s str> {
    if depth > 3 {
        return None;
    }
    let mut found = None;
    let mut vars = Vec::new();
    walk_tree(expr, |n| {
        if found.is_some() {
            return;
        }
        match n.kind() {
            "method_invocation" => {
                if let Some(m) = n.field("name") {
                    let t = cx.sem.text(m);
                    if SECRET_GETTERS.contains(&t) {
                        found = Some(t);
                    }
                }
            }
            "identifier" => vars.push(n),
            _ => {}
        }
    });
    if found.is_some() {
        return found;
    }
    for v in vars {
        if let Some(init) = local_initializer(cx, cx.text(v), at) {
            if let Some(g) = secret_in(cx, init, at, depth + 1) {
                return Some(g);
            }
        }
    }
    None
}
