//! `java/weak-key-size`: an RSA, DSA or Diffie-Hellman key pair generator initialized with fewer
//! than 2048 bits (EC: fewer than 224), or an `RSAKeyGenParameterSpec` of fewer than 2048 bits.

use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{enclosing_callable, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "weak_key_size";

/// Minimum size in bits per algorithm name (upper case).
fn minimum(alg: &str) -> Option<i128> {
    match alg.to_ascii_uppercase().as_str() {
        "RSA" | "RSASSA-PSS" | "DSA" | "DH" | "DIFFIEHELLMAN" => Some(2048),
        "EC" => Some(224),
        _ => None,
    }
}

fn int_const(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<i128> {
    match cx.sem.const_value(n) {
        Some(ConstValue::Int(i)) => Some(i),
        _ => None,
    }
}

/// The algorithm of `KeyPairGenerator.getInstance(<const>)` assigned once to `var` in `body`.
fn generator_algorithm(cx: &Checker<'_, '_>, body: Node<'_>, var: &str) -> Option<String> {
    let mut alg = None;
    let mut assignments = 0;
    walk_tree(body, |n| {
        let value = match n.kind() {
            "variable_declarator" if n.field("name").is_some_and(|x| cx.text(x) == var) => {
                n.field("value")
            }
            "assignment_expression" if n.field("left").is_some_and(|x| cx.text(x) == var) => {
                n.field("right")
            }
            _ => return,
        };
        assignments += 1;
        let Some(call) = value.filter(|v| v.kind() == "method_invocation") else {
            return;
        };
        let is_factory = call
            .field("name")
            .is_some_and(|m| cx.text(m) == "getInstance")
            && call
                .field("object")
                .is_some_and(|o| cx.sem.refers_to(o, "java.security.KeyPairGenerator"));
        if !is_factory {
            return;
        }
        let first = call.field("arguments").and_then(|a| a.named_child(0));
        if let Some(ConstValue::Str(s)) = first.and_then(|f| cx.sem.const_value(f)) {
            alg = Some(s);
        }
    });
    if assignments == 1 {
        alg
    } else {
        None
    }
}

pub(crate) fn check_initialize(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(name), Some(obj), Some(args)) = (
        node.field("name"),
        node.field("object"),
        node.field("arguments"),
    ) else {
        return;
    };
    if cx.text(name) != "initialize" || obj.kind() != "identifier" {
        return;
    }
    let Some(bits) = args.named_child(0).and_then(|a| int_const(cx, a)) else {
        return;
    };
    let Some(body) = enclosing_callable(node) else {
        return;
    };
    let var = cx.text(obj).to_owned();
    let Some(alg) = generator_algorithm(cx, body, &var) else {
        return;
    };
    if let Some(min) = minimum(&alg) {
        if bits < min {
            let msg = format!(
                "{alg} key pair generator `{var}` is initialized with {bits} bits (at least {min} needed)"
            );
            cx.report(NAME, node, msg);
        }
    }
}

pub(crate) fn check_spec(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(ty), Some(args)) = (node.field("type"), node.field("arguments")) else {
        return;
    };
    if !cx
        .sem
        .refers_to(ty, "java.security.spec.RSAKeyGenParameterSpec")
    {
        return;
    }
    if let Some(bits) = args.named_child(0).and_then(|a| int_const(cx, a)) {
        if bits < 2048 {
            let msg = format!("`RSAKeyGenParameterSpec` with {bits} bits (at least 2048 needed)");
            cx.report(NAME, node, msg);
        }
    }
}
