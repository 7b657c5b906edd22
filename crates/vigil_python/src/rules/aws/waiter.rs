//! `python/aws-polling-instead-of-waiter`: a loop that sleeps and re-issues an operation that a
//! boto3 waiter polls (from the generated waiter table), e.g. `describe_instances` until the instance
//! runs, instead of `client.get_waiter("instance_running").wait(...)`.

use super::{enclosing_loop, has_sleep, mentions, report_calls, scope, Checker, Env};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_polling_instead_of_waiter";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let n = call.call;
        if n.kind() != "call" {
            return None;
        }
        // The call polls if it is in a sleeping loop, or in the condition of a sleeping `while`.
        let lp = enclosing_loop(n).or_else(|| {
            let mut cur = n.parent();
            while let Some(p) = cur {
                if p.kind() == "while_statement" {
                    return p
                        .field("condition")
                        .filter(|c| {
                            c.start_byte() <= n.start_byte() && n.end_byte() <= c.end_byte()
                        })
                        .map(|_| p);
                }
                if matches!(p.kind(), "function_definition" | "block") {
                    return None;
                }
                cur = p.parent();
            }
            None
        });
        let lp = lp?;
        let services = call.services(|s| s.waiters_for(&call.op).next().is_some());
        let s = services.first()?;
        if mentions(cx, scope(n), &["get_waiter", "wait_until_"]) {
            return None;
        }
        if !has_sleep(cx, lp) {
            // Without a sleep only a `while` loop polls (busy-waiting); a `for` loop iterates, and a
            // `while` loop passing the page token paginates.
            let kws = call.kwarg_names(cx);
            let paginates = s
                .paginated(&call.op)
                .is_some_and(|(_, p)| kws.iter().any(|k| p.input.iter().any(|i| i == k)));
            if lp.kind() != "while_statement" || paginates || kws.contains(&"**") {
                return None;
            }
        }
        let waiters: Vec<String> = s
            .waiters_for(&call.op)
            .map(|(name, w)| {
                if w.py.is_empty() {
                    name.to_owned()
                } else {
                    w.py.clone()
                }
            })
            .take(4)
            .collect();
        Some(format!(
            "polling `{}` in a loop with `sleep`; use a waiter instead: `get_waiter(\"{}\")` ({})",
            call.op,
            waiters.first().map_or("", String::as_str),
            waiters.join(", ")
        ))
    });
}
