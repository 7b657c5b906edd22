//! `buildspec/missing-required-field`: no `phases`, a phase without `commands`, a section without its
//! required list, a batch task without `identifier`, an empty buildspec.

use vigil_core::TextRange;

use super::{Index, PHASES};
use crate::{spec_rule, start_of, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "missing-required-field");

/// A buildspec with no document at all (empty, or only comments) deploys nothing: CodeBuild rejects
/// it.
pub(crate) fn empty(rep: &mut Reporter<'_>) {
    rep.report(
        RULE,
        TextRange::new(0, 0),
        "the buildspec is empty (no YAML document, only blank lines or comments): it needs `version` and `phases`",
    );
}

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else {
        if let Some(root) = doc.root {
            rep.report(
                RULE,
                doc.range(root),
                format!(
                    "a buildspec must be a mapping with `version` and `phases`, found {}",
                    doc.type_name(root)
                ),
            );
        }
        return;
    };
    match doc.get(root, "phases") {
        None => rep.report(
            RULE,
            start_of(doc, root),
            "buildspec has no `phases`: CodeBuild requires at least one phase with commands",
        ),
        Some(p) if !doc.is_map(p) || doc.entries(p).is_empty() => rep.report(
            RULE,
            doc.key_range(p),
            "`phases` is empty: add at least one phase (`install`, `pre_build`, `build`, `post_build`)",
        ),
        Some(_) => {}
    }
    for &(name, k, ph) in &ix.phase_entries {
        if !PHASES.contains(&name) {
            continue;
        }
        let lacks = if doc.is_null(ph) || !doc.is_map(ph) {
            name != "install" || doc.is_null(ph)
        } else {
            doc.get(ph, "commands").is_none() && name != "install"
        };
        if lacks {
            rep.report(
                RULE,
                doc.range(k),
                format!("phase `{name}` has no `commands`"),
            );
        }
    }
    for sec in &ix.sections {
        let name = &sec.name;
        if !doc.is_map(sec.node) {
            rep.report(
                RULE,
                doc.key_range(sec.node),
                format!("`{name}` must be a mapping, found {}", doc.type_name(sec.node)),
            );
            continue;
        }
        let required = if name == "cache" { "paths" } else { "files" };
        if doc.get(sec.node, required).is_none() {
            rep.report(
                RULE,
                doc.key_range(sec.node),
                format!("`{name}` has no `{required}` list, which CodeBuild requires"),
            );
        }
    }
    for (kind, list) in ix.task_lists() {
        for &task in doc.items(list) {
            if doc.is_map(task) && doc.get(task, "identifier").is_none() {
                rep.report(
                    RULE,
                    doc.range(task),
                    format!("`{kind}` task has no `identifier`"),
                );
            }
        }
    }
}
