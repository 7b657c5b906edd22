//! `openapi/api-key-in-query`: credentials sent in the URL: query/path parameters named like credentials, API keys `in: query`.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "api-key-in-query");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    // Credential-named query/path parameters, reported once per name and location.
    let mut creds: Vec<(NodeId, String, String)> = Vec::new();
    for (_, levels) in ix.op_params() {
        for (p, t, name, loc) in levels.iter().flatten() {
            if readable_param(doc, *p, *t)
                && ["query", "path"].contains(&loc.as_str())
                && looks_like_credential(name)
            {
                creds.push((*t, format!("{loc} parameter `{name}`"), String::new()));
            }
        }
    }
    creds.sort_by_key(|(id, _, _)| *id);
    creds.dedup_by_key(|(id, _, _)| *id);
    report_grouped(rep, doc, RULE, creds, |n, param, _| {
        let uses = if n > 1 { format!(" ({n} declarations)") } else { String::new() };
        format!("{param}{uses} carries a credential in the URL; URLs end up in logs, caches and browser history: send it in a header")
    });
    if let Some(d) = ix.scheme_defs() {
        for (name, _, s) in doc.pairs(d) {
            let s = ix.deref(s);
            let ty = doc.get(s, "type").and_then(|t| doc.scalar(t));
            let loc = doc.get(s, "in");
            if ty == Some("apiKey") && loc.and_then(|l| doc.scalar(l)) == Some("query") {
                if let Some(l) = loc {
                    at(rep, doc, RULE, l, format!("security scheme `{name}` sends the API key in the query string; keys in URLs leak through logs and caches: use `in: header`"));
                }
            }
        }
    }
}
