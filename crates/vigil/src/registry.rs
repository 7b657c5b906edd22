//! Loading rules and building the analyzers: the one place where the crates are wired together.
//!
//! To register a new analyzer, add it to [`analyzers`]; every analyzer handles one
//! [`vigil_core::FileKind`] and is built from the full rule set (it compiles the rules it implements
//! once, shared by all threads).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use vigil_core::{Analyzer, Notification, NotificationLevel, Rule, RuleSet};

/// Every analyzer, built once for the run.
pub(crate) fn analyzers(rules: &RuleSet) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
    // Compiling the Java and the Python queries is most of a small scan's start-up: do both at once.
    let (java, python) = rayon::join(
        || vigil_java::analyzer(rules),
        || vigil_python::analyzer(rules),
    );
    let mut out: Vec<Box<dyn Analyzer>> = vec![
        java.context("cannot build the Java analyzer")?,
        python.context("cannot build the Python analyzer")?,
    ];
    out.extend(vigil_specs::analyzers(rules).context("cannot build the spec analyzers")?);
    Ok(out)
}

/// Notices for enabled rules whose `analysis:` no analyzer of their kind implements.
pub(crate) fn unimplemented(
    rules: &[std::sync::Arc<Rule>],
    analyzers: &[Box<dyn Analyzer>],
) -> Vec<Notification> {
    rules
        .iter()
        .filter_map(|r| {
            let name = r.analysis()?;
            let implemented = analyzers
                .iter()
                .any(|a| a.kind() == r.kind && a.analyses().contains(&name));
            (!implemented).then(|| Notification {
                level: NotificationLevel::Warning,
                kind: "rule-not-implemented".into(),
                path: None,
                message: format!(
                    "rule `{}` ({}) names analysis `{name}`, which no {} analyzer implements; it did not run",
                    r.id, r.origin, r.kind
                ),
                rule_id: Some(r.id.to_string()),
            })
        })
        .collect()
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read rules directory {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "models") {
                continue;
            }
            collect_yaml(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The user rule files under `dirs` (recursively; `models/` folders are library models, not rules).
pub(crate) fn user_rules(dirs: &[PathBuf]) -> anyhow::Result<Vec<Rule>> {
    let mut files = Vec::new();
    for d in dirs {
        if !d.is_dir() {
            bail!("{}: rules directory not found", d.display());
        }
        collect_yaml(d, &mut files)?;
    }
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read rule file {}", p.display()))?;
            vigil_core::rule::parse_rule(&p.display().to_string(), &text, None, false)
                .map_err(anyhow::Error::from)
        })
        .collect()
}

/// The built-in rules plus the user rules under `dirs`.
pub(crate) fn load_rules(dirs: &[PathBuf]) -> anyhow::Result<RuleSet> {
    let mut rules = vigil_core::builtin::rules().context("a built-in rule file is invalid")?;
    rules.extend(user_rules(dirs)?);
    Ok(RuleSet::new(rules)?)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every built-in rule naming an `analysis:` is implemented by the analyzer of its kind, every
    /// analysis an analyzer lists has a rule file, and there is at most one analyzer per kind.
    #[test]
    fn registry_is_consistent() {
        let rules = load_rules(&[]).unwrap();
        let analyzers = analyzers(&rules).unwrap();
        let kinds: Vec<_> = analyzers.iter().map(|a| a.kind()).collect();
        let unique: BTreeSet<_> = kinds.iter().collect();
        assert_eq!(
            kinds.len(),
            unique.len(),
            "two analyzers for one kind: {kinds:?}"
        );
        let all: Vec<_> = rules.iter().cloned().collect();
        let missing = unimplemented(&all, &analyzers);
        assert!(missing.is_empty(), "{missing:#?}");
        for a in &analyzers {
            for name in a.analyses() {
                assert!(
                    rules.for_kind(a.kind()).any(|r| r.analysis() == Some(name)),
                    "the {} analyzer implements `{name}` but no rules/{}/*.yaml names it",
                    a.kind(),
                    a.kind()
                );
            }
        }
    }
}
