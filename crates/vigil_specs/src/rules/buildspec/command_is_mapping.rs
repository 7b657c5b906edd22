//! `buildspec/command-is-mapping`: a command that YAML reads as a mapping because of an unquoted `: `.

use super::Index;
use crate::tree::Kind;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "command-is-mapping");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(_, _, ph) in &ix.phases {
        for key in ["commands", "finally"] {
            let Some(Kind::Seq(items)) = doc.get(ph, key).and_then(|c| doc.kind(c)) else {
                continue;
            };
            for &i in items {
                if let Some(Kind::Map(_)) = doc.kind(i) {
                    let raw = rep.file.slice(doc.range(i)).trim().to_owned();
                    let first = raw.lines().next().unwrap_or("").to_owned();
                    rep.report(
                        RULE,
                        doc.range(i),
                        format!("command `{first}` is read as a mapping because of the unquoted `: `; CodeBuild fails with \"Expected Commands[n] to be of string type\": quote the whole command"),
                    );
                }
            }
        }
    }
}
