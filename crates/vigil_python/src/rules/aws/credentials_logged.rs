//! `python/aws-credentials-logged`: AWS credentials or secrets (a session's `get_credentials()`,
//! `access_key`/`secret_key`/`token`, STS `Credentials`, Secrets Manager `SecretString`) passed to a
//! logger or `print`: logs are widely readable and long-lived.

use crate::fields::Field;
use std::collections::HashMap;

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{each_call, scope, Checker, Env};

pub(crate) const NAME: &str = "aws_credentials_logged";

/// Source text that denotes a credential or secret value.
const MARKERS: &[&str] = &[
    ".get_credentials(",
    ".get_frozen_credentials(",
    ".secret_key",
    ".access_key",
    "SecretAccessKey",
    "SessionToken",
    "AccessKeyId",
    "SecretString",
    "SecretBinary",
    ".get_secret_value(",
    "[\"Credentials\"]",
    "['Credentials']",
];

fn is_log_call(cx: &Checker<'_, '_>, call: Node<'_>) -> bool {
    let Some(f) = call.field("function") else {
        return false;
    };
    let t = cx.text(f);
    if t == "print" {
        return true;
    }
    let Some((obj, meth)) = t.rsplit_once('.') else {
        return false;
    };
    matches!(
        meth,
        "debug" | "info" | "warning" | "warn" | "error" | "critical" | "exception" | "log"
    ) && obj.to_ascii_lowercase().contains("log")
}

pub(super) fn check(cx: &mut Checker<'_, '_>, _env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    // Per scope: the names assigned a credential, with where the assignment is.
    let mut bound: HashMap<usize, Vec<(String, usize)>> = HashMap::new();
    each_call(cx, |n| {
        if n.kind() != "call" || !is_log_call(cx, n) {
            return;
        }
        let Some(args) = n.field("arguments") else {
            return;
        };
        let sc = scope(n);
        let all = bound.entry(sc.id()).or_insert_with(|| {
            let mut v = Vec::new();
            walk_tree(sc, |a| {
                if a.kind() == "assignment" {
                    if let (Some(l), Some(r)) = (a.field("left"), a.field("right")) {
                        let rt = cx.text(r);
                        if l.kind() == "identifier" && MARKERS.iter().any(|m| rt.contains(m)) {
                            v.push((cx.text(l).to_owned(), a.start_byte()));
                        }
                    }
                }
            });
            v
        });
        let names: Vec<&str> = all
            .iter()
            .filter(|(_, at)| *at < n.start_byte())
            .map(|(x, _)| x.as_str())
            .collect();
        let mut c = args.walk();
        let leaked = args.named_children(&mut c).any(|arg| {
            let t = cx.text(arg);
            if arg.kind() == "string" && !t.contains('{') {
                return false; // a literal only names the secret; the value is what leaks
            }
            if t.ends_with(".method")
                || ["['Message']", "[\"Message\"]", "['Code']", "[\"Code\"]"]
                    .iter()
                    .any(|m| t.ends_with(m))
            {
                return false; // the credential provider's name
            }
            let mut hit = MARKERS.iter().any(|m| t.contains(m));
            walk_tree(arg, |a| {
                hit = hit || (a.kind() == "identifier" && names.iter().any(|x| *x == cx.text(a)));
            });
            hit
        });
        if leaked {
            hits.push(n);
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "AWS credentials or a secret value are written to the log/output".to_owned(),
        );
    }
}
