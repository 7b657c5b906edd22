//! Baseline files: the fingerprints of known findings, hidden from later runs.
//!
//! `vigil scan --write-baseline vigil-baseline.json` records every current finding; `vigil scan
//! --baseline vigil-baseline.json` then reports only findings whose fingerprint is not in the file.
//! Fingerprints (see [`crate::fingerprint`]) do not change when unrelated lines are inserted or removed,
//! so a baseline survives ordinary edits; editing a flagged line makes its finding new again.
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "fingerprint": "3f2a…", "rule_id": "java/weak-hash", "path": "src/A.java", "line": 12, "message": "…" }
//!   ]
//! }
//! ```
//!
//! `rule_id`, `path`, `line` and `message` are informational (for reviewing the file); only
//! `fingerprint` is used for matching.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// The current baseline format version.
pub const BASELINE_VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    #[serde(default)]
    pub rule_id: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub line: u32,
    #[serde(default)]
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
    #[serde(skip)]
    fingerprints: BTreeSet<String>,
}

/// A baseline file that cannot be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{}: cannot read the baseline: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: invalid baseline: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: unsupported baseline version {version} (this vigil writes version {BASELINE_VERSION})", path.display())]
    Version { path: PathBuf, version: u32 },
}

impl Baseline {
    /// A baseline of `findings` (sorted by path, line, rule; duplicates removed).
    #[must_use]
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.to_string(),
                path: f.location.path.to_string(),
                line: f.location.start.line,
                message: f.message.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, a.line, &a.rule_id, &a.fingerprint).cmp(&(
                &b.path,
                b.line,
                &b.rule_id,
                &b.fingerprint,
            ))
        });
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Self::from_entries(entries)
    }

    fn from_entries(findings: Vec<BaselineEntry>) -> Self {
        let fingerprints = findings.iter().map(|e| e.fingerprint.clone()).collect();
        Self {
            version: BASELINE_VERSION,
            findings,
            fingerprints,
        }
    }

    /// Parse a baseline from JSON text; `path` names it in errors.
    ///
    /// # Errors
    /// A [`BaselineError`] for malformed JSON, unknown fields or an unsupported version.
    pub fn parse(path: &Path, text: &str) -> Result<Self, BaselineError> {
        let raw: Baseline = serde_json::from_str(text).map_err(|e| BaselineError::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            message: e.to_string(),
        })?;
        if raw.version != BASELINE_VERSION {
            return Err(BaselineError::Version {
                path: path.to_path_buf(),
                version: raw.version,
            });
        }
        Ok(Self::from_entries(raw.findings))
    }

    /// Read a baseline file.
    ///
    /// # Errors
    /// A [`BaselineError`] when the file cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Whether the finding is known (its fingerprint is recorded).
    #[must_use]
    pub fn contains(&self, finding: &Finding) -> bool {
        self.fingerprints.contains(&finding.fingerprint)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The baseline as pretty JSON with a final newline (deterministic).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileKind, Severity, SourceFile, TextRange};

    #[test]
    fn round_trip_and_matching() {
        let file = SourceFile::new(
            "a.py".into(),
            "a.py",
            FileKind::Python,
            "x = 1\nyaml.load(s)\n",
        );
        let mut fs = vec![Finding::new(
            "python/yaml-load",
            Severity::Error,
            file.location(TextRange::new(6, 18)),
            "m",
        )];
        crate::fingerprint::assign(&file, &mut fs);
        let b = Baseline::from_findings(&fs);
        let text = b.to_json();
        let back = Baseline::parse(Path::new("b.json"), &text).unwrap();
        assert_eq!(back.len(), 1);
        assert!(back.contains(&fs[0]));
        let mut other = fs[0].clone();
        other.fingerprint = "0".into();
        assert!(!back.contains(&other));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e =
            Baseline::parse(Path::new("b.json"), "{\n \"version\": 1,\n \"x\": 2}").unwrap_err();
        assert!(e.to_string().starts_with("b.json:3:"), "{e}");
        let e =
            Baseline::parse(Path::new("b.json"), "{\"version\": 9, \"findings\": []}").unwrap_err();
        assert!(matches!(e, BaselineError::Version { version: 9, .. }));
    }
}
