//! `openapi/missing-429-response`: operations of a rate-limited API that declare no 429 response.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "missing-429-response");

/// OWASP API4 (unrestricted resource consumption): in an API that is rate limited, every operation
/// documents the 429 response. Only APIs that show they are rate limited are checked, so that an
/// API without any rate limiting is not flooded with findings.
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let ops = &ix.ops;
    let doc = ix.doc;
    let Some(evidence) = rate_limit_evidence(ix, ops) else {
        return;
    };
    let mut hits: Vec<(NodeId, String, String)> = Vec::new();
    for op in ops {
        let Some(responses) = doc.get(op.node, "responses") else {
            continue;
        };
        if !doc.is_map(responses) {
            continue;
        }
        let declared = doc
            .pairs(responses)
            .any(|(code, _, _)| code == "429" || code.eq_ignore_ascii_case("4xx"));
        if !declared {
            hits.push((op.method_key, family(op.path), op_label(op)));
        }
    }
    report_grouped(rep, ix.doc, RULE, hits, |n, fam, list| {
        format!("{n} operation(s) under `{fam}` declare no 429 response, but the API is rate limited ({evidence}): clients cannot tell throttling from other failures: {list}")
    });
}

/// Why the API is known to be rate limited, if it is: a `429` response somewhere, or a rate-limit
/// response header (`Retry-After`, `RateLimit-*`, `X-RateLimit-*`). API Gateway's own throttling is
/// not taken as evidence: every API Gateway API can answer 429, and AWS's examples do not declare it.
fn rate_limit_evidence(ix: &Index<'_>, ops: &[Op<'_>]) -> Option<String> {
    let doc = ix.doc;
    for op in ops {
        let Some(responses) = doc.get(op.node, "responses") else {
            continue;
        };
        for (code, _, resp) in doc.pairs(responses) {
            if code == "429" {
                return Some(format!(
                    "`{} {}` declares one",
                    op.method.to_uppercase(),
                    op.path
                ));
            }
            let resp = ix.deref(resp);
            let Some(headers) = doc.get(resp, "headers") else {
                continue;
            };
            for (name, _, _) in doc.pairs(headers) {
                let n = name.to_ascii_lowercase();
                if n == "retry-after"
                    || n == "ratelimit"
                    || n.starts_with("ratelimit-")
                    || n.starts_with("x-ratelimit-")
                    || n.starts_with("x-rate-limit-")
                {
                    return Some(format!(
                        "`{} {}` returns the `{name}` header",
                        op.method.to_uppercase(),
                        op.path
                    ));
                }
            }
        }
    }
    None
}
