//! `appspec/runas-on-windows`: a script `runas` with `os: windows`, where it is ignored.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "runas-on-windows");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    if !ix.windows {
        return;
    }
    let doc = ix.doc;
    for (_, _, s) in ix.ec2_scripts() {
        if let Some(r) = doc.get(s, "runas").filter(|_| doc.is_map(s)) {
            rep.report(
                RULE,
                doc.key_range(r),
                "`runas` is supported only on Linux instances; with `os: windows` it is ignored",
            );
        }
    }
}
