//! `buildspec/artifact-path-escapes`: artifact and report paths that are absolute or climb out of the
//! source directory.

use super::Index;
use crate::tree::NodeId;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "artifact-path-escapes");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for sec in &ix.sections {
        if sec.name == "cache" || !doc.is_map(sec.node) {
            continue;
        }
        let mut values: Vec<(NodeId, &str)> = Vec::new();
        for key in ["files", "exclude-paths"] {
            if let Some(v) = doc.get(sec.node, key) {
                if doc.is_seq(v) {
                    values.extend(doc.items(v).iter().map(|&i| (i, key)));
                } else {
                    values.push((v, key));
                }
            }
        }
        if let Some(v) = doc.get(sec.node, "base-directory") {
            values.push((v, "base-directory"));
        }
        for (id, key) in values {
            let Some(p) = doc.str(id) else { continue };
            if doc.is_opaque(id) || p.contains('$') {
                continue;
            }
            let problem = if p.trim().is_empty() {
                Some("is empty".to_owned())
            } else if p.starts_with('/') || p.as_bytes().get(1) == Some(&b':') {
                Some(
                    "is absolute; CodeBuild resolves it relative to the source directory"
                        .to_owned(),
                )
            } else if climbs_out(p) {
                Some("climbs out of the source directory with `..`".to_owned())
            } else {
                None
            };
            if let Some(pr) = problem {
                rep.report(
                    RULE,
                    doc.range(id),
                    format!("{} `{key}` path `{p}` {pr}", sec.name),
                );
            }
        }
    }
}

fn climbs_out(p: &str) -> bool {
    let mut depth: i32 = 0;
    for seg in p.split(['/', '\\']) {
        match seg {
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            "" | "." => {}
            _ => depth += 1,
        }
    }
    false
}
