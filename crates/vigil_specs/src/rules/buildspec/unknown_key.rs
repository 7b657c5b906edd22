//! `buildspec/unknown-key`: keys CodeBuild does not read (misspelled, version 0.1 names in 0.2,
//! phase keys outside a phase), and `run-as` values that are not a single string.

use super::{Index, BATCH, ENV, PHASE, PROXY, TASK, TOP};
use crate::tree::NodeId;
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "unknown-key");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else { return };
    let mut top = TOP.to_vec();
    if ix.v01 {
        top.push("environment_variables");
    }
    unknown_keys(rep, ix, root, &top, "the buildspec's top level");
    if let Some(r) = doc.get(root, "run-as") {
        scalar_type(rep, ix, r, "run-as");
    }
    if let Some(env) = ix.env {
        unknown_keys(rep, ix, env, ENV, "`env`");
    }
    if let Some(env) = ix.env01 {
        unknown_keys(rep, ix, env, &["plaintext"], "`environment_variables`");
    }
    if let Some(p) = doc.get(root, "proxy") {
        if doc.is_map(p) {
            unknown_keys(rep, ix, p, PROXY, "`proxy`");
        }
    }
    if let Some(b) = ix.batch {
        unknown_keys(rep, ix, b, BATCH, "`batch`");
    }
    for (kind, list) in ix.task_lists() {
        for &task in doc.items(list) {
            if doc.is_map(task) {
                unknown_keys(rep, ix, task, TASK, &format!("a `{kind}` task"));
            }
        }
    }
    for &(name, _, ph) in &ix.phases {
        unknown_keys(rep, ix, ph, PHASE, &format!("phase `{name}`"));
        if let Some(r) = doc.get(ph, "run-as") {
            scalar_type(rep, ix, r, "run-as");
        }
    }
    for sec in &ix.sections {
        if doc.is_map(sec.node) {
            unknown_keys(rep, ix, sec.node, sec.allowed, &format!("`{}`", sec.name));
        }
    }
}

/// Keys of a map that are not in `allowed`: report them with a did-you-mean.
fn unknown_keys(rep: &mut Reporter<'_>, ix: &Index<'_>, map: NodeId, allowed: &[&str], place: &str) {
    let doc = ix.doc;
    for (key, k, _) in doc.pairs(map) {
        if allowed.contains(&key) {
            continue;
        }
        let extra = match key {
            "environment_variables" => {
                " (`environment_variables` is the version 0.1 name: use `env` in version 0.2)"
                    .to_owned()
            }
            "plaintext" => {
                " (`plaintext` is the version 0.1 name: use `variables` in version 0.2)".to_owned()
            }
            "run-as" => " (`run-as` is valid only at the top level or in a phase)".to_owned(),
            "runtime-versions" | "commands" | "finally" | "on-failure" => {
                format!(" (`{key}` belongs inside a phase such as `phases.build`)")
            }
            _ => hint(key, allowed),
        };
        rep.report(
            RULE,
            doc.range(k),
            format!("unknown key `{key}` in {place}{extra}"),
        );
    }
}

fn scalar_type(rep: &mut Reporter<'_>, ix: &Index<'_>, v: NodeId, key: &str) {
    let doc = ix.doc;
    if doc.is_map(v) || doc.is_seq(v) {
        rep.report(
            RULE,
            doc.range(v),
            format!(
                "`{key}` must be a single string, found {}",
                doc.type_name(v)
            ),
        );
    }
}
