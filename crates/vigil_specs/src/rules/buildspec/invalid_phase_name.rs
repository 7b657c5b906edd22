//! `buildspec/invalid-phase-name`: a phase other than install, pre_build, build, post_build.

use super::{Index, PHASES};
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "invalid-phase-name");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(name, k, _) in &ix.phase_entries {
        if PHASES.contains(&name) {
            continue;
        }
        let canon = PHASES.iter().find(|p| {
            p.eq_ignore_ascii_case(name)
                || p.replace('_', "") == name.to_ascii_lowercase().replace(['-', '_'], "")
        });
        let extra = match canon {
            Some(c) => format!(" (did you mean `{c}`?)"),
            None => hint(name, PHASES),
        };
        rep.report(
            RULE,
            doc.range(k),
            format!("`{name}` is not a buildspec phase; CodeBuild accepts install, pre_build, build and post_build{extra}"),
        );
    }
}
