//! `vigil test DIR`: check user rule files against annotated fixtures, with the same two-sided harness
//! as vigil's own rules (`vigil_testkit`).
//!
//! Layout: rule files in `DIR/rules/` (or `--rules`), fixtures in `DIR/testdata/` if it exists, else in
//! `DIR`. Fixture files are picked by extension per rule kind (`.java`, `.py`, `.yml`/`.yaml`/`.json`)
//! and carry `ruleid:` / `ok:` / `todoruleid:` / `todook:` comments. Fails (exit 1) on a missing or
//! unexpected finding and on a rule without a positive or a negative case.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::{bail, Context as _};
use vigil_core::RuleSet;

use crate::cli::TestArgs;
use crate::output::write_stdout;
use crate::{registry, ExitStatus};

pub(crate) fn run(args: &TestArgs) -> anyhow::Result<ExitStatus> {
    if !args.dir.is_dir() {
        bail!("{}: no such directory", args.dir.display());
    }
    let rules_dir = args.rules.clone().unwrap_or_else(|| args.dir.join("rules"));
    let user = registry::user_rules(std::slice::from_ref(&rules_dir))?;
    if user.is_empty() {
        bail!("no rule files (*.yaml) in {}", rules_dir.display());
    }
    let rules = RuleSet::new(user)?;
    let fixtures = {
        let t = args.dir.join("testdata");
        if t.is_dir() {
            t
        } else {
            args.dir.clone()
        }
    };
    let analyzers = registry::analyzers(&rules).context("cannot build the analyzers")?;
    let kinds: BTreeSet<_> = rules.iter().map(|r| r.kind).collect();
    let mut out = String::new();
    let mut failures = 0usize;
    let mut files = 0usize;
    for kind in kinds {
        let ids: Vec<&str> = rules.for_kind(kind).map(|r| r.id.as_ref()).collect();
        let Some(analyzer) = analyzers.iter().find(|a| a.kind() == kind) else {
            let _ = writeln!(
                out,
                "FAIL {kind}: no analyzer handles {kind} files ({})",
                ids.join(", ")
            );
            failures += ids.len();
            continue;
        };
        let outcome = vigil_testkit::check_fixture_dir(&fixtures, analyzer.as_ref(), &rules);
        files += outcome.files;
        for m in &outcome.mismatches {
            let _ = writeln!(out, "FAIL {m}");
        }
        let gaps = outcome.coverage.gaps(ids.iter().copied());
        for g in &gaps {
            let _ = writeln!(out, "FAIL {g}");
        }
        failures += outcome.mismatches.len() + gaps.len();
        for id in &ids {
            let (pos, neg) = outcome.coverage.counts(id);
            let _ = writeln!(out, "rule {id}: {pos} positive, {neg} negative cases");
        }
    }
    let _ = writeln!(
        out,
        "{} rules, {files} fixture files: {}",
        rules.len(),
        if failures == 0 {
            "ok".to_owned()
        } else {
            format!("{failures} failures")
        }
    );
    write_stdout(out.as_bytes())?;
    Ok(if failures == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}
