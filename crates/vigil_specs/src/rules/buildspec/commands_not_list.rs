//! `buildspec/commands-not-list`: `commands`/`finally` that are not a non-empty list of strings.

use super::Index;
use crate::tree::Kind;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "commands-not-list");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(name, _, ph) in &ix.phases {
        for key in ["commands", "finally"] {
            let Some(c) = doc.get(ph, key) else { continue };
            match doc.kind(c) {
                Some(Kind::Seq(items)) => {
                    if items.is_empty() {
                        rep.report(
                            RULE,
                            doc.range(c),
                            format!("`{key}` of phase `{name}` is an empty list"),
                        );
                    }
                    for &i in items {
                        if !matches!(
                            doc.kind(i),
                            Some(Kind::Str | Kind::Number | Kind::Bool(_) | Kind::Map(_))
                        ) {
                            rep.report(
                                RULE,
                                doc.range(i),
                                format!(
                                    "each item of `{key}` must be a command string, found {}",
                                    doc.type_name(i)
                                ),
                            );
                        }
                    }
                }
                Some(Kind::Str) => rep.report(
                    RULE,
                    doc.range(c),
                    format!(
                        "`{key}` of phase `{name}` is a single string; write it as a list (`- {}`)",
                        doc.str(c).unwrap_or("").lines().next().unwrap_or("")
                    ),
                ),
                _ => rep.report(
                    RULE,
                    doc.key_range(c),
                    format!(
                        "`{key}` of phase `{name}` must be a list of command strings, found {}",
                        doc.type_name(c)
                    ),
                ),
            }
        }
    }
}
