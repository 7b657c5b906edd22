//! `buildspec/reserved-env-name`: variables named `CODEBUILD_*`, exported variables named `AWS_*`.

use super::Index;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "reserved-env-name");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (name, k) in ix.defined_vars() {
        if name.starts_with("CODEBUILD_") {
            rep.report(
                RULE,
                doc.range(k),
                format!("environment variable `{name}`: names starting with `CODEBUILD_` are reserved for CodeBuild"),
            );
        }
    }
    let Some(root) = ix.root else { return };
    let Some(ex) = doc
        .get(root, "env")
        .and_then(|env| doc.get(env, "exported-variables"))
    else {
        return;
    };
    for &item in doc.items(ex) {
        let Some(name) = doc.scalar(item) else {
            continue;
        };
        if name.starts_with("AWS_") {
            rep.report(
                RULE,
                doc.range(item),
                format!("`{name}` cannot be exported: names starting with `AWS_` are reserved"),
            );
        }
    }
}
