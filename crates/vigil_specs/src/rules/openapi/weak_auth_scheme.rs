//! `openapi/weak-auth-scheme`: HTTP basic/digest authentication and the implicit/password OAuth2 flows.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "weak-auth-scheme");

/// HTTP basic/digest, OAuth 1 style schemes and the implicit/password OAuth2 flows.
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(defs) = ix.scheme_defs() else {
        return;
    };
    let mut hits: Vec<(NodeId, String)> = Vec::new();
    for (name, k, s) in doc.pairs(defs) {
        let s = ix.deref(s);
        let ty = doc.get(s, "type").and_then(|t| doc.scalar(t)).unwrap_or("");
        if ty == "basic" {
            hits.push((k, format!("security scheme `{name}` is HTTP basic authentication: credentials are sent with every request, only base64-encoded")));
        }
        if ty == "http" {
            let scheme = doc
                .get(s, "scheme")
                .and_then(|t| doc.scalar(t))
                .unwrap_or("")
                .to_ascii_lowercase();
            if ["basic", "digest", "negotiate"].contains(&scheme.as_str()) {
                hits.push((k, format!("security scheme `{name}` uses HTTP `{scheme}` authentication: a reusable password travels with every request; prefer bearer tokens or OAuth2")));
            }
        }
        if ty == "oauth2" {
            if let Some(flow) = doc.get(s, "flow") {
                let f = doc.scalar(flow).unwrap_or("");
                if f == "implicit" || f == "password" {
                    hits.push((flow, format!("OAuth2 `{f}` flow of `{name}` is deprecated by the OAuth 2.0 Security BCP: use the authorization code flow with PKCE")));
                }
            }
            if let Some(flows) = doc.get(s, "flows") {
                for (f, fk, _) in doc.pairs(flows) {
                    if f == "implicit" || f == "password" {
                        hits.push((fk, format!("OAuth2 `{f}` flow of `{name}` is deprecated by the OAuth 2.0 Security BCP: use the authorization code flow with PKCE")));
                    }
                }
            }
        }
    }
    for (id, m) in hits {
        at(rep, ix.doc, RULE, id, m);
    }
}
