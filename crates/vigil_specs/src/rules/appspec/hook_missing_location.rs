//! `appspec/hook-missing-location`: an EC2 hook that is not a list of scripts with a `location`.

use super::{Index, ScriptPath, EC2_HOOKS};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "hook-missing-location");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (name, k, scripts) in ix.ec2_hooks() {
        if EC2_HOOKS.contains(&name) && !doc.is_null(scripts) && !doc.is_seq(scripts) {
            rep.report(
                RULE,
                doc.range(k),
                format!("hook `{name}` must be a list of scripts, each with a `location`"),
            );
        }
    }
    for (name, _, s) in ix.ec2_scripts() {
        if !doc.is_map(s) {
            rep.report(
                RULE,
                doc.range(s),
                format!(
                    "a `{name}` script must be a mapping with `location`, found {}",
                    doc.type_name(s)
                ),
            );
        } else if doc.get(s, "location").and_then(|l| doc.str(l)).is_none() {
            rep.report(
                RULE,
                doc.range(s),
                format!("a `{name}` script has no `location`"),
            );
        }
    }
    for &(l, _, ref path) in ix.script_locations() {
        if matches!(path, ScriptPath::Empty) {
            rep.report(RULE, doc.range(l), "script `location` is empty");
        }
    }
}
