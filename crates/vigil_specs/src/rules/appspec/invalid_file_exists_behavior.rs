//! `appspec/invalid-file-exists-behavior`: `file_exists_behavior` other than DISALLOW, OVERWRITE, RETAIN.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "invalid-file-exists-behavior");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    if let Some(f) = ix.ec2().and_then(|r| doc.get(r, "file_exists_behavior")) {
        let t = doc.scalar(f).unwrap_or("");
        if !["DISALLOW", "OVERWRITE", "RETAIN"].contains(&t) {
            rep.report(
                RULE,
                doc.range(f),
                format!("`file_exists_behavior` is `{t}`; expected DISALLOW, OVERWRITE or RETAIN"),
            );
        }
    }
}
