//! `java/aws-missing-pagination`: the result of a paginated operation (from the table generated from
//! the SDK service models) is used, but the continuation token is never read nor passed back, no
//! paginator is used and no page size is set: only the first page is processed.

use tree_sitter::Node;
use vigil_aws::{normalize, Paginated};

use super::{called_names, lower_first, result_discarded, Checker, ClientCall};
use crate::rules::enclosing_callable;

pub(crate) const NAME: &str = "aws_missing_pagination";

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>, call: Option<&ClientCall>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = call else {
        return;
    };
    let Some((op, page)) = call.service.paginated(&call.method) else {
        return;
    };
    if lower_first(op) != call.method || result_discarded(node) {
        return;
    }
    // The whole response handed back: the caller can follow the token.
    if node
        .parent()
        .is_some_and(|p| matches!(p.kind(), "return_statement" | "lambda_expression"))
    {
        return;
    }
    let scope = enclosing_callable(node).unwrap_or(node);
    let words = token_words(page);
    let limit = page.limit.as_deref().map(normalize);
    for name in called_names(cx, scope) {
        let n = normalize(name);
        let stripped = ["get", "set", "with", "has", "is"]
            .iter()
            .find_map(|p| n.strip_prefix(p))
            .unwrap_or(&n);
        if words.iter().any(|w| *w == n || w == stripped)
            || n.starts_with("listnextbatchof")
            || limit.as_deref().is_some_and(|l| l == n || l == stripped)
            // Explicit ids (`instanceIds(id)`, `withImageIds(..)`): the result is bounded by them.
            || (stripped.ends_with("ids") && stripped.len() > 3 && !n.starts_with("get"))
        {
            return;
        }
    }
    let token = page
        .output
        .first()
        .map(|o| first_member(o))
        .unwrap_or("NextToken");
    let msg = format!(
        "`{}` returns one page; its `{token}` is never read: use the `{}Paginator` (v2) or loop while a token is returned",
        call.method, call.method
    );
    cx.report(NAME, node, msg);
}

/// `NextMarker || Contents[-1].Key` → `NextMarker`.
fn first_member(expr: &str) -> &str {
    let e = expr.trim();
    let end = e
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(e.len());
    &e[..end]
}

/// The normalized names of the token members (request and response) and the more-results flag, in
/// both their plain and `is`-less spellings.
fn token_words(page: &Paginated) -> Vec<String> {
    let mut out = Vec::new();
    for m in page.input.iter().chain(page.output.iter()) {
        for alt in m.split("||") {
            let w = normalize(first_member(alt));
            if !w.is_empty() && !page.result.iter().any(|r| normalize(r) == w) {
                out.push(w);
            }
        }
    }
    if let Some(m) = &page.more {
        let w = normalize(m);
        if let Some(s) = w.strip_prefix("is") {
            out.push(s.to_owned());
        }
        out.push(w);
    }
    out
}
