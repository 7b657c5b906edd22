//! `openapi/duplicate-parameter`: a parameter declared twice at one level, or several `in: body` parameters.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "duplicate-parameter");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (_, levels) in ix.op_params() {
        for level in levels {
            let mut seen: HashSet<(&str, &str)> = HashSet::new();
            let mut bodies = 0;
            for (p, _, name, loc) in level {
                if loc == "body" {
                    bodies += 1;
                    if bodies > 1 {
                        at(
                            rep,
                            doc,
                            RULE,
                            *p,
                            "more than one `in: body` parameter in one operation".to_owned(),
                        );
                    }
                }
                if !name.is_empty() && !seen.insert((name.as_str(), loc.as_str())) {
                    at(
                        rep,
                        doc,
                        RULE,
                        *p,
                        format!("parameter `{name}` (in: {loc}) is declared twice at the same level"),
                    );
                }
            }
        }
    }
}
