//! `appspec/files-entry-incomplete`: a `files` section that is not a list of entries with `source` and `destination`.

use super::{Index, FILE_ENTRY};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "files-entry-incomplete");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(files) = ix.ec2().and_then(|r| doc.get(r, "files")) else {
        return;
    };
    if !doc.is_seq(files) && !doc.is_null(files) {
        rep.report(
            RULE,
            doc.key_range(files),
            format!(
                "`files` must be a list of `source`/`destination` entries, found {}",
                doc.type_name(files)
            ),
        );
    }
    for &e in doc.items(files) {
        if !doc.is_map(e) {
            rep.report(
                RULE,
                doc.range(e),
                format!("a `files` entry must be a mapping with `source` and `destination`, found {}", doc.type_name(e)),
            );
            continue;
        }
        for want in FILE_ENTRY {
            let misspelled = doc.pairs(e).any(|(k, _, _)| {
                k != *want && crate::did_you_mean(k, FILE_ENTRY) == Some(*want)
            });
            if misspelled {
                continue;
            }
            if doc
                .get(e, want)
                .and_then(|v| doc.scalar(v))
                .is_none_or(str::is_empty)
            {
                rep.report(
                    RULE,
                    doc.range(e),
                    format!("`files` entry has no `{want}`"),
                );
            }
        }
    }
}
