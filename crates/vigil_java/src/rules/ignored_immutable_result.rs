//! `java/ignored-immutable-result`: a String/BigDecimal/BigInteger method whose result is the only
//! effect, called as a statement.

use tree_sitter::Node;

use super::Checker;

pub(crate) const NAME: &str = "ignored_immutable_result";

const STRING_METHODS: &[&str] = &[
    "trim",
    "strip",
    "stripLeading",
    "stripTrailing",
    "toUpperCase",
    "toLowerCase",
    "replace",
    "replaceAll",
    "replaceFirst",
    "concat",
    "substring",
    "repeat",
    "indent",
    "formatted",
];
const BIG_METHODS: &[&str] = &[
    "add",
    "subtract",
    "multiply",
    "divide",
    "negate",
    "abs",
    "pow",
    "setScale",
    "remainder",
    "mod",
    "shiftLeft",
    "shiftRight",
    "round",
];

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = node.named_child(0) else {
        return;
    };
    if call.kind() != "method_invocation" {
        return;
    }
    let (Some(name), Some(obj)) = (
        call.child_by_field_name("name"),
        call.child_by_field_name("object"),
    ) else {
        return;
    };
    let method = cx.text(name);
    if !STRING_METHODS.contains(&method) && !BIG_METHODS.contains(&method) {
        return;
    }
    let ty = match obj.kind() {
        "string_literal" => Some("String".to_owned()),
        "identifier" => cx.sem.declared_type_of(cx.text(obj), obj),
        _ => None,
    };
    let hit = match ty.as_deref() {
        Some("String") => STRING_METHODS.contains(&method),
        Some(t @ ("BigDecimal" | "BigInteger")) => {
            BIG_METHODS.contains(&method) && cx.sem.may_be(t, &format!("java.math.{t}"))
        }
        _ => false,
    };
    if hit {
        let msg = format!(
            "the result of `{}` is ignored; `{}` is immutable, so this call has no effect",
            vigil_query::shorten(cx.text(call)),
            cx.text(obj)
        );
        cx.report(NAME, call, msg);
    }
}
