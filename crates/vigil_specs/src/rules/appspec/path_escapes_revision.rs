//! `appspec/path-escapes-revision`: a file `source` or hook script `location` that climbs out of the revision with `..`.

use super::{escapes, Index, ScriptPath};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "path-escapes-revision");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    if let Some(files) = ix.ec2().and_then(|r| doc.get(r, "files")) {
        for &e in doc.items(files) {
            if !doc.is_map(e) {
                continue;
            }
            if let Some(src) = doc
                .get(e, "source")
                .and_then(|s| doc.str(s).map(|t| (s, t)))
            {
                if escapes(src.1) {
                    rep.report(
                        RULE,
                        doc.range(src.0),
                        format!("`source: {}` climbs out of the revision with `..`; the agent rejects paths outside the bundle", src.1),
                    );
                }
            }
        }
    }
    for &(l, loc, ref path) in ix.script_locations() {
        if matches!(path, ScriptPath::Escapes) {
            let trimmed = loc.trim();
            rep.report(
                RULE,
                doc.range(l),
                format!("script `location: {trimmed}` climbs out of the revision with `..`; the agent rejects it"),
            );
        }
    }
}
