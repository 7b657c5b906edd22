//! Taint rules for Python: lowering to the `vigil_flow` IR ([`lower`]), the models of
//! `rules/python/models/`, and the two-phase (summarize → link → check) glue, as for Java.
//!
//! Phase 1 ([`summarize`]) lowers a file and computes, per function, which parameters reach the
//! return value and whether it returns untrusted input, plus the calls that pass untrusted input to
//! functions. [`link`] merges them. Phase 2 ([`check`]) lowers the file again and reports sinks
//! reached by untrusted input, using the project summaries for calls into other modules and their
//! tainted arguments as parameter sources.

pub(crate) mod leaks;
pub(crate) mod lower;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use vigil_core::analyzer::{FileOutput, Summaries};
use vigil_core::{
    CheckContext, Finding, FlowStep, Notification, NotificationLevel, RuleError, SourceFile,
    TextRange,
};
use vigil_flow::ir::{Call, CallKind, Expr, Function, Inst};
use vigil_flow::model::{Effect, Pos};
use vigil_flow::obligation::{LeakCallees, LeakSummary};
use vigil_flow::taint::{
    analyze, files_to_recheck, Callees, FileReach, FnResult, FnSummary, RuleOf, SinkHit, TaintRun,
};
use vigil_flow::Models;

use lower::{lower_file, LoweredFile};

/// The `analysis:` names of the rules implemented here.
pub(crate) const ANALYSES: &[&str] = &["taint", leaks::NAME];

/// The analyses whose results depend on other files' facts (re-run by [`recheck`]).
pub(crate) const CROSS_FILE_ANALYSES: &[&str; 2] = &["taint", leaks::NAME];

const BUDGET: usize = 20_000;
const ROUNDS: usize = 3;

/// The Python taint models embedded from `rules/python/models/` (loaded once per threat-model set).
///
/// # Errors
/// A [`RuleError`] naming the malformed model file.
pub(crate) fn load_models(local: bool) -> Result<&'static Models, RuleError> {
    static REMOTE: OnceLock<Result<Models, RuleError>> = OnceLock::new();
    static ALL: OnceLock<Result<Models, RuleError>> = OnceLock::new();
    let cell = if local { &ALL } else { &REMOTE };
    cell.get_or_init(|| {
        let files: Vec<(String, &str)> = vigil_core::builtin::model_files()
            .iter()
            .filter(|(p, _)| p.starts_with("python/"))
            .map(|(p, t)| (format!("rules/{p}"), *t))
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let enabled: &[&str] = if local {
            &["remote", "local"]
        } else {
            &["remote"]
        };
        Models::load_with_threat_models(&refs, enabled)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Whether the run enabled the `local` threat model (`--threat-model local`, `threat-models` in
/// `vigil.toml`; set once by the CLI before the scan).
static LOCAL_THREAT_MODEL: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Select the threat models of the run (`remote` is always on).
///
/// # Errors
/// The name of an unknown threat model.
pub fn set_threat_models<S: AsRef<str>>(names: &[S]) -> Result<(), String> {
    let mut local = false;
    for n in names {
        match n.as_ref() {
            "remote" => {}
            "local" => local = true,
            other => {
                return Err(format!(
                    "unknown threat model `{other}` (known: remote, local)"
                ))
            }
        }
    }
    LOCAL_THREAT_MODEL.store(local, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// Whether local sources (environment, command line, files) are enabled: by the run's threat models,
/// or by `VIGIL_THREAT_MODELS` containing `local`.
fn local_sources() -> bool {
    LOCAL_THREAT_MODEL.load(std::sync::atomic::Ordering::Relaxed)
        || std::env::var("VIGIL_THREAT_MODELS")
            .is_ok_and(|v| v.split(',').any(|x| x.trim() == "local"))
}

type Key = (Arc<str>, Arc<str>);

/// A call passing untrusted input to a function that may be defined in the scanned code.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct ArgFact {
    call: Call,
    caller_owner: Arc<str>,
    index: u32,
    note: Arc<str>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileSummary {
    /// (owner, name), is a method, summary.
    sums: Vec<(Key, bool, FnSummary)>,
    args: Vec<ArgFact>,
    /// See [`Analyzed::reportable_source`].
    local_source: bool,
    /// See [`vigil_flow::taint::FileReach::may_sink`].
    may_sink: bool,
    /// The names of the functions and methods the file calls.
    calls: Vec<Arc<str>>,
    /// The names of the functions and methods the file defines, summarized or not (a function of a
    /// file without sources that only passes its parameter to a sink has no summary, yet a
    /// caller's tainted argument makes its file worth checking again).
    defines: Vec<Arc<str>>,
    /// The functions (not methods) the file defines, by (module, name), summarized or not.
    functions: Vec<Key>,
    /// What the leak analyses of other files need (see [`leaks::LeakFacts`]).
    leak: leaks::LeakFacts,
}

/// Project facts: summaries of every function of the scanned code by (owner, name), and of every
/// method by name (for calls on receivers of unknown type).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Project {
    by_owner: HashMap<Key, FnSummary>,
    by_name: HashMap<Arc<str>, Vec<(Arc<str>, FnSummary)>>,
    /// Module-level functions by name (for `from x import f` with another scan root).
    funcs_by_name: HashMap<Arc<str>, Vec<(Arc<str>, FnSummary)>>,
    /// Every function (not method) of the scanned code: name → the modules defining one.
    functions: HashMap<Arc<str>, Vec<Arc<str>>>,
    args: Vec<ArgFact>,
    /// Files whose taint or leak results the project facts can change (see [`recheck_analyses`]).
    pub(crate) recheck: vigil_flow::taint::Rechecks,
    /// Leak summaries of module-level functions by name: (module, summary).
    leak_funcs: HashMap<Arc<str>, Vec<(Arc<str>, LeakSummary)>>,
}

/// The leak summaries of other modules' functions, for `mod.f(...)` and `from mod import f` calls.
struct ProjectLeaks<'a>(&'a Project);

impl LeakCallees for ProjectLeaks<'_> {
    fn summary(&self, call: &Call, _caller: &Function) -> Option<LeakSummary> {
        if call.on_this || !(call.kind == CallKind::Static || call.receiver.is_none()) {
            return None;
        }
        self.summary_of(call.class.as_deref()?, &call.name).cloned()
    }
}

impl<'a> ProjectLeaks<'a> {
    /// The summary of the function `name` of module (or class) `class`, when the functions of
    /// that name whose owner matches agree.
    fn summary_of(&self, class: &str, name: &str) -> Option<&'a LeakSummary> {
        let mut cands = self
            .0
            .leak_funcs
            .get(name)?
            .iter()
            .filter(|(o, _)| owner_matches(o, class))
            .map(|(_, s)| s);
        let first = cands.next()?;
        cands.all(|s| s == first).then_some(first)
    }
}

/// Whether a function owned by `owner` is what `class` names (a module or class path, possibly
/// relative to another scan root: `app.util` vs `src.app.util`).
fn owner_matches(owner: &str, class: &str) -> bool {
    owner == class
        || owner.strip_suffix(class).is_some_and(|p| p.ends_with('.'))
        || class.strip_suffix(owner).is_some_and(|p| p.ends_with('.'))
}

struct Lookup<'a> {
    local: &'a HashMap<Key, FnSummary>,
    /// Methods of this file by name.
    local_by_name: HashMap<Arc<str>, Vec<(Arc<str>, &'a FnSummary)>>,
    project: Option<&'a Project>,
}

impl Lookup<'_> {
    /// Methods of that name (this file, then the project).
    fn candidates(&self, name: &Arc<str>) -> Vec<(Arc<str>, &FnSummary)> {
        let mut v: Vec<(Arc<str>, &FnSummary)> =
            self.local_by_name.get(name).cloned().unwrap_or_default();
        if let Some(p) = self.project {
            if let Some(list) = p.by_name.get(name) {
                v.extend(list.iter().map(|(o, s)| (o.clone(), s)));
            }
        }
        v
    }

    /// Module-level functions of that name in the project.
    fn functions(&self, name: &Arc<str>) -> Vec<(Arc<str>, &FnSummary)> {
        self.project
            .and_then(|p| p.funcs_by_name.get(name))
            .map(|l| l.iter().map(|(o, s)| (o.clone(), s)).collect())
            .unwrap_or_default()
    }
}

impl Callees for Lookup<'_> {
    fn defines(&self, call: &Call) -> bool {
        let Some(c) = &call.class else { return false };
        let k = (c.clone(), call.name.clone());
        if self.local.contains_key(&k) {
            return true;
        }
        // The module as imported, or with other leading packages (another scan root).
        self.project
            .and_then(|p| p.functions.get(&call.name))
            .is_some_and(|modules| modules.iter().any(|m| owner_matches(m, c)))
    }

    fn may_return_source(&self, call: &Call) -> bool {
        let local = self
            .local
            .iter()
            .any(|((_, n), s)| *n == call.name && s.returns_source.is_some());
        local
            || self
                .candidates(&call.name)
                .iter()
                .chain(self.functions(&call.name).iter())
                .any(|(_, s)| s.returns_source.is_some())
    }

    fn summary(&self, call: &Call, caller: &Function) -> Option<FnSummary> {
        let exact = |owner: &Arc<str>| -> Option<FnSummary> {
            let k = (owner.clone(), call.name.clone());
            self.local
                .get(&k)
                .or_else(|| self.project.and_then(|p| p.by_owner.get(&k)))
                .cloned()
        };
        if call.on_this {
            return exact(&caller.owner);
        }
        if let Some(c) = &call.class {
            if let Some(s) = exact(c) {
                return Some(s);
            }
            if call.kind == CallKind::Static || call.receiver.is_none() {
                return self
                    .functions(&call.name)
                    .into_iter()
                    .find(|(o, _)| owner_matches(o, c))
                    .map(|(_, s)| s.clone());
            }
            return None;
        }
        // A method of an object of unknown type: the few functions of that name.
        let cands = self.candidates(&call.name);
        if cands.is_empty() || cands.len() > 8 {
            return None;
        }
        let mut merged = FnSummary::default();
        let mut masks: BTreeMap<u32, u64> = BTreeMap::new();
        for (_, s) in cands {
            for (i, m) in s.params_to_return() {
                masks.entry(i).and_modify(|x| *x &= m).or_insert(m);
            }
            if merged.returns_source.is_none() {
                merged.returns_source.clone_from(&s.returns_source);
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

/// The source text of a span, on one line and shortened.
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

/// Whether a call may reach function `f` (defined in module `module`).
fn may_call(call: &Call, caller_owner: &str, f: &Function) -> bool {
    // `Client(url)` runs `Client.__init__(self, url)`.
    if &*f.name == "__init__" && call.receiver.is_none() && !call.on_this {
        let class = match call.class.as_deref() {
            Some(m) => format!("{m}.{}", call.name),
            None => call.name.to_string(),
        };
        return owner_matches(&f.owner, &class);
    }
    if f.name != call.name || f.name.starts_with('<') {
        return false;
    }
    if call.on_this {
        return *f.owner == *caller_owner;
    }
    // A method called on a receiver of unknown type could be any method of that name in the
    // project: its arguments are not taken as the parameters' sources.
    call.class
        .as_deref()
        .is_some_and(|c| owner_matches(&f.owner, c))
}

struct Analyzed {
    /// The project facts can change what the file's own sources reach
    /// ([`vigil_flow::taint::has_reportable_source`]): the file is checked again with them.
    reportable_source: bool,
    /// See [`vigil_flow::taint::FileReach::may_sink`].
    may_sink: bool,
    /// Only the summaries were computed (no value of the file can be untrusted): skipped functions
    /// are not "too complex".
    summaries_only: bool,
    functions: Vec<Function>,
    results: Vec<FnResult>,
    notices: Vec<String>,
}

/// Whether a function's summary can differ from the default flow of an unknown call (every argument
/// reaches the result): it has parameters and calls a modelled method that is not a plain
/// propagator (a sanitizer, a guard, a conversion, one that drops some of its inputs). Other functions of
/// source-free files are not summarized in phase 1 (callers use the default flow).
fn may_sanitize(f: &Function, models: &Models) -> bool {
    !f.params.is_empty()
        && f.blocks.iter().flat_map(|b| &b.insts).any(|i| match i {
            Inst::Assign {
                expr: Expr::Call(c),
                ..
            } => models
                .effects(c.class.as_deref(), &c.name, c.args.len())
                .iter()
                .any(|e| {
                    match &e.effect {
                        Effect::Sanitizer { .. } | Effect::Guard { .. } | Effect::Neutral => true,
                        // One that drops some of its inputs (`stmt.bindparams(v)`).
                        Effect::Propagator { from, .. } => !from.contains(&Pos::Args),
                        _ => false,
                    }
                }),
            _ => false,
        })
}

/// Whether some value of the file may be untrusted: a parameter source, a modelled source call, or a
/// call of a function that returns untrusted input.
fn may_have_source(
    functions: &[Function],
    param_sources: &[Vec<Option<Arc<str>>>],
    models: &Models,
    project: &Project,
) -> bool {
    vigil_flow::taint::may_have_source(functions, param_sources, models, |c| {
        [
            project.by_name.get(&c.name),
            project.funcs_by_name.get(&c.name),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .any(|(_, s)| s.returns_source.is_some())
    })
}

fn is_summarized(f: &Function) -> bool {
    !f.name.starts_with('<')
}

fn analyze_file(
    file: &SourceFile,
    lowered: LoweredFile,
    models: &Models,
    project: Option<&Project>,
    kinds: u64,
) -> Analyzed {
    let functions = lowered.functions;
    let mut param_sources: Vec<Vec<Option<Arc<str>>>> = functions
        .iter()
        .map(|f| {
            f.params
                .iter()
                .map(|p| {
                    p.annotations
                        .iter()
                        .find(|a| models.is_source_annotation(a))
                        .map(|a| Arc::from(describe_mark(a)))
                })
                .collect()
        })
        .collect();
    let apply_args = |param_sources: &mut Vec<Vec<Option<Arc<str>>>>, args: &[ArgFact]| -> bool {
        let mut changed = false;
        for a in args {
            for (fi, f) in functions.iter().enumerate() {
                if !may_call(&a.call, &a.caller_owner, f) {
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
    let local_source = may_have_source(&functions, &param_sources, models, &Project::default());
    let reportable_source = local_source
        && vigil_flow::taint::has_reportable_source(&functions, &param_sources, models);
    let may_sink = vigil_flow::taint::sink_kinds(&functions, models) != 0;
    if let Some(p) = project {
        apply_args(&mut param_sources, &p.args);
        // Phase 2 reports sinks only: a file where no value can be untrusted needs no solving.
        if !may_have_source(&functions, &param_sources, models, p) {
            return Analyzed {
                reportable_source,
                may_sink,
                summaries_only: true,
                functions,
                results: Vec::new(),
                notices: lowered.notices,
            };
        }
    }
    let mut local: HashMap<Key, FnSummary> = HashMap::new();
    if let Some(p) = project {
        for f in functions.iter().filter(|f| is_summarized(f)) {
            let k = (f.owner.clone(), f.name.clone());
            if let Some(s) = p.by_owner.get(&k) {
                local.insert(k, s.clone());
            }
        }
    }
    let describe_fn = |s: TextRange| describe(&file.text, s);
    // Without project facts, a file where no value can be untrusted has no findings: only the
    // summaries of its functions matter (module and class bodies and lambdas have none), in one
    // round, on a smaller budget.
    let summaries_only = project.is_none() && !local_source;
    let (rounds, budget) = if summaries_only {
        (1, BUDGET / 4)
    } else {
        (ROUNDS, BUDGET)
    };
    let mut results = Vec::new();
    let mut field_sources: HashMap<Arc<str>, BTreeMap<Arc<str>, Arc<str>>> = HashMap::new();
    let no_fields = BTreeMap::new();
    for _round in 0..rounds {
        let mut local_by_name: HashMap<Arc<str>, Vec<(Arc<str>, &FnSummary)>> = HashMap::new();
        for f in functions
            .iter()
            .filter(|f| !f.is_static && is_summarized(f))
        {
            if let Some((k, s)) = local.get_key_value(&(f.owner.clone(), f.name.clone())) {
                local_by_name
                    .entry(k.1.clone())
                    .or_default()
                    .push((k.0.clone(), s));
            }
        }
        let lookup = Lookup {
            local: &local,
            local_by_name,
            project,
        };
        results = functions
            .iter()
            .zip(&param_sources)
            .map(|(f, ps)| {
                if summaries_only && !(is_summarized(f) && may_sanitize(f, models)) {
                    return FnResult {
                        gave_up: true,
                        ..FnResult::default()
                    };
                }
                let run = TaintRun {
                    models,
                    kinds,
                    callees: &lookup,
                    param_sources: ps.clone(),
                    describe: &describe_fn,
                    field_sources: field_sources.get(&f.owner).unwrap_or(&no_fields),
                    budget,
                };
                analyze(f, &run)
            })
            .collect();
        let mut new_local: HashMap<Key, FnSummary> = HashMap::new();
        for (f, r) in functions.iter().zip(&results) {
            // A function the solver gave up on has no summary: its callers use the default flow.
            if is_summarized(f) && !r.gave_up {
                new_local.insert((f.owner.clone(), f.name.clone()), r.summary.clone());
            }
        }
        let facts: Vec<ArgFact> = functions
            .iter()
            .zip(&results)
            .flat_map(|(f, r)| {
                r.tainted_args.iter().map(|a| ArgFact {
                    call: a.call.clone(),
                    caller_owner: f.owner.clone(),
                    index: a.index,
                    note: a.note.clone(),
                })
            })
            .collect();
        let args_changed = apply_args(&mut param_sources, &facts);
        let mut fields_changed = false;
        for (f, r) in functions.iter().zip(&results) {
            for (field, note) in &r.field_stores {
                let m = field_sources.entry(f.owner.clone()).or_default();
                if !m.contains_key(field) {
                    let src = note.trim_start_matches("source: ");
                    m.insert(
                        field.clone(),
                        Arc::from(format!("assigned {src} in `{}`", f.name)),
                    );
                    fields_changed = true;
                }
            }
        }
        let sums_changed = new_local != local;
        local = new_local;
        if !args_changed && !sums_changed && !fields_changed {
            break;
        }
    }
    Analyzed {
        reportable_source,
        may_sink,
        summaries_only,
        functions,
        results,
        notices: lowered.notices,
    }
}

/// How a parameter mark reads in a trace.
fn describe_mark(mark: &str) -> String {
    match mark {
        "django.urls.view-argument" => "a Django URL argument".into(),
        "aws_lambda.handler-event" => "the AWS Lambda event".into(),
        "wsgi.environ" => "the WSGI request environment".into(),
        "django.views.bound-form" => "a form bound to the request's data".into(),
        "fastapi.dependency" => "a parameter of a FastAPI dependency".into(),
        m => format!(
            "a parameter of a `@{}` route",
            m.rsplit('.').next().unwrap_or(m)
        ),
    }
}

/// Phase 1: per-function summaries and tainted call arguments of one file.
pub(crate) fn summarize(file: &SourceFile, tree: &tree_sitter::Tree) -> Option<FileSummary> {
    let models = load_models(local_sources()).ok()?;
    let lowered = lower_file(&file.text, tree.root_node(), &file.rel_path, models);
    let leak_sums = leaks::analyze(file, tree, &lowered, None)
        .map(|l| l.facts)
        .unwrap_or_default();
    let a = analyze_file(file, lowered, models, None, 0);
    Some(summary_of(file, &a, leak_sums))
}

/// The summary of a file whose taint analysis did not run (no taint rule is enabled): its calls
/// and leak summaries.
fn leak_summary_of(lowered: &LoweredFile, leak: leaks::LeakFacts) -> FileSummary {
    // Sorted: equal summaries must encode to equal bytes (the cache's facts key hashes them).
    let calls: std::collections::BTreeSet<&Arc<str>> = vigil_flow::ir::calls(&lowered.functions)
        .map(|c| &c.name)
        .collect();
    FileSummary {
        calls: calls.into_iter().cloned().collect(),
        leak,
        ..FileSummary::default()
    }
}

fn summary_of(file: &SourceFile, a: &Analyzed, leak: leaks::LeakFacts) -> FileSummary {
    let mut fs = FileSummary {
        local_source: a.reportable_source,
        may_sink: a.may_sink,
        leak,
        ..FileSummary::default()
    };
    for (f, r) in a.functions.iter().zip(&a.results) {
        if is_summarized(f) && !r.gave_up {
            fs.sums.push((
                (f.owner.clone(), f.name.clone()),
                !f.is_static,
                r.summary.clone(),
            ));
        }
        for t in &r.tainted_args {
            fs.args.push(ArgFact {
                call: t.call.clone(),
                caller_owner: f.owner.clone(),
                index: t.index,
                note: Arc::from(format!("{} in {}", t.note, file.rel_path)),
            });
        }
    }
    // Sorted: equal summaries must encode to equal bytes (the cache's facts key hashes them).
    let calls: std::collections::BTreeSet<&Arc<str>> = vigil_flow::ir::calls(&a.functions)
        .map(|c| &c.name)
        .collect();
    fs.calls = calls.into_iter().cloned().collect();
    // A class's `__init__` is called by the class's name (`Client(url)`).
    let defines: std::collections::BTreeSet<Arc<str>> = a
        .functions
        .iter()
        .filter(|f| is_summarized(f))
        .flat_map(|f| {
            let class = (&*f.name == "__init__")
                .then(|| Arc::from(f.owner.rsplit('.').next().unwrap_or(&f.owner)));
            std::iter::once(f.name.clone()).chain(class)
        })
        .collect();
    fs.defines = defines.into_iter().collect();
    let functions: std::collections::BTreeSet<Key> = a
        .functions
        .iter()
        .filter(|f| f.is_static && is_summarized(f))
        .map(|f| (f.owner.clone(), f.name.clone()))
        .collect();
    fs.functions = functions.into_iter().collect();
    fs
}

/// Merge the phase-1 summaries of every Python file.
pub(crate) fn link(summaries: Summaries<'_, FileSummary>) -> Option<Project> {
    let mut p = Project::default();
    let mut files: Vec<FileReach<Arc<str>>> = Vec::new();
    let mut leak_files: Vec<(Arc<str>, leaks::LeakFacts)> = Vec::new();
    for (path, fs) in summaries {
        let mut leak = fs.leak;
        for (owner, name, sum) in std::mem::take(&mut leak.exported) {
            p.leak_funcs.entry(name).or_default().push((owner, sum));
        }
        leak_files.push((path.clone(), leak));
        files.push(FileReach {
            path,
            local_source: fs.local_source,
            may_sink: fs.may_sink,
            defines: fs.defines,
            calls: fs.calls,
        });
        for ((owner, name), is_method, sum) in fs.sums {
            p.by_owner
                .entry((owner.clone(), name.clone()))
                .or_insert_with(|| sum.clone());
            if is_method {
                p.by_name.entry(name).or_default().push((owner, sum));
            } else {
                p.funcs_by_name.entry(name).or_default().push((owner, sum));
            }
        }
        p.args.extend(fs.args);
        for (module, name) in fs.functions {
            p.functions.entry(name).or_default().push(module);
        }
    }
    let targeted: HashSet<Arc<str>> = p.args.iter().map(|a| a.call.name.clone()).collect();
    let recheck = files_to_recheck(files, &targeted, |name| {
        [p.by_name.get(name), p.funcs_by_name.get(name)]
            .into_iter()
            .flatten()
            .flatten()
            .any(|(_, s)| s.returns_source.is_some())
    });
    p.recheck.taint = recheck;
    // The leak analysis of a file can change when another file's summary answers a call made by
    // a function that holds a resource (it acquires one or takes one as a parameter), or a call
    // that returns one (a factory).
    for (path, leak) in leak_files {
        let answer =
            |(class, name): &(Arc<str>, Arc<str>)| ProjectLeaks(&p).summary_of(class, name);
        let changes = leak.holding_calls.iter().any(|c| answer(c).is_some())
            || leak
                .calls
                .iter()
                .filter_map(answer)
                .any(|s| s.returns.is_some());
        if changes {
            p.recheck.leak.insert(path);
        }
    }
    Some(p)
}

fn sink_name(call: &Call) -> String {
    let class = call
        .class
        .as_deref()
        .map(|c| c.split('#').next().unwrap_or(c))
        .unwrap_or("");
    let short = class.rsplit('.').next().unwrap_or(class);
    match &*call.name {
        "__setitem__" => format!("{short}[...] = ..."),
        "__contains__" => "in".into(),
        n if n.starts_with("__set_") => {
            format!(
                "{short}.{} = ...",
                n.trim_start_matches("__set_").trim_end_matches("__")
            )
        }
        n if class.is_empty() || call.on_this || class == "builtins" => format!("{n}(...)"),
        n => format!("{class}.{n}(...)"),
    }
}

/// The models and the enabled taint rules (kind mask, rule of each kind); `None` when no taint rule
/// is enabled or the models do not load (a notice).
fn taint_setup(
    file: &SourceFile,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) -> Option<(&'static Models, u64, RuleOf)> {
    ctx.rules_for_analysis("taint").next()?;
    let models = match load_models(local_sources()) {
        Ok(m) => m,
        Err(e) => {
            out.notifications.push(Notification::file(
                NotificationLevel::Error,
                "model-error",
                &file.rel_path,
                e.to_string(),
            ));
            return None;
        }
    };
    let (kinds, rule_of) = vigil_flow::taint::enabled_kinds(ctx, models);
    (kinds != 0).then_some((models, kinds, rule_of))
}

/// Report the hits of an analyzed file, one finding per (rule, sink call), and its notices.
fn report(file: &SourceFile, a: Analyzed, rule_of: &RuleOf, models: &Models, out: &mut FileOutput) {
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
    let gave_up = a.results.iter().filter(|r| r.gave_up).count();
    if gave_up > 0 && !a.summaries_only {
        out.notifications.push(Notification::file(
            NotificationLevel::Note,
            "too-complex",
            &file.rel_path,
            format!("taint analysis skipped {gave_up} function(s) too large to analyze"),
        ));
    }
    for n in a.notices {
        out.notifications.push(Notification::file(
            NotificationLevel::Note,
            "too-deep",
            &file.rel_path,
            n,
        ));
    }
}

/// The flow analyses with the project facts (if any), over one lowering: the leak rules, then the
/// taint rules.
fn check_with_facts(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) {
    let taint = taint_setup(file, ctx, out);
    let leak = leaks::enabled(ctx);
    if taint.is_none() && !leak {
        return;
    }
    let Some(models) = taint
        .as_ref()
        .map(|t| t.0)
        .or_else(|| load_models(local_sources()).ok())
    else {
        return;
    };
    let project = ctx.project;
    let lowered = lower_file(&file.text, tree.root_node(), &file.rel_path, models);
    if leak {
        let facts = project.map(ProjectLeaks);
        let external = facts.as_ref().map(|f| f as &dyn LeakCallees);
        leaks::check(file, tree, ctx, &lowered, external, out);
    }
    if let Some((models, kinds, rule_of)) = taint {
        let a = analyze_file(file, lowered, models, project, kinds);
        report(file, a, &rule_of, models, out);
    }
}

/// Two-phase protocol, phase 2: every flow analysis with the project facts.
pub(crate) fn check(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) {
    check_with_facts(file, tree, ctx, out);
}

/// Single-pass protocol, first pass: the flow analyses without project facts over one lowering
/// and, when `summarize` is set, the file's summary from the same runs.
pub(crate) fn first_pass(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    summarize: bool,
    out: &mut FileOutput,
) -> Option<FileSummary> {
    let taint = taint_setup(file, ctx, out);
    let leak = leaks::enabled(ctx);
    if taint.is_none() && !leak && !summarize {
        return None;
    }
    let models = match &taint {
        Some(t) => t.0,
        None => load_models(local_sources()).ok()?,
    };
    let lowered = lower_file(&file.text, tree.root_node(), &file.rel_path, models);
    // Leak summaries matter only to the leak rules of other files.
    let leak_sums = if leak {
        leaks::check(file, tree, ctx, &lowered, None, out)
    } else {
        leaks::LeakFacts::default()
    };
    match taint {
        Some((models, kinds, rule_of)) => {
            let a = analyze_file(file, lowered, models, None, kinds);
            let summary = summarize.then(|| summary_of(file, &a, leak_sums));
            report(file, a, &rule_of, models, out);
            summary
        }
        None if summarize && ctx.rules_for_analysis("taint").next().is_some() => {
            let a = analyze_file(file, lowered, models, None, 0);
            Some(summary_of(file, &a, leak_sums))
        }
        None if summarize => Some(leak_summary_of(&lowered, leak_sums)),
        None => None,
    }
}

/// Single-pass protocol, second pass: the cross-file analyses (taint, leaks) again, with the
/// project facts.
pub(crate) fn recheck(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, Project>,
    out: &mut FileOutput,
) {
    check_with_facts(file, tree, ctx, out);
}

fn finding(file: &SourceFile, rule: &vigil_core::Rule, hit: &SinkHit, models: &Models) -> Finding {
    let source = hit
        .trace
        .first()
        .map(|s| s.note.trim_start_matches("source: ").to_owned())
        .unwrap_or_default();
    let at = hit
        .trace
        .first()
        .map(|s| format!(" (line {})", file.line_col(s.span.start).line))
        .unwrap_or_default();
    let what = if models.exclusive() & (1u64 << hit.kind) != 0 {
        "predictable value"
    } else {
        "untrusted input"
    };
    let message = format!(
        "{}: {what} from {source}{at} reaches `{}`",
        rule.meta.name,
        sink_name(&hit.call)
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
