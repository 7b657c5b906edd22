//! `openapi/server-variables`: server URL variables that are not defined, or defaults outside their enum.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "server-variables");

/// Schema-level checks over every map that is a schema (`type: array` without `items`).
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let ops = &ix.ops;
    if ix.v2 {
        return;
    }
    let doc = ix.doc;
    let mut lists: Vec<NodeId> = doc.get(ix.root, "servers").into_iter().collect();
    for op in ops {
        lists.extend(doc.get(op.node, "servers"));
        lists.extend(doc.get(op.path_item, "servers"));
    }
    lists.sort_unstable();
    lists.dedup();
    for list in lists {
        for &srv in doc.items(list) {
            let Some(u) = doc.get(srv, "url") else {
                continue;
            };
            let Some(url) = doc.str(u) else { continue };
            let vars = doc.get(srv, "variables");
            for var in template_vars(url) {
                if vars.and_then(|v| doc.get(v, var)).is_none() {
                    let msg = format!("server URL `{url}` uses `{{{var}}}`, which is not defined in its `variables`");
                    at(rep, ix.doc, RULE, u, msg);
                }
            }
            let Some(vars) = vars else { continue };
            for (name, _, v) in doc.pairs(vars) {
                let (Some(def), Some(en)) = (doc.get(v, "default"), doc.get(v, "enum")) else {
                    continue;
                };
                let values: Vec<&str> = doc
                    .items(en)
                    .iter()
                    .filter_map(|&i| doc.scalar(i))
                    .collect();
                let d = doc.scalar(def).unwrap_or("");
                if !values.is_empty() && !values.contains(&d) {
                    let msg = format!("default `{d}` of server variable `{name}` is not one of its enum values ({})", values.join(", "));
                    at(rep, ix.doc, RULE, def, msg);
                }
            }
        }
    }
}
