//! `buildspec/runtime-versions-misplaced`: `runtime-versions` outside `install`, in version 0.1, or
//! empty.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "runtime-versions-misplaced");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(name, _, ph) in &ix.phases {
        let Some(rv) = doc.get(ph, "runtime-versions") else {
            continue;
        };
        if name != "install" {
            rep.report(
                RULE,
                doc.key_range(rv),
                format!("`runtime-versions` is only read in the `install` phase, not in `{name}`"),
            );
        } else if ix.v01 {
            rep.report(
                RULE,
                doc.key_range(rv),
                "`runtime-versions` needs buildspec version 0.2",
            );
        } else if !doc.is_map(rv) || doc.entries(rv).is_empty() {
            rep.report(
                RULE,
                doc.key_range(rv),
                "`runtime-versions` must name at least one runtime (e.g. `python: 3.12`)",
            );
        }
    }
}
