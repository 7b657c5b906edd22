//! `java/ignored-immutable-result`: a String/BigDecimal/BigInteger method whose result is the only
//! effect, called as a statement.

use tree_sitter::Node;

use super::Checker;
use crate::fields::Field;

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
    "movePointLeft",
    "movePointRight",
    "stripTrailingZeros",
    "scaleByPowerOfTen",
    "plus",
    "max",
    "min",
    "sqrt",
    "and",
    "or",
    "xor",
    "not",
    "andNot",
    "gcd",
    "modPow",
    "modInverse",
    "setBit",
    "clearBit",
    "flipBit",
];
/// `java.time` values are immutable too: every `plus*`/`minus*`/`with*` returns a new value.
const TIME_TYPES: &[&str] = &[
    "LocalDate",
    "LocalDateTime",
    "LocalTime",
    "Instant",
    "ZonedDateTime",
    "OffsetDateTime",
    "Duration",
    "Period",
    "YearMonth",
];
const OPTIONAL_METHODS: &[&str] = &["map", "flatMap", "filter", "or"];
/// Intermediate stream operations: a statement that ends with one never runs the pipeline.
const STREAM_INTERMEDIATE: &[&str] = &[
    "map",
    "filter",
    "flatMap",
    "sorted",
    "distinct",
    "peek",
    "limit",
    "skip",
    "mapToInt",
    "mapToLong",
    "mapToObj",
    "boxed",
];
/// Static factories whose result is the only effect.
const STATIC_PURE: &[(&str, &[&str])] = &[
    ("String", &["format", "valueOf", "join", "copyValueOf"]),
    (
        "Collections",
        &[
            "unmodifiableList",
            "unmodifiableSet",
            "unmodifiableMap",
            "unmodifiableCollection",
            "synchronizedList",
            "synchronizedMap",
            "emptyList",
        ],
    ),
];

fn time_method(m: &str) -> bool {
    m.starts_with("plus") || m.starts_with("minus") || m.starts_with("with") || m == "truncatedTo"
}

/// Whether `obj` is a stream pipeline: a chain that contains `.stream()`/`Stream.of(..)`/
/// `Arrays.stream(..)`.
fn is_stream_chain(cx: &Checker<'_, '_>, mut obj: Node<'_>) -> bool {
    while obj.kind() == "method_invocation" {
        let name = obj.field("name").map(|n| cx.text(n)).unwrap_or("");
        let recv = obj.field("object");
        if name == "stream" || name == "parallelStream" {
            return true;
        }
        if name == "of" && recv.is_some_and(|r| cx.text(r) == "Stream") {
            return true;
        }
        match recv {
            Some(r) => obj = r,
            None => return false,
        }
    }
    false
}

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
    let (Some(name), Some(obj)) = (call.field("name"), call.field("object")) else {
        return;
    };
    let method = cx.text(name);
    let obj_text = cx.text(obj);
    let static_pure = STATIC_PURE.iter().any(|(t, ms)| {
        *t == obj_text
            && ms.contains(&method)
            && cx.sem.may_be(
                t,
                &format!("java.{}.{t}", if *t == "String" { "lang" } else { "util" }),
            )
    });
    let ty = match obj.kind() {
        "string_literal" => Some("String".to_owned()),
        "identifier" | "field_access" => super::util::type_of(cx, obj),
        _ => None,
    };
    let hit = static_pure
        || match ty.as_deref() {
            Some("String") => STRING_METHODS.contains(&method),
            Some(t @ ("BigDecimal" | "BigInteger")) => {
                BIG_METHODS.contains(&method) && cx.sem.may_be(t, &format!("java.math.{t}"))
            }
            Some("Optional") => {
                OPTIONAL_METHODS.contains(&method)
                    && cx.sem.may_be("Optional", "java.util.Optional")
            }
            Some(t) if TIME_TYPES.contains(&t) => {
                time_method(method) && cx.sem.may_be(t, &format!("java.time.{t}"))
            }
            _ => STREAM_INTERMEDIATE.contains(&method) && is_stream_chain(cx, obj),
        };
    if hit {
        let msg = format!(
            "the result of `{}` is ignored; `{}` is immutable (or a lazy stream), so this call has no effect",
            vigil_query::shorten(cx.text(call)),
            vigil_query::shorten(cx.text(obj))
        );
        cx.report(NAME, call, msg);
    }
}
