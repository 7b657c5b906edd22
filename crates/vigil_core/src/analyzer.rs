//! The contract between the driver (`vigil_scan`) and the analyzers of each file kind.
//!
//! The driver reads every file once and runs, per file kind, one [`Analyzer`]:
//!
//! 1. **phase 1** (optional, in parallel): [`Analyzer::summarize`] computes a per-file summary (e.g. the
//!    methods a Java file defines and which parameters reach their return value);
//! 2. **link**: [`Analyzer::link`] merges all summaries of the kind into project-wide facts;
//! 3. **phase 2** (in parallel): [`Analyzer::check`] runs every enabled rule of the kind over the file,
//!    with the project facts at hand.
//!
//! Each call is wrapped in `catch_unwind` by the driver: a panic becomes a notification for that file.

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use crate::finding::Finding;
use crate::rule::Rule;
use crate::source::{FileKind, Notification, SourceFile};

/// Project-wide facts produced by [`Analyzer::link`], shared read-only by every phase-2 check.
pub type ProjectFacts = Arc<dyn Any + Send + Sync>;

/// A per-file summary produced by [`Analyzer::summarize`].
pub type Summary = Box<dyn Any + Send + Sync>;

/// What phase 2 sees besides the file.
pub struct CheckContext<'a> {
    /// The rules of this analyzer's kind that are enabled for this file (config applied).
    pub rules: &'a [Arc<Rule>],
    /// Facts from [`Analyzer::link`], if the analyzer produced any.
    pub project: Option<&'a (dyn Any + Send + Sync)>,
    /// The scan root (for checks that look at other files, e.g. appspec hook scripts).
    pub root: &'a Path,
}

impl CheckContext<'_> {
    /// Whether the rule `id` is enabled for this file.
    #[must_use]
    pub fn is_enabled(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r.id.as_ref() == id)
    }

    /// The enabled rule `id`, if any.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| r.id.as_ref() == id)
    }

    /// Enabled rules implemented by the Rust analysis `name`.
    pub fn rules_for_analysis<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Arc<Rule>> + 's {
        self.rules
            .iter()
            .filter(move |r| r.analysis() == Some(name))
    }
}

/// What phase 2 produces for one file.
#[derive(Debug, Default)]
pub struct FileOutput {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
}

/// All analyses of one file kind.
pub trait Analyzer: Send + Sync {
    /// The file kind this analyzer handles.
    fn kind(&self) -> FileKind;

    /// Names of the Rust-coded analyses it implements (what rule files name in `analysis:`).
    fn analyses(&self) -> Vec<&'static str>;

    /// Phase 1: a summary of one file for cross-file analysis. Default: none.
    fn summarize(&self, _file: &SourceFile) -> Option<Summary> {
        None
    }

    /// Merge the summaries of all files of this kind (sorted by path) into project facts.
    fn link(&self, _summaries: Vec<(Arc<str>, Summary)>) -> Option<ProjectFacts> {
        None
    }

    /// Phase 2: run the enabled rules over one file.
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput);
}
