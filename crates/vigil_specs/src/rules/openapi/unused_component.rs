//! `openapi/unused-component`: components never referenced from this document or any other scanned file.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "unused-component");

/// Components never referenced from this document or any other scanned file.
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let external = ix.external;
    let doc = ix.doc;
    let sections: Vec<(String, NodeId)> = if ix.v2 {
        ["definitions", "parameters", "responses"]
            .iter()
            .filter_map(|s| doc.get(ix.root, s).map(|n| (format!("/{s}"), n)))
            .collect()
    } else {
        let Some(c) = doc.get(ix.root, "components") else {
            return;
        };
        [
            "schemas",
            "parameters",
            "responses",
            "requestBodies",
            "headers",
            "examples",
            "links",
            "callbacks",
            "pathItems",
        ]
        .iter()
        .filter_map(|s| doc.get(c, s).map(|n| (format!("/components/{s}"), n)))
        .collect()
    };
    if sections.is_empty() {
        return;
    }
    // Every pointer used in this file (refs anywhere, discriminator mappings), plus those from other files.
    let nseg = if ix.v2 { 2 } else { 3 };
    // `/components/schemas/A/properties/x` uses `/components/schemas/A`.
    let truncate = |u: &str| -> String {
        let mut n = 0;
        for (i, c) in u.char_indices() {
            if c == '/' {
                n += 1;
                if n > nseg {
                    return u[..i].to_owned();
                }
            }
        }
        u.to_owned()
    };
    let mut used: HashSet<String> = scan_refs(&rep.file.text)
        .into_iter()
        .filter_map(|r| r.strip_prefix('#').map(|p| truncate(&percent_decode(p))))
        .collect();
    let me = normalize(&rep.file.path);
    if let Some(ext) = external {
        if ext.iter().any(|(f, p)| *f == me && p.is_empty()) {
            return;
        }
        used.extend(
            ext.iter()
                .filter(|(f, _)| *f == me)
                .map(|(_, p)| truncate(p)),
        );
    }
    let mut mapped_names: HashSet<String> = HashSet::new();
    for &m in &ix.walk().mappings {
        if let Some(t) = doc.str(m) {
            match t.strip_prefix('#') {
                Some(p) => {
                    used.insert(truncate(&percent_decode(p)));
                }
                None => {
                    mapped_names.insert(t.rsplit('/').next().unwrap_or(t).to_owned());
                }
            }
        }
    }
    let mut unused: Vec<(NodeId, String, String)> = Vec::new();
    for (prefix, section) in sections {
        for (name, k, _) in doc.pairs(section) {
            let escaped = name.replace('~', "~0").replace('/', "~1");
            let ptr = format!("{prefix}/{escaped}");
            if used.contains(&ptr) || mapped_names.contains(name) {
                continue;
            }
            // A misspelled reference to it is already reported by unresolved-ref.
            let typo = ix.unresolved().iter().any(|u| {
                u.rsplit_once('/').is_some_and(|(sec, last)| {
                    sec == prefix && crate::did_you_mean(last, &[name]).is_some()
                })
            });
            if !typo {
                unused.push((
                    k,
                    prefix.trim_start_matches('/').to_owned(),
                    format!("`{name}`"),
                ));
            }
        }
    }
    // One finding per section, at its first unused component.
    report_grouped(rep, ix.doc, RULE, unused, |n, section, list| {
        if n == 1 {
            format!("component {list} ({section}) is never referenced")
        } else {
            format!("{n} components of `{section}` are never referenced: {list}")
        }
    });
}
