//! Tree-sitter query rules, language-agnostic.
//!
//! [`QueryRules::compile`] takes a [`tree_sitter::Language`] and the rules of that language whose
//! implementation is [`Implementation::Query`], and compiles them ONCE into one combined
//! [`tree_sitter::Query`] (its pattern index maps back to the rule). The compiled value is `Sync` and is
//! shared by every thread; [`QueryRules::run`] makes one `QueryCursor` pass over a tree, and
//! [`LazyQueryRules`] runs the cursor only at the nodes the patterns start at (see `anchor.rs`),
//! collected in the walk of the Rust-coded rules.
//!
//! Text predicates (`#eq?`, `#not-eq?`, `#match?`, `#not-match?`, `#any-of?`, `#not-any-of?` and the
//! `any-` forms) are evaluated by tree-sitter itself. vigil's own predicates (`#vigil-…`) need the
//! language's semantics (constants, imports): the front end implements [`Semantics`] for each file.
//! The predicates and the message template syntax are documented in `docs/rules.md`.

mod anchor;
mod fields;
mod gate;
mod shape;

pub use fields::FieldIds;
pub use gate::{verify_gate_analysis, verify_rule_gates, QualifiedText};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use regex::Regex;
use tree_sitter::{
    Language, Node, Query, QueryCursor, QueryPredicate, QueryPredicateArg, StreamingIterator,
};
use vigil_core::rule::Implementation;
use vigil_core::{Finding, Rule, RuleError, SourceFile, TextRange};

/// A compile-time constant value, as resolved by a front end.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    Str(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    /// `null` (Java) or `None` (Python).
    Null,
    /// A constant array/bytes value whose elements are all constants (e.g. `new byte[]{1, 2}`).
    Array,
}

impl ConstValue {
    /// The text predicates match against: the string itself, a decimal number, `true`/`false`, `null`.
    #[must_use]
    pub fn as_text(&self) -> String {
        match self {
            Self::Str(s) => s.clone(),
            Self::Int(i) => i.to_string(),
            Self::Float(f) => f.to_string(),
            Self::Bool(b) => b.to_string(),
            Self::Null => "null".to_owned(),
            Self::Array => "[array]".to_owned(),
        }
    }
}

/// What a front end knows about one parsed file, for vigil's predicates.
pub trait Semantics {
    /// The constant value of an expression node: a literal, a concatenation of constants, or a name
    /// bound to a constant in this file (local with a single constant assignment, `static final`
    /// field, module constant). `None` when it is not (known to be) constant.
    fn const_value(&self, node: Node<'_>) -> Option<ConstValue>;

    /// The value an expression takes unless a caller decides otherwise: its [`Semantics::const_value`],
    /// else (Python) the constant default of the parameter it names when the function never rebinds
    /// it. Used by the predicates that look for a *particular* constant (`vigil-const-match?`,
    /// `vigil-const-int-lt?`, `vigil-kwarg-const-match?`), not by `vigil-const?`/`vigil-not-const?`.
    fn assumed_value(&self, node: Node<'_>) -> Option<ConstValue> {
        self.const_value(node)
    }

    /// The fully qualified name an expression refers to, through the file's imports and aliases
    /// (Python `sp.run` after `import subprocess as sp` → `subprocess.run`; Java `MessageDigest` after
    /// `import java.security.MessageDigest` → `java.security.MessageDigest`). `None` when the name is
    /// local, shadowed or unknown.
    fn qualified_name(&self, node: Node<'_>) -> Option<String>;

    /// Whether `node` may denote `qualified` (default: [`Semantics::qualified_name`] equals it). A
    /// front end overrides this when a simple name can be checked against a candidate without
    /// being resolvable on its own (Java on-demand imports).
    fn refers_to(&self, node: Node<'_>, qualified: &str) -> bool {
        self.qualified_name(node).is_some_and(|q| q == qualified)
    }

    /// Whether the string expression `node` can carry no shell syntax from outside: a constant, or
    /// (where the language's semantics know it) built only from constants, values quoted for the
    /// shell and values looked up in a constant table. Default: a constant.
    fn shell_safe(&self, node: Node<'_>) -> bool {
        self.const_value(node).is_some()
    }

    /// The value of the keyword argument `name` in an argument list (Python), if present.
    fn keyword_arg<'t>(&self, _args: Node<'t>, _name: &str) -> Option<Node<'t>> {
        None
    }

    /// Whether the file imports `module` (or a submodule of it, or a name from it).
    fn imports(&self, _module: &str) -> bool {
        false
    }

    /// The source text of a node (empty when out of range).
    fn node_source(&self, node: Node<'_>) -> &str;

    /// Whether a node kind is a comment in this language.
    fn is_comment(&self, kind: &str) -> bool {
        kind == "comment" || kind == "line_comment" || kind == "block_comment"
    }
}

/// One vigil predicate, checked after tree-sitter's text predicates.
#[derive(Debug)]
enum Pred {
    Const(u32, bool),
    ShellSafe(u32, bool),
    ConstMatch(u32, LazyRegex, bool),
    ConstIntLt(u32, i128),
    ConstEntropyGe(u32, f64),
    ResolvesTo(u32, Vec<String>, bool),
    ResolvesMatch(u32, LazyRegex),
    HasKwarg(u32, String, bool),
    KwargConstMatch(u32, String, LazyRegex),
    Empty(u32, bool),
    Contains(u32, Vec<String>, bool),
    HasAncestor(u32, Vec<String>, bool),
    ParentMatch(u32, LazyRegex, bool),
    Imports(Vec<String>, bool),
}

impl Pred {
    fn regex(&self) -> Option<&LazyRegex> {
        match self {
            Pred::ConstMatch(_, r, _)
            | Pred::ResolvesMatch(_, r)
            | Pred::KwargConstMatch(_, _, r)
            | Pred::ParentMatch(_, r, _) => Some(r),
            _ => None,
        }
    }
}

/// A predicate's regex: its syntax is checked when the rule is compiled, the matcher is built the
/// first time a match asks for it (building every regex of every rule took 10% of the start-up
/// for one small file). [`QueryRules::compile`] builds them all, so a user rule whose regex is too
/// big is still an error at start-up; the built-in rules are compiled that way by a test.
#[derive(Debug)]
struct LazyRegex {
    source: String,
    built: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: String) -> Result<Self, String> {
        regex_syntax::Parser::new()
            .parse(&source)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            source,
            built: OnceLock::new(),
        })
    }

    fn build(&self) -> Result<(), regex::Error> {
        match Regex::new(&self.source) {
            Ok(re) => {
                let _ = self.built.set(Some(re));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Whether `s` matches; never, when the regex cannot be built.
    fn is_match(&self, s: &str) -> bool {
        self.built
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
            .is_some_and(|r| r.is_match(s))
    }
}

/// Per-pattern data of the combined query.
#[derive(Debug)]
struct PatternInfo {
    rule: usize,
    report: Option<u32>,
    message: Option<Template>,
    preds: Vec<Pred>,
}

/// A message template: literal pieces and capture references.
#[derive(Debug, Clone)]
struct Template(Vec<Piece>);

#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Capture(String),
}

impl Template {
    fn parse(text: &str) -> Self {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j)
                    if j > 0
                        && after[..j].chars().all(|c| {
                            c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
                        }) =>
                {
                    pieces.push(Piece::Lit(rest[..i].to_owned()));
                    pieces.push(Piece::Capture(after[..j].to_owned()));
                    rest = &after[j + 1..];
                }
                _ => {
                    pieces.push(Piece::Lit(rest[..=i].to_owned()));
                    rest = after;
                }
            }
        }
        pieces.push(Piece::Lit(rest.to_owned()));
        Self(pieces)
    }

    fn captures(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|p| match p {
            Piece::Capture(c) => Some(c.as_str()),
            Piece::Lit(_) => None,
        })
    }
}

/// Shorten captured source text for a message: one line, whitespace collapsed, at most 60 chars.
#[must_use]
pub fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        let mut s: String = one_line.chars().take(57).collect();
        s.push('…');
        s
    }
}

/// All query rules of one language, compiled into one query.
#[derive(Debug)]
pub struct QueryRules {
    query: Option<Query>,
    /// By node kind id: whether a pattern can start at nodes of that kind; `None` when some
    /// pattern's root is not a named kind (see [`anchor`]).
    roots: Option<Vec<bool>>,
    patterns: Vec<PatternInfo>,
    rules: Vec<Arc<Rule>>,
    templates: Vec<Template>,
}

fn rule_error(rule: &Rule, msg: impl Into<String>) -> RuleError {
    RuleError::new(&rule.origin, None, Some("query"), msg)
}

fn capture_arg(rule: &Rule, pred: &QueryPredicate, i: usize) -> Result<u32, RuleError> {
    match pred.args.get(i) {
        Some(QueryPredicateArg::Capture(c)) => Ok(*c),
        _ => Err(rule_error(
            rule,
            format!(
                "`#{}` expects a capture as argument {}",
                pred.operator,
                i + 1
            ),
        )),
    }
}

fn string_args(pred: &QueryPredicate, from: usize) -> Vec<String> {
    pred.args
        .iter()
        .skip(from)
        .filter_map(|a| match a {
            QueryPredicateArg::String(s) => Some(s.to_string()),
            QueryPredicateArg::Capture(_) => None,
        })
        .collect()
}

fn string_arg(rule: &Rule, pred: &QueryPredicate, i: usize) -> Result<String, RuleError> {
    match pred.args.get(i) {
        Some(QueryPredicateArg::String(s)) => Ok(s.to_string()),
        _ => Err(rule_error(
            rule,
            format!(
                "`#{}` expects a string as argument {}",
                pred.operator,
                i + 1
            ),
        )),
    }
}

fn regex_arg(rule: &Rule, pred: &QueryPredicate, i: usize) -> Result<LazyRegex, RuleError> {
    let s = string_arg(rule, pred, i)?;
    LazyRegex::new(s.clone()).map_err(|e| {
        rule_error(
            rule,
            format!("`#{}`: invalid regex `{s}`: {e}", pred.operator),
        )
    })
}

fn compile_pred(rule: &Rule, p: &QueryPredicate) -> Result<Pred, RuleError> {
    let op = p.operator.as_ref();
    Ok(match op {
        "vigil-const?" | "vigil-not-const?" => {
            Pred::Const(capture_arg(rule, p, 0)?, op == "vigil-const?")
        }
        "vigil-shell-safe?" | "vigil-not-shell-safe?" => {
            Pred::ShellSafe(capture_arg(rule, p, 0)?, op == "vigil-shell-safe?")
        }
        "vigil-const-match?" | "vigil-const-not-match?" => Pred::ConstMatch(
            capture_arg(rule, p, 0)?,
            regex_arg(rule, p, 1)?,
            op == "vigil-const-match?",
        ),
        "vigil-const-int-lt?" => {
            let n = string_arg(rule, p, 1)?;
            let n: i128 = n
                .parse()
                .map_err(|_| rule_error(rule, format!("`#{op}` expects an integer, got `{n}`")))?;
            Pred::ConstIntLt(capture_arg(rule, p, 0)?, n)
        }
        "vigil-const-entropy-ge?" => {
            let n = string_arg(rule, p, 1)?;
            let n: f64 = n
                .parse()
                .map_err(|_| rule_error(rule, format!("`#{op}` expects a number, got `{n}`")))?;
            Pred::ConstEntropyGe(capture_arg(rule, p, 0)?, n)
        }
        "vigil-resolves-to?" | "vigil-not-resolves-to?" => Pred::ResolvesTo(
            capture_arg(rule, p, 0)?,
            string_args(p, 1),
            op == "vigil-resolves-to?",
        ),
        "vigil-resolves-match?" => {
            Pred::ResolvesMatch(capture_arg(rule, p, 0)?, regex_arg(rule, p, 1)?)
        }
        "vigil-has-kwarg?" | "vigil-not-has-kwarg?" => Pred::HasKwarg(
            capture_arg(rule, p, 0)?,
            string_arg(rule, p, 1)?,
            op == "vigil-has-kwarg?",
        ),
        "vigil-kwarg-const-match?" => Pred::KwargConstMatch(
            capture_arg(rule, p, 0)?,
            string_arg(rule, p, 1)?,
            regex_arg(rule, p, 2)?,
        ),
        "vigil-empty?" | "vigil-empty-no-comment?" => {
            Pred::Empty(capture_arg(rule, p, 0)?, op == "vigil-empty-no-comment?")
        }
        "vigil-contains?" | "vigil-not-contains?" => Pred::Contains(
            capture_arg(rule, p, 0)?,
            string_args(p, 1),
            op == "vigil-contains?",
        ),
        "vigil-has-ancestor?" | "vigil-not-has-ancestor?" => Pred::HasAncestor(
            capture_arg(rule, p, 0)?,
            string_args(p, 1),
            op == "vigil-has-ancestor?",
        ),
        "vigil-parent-match?" | "vigil-parent-not-match?" => Pred::ParentMatch(
            capture_arg(rule, p, 0)?,
            regex_arg(rule, p, 1)?,
            op == "vigil-parent-match?",
        ),
        "vigil-imports?" | "vigil-not-imports?" => {
            Pred::Imports(string_args(p, 0), op == "vigil-imports?")
        }
        other => {
            return Err(rule_error(
                rule,
                format!("unknown predicate `#{other}` (see docs/rules.md for the supported ones)"),
            ))
        }
    })
}

impl QueryRules {
    /// Compile every query rule of `rules` (others are ignored) for `language`.
    ///
    /// # Errors
    /// A [`RuleError`] naming the rule file, and the row/column inside `query.pattern`, when a query
    /// does not compile, uses an unknown predicate, or its message names an unknown capture.
    pub fn compile<'a>(
        language: &Language,
        rules: impl IntoIterator<Item = &'a Arc<Rule>>,
    ) -> Result<Self, RuleError> {
        let mut kept: Vec<Arc<Rule>> = Vec::new();
        for rule in rules {
            let Implementation::Query(spec) = &rule.implementation else {
                continue;
            };
            // A shape tree-sitter's parser would abort on (not just reject) is an error first.
            if let Err((row, column, message)) = shape::check(&spec.pattern) {
                return Err(rule_error(
                    rule,
                    format!("query.pattern row {row}, column {column}: {message}"),
                ));
            }
            // Compile alone first: errors then point into this rule's own pattern.
            let q = Query::new(language, &spec.pattern).map_err(|e| {
                rule_error(
                    rule,
                    format!(
                        "query.pattern row {}, column {}: {:?} error: {}",
                        e.row + 1,
                        e.column + 1,
                        e.kind,
                        e.message
                    ),
                )
            })?;
            for c in Template::parse(&spec.message).captures() {
                let c = c.strip_suffix(".value").unwrap_or(c);
                if q.capture_index_for_name(c).is_none() {
                    return Err(rule_error(
                        rule,
                        format!(
                            "query.message names `{{{c}}}` but the pattern has no capture `@{c}`"
                        ),
                    ));
                }
            }
            if let Some(r) = &spec.report {
                if q.capture_index_for_name(r).is_none() {
                    return Err(rule_error(
                        rule,
                        format!("query.report names `{r}` but the pattern has no capture `@{r}`"),
                    ));
                }
            }
            kept.push(rule.clone());
        }
        let compiled = Self::combined(language, kept)?;
        for info in &compiled.patterns {
            for re in info.preds.iter().filter_map(Pred::regex) {
                if let Err(e) = re.build() {
                    let rule = &compiled.rules[info.rule];
                    return Err(rule_error(
                        rule,
                        format!("invalid regex `{}`: {e}", re.source),
                    ));
                }
            }
        }
        Ok(compiled)
    }

    /// Compile the query rules of `rules` as one query only, without first compiling each alone:
    /// about half the start-up cost of [`QueryRules::compile`], for rules already validated (the
    /// built-in rules, whose strict compilation a test checks). When the combined query does not
    /// compile, falls back to the strict path for an error that names the rule.
    ///
    /// # Errors
    /// As [`QueryRules::compile`].
    pub fn compile_trusted(language: &Language, rules: &[Arc<Rule>]) -> Result<Self, RuleError> {
        let kept: Vec<Arc<Rule>> = rules
            .iter()
            .filter(|r| matches!(r.implementation, Implementation::Query(_)))
            .cloned()
            .collect();
        Self::combined(language, kept).or_else(|_| Self::compile(language, rules))
    }

    /// One query of every rule of `kept` (query rules), each pattern mapped back to its rule by the
    /// byte offset where it starts.
    fn combined(language: &Language, kept: Vec<Arc<Rule>>) -> Result<Self, RuleError> {
        let mut source = String::new();
        let mut starts = Vec::with_capacity(kept.len());
        let mut templates = Vec::with_capacity(kept.len());
        for rule in &kept {
            let Implementation::Query(spec) = &rule.implementation else {
                continue;
            };
            starts.push(source.len());
            source.push_str(&spec.pattern);
            source.push('\n');
            templates.push(Template::parse(&spec.message));
        }
        if kept.is_empty() {
            return Ok(Self {
                query: None,
                roots: None,
                patterns: Vec::new(),
                rules: kept,
                templates,
            });
        }
        let query = Query::new(language, &source).map_err(|e| {
            RuleError::new(
                "<combined query>",
                None,
                Some("query"),
                format!("row {}: {}", e.row + 1, e.message),
            )
        })?;
        let mut patterns = Vec::with_capacity(query.pattern_count());
        for p in 0..query.pattern_count() {
            let at = query.start_byte_for_pattern(p);
            let rule_ix = starts.partition_point(|&s| s <= at).saturating_sub(1);
            let Some(rule) = kept.get(rule_ix) else {
                continue;
            };
            let Implementation::Query(spec) = &rule.implementation else {
                continue;
            };
            {
                let preds = query
                    .general_predicates(p)
                    .iter()
                    .map(|gp| compile_pred(rule, gp))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut message = None;
                let mut report_name = spec.report.clone();
                for prop in query.property_settings(p) {
                    match prop.key.as_ref() {
                        "message" => message = prop.value.as_deref().map(Template::parse),
                        "report" => report_name = prop.value.as_deref().map(str::to_owned),
                        other => {
                            return Err(rule_error(
                                rule,
                                format!(
                                    "unknown `#set!` key `{other}` (expected message or report)"
                                ),
                            ))
                        }
                    }
                }
                if let Some(t) = &message {
                    for c in t.captures() {
                        let c = c.strip_suffix(".value").unwrap_or(c);
                        if query.capture_index_for_name(c).is_none() {
                            return Err(rule_error(
                                rule,
                                format!("`#set! message` names `{{{c}}}` but there is no capture `@{c}`"),
                            ));
                        }
                    }
                }
                let report = match report_name {
                    Some(r) => query.capture_index_for_name(&r),
                    None => query
                        .capture_index_for_name("report")
                        .filter(|_| pattern_text(&source, &query, p).contains("@report")),
                }
                .or_else(|| first_capture(&source, &query, p));
                patterns.push(PatternInfo {
                    rule: rule_ix,
                    report,
                    message,
                    preds,
                });
            }
        }
        let roots = anchor::root_kinds(language, &query, &source);
        Ok(Self {
            query: Some(query),
            roots,
            patterns,
            rules: kept,
            templates,
        })
    }

    /// The rules compiled.
    #[must_use]
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// Run every compiled rule for which `enabled(rule)` holds over the tree rooted at `root`, in one
    /// cursor pass, appending findings to `out`. One finding per (rule, reported range).
    pub fn run(
        &self,
        root: Node<'_>,
        file: &SourceFile,
        sem: &dyn Semantics,
        enabled: &dyn Fn(&Rule) -> bool,
        out: &mut Vec<Finding>,
    ) {
        let on: Vec<bool> = self.rules.iter().map(|r| enabled(r)).collect();
        self.run_mask(root, file, sem, &on, out);
    }

    /// [`QueryRules::run`] for the rules whose entry of `on` (one per [`QueryRules::rules`]) holds:
    /// a whole-tree pass.
    fn run_mask(
        &self,
        root: Node<'_>,
        file: &SourceFile,
        sem: &dyn Semantics,
        on: &[bool],
        out: &mut Vec<Finding>,
    ) {
        self.run_at(&[root], None, file, sem, on, out);
    }

    /// Whether a pattern can start at nodes of kind `kind` (only for anchored queries).
    fn starts_at(&self, kind: u16) -> bool {
        self.roots
            .as_ref()
            .and_then(|t| t.get(usize::from(kind)))
            .copied()
            .unwrap_or(false)
    }

    /// The matches of the patterns of the rules `on` starting at `nodes` (in pre-order) when
    /// `start_depth` is `Some(0)`, or anywhere under them when `None`. One finding per (rule,
    /// reported range): the one of the rule's first pattern that matched there, however the
    /// matches were found.
    fn run_at(
        &self,
        nodes: &[Node<'_>],
        start_depth: Option<u32>,
        file: &SourceFile,
        sem: &dyn Semantics,
        on: &[bool],
        out: &mut Vec<Finding>,
    ) {
        let Some(query) = &self.query else {
            return;
        };
        if !on.contains(&true) {
            return;
        }
        let src = file.text.as_bytes();
        let mut cursor = QueryCursor::new();
        cursor.set_max_start_depth(start_depth);
        // (rule, start, end) → (pattern index, position in `out`).
        let mut seen: HashMap<(usize, u32, u32), (usize, usize)> = HashMap::new();
        for &node in nodes {
            let mut matches = cursor.matches(query, node, src);
            while let Some(m) = matches.next() {
                let Some(info) = self.patterns.get(m.pattern_index) else {
                    continue;
                };
                if !on.get(info.rule).copied().unwrap_or(false) {
                    continue;
                }
                let node_of = |c: u32| m.captures.iter().find(|x| x.index == c).map(|x| x.node);
                let Some(reported) = info
                    .report
                    .and_then(node_of)
                    .or_else(|| m.captures.first().map(|c| c.node))
                else {
                    continue;
                };
                let range = TextRange::new(reported.start_byte(), reported.end_byte());
                let key = (info.rule, range.start, range.end);
                let earlier = seen.get(&key).copied();
                if earlier.is_some_and(|(p, _)| p <= m.pattern_index) {
                    continue;
                }
                if !info.preds.iter().all(|p| eval_pred(p, &node_of, sem)) {
                    continue;
                }
                let rule = &self.rules[info.rule];
                let template = info.message.as_ref().unwrap_or(&self.templates[info.rule]);
                let message = render(template, |name| {
                    // `{x.value}`: the constant value of capture `x` (its source text if not
                    // constant).
                    let (cap, want_value) = match name.strip_suffix(".value") {
                        Some(c) => (c, true),
                        None => (name, false),
                    };
                    let node = query.capture_index_for_name(cap).and_then(node_of)?;
                    let value = want_value
                        .then(|| sem.const_value(node))
                        .flatten()
                        .filter(|v| *v != ConstValue::Array)
                        .map(|v| format!("\"{}\"", v.as_text()));
                    Some(value.unwrap_or_else(|| shorten(node_text(node, file))))
                });
                let finding = Finding::new(
                    rule.id.clone(),
                    rule.severity(),
                    file.location(range),
                    message,
                );
                // A later match of an earlier pattern replaces the finding in place.
                let at = match earlier.and_then(|(_, at)| out.get_mut(at).map(|s| (at, s))) {
                    Some((at, slot)) => {
                        *slot = finding;
                        at
                    }
                    None => {
                        out.push(finding);
                        out.len() - 1
                    }
                };
                seen.insert(key, (m.pattern_index, at));
            }
        }
    }
}

fn render(t: &Template, mut capture: impl FnMut(&str) -> Option<String>) -> String {
    let mut s = String::new();
    for p in &t.0 {
        match p {
            Piece::Lit(l) => s.push_str(l),
            Piece::Capture(c) => s.push_str(&capture(c).unwrap_or_default()),
        }
    }
    s
}

/// The source text of a node.
#[must_use]
pub fn node_text<'f>(node: Node<'_>, file: &'f SourceFile) -> &'f str {
    file.text
        .get(node.start_byte()..node.end_byte())
        .unwrap_or("")
}

fn pattern_text<'s>(source: &'s str, query: &Query, p: usize) -> &'s str {
    let start = query.start_byte_for_pattern(p);
    let end = if p + 1 < query.pattern_count() {
        query.start_byte_for_pattern(p + 1)
    } else {
        source.len()
    };
    source.get(start..end).unwrap_or("")
}

/// The first capture written in a pattern's text.
fn first_capture(source: &str, query: &Query, p: usize) -> Option<u32> {
    let text = pattern_text(source, query, p);
    let i = text.find('@')?;
    let name: String = text[i + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    query.capture_index_for_name(&name)
}

/// Shannon entropy of a string in bits per character (0 for the empty string).
#[must_use]
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    let mut n = 0usize;
    for ch in s.chars() {
        *counts.entry(ch).or_default() += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let total = n as f64;
    counts
        .values()
        .map(|&c| {
            #[allow(clippy::cast_precision_loss)]
            let p = c as f64 / total;
            -p * p.log2()
        })
        .sum()
}

fn eval_pred<'t>(p: &Pred, node_of: &dyn Fn(u32) -> Option<Node<'t>>, sem: &dyn Semantics) -> bool {
    match p {
        Pred::Const(c, want) => node_of(*c).is_some_and(|n| sem.const_value(n).is_some()) == *want,
        Pred::ShellSafe(c, want) => node_of(*c).is_some_and(|n| sem.shell_safe(n)) == *want,
        Pred::ConstMatch(c, re, want) => node_of(*c)
            .and_then(|n| sem.assumed_value(n))
            .is_some_and(|v| v != ConstValue::Array && re.is_match(&v.as_text()) == *want),
        Pred::ConstIntLt(c, n) => matches!(
            node_of(*c).and_then(|x| sem.assumed_value(x)),
            Some(ConstValue::Int(v)) if v < *n
        ),
        Pred::ConstEntropyGe(c, bits) => match node_of(*c).and_then(|x| sem.assumed_value(x)) {
            Some(ConstValue::Str(s)) => shannon_entropy(&s) >= *bits,
            _ => false,
        },
        Pred::ResolvesTo(c, names, want) => {
            node_of(*c).is_some_and(|n| names.iter().any(|q| sem.refers_to(n, q))) == *want
        }
        Pred::ResolvesMatch(c, re) => node_of(*c)
            .and_then(|n| sem.qualified_name(n))
            .is_some_and(|q| re.is_match(&q)),
        Pred::HasKwarg(c, name, want) => {
            node_of(*c).is_some_and(|n| sem.keyword_arg(n, name).is_some()) == *want
        }
        Pred::KwargConstMatch(c, name, re) => node_of(*c)
            .and_then(|n| sem.keyword_arg(n, name))
            .and_then(|v| sem.assumed_value(v))
            .is_some_and(|v| re.is_match(&v.as_text())),
        Pred::Empty(c, no_comment) => node_of(*c).is_some_and(|n| {
            let mut cur = n.walk();
            let children: Vec<Node<'_>> = n.named_children(&mut cur).collect();
            children.iter().all(|ch| sem.is_comment(ch.kind()))
                && (!*no_comment || children.is_empty())
        }),
        Pred::Contains(c, kinds, want) => {
            node_of(*c).is_some_and(|n| contains_kind(n, kinds)) == *want
        }
        Pred::HasAncestor(c, kinds, want) => {
            node_of(*c).is_some_and(|n| {
                let mut cur = n.parent();
                while let Some(a) = cur {
                    if kinds.iter().any(|k| k == a.kind()) {
                        return true;
                    }
                    cur = a.parent();
                }
                false
            }) == *want
        }
        Pred::ParentMatch(c, re, want) => {
            node_of(*c)
                .and_then(|n| n.parent())
                .is_some_and(|p| re.is_match(sem.node_source(p)))
                == *want
        }
        Pred::Imports(mods, want) => mods.iter().any(|m| sem.imports(m)) == *want,
    }
}

/// Whether a descendant of `node` (not `node` itself) has one of `kinds`. Iterative.
#[must_use]
pub fn contains_kind(node: Node<'_>, kinds: &[String]) -> bool {
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return false;
    }
    loop {
        if kinds.iter().any(|k| k == cursor.node().kind()) {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == node {
                return false;
            }
        }
    }
}

/// Visit every node below `root`, down to [`RULE_DEPTH_LIMIT`] levels (pre-order, iterative).
pub fn walk_tree<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    loop {
        visit(cursor.node());
        // Rules walk subtrees and look around each node (see `run_rust_rules`): below
        // `RULE_DEPTH_LIMIT` levels their per-node cost would grow with the depth.
        if depth < RULE_DEPTH_LIMIT && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if depth == 0 || !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

/// What a Rust-coded syntactic rule sees while the tree is walked: the file, the language's
/// semantics, and the enabled rules of each analysis. Shared by every front end.
pub struct RuleChecker<'a, S> {
    pub file: &'a SourceFile,
    pub sem: &'a S,
    enabled: Vec<(&'static str, Vec<Arc<Rule>>)>,
    out: &'a mut Vec<Finding>,
}

impl<S: Semantics> RuleChecker<'_, S> {
    /// Whether a rule implemented by `analysis` is enabled.
    #[must_use]
    pub fn on(&self, analysis: &str) -> bool {
        self.enabled.iter().any(|(a, _)| *a == analysis)
    }

    /// The source text of a node.
    #[must_use]
    pub fn text(&self, n: Node<'_>) -> &str {
        self.sem.node_source(n)
    }

    /// Report `node` for every enabled rule implemented by `analysis`.
    pub fn report(&mut self, analysis: &str, node: Node<'_>, message: String) {
        let range = TextRange::new(node.start_byte(), node.end_byte());
        for (a, rules) in &self.enabled {
            if *a != analysis {
                continue;
            }
            for r in rules {
                self.out.push(Finding::new(
                    r.id.clone(),
                    r.severity(),
                    self.file.location(range),
                    message.clone(),
                ));
            }
        }
    }
}

/// Run the Rust-coded rules of `analyses` that `ctx` enables over the tree in ONE walk: every node
/// (down to [`RULE_DEPTH_LIMIT`]) goes to `visit`, which dispatches by node kind. Returns whether
/// deeper nodes were left unvisited (the caller then adds [`deep_code_notice`]). The same walk
/// gives every node of the tree, at any depth, to `also` (the nodes a [`QueryPlan`] starts at,
/// collected on the way); with `also`, the tree is walked even when no Rust rule is enabled.
#[allow(clippy::too_many_arguments)]
pub fn run_rust_rules<'a, 't, S: Semantics, F>(
    root: Node<'t>,
    file: &'a SourceFile,
    sem: &'a S,
    ctx: &vigil_core::CheckContext<'_, F>,
    analyses: &[&'static str],
    out: &'a mut Vec<Finding>,
    mut visit: impl FnMut(&mut RuleChecker<'a, S>, Node<'_>),
    mut also: Option<&mut dyn FnMut(Node<'t>)>,
) -> bool {
    let enabled: Vec<(&'static str, Vec<Arc<Rule>>)> = analyses
        .iter()
        .map(|a| (*a, ctx.rules_for_analysis(a).cloned().collect::<Vec<_>>()))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if enabled.is_empty() && also.is_none() {
        return false;
    }
    let rules = !enabled.is_empty();
    let mut cx = RuleChecker {
        file,
        sem,
        enabled,
        out,
    };
    // Rules look around the node they visit (enclosing method, loop, statement), and
    // tree-sitter's `Node::parent` descends from the root, so a rule's work per node grows with
    // its depth: nodes below `RULE_DEPTH_LIMIT` (far deeper than hand-written code nests; a chain
    // of a few hundred `+` reaches it) are not visited, and the caller reports that they were not.
    let mut skipped = false;
    preorder(root, |node, depth| {
        if let Some(f) = also.as_mut() {
            f(node);
        }
        if depth <= RULE_DEPTH_LIMIT {
            if rules {
                visit(&mut cx, node);
            }
            true
        } else {
            skipped |= rules;
            also.is_some()
        }
    });
    skipped
}

/// Visit `root` and the nodes below it in pre-order with one cursor (no allocation per node), each
/// with its depth below `root`; `f` returns whether to go into the node's children.
pub fn preorder<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>, usize) -> bool) {
    let mut cursor = root.walk();
    let mut depth = 0usize;
    loop {
        if f(cursor.node(), depth) && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if depth == 0 || !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

/// How deep in a syntax tree the Rust-coded rules look (see [`run_rust_rules`]).
pub const RULE_DEPTH_LIMIT: usize = 400;

/// The notice for a file whose deepest code the Rust-coded rules did not visit.
#[must_use]
pub fn deep_code_notice(file: &SourceFile) -> vigil_core::Notification {
    vigil_core::Notification::file(
        vigil_core::NotificationLevel::Warning,
        "too-deep",
        &file.rel_path,
        format!(
            "code nested more than {RULE_DEPTH_LIMIT} levels deep (the limit of the syntactic rules written in Rust) was not checked by them; the query rules and the dataflow analyses have no such limit"
        ),
    )
}

/// Longest time a single file may take to parse before it is given up as pathological.
pub const PARSE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(20);

/// Parse `text` with `parser` (whose language is set), giving up after `deadline`. `None` when the
/// parse was cancelled; the parser is reset so the next file starts afresh.
pub fn parse_with_deadline(
    parser: &mut tree_sitter::Parser,
    text: &str,
    deadline: std::time::Duration,
) -> Option<tree_sitter::Tree> {
    let start = std::time::Instant::now();
    let bytes = text.as_bytes();
    let mut read =
        |offset: usize, _: tree_sitter::Point| -> &[u8] { bytes.get(offset..).unwrap_or(&[]) };
    let mut progress = |_: &tree_sitter::ParseState| start.elapsed() > deadline;
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let tree = parser.parse_with_options(&mut read, None, Some(options));
    if tree.is_none() {
        parser.reset();
    }
    tree
}

/// This thread's parser for one language, created on first use.
pub type ParserSlot = std::cell::RefCell<Option<tree_sitter::Parser>>;

/// Parse `text` with this thread's parser in `slot` (a `thread_local!` of the front end), set to
/// `language` on first use, giving up after [`PARSE_DEADLINE`]. `None` if the grammar cannot be loaded
/// or the parse was given up.
pub fn parse_with_slot(
    slot: &'static std::thread::LocalKey<ParserSlot>,
    language: &tree_sitter::Language,
    text: &str,
) -> Option<tree_sitter::Tree> {
    slot.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut p = tree_sitter::Parser::new();
            p.set_language(language).ok()?;
            *slot = Some(p);
        }
        let parser = slot.as_mut()?;
        parse_with_deadline(parser, text, PARSE_DEADLINE)
    })
}

/// What every front end does before its rules run: a file the parser gave up on gets a
/// `parse-timeout` notice (and `None`); a tree with syntax errors gets one `parse-error` notice naming
/// the first error line, and is still analyzed.
pub fn tree_for_check(
    file: &vigil_core::SourceFile,
    language_name: &str,
    tree: Option<tree_sitter::Tree>,
    out: &mut vigil_core::analyzer::FileOutput,
) -> Option<tree_sitter::Tree> {
    use vigil_core::{Notification, NotificationLevel};
    let Some(tree) = tree else {
        out.notifications.push(Notification::file(
            NotificationLevel::Warning,
            "parse-timeout",
            &file.rel_path,
            format!("the {language_name} parser gave up on this file (too slow or pathological input); not analyzed"),
        ));
        return None;
    };
    if let Some(err) = first_error(tree.root_node()) {
        out.notifications.push(Notification::file(
            NotificationLevel::Warning,
            "parse-error",
            &file.rel_path,
            format!(
                "syntax error at line {}; the rest of the file was still analyzed",
                err.start_position().row + 1
            ),
        ));
    }
    Some(tree)
}

/// The first syntax error of a tree (an `ERROR` node or a missing token), as a node.
#[must_use]
pub fn first_error(root: Node<'_>) -> Option<Node<'_>> {
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let n = cursor.node();
        if n.is_error() || n.is_missing() {
            return Some(n);
        }
        // Descend only into subtrees that contain the error.
        if n.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_shortening() {
        let t = Template::parse("weak {alg} in {call} {not a capture}");
        let s = render(&t, |c| Some(format!("<{c}>")));
        assert_eq!(s, "weak <alg> in <call> {not a capture}");
        let long = "a ".repeat(50);
        assert!(shorten(&long).chars().count() <= 58);
        assert_eq!(shorten("x\n   y"), "x y");
    }
}

/// `a` followed by `b`, as an array of length `N` (= `a.len() + b.len()`), at compile time: a front
/// end's registry of analyses is one constant built from its rule folders' lists.
pub const fn concat_names<const N: usize>(
    a: &[&'static str],
    b: &[&'static str],
) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[i + j] = b[j];
        j += 1;
    }
    out
}

/// Visit every node of the tree under `root` (preorder, with a cursor) and count them: the work of
/// the parse floor (`vigil scan --parse-only`), which every analysis does at least once.
#[must_use]
pub fn count_nodes(root: tree_sitter::Node<'_>) -> u64 {
    let mut cursor = root.walk();
    let mut n = 0u64;
    let mut kinds = 0u64;
    loop {
        n += 1;
        // Read the kind as the rules do, so the floor pays for it too.
        kinds = kinds.wrapping_add(u64::from(cursor.node().kind_id()));
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                std::hint::black_box(kinds);
                return n;
            }
        }
    }
}

/// The query rules of one language, compiled on first use, so a scan compiles only the languages it
/// meets (a `.py`-only scan never compiles the Java queries).
///
/// Trade-off: built-in rules are compiled with [`QueryRules::compile_trusted`] (one combined query)
/// when the first file of the language needs them; their strict compilation is checked by a test.
/// Rules from user rule files are compiled strictly at construction, so their errors still stop
/// the run at start-up.
///
/// Each rule has a gate (see `gate.rs`): words the file must spell for the rule to match, derived
/// from its predicates. A file runs the query of the rules without a gate; when one gated rule can
/// match, that rule's own query too; when several can, the combined query of every rule (one
/// cursor run per start node beats several), or in a small file, while the combined query is not
/// compiled yet, their own queries. The nodes the queries start at come from one walk for all
/// of them ([`QueryPlan`]). A query is compiled the first time a file needs it, so a scan of a
/// few files compiles only what they use (tree-sitter's query compilation costs 2-15 ms a rule).
#[derive(Debug)]
pub struct LazyQueryRules {
    language: Language,
    rules: Vec<Arc<Rule>>,
    /// Per rule: for one of the patterns, every clause must have one of its words present (indices
    /// into `words`). `None`: the rule may match any file.
    gates: Vec<Option<Vec<Vec<Vec<usize>>>>>,
    words: gate::Words,
    all: OnceLock<Result<QueryRules, RuleError>>,
    ungated: OnceLock<Result<QueryRules, RuleError>>,
    single: Vec<OnceLock<Result<QueryRules, RuleError>>>,
}

/// Below this size (bytes), a file with several gated rules runs their own queries rather than
/// compile the combined query.
const SMALL_FILE: usize = 32 * 1024;

impl LazyQueryRules {
    /// Keep the query rules of `rules` for `language`, whose qualified names spell `names`.
    ///
    /// # Errors
    /// A [`RuleError`] when a rule from a user rule file does not compile.
    pub fn new<'a>(
        language: Language,
        names: QualifiedText,
        rules: impl IntoIterator<Item = &'a Arc<Rule>>,
    ) -> Result<Self, RuleError> {
        let rules: Vec<Arc<Rule>> = rules
            .into_iter()
            .filter(|r| matches!(r.implementation, Implementation::Query(_)))
            .cloned()
            .collect();
        if rules.iter().any(|r| !r.builtin) {
            QueryRules::compile(&language, rules.iter().filter(|r| !r.builtin))?;
        }
        let word_gates: Vec<Option<Vec<Vec<gate::Clause>>>> = rules
            .iter()
            .map(|r| match &r.implementation {
                Implementation::Query(spec) => gate::rule_gate(&spec.pattern, names),
                _ => None,
            })
            .collect();
        let mut all_words: Vec<String> = word_gates
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .flatten()
            .cloned()
            .collect();
        all_words.sort();
        all_words.dedup();
        let words = gate::Words::new(all_words);
        let gates = word_gates
            .into_iter()
            .map(|g| {
                g.map(|patterns| {
                    patterns
                        .into_iter()
                        .map(|clauses| {
                            clauses
                                .into_iter()
                                .map(|c| c.iter().filter_map(|w| words.index_of(w)).collect())
                                .collect()
                        })
                        .collect()
                })
            })
            .collect();
        let single = rules.iter().map(|_| OnceLock::new()).collect();
        Ok(Self {
            language,
            rules,
            gates,
            words,
            all: OnceLock::new(),
            ungated: OnceLock::new(),
            single,
        })
    }

    /// Every rule compiled into one query (compiled by the first caller; the others wait for it).
    ///
    /// # Errors
    /// The [`RuleError`] of the compilation (the same for every caller).
    pub fn get(&self) -> Result<&QueryRules, &RuleError> {
        self.all
            .get_or_init(|| QueryRules::compile_trusted(&self.language, &self.rules))
            .as_ref()
    }

    fn ungated(&self) -> Result<&QueryRules, &RuleError> {
        self.ungated
            .get_or_init(|| {
                let rules: Vec<Arc<Rule>> = self
                    .rules
                    .iter()
                    .zip(&self.gates)
                    .filter(|(_, g)| g.is_none())
                    .map(|(r, _)| r.clone())
                    .collect();
                QueryRules::compile_trusted(&self.language, &rules)
            })
            .as_ref()
    }

    fn single(&self, i: usize) -> Option<Result<&QueryRules, &RuleError>> {
        let cell = self.single.get(i)?;
        let rule = self.rules.get(i)?;
        Some(
            cell.get_or_init(|| {
                QueryRules::compile_trusted(&self.language, std::slice::from_ref(rule))
            })
            .as_ref(),
        )
    }

    /// Which rules may match `text`: enabled, and gate open.
    fn possible(&self, text: &str, enabled: &dyn Fn(&Rule) -> bool) -> Vec<bool> {
        let on: Vec<bool> = self.rules.iter().map(|r| enabled(r)).collect();
        let present = if on.iter().zip(&self.gates).any(|(o, g)| *o && g.is_some()) {
            self.words.present(text)
        } else {
            Vec::new()
        };
        on.iter()
            .zip(&self.gates)
            .map(|(o, g)| {
                *o && g.as_ref().is_none_or(|patterns| {
                    patterns.iter().any(|clauses| {
                        clauses
                            .iter()
                            .all(|c| c.iter().any(|&w| present.get(w).copied().unwrap_or(true)))
                    })
                })
            })
            .collect()
    }

    /// Whether every pattern of the combined query starts at a named node kind, so that files
    /// run it at those nodes only (see `anchor.rs`).
    ///
    /// # Errors
    /// The combined query does not compile.
    pub fn is_anchored(&self) -> Result<bool, &RuleError> {
        self.get().map(|q| q.roots.is_some())
    }

    /// For tests: the findings of [`LazyQueryRules::run`] (word gates, anchored matching) on one
    /// file, with every rule enabled, compared with those of one whole-tree pass of the combined
    /// query. The number of findings, or both lists when they differ.
    ///
    /// # Errors
    /// The two differ, or the combined query does not compile.
    pub fn verify_against_whole(
        &self,
        root: Node<'_>,
        file: &SourceFile,
        sem: &dyn Semantics,
    ) -> Result<usize, String> {
        let all = self.get().map_err(ToString::to_string)?;
        let key = |f: &Finding| (f.rule_id.clone(), f.location.clone(), f.message.clone());
        let mut whole = Vec::new();
        let on = vec![true; all.rules.len()];
        all.run_mask(root, file, sem, &on, &mut whole);
        let mut lazy = vigil_core::analyzer::FileOutput::default();
        self.run(root, file, sem, &|_| true, &mut lazy);
        let mut w: Vec<_> = whole.iter().map(key).collect();
        let mut l: Vec<_> = lazy.findings.iter().map(key).collect();
        w.sort();
        l.sort();
        if w == l {
            Ok(w.len())
        } else {
            Err(format!("whole pass: {w:#?}\nlazy: {l:#?}"))
        }
    }

    /// Run the rules that are enabled and may match this file, as [`QueryRules::run`]; a
    /// compilation error becomes one error notice of the file.
    pub fn run(
        &self,
        root: Node<'_>,
        file: &SourceFile,
        sem: &dyn Semantics,
        enabled: &dyn Fn(&Rule) -> bool,
        out: &mut vigil_core::analyzer::FileOutput,
    ) {
        self.plan(&file.text, enabled)
            .run(root, None, file, sem, out);
    }

    /// The query rules and the Rust-coded rules (`analyses`, dispatched by `visit`) that `ctx`
    /// enables, over one walk of the tree: the walk of [`run_rust_rules`] also collects the nodes
    /// the queries start at. A file nested deeper than the Rust rules look gets
    /// [`deep_code_notice`].
    #[allow(clippy::too_many_arguments)]
    pub fn run_with_rust_rules<'t, S: Semantics, F>(
        &self,
        root: Node<'t>,
        file: &SourceFile,
        sem: &S,
        ctx: &vigil_core::CheckContext<'_, F>,
        analyses: &[&'static str],
        visit: impl for<'c> FnMut(&mut RuleChecker<'c, S>, Node<'_>),
        out: &mut vigil_core::analyzer::FileOutput,
    ) {
        let plan = self.plan(&file.text, &|r| ctx.is_enabled(&r.id));
        let mut starts: Vec<Node<'t>> = Vec::new();
        let mut collect = |n: Node<'t>| {
            if plan.starts_at(n.kind_id()) {
                starts.push(n);
            }
        };
        let also = plan
            .wants_starts()
            .then_some(&mut collect as &mut dyn FnMut(Node<'t>));
        if run_rust_rules(
            root,
            file,
            sem,
            ctx,
            analyses,
            &mut out.findings,
            visit,
            also,
        ) {
            out.notifications.push(deep_code_notice(file));
        }
        let starts = plan.wants_starts().then_some(starts.as_slice());
        plan.run(root, starts, file, sem, out);
    }

    /// Which queries a file runs: the rules that are enabled and that its words leave possible.
    /// A front end that walks the whole tree anyway collects the nodes the plan
    /// [`QueryPlan::starts_at`] on the way and hands them to [`QueryPlan::run`].
    pub fn plan(&self, text: &str, enabled: &dyn Fn(&Rule) -> bool) -> QueryPlan<'_> {
        let possible = self.possible(text, enabled);
        let gated: Vec<usize> = (0..self.rules.len())
            .filter(|&i| possible[i] && self.gates[i].is_some())
            .collect();
        let ungated_on: Vec<bool> = possible
            .iter()
            .zip(&self.gates)
            .filter(|(_, g)| g.is_none())
            .map(|(p, _)| *p)
            .collect();
        // Several gated rules: one pass of the combined query, unless it is not compiled yet and
        // the file is small (a pass over 32 KB costs about a millisecond, compiling the combined
        // Python query about 90).
        let combined = gated.len() > 1
            && (self.all.get().is_some() || text.len() > SMALL_FILE || gated.len() > 4);
        let mut runs: Vec<(Result<&QueryRules, &RuleError>, Vec<bool>)> = Vec::new();
        if combined {
            runs.push((self.get(), possible));
        } else {
            if ungated_on.contains(&true) {
                runs.push((self.ungated(), ungated_on));
            }
            for &i in &gated {
                if let Some(q) = self.single(i) {
                    runs.push((q, vec![true]));
                }
            }
        }
        // The queries whose patterns all start at named kinds run at the nodes of those kinds,
        // collected in one walk for all of them (see [`anchor`]); the others pass over the tree.
        let anchored: Vec<&QueryRules> = runs
            .iter()
            .filter(|(_, on)| on.contains(&true))
            .filter_map(|(q, _)| q.as_ref().ok().copied())
            .filter(|q| q.roots.is_some())
            .collect();
        let starts = (!anchored.is_empty()).then(|| {
            let mut table: Vec<bool> = Vec::new();
            for q in &anchored {
                for (k, &on) in q.roots.iter().flatten().enumerate() {
                    if on {
                        if table.len() <= k {
                            table.resize(k + 1, false);
                        }
                        table[k] = true;
                    }
                }
            }
            table
        });
        QueryPlan { runs, starts }
    }
}

/// The queries one file runs (see [`LazyQueryRules::plan`]).
pub struct QueryPlan<'q> {
    runs: Vec<(Result<&'q QueryRules, &'q RuleError>, Vec<bool>)>,
    /// By node kind id: whether an anchored query of the plan starts at nodes of that kind; `None`
    /// when no query is anchored.
    starts: Option<Vec<bool>>,
}

impl QueryPlan<'_> {
    /// Whether [`QueryPlan::run`] wants the nodes it [`QueryPlan::starts_at`].
    #[must_use]
    pub fn wants_starts(&self) -> bool {
        self.starts.is_some()
    }

    /// Whether an anchored query of the plan can start at nodes of kind `kind`.
    #[must_use]
    pub fn starts_at(&self, kind: u16) -> bool {
        self.starts
            .as_ref()
            .and_then(|t| t.get(usize::from(kind)))
            .copied()
            .unwrap_or(false)
    }

    /// Run the plan over the tree at `root`. `starts`: every node of the tree (in pre-order) that
    /// [`QueryPlan::starts_at`], when the caller collected them; `None` makes the plan walk the
    /// tree for them itself.
    pub fn run(
        self,
        root: Node<'_>,
        starts: Option<&[Node<'_>]>,
        file: &SourceFile,
        sem: &dyn Semantics,
        out: &mut vigil_core::analyzer::FileOutput,
    ) {
        let mut own: Vec<Node<'_>> = Vec::new();
        let starts = match starts {
            Some(s) => s,
            None if self.starts.is_some() => {
                preorder(root, |n, _| {
                    if self.starts_at(n.kind_id()) {
                        own.push(n);
                    }
                    true
                });
                &own
            }
            None => &[],
        };
        let several = self.runs.len() > 1;
        for (compiled, on) in &self.runs {
            match compiled {
                Ok(q) if q.roots.is_some() => {
                    if several {
                        let mine: Vec<Node<'_>> = starts
                            .iter()
                            .filter(|n| q.starts_at(n.kind_id()))
                            .copied()
                            .collect();
                        q.run_at(&mine, Some(0), file, sem, on, &mut out.findings);
                    } else {
                        q.run_at(starts, Some(0), file, sem, on, &mut out.findings);
                    }
                }
                Ok(q) => q.run_mask(root, file, sem, on, &mut out.findings),
                Err(e) => {
                    out.notifications.push(vigil_core::Notification::file(
                        vigil_core::NotificationLevel::Error,
                        "rule-error",
                        &file.rel_path,
                        format!("the query rules could not be compiled, none ran: {e}"),
                    ));
                    return;
                }
            }
        }
    }
}
