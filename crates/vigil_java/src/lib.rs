//! Java front end: parsing with tree-sitter-java, query rules and Rust-coded analyses.
//!
//! [`analyzer`] compiles every Java query rule once; [`Analyzer::check`] parses a file ONCE (with a
//! thread-local parser) and then runs, over that one tree:
//!
//! 1. the query engine (all query rules in one cursor pass),
//! 2. the Rust-coded syntactic rules of `src/rules/` (one iterative walk, dispatched by node kind),
//! 3. the dataflow analyses of `src/flow/` (taint), which also have a phase 1: [`Analyzer::summarize`]
//!    lowers each file and summarizes its methods for cross-file flows.
//!
//! Trade-off: phase 1 and phase 2 each parse the file (trees are not kept between phases, to keep
//! memory flat on large trees); caching the compact IR between phases is a later optimisation.

mod fields;
mod flow;
mod rules;
mod semantics;

use std::sync::Arc;

use tree_sitter::{Language, Tree};
use vigil_core::analyzer::{FileOutput, FirstPass, SecondPass, Summaries};
use vigil_core::{Analyzer, CheckContext, FileAnalyzer, FileKind, RuleError, RuleSet, SourceFile};
use vigil_query::LazyQueryRules;

pub(crate) use semantics::JavaSemantics;

/// Names of the analyses implemented by the dataflow module (`src/flow/`): the registry test and
/// [`Analyzer::analyses`] read this one list.
pub(crate) const FLOW_ANALYSES: &[&str] = flow::ANALYSES;

/// The tree-sitter Java language.
#[must_use]
pub fn language() -> Language {
    tree_sitter_java::LANGUAGE.into()
}

thread_local! {
    static PARSER: vigil_query::ParserSlot = const { std::cell::RefCell::new(None) };
}

/// Parse Java source with this thread's parser. `None` if the grammar cannot be loaded or the
/// parse exceeded [`vigil_query::PARSE_DEADLINE`].
#[must_use]
pub fn parse(text: &str) -> Option<Tree> {
    vigil_query::parse_with_slot(&PARSER, &language(), text)
}

/// Select the threat models whose sources are untrusted (`remote` always; `local` adds the
/// environment, files, console, command line and database reads). Applies to every Java analysis
/// of the process that starts afterwards.
///
/// # Errors
/// The name of an unknown threat model.
pub fn set_threat_models<S: AsRef<str>>(names: &[S]) -> Result<(), String> {
    flow::set_threat_models(names)?;
    flow::load_models().map(|_| ()).map_err(|e| e.to_string())
}

/// The Java analyzer, with every Java rule of `rules` compiled.
///
/// # Errors
/// A [`RuleError`] when a rule's query or a taint model file does not compile.
pub fn analyzer(rules: &RuleSet) -> Result<Box<dyn Analyzer>, RuleError> {
    flow::load_models()?;
    flow::leaks::load_resource_models()?;
    Ok(Box::new(JavaAnalyzer::new(rules)?))
}

/// The analyzer as a concrete type, for callers that parse themselves (benchmarks).
pub struct JavaAnalyzer {
    queries: LazyQueryRules,
}

impl JavaAnalyzer {
    /// Keep every query rule of this language in `rules`, compiled when the first file is analyzed
    /// ([`LazyQueryRules`]).
    ///
    /// # Errors
    /// A [`RuleError`] when the query of a rule from a user rule file does not compile.
    pub fn new(rules: &RuleSet) -> Result<Self, RuleError> {
        let queries = LazyQueryRules::new(
            language(),
            vigil_query::QualifiedText::LastSegment,
            rules.for_kind(FileKind::Java),
        )?;
        Ok(Self { queries })
    }

    /// Run every enabled rule over an already parsed tree of `file` (two-phase protocol: the
    /// project facts, if any, are in `ctx`).
    pub fn check_tree(
        &self,
        file: &SourceFile,
        tree: &Tree,
        ctx: &CheckContext<'_, flow::Project>,
        out: &mut FileOutput,
    ) {
        self.syntactic(file, tree, ctx, out);
        // (c) the dataflow analyses (taint, cookie flags, leaks), over the same tree.
        flow::check(file, tree, ctx, out);
    }

    /// Every query rule and every Rust-coded syntactic rule of src/rules/, over one walk.
    fn syntactic(
        &self,
        file: &SourceFile,
        tree: &Tree,
        ctx: &CheckContext<'_, flow::Project>,
        out: &mut FileOutput,
    ) {
        if ctx.rules.is_empty() {
            return;
        }
        let root = tree.root_node();
        let sem = JavaSemantics::new(&file.text, root).with_properties(ctx.properties);
        self.queries
            .run_with_rust_rules(root, file, &sem, ctx, rules::ANALYSES, rules::visit, out);
    }
}

impl FileAnalyzer for JavaAnalyzer {
    type Summary = flow::FileSummary;
    type Facts = flow::Project;

    fn parse_only(&self, file: &SourceFile) -> u64 {
        parse(&file.text).map_or(0, |t| vigil_query::count_nodes(t.root_node()))
    }

    fn kind(&self) -> FileKind {
        FileKind::Java
    }

    fn analyses(&self) -> Vec<&'static str> {
        rules::ANALYSES
            .iter()
            .chain(FLOW_ANALYSES.iter())
            .copied()
            .collect()
    }

    fn summarize(&self, file: &SourceFile) -> Option<flow::FileSummary> {
        let tree = parse(&file.text)?;
        flow::summarize(file, &tree)
    }

    vigil_flow::postcard_codec!(flow::FileSummary, flow::Project);

    fn link(&self, summaries: Summaries<'_, flow::FileSummary>) -> Option<flow::Project> {
        flow::link(summaries)
    }

    fn check(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_, flow::Project>,
        out: &mut FileOutput,
    ) {
        if ctx.rules.is_empty() {
            return;
        }
        let Some(tree) = vigil_query::tree_for_check(file, "Java", parse(&file.text), out) else {
            return;
        };
        self.check_tree(file, &tree, ctx, out);
    }

    fn wants_summaries(&self, enabled: &[Arc<vigil_core::Rule>]) -> bool {
        enabled
            .iter()
            .any(|r| matches!(r.analysis(), Some("taint" | "resource-leak")))
    }

    /// One parse and one lowering: queries, Rust rules, leaks and cookie flags, the taint analysis
    /// without project facts, and the summary from that same taint run.
    fn first_pass(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_, flow::Project>,
        summarize: bool,
        out: &mut FileOutput,
    ) -> FirstPass<flow::FileSummary> {
        let done = |summary| FirstPass {
            summary,
            second: SecondPass::IfNeeded,
        };
        if ctx.rules.is_empty() && !summarize {
            return done(None);
        }
        let tree = if ctx.rules.is_empty() {
            parse(&file.text)
        } else {
            vigil_query::tree_for_check(file, "Java", parse(&file.text), out)
        };
        let Some(tree) = tree else {
            return done(None);
        };
        self.syntactic(file, &tree, ctx, out);
        done(flow::first_pass(file, &tree, ctx, summarize, out))
    }

    fn recheck_analyses(&self, project: &flow::Project, path: &str) -> &'static [&'static str] {
        project.recheck.analyses(path, flow::CROSS_FILE_ANALYSES)
    }

    fn cross_file_analyses(&self) -> &'static [&'static str] {
        flow::CROSS_FILE_ANALYSES
    }

    fn recheck(
        &self,
        file: &SourceFile,
        ctx: &CheckContext<'_, flow::Project>,
        out: &mut FileOutput,
    ) {
        if let Some(tree) = parse(&file.text) {
            flow::recheck(file, &tree, ctx, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_queries_compile_strictly() {
        // The analyzer compiles the built-in queries on the fast path only; this is their check.
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let mine: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
        let strict = vigil_query::QueryRules::compile(&language(), &mine).expect("strict");
        let fast = vigil_query::QueryRules::compile_trusted(&language(), &mine).expect("fast");
        assert!(!strict.rules().is_empty());
        assert_eq!(strict.rules().len(), fast.rules().len());
    }

    #[test]
    fn query_gates_read_patterns_as_tree_sitter_does() {
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let n = vigil_query::verify_rule_gates(&language(), rules.for_kind(FileKind::Java))
            .expect("tree-sitter agrees");
        assert!(n > 5, "{n} patterns");
    }

    #[test]
    fn gated_queries_find_what_the_whole_query_finds() {
        // Every Java fixture: the rules a file's words leave possible, run at the nodes their
        // patterns start at, report exactly what one whole-tree pass of every rule reports.
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let a = JavaAnalyzer::new(&rules).expect("queries compile");
        assert_eq!(a.queries.is_anchored(), Ok(true));
        let (files, found) = vigil_testkit::each_fixture("java", "java", |file| {
            let tree = parse(&file.text).expect("parses");
            let sem = JavaSemantics::new(&file.text, tree.root_node());
            a.queries.verify_against_whole(tree.root_node(), file, &sem)
        });
        assert!(files > 50 && found > 20, "{files} files, {found} findings");
    }

    #[test]
    fn monitor_scopes_answer_as_the_parent_walk_does() {
        // Every node of every Java fixture: the per-file index of synchronized scopes says what
        // walking up the parents says.
        let mut held = 0usize;
        let (files, nodes) = vigil_testkit::each_fixture("java", "java", |file| {
            let tree = parse(&file.text).expect("parses");
            let sem = JavaSemantics::new(&file.text, tree.root_node());
            let mut n = 0;
            vigil_query::walk_tree(tree.root_node(), |node| {
                let want = rules::util::under_monitor_by_parents(node);
                assert_eq!(sem.under_monitor(node), want, "{} {node:?}", file.rel_path);
                held += usize::from(want);
                n += 1;
            });
            Ok(n)
        });
        assert!(
            files > 50 && nodes > 10_000 && held > 100,
            "{files} {nodes} {held}"
        );
    }

    #[test]
    fn grammar_loads_and_parses() {
        // The ABI trap (DESIGN.md): a grammar built for another tree-sitter ABI fails only at load time.
        let mut p = tree_sitter::Parser::new();
        p.set_language(&language())
            .expect("tree-sitter-java matches the tree-sitter ABI");
        let tree = parse("class A { void f() { int x = 1; } }").expect("parses");
        assert!(!tree.root_node().has_error());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let src = format!(
            "class A {{ int f() {{ return {}1{}; }} }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let a = analyzer(&rules).expect("queries compile");
        let file = SourceFile::new("A.java".into(), "A.java", FileKind::Java, src);
        let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: std::path::Path::new("."),
            properties: None,
        };
        let mut out = FileOutput::default();
        a.check(&file, &ctx, &mut out);
        assert!(out.findings.is_empty());
    }

    #[test]
    fn syntax_errors_give_one_notice_and_the_file_is_still_analyzed() {
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let a = analyzer(&rules).expect("queries compile");
        let file = SourceFile::new("A.java".into(), "A.java", FileKind::Java, "class A {\n  void f() {\n    int x = ;\n    try { g(); } catch (NullPointerException e) { }\n  }\n}\n");
        let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
        let ctx = CheckContext {
            rules: &enabled,
            project: None,
            root: std::path::Path::new("."),
            properties: None,
        };
        let mut out = FileOutput::default();
        a.check(&file, &ctx, &mut out);
        assert_eq!(out.notifications.len(), 1, "{:?}", out.notifications);
        assert_eq!(out.notifications[0].kind, "parse-error");
        assert!(out.notifications[0].message.contains("line "));
        assert!(
            out.findings
                .iter()
                .any(|f| f.rule_id.as_ref() == "java/catch-null-pointer-exception"),
            "{:?}",
            out.findings
        );
    }

    #[test]
    fn equal_files_give_equal_summary_bytes() {
        let rules = RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse"))
            .expect("unique ids");
        let a = analyzer(&rules).expect("queries compile");
        let file = SourceFile::new("A.java".into(), "A.java", FileKind::Java, "class A { int p, q, r, s; int f(int x) { a(); b(); c(); d(); e(); g(); h(); i(); j(); k(); return p + q + r + s + x; } }");
        vigil_testkit::assert_summary_bytes_stable(a.as_ref(), &file);
    }
}
