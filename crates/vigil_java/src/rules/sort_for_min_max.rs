//! `java/sort-to-find-min-max`: a list is sorted only to take its first or last element
//! (`Collections.sort(xs); xs.get(0)`, `stream().sorted().findFirst()`): `Collections.min/max` or
//! `Stream.min/max` find it in one pass instead of O(n log n) and without reordering the list.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{args_of, call_parts, squash, unparen};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "sort_for_min_max";

/// `stream.sorted(..).findFirst()`.
pub(crate) fn check_stream(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((m, Some(obj), _)) = call_parts(cx, call) else {
        return;
    };
    if m != "findFirst" {
        return;
    }
    if call_parts(cx, unparen(obj)).is_some_and(|(s, _, _)| s == "sorted") {
        let msg = "`sorted().findFirst()` sorts the whole stream to take one element; use `min(comparator)`".to_owned();
        cx.report(NAME, call, msg);
    }
}

/// `Collections.sort(xs)` / `xs.sort(c)` followed only by `xs.get(0)` / `xs.get(xs.size() - 1)`.
pub(crate) fn check_sort(cx: &mut Checker<'_, '_>, stmt: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = stmt.named_child(0) else {
        return;
    };
    let Some((m, obj, args)) = call_parts(cx, call) else {
        return;
    };
    if m != "sort" {
        return;
    }
    let list = match obj.map(|o| cx.text(o)) {
        Some("Collections" | "java.util.Collections") => args_of(args).first().copied(),
        Some(_) if args_of(args).len() <= 1 => obj,
        _ => None,
    };
    let Some(list) = list.filter(|l| l.kind() == "identifier") else {
        return;
    };
    let name = cx.text(list).to_owned();
    let size_minus_one = squash(&format!("{name}.size()-1"));
    let mut ends = 0usize;
    let mut other = 0usize;
    let mut sib = stmt.next_named_sibling();
    while let Some(s) = sib {
        walk_tree(s, |n| {
            if n.kind() != "identifier" || cx.text(n) != name {
                return;
            }
            let Some(p) = n.parent() else { return };
            let as_receiver = p.kind() == "method_invocation" && p.field("object") == Some(n);
            if !as_receiver {
                // `xs.size()` inside `xs.get(xs.size() - 1)` is part of the end access.
                if p.kind() == "method_invocation"
                    && p.field("name").is_some_and(|x| cx.text(x) == "size")
                {
                    return;
                }
                other += 1;
                return;
            }
            match call_parts(cx, p) {
                Some((g, _, a)) if g == "get" => {
                    let idx = args_of(a)
                        .first()
                        .map(|i| squash(cx.text(*i)))
                        .unwrap_or_default();
                    if idx == "0" || idx == size_minus_one {
                        ends += 1;
                    } else {
                        other += 1;
                    }
                }
                Some((g, _, _)) if matches!(g.as_str(), "size" | "isEmpty") => {}
                _ => other += 1,
            }
        });
        sib = s.next_named_sibling();
    }
    if ends > 0 && other == 0 {
        let msg = format!(
            "`{name}` is sorted only to read its first/last element; use `Collections.min`/`Collections.max`"
        );
        cx.report(NAME, call, msg);
    }
}
