//! `buildspec/invalid-on-failure`: a phase `on-failure` value CodeBuild does not accept.

use std::sync::OnceLock;

use regex::Regex;

use super::Index;
use crate::{re, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "invalid-on-failure");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    static RETRY: OnceLock<Regex> = OnceLock::new();
    let doc = ix.doc;
    for &(_, _, ph) in &ix.phases {
        let Some(of) = doc.get(ph, "on-failure") else {
            continue;
        };
        let t = doc.scalar(of).unwrap_or("");
        let ok = match t {
            "ABORT" | "CONTINUE" | "RETRY" => true,
            _ => {
                let r = re(&RETRY, r"^RETRY-(?:(\d+)(?:-(.+))?|(.+))$");
                r.captures(t).is_some_and(|c| {
                    c.get(1)
                        .is_none_or(|n| n.as_str().parse::<u32>().is_ok_and(|n| n <= 100))
                })
            }
        };
        if !ok {
            let up = t.to_ascii_uppercase();
            let extra = if ["ABORT", "CONTINUE", "RETRY"].contains(&up.as_str()) {
                format!(" (write it in upper case: `{up}`)")
            } else {
                String::new()
            };
            rep.report(
                RULE,
                doc.range(of),
                format!("`on-failure: {t}` is not valid; expected ABORT, CONTINUE, RETRY, RETRY-<count 0-100>, RETRY-<regex> or RETRY-<count>-<regex>{extra}"),
            );
        }
    }
}
