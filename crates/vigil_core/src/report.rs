//! The result of a scan, as handed from the driver (`vigil_scan`) to the reporters (`vigil_report`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::finding::Finding;
use crate::rule::Rule;
use crate::source::Notification;

/// Everything a reporter needs: findings, notices, the rules that ran, and the text of files with findings.
#[derive(Debug, Clone, Default)]
pub struct ScanReport {
    /// The scan root; finding paths are relative to it.
    pub root: PathBuf,
    /// Reported findings, sorted (path, position, rule), after config, suppressions, baseline and diff.
    pub findings: Vec<Finding>,
    /// Findings hidden by a suppression comment or the baseline (kept for local logs, never uploaded).
    pub suppressed: Vec<Finding>,
    /// Notices about the run, sorted.
    pub notifications: Vec<Notification>,
    /// The rules enabled for the run, sorted by id (SARIF `rules[]`).
    pub rules: Vec<Arc<Rule>>,
    /// Text of every file that has a finding (reported or suppressed), by relative path.
    pub sources: BTreeMap<Arc<str>, Arc<str>>,
    /// Number of files analyzed.
    pub files_scanned: usize,
    /// Wall-clock time of the scan.
    pub elapsed: Duration,
}
