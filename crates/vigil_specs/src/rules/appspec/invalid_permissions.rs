//! `appspec/invalid-permissions`: `permissions` entries the agent rejects (no `object`, a bad `mode` or `type`, or `os: windows`).

use super::Index;
use crate::tree::Kind;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "invalid-permissions");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(perms) = ix.ec2().and_then(|r| doc.get(r, "permissions")) else {
        return;
    };
    if ix.windows {
        rep.report(
            RULE,
            doc.key_range(perms),
            "`permissions` is not supported with `os: windows`; the agent fails the deployment",
        );
    }
    for &p in doc.items(perms) {
        if !doc.is_map(p) {
            continue;
        }
        if doc.get(p, "object").is_none() {
            rep.report(
                RULE,
                doc.range(p),
                "`permissions` entry has no `object`",
            );
        }
        if let Some(m) = doc.get(p, "mode") {
            let t = doc.scalar(m).unwrap_or("");
            let numeric_plain = matches!(doc.kind(m), Some(Kind::Number));
            if t.is_empty() || t.len() > 4 || !t.chars().all(|c| c.is_digit(8)) {
                rep.report(
                    RULE,
                    doc.range(m),
                    format!("`mode: {t}` must be 1 to 4 octal digits (e.g. 644)"),
                );
            } else if numeric_plain && t.len() > 1 && t.starts_with('0') {
                rep.report(
                    RULE,
                    doc.range(m),
                    format!("`mode: {t}` has a leading zero: the agent's YAML 1.1 parser reads it as an octal number and applies the wrong mode; write `{}` or quote it", t.trim_start_matches('0')),
                );
            }
        }
        if let Some(t) = doc.get(p, "type") {
            let ok = doc.is_seq(t)
                && doc
                    .items(t)
                    .iter()
                    .all(|&i| matches!(doc.scalar(i), Some("file" | "directory")));
            if !ok {
                rep.report(
                    RULE,
                    doc.range(t),
                    "`type` must be a list of `file` and/or `directory`",
                );
            }
        }
    }
}
