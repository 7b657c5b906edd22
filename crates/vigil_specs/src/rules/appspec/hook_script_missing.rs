//! `appspec/hook-script-missing`: a hook script `location` that does not exist in the repository.

use std::path::Path;

use super::{Index, ScriptPath};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "hook-script-missing");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(l, loc, ref path) in ix.script_locations() {
        if !matches!(path, ScriptPath::Missing) {
            continue;
        }
        let trimmed = loc.trim();
        rep.report(
            RULE,
            doc.range(l),
            format!("hook script `{trimmed}` does not exist in the repository (looked for `{}` next to the appspec); the deployment fails with \"Script does not exist at specified location\"", Path::new(&*rep.file.rel_path).parent().map(|p| p.join(trimmed)).unwrap_or_default().to_string_lossy().replace('\\', "/")),
        );
    }
}
