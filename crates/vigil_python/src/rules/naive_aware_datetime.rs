//! `python/naive-aware-datetime-mix`: a naive datetime (`datetime.now()`, `utcnow()`, `today()`,
//! `datetime(y, m, d)` without `tzinfo`) compared with or subtracted from an aware one
//! (`datetime.now(tz)`, `fromtimestamp(ts, tz)`, `.astimezone()`, `.replace(tzinfo=…)`,
//! `datetime(…, tzinfo=…)`), directly or through names bound in the same function. Python raises
//! `TypeError: can't compare offset-naive and offset-aware datetimes`.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{method_call, scope_of, squeeze, values_bound_to};
use super::Checker;

pub(crate) const NAME: &str = "naive_aware_datetime_mix";

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tz {
    Naive,
    Aware,
}

fn positional(args: Node<'_>) -> usize {
    let mut c = args.walk();
    let n = args
        .named_children(&mut c)
        .filter(|a| !matches!(a.kind(), "keyword_argument" | "comment"))
        .count();
    n
}

fn splat(args: Node<'_>) -> bool {
    let mut c = args.walk();
    let found = args
        .named_children(&mut c)
        .any(|a| matches!(a.kind(), "list_splat" | "dictionary_splat"));
    found
}

fn tz_of(cx: &Checker<'_, '_>, e: Node<'_>, depth: usize) -> Option<Tz> {
    if depth > 3 {
        return None;
    }
    match e.kind() {
        "parenthesized_expression" => tz_of(cx, e.named_child(0)?, depth + 1),
        "identifier" => {
            let vals = values_bound_to(scope_of(e), cx.sem.src, &squeeze(cx.text(e)));
            let kinds: Vec<Option<Tz>> = vals.iter().map(|v| tz_of(cx, *v, depth + 1)).collect();
            let first = *kinds.first()?;
            kinds.iter().all(|k| *k == first).then_some(first).flatten()
        }
        "call" => {
            let args = e.field("arguments")?;
            if splat(args) {
                return None;
            }
            let has_tz = cx.sem.keyword_arg(args, "tz").is_some()
                || cx.sem.keyword_arg(args, "tzinfo").is_some();
            let q = e.field("function").and_then(|f| cx.sem.qualified_name(f));
            match q.as_deref() {
                Some("datetime.datetime.utcnow" | "datetime.datetime.today") => Some(Tz::Naive),
                Some("datetime.datetime.utcfromtimestamp") => Some(Tz::Naive),
                Some("datetime.datetime.now") => Some(if has_tz || positional(args) >= 1 {
                    Tz::Aware
                } else {
                    Tz::Naive
                }),
                Some("datetime.datetime.fromtimestamp") => {
                    Some(if has_tz || positional(args) >= 2 {
                        Tz::Aware
                    } else {
                        Tz::Naive
                    })
                }
                Some("datetime.datetime") => Some(if has_tz || positional(args) >= 8 {
                    Tz::Aware
                } else {
                    Tz::Naive
                }),
                _ => {
                    let (_, m, _) = method_call(e)?;
                    match cx.text(m) {
                        "astimezone" => Some(Tz::Aware),
                        "replace" => {
                            let v = cx.sem.keyword_arg(args, "tzinfo")?;
                            Some(if v.kind() == "none" {
                                Tz::Naive
                            } else {
                                Tz::Aware
                            })
                        }
                        _ => None,
                    }
                }
            }
        }
        _ => None,
    }
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, n: Node<'_>) {
    // Datetimes come from the `datetime` module, which the file's text names.
    if !cx.on(NAME) || !cx.sem.mentions("datetime") {
        return;
    }
    let (a, b) = match n.kind() {
        "comparison_operator" => {
            // Only ordering/equality between two operands: `a < b`.
            if n.named_child_count() != 2 {
                return;
            }
            let mut c = n.walk();
            let ops: Vec<String> = n
                .children(&mut c)
                .filter(|x| !x.is_named())
                .map(|x| cx.text(x).to_owned())
                .collect();
            if !ops
                .iter()
                .all(|o| matches!(o.as_str(), "<" | "<=" | ">" | ">="))
            {
                return;
            }
            (n.named_child(0), n.named_child(1))
        }
        "binary_operator" => {
            let op = n.field("operator").map(|o| cx.text(o));
            if op != Some("-") {
                return;
            }
            (n.field("left"), n.field("right"))
        }
        _ => return,
    };
    let (Some(a), Some(b)) = (a, b) else {
        return;
    };
    let (Some(ta), Some(tb)) = (tz_of(cx, a, 0), tz_of(cx, b, 0)) else {
        return;
    };
    if ta != tb {
        let (naive, aware) = if ta == Tz::Naive { (a, b) } else { (b, a) };
        let msg = format!(
            "`{}` is a naive datetime and `{}` an aware one: mixing them raises TypeError",
            vigil_query::shorten(cx.text(naive)),
            vigil_query::shorten(cx.text(aware))
        );
        cx.report(NAME, n, msg);
    }
}
