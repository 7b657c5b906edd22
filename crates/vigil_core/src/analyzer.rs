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
//!
//! **Typed facts.** Analyzers implement [`FileAnalyzer`], whose summaries and project facts are
//! their own types ([`FileAnalyzer::Summary`], [`FileAnalyzer::Facts`]). The driver holds every
//! analyzer as a `dyn` [`Analyzer`], the same contract over opaque values ([`Summary`],
//! [`ProjectFacts`]); one blanket implementation converts between the two, and it is the only place
//! where a value changes type. A value that reaches an analyzer of another type is a driver bug: it
//! panics with the two type names (a notification for the file), never a silently skipped fact.

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use crate::finding::Finding;
use crate::rule::Rule;
use crate::source::{FileKind, Notification, SourceFile};

/// A value of an analyzer's own type, opaque to the driver: a [`Summary`] or [`ProjectFacts`]
/// (`Tag` keeps the two apart).
pub struct Opaque<Tag> {
    value: Box<dyn Any + Send + Sync>,
    type_name: &'static str,
    tag: std::marker::PhantomData<fn() -> Tag>,
}

/// The tag of [`Summary`].
pub enum SummaryTag {}
/// The tag of [`ProjectFacts`].
pub enum FactsTag {}

/// A per-file summary produced by [`Analyzer::summarize`]: an analyzer's
/// [`FileAnalyzer::Summary`].
pub type Summary = Opaque<SummaryTag>;

/// Project-wide facts produced by [`Analyzer::link`], shared read-only by every phase-2 check: an
/// analyzer's [`FileAnalyzer::Facts`].
pub type ProjectFacts = Opaque<FactsTag>;

impl<Tag> Opaque<Tag> {
    fn new<T: Send + Sync + 'static>(value: T) -> Self {
        Self {
            value: Box::new(value),
            type_name: std::any::type_name::<T>(),
            tag: std::marker::PhantomData,
        }
    }

    /// The value as the analyzer's own type. Panics (a driver bug, reported as a notification by
    /// the driver's `catch_unwind`) when it is another analyzer's.
    fn get<T: 'static>(&self) -> &T {
        match self.value.downcast_ref::<T>() {
            Some(v) => v,
            None => mismatch::<T>(self.type_name),
        }
    }

    fn into_inner<T: 'static>(self) -> T {
        let type_name = self.type_name;
        match self.value.downcast::<T>() {
            Ok(v) => *v,
            Err(_) => mismatch::<T>(type_name),
        }
    }
}

fn mismatch<T>(found: &str) -> ! {
    panic!(
        "a value of type {found} handed to an analyzer of {} (a driver bug)",
        std::any::type_name::<T>()
    )
}

impl<Tag> std::fmt::Debug for Opaque<Tag> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Opaque({})", self.type_name)
    }
}

/// The summaries [`Analyzer::link`] merges, with their files' paths, sorted by path.
pub type Summaries<'a, S = Summary> = &'a mut dyn Iterator<Item = (Arc<str>, S)>;

/// What phase 2 sees besides the file. `F` is the project facts' type: the analyzer's own
/// [`FileAnalyzer::Facts`] inside an analyzer, opaque [`ProjectFacts`] in the driver.
pub struct CheckContext<'a, F = ProjectFacts> {
    /// The rules of this analyzer's kind that are enabled for this file (config applied).
    pub rules: &'a [Arc<Rule>],
    /// Facts from [`Analyzer::link`], if the analyzer produced any.
    pub project: Option<&'a F>,
    /// The scan root (for checks that look at other files, e.g. appspec hook scripts).
    pub root: &'a Path,
    /// The project's `.properties` files (constant sources: `props.getProperty("key")`), when the
    /// scan collected any.
    pub properties: Option<&'a crate::properties::ProjectProperties>,
}

impl<'a, F> CheckContext<'a, F> {
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

    /// The same context with other rules enabled.
    #[must_use]
    pub fn with_rules<'b>(&self, rules: &'b [Arc<Rule>]) -> CheckContext<'b, F>
    where
        'a: 'b,
    {
        CheckContext {
            rules,
            project: self.project,
            root: self.root,
            properties: self.properties,
        }
    }
}

impl<'a> CheckContext<'a, ProjectFacts> {
    /// The context with the facts as the analyzer's own type.
    fn typed<F: 'static>(&self) -> CheckContext<'a, F> {
        CheckContext {
            rules: self.rules,
            project: self.project.map(Opaque::get::<F>),
            root: self.root,
            properties: self.properties,
        }
    }
}

/// What phase 2 produces for one file.
#[derive(Debug, Default)]
pub struct FileOutput {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
}

/// What [`Analyzer::first_pass`] returns.
pub struct FirstPass<S = Summary> {
    /// The file's summary, when one was asked for.
    pub summary: Option<S>,
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

/// All analyses of one file kind, with their own summary and facts types. What analyzers
/// implement; the driver sees each through [`Analyzer`].
pub trait FileAnalyzer: Send + Sync {
    /// What phase 1 computes per file (`()` when the analyzer has no cross-file analysis).
    type Summary: Send + Sync + 'static;
    /// What [`FileAnalyzer::link`] makes of every file's summary (`()` when none).
    type Facts: Send + Sync + 'static;

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
    fn encode_summary(&self, _summary: &Self::Summary) -> Option<Vec<u8>> {
        None
    }

    /// Decode a summary written by [`FileAnalyzer::encode_summary`] (`None`: unreadable).
    fn decode_summary(&self, _bytes: &[u8]) -> Option<Self::Summary> {
        None
    }

    /// Encode linked project facts for the incremental cache, which keeps them under their facts
    /// key: an edited file that needs the facts, when no summary changed, then decodes them instead
    /// of linking every summary again. They are written to `out` as they are encoded (the facts
    /// of the whole OpenJDK encode to tens of MB: no copy of them in memory next to the facts).
    /// Returns whether they were encoded. Default: `Ok(false)` (not cached).
    fn encode_facts(
        &self,
        _facts: &Self::Facts,
        _out: &mut dyn std::io::Write,
    ) -> std::io::Result<bool> {
        Ok(false)
    }

    /// Decode facts written by [`FileAnalyzer::encode_facts`] (`None`: unreadable; they are linked).
    fn decode_facts(&self, _bytes: &[u8]) -> Option<Self::Facts> {
        None
    }

    /// Phase 1: a summary of one file for cross-file analysis. Default: none.
    fn summarize(&self, _file: &SourceFile) -> Option<Self::Summary> {
        None
    }

    /// Merge the summaries of all files of this kind (sorted by path) into project facts. The
    /// summaries are decoded as they are consumed: fold them in one at a time rather than collect
    /// them, so that the decoded summaries of a large project are never all in memory at once.
    fn link(&self, _summaries: Summaries<'_, Self::Summary>) -> Option<Self::Facts> {
        None
    }

    /// Phase 2: run the enabled rules over one file.
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, Self::Facts>, out: &mut FileOutput);

    /// Whether any rule of `enabled` needs the project facts (so summaries must be computed and
    /// linked). Default: yes when the analyzer summarizes at all.
    fn wants_summaries(&self, _enabled: &[Arc<Rule>]) -> bool {
        true
    }

    /// Single pass: analyze `file` with no project facts (`ctx.project` is `None`) and, when
    /// `summarize` is true, return its summary. Default: only the summary; everything else runs in a
    /// full second pass.
    fn first_pass(
        &self,
        file: &SourceFile,
        _ctx: &CheckContext<'_, Self::Facts>,
        summarize: bool,
        _out: &mut FileOutput,
    ) -> FirstPass<Self::Summary> {
        FirstPass {
            summary: if summarize {
                self.summarize(file)
            } else {
                None
            },
            second: SecondPass::Full,
        }
    }

    /// The analyses (among [`FileAnalyzer::cross_file_analyses`]) whose results for the file at
    /// `path` the linked `project` facts can change; empty when none (only asked for files whose
    /// first pass returned [`SecondPass::IfNeeded`]). [`FileAnalyzer::recheck`] then runs with only
    /// the rules of these analyses enabled.
    fn recheck_analyses(&self, _project: &Self::Facts, _path: &str) -> &'static [&'static str] {
        self.cross_file_analyses()
    }

    /// The analyses (`analysis:` names) [`FileAnalyzer::recheck`] runs: its findings replace the
    /// first pass's findings of rules with these analyses.
    fn cross_file_analyses(&self) -> &'static [&'static str] {
        &[]
    }

    /// Second pass for a file that needs it: run only the [`FileAnalyzer::cross_file_analyses`],
    /// with the project facts in `ctx`.
    fn recheck(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_, Self::Facts>,
        out: &mut FileOutput,
    ) {
        self.check(file, ctx, out);
    }
}

/// [`FileAnalyzer`] over opaque summaries and facts: what the driver holds (`dyn Analyzer`), one
/// implementation for every [`FileAnalyzer`]. See the module docs for the protocols.
pub trait Analyzer: Send + Sync {
    /// See [`FileAnalyzer::kind`].
    fn kind(&self) -> FileKind;
    /// See [`FileAnalyzer::analyses`].
    fn analyses(&self) -> Vec<&'static str>;
    /// See [`FileAnalyzer::parse_only`].
    fn parse_only(&self, file: &SourceFile) -> u64;
    /// See [`FileAnalyzer::encode_summary`].
    fn encode_summary(&self, summary: &Summary) -> Option<Vec<u8>>;
    /// See [`FileAnalyzer::decode_summary`].
    fn decode_summary(&self, bytes: &[u8]) -> Option<Summary>;
    /// See [`FileAnalyzer::encode_facts`].
    fn encode_facts(
        &self,
        facts: &ProjectFacts,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<bool>;
    /// See [`FileAnalyzer::decode_facts`].
    fn decode_facts(&self, bytes: &[u8]) -> Option<ProjectFacts>;
    /// See [`FileAnalyzer::summarize`].
    fn summarize(&self, file: &SourceFile) -> Option<Summary>;
    /// See [`FileAnalyzer::link`].
    fn link(&self, summaries: Summaries<'_>) -> Option<ProjectFacts>;
    /// See [`FileAnalyzer::check`].
    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput);
    /// See [`FileAnalyzer::wants_summaries`].
    fn wants_summaries(&self, enabled: &[Arc<Rule>]) -> bool;
    /// See [`FileAnalyzer::first_pass`].
    fn first_pass(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_>,
        summarize: bool,
        out: &mut FileOutput,
    ) -> FirstPass;
    /// See [`FileAnalyzer::recheck_analyses`].
    fn recheck_analyses(&self, project: &ProjectFacts, path: &str) -> &'static [&'static str];
    /// See [`FileAnalyzer::cross_file_analyses`].
    fn cross_file_analyses(&self) -> &'static [&'static str];
    /// See [`FileAnalyzer::recheck`].
    fn recheck(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput);
}

impl<A: FileAnalyzer> Analyzer for A {
    fn kind(&self) -> FileKind {
        FileAnalyzer::kind(self)
    }

    fn analyses(&self) -> Vec<&'static str> {
        FileAnalyzer::analyses(self)
    }

    fn parse_only(&self, file: &SourceFile) -> u64 {
        FileAnalyzer::parse_only(self, file)
    }

    fn encode_summary(&self, summary: &Summary) -> Option<Vec<u8>> {
        FileAnalyzer::encode_summary(self, summary.get::<A::Summary>())
    }

    fn decode_summary(&self, bytes: &[u8]) -> Option<Summary> {
        FileAnalyzer::decode_summary(self, bytes).map(Summary::new)
    }

    fn encode_facts(
        &self,
        facts: &ProjectFacts,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<bool> {
        FileAnalyzer::encode_facts(self, facts.get::<A::Facts>(), out)
    }

    fn decode_facts(&self, bytes: &[u8]) -> Option<ProjectFacts> {
        FileAnalyzer::decode_facts(self, bytes).map(ProjectFacts::new)
    }

    fn summarize(&self, file: &SourceFile) -> Option<Summary> {
        FileAnalyzer::summarize(self, file).map(Summary::new)
    }

    fn link(&self, summaries: Summaries<'_>) -> Option<ProjectFacts> {
        let mut typed = summaries.map(|(path, s)| (path, s.into_inner::<A::Summary>()));
        FileAnalyzer::link(self, &mut typed).map(ProjectFacts::new)
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        FileAnalyzer::check(self, file, &ctx.typed(), out);
    }

    fn wants_summaries(&self, enabled: &[Arc<Rule>]) -> bool {
        FileAnalyzer::wants_summaries(self, enabled)
    }

    fn first_pass(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_>,
        summarize: bool,
        out: &mut FileOutput,
    ) -> FirstPass {
        let p = FileAnalyzer::first_pass(self, file, &ctx.typed(), summarize, out);
        FirstPass {
            summary: p.summary.map(Summary::new),
            second: p.second,
        }
    }

    fn recheck_analyses(&self, project: &ProjectFacts, path: &str) -> &'static [&'static str] {
        FileAnalyzer::recheck_analyses(self, project.get::<A::Facts>(), path)
    }

    fn cross_file_analyses(&self) -> &'static [&'static str] {
        FileAnalyzer::cross_file_analyses(self)
    }

    fn recheck(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        FileAnalyzer::recheck(self, file, &ctx.typed(), out);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the lines of each file; the facts are the total.
    struct Lines;
    impl FileAnalyzer for Lines {
        type Summary = usize;
        type Facts = usize;
        fn kind(&self) -> FileKind {
            FileKind::Python
        }
        fn analyses(&self) -> Vec<&'static str> {
            Vec::new()
        }
        fn summarize(&self, file: &SourceFile) -> Option<usize> {
            Some(file.text.lines().count())
        }
        fn link(&self, summaries: Summaries<'_, usize>) -> Option<usize> {
            Some(summaries.map(|(_, n)| n).sum())
        }
        fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, usize>, out: &mut FileOutput) {
            if let Some(n) = ctx.project {
                out.findings.push(Finding::new(
                    Arc::from("python/lines"),
                    crate::Severity::Note,
                    file.location(crate::TextRange::new(0, 0)),
                    format!("{n} lines"),
                ));
            }
        }
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.py".into(), "a.py", FileKind::Python, text)
    }

    fn ctx(project: Option<&ProjectFacts>) -> CheckContext<'_> {
        CheckContext {
            rules: &[],
            project,
            root: Path::new("."),
            properties: None,
        }
    }

    #[test]
    fn facts_reach_the_analyzer_as_its_own_type() {
        let a: &dyn Analyzer = &Lines;
        let sums = [file("a\nb\n"), file("c\n")].map(|f| (f.rel_path.clone(), a.summarize(&f)));
        let mut it = sums.into_iter().filter_map(|(p, s)| Some((p, s?)));
        let facts = a.link(&mut it).expect("linked");
        let mut out = FileOutput::default();
        a.check(&file(""), &ctx(Some(&facts)), &mut out);
        assert_eq!(out.findings[0].message, "3 lines");
    }

    #[test]
    fn another_analyzers_facts_panic_with_both_types() {
        // Never skipped in silence: the driver turns the panic into a notification.
        let facts = ProjectFacts::new(String::from("x"));
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut out = FileOutput::default();
            (&Lines as &dyn Analyzer).check(&file(""), &ctx(Some(&facts)), &mut out);
        }))
        .expect_err("a type mismatch panics");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            msg.contains("alloc::string::String") && msg.contains("usize"),
            "{msg}"
        );
        let summary = Summary::new(String::from("x"));
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            (&Lines as &dyn Analyzer).encode_summary(&summary)
        }))
        .expect_err("a type mismatch panics");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.contains("usize") && msg.contains("String"), "{msg}");
    }
}
