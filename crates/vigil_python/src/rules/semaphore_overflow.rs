//! `python/semaphore-overflow`: a `Semaphore` released more often than it was acquired on one
//! path. An unbounded semaphore accepts the extra `release()` silently and its counter grows past
//! the intended limit, so more workers than allowed enter afterwards. Reported in one function:
//! a `release()` both in a `try` body and in its `finally`, two `release()` calls in the same
//! block after one `acquire()`, a `release()` inside `with sem:` (which releases again on exit),
//! and a non-blocking or timed `acquire()` whose result is ignored before a `release()`.

use crate::fields::Field;
use tree_sitter::Node;

use super::syntax::{is_call_to, method_call, squeeze, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "semaphore_overflow";

const SEMAPHORES: &[&str] = &[
    "threading.Semaphore",
    "multiprocessing.Semaphore",
    "asyncio.Semaphore",
    "asyncio.locks.Semaphore",
];

/// Whether `recv` (e.g. `sem`, `self._slots`) is assigned an unbounded semaphore anywhere in the file.
fn is_semaphore(cx: &Checker<'_, '_>, recv: &str) -> bool {
    cx.sem.assignments.iter().any(|n| {
        n.field("left")
            .zip(n.field("right"))
            .is_some_and(|(l, r)| squeeze(cx.text(l)) == recv && is_call_to(cx.sem, r, SEMAPHORES))
    })
}

/// The block whose statement contains `n`.
fn block_of(n: Node<'_>) -> Option<Node<'_>> {
    let mut cur = n;
    loop {
        let p = cur.parent()?;
        if p.kind() == "block" {
            return Some(p);
        }
        if matches!(p.kind(), "function_definition" | "lambda") {
            return None;
        }
        cur = p;
    }
}

fn ancestor_kind<'t>(n: Node<'t>, kind: &str, stop: Node<'_>) -> Option<Node<'t>> {
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p.id() == stop.id() {
            return None;
        }
        if p.kind() == kind {
            return Some(p);
        }
        cur = p.parent();
    }
    None
}

/// Why `release` overflows the semaphore, if it does.
fn overflow(
    cx: &Checker<'_, '_>,
    func: Node<'_>,
    recv: &str,
    release: Node<'_>,
    releases: &[Node<'_>],
    acquires: &[Node<'_>],
) -> Option<&'static str> {
    // Inside `with sem:` — the block releases again on exit.
    let mut cur = release.parent();
    while let Some(p) = cur {
        if p.id() == func.id() {
            break;
        }
        if p.kind() == "with_statement" {
            let mut c = p.walk();
            let holds = p
                .named_children(&mut c)
                .filter(|x| x.kind() == "with_clause")
                .any(|wc| squeeze(cx.text(wc)).split(',').any(|item| item == recv));
            if holds {
                return Some(
                    "inside `with` on the same semaphore, which releases it again on exit",
                );
            }
        }
        cur = p.parent();
    }
    if acquires.is_empty() {
        return None;
    }
    // Released in a `finally` and also in the body of the same `try`.
    if let Some(fin) = ancestor_kind(release, "finally_clause", func) {
        if let Some(try_stmt) = fin.parent() {
            if let Some(body) = try_stmt.field("body") {
                let in_body = releases.iter().any(|r| {
                    r.start_byte() >= body.start_byte()
                        && r.end_byte() <= body.end_byte()
                        && ancestor_kind(*r, "finally_clause", func)
                            .is_none_or(|f| f.id() != fin.id())
                });
                if in_body {
                    return Some(
                        "also released in the `try` body, and the `finally` releases it again",
                    );
                }
            }
        }
    }
    // Two releases in straight-line code of one block, with one acquire.
    let block = block_of(release)?;
    let in_block = |n: &&Node<'_>| block_of(**n).is_some_and(|b| b.id() == block.id());
    let earlier = releases
        .iter()
        .filter(in_block)
        .filter(|r| r.start_byte() < release.start_byte())
        .count();
    let acquired_here = acquires.iter().filter(in_block).count();
    if earlier >= 1 && earlier + 1 > acquired_here.max(1) {
        return Some("released twice in a row after one `acquire()`");
    }
    None
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, func: Node<'_>) {
    // A semaphore is named in the file's text (its import, at least).
    if !cx.on(NAME) || !cx.sem.mentions("Semaphore") {
        return;
    }
    let Some(body) = func.field("body") else {
        return;
    };
    let mut calls: Vec<(String, Node<'_>, String)> = Vec::new();
    walk_same_scope(body, &mut |n| {
        if let Some((recv, m, _)) = method_call(n) {
            let m = cx.text(m);
            if m == "acquire" || m == "release" {
                calls.push((squeeze(cx.text(recv)), n, m.to_owned()));
            }
        }
    });
    if calls.iter().all(|(_, _, m)| m != "release") {
        return;
    }
    let mut receivers: Vec<&str> = calls.iter().map(|(r, _, _)| r.as_str()).collect();
    receivers.sort_unstable();
    receivers.dedup();
    for recv in receivers {
        if !is_semaphore(cx, recv) {
            continue;
        }
        let acquires: Vec<Node<'_>> = calls
            .iter()
            .filter(|(r, _, m)| r == recv && m == "acquire")
            .map(|(_, n, _)| *n)
            .collect();
        let releases: Vec<Node<'_>> = calls
            .iter()
            .filter(|(r, _, m)| r == recv && m == "release")
            .map(|(_, n, _)| *n)
            .collect();
        // A non-blocking or timed acquire whose result is dropped.
        let dropped = acquires.iter().find(|a| {
            let discarded = a
                .parent()
                .is_some_and(|p| p.kind() == "expression_statement");
            let conditional = a.field("arguments").is_some_and(|args| {
                let t = squeeze(cx.text(args));
                t.contains("timeout") || t.contains("False") || t.contains("blocking=0")
            });
            discarded && conditional
        });
        if let Some(a) = dropped {
            let msg = format!(
                "the result of `{}` is ignored: when it fails, `{recv}.release()` releases a slot that was never acquired",
                vigil_query::shorten(cx.text(*a))
            );
            cx.report(NAME, *a, msg);
            continue;
        }
        for r in &releases {
            if let Some(why) = overflow(cx, func, recv, *r, &releases, &acquires) {
                let msg = format!("`{recv}.release()` {why}: the semaphore's count grows past its limit (a `BoundedSemaphore` would raise)");
                cx.report(NAME, *r, msg);
                break;
            }
        }
    }
}
