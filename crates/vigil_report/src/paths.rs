//! Paths as code hosts want them.
//!
//! Finding paths are relative to the scan root. GitHub (SARIF URIs, annotations, review comments),
//! GitLab and reviewdog read paths relative to the **repository root**, so a scan of a subdirectory
//! (`vigil scan services/api`) must be re-rooted before it is uploaded: [`for_code_host`] does that
//! (to `GITHUB_WORKSPACE`, else the enclosing git work tree), [`rebase`] to any directory.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use vigil_core::{Finding, Location, ScanReport};

/// The root of the git work tree holding `start` (the nearest ancestor with a `.git` entry).
#[must_use]
pub fn git_top_level(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    abs.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `root` relative to `base`, as a forward-slash prefix ending in `/` (`""` when equal); `None` when
/// `root` is not inside `base`.
#[must_use]
pub fn prefix_of(root: &Path, base: &Path) -> Option<String> {
    let root = std::path::absolute(root).ok()?;
    let base = std::path::absolute(base).ok()?;
    let rel = normalize(&root)
        .strip_prefix(normalize(&base))
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    })
}

/// Remove `.` and resolve `..` lexically.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn prefixed(prefix: &str, path: &str) -> Arc<str> {
    Arc::from(format!("{prefix}{path}"))
}

fn rebase_location(prefix: &str, loc: &mut Location) {
    loc.path = prefixed(prefix, &loc.path);
}

fn rebase_finding(prefix: &str, f: &mut Finding) {
    rebase_location(prefix, &mut f.location);
    for r in &mut f.related {
        rebase_location(prefix, &mut r.location);
    }
    for s in &mut f.flow {
        rebase_location(prefix, &mut s.location);
    }
}

/// A copy of `report` whose paths are relative to `new_root` (which must contain the scan root);
/// `None` when the scan root is not inside `new_root`.
#[must_use]
pub fn rebase(report: &ScanReport, new_root: &Path) -> Option<ScanReport> {
    let prefix = prefix_of(&report.root, new_root)?;
    let mut out = report.clone();
    out.root = std::path::absolute(new_root).ok()?;
    if prefix.is_empty() {
        return Some(out);
    }
    for f in out.findings.iter_mut().chain(out.suppressed.iter_mut()) {
        rebase_finding(&prefix, f);
    }
    for n in &mut out.notifications {
        if let Some(p) = n.path.as_mut() {
            *p = format!("{prefix}{p}");
        }
    }
    out.sources = out
        .sources
        .iter()
        .map(|(k, v)| (prefixed(&prefix, k), v.clone()))
        .collect::<BTreeMap<_, _>>();
    Some(out)
}

/// The report with paths relative to the repository root: `GITHUB_WORKSPACE` when set and holding
/// the scan root, else the enclosing git work tree, else unchanged.
#[must_use]
pub fn for_code_host(report: &ScanReport) -> Cow<'_, ScanReport> {
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .filter(|w| !w.is_empty())
        .map(PathBuf::from);
    let candidates = workspace.into_iter().chain(git_top_level(&report.root));
    for base in candidates {
        if let Some(r) = rebase(report, &base) {
            return Cow::Owned(r);
        }
    }
    Cow::Borrowed(report)
}
