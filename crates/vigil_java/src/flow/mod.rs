//! Taint rules for Java: lowering to the `vigil_flow` IR, the models of `rules/java/models/`, and the
//! two-phase (summarize → link → check) glue the Java analyzer calls.
//!
//! Phase 1 ([`summarize`]) lowers a file and computes, per method, which parameters reach the return
//! value and whether it returns untrusted input, plus the calls that pass untrusted input to methods.
//! [`link`] merges them. Phase 2 ([`check`]) re-lowers the file (each phase parses once; caching the
//! compact IR between phases is a later optimisation) and reports sinks reached by untrusted input,
//! using the project summaries for calls into other files and their tainted arguments as parameter
//! sources.

pub(crate) mod leaks;
pub(crate) mod lower;

use std::collections::BTreeMap;

// foldhash, not SipHash: the link and the lookups of the second pass hash class and method names
// millions of times (SipHash was 12% of an edit-and-relink run on the whole OpenJDK).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use vigil_core::analyzer::{FileOutput, Summaries};
use vigil_core::{CheckContext, Finding, FlowStep, RuleError, SourceFile, TextRange};
use vigil_flow::ir::{Call, CallKind, Function};
use vigil_flow::taint::{
    analyze, files_to_recheck, Callees, FileReach, FnResult, FnSummary, RuleOf, SinkHit, TaintRun,
};
use vigil_flow::Models;

use lower::{lower_file, ClassInfo, ExternClasses, LoweredFile};

/// The `analysis:` names of the rules implemented here.
pub(crate) const ANALYSES: &[&str] = &["taint", "cookie-flags", leaks::NAME];

/// The analyses whose results depend on other files (run again by [`recheck`]).
pub(crate) const CROSS_FILE_ANALYSES: &[&str; 2] = &["taint", leaks::NAME];

const BUDGET: usize = 20_000;
const ROUNDS: usize = 3;

/// The Java taint models embedded from `rules/java/models/` (loaded once).
///
/// # Errors
/// A [`RuleError`] naming the malformed model file.
pub(crate) fn load_models() -> Result<&'static Models, RuleError> {
    static REMOTE: OnceLock<Result<Models, RuleError>> = OnceLock::new();
    static LOCAL: OnceLock<Result<Models, RuleError>> = OnceLock::new();
    let local = local_threat_model();
    let (cell, enabled): (_, &[&str]) = if local {
        (&LOCAL, &["remote", "local"])
    } else {
        (&REMOTE, &["remote"])
    };
    cell.get_or_init(|| {
        let files: Vec<(String, &str)> = vigil_core::builtin::model_files()
            .iter()
            .filter(|(p, _)| p.starts_with("java/"))
            .map(|(p, t)| (format!("rules/{p}"), *t))
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        Models::load_with_threat_models(&refs, enabled)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Whether sources of the `local` threat model (environment, files, console, command line,
/// database reads) are untrusted in this run; `remote` sources always are.
static LOCAL_THREAT_MODEL: AtomicBool = AtomicBool::new(false);

fn local_threat_model() -> bool {
    LOCAL_THREAT_MODEL.load(Ordering::Relaxed)
}

/// Select the threat models of the run (`remote` is always on).
///
/// # Errors
/// The name of an unknown threat model.
pub(crate) fn set_threat_models<S: AsRef<str>>(names: &[S]) -> Result<(), String> {
    let mut local = false;
    for n in names {
        match n.as_ref() {
            "remote" => {}
            "local" => local = true,
            other => {
                return Err(format!(
                    "unknown threat model `{other}` (known: {})",
                    vigil_flow::model::THREAT_MODELS.join(", ")
                ))
            }
        }
    }
    LOCAL_THREAT_MODEL.store(local, Ordering::Relaxed);
    Ok(())
}

/// `public static void main(String[] args)`: its arguments come from the command line.
fn is_main(f: &Function) -> bool {
    &*f.name == "main"
        && f.is_static
        && f.params.len() == 1
        && f.params[0]
            .ty
            .as_deref()
            .is_some_and(|t| t.ends_with("String[]") || t.ends_with("String..."))
}

type SumKey = (Arc<str>, usize);

/// A call as the cross-file facts need it: its possible targets ([`may_call`], the summary
/// lookup) and where it is, without its operands (summaries hold hundreds of thousands of these
/// on a large project).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct CallRef {
    name: Arc<str>,
    class: Option<Arc<str>>,
    kind: CallKind,
    on_this: bool,
    arity: usize,
    span: vigil_flow::ir::Span,
}

impl From<&Call> for CallRef {
    fn from(c: &Call) -> Self {
        Self {
            name: c.name.clone(),
            class: c.class.clone(),
            kind: c.kind,
            on_this: c.on_this,
            arity: c.args.len(),
            span: c.span,
        }
    }
}

/// A call passing untrusted input to a method that may be defined in the scanned code.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct ArgFact {
    call: CallRef,
    caller_owner: Arc<str>,
    index: u32,
    note: Arc<str>,
}

/// Phase-1 result of one file.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileSummary {
    /// See [`Analyzed::local_source`].
    local_source: bool,
    /// The (name, arity) of every call the file makes.
    calls: Vec<SumKey>,
    /// See [`LoweredFile::external`].
    external: Vec<lower::ExternalUse>,
    /// Whether the leak analysis of a method of the file depends on the type of an argument it
    /// does not know ([`vigil_flow::obligation::ResourceModels::asks_arg_type`]).
    asks_arg_type: bool,
    /// The file has a sink ([`vigil_flow::taint::sink_kinds`]), or a call of unknown receiver
    /// the project's types may make one ([`vigil_flow::taint::may_become_sinks`]); [`link`] adds
    /// the other ways the project makes a sink.
    may_sink: bool,
    /// Classes not named by the models with a method or constructor named like a sink called:
    /// sinks if the project says they extend a modelled type.
    sink_classes: Vec<Arc<str>>,
    /// Whether a method of the file may hold an obligation by the models alone
    /// ([`vigil_flow::obligation::ResourceModels::may_hold`]): only then can the value of another
    /// file's constant change what the leak analysis finds.
    may_hold: bool,
    sums: Vec<(SumKey, Arc<str>, FnSummary)>,
    supers: Vec<(Arc<str>, Vec<Arc<str>>)>,
    args: Vec<ArgFact>,
    classes: Vec<ClassInfo>,
    edges: Vec<Edge>,
    /// Static fields (`pkg.Holder.value`) this file assigns untrusted input to.
    statics: Vec<(Arc<str>, Arc<str>)>,
    /// Fields (qualified as in [`qualified_field`]) this file reads: a file reading a static field
    /// another file stores untrusted input to is analyzed again.
    field_reads: Vec<Arc<str>>,
}

impl CallRef {
    fn intern(&mut self, i: &mut vigil_flow::Interner) {
        i.intern(&mut self.name);
        i.intern_all(self.class.as_mut());
    }
}

impl FileSummary {
    /// Share the strings of this summary with those of the summaries linked before it.
    fn intern(&mut self, i: &mut vigil_flow::Interner) {
        i.intern_all(self.calls.iter_mut().map(|(n, _)| n));
        for (c, _, n) in &mut self.external {
            i.intern(c);
            i.intern(n);
        }
        for ((name, _), owner, _) in &mut self.sums {
            i.intern(name);
            i.intern(owner);
        }
        for (c, s) in &mut self.supers {
            i.intern(c);
            i.intern_all(s);
        }
        for a in &mut self.args {
            a.call.intern(i);
            i.intern(&mut a.caller_owner);
        }
        for c in &mut self.classes {
            i.intern(&mut c.fqn);
            i.intern_all(&mut c.supers);
            i.intern_all(c.fields.values_mut().chain(c.methods.values_mut()));
        }
        for e in &mut self.edges {
            i.intern(&mut e.owner);
            i.intern(&mut e.name);
            if let Origin::Result(c) = &mut e.from {
                c.intern(i);
            }
            if let Some(c) = &mut e.call {
                c.intern(i);
            }
        }
        for (q, _) in &mut self.statics {
            i.intern(q);
        }
        i.intern_all(&mut self.field_reads);
    }
}

/// Where a value that a method passes on comes from, for composing summaries across files.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Origin {
    /// The method's parameter.
    Param(u32),
    /// The result of a call the method makes (resolved against the whole project in [`link`]).
    Result(CallRef),
}

/// A symbolic fact of phase 1: in method `owner.name/arity`, the value `from` reaches argument
/// `index` of `call` (`call: None`: the method's return value).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Edge {
    owner: Arc<str>,
    name: Arc<str>,
    arity: usize,
    from: Origin,
    call: Option<CallRef>,
    index: u32,
}

const MARK_OPEN: char = '\u{27e6}';
const MARK_CLOSE: char = '\u{27e7}';

/// Phase-1 callee lookup for the symbolic run: every call that no model handles returns a marker
/// naming the call (plus the default flow of its arguments and receiver).
struct Symbolic<'m> {
    models: &'m Models,
}

fn call_marker(call: &Call) -> String {
    let kind = match (call.on_this, call.kind) {
        (true, _) => 't',
        (false, CallKind::Static) => 's',
        _ => 'v',
    };
    format!(
        "{MARK_OPEN}c|{kind}|{}|{}|{}{MARK_CLOSE}",
        call.class.as_deref().unwrap_or(""),
        call.name,
        call.args.len()
    )
}

/// The marker in a trace note: a parameter (`p|3`) or a call (`c|kind|class|name|arity`).
fn parse_marker(note: &str) -> Option<Origin> {
    let start = note.find(MARK_OPEN)? + MARK_OPEN.len_utf8();
    let end = start + note.get(start..)?.find(MARK_CLOSE)?;
    let body = note.get(start..end)?;
    let parts: Vec<&str> = body.split('|').collect();
    match parts.as_slice() {
        ["p", i] => i.parse().ok().map(Origin::Param),
        ["c", kind, class, name, arity] => {
            let arity: usize = arity.parse().ok()?;
            Some(Origin::Result(CallRef {
                name: Arc::from(*name),
                class: (!class.is_empty()).then(|| Arc::from(*class)),
                kind: if *kind == "s" {
                    CallKind::Static
                } else {
                    CallKind::Virtual
                },
                on_this: *kind == "t",
                arity,
                span: vigil_flow::ir::Span::default(),
            }))
        }
        _ => None,
    }
}

impl Callees for Symbolic<'_> {
    fn summary(&self, call: &Call, _caller: &Function) -> Option<FnSummary> {
        // Library calls and receivers of unknown type (`a.b().trim()`) keep the default flow:
        // only calls into the scanned code are composed.
        let c = call.class.as_deref()?;
        if c.starts_with("java.") || c.starts_with("javax.") || self.models.knows_type(c) {
            return None;
        }
        let n = u32::try_from(call.args.len()).unwrap_or(0);
        Some(FnSummary {
            param_to_return: (0..n).map(|i| (i, 0)).collect(),
            returns_source: Some(Arc::from(call_marker(call))),
            returns_source_safe_for: 0,
            this_to_return: true,
            param_to_this: Vec::new(),
            keyed_return: Vec::new(),
            keyed_source: false,
            guards_params: Vec::new(),
        })
    }
}

/// Phase 1, symbolic: which parameters and call results of each method reach which call
/// arguments and its return value.
fn symbolic_edges(file: &SourceFile, a: &Analyzed, models: &Models) -> Vec<Edge> {
    let describe_fn = |s: TextRange| describe(&file.text, s);
    let no_fields = BTreeMap::new();
    let mut edges = Vec::new();
    for f in &a.functions {
        if f.name.starts_with('<') || f.params.len() > 16 {
            continue;
        }
        let run = TaintRun {
            models,
            kinds: 0,
            callees: &Symbolic { models },
            param_sources: (0..f.params.len())
                .map(|i| Some(Arc::from(format!("{MARK_OPEN}p|{i}{MARK_CLOSE}"))))
                .collect(),
            describe: &describe_fn,
            field_sources: &no_fields,
            budget: BUDGET,
        };
        let r = analyze(f, &run);
        if r.gave_up {
            continue;
        }
        let edge = |from: Origin, call: Option<CallRef>, index: u32| Edge {
            owner: f.owner.clone(),
            name: f.name.clone(),
            arity: f.params.len(),
            from,
            call,
            index,
        };
        for t in &r.tainted_args {
            if let Some(from) = parse_marker(&t.note) {
                edges.push(edge(from, Some(CallRef::from(&t.call)), t.index));
            }
        }
        if let Some(from @ Origin::Result(_)) =
            r.summary.returns_source.as_deref().and_then(parse_marker)
        {
            edges.push(edge(from, None, 0));
        }
    }
    edges
}

/// Project facts: summaries of every method of the scanned code and their tainted call arguments.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Project {
    sums: HashMap<SumKey, Vec<(Arc<str>, FnSummary)>>,
    supers: HashMap<Arc<str>, Vec<Arc<str>>>,
    args: Vec<ArgFact>,
    classes: ExternClasses,
    by_owner: HashMap<OwnerKey, FnSummary>,
    /// Static fields (`pkg.Holder.value`) some file assigns untrusted input to.
    statics: BTreeMap<Arc<str>, Arc<str>>,
    /// Files whose taint or leak results the project facts can change (see [`recheck_analyses`]).
    pub(crate) recheck: vigil_flow::taint::Rechecks,
}

/// The qualified name of a field a method of `owner` stores to: `pkg.Holder.value` as lowered for
/// another class's static field, `owner.f` for the method's own class.
fn qualified_field(owner: &str, field: &str) -> Arc<str> {
    if field.contains('.') {
        Arc::from(field)
    } else {
        Arc::from(format!("{owner}.{field}"))
    }
}

/// The field sources a method of `owner` sees: its class's own, plus the static fields of any
/// class holding untrusted input (by qualified name, and the class's own by simple name).
fn fields_with_statics(
    owner: &str,
    own: Option<&BTreeMap<Arc<str>, Arc<str>>>,
    statics: &BTreeMap<Arc<str>, Arc<str>>,
) -> BTreeMap<Arc<str>, Arc<str>> {
    let mut m = own.cloned().unwrap_or_default();
    for (q, note) in statics {
        m.entry(q.clone()).or_insert_with(|| note.clone());
        if let Some(f) = q
            .strip_prefix(owner)
            .and_then(|r| r.strip_prefix('.'))
            .filter(|f| !f.contains('.'))
        {
            m.entry(Arc::from(f)).or_insert_with(|| note.clone());
        }
    }
    m
}

fn simple(t: &str) -> &str {
    t.rsplit('.').next().unwrap_or(t)
}

/// Supertypes of the classes of this file, then of the whole project (phase-1 facts), without copying
/// the project's table for every file.
struct Supers<'a> {
    local: HashMap<Arc<str>, Vec<Arc<str>>>,
    project: Option<&'a HashMap<Arc<str>, Vec<Arc<str>>>>,
}

impl Supers<'_> {
    fn get(&self, t: &str) -> Option<&Vec<Arc<str>>> {
        self.local
            .get(t)
            .or_else(|| self.project.and_then(|p| p.get(t)))
    }
}

fn is_subtype(supers: &Supers<'_>, owner: &str, target: &str) -> bool {
    owner == target
        || any_super(supers, owner, |x| {
            x == target || simple(x) == simple(target) && !target.contains('.')
        })
}

/// Whether a (transitive) supertype of `owner` satisfies `pred`.
fn any_super(supers: &Supers<'_>, owner: &str, pred: impl Fn(&str) -> bool) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut stack: Vec<&str> = vec![owner];
    while let Some(t) = stack.pop() {
        if seen.contains(&t) || seen.len() > 64 {
            continue;
        }
        seen.push(t);
        if let Some(s) = supers.get(t) {
            for x in s {
                if pred(x) {
                    return true;
                }
                stack.push(x);
            }
        }
    }
    false
}

/// Whether a method `owner.name/arity` may be the target of `call` made from a method of `caller_owner`.
/// Whether a call (its receiver's class, dispatch and whether it is on `this`) made in a method of
/// `caller_owner` may reach the method of `owner`.
fn may_call(
    supers: &Supers<'_>,
    (class, kind, on_this): (Option<&str>, CallKind, bool),
    caller_owner: &str,
    owner: &str,
) -> bool {
    if on_this {
        return owner == caller_owner
            || is_subtype(supers, caller_owner, owner)
            || class.is_some_and(|c| c == owner);
    }
    match class {
        Some(c) => is_subtype(supers, owner, c),
        None => kind != CallKind::Static,
    }
}

/// What [`may_call`] needs of a call.
fn dispatch(call: &Call) -> (Option<&str>, CallKind, bool) {
    (call.class.as_deref(), call.kind, call.on_this)
}

impl CallRef {
    fn dispatch(&self) -> (Option<&str>, CallKind, bool) {
        (self.class.as_deref(), self.kind, self.on_this)
    }
}

type OwnerKey = (Arc<str>, Arc<str>, usize);

struct Lookup<'a> {
    local: &'a HashMap<SumKey, Vec<(Arc<str>, FnSummary)>>,
    local_by_owner: &'a HashMap<OwnerKey, FnSummary>,
    supers: &'a Supers<'a>,
    project: Option<&'a Project>,
}

impl Callees for Lookup<'_> {
    fn may_return_source(&self, call: &Call) -> bool {
        let key: SumKey = (call.name.clone(), call.args.len());
        let has = |m: &HashMap<SumKey, Vec<(Arc<str>, FnSummary)>>| {
            m.get(&key)
                .is_some_and(|v| v.iter().any(|(_, s)| s.returns_source.is_some()))
        };
        has(self.local) || self.project.is_some_and(|p| has(&p.sums))
    }

    fn summary(&self, call: &Call, caller: &Function) -> Option<FnSummary> {
        let key: SumKey = (call.name.clone(), call.args.len());
        let exact = |owner: &Arc<str>| -> Option<&FnSummary> {
            let k = (owner.clone(), key.0.clone(), key.1);
            self.local_by_owner
                .get(&k)
                .or_else(|| self.project.and_then(|p| p.by_owner.get(&k)))
        };
        // 1. The static type (or the caller's class) and its ancestors: the method that is called
        //    unless a subclass overrides it.
        let start: Option<Arc<str>> = if call.on_this {
            Some(caller.owner.clone())
        } else {
            call.class.clone()
        };
        if let Some(start) = &start {
            let mut chain: Vec<Arc<str>> = vec![start.clone()];
            let mut i = 0;
            while let Some(t) = chain.get(i).cloned() {
                if let Some(s) = exact(&t) {
                    return Some(s.clone());
                }
                if let Some(sup) = self.supers.get(&t) {
                    for x in sup {
                        if !chain.contains(x) && chain.len() < 32 {
                            chain.push(x.clone());
                        }
                    }
                }
                i += 1;
            }
            if call.on_this {
                return None;
            }
        }
        // 2. An interface or abstract method: the implementations in the scanned code (bounded), or
        //    for a receiver of unknown type, the few methods of that name and arity.
        let limit = if start.is_some() { 64 } else { 8 };
        let mut found: Vec<&FnSummary> = Vec::new();
        let sources = [Some(self.local), self.project.map(|p| &p.sums)];
        for map in sources.iter().flatten() {
            let cands = map.get(&key).map_or(&[][..], Vec::as_slice);
            if cands.len() > limit {
                return None;
            }
            for (owner, s) in cands {
                if may_call(self.supers, dispatch(call), &caller.owner, owner) {
                    found.push(s);
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        if found.is_empty() {
            return None;
        }
        let mut merged = FnSummary::default();
        let mut masks: BTreeMap<u32, u64> = BTreeMap::new();
        for s in found {
            for (i, m) in s.params_to_return() {
                masks.entry(i).and_modify(|x| *x &= m).or_insert(m);
            }
            // A user-input return wins over a restricted (predictable random) one.
            if merged.returns_source.is_none()
                || (merged.returns_source_safe_for != 0
                    && s.returns_source.is_some()
                    && s.returns_source_safe_for == 0)
            {
                merged.returns_source.clone_from(&s.returns_source);
                merged.returns_source_safe_for = s.returns_source_safe_for;
            }
            merged.this_to_return |= s.this_to_return;
            for &i in &s.param_to_this {
                if !merged.param_to_this.contains(&i) {
                    merged.param_to_this.push(i);
                }
            }
        }
        merged.param_to_return = masks.into_iter().collect();
        Some(merged)
    }
}

fn describe(text: &str, span: TextRange) -> String {
    let s = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        let cut: String = one.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one
    }
}

struct Analyzed {
    /// Untrusted input can appear in the file without any project fact (a model source, an
    /// annotated parameter, `main`'s arguments under the local threat model).
    local_source: bool,
    /// See [`LoweredFile::external`].
    external: Vec<lower::ExternalUse>,
    functions: Vec<Function>,
    results: Vec<FnResult>,
    classes: Vec<ClassInfo>,
    too_deep: Vec<Arc<str>>,
}

/// Lower the file once, with the project's classes when there are facts.
fn lower(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    models: &Models,
    project: Option<&Project>,
) -> LoweredFile {
    lower_file(
        &file.text,
        tree.root_node(),
        models,
        project.map(|p| &p.classes),
    )
}

fn analyze_file(
    file: &SourceFile,
    lowered: LoweredFile,
    models: &Models,
    project: Option<&Project>,
    kinds: u64,
) -> Analyzed {
    let functions = lowered.functions;
    let mut supers = Supers {
        local: HashMap::new(),
        project: project.map(|p| &p.supers),
    };
    for c in &lowered.classes {
        supers.local.insert(c.fqn.clone(), c.supers.clone());
    }
    // Parameter sources: annotations, then tainted arguments of callers in other files.
    let mut param_sources: Vec<Vec<Option<Arc<str>>>> = functions
        .iter()
        .map(|f| {
            f.params
                .iter()
                .map(|p| {
                    p.annotations
                        .iter()
                        .find(|a| models.is_source_annotation(a))
                        .map(|a| Arc::from(format!("annotated @{a}")))
                })
                .collect()
        })
        .collect();
    if local_threat_model() {
        for (f, ps) in functions.iter().zip(param_sources.iter_mut()) {
            if is_main(f) {
                if let Some(p) = ps.first_mut() {
                    *p = Some(Arc::from("the command-line arguments of `main`"));
                }
            }
        }
    }
    let apply_args = |param_sources: &mut Vec<Vec<Option<Arc<str>>>>, args: &[ArgFact]| -> bool {
        let mut changed = false;
        for a in args {
            for (fi, f) in functions.iter().enumerate() {
                if f.name != a.call.name
                    || f.params.len() != a.call.arity
                    || f.name.starts_with('<')
                    || !may_call(&supers, a.call.dispatch(), &a.caller_owner, &f.owner)
                {
                    continue;
                }
                if let Some(slot) = param_sources
                    .get_mut(fi)
                    .and_then(|v| v.get_mut(a.index as usize))
                {
                    if slot.is_none() {
                        *slot = Some(Arc::from(format!(
                            "{}{}",
                            vigil_flow::taint::RECEIVES,
                            a.note.trim_start_matches("source: ")
                        )));
                        changed = true;
                    }
                }
            }
        }
        changed
    };
    let local_source =
        vigil_flow::taint::may_have_source(&functions, &param_sources, models, |_| false);
    if let Some(p) = project {
        apply_args(&mut param_sources, &p.args);
    }
    // Start from this file's phase-1 summaries when there are any: usually one round then suffices.
    let mut local: HashMap<SumKey, Vec<(Arc<str>, FnSummary)>> = HashMap::new();
    if let Some(p) = project {
        for f in &functions {
            if f.name.starts_with('<') || f.name.starts_with("lambda$") {
                continue;
            }
            let key: SumKey = (f.name.clone(), f.params.len());
            if let Some((_, s)) = p
                .sums
                .get(&key)
                .and_then(|v| v.iter().find(|(o, _)| *o == f.owner))
            {
                local
                    .entry(key)
                    .or_default()
                    .push((f.owner.clone(), s.clone()));
            }
        }
    }
    let describe_fn = |s: TextRange| describe(&file.text, s);
    let mut results = Vec::new();
    let mut field_sources: HashMap<Arc<str>, BTreeMap<Arc<str>, Arc<str>>> = HashMap::new();
    let mut statics: BTreeMap<Arc<str>, Arc<str>> =
        project.map(|p| p.statics.clone()).unwrap_or_default();
    let no_fields = BTreeMap::new();
    // A method is analyzed again in a later round only when something its analysis reads changed:
    // the summary of a method it calls (by name and arity), its parameter sources, or the fields
    // of its class. The others keep their result (the analysis is deterministic).
    let call_keys: Vec<HashSet<SumKey>> = functions
        .iter()
        .map(|f| {
            vigil_flow::ir::calls(std::slice::from_ref(f))
                .map(|c| (c.name.clone(), c.args.len()))
                .collect()
        })
        .collect();
    let mut dirty = vec![true; functions.len()];
    for _round in 0..ROUNDS {
        let seen_fields: HashMap<Arc<str>, BTreeMap<Arc<str>, Arc<str>>> = if statics.is_empty() {
            HashMap::new()
        } else {
            functions
                .iter()
                .map(|f| {
                    let m = fields_with_statics(&f.owner, field_sources.get(&f.owner), &statics);
                    (f.owner.clone(), m)
                })
                .collect()
        };
        let local_by_owner: HashMap<OwnerKey, FnSummary> = local
            .iter()
            .flat_map(|((name, arity), v)| {
                v.iter()
                    .map(move |(owner, s)| ((owner.clone(), name.clone(), *arity), s.clone()))
            })
            .collect();
        let lookup = Lookup {
            local: &local,
            local_by_owner: &local_by_owner,
            supers: &supers,
            project,
        };
        let mut prev = std::mem::take(&mut results).into_iter();
        results = functions
            .iter()
            .zip(&param_sources)
            .zip(&dirty)
            .map(|((f, ps), &dirty)| {
                if let Some(old) = prev.next().filter(|_| !dirty) {
                    return old;
                }
                let run = TaintRun {
                    models,
                    kinds,
                    callees: &lookup,
                    param_sources: ps.clone(),
                    describe: &describe_fn,
                    field_sources: seen_fields
                        .get(&f.owner)
                        .or_else(|| field_sources.get(&f.owner))
                        .unwrap_or(&no_fields),
                    budget: BUDGET,
                };
                analyze(f, &run)
            })
            .collect();
        let mut new_local: HashMap<SumKey, Vec<(Arc<str>, FnSummary)>> = HashMap::new();
        for (f, r) in functions.iter().zip(&results) {
            if f.name.starts_with('<') || f.name.starts_with("lambda$") {
                continue;
            }
            new_local
                .entry((f.name.clone(), f.params.len()))
                .or_default()
                .push((f.owner.clone(), r.summary.clone()));
        }
        let facts: Vec<ArgFact> = functions
            .iter()
            .zip(&results)
            .flat_map(|(f, r)| {
                r.tainted_args.iter().map(|a| ArgFact {
                    call: CallRef::from(&a.call),
                    caller_owner: f.owner.clone(),
                    index: a.index,
                    note: a.note.clone(),
                })
            })
            .collect();
        let before = param_sources.clone();
        let args_changed = apply_args(&mut param_sources, &facts);
        let mut fields_changed = false;
        let mut statics_changed = false;
        let mut owners_changed: HashSet<Arc<str>> = HashSet::new();
        for (f, r) in functions.iter().zip(&results) {
            for (field, note) in &r.field_stores {
                let q = qualified_field(&f.owner, field);
                if let std::collections::btree_map::Entry::Vacant(e) = statics.entry(q) {
                    let src = note.trim_start_matches("source: ");
                    e.insert(Arc::from(format!("assigned {src} in `{}`", f.name)));
                    fields_changed = true;
                    statics_changed = true;
                }
                if field.contains('.') {
                    continue;
                }
                let m = field_sources.entry(f.owner.clone()).or_default();
                if !m.contains_key(field) {
                    let src = note.trim_start_matches("source: ");
                    m.insert(
                        field.clone(),
                        Arc::from(format!("assigned {src} in `{}`", f.name)),
                    );
                    fields_changed = true;
                    owners_changed.insert(f.owner.clone());
                }
            }
        }
        let changed_keys: HashSet<&SumKey> = new_local
            .iter()
            .filter(|(k, v)| local.get(*k) != Some(*v))
            .map(|(k, _)| k)
            .chain(local.keys().filter(|k| !new_local.contains_key(*k)))
            .collect();
        for (i, f) in functions.iter().enumerate() {
            dirty[i] = statics_changed
                || owners_changed.contains(&f.owner)
                || before.get(i) != param_sources.get(i)
                || call_keys[i].iter().any(|k| changed_keys.contains(k));
        }
        let sums_changed = new_local != local;
        local = new_local;
        if !args_changed && !sums_changed && !fields_changed {
            break;
        }
    }
    Analyzed {
        local_source,
        external: lowered.external,
        functions,
        results,
        classes: lowered.classes,
        too_deep: lowered.too_deep,
    }
}

/// Phase 1: per-method summaries and tainted call arguments of one file.
pub(crate) fn summarize(file: &SourceFile, tree: &tree_sitter::Tree) -> Option<FileSummary> {
    let models = load_models().ok()?;
    let a = analyze_file(file, lower(file, tree, models, None), models, None, 0);
    Some(summary_of(file, a, models))
}

fn summary_of(file: &SourceFile, a: Analyzed, models: &Models) -> FileSummary {
    let (untyped_sinks, sink_classes) = vigil_flow::taint::may_become_sinks(&a.functions, models);
    let rm = leaks::load_resource_models().ok();
    let mut fs = FileSummary {
        local_source: a.local_source,
        external: a.external.clone(),
        asks_arg_type: rm.is_some_and(|rm| a.functions.iter().any(|f| rm.asks_arg_type(f))),
        may_sink: vigil_flow::taint::sink_kinds(&a.functions, models) != 0 || untyped_sinks,
        sink_classes,
        may_hold: rm.is_some_and(|rm| a.functions.iter().any(|f| rm.may_hold(f))),
        ..FileSummary::default()
    };
    for (f, r) in a.functions.iter().zip(&a.results) {
        if !f.name.starts_with('<') && !f.name.starts_with("lambda$") {
            fs.sums.push((
                (f.name.clone(), f.params.len()),
                f.owner.clone(),
                r.summary.clone(),
            ));
        }
        for t in &r.tainted_args {
            fs.args.push(ArgFact {
                call: CallRef::from(&t.call),
                caller_owner: f.owner.clone(),
                index: t.index,
                note: Arc::from(format!("{} in {}", t.note, file.rel_path)),
            });
        }
    }
    // Sorted: equal summaries must encode to equal bytes (the cache's facts key hashes them).
    let calls: std::collections::BTreeSet<SumKey> = vigil_flow::ir::calls(&a.functions)
        .map(|c| (c.name.clone(), c.args.len()))
        .collect();
    fs.calls = calls.into_iter().collect();
    fs.supers = a
        .classes
        .iter()
        .map(|c| (c.fqn.clone(), c.supers.clone()))
        .collect();
    fs.edges = symbolic_edges(file, &a, models);
    let reads: std::collections::BTreeSet<Arc<str>> = a
        .functions
        .iter()
        .flat_map(|f| {
            f.blocks
                .iter()
                .flat_map(|b| &b.insts)
                .filter_map(move |i| match i {
                    vigil_flow::ir::Inst::Assign {
                        expr: vigil_flow::ir::Expr::FieldLoad { base: None, field },
                        ..
                    } => Some(qualified_field(&f.owner, field)),
                    _ => None,
                })
        })
        .collect();
    fs.field_reads = reads.into_iter().collect();
    for (f, r) in a.functions.iter().zip(&a.results) {
        for (field, note) in &r.field_stores {
            let src = note.trim_start_matches("source: ");
            fs.statics.push((
                qualified_field(&f.owner, field),
                Arc::from(format!(
                    "assigned {src} in `{}` ({})",
                    f.name, file.rel_path
                )),
            ));
        }
    }
    fs.classes = a.classes;
    fs
}

/// Merge the phase-1 summaries of every Java file.
pub(crate) fn link(summaries: Summaries<'_, FileSummary>) -> Option<Project> {
    let mut p = Project::default();
    let mut edges: Vec<Edge> = Vec::new();
    let mut files: Vec<FileReach<SumKey>> = Vec::new();
    let mut sink_classes: Vec<Vec<Arc<str>>> = Vec::new();

    let mut externals: Vec<(Arc<str>, Vec<lower::ExternalUse>, bool, bool)> = Vec::new();
    let mut field_reads: Vec<(Arc<str>, Vec<Arc<str>>)> = Vec::new();
    let mut interner = vigil_flow::Interner::default();
    for (path, mut fs) in summaries {
        fs.intern(&mut interner);
        sink_classes.push(fs.sink_classes);
        externals.push((path.clone(), fs.external, fs.asks_arg_type, fs.may_hold));
        field_reads.push((path.clone(), fs.field_reads));
        files.push(FileReach {
            path,
            local_source: fs.local_source,
            may_sink: fs.may_sink,
            defines: fs.sums.iter().map(|(k, _, _)| k.clone()).collect(),
            calls: fs.calls,
        });

        for (k, owner, sum) in fs.sums {
            p.by_owner
                .entry((owner.clone(), k.0.clone(), k.1))
                .or_insert_with(|| sum.clone());
            p.sums.entry(k).or_default().push((owner, sum));
        }
        for (c, s) in fs.supers {
            p.supers.entry(c).or_default().extend(s);
        }
        p.args.extend(fs.args);
        edges.extend(fs.edges);
        for (q, note) in fs.statics {
            p.statics.entry(q).or_insert(note);
        }
        for c in fs.classes {
            p.classes.entry(c.fqn.clone()).or_insert(c);
        }
    }
    compose(&mut p, &edges);
    // A call becomes a sink in the second pass when its class extends a modelled type, and a
    // return when another file's constant gives it a return sink's prefix (`"redirect:" + url`).
    if let Ok(models) = load_models() {
        let project_supers = Supers {
            local: HashMap::new(),
            project: Some(&p.supers),
        };
        let extends_modelled =
            |t: &Arc<str>| any_super(&project_supers, t, |s| models.knows_type(s));
        // A name the first pass took for a class may be another file's field (of a sink type).
        let has_field = |(class, member, name): &lower::ExternalUse| {
            *member == lower::Member::HasField
                && p.classes
                    .get(class)
                    .is_some_and(|c| c.fields.contains_key(&**name))
        };
        for ((f, classes), (_, ext, _, _)) in files.iter_mut().zip(&sink_classes).zip(&externals) {
            f.may_sink = f.may_sink
                || classes.iter().any(extends_modelled)
                || (!classes.is_empty() && ext.iter().any(has_field));
        }
        let prefix = |(class, member, name): &lower::ExternalUse| {
            *member == lower::Member::Constant
                && p.classes
                    .get(class)
                    .and_then(|c| c.constants.get(&**name))
                    .is_some_and(|k| {
                        matches!(k, vigil_flow::ir::Const::Str(s) if models.return_sink_kinds(s) != 0)
                    })
        };
        for (f, (_, ext, _, _)) in files.iter_mut().zip(&externals) {
            f.may_sink = f.may_sink || ext.iter().any(prefix);
        }
    }
    let targeted: HashSet<SumKey> = p
        .args
        .iter()
        .map(|a| (a.call.name.clone(), a.call.arity))
        .collect();
    let mut recheck = vigil_flow::taint::Rechecks {
        taint: files_to_recheck(files, &targeted, |k| {
            p.sums
                .get(k)
                .is_some_and(|v| v.iter().any(|(_, s)| s.returns_source.is_some()))
        }),
        leak: std::collections::HashSet::new(),
    };
    // A file reading a static field that another file stores untrusted input to.
    for (path, reads) in field_reads {
        if reads.iter().any(|q| p.statics.contains_key(q)) {
            recheck.taint.insert(path);
        }
    }
    // The leak analysis sees resources through the field and method types of classes declared in
    // other files. The first pass lowered each file without them: a file is analyzed again when a
    // member it asked about is answered by the project in a way the leak analysis can see (a type
    // the resource models know, a constant that can fold a branch, a field that makes a name not a
    // class). Asking about one member of a class is not asking about all of them: on the whole
    // OpenJDK, the classes-level test sent half of the files to a second pass.
    // A type the models know only as an acquisition's argument type (`String`, `File`) is an
    // answer only for a file that gave such an acquisition an argument of unknown type: on
    // java.base, methods returning `String` sent a thousand files to a second pass for nothing.
    if let Ok(rm) = leaks::load_resource_models() {
        for (path, ext, asks_arg_type, may_hold) in externals {
            let relevant = |t: &Arc<str>| {
                rm.is_resource_type(t)
                    || (rm.knows(t) && (asks_arg_type || !rm.knows_only_as_argument(t)))
            };
            let answers = |(class, member, name): &lower::ExternalUse| {
                p.classes.get(class).is_some_and(|c| match member {
                    lower::Member::Field => c.fields.get(&**name).is_some_and(relevant),
                    lower::Member::Method => c.methods.get(&**name).is_some_and(relevant),
                    lower::Member::HasField => c.fields.contains_key(&**name),
                    lower::Member::Constant => {
                        (asks_arg_type || may_hold) && c.constants.contains_key(&**name)
                    }
                    lower::Member::Supers => c.supers.iter().any(relevant),
                })
            };
            if ext.iter().any(answers) {
                recheck.leak.insert(path);
            }
        }
    }
    p.recheck = recheck;
    Some(p)
}

/// Rounds of [`compose`]: a flow through this many methods in a row is followed across files.
const COMPOSE_ROUNDS: usize = 12;
/// Bound on the tainted-argument facts derived by [`compose`].
const COMPOSE_FACTS: usize = 50_000;

/// Compose the phase-1 facts transitively across files (a bounded fixpoint over the call graph):
/// a method returns untrusted input when a call whose result it returns does, and a method
/// passes untrusted input on when its tainted parameter or such a call result reaches another
/// call's argument.
fn compose(p: &mut Project, edges: &[Edge]) {
    if edges.is_empty() {
        return;
    }
    let supers = Supers {
        local: HashMap::new(),
        project: Some(&p.supers),
    };
    // Methods (owner, name, arity) a call made from a method of `caller_owner` may reach.
    // Only calls whose receiver type is known are composed: a receiver of unknown type would fan
    // out to every method of that name and arity, and the fan-out compounds round after round.
    let targets = |call: &CallRef, caller_owner: &str| -> Vec<OwnerKey> {
        if call.class.is_none() {
            return Vec::new();
        }
        let key: SumKey = (call.name.clone(), call.arity);
        let Some(cands) = p.sums.get(&key) else {
            return Vec::new();
        };
        if cands.len() > 16 {
            return Vec::new();
        }
        cands
            .iter()
            .filter(|(owner, _)| may_call(&supers, call.dispatch(), caller_owner, owner))
            .map(|(owner, _)| (owner.clone(), key.0.clone(), key.1))
            .collect()
    };
    let mut returns: HashMap<OwnerKey, Arc<str>> = p
        .by_owner
        .iter()
        // Restricted returns (predictable random numbers) stay within their file.
        .filter(|(_, s)| s.returns_source_safe_for == 0)
        .filter_map(|(k, s)| s.returns_source.clone().map(|r| (k.clone(), r)))
        .collect();
    let mut tainted: HashMap<(OwnerKey, u32), Arc<str>> = HashMap::new();
    let mut facts: Vec<ArgFact> = Vec::new();
    let mut seen_facts: HashSet<(Arc<str>, Arc<str>, TextRange, u32)> = HashSet::new();
    let mut new_args: Vec<ArgFact> = p.args.clone();
    for _ in 0..COMPOSE_ROUNDS {
        let mut changed = false;
        for a in &new_args {
            for t in targets(&a.call, &a.caller_owner) {
                if let std::collections::hash_map::Entry::Vacant(v) = tainted.entry((t, a.index)) {
                    v.insert(a.note.clone());
                    changed = true;
                }
            }
        }
        new_args = Vec::new();
        for e in edges {
            let m: OwnerKey = (e.owner.clone(), e.name.clone(), e.arity);
            let note = match &e.from {
                Origin::Param(i) => tainted.get(&(m.clone(), *i)).cloned(),
                Origin::Result(c) => targets(c, &e.owner)
                    .iter()
                    .find_map(|t| returns.get(t).cloned()),
            };
            let Some(note) = note else { continue };
            match &e.call {
                None => {
                    if let std::collections::hash_map::Entry::Vacant(v) = returns.entry(m) {
                        v.insert(note);
                        changed = true;
                    }
                }
                Some(call) => {
                    let key = (e.owner.clone(), call.name.clone(), call.span, e.index);
                    if facts.len() < COMPOSE_FACTS && seen_facts.insert(key) {
                        let fact = ArgFact {
                            call: call.clone(),
                            caller_owner: e.owner.clone(),
                            index: e.index,
                            note: note.clone(),
                        };
                        facts.push(fact.clone());
                        new_args.push(fact);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    p.args.extend(facts);
    for (k, r) in returns {
        if let Some(s) = p.by_owner.get_mut(&k) {
            if s.returns_source.is_none() {
                s.returns_source = Some(r.clone());
            }
        }
        if let Some(v) = p.sums.get_mut(&(k.1.clone(), k.2)) {
            for (owner, s) in v.iter_mut() {
                if *owner == k.0 && s.returns_source.is_none() {
                    s.returns_source = Some(r.clone());
                }
            }
        }
    }
}

fn sink_name(call: &Call, models: &Models) -> String {
    // A pseudo-type such as `ServletResponse#writer` is shown as its real supertype (`PrintWriter`).
    let shown: Option<Arc<str>> = call.class.as_deref().map(|c| {
        if c.contains('#') {
            models
                .type_and_supers(c)
                .get(1)
                .cloned()
                .unwrap_or_else(|| Arc::from(c))
        } else {
            Arc::from(c)
        }
    });
    let class = shown.as_deref().map(simple).unwrap_or("");
    if call.kind == CallKind::Static && class.is_empty() && &*call.name == "return" {
        return "return \"redirect:...\"".into();
    }
    if call.kind == CallKind::Constructor {
        format!("new {class}(...)")
    } else if class.is_empty() || call.on_this {
        format!("{}(...)", call.name)
    } else {
        format!("{class}.{}(...)", call.name)
    }
}

fn models_or_notice(file: &SourceFile, out: &mut FileOutput) -> Option<&'static Models> {
    match load_models() {
        Ok(m) => Some(m),
        Err(e) => {
            out.notifications.push(vigil_core::Notification::file(
                vigil_core::NotificationLevel::Error,
                "model-error",
                &file.rel_path,
                e.to_string(),
            ));
            None
        }
    }
}

/// Whether an analysis other than taint (cookie flags, leaks) is enabled and needs the IR.
fn local_analyses_enabled(file: &SourceFile, ctx: &CheckContext<'_, Project>) -> bool {
    ctx.rules_for_analysis(leaks::NAME).next().is_some()
        || (ctx.rules_for_analysis("cookie-flags").next().is_some()
            && file.text.contains("addCookie"))
}

/// The flow analyses whose results do not depend on other files' taint facts (cookie flags, leaks),
/// over the file's one lowering.
fn local_analyses(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    lowered: &LoweredFile,
    out: &mut FileOutput,
) {
    check_cookies(file, ctx, lowered, out);
    leaks::check(file, tree, ctx, lowered, out);
}

/// Report the taint hits of an analyzed file, one finding per (rule, sink call), and the
/// give-up notices.
fn report_taint(
    file: &SourceFile,
    a: &Analyzed,
    rule_of: &RuleOf,
    models: &Models,
    out: &mut FileOutput,
) {
    let mut seen = HashSet::new();
    for r in &a.results {
        if r.gave_up {
            continue;
        }
        for hit in &r.hits {
            let Some(rule) = rule_of.get(&hit.kind) else {
                continue;
            };
            if !seen.insert((hit.kind, hit.call.span)) {
                continue;
            }
            out.findings.push(finding(file, rule, hit, models));
        }
    }
    give_up_notices(file, a, out);
}

/// Two-phase protocol, phase 2: every flow analysis with the project facts, over one lowering.
pub(crate) fn check(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) {
    let Some(models) = models_or_notice(file, out) else {
        return;
    };
    let (kinds, rule_of) = vigil_flow::taint::enabled_kinds(ctx, models);
    if kinds == 0 && !local_analyses_enabled(file, ctx) {
        return;
    }
    let project = ctx.project;
    let lowered = lower(file, tree, models, project);
    local_analyses(file, tree, ctx, &lowered, out);
    if kinds == 0 {
        return;
    }
    let a = analyze_file(file, lowered, models, project, kinds);
    report_taint(file, &a, &rule_of, models, out);
}

/// Single-pass protocol, first pass: every flow analysis without project facts, over one lowering,
/// and the file's summary from the same taint run when `summarize` is set.
pub(crate) fn first_pass(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    summarize: bool,
    out: &mut FileOutput,
) -> Option<FileSummary> {
    let models = models_or_notice(file, out)?;
    let (kinds, rule_of) = vigil_flow::taint::enabled_kinds(ctx, models);
    let local = local_analyses_enabled(file, ctx);
    if kinds == 0 && !local && !summarize {
        return None;
    }
    let lowered = lower(file, tree, models, None);
    if local {
        local_analyses(file, tree, ctx, &lowered, out);
    }
    if kinds == 0 && !summarize {
        return None;
    }
    let a = analyze_file(file, lowered, models, None, kinds);
    if kinds != 0 {
        report_taint(file, &a, &rule_of, models, out);
    }
    summarize.then(|| summary_of(file, a, models))
}

/// Single-pass protocol, second pass: the analyses that use project facts (taint, leaks) again,
/// over one lowering with the project's classes.
pub(crate) fn recheck(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) {
    let Some(models) = models_or_notice(file, out) else {
        return;
    };
    let (kinds, rule_of) = vigil_flow::taint::enabled_kinds(ctx, models);
    let leak_rules = ctx.rules_for_analysis(leaks::NAME).next().is_some();
    if kinds == 0 && !leak_rules {
        return;
    }
    let project = ctx.project;
    let lowered = lower(file, tree, models, project);
    if leak_rules {
        leaks::check(file, tree, ctx, &lowered, out);
    }
    if kinds != 0 {
        let a = analyze_file(file, lowered, models, project, kinds);
        report_taint(file, &a, &rule_of, models, out);
    }
}

/// One notice per method where the taint analysis gave up, naming the method and the limit.
fn give_up_notices(file: &SourceFile, a: &Analyzed, out: &mut FileOutput) {
    let mut notes: Vec<String> = Vec::new();
    for f in &a.too_deep {
        notes.push(format!(
            "`{f}`: code nested deeper than the lowering limit ({} levels, or 1 MiB of stack) \
             is treated as unknown values; taint findings inside it may be missing",
            lower::MAX_DEPTH
        ));
    }
    for (r, f) in a.results.iter().zip(&a.functions) {
        if r.gave_up {
            notes.push(format!(
                "`{}.{}`: taint analysis gave up after the limit of {BUDGET} solver steps; \
                 no taint findings are reported in it",
                simple(&f.owner),
                f.name
            ));
        }
    }
    notes.sort();
    notes.dedup();
    for message in notes {
        out.notifications.push(vigil_core::Notification::file(
            vigil_core::NotificationLevel::Warning,
            "too-complex",
            &file.rel_path,
            message,
        ));
    }
}

fn finding(file: &SourceFile, rule: &vigil_core::Rule, hit: &SinkHit, models: &Models) -> Finding {
    let source = hit
        .trace
        .first()
        .map(|s| s.note.trim_start_matches("source: ").to_owned())
        .unwrap_or_default();
    let source_line = hit.trace.first().map(|s| file.line_col(s.span.start).line);
    let at = source_line
        .map(|l| format!(" (line {l})"))
        .unwrap_or_default();
    // Kinds only `only:` sources reach (`insecure-random`) are not about user input.
    let what = if models.exclusive() & (1u64 << hit.kind) != 0 {
        "predictable value"
    } else {
        "untrusted input"
    };
    let message = format!(
        "{}: {what} from {source}{at} reaches `{}`",
        rule.meta.name,
        sink_name(&hit.call, models)
    );
    let flow = hit
        .trace
        .iter()
        .map(|s| FlowStep {
            location: file.location(s.span),
            message: s.note.to_string(),
        })
        .collect();
    Finding::new(
        rule.id.clone(),
        rule.severity(),
        file.location(hit.call.span),
        message,
    )
    .with_flow(flow)
}

/// `cookie-flags`: cookies added to the response without `Secure`/`HttpOnly` on every path.
fn check_cookies(
    file: &SourceFile,
    ctx: &CheckContext<'_, Project>,
    lowered: &LoweredFile,
    out: &mut FileOutput,
) {
    let rules: Vec<&Arc<vigil_core::Rule>> = ctx.rules_for_analysis("cookie-flags").collect();
    if rules.is_empty() || !file.text.contains("addCookie") {
        return;
    }
    for f in &lowered.functions {
        let Ok(hits) = vigil_flow::cookie::check_cookies(f, BUDGET) else {
            continue;
        };
        for h in hits {
            for rule in &rules {
                // One rule per flag, by its CWE: 614 = `Secure`, 1004 = `HttpOnly`.
                let cwe = &rule.meta.cwe;
                let secure = h.no_secure && cwe.contains(&614);
                let http_only = h.no_http_only && cwe.contains(&1004);
                if !secure && !http_only {
                    continue;
                }
                cookie_finding(file, rule, &h, secure, http_only, out);
            }
        }
    }
}

fn cookie_finding(
    file: &SourceFile,
    rule: &vigil_core::Rule,
    h: &vigil_flow::cookie::CookieHit,
    secure: bool,
    http_only: bool,
    out: &mut FileOutput,
) {
    let mut missing = Vec::new();
    if secure {
        missing.push(if h.secure_false {
            "`setSecure(true)` (it is set to false on some path)"
        } else {
            "`setSecure(true)`"
        });
    }
    if http_only {
        missing.push(if h.http_only_false {
            "`setHttpOnly(true)` (it is set to false on some path)"
        } else {
            "`setHttpOnly(true)`"
        });
    }
    let line = file.line_col(h.created.start).line;
    let message = format!(
        "{}: `{}` adds the cookie `{}` (line {line}) without {} on every path",
        rule.meta.name,
        vigil_flow::leak_report::snippet(file, h.add),
        vigil_flow::leak_report::snippet(file, h.created),
        missing.join(" and "),
    );
    out.findings.push(
        Finding::new(
            rule.id.clone(),
            rule.severity(),
            file.location(h.add),
            message,
        )
        .with_flow(vec![
            FlowStep {
                location: file.location(h.created),
                message: "cookie created".into(),
            },
            FlowStep {
                location: file.location(h.add),
                message: "added to the response".into(),
            },
        ]),
    );
}
