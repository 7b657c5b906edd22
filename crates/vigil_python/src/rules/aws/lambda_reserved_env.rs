//! `python/aws-lambda-reserved-env-var`: a Lambda reserved environment variable (`AWS_REGION`,
//! `_HANDLER`, `AWS_LAMBDA_FUNCTION_NAME`, `AWS_ACCESS_KEY_ID`, …) set in a function's configuration
//! (`create_function`/`update_function_configuration` `Environment`) or overwritten in `os.environ`
//! inside a handler. The runtime owns these values; overriding them is rejected or breaks the runtime.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::client_reuse::is_handler;
use super::{enclosing_function, Checker, Env};

pub(crate) const NAME: &str = "aws_lambda_reserved_env_var";

use vigil_aws::LAMBDA_RESERVED_ENV as RESERVED;

fn reserved(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<String> {
    match cx.sem.const_value(n)? {
        ConstValue::Str(s) if RESERVED.contains(&s.as_str()) => Some(s),
        _ => None,
    }
}

/// Variables that only exist in the Lambda runtime: overriding one is a Lambda defect wherever the
/// code runs. The general AWS ones (`AWS_REGION`, keys) are reported inside handlers only.
fn lambda_only(k: &str) -> bool {
    k.starts_with("AWS_LAMBDA_")
        || k.starts_with("LAMBDA_")
        || k.starts_with('_')
        || k == "AWS_EXECUTION_ENV"
}

fn is_environ(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    cx.text(n) == "os.environ" || cx.sem.refers_to(n, "os.environ")
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits: Vec<(Node<'_>, String)> = Vec::new();
    // The calls and assignments the semantics collected in its walk, not another walk.
    for &n in cx.sem.calls.iter().chain(&cx.sem.assignments) {
        match n.kind() {
            "call" => {
                // The operation's name first: `aws_call` resolves the receiver, which costs more.
                let f = n.field("function");
                let op = f
                    .filter(|f| f.kind() == "attribute")
                    .and_then(|f| f.field("attribute"))
                    .map(|a| cx.text(a));
                if let Some(call) = op
                    .filter(|o| matches!(*o, "create_function" | "update_function_configuration"))
                    .and_then(|_| env.aws_call(cx, n))
                {
                    if matches!(
                        call.op.as_str(),
                        "create_function" | "update_function_configuration"
                    ) && !call.services(|s| s.name == "lambda").is_empty()
                    {
                        if let Some(e) = call.kwarg(cx, "Environment") {
                            walk_tree(e, |p| {
                                if p.kind() == "pair" {
                                    if let Some(k) = p.field("key").and_then(|k| reserved(cx, k)) {
                                        hits.push((p, format!("`{k}` is reserved by AWS Lambda and cannot be set in the function's environment")));
                                    }
                                }
                            });
                        }
                    }
                }
                // `os.environ.update({...})`, `os.putenv("AWS_REGION", ...)`, `os.environ.setdefault(...)` in a handler.
                let target = f.and_then(|f| {
                    let t = cx.text(f);
                    (t == "os.putenv" || t == "os.environ.update" || t == "os.environ.__setitem__")
                        .then_some(f)
                });
                if target.is_some() {
                    // Ancestors cost O(depth) each in tree-sitter: only for the calls that need them.
                    let in_handler = enclosing_function(n).is_some_and(|f| is_handler(cx, f));
                    if let Some(args) = n.field("arguments") {
                        walk_tree(args, |a| {
                            let key = if a.kind() == "pair" {
                                a.field("key")
                            } else {
                                Some(a)
                            };
                            if let Some(k) = key
                                .and_then(|k| {
                                    (k.kind() == "string").then(|| reserved(cx, k)).flatten()
                                })
                                .filter(|k| in_handler || lambda_only(k))
                            {
                                hits.push((a, format!("`{k}` is reserved by AWS Lambda; overriding it breaks the runtime's view of the function")));
                            }
                        });
                    }
                }
            }
            "assignment" => {
                let Some(l) = n.field("left").filter(|l| l.kind() == "subscript") else {
                    continue;
                };
                if !l.field("value").is_some_and(|v| is_environ(cx, v)) {
                    continue;
                }
                let in_handler = enclosing_function(n).is_some_and(|f| is_handler(cx, f));
                if let Some(k) = l
                    .field("subscript")
                    .and_then(|k| reserved(cx, k))
                    .filter(|k| in_handler || lambda_only(k))
                {
                    hits.push((n, format!("`{k}` is reserved by AWS Lambda; overriding it breaks the runtime's view of the function")));
                }
            }
            _ => {}
        }
    }
    hits.sort_by_key(|(n, _)| (n.start_byte(), n.end_byte()));
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
