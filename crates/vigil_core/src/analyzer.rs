//! The contract between the driver (`vigil_scan`) and the analyzers of each file kind.
//!
//! Two protocols give the same results; analyzers implement the first and may opt into the second.
//!
//! **Two-phase** (the reference, used by tests and tools that hold every file):
//! 1. [`Analyzer::summarize`] computes a per-file summary (e.g. the methods a Java file defines and which
//!    parameters reach their return value);
//! 2. [`Analyzer::link`] merges all summaries of the kind into project-wide facts;
//! 3. [`Analyzer::check`] runs every enabled rule of the kind over the file, with the facts at hand.
//!
//! **Single-pass** (what the driver runs): each file is read and parsed once, in
//! [`Analyzer::first_pass`], which runs every enabled analysis that needs no project facts and returns
//! the summary in the same pass. After [`Analyzer::link`], only the files whose results the project
//! facts can change ([`Analyzer::needs_recheck`]) are read and parsed again, and only their
//! cross-file analyses run ([`Analyzer::recheck`]); those findings replace the first pass's findings of
//! the same analyses. The defaults map the single-pass protocol onto the two-phase one (summary in the
//! first pass, the whole `check` in the second), so an analyzer that does not opt in is still correct.
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

/// The summaries [`Analyzer::link`] merges, with their files' paths, sorted by path.
pub type Summaries<'a> = &'a mut dyn Iterator<Item = (Arc<str>, Summary)>;

/// What phase 2 sees besides the file.
pub struct CheckContext<'a> {
    /// The rules of this analyzer's kind that are enabled for this file (config applied).
    pub rules: &'a [Arc<Rule>],
    /// Facts from [`Analyzer::link`], if the analyzer produced any.
    pub project: Option<&'a (dyn Any + Send + Sync)>,
    /// The scan root (for checks that look at other files, e.g. appspec hook scripts).
    pub root: &'a Path,
    /// The project's `.properties` files (constant sources: `props.getProperty("key")`), when the
    /// scan collected any.
    pub properties: Option<&'a crate::properties::ProjectProperties>,
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

/// What [`Analyzer::first_pass`] returns.
pub struct FirstPass {
    /// The file's summary, when one was asked for.
    pub summary: Option<Summary>,
    /// What the second pass must do for this file.
    pub second: SecondPass,
}

/// What the second pass of the single-pass protocol does for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondPass {
    /// Nothing: the first pass produced the file's complete results.
    Done,
    /// Run [`Analyzer::recheck`] when [`Analyzer::needs_recheck`] says the project facts matter.
    IfNeeded,
    /// Run [`Analyzer::check`] with the project facts (the first pass only summarized).
    Full,
}

/// All analyses of one file kind.
pub trait Analyzer: Send + Sync {
    /// The file kind this analyzer handles.
    fn kind(&self) -> FileKind;

    /// Names of the Rust-coded analyses it implements (what rule files name in `analysis:`).
    fn analyses(&self) -> Vec<&'static str>;

    /// The parse floor (`vigil scan --parse-only`): parse `file` the way the analyses do and visit
    /// every node of the tree, nothing else. Returns the number of nodes (0: nothing to parse).
    fn parse_only(&self, _file: &SourceFile) -> u64 {
        0
    }

    /// Encode a summary for the incremental cache. Default: `None` (summaries are not cached: after
    /// a change, every file of the kind is analyzed again to rebuild the project facts).
    fn encode_summary(&self, _summary: &Summary) -> Option<Vec<u8>> {
        None
    }

    /// Decode a summary written by [`Analyzer::encode_summary`] (`None`: unreadable).
    fn decode_summary(&self, _bytes: &[u8]) -> Option<Summary> {
        None
    }

    /// Encode linked project facts for the incremental cache, which keeps them under their facts
    /// key: an edited file that needs the facts, when no summary changed, then decodes them instead
    /// of linking every summary again. Default: `None` (not cached).
    fn encode_facts(&self, _facts: &ProjectFacts) -> Option<Vec<u8>> {
        None
    }

    /// Decode facts written by [`Analyzer::encode_facts`] (`None`: unreadable; they are linked).
    fn decode_facts(&self, _bytes: &[u8]) -> Option<ProjectFacts> {
        None
    }

    /// Phase 1: a summary of one file for cross-file analysis. Default: none.
    fn summarize(&self, _file: &SourceFile) -> Option<Summary> {
        None
    }

    /// Merge the summaries of all files of this kind (sorted by path) into project facts. The
    /// summaries are decoded as they are consumed: fold them in one at a time rather than collect
    /// them, so that the decoded summaries of a large project are never all in memory at once.
    fn link(&self, _summaries: Summaries<'_>) -> Option<ProjectFacts> {
        None
    }

    /// Phase 2: run the enabled rules over one file.
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput);

    /// Whether any rule of `enabled` needs the project facts (so summaries must be computed and
    /// linked). Default: yes when the analyzer summarizes at all.
    fn wants_summaries(&self, _enabled: &[Arc<crate::rule::Rule>]) -> bool {
        true
    }

    /// Single pass: analyze `file` with no project facts (`ctx.project` is `None`) and, when
    /// `summarize` is true, return its summary. Default: only the summary; everything else runs in a
    /// full second pass.
    fn first_pass(
        &self,
        file: &SourceFile,
        _ctx: &CheckContext<'_>,
        summarize: bool,
        _out: &mut FileOutput,
    ) -> FirstPass {
        FirstPass {
            summary: if summarize {
                self.summarize(file)
            } else {
                None
            },
            second: SecondPass::Full,
        }
    }

    /// The analyses (among [`Analyzer::cross_file_analyses`]) whose results for the file at `path`
    /// the linked `project` facts can change; empty when none (only asked for files whose first
    /// pass returned [`SecondPass::IfNeeded`]). [`Analyzer::recheck`] then runs with only the rules
    /// of these analyses enabled.
    fn recheck_analyses(
        &self,
        _project: &(dyn Any + Send + Sync),
        _path: &str,
    ) -> &'static [&'static str] {
        self.cross_file_analyses()
    }

    /// The analyses (`analysis:` names) [`Analyzer::recheck`] runs: its findings replace the first
    /// pass's findings of rules with these analyses.
    fn cross_file_analyses(&self) -> &'static [&'static str] {
        &[]
    }

    /// Second pass for a file that needs it: run only the [`Analyzer::cross_file_analyses`], with
    /// the project facts in `ctx`.
    fn recheck(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        self.check(file, ctx, out);
    }
}

/// The rules of `enabled` whose analysis is one of `analyses` (the rules a recheck runs).
#[must_use]
pub fn rules_of_analyses(enabled: &[Arc<Rule>], analyses: &[&str]) -> Vec<Arc<Rule>> {
    enabled
        .iter()
        .filter(|r| r.analysis().is_some_and(|a| analyses.contains(&a)))
        .cloned()
        .collect()
}

/// Drop the findings of rules whose analysis is one of `cross` (before [`Analyzer::recheck`]
/// reports them again with the project facts).
pub fn drop_cross_file_findings(out: &mut FileOutput, enabled: &[Arc<Rule>], cross: &[&str]) {
    out.findings.retain(|f| {
        !enabled
            .iter()
            .find(|r| r.id == f.rule_id)
            .and_then(|r| r.analysis())
            .is_some_and(|a| cross.contains(&a))
    });
}
