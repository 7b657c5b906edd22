//! `python/aws-error-by-message`: an AWS error handled by matching its message text (`"NoSuchKey" in
//! str(e)`, `e.args[0] == ...`, `str(e).startswith(...)`) instead of its error code
//! (`e.response["Error"]["Code"]`) or the modeled exception class (`client.exceptions.NoSuchKey`).
//! Messages are free text and change; codes are the contract.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{calls, Checker, Env};

pub(crate) const NAME: &str = "aws_error_by_message";

/// Whether `n` is the message of exception `e`: `str(e)`, `repr(e)`, `e.message`, `e.args[..]`,
/// `f"{e}"`, `format(e)`, `"%s" % e`, or a name assigned one of those.
fn is_message(cx: &Checker<'_, '_>, n: Node<'_>, e: &str, aliases: &[String]) -> bool {
    let t: String = cx.text(n).chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches(".lower()").trim_end_matches(".upper()");
    [
        format!("str({e})"),
        format!("repr({e})"),
        format!("format({e})"),
        format!("{e}.message"),
        format!("{e}.args"),
        format!("{e}.args[0]"),
        format!("str({e}.args[0])"),
        format!("{e}.msg"),
        format!("str({e}).lower()"),
        format!("f\"{{{e}}}\""),
        format!("f'{{{e}}}'"),
    ]
    .iter()
    .any(|m| m == t)
        || aliases.iter().any(|a| a == t)
        || (t.starts_with(&format!("{e}.response")) && t.contains("Message"))
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |ex| {
        if ex.kind() != "except_clause" {
            return;
        }
        // `except T as e`: the grammar gives `value: (as_pattern T alias: e)` or `value: T, alias: e`.
        let value = ex.field("value");
        let pattern = value.filter(|v| v.kind() == "as_pattern");
        let Some(alias) = ex
            .field("alias")
            .or_else(|| pattern.and_then(|p| p.field("alias")))
        else {
            return;
        };
        let e = cx.text(alias).to_owned();
        let ty = pattern
            .and_then(|p| p.named_child(0))
            .or(value)
            .map_or("", |v| cx.text(v));
        let aws_type = ty.contains("ClientError")
            || ty.contains("BotoCoreError")
            || ty.contains("botocore")
            || ty.contains(".exceptions.");
        let aws_try = ex.parent().and_then(|t| t.field("body")).is_some_and(|b| {
            calls(b)
                .into_iter()
                .any(|c| env.aws_call(cx, c).is_some_and(|a| a.svc.is_some()))
        });
        if !aws_type && !aws_try {
            return;
        }
        // `msg = str(e)` aliases.
        let mut aliases = Vec::new();
        walk_tree(ex, |n| {
            if n.kind() == "assignment" {
                if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                    if l.kind() == "identifier" && is_message(cx, r, &e, &[]) {
                        aliases.push(cx.text(l).to_owned());
                    }
                }
            }
        });
        walk_tree(ex, |n| {
            let hit = match n.kind() {
                "comparison_operator" => {
                    let mut c = n.walk();
                    let ops: Vec<Node<'_>> = n.named_children(&mut c).collect();
                    let text_op = cx.text(n);
                    ops.len() == 2
                        && ops.iter().any(|o| is_message(cx, *o, &e, &aliases))
                        && ops.iter().any(|o| {
                            matches!(
                                o.kind(),
                                "string"
                                    | "concatenated_string"
                                    | "identifier"
                                    | "attribute"
                                    | "tuple"
                                    | "list"
                            ) && !is_message(cx, *o, &e, &aliases)
                        })
                        && (text_op.contains(" in ")
                            || text_op.contains("==")
                            || text_op.contains("!="))
                }
                "call" => {
                    let f = n.field("function");
                    let meth = f
                        .filter(|f| f.kind() == "attribute")
                        .and_then(|f| Some((f.field("object")?, cx.text(f.field("attribute")?))));
                    let by_method = meth.is_some_and(|(o, m)| {
                        matches!(
                            m,
                            "startswith" | "endswith" | "find" | "index" | "count" | "__contains__"
                        ) && is_message(cx, o, &e, &aliases)
                    });
                    let by_regex = f.is_some_and(|f| {
                        matches!(
                            cx.text(f),
                            "re.search" | "re.match" | "re.findall" | "re.fullmatch"
                        )
                    }) && n.field("arguments").is_some_and(|a| {
                        let mut c = a.walk();
                        let found = a
                            .named_children(&mut c)
                            .any(|x| is_message(cx, x, &e, &aliases));
                        found
                    });
                    by_method || by_regex
                }
                _ => false,
            };
            if hit {
                hits.push((
                    n,
                    format!(
                        "the AWS error is identified by its message text; compare `{e}.response[\"Error\"][\"Code\"]` or catch the modeled exception instead"
                    ),
                ));
            }
        });
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
