//! `buildspec/world-writable-chmod`: `chmod` that makes files writable by every user.

use super::{first_line, shell_segments, Index};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "world-writable-chmod");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &c in &ix.commands {
        let Some(t) = doc.str(c) else { continue };
        if world_writable(t) {
            rep.report(
                RULE,
                doc.range(c),
                format!("`{}` makes files writable by every user; grant only the permissions needed (e.g. 755 or u+x)", first_line(t)),
            );
        }
    }
}

fn world_writable(t: &str) -> bool {
    shell_segments(t).any(|toks| {
        let Some(pos) = toks.iter().position(|w| *w == "chmod") else {
            return false;
        };
        toks.iter().skip(pos + 1).any(|w| {
            if w.len() >= 3 && w.len() <= 4 && w.chars().all(|c| c.is_digit(8)) {
                let digits: Vec<u32> = w.chars().filter_map(|c| c.to_digit(8)).collect();
                let others = digits.last().copied().unwrap_or(0);
                let sticky = digits.len() == 4 && digits.first().is_some_and(|d| d & 1 == 1);
                others & 2 != 0 && !sticky
            } else if !w.starts_with('-') && w.contains(['+', '=']) {
                w.split(',').any(|clause| {
                    let (who, perm) = clause.split_at(clause.find(['+', '=']).unwrap_or(0));
                    (who.contains('o') || who.contains('a')) && perm.contains('w')
                })
            } else {
                false
            }
        })
    })
}
