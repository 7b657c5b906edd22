//! What an analysis reports.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::severity::Severity;
use crate::text::{LineCol, TextRange};

/// A place in a file: byte range plus 1-based line/column of both ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Path relative to the scan root, forward slashes.
    pub path: Arc<str>,
    pub range: TextRange,
    pub start: LineCol,
    /// Position just after the last character (exclusive), as SARIF's `endColumn`.
    pub end: LineCol,
}

/// A secondary location with a short label ("source", "sanitized here", "opened here").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One step of a data-flow path (source, intermediate steps, sink).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FlowStep {
    pub location: Location,
    pub message: String,
}

/// A text replacement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub range: TextRange,
    pub replacement: String,
}

/// Whether a fix may be applied without a human reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixApplicability {
    /// Keeps the program's meaning apart from the defect.
    Safe,
    /// May change behaviour; offered as a suggestion only.
    Unsafe,
    /// Shown to the user, never applied.
    DisplayOnly,
}

/// A suggested fix: one or more edits in the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
    pub applicability: FixApplicability,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    // Field order gives the sort order of findings: path, position, rule.
    pub location: Location,
    pub rule_id: Arc<str>,
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// vigil's stable fingerprint (`vigil/v1`); set by the driver after sorting.
    #[serde(default)]
    pub fingerprint: String,
    /// GitHub's `primaryLocationLineHash` of the start line; set by the driver.
    #[serde(default)]
    pub line_hash: String,
}

impl Finding {
    /// A finding with no related locations, flow or fix. The severity is the rule's default and is
    /// replaced by the configured one by the driver.
    #[must_use]
    pub fn new(
        rule_id: impl Into<Arc<str>>,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location,
            rule_id: rule_id.into(),
            severity,
            message: message.into(),
            related: Vec::new(),
            flow: Vec::new(),
            fix: None,
            fingerprint: String::new(),
            line_hash: String::new(),
        }
    }

    #[must_use]
    pub fn with_related(mut self, related: Vec<Related>) -> Self {
        self.related = related;
        self
    }

    #[must_use]
    pub fn with_flow(mut self, flow: Vec<FlowStep>) -> Self {
        self.flow = flow;
        self
    }

    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
