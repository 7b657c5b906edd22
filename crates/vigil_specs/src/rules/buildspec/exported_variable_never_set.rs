//! `buildspec/exported-variable-never-set`: an `exported-variables` entry that neither `env` nor any
//! command sets.

use regex::Regex;

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "exported-variable-never-set");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else { return };
    let Some(ex) = doc
        .get(root, "env")
        .and_then(|env| doc.get(env, "exported-variables"))
    else {
        return;
    };
    let defined = ix.defined_vars();
    let texts: Vec<&str> = ix.commands.iter().filter_map(|&c| doc.str(c)).collect();
    for &item in doc.items(ex) {
        let Some(name) = doc.scalar(item) else {
            continue;
        };
        if defined.iter().any(|(d, _)| *d == name) || is_assigned(name, &texts) {
            continue;
        }
        rep.report(
            RULE,
            doc.range(item),
            format!("exported variable `{name}` is never set in `env` or by any command, so it exports an empty value"),
        );
    }
}

/// Whether any command assigns the shell variable `name`.
fn is_assigned(name: &str, commands: &[&str]) -> bool {
    let esc = regex::escape(name);
    let Ok(r) = Regex::new(&format!(
        r"(?m)(^|[\s;&|(`]){esc}\+?=|\b(export|declare|typeset|local|readonly|read|set)\b[^\n;]*\b{esc}\b|\$env:{esc}\s*=|\bset\s+{esc}="
    )) else {
        return false;
    };
    commands.iter().any(|c| r.is_match(c))
}
