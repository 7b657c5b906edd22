//! `python/aws-kms-reencrypt`: KMS `decrypt` followed by `encrypt` in the same function: the plaintext
//! comes back to the caller's memory for no reason. `re_encrypt` moves ciphertext from one key to
//! another inside KMS.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{Checker, Env};

pub(crate) const NAME: &str = "aws_kms_reencrypt";

fn is_kms(cx: &Checker<'_, '_>, env: &Env, call: Node<'_>, op: &str) -> bool {
    let Some(c) = env.aws_call(cx, call) else {
        return false;
    };
    if c.op != op {
        return false;
    }
    match c.svc {
        Some(s) => s.service.name == "kms",
        None => call
            .field("function")
            .and_then(|f| f.field("object"))
            .is_some_and(|o| cx.text(o).to_ascii_lowercase().contains("kms")),
    }
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env, root: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    walk_tree(root, |func| {
        if func.kind() != "function_definition" && func.kind() != "module" {
            return;
        }
        let mut decrypt_end = None;
        let mut encrypts = Vec::new();
        walk_tree(func, |n| {
            if n.kind() != "call"
                || super::scope(n).id() != func.id() && func.kind() == "function_definition"
            {
                return;
            }
            if func.kind() == "module" && super::enclosing_function(n).is_some() {
                return;
            }
            if is_kms(cx, env, n, "decrypt") {
                decrypt_end.get_or_insert(n.end_byte());
            } else if is_kms(cx, env, n, "encrypt") {
                encrypts.push(n);
            }
        });
        if let Some(end) = decrypt_end {
            hits.extend(encrypts.into_iter().filter(|e| e.start_byte() >= end));
        }
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "KMS `decrypt` then `encrypt` exposes the plaintext in this process; use `re_encrypt(CiphertextBlob=..., DestinationKeyId=...)`".to_owned(),
        );
    }
}
