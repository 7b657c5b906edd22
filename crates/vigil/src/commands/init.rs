//! `vigil init`: write a starter `vigil.toml` and a GitHub Actions workflow.

use std::path::Path;

use anyhow::{bail, Context as _};

use crate::cli::InitArgs;
use crate::output::{note, write_atomic};
use crate::ExitStatus;

/// The starter configuration (every key documented in docs/config.md).
const STARTER_CONFIG: &str = r#"# vigil configuration (docs/config.md). Found upward from the scanned directory.

# Rules to run: rule ids, categories (security, resource-leak, bug, concurrency, aws-best-practice,
# quality, deploy-spec, api-spec), kinds (java, python, buildspec, appspec, openapi) or "*".
# select = ["*"]
# ignore = ["quality"]

# Paths (globs, relative to this file) that are never scanned.
exclude = ["**/build/**", "**/target/**", "**/node_modules/**", "**/.venv/**"]

# The CI gate: exit 1 when a finding has at least this severity (error, warning, note, never).
fail-on = "warning"

# Severity overrides by rule id or category.
# [severity]
# "java/empty-catch" = "note"

# Per-path overrides.
# [[overrides]]
# files = ["**/test/**", "**/tests/**"]
# ignore = ["quality"]
"#;

fn write_new(path: &Path, text: &str, force: bool) -> anyhow::Result<bool> {
    if path.exists() && !force {
        note(&format!(
            "vigil: {} exists; left as it is (--force overwrites)",
            path.display()
        ));
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_atomic(path, text.as_bytes())?;
    note(&format!("vigil: wrote {}", path.display()));
    Ok(true)
}

pub(crate) fn run(args: &InitArgs) -> anyhow::Result<ExitStatus> {
    if !args.dir.is_dir() {
        bail!("{}: no such directory", args.dir.display());
    }
    write_new(&args.dir.join("vigil.toml"), STARTER_CONFIG, args.force)?;
    write_new(
        &args.dir.join(".github/workflows/vigil.yml"),
        vigil_report::github::WORKFLOW_TEMPLATE,
        args.force,
    )?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    #[test]
    fn starter_config_is_valid() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("vigil.toml");
        std::fs::write(&p, super::STARTER_CONFIG).unwrap();
        vigil_core::config::Config::load(&p).unwrap();
    }

    /// Every example in the starter config, uncommented, is valid against the built-in rules.
    #[test]
    fn uncommented_examples_name_real_rules() {
        let uncommented: String = super::STARTER_CONFIG
            .lines()
            .map(|l| {
                let body = l.strip_prefix("# ").unwrap_or(l);
                let is_toml = body.starts_with('[')
                    || body.starts_with('"')
                    || body.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    });
                if is_toml {
                    body.to_owned()
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(uncommented.contains("\n[severity]\n"), "{uncommented}");
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("vigil.toml");
        std::fs::write(&p, &uncommented).unwrap();
        let config = vigil_core::config::Config::load(&p).unwrap();
        let rules = crate::registry::load_rules(&[]).unwrap();
        if let Err(e) =
            vigil_scan::Settings::new(&config, &vigil_scan::CliSettings::default(), &rules)
        {
            panic!("{e}\n{uncommented}");
        }
    }

    /// The workflow pins the action to a release tag, never to a branch.
    #[test]
    fn workflow_pins_a_release() {
        let wf = vigil_report::github::WORKFLOW_TEMPLATE;
        let pin = format!("vigil-dev/vigil@v{}", env!("CARGO_PKG_VERSION"));
        assert!(wf.contains(&pin), "{wf}");
        assert!(!wf.contains("@main") && !wf.contains("@master"), "{wf}");
    }
}
