//! `python/aws-iam-wildcard-policy`: an IAM policy statement built in code that allows every action
//! (`"Action": "*"` or `"service:*"`) or `NotAction`: the principal gets far more than it needs.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{Checker, Env};

pub(crate) const NAME: &str = "aws_iam_wildcard_policy";

fn const_str(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<String> {
    match cx.sem.const_value(n)? {
        ConstValue::Str(s) => Some(s),
        _ => None,
    }
}

fn is_wild_action(s: &str) -> bool {
    s == "*" || s.ends_with(":*")
}

pub(super) fn check(cx: &mut Checker<'_, '_>, _env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |d| {
        if d.kind() != "dictionary" {
            return;
        }
        let mut effect_deny = false;
        let mut statement = false;
        let mut wild = None;
        let mut c = d.walk();
        for p in d.named_children(&mut c) {
            if p.kind() != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (p.field("key"), p.field("value")) else {
                continue;
            };
            match const_str(cx, k).as_deref() {
                Some("Resource" | "NotResource" | "Principal") => statement = true,
                Some("Effect") => {
                    statement = true;
                    effect_deny = const_str(cx, v).as_deref() == Some("Deny");
                }
                Some("Action") => {
                    let any = if v.kind() == "list" {
                        let mut c2 = v.walk();
                        let found = v
                            .named_children(&mut c2)
                            .any(|x| const_str(cx, x).is_some_and(|s| is_wild_action(&s)));
                        found
                    } else {
                        const_str(cx, v).is_some_and(|s| is_wild_action(&s))
                    };
                    if any {
                        wild = Some(p);
                    }
                }
                Some("NotAction") => wild = Some(p),
                _ => {}
            }
        }
        if let Some(p) = wild.filter(|_| statement && !effect_deny) {
            hits.push(p);
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "IAM policy statement allows every action (wildcard or `NotAction`); grant only the actions needed".to_owned(),
        );
    }
}
