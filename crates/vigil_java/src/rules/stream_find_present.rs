//! `java/stream-find-is-present`: `stream.filter(p).findFirst().isPresent()` (or `findAny`,
//! `count() > 0`) asks for an element only to test whether one exists; `anyMatch(p)` (or
//! `noneMatch`) says so directly and stops at the first match.

use tree_sitter::Node;

use super::util::{call_parts, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "stream_find_present";

fn filter_then<'t>(cx: &Checker<'_, '_>, n: Node<'t>, methods: &[&str]) -> bool {
    call_parts(cx, unparen(n)).is_some_and(|(m, o, _)| {
        methods.contains(&m.as_str())
            && o.is_some_and(|o| call_parts(cx, unparen(o)).is_some_and(|(f, _, _)| f == "filter"))
    })
}

/// `filter(..).findFirst().isPresent()` / `.isEmpty()`.
pub(crate) fn check_call(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((m, Some(obj), args)) = call_parts(cx, call) else {
        return;
    };
    if !matches!(m.as_str(), "isPresent" | "isEmpty") || args.named_child_count() != 0 {
        return;
    }
    if filter_then(cx, obj, &["findFirst", "findAny"]) {
        let better = if m == "isPresent" {
            "anyMatch"
        } else {
            "noneMatch"
        };
        let msg = format!(
            "`filter(..).{}().{m}()` is `{better}(..)`",
            if cx.text(obj).ends_with("findAny()") {
                "findAny"
            } else {
                "findFirst"
            }
        );
        cx.report(NAME, call, msg);
    }
}

/// `filter(..).count() > 0` (and `!= 0`, `>= 1`, `== 0`).
pub(crate) fn check_count(cx: &mut Checker<'_, '_>, bin: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(l), Some(op), Some(r)) =
        (bin.field("left"), bin.field("operator"), bin.field("right"))
    else {
        return;
    };
    let (op, rt) = (cx.text(op), cx.text(r));
    let hit = matches!(
        (op, rt),
        (">", "0") | ("!=", "0") | (">=", "1") | ("==", "0")
    );
    if hit && filter_then(cx, l, &["count"]) {
        let better = if op == "==" { "noneMatch" } else { "anyMatch" };
        let msg = format!(
            "`filter(..).count() {op} {rt}` counts every match to test for one; use `{better}(..)`"
        );
        cx.report(NAME, bin, msg);
    }
}
