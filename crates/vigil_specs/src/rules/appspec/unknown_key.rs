//! `appspec/unknown-key`: keys CodeDeploy does not read, and a document that is not a mapping.

use super::{Index, EC2_TOP};
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "unknown-key");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else {
        if let Some(root) = doc.root {
            rep.report(
                RULE,
                doc.range(root),
                format!(
                    "an appspec must be a mapping with `version` and sections, found {}",
                    doc.type_name(root)
                ),
            );
        }
        return;
    };
    for (map, allowed, place) in ix.ec2_key_maps() {
        for (key, k, _) in doc.pairs(map) {
            if allowed.contains(&key) || allowed.iter().any(|a| a.eq_ignore_ascii_case(key)) {
                continue;
            }
            rep.report(
                RULE,
                doc.range(k),
                format!("unknown key `{key}` in {place}{}", hint(key, allowed)),
            );
        }
    }
    if ix.serverless().is_none() {
        return;
    }
    let (pname, _, _) = ix.platform.hooks();
    for (key, k, _) in doc.pairs(root) {
        let l = key.to_ascii_lowercase();
        if !["version", "resources", "hooks"].contains(&l.as_str()) {
            let extra = if EC2_TOP.contains(&key) {
                format!(" (`{key}` is an EC2/on-premises section; it does not apply to {pname} deployments)")
            } else {
                hint(key, &["version", "resources", "hooks"])
            };
            rep.report(
                RULE,
                doc.range(k),
                format!("unknown key `{key}` in a {pname} appspec{extra}"),
            );
        }
    }
}
