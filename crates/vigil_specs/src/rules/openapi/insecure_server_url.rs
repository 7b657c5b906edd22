//! `openapi/insecure-server-url`: a server URL or scheme that is plain HTTP (not local).

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "insecure-server-url");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let mut urls: Vec<NodeId> = Vec::new();
    if let Some(s) = doc.get(ix.root, "servers") {
        for &srv in doc.items(s) {
            if let Some(u) = doc.get(srv, "url") {
                urls.push(u);
            }
        }
    }
    for id in urls {
        let Some(u) = doc.str(id) else { continue };
        if (u.starts_with("http://") || u.starts_with("ws://")) && !is_local(u) {
            at(rep, ix.doc, RULE, id, format!("server URL `{u}` uses plain HTTP: credentials and data travel unencrypted; use https"));
        }
    }
    if ix.v2 {
        if let Some(s) = doc.get(ix.root, "schemes") {
            let host = doc
                .get(ix.root, "host")
                .and_then(|h| doc.scalar(h))
                .unwrap_or("");
            for &i in doc.items(s) {
                if matches!(doc.scalar(i), Some("http" | "ws"))
                    && !is_local(&format!("http://{host}"))
                {
                    at(rep, ix.doc, 
                        RULE,
                        i,
                        format!(
                            "`schemes` allows plain `{}` for host `{host}`; use https only",
                            doc.scalar(i).unwrap_or("")
                        ),
                    );
                }
            }
        }
    }
}
