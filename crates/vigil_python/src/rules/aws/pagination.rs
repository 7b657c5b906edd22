//! `python/aws-missing-pagination`: the response of a paginated operation (from botocore's paginator
//! models) is used, but the continuation token is never read, no paginator is used and no page size
//! was asked for: only the first page of results is seen.

use super::{mentions, report_calls, scope, use_of, Checker, Env, Use};

pub(crate) const NAME: &str = "aws_missing_pagination";

/// Request members naming specific resources: the response is bounded by the request.
fn names_specific_resources(k: &str) -> bool {
    k.ends_with("Ids")
        || k.ends_with("Names")
        || k.ends_with("Arns")
        || k.ends_with("Id")
        || k.ends_with("Arn")
        || k == "Key"
        || k == "Owners"
        || k == "Keys"
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let n = call.call;
        let kws = call.kwarg_names(cx);
        if kws.contains(&"**") || matches!(use_of(n), Use::Discarded) {
            return None;
        }
        let mut services = call.services(|s| s.paginated(&call.op).is_some());
        if call.svc.is_none() {
            // Matched by operation name only: boto3 keyword arguments are the model's member names,
            // and a service spells all of its members alike (`NextToken` vs `nextToken`), so
            // arguments cased unlike the service's token belong to another API.
            services.retain(|s| {
                s.paginated(&call.op).is_some_and(|(_, p)| {
                    let upper = p
                        .input
                        .first()
                        .is_some_and(|i| i.starts_with(|c: char| c.is_ascii_uppercase()));
                    kws.iter()
                        .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()) == upper)
                })
            });
        }
        let first = services.first()?;
        let mut tokens: Vec<&str> = vec!["get_paginator", "paginate"];
        for s in &services {
            let Some((_, p)) = s.paginated(&call.op) else {
                continue;
            };
            if kws
                .iter()
                .any(|k| p.input.iter().any(|i| i == k) || p.limit.as_deref() == Some(k))
            {
                return None; // a page token is passed (a hand-written loop) or a page size chosen
            }
            // Output tokens may be expressions (`NextMarker || Contents[-1].Key`): their member names.
            for t in p.output.iter().chain(&p.input) {
                tokens.extend(
                    t.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| {
                        w.len() > 3 && w.starts_with(|c: char| c.is_ascii_alphabetic())
                    }),
                );
            }
            if let Some(m) = p.more.as_deref() {
                tokens.push(m);
            }
        }
        if kws.iter().any(|k| names_specific_resources(k))
            || (call.op.starts_with("describe_") && kws.iter().any(|k| k.ends_with("Name")))
            || matches!(call.op.as_str(), "describe_images" | "list_buckets")
        {
            // Named resources bound the result; `describe_images` and `list_buckets` return every
            // item unless a page size is given.
            return None;
        }
        if mentions(cx, scope(n), &tokens) {
            return None;
        }
        let (model, p) = first.paginated(&call.op)?;
        let token = p
            .output
            .first()
            .map_or("the continuation token", String::as_str);
        Some(format!(
                "`{}` ({}) returns one page of results; follow `{token}` or use `get_paginator(\"{}\")`",
                call.op,
                first.name,
                if p.py.is_empty() { model } else { p.py.as_str() }
            ))
    });
}
