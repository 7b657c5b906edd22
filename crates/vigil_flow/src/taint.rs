//! Taint tracking as a client of the dataflow framework.
//!
//! The state of a program point is the constant environment (so folded conditions prune dead branches),
//! the abstract value of every variable and of every field of `this`, and the guards established by
//! boolean checks. An abstract value carries the taint of the value itself and, for containers and
//! arrays, per-constant-key element taints. A taint records which origins it comes from (a real
//! source, or parameter `i` — used to compute the function's summary in the same run), which sink
//! kinds it has been sanitized for, and the trace of steps that carried it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::cfg::{solve, Analysis};
use crate::constprop::{eval_expr, feasible, ConstEnv};
use crate::ir::{
    BinOp, Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Operand, Span, Terminator,
    UnOp, Var,
};
use crate::model::{ContainerOp, Effect, Models, Pos};

/// Origin bit of a real source (bits `0..61` are parameters).
pub const SOURCE_BIT: u64 = 1 << 63;
/// Origin bit of a field of `this` read before any store in the function (for summaries).
pub const THIS_BIT: u64 = 1 << 62;
/// Origin bit of untrusted input that a caller passed to a parameter ([`RECEIVES`]): a source for
/// the sinks of the function, but not one the function returns to every caller (the caller that
/// passed it gets it back through the parameter's flow to the return value; another caller of a
/// shared helper does not).
pub const ARG_SOURCE_BIT: u64 = 1 << 61;
/// The origins that are untrusted input.
const UNTRUSTED: u64 = SOURCE_BIT | ARG_SOURCE_BIT;
/// Parameters beyond this index are not tracked in summaries.
const MAX_PARAMS: usize = 61;
/// How a front end describes a parameter source that is a caller's tainted argument (the
/// description follows): [`TaintRun::param_sources`] so described are [`ARG_SOURCE_BIT`] origins.
pub const RECEIVES: &str = "receives ";
/// Longest trace kept (source, steps, sink).
const MAX_TRACE: u32 = 48;

/// One step of a taint trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub span: Span,
    pub note: Arc<str>,
}

/// A linked trace, newest step first.
#[derive(Debug)]
pub struct Trace {
    pub step: Step,
    pub prev: Option<Arc<Trace>>,
    pub len: u32,
}

impl Trace {
    fn root(step: Step) -> Arc<Trace> {
        Arc::new(Trace {
            step,
            prev: None,
            len: 1,
        })
    }

    /// Steps from the oldest (the source) to the newest.
    #[must_use]
    pub fn steps(self: &Arc<Trace>) -> Vec<Step> {
        let mut out = Vec::new();
        let mut cur = Some(self.clone());
        while let Some(t) = cur {
            out.push(t.step.clone());
            cur = t.prev.clone();
        }
        out.reverse();
        out
    }
}

/// A taint: origins, sanitized kinds, and how it got here.
///
/// The sanitized kinds are kept apart for the two kinds of origin: untrusted input
/// ([`SOURCE_BIT`], `cleansed`) and the analyzed function's parameters and receiver (`pcleansed`,
/// what its summary says of them). A value joined from a predictable random number and a
/// parameter (`stmt.where(name)`) is then still only a random number for the sinks, and still the
/// parameter, unsanitized, for the summary: one mask for both lost one or the other.
#[derive(Debug, Clone)]
pub struct Taint {
    pub origins: u64,
    /// Bit `k` set = the untrusted input is sanitized for sink kind `k` (`u64::MAX` without it).
    pub cleansed: u64,
    /// The same for untrusted input a caller passed in ([`ARG_SOURCE_BIT`]).
    pub acleansed: u64,
    /// The same for the parameter and receiver origins (`u64::MAX` without them).
    pub pcleansed: u64,
    pub trace: Arc<Trace>,
}

impl PartialEq for Taint {
    fn eq(&self, o: &Taint) -> bool {
        self.origins == o.origins
            && self.cleansed == o.cleansed
            && self.acleansed == o.acleansed
            && self.pcleansed == o.pcleansed
    }
}

/// The mask of a join: of the sides that have the origins (`u64::MAX` when neither has them).
fn join_mask(a: (bool, u64), b: (bool, u64)) -> u64 {
    match (a, b) {
        ((true, x), (true, y)) => x & y,
        ((true, x), (false, _)) | ((false, _), (true, x)) => x,
        ((false, _), (false, _)) => u64::MAX,
    }
}

impl Taint {
    fn join(&self, o: &Taint) -> Taint {
        let mine = self.from_source();
        let theirs = o.from_source();
        let has = |t: &Taint, bit: u64| t.origins & bit != 0;
        let trace = if mine != theirs {
            if mine {
                self.trace.clone()
            } else {
                o.trace.clone()
            }
        } else if o.trace.len < self.trace.len {
            o.trace.clone()
        } else {
            self.trace.clone()
        };
        let own = |t: &Taint| t.origins & !UNTRUSTED != 0;
        Taint {
            origins: self.origins | o.origins,
            cleansed: join_mask(
                (has(self, SOURCE_BIT), self.cleansed),
                (has(o, SOURCE_BIT), o.cleansed),
            ),
            acleansed: join_mask(
                (has(self, ARG_SOURCE_BIT), self.acleansed),
                (has(o, ARG_SOURCE_BIT), o.acleansed),
            ),
            pcleansed: join_mask((own(self), self.pcleansed), (own(o), o.pcleansed)),
            trace,
        }
    }

    /// Sanitized for `mask`, whatever its origins.
    fn sanitize(&mut self, mask: u64) {
        self.cleansed |= mask;
        self.acleansed |= mask;
        self.pcleansed |= mask;
    }

    /// Whether untrusted input in it is not sanitized for the sink kind `kind`.
    fn reaches(&self, kind: u32) -> bool {
        let bit = 1u64 << kind;
        (self.origins & SOURCE_BIT != 0 && self.cleansed & bit == 0)
            || (self.origins & ARG_SOURCE_BIT != 0 && self.acleansed & bit == 0)
    }

    /// Whether untrusted input in it is user input (not only a restricted source).
    fn user_input(&self, models: &Models) -> bool {
        (self.origins & SOURCE_BIT != 0 && models.is_user_input(self.cleansed))
            || (self.origins & ARG_SOURCE_BIT != 0 && models.is_user_input(self.acleansed))
    }

    fn step(&self, span: Span, note: impl Into<Arc<str>>) -> Taint {
        let note = note.into();
        // Bounded traces: loops would otherwise grow them at every iteration (and a long chain of
        // `Arc`s is dropped recursively).
        if self.trace.step.span == span || self.trace.len >= MAX_TRACE {
            return self.clone();
        }
        Taint {
            origins: self.origins,
            cleansed: self.cleansed,
            acleansed: self.acleansed,
            pcleansed: self.pcleansed,
            trace: Arc::new(Trace {
                step: Step { span, note },
                prev: Some(self.trace.clone()),
                len: self.trace.len + 1,
            }),
        }
    }

    /// Whether this is real untrusted input (not only a parameter of the analyzed function).
    #[must_use]
    pub fn from_source(&self) -> bool {
        self.origins & UNTRUSTED != 0
    }
}

fn join_opt(a: &Option<Taint>, b: &Option<Taint>) -> Option<Taint> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.join(y)),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

/// The abstract value of a variable or field: its own taint plus, for containers, element taints under
/// constant keys/indices, and the length when known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AbsVal {
    pub t: Option<Taint>,
    pub keyed: BTreeMap<Const, Taint>,
    pub len: Option<u32>,
}

impl AbsVal {
    fn of(t: Option<Taint>) -> AbsVal {
        AbsVal {
            t,
            ..AbsVal::default()
        }
    }

    /// The taint of the value as a whole (itself or any element).
    #[must_use]
    pub fn whole(&self) -> Option<Taint> {
        let mut acc = self.t.clone();
        for v in self.keyed.values() {
            acc = join_opt(&acc, &Some(v.clone()));
        }
        acc
    }

    fn join(&mut self, o: &AbsVal) {
        self.t = join_opt(&self.t, &o.t);
        for (k, v) in &o.keyed {
            let merged = match self.keyed.get(k) {
                Some(m) => m.join(v),
                None => v.clone(),
            };
            self.keyed.insert(k.clone(), merged);
        }
        if self.len != o.len {
            self.len = None;
        }
    }

    fn is_clean(&self) -> bool {
        self.t.is_none() && self.keyed.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
struct GuardFact {
    target: Var,
    kinds: Option<u64>,
    /// The guard holds when the condition is true (false if negated).
    when: bool,
}

/// The taint state at a program point.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub env: ConstEnv,
    vals: BTreeMap<Var, AbsVal>,
    fields: BTreeMap<Arc<str>, AbsVal>,
    guards: BTreeMap<Var, GuardFact>,
    aliases: BTreeMap<Var, Var>,
    /// Known constant prefixes of string values (`"redirect:" + x`).
    prefixes: BTreeMap<Var, Arc<str>>,
    /// Results of fluent calls (`sb.append(x)` returns `sb`): the variable holding the same object.
    objs: BTreeMap<Var, Var>,
    /// Variables read from a field of another variable (`t = hook.target`): a guard on `t` also
    /// holds for the next reads of that field.
    loads: BTreeMap<Var, (Var, Arc<str>)>,
    /// Fields of variables a guard has checked (`if urlparse(hook.target).hostname in ALLOWED:`),
    /// with the kinds checked for (`None`: all): later reads of `hook.target` are checked values
    /// until `hook` or its field is assigned.
    checked_fields: BTreeMap<(Var, Arc<str>), Option<u64>>,
}

impl State {
    fn val(&self, o: &Operand) -> AbsVal {
        match o {
            Operand::Var(v) => self.vals.get(v).cloned().unwrap_or_default(),
            Operand::Const(_) | Operand::Opaque => AbsVal::default(),
        }
    }

    fn set(&mut self, v: Var, a: AbsVal) {
        if a.is_clean() && a.len.is_none() {
            self.vals.remove(&v);
        } else {
            self.vals.insert(v, a);
        }
        self.guards.remove(&v);
        self.aliases.remove(&v);
        self.objs.remove(&v);
        self.prefixes.remove(&v);
        self.loads.remove(&v);
        if !self.checked_fields.is_empty() {
            self.checked_fields.retain(|(b, _), _| *b != v);
        }
    }

    /// The variable that holds the object `v` refers to (through fluent calls).
    fn root(&self, v: Var) -> Var {
        let mut cur = v;
        for _ in 0..16 {
            match self.objs.get(&cur) {
                Some(n) if *n != cur => cur = *n,
                _ => break,
            }
        }
        cur
    }
}

/// A method's effect on taint, for callers (same file or other files).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FnSummary {
    /// Parameters whose taint reaches the return value, with the kinds it is sanitized for on the way.
    pub param_to_return: Vec<(u32, u64)>,
    /// The return value carries untrusted input from a source inside the method: a description of it.
    pub returns_source: Option<Arc<str>>,
    /// Non-zero when that source is restricted (`only:`, e.g. a predictable random number): the
    /// kinds it is safe for. Such a return is followed to callers in the same file only.
    #[serde(default)]
    pub returns_source_safe_for: u64,
    /// The return value depends on fields of the receiver (a getter): a tainted receiver taints it.
    pub this_to_return: bool,
    /// Parameters stored into fields of the receiver (a setter): a tainted argument taints the receiver.
    pub param_to_this: Vec<u32>,
    /// The return value is a tuple, list or dict whose elements carry different parameters
    /// (`return (title, SPOOL_FILE)`, `return {"note": note, "user_id": uid}`): per constant key,
    /// the parameters reaching that element, with the kinds each is sanitized for, and the
    /// untrusted input of the function's own in it (`returns_source` then names the first of them,
    /// for the callers that keep no keys, and `keyed_source` is set).
    #[serde(default)]
    pub keyed_return: Vec<KeyedReturn>,
    /// `returns_source` is only in the elements of `keyed_return` that name a source.
    #[serde(default)]
    pub keyed_source: bool,
    /// The function is a check of these parameters: wherever it returns something other than a
    /// false constant, the parameter has passed a guard (`def permitted(url): return
    /// urlparse(url).hostname in ALLOWED`), for the kinds of the mask (`u64::MAX`: all). A caller's
    /// `if permitted(x):` then checks `x` as the guard itself would.
    #[serde(default)]
    pub guards_params: Vec<(u32, u64)>,
}

/// One element of a returned tuple, list or dict ([`FnSummary::keyed_return`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyedReturn {
    pub key: Const,
    pub params: Vec<(u32, u64)>,
    pub source: Option<Arc<str>>,
}

impl FnSummary {
    /// Every parameter reaching the return value, keyed elements included (for the merges of
    /// several candidates, which keep no keys).
    pub fn params_to_return(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.param_to_return.iter().copied().chain(
            self.keyed_return
                .iter()
                .flat_map(|k| k.params.iter().copied()),
        )
    }
}

/// Callee lookup for calls into the scanned code.
pub trait Callees {
    /// The merged summary of the methods this call may reach in the scanned code, if any.
    fn summary(&self, call: &Call, caller: &Function) -> Option<FnSummary>;

    /// Whether some method of the scanned code with this call's name and arity returns untrusted input
    /// from a source of its own (a cheap pre-check: when it is false and no argument is tainted, the
    /// call's result is clean whatever the callee).
    fn may_return_source(&self, _call: &Call) -> bool {
        true
    }

    /// Whether this static call names a function of the scanned code exactly (by owner and name):
    /// models of methods of any receiver (`"*"`) do not apply to it.
    fn defines(&self, _call: &Call) -> bool {
        false
    }
}

/// A call into the scanned code with an argument carrying untrusted input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintedArg {
    pub call: Call,
    pub index: u32,
    /// Description of the source, for the callee's trace.
    pub note: Arc<str>,
}

/// Untrusted data reaching a sink.
#[derive(Debug, Clone)]
pub struct SinkHit {
    pub kind: u32,
    pub call: Call,
    /// Which argument (or receiver) carried the taint.
    pub pos: Pos,
    pub trace: Vec<Step>,
}

/// The inputs of one taint run over a function.
pub struct TaintRun<'a> {
    pub models: &'a Models,
    /// Sink kinds to report (bit mask).
    pub kinds: u64,
    pub callees: &'a dyn Callees,
    /// Parameters that receive untrusted input (annotation sources, or callers' tainted arguments),
    /// with a description for the trace.
    pub param_sources: Vec<Option<Arc<str>>>,
    /// Source text of a span, shortened (for trace notes).
    pub describe: &'a dyn Fn(Span) -> String,
    /// Fields of `this` that other methods of the class assign untrusted input to, with a description.
    pub field_sources: &'a BTreeMap<Arc<str>, Arc<str>>,
    /// Maximum number of block visits.
    pub budget: usize,
}

/// What a taint run found.
#[derive(Debug, Default)]
pub struct FnResult {
    pub hits: Vec<SinkHit>,
    pub summary: FnSummary,
    pub tainted_args: Vec<TaintedArg>,
    /// Fields of `this` this function assigns untrusted input to, with the source's description.
    pub field_stores: Vec<(Arc<str>, Arc<str>)>,
    /// The solver gave up (the function is too large); nothing is reported for it.
    pub gave_up: bool,
}

struct Engine<'r, 'a> {
    run: &'r TaintRun<'a>,
    /// Only this parameter is a parameter origin (the others are plain values): a run that gives
    /// the sanitization of one parameter's flow to the return value ([`analyze`]).
    only_param: Option<usize>,
    /// A parameter's value was sanitized for some kind: the one `pcleansed` mask of a value that
    /// mixes several parameters may then understate what one of them is sanitized for.
    param_sanitized: std::cell::Cell<bool>,
    report: bool,
    ret: Option<Taint>,
    /// Returned tuples/dicts whose elements carry only parameter flows, per key
    /// ([`FnSummary::keyed_return`]), while no return gave a whole tainted value.
    ret_keyed: BTreeMap<Const, Taint>,
    /// Some return gave a tainted value that is not such a keyed one.
    ret_whole: bool,
    /// Per parameter, the kinds it has been checked for at every return of a value other than a
    /// false constant (the intersection; `u64::MAX` before the first such return), and whether
    /// there was one ([`FnSummary::guards_params`]).
    ret_guarded: Vec<u64>,
    ret_truthy: bool,
    /// Per parameter, its variable and whether nothing else is assigned to it ([`param_vars`]),
    /// computed at the first return that needs it.
    param_vars: Option<Vec<Option<(Var, bool)>>>,
    hits: Vec<SinkHit>,
    tainted_args: Vec<TaintedArg>,
    pending_guard: Option<(Pos, Option<u64>, bool)>,
    pending_alias: Option<Var>,
    pending_obj: Option<Var>,
    cur_span: Span,
    field_stores: Vec<(Arc<str>, Arc<str>)>,
    param_to_this: u64,
    /// Variables that only ever hold a field of the enclosing object (`e = this.events`): a
    /// container stored into through one (`self.events.append(x)`) stores into the field.
    this_fields: std::collections::HashMap<Var, Arc<str>>,
}

/// The variables `f` binds its first `n` parameters to, each with whether it is assigned nothing
/// else in `f` (one pass over the instructions).
fn param_vars(f: &Function, n: usize) -> Vec<Option<(Var, bool)>> {
    let mut vars: Vec<Option<Var>> = vec![None; n];
    let mut assigns: std::collections::HashMap<Var, u32> = std::collections::HashMap::new();
    for i in f.blocks.iter().flat_map(|b| &b.insts) {
        if let Inst::Assign {
            dst: Some(d), expr, ..
        } = i
        {
            *assigns.entry(*d).or_default() += 1;
            if let Expr::Param(p) = expr {
                if let Some(slot) = vars.get_mut(*p as usize) {
                    slot.get_or_insert(*d);
                }
            }
        }
    }
    vars.into_iter()
        .map(|v| v.map(|v| (v, assigns.get(&v) == Some(&1))))
        .collect()
}

/// The variables of `f` assigned only a read of one field of the enclosing object.
fn this_field_vars(f: &Function) -> std::collections::HashMap<Var, Arc<str>> {
    let mut out: std::collections::HashMap<Var, Option<Arc<str>>> =
        std::collections::HashMap::new();
    for i in f.blocks.iter().flat_map(|b| &b.insts) {
        if let Inst::Assign {
            dst: Some(d), expr, ..
        } = i
        {
            let field = match expr {
                Expr::FieldLoad { base: None, field } => Some(field),
                _ => None,
            };
            match out.entry(*d) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(field.cloned());
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    if e.get().as_ref() != field {
                        e.insert(None);
                    }
                }
            }
        }
    }
    out.into_iter()
        .filter_map(|(v, f)| f.map(|f| (v, f)))
        .collect()
}

/// Whether untrusted input can appear in `functions` at all: a parameter source
/// (`param_sources`), a call that is a model source, or a call for which `returns_source` holds (a
/// method of the scanned code known to return untrusted input). When this is false, no value of the
/// functions is tainted, so they have no taint findings whatever else is known: the driver skips the
/// cross-file re-analysis of such a file.
pub fn may_have_source(
    functions: &[Function],
    param_sources: &[Vec<Option<Arc<str>>>],
    models: &Models,
    returns_source: impl Fn(&Call) -> bool,
) -> bool {
    param_sources.iter().flatten().any(Option::is_some)
        || crate::ir::calls(functions).any(|c| {
            models
                .call_effects(c, false)
                .iter()
                .any(|e| matches!(e.effect, Effect::Source { .. }))
                || returns_source(c)
        })
}

/// Whether the file's own sources make its taint results depend on the project facts
/// ([`FileReach::local_source`]): a parameter source, an unrestricted source, or a restricted one
/// (`only:`, a predictable random number) in a file with a sink of a kind it matters for. A
/// restricted source is followed within its file only, and a file's check reports its own sinks
/// only, so without such a sink the facts cannot change anything it reports.
#[must_use]
pub fn has_reportable_source(
    functions: &[Function],
    param_sources: &[Vec<Option<Arc<str>>>],
    models: &Models,
) -> bool {
    if param_sources.iter().flatten().any(Option::is_some) {
        return true;
    }
    let mut restricted_for = 0u64;
    for c in crate::ir::calls(functions) {
        for e in models.call_effects(c, false).iter() {
            match e.effect {
                Effect::Source {
                    restricted: false, ..
                } => return true,
                Effect::Source { safe_for, .. } => restricted_for |= !safe_for,
                _ => {}
            }
        }
    }
    restricted_for & sink_kinds(functions, models) != 0
}

/// The kinds of the sinks the file's calls reach, and of the return sinks whose prefix one of its
/// string constants starts with (`"redirect:" + url`). A file with none can report no taint
/// finding, whatever the project facts say: its check with them is skipped
/// ([`FileReach::may_sink`]). A front end that folds other files' constants into the IR adds the
/// kinds of [`Models::return_sink_kinds`] for those it could not fold without the project.
#[must_use]
pub fn sink_kinds(functions: &[Function], models: &Models) -> u64 {
    let mut kinds = 0u64;
    if !models.return_sinks().is_empty() {
        for s in string_constants(functions) {
            kinds |= models.return_sink_kinds(s);
        }
    }
    for c in crate::ir::calls(functions) {
        for e in models.call_effects(c, false).iter() {
            if let Effect::Sink { kind, .. } = e.effect {
                kinds |= 1u64 << kind;
            }
        }
    }
    kinds
}

/// The calls of the functions that may become sinks once the project's types are known: their
/// name is that of a sink of a named type (`update`, `executeUpdate`) and their receiver's type is
/// unknown (`None`: the project may type it) or one the models do not name (a class of the scanned
/// code: a sink if it extends a modelled type). Returns whether there is a call of the first
/// kind, and the classes of the second kind.
#[must_use]
pub fn may_become_sinks(functions: &[Function], models: &Models) -> (bool, Vec<Arc<str>>) {
    let mut untyped = false;
    let mut classes: std::collections::BTreeSet<Arc<str>> = std::collections::BTreeSet::new();
    for c in crate::ir::calls(functions) {
        if !models.is_sink_name(&c.name) {
            continue;
        }
        match &c.class {
            None => untyped = true,
            Some(t) if !models.knows_type(t) => {
                classes.insert(t.clone());
            }
            Some(_) => {}
        }
    }
    (untyped, classes.into_iter().collect())
}

/// The string constants a value can start with (`"redirect:"` in `"redirect:" + url`).
fn string_constants(functions: &[Function]) -> impl Iterator<Item = &str> {
    functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.insts)
        .flat_map(|i| {
            let ops: [Option<&Operand>; 2] = match i {
                Inst::Assign {
                    expr: Expr::Use(o), ..
                } => [Some(o), None],
                Inst::Assign {
                    expr: Expr::Binary(_, l, r),
                    ..
                } => [Some(l), Some(r)],
                _ => [None, None],
            };
            ops.into_iter().flatten().filter_map(|o| match o {
                Operand::Const(Const::Str(s)) => Some(&**s),
                _ => None,
            })
        })
}

/// The taint rule of each enabled sink kind.
pub type RuleOf = std::collections::HashMap<u32, Arc<vigil_core::Rule>>;

/// The taint rules (`analysis: taint`) enabled in `ctx`: the bit mask of their sink kinds (named by
/// the rule id's part after the language prefix) and the rule of each kind.
#[must_use]
pub fn enabled_kinds<F>(ctx: &vigil_core::CheckContext<'_, F>, models: &Models) -> (u64, RuleOf) {
    let mut kinds = 0u64;
    let mut rule_of = RuleOf::new();
    for r in ctx.rules_for_analysis("taint") {
        let name = r.id.split_once('/').map_or(&*r.id, |(_, n)| n);
        if let Some(k) = models.kind_index(name) {
            kinds |= 1u64 << k;
            rule_of.insert(k, r.clone());
        }
    }
    (kinds, rule_of)
}

/// What the linker knows of one file to decide whether the project facts can change its taint
/// results (`K` names a callable: (name, arity) in Java, the name in Python).
#[derive(Debug)]
pub struct FileReach<K> {
    pub path: Arc<str>,
    /// Untrusted input can appear in the file on its own ([`may_have_source`] without facts).
    pub local_source: bool,
    /// The file has a sink ([`sink_kinds`] is not empty): without one, no fact can give it a
    /// finding (a file's check reports its own sinks; what it passes to other files was recorded
    /// by the first pass).
    pub may_sink: bool,
    /// The callables the file defines.
    pub defines: Vec<K>,
    /// The callables the file calls.
    pub calls: Vec<K>,
}

/// The files to analyze again with the project facts: those untrusted input can reach, by a source
/// of their own, a tainted argument passed to a callable they define (`targeted`), or a call of a
/// callable that returns untrusted input (`returns_source`). In every other file no value is tainted,
/// with or without the facts, so its first-pass taint results are final.
pub fn files_to_recheck<K: std::hash::Hash + Eq, S: std::hash::BuildHasher>(
    files: Vec<FileReach<K>>,
    targeted: &std::collections::HashSet<K, S>,
    returns_source: impl Fn(&K) -> bool,
) -> std::collections::HashSet<Arc<str>> {
    files
        .into_iter()
        .filter(|f| {
            f.may_sink
                && (f.local_source
                    || f.defines.iter().any(|k| targeted.contains(k))
                    || f.calls.iter().any(&returns_source))
        })
        .map(|f| f.path)
        .collect()
}

/// The files whose results the linked project facts can change, per cross-file analysis: a file
/// that only the leak facts concern is not analyzed for taint again, and the other way round.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Rechecks {
    /// Files whose taint results can change.
    pub taint: std::collections::HashSet<Arc<str>>,
    /// Files whose resource-leak results can change.
    pub leak: std::collections::HashSet<Arc<str>>,
}

impl Rechecks {
    /// The analyses of `all` (the taint analysis' name, then the leak analysis') to run again for
    /// the file at `path`; empty when none.
    #[must_use]
    pub fn analyses(&self, path: &str, all: &'static [&'static str; 2]) -> &'static [&'static str] {
        match (self.taint.contains(path), self.leak.contains(path)) {
            (true, true) => all,
            (true, false) => &all[..1],
            (false, true) => &all[1..],
            (false, false) => &[],
        }
    }
}

/// Run the taint analysis over one function.
#[must_use]
pub fn analyze(f: &Function, run: &TaintRun<'_>) -> FnResult {
    analyze_with(f, run, None)
}

/// The sanitization of each parameter's own flow to the return value, when several parameters
/// reach it and one of them was sanitized on the way (`f"<h1>{escape(title)}</h1>{body}"`): one
/// run per such parameter, the others plain values.
fn param_masks(f: &Function, run: &TaintRun<'_>, summary: &mut FnSummary) {
    if summary.param_to_return.len() < 2 || summary.param_to_return.len() > 8 {
        return;
    }
    for entry in &mut summary.param_to_return {
        let one = analyze_with(f, run, Some(entry.0 as usize));
        if let Some(&(_, mask)) = one
            .summary
            .param_to_return
            .iter()
            .find(|(i, _)| *i == entry.0)
        {
            entry.1 = mask;
        }
    }
}

fn analyze_with(f: &Function, run: &TaintRun<'_>, only_param: Option<usize>) -> FnResult {
    let mut eng = Engine {
        run,
        only_param,
        param_sanitized: std::cell::Cell::new(false),
        report: false,
        ret: None,
        ret_keyed: BTreeMap::new(),
        ret_whole: false,
        ret_guarded: vec![u64::MAX; f.params.len().min(MAX_PARAMS)],
        ret_truthy: false,
        param_vars: None,
        hits: Vec::new(),
        tainted_args: Vec::new(),
        pending_guard: None,
        pending_alias: None,
        pending_obj: None,
        cur_span: Span::default(),
        field_stores: Vec::new(),
        param_to_this: 0,
        this_fields: this_field_vars(f),
    };
    let Ok(states) = solve(f, &mut eng, run.budget) else {
        return FnResult {
            gave_up: true,
            ..FnResult::default()
        };
    };
    eng.report = true;
    let mut out = Vec::new();
    for (i, st) in states.into_iter().enumerate() {
        let (Some(mut st), Some(block)) = (st, f.blocks.get(i)) else {
            continue;
        };
        let id = BlockId(u32::try_from(i).unwrap_or(u32::MAX));
        eng.transfer(f, id, block, &mut st, &mut out);
        out.clear();
    }
    let mut summary = FnSummary::default();
    let exclusive = run.models.exclusive();
    // Untrusted input of the function's own that is user input (not a restricted source, nor one
    // sanitized for some kind): its description.
    let own_source = |t: &Taint| -> Option<Arc<str>> {
        (t.origins & SOURCE_BIT != 0 && t.cleansed & !exclusive == 0).then(|| {
            t.trace.steps().first().map_or_else(
                || Arc::from("untrusted input"),
                |s| Arc::from(s.note.trim_start_matches("source: ")),
            )
        })
    };
    let keyed_ok = !eng.ret_whole
        && eng.ret_keyed.len() <= 16
        && eng
            .ret_keyed
            .values()
            .all(|t| t.origins & SOURCE_BIT == 0 || own_source(t).is_some());
    if !keyed_ok {
        for t in std::mem::take(&mut eng.ret_keyed).into_values() {
            eng.ret = join_opt(&eng.ret, &Some(t));
        }
    }
    for (k, t) in &eng.ret_keyed {
        let params: Vec<(u32, u64)> = (0..f.params.len().min(MAX_PARAMS))
            .filter(|i| t.origins & (1u64 << i) != 0)
            .map(|i| (u32::try_from(i).unwrap_or(0), t.pcleansed))
            .collect();
        let source = own_source(t);
        if !params.is_empty() || source.is_some() {
            summary.keyed_return.push(KeyedReturn {
                key: k.clone(),
                params,
                source,
            });
        }
    }
    if let Some(src) = summary.keyed_return.iter().find_map(|k| k.source.clone()) {
        summary.returns_source = Some(src);
        summary.keyed_source = true;
    }
    if let Some(r) = &eng.ret {
        summary.this_to_return = r.origins & THIS_BIT != 0;
        for i in 0..f.params.len().min(MAX_PARAMS) {
            if r.origins & (1u64 << i) != 0 {
                summary
                    .param_to_return
                    .push((u32::try_from(i).unwrap_or(0), r.pcleansed));
            }
        }
        let user = r.cleansed & !exclusive == 0;
        // A restricted source (a predictable random number): it matters for some of its kinds.
        let restricted = !user
            && !run.models.is_user_input(r.cleansed)
            && exclusive != 0
            && r.cleansed & exclusive != exclusive;
        // Untrusted input a caller passed in is returned to that caller through the parameter's
        // flow, not to every caller.
        if r.origins & SOURCE_BIT != 0 && (user || restricted) {
            let root = r
                .trace
                .steps()
                .first()
                .map(|s| Arc::from(s.note.trim_start_matches("source: ")));
            summary.returns_source = root.or_else(|| Some(Arc::from("untrusted input")));
            if restricted {
                summary.returns_source_safe_for = r.cleansed;
            }
        }
    }
    if eng.ret_truthy && only_param.is_none() {
        for (i, &mask) in eng.ret_guarded.iter().enumerate() {
            let inert = f
                .params
                .get(i)
                .and_then(|p| p.ty.as_deref())
                .is_some_and(|t| run.models.is_inert_type(t));
            if mask != 0 && !inert {
                summary
                    .guards_params
                    .push((u32::try_from(i).unwrap_or(0), mask));
            }
        }
    }
    for i in 0..f.params.len().min(MAX_PARAMS) {
        if eng.param_to_this & (1u64 << i) != 0 {
            summary.param_to_this.push(u32::try_from(i).unwrap_or(0));
        }
    }
    if only_param.is_none() && eng.param_sanitized.get() {
        param_masks(f, run, &mut summary);
    }
    // One hit per (kind, sink call).
    eng.hits.sort_by_key(|h| (h.call.span, h.kind));
    eng.hits.dedup_by_key(|h| (h.call.span, h.kind));
    FnResult {
        hits: eng.hits,
        summary,
        tainted_args: eng.tainted_args,
        field_stores: eng.field_stores,
        gave_up: false,
    }
}

impl Engine<'_, '_> {
    fn describe(&self, span: Span) -> String {
        (self.run.describe)(span)
    }

    fn eval_call(&mut self, f: &Function, call: &Call, st: &mut State) -> AbsVal {
        let models = self.run.models;
        let own_function = call.kind == CallKind::Static
            && call.receiver.is_none()
            && !call.on_this
            && self.run.callees.defines(call);
        let effects = models.call_effects(call, own_function);
        let arg_vals: Vec<AbsVal> = call.args.iter().map(|a| st.val(a)).collect();
        let recv_val = call
            .receiver
            .as_ref()
            .map(|r| st.val(r))
            .unwrap_or_default();
        let at = |p: Pos| -> Option<Taint> {
            match p {
                Pos::Receiver => recv_val.whole(),
                Pos::Arg(i) => arg_vals.get(i).and_then(AbsVal::whole),
                Pos::Args => arg_vals
                    .iter()
                    .fold(None, |acc, v| join_opt(&acc, &v.whole())),
                Pos::Return => None,
            }
        };
        // What a step shows: `new File(...)` for a constructor, not its IR name `<init>`.
        let name: Arc<str> = match (&call.kind, &call.class) {
            (CallKind::Constructor, Some(class)) => Arc::from(format!(
                "new {}(...)",
                class.rsplit(['.', '$']).next().unwrap_or(class)
            )),
            _ => call.name.clone(),
        };
        let mut is_sink = false;
        // Sinks first (reported in the final pass only).
        for e in &effects {
            if let Effect::Sink { kind, args } = &e.effect {
                is_sink = true;
                if !self.report || self.run.kinds & (1u64 << kind) == 0 {
                    continue;
                }
                for &p in args {
                    let positions: Vec<Pos> = match p {
                        Pos::Args => (0..call.args.len()).map(Pos::Arg).collect(),
                        other => vec![other],
                    };
                    for p in positions {
                        if let Some(t) = at(p) {
                            if t.reaches(*kind) {
                                let mut trace = t.trace.steps();
                                trace.push(Step {
                                    span: call.span,
                                    note: Arc::from(format!("reaches `{name}`")),
                                });
                                self.hits.push(SinkHit {
                                    kind: *kind,
                                    call: call.clone(),
                                    pos: p,
                                    trace,
                                });
                                break;
                            }
                        }
                    }
                }
            }
        }
        // The first non-sink effect that applies decides the result.
        let primary = effects.iter().find(|e| match &e.effect {
            Effect::Sink { .. } => false,
            Effect::Sanitizer {
                when: Some((i, needles)),
                ..
            } => match call.args.get(*i).and_then(|a| st.env.operand(a)) {
                Some(Const::Str(s)) => needles.iter().any(|n| s.contains(&**n)),
                _ => false,
            },
            Effect::Guard {
                target,
                other_const: true,
                ..
            } => {
                let other = match target {
                    Pos::Receiver => call.args.first(),
                    _ => call.receiver.as_ref(),
                };
                other.and_then(|o| st.env.operand(o)).is_some()
            }
            _ => true,
        });
        // An `alias:` guard entry of a call whose value another entry decides (`hmac.new(key,
        // data)` is a hash, and checking it checks `data`).
        if !matches!(primary.map(|e| &e.effect), Some(Effect::GuardAlias { .. })) {
            let target = effects.iter().find_map(|e| match &e.effect {
                Effect::GuardAlias { target } => Some(*target),
                _ => None,
            });
            let op = match target {
                Some(Pos::Receiver) => call.receiver.as_ref(),
                Some(Pos::Arg(i)) => call.args.get(i),
                _ => None,
            };
            if let Some(Operand::Var(v)) = op {
                self.pending_alias = Some(st.aliases.get(v).copied().unwrap_or(*v));
            }
        }
        let default_flow = || {
            let mut t = recv_val.whole();
            for a in &arg_vals {
                t = join_opt(&t, &a.whole());
            }
            t
        };
        match primary.map(|e| &e.effect) {
            Some(Effect::Source { safe_for, .. }) => {
                let note = format!("source: `{}`", self.describe(call.span));
                AbsVal::of(Some(Taint {
                    origins: SOURCE_BIT,
                    cleansed: *safe_for,
                    acleansed: u64::MAX,
                    pcleansed: u64::MAX,
                    trace: Trace::root(Step {
                        span: call.span,
                        note: Arc::from(note),
                    }),
                }))
            }
            Some(Effect::Sanitizer { kinds, .. }) => match kinds {
                None => AbsVal::default(),
                Some(mask) => AbsVal::of(default_flow().map(|t| {
                    let mut t = t.step(call.span, format!("encoded by `{name}`"));
                    self.note_sanitized(&t, *mask);
                    t.sanitize(*mask);
                    t
                })),
            },
            Some(Effect::Neutral) | Some(Effect::Guard { .. }) => {
                if let Some(Effect::Guard {
                    target,
                    kinds,
                    negated,
                    ..
                }) = primary.map(|e| &e.effect)
                {
                    // An allow-list filled with untrusted input proves nothing.
                    let list_tainted = *target != Pos::Receiver
                        && recv_val.whole().is_some_and(|t| t.from_source());
                    if !list_tainted {
                        self.pending_guard = Some((*target, *kinds, !*negated));
                    }
                }
                AbsVal::default()
            }
            Some(Effect::GuardAlias { target }) => {
                let op = match target {
                    Pos::Receiver => call.receiver.as_ref(),
                    Pos::Arg(i) => call.args.get(*i),
                    _ => None,
                };
                if let Some(Operand::Var(v)) = op {
                    self.pending_alias = Some(st.aliases.get(v).copied().unwrap_or(*v));
                }
                AbsVal::of(default_flow())
            }
            Some(Effect::Propagator { from, to, kinds }) => {
                if to.contains(&Pos::Receiver) && to.contains(&Pos::Return) {
                    if let Some(Operand::Var(r)) = &call.receiver {
                        self.pending_obj = Some(st.root(*r));
                    }
                }
                // A wrapper around arg0 (`new ObjectOutputStream(bytes)`): the same object for taint.
                if call.kind == CallKind::Constructor
                    && to.contains(&Pos::Return)
                    && to.contains(&Pos::Arg(0))
                {
                    if let Some(Operand::Var(a)) = call.args.first() {
                        self.pending_obj = Some(st.root(*a));
                    }
                }
                let mut t: Option<Taint> = None;
                for &p in from {
                    t = join_opt(&t, &at(p));
                }
                let t = t.map(|t| {
                    let mut t = t.step(call.span, format!("through `{name}`"));
                    self.note_sanitized(&t, *kinds);
                    t.sanitize(*kinds);
                    t
                });
                let mut result = AbsVal::default();
                for &p in to {
                    match p {
                        Pos::Return => result.t = join_opt(&result.t, &t),
                        Pos::Receiver => {
                            if let (Some(Operand::Var(r)), Some(t)) = (&call.receiver, &t) {
                                // Every variable holding the same object (fluent results, copies).
                                let root = st.root(*r);
                                let mut same: Vec<Var> = vec![*r, root];
                                same.extend(
                                    st.objs.keys().copied().filter(|k| st.root(*k) == root),
                                );
                                same.sort();
                                same.dedup();
                                for x in same {
                                    let mut v = st.val(&Operand::Var(x));
                                    v.t = join_opt(&v.t, &Some(t.clone()));
                                    st.vals.insert(x, v);
                                }
                            }
                        }
                        Pos::Arg(i) => {
                            if let (Some(Operand::Var(a)), Some(t)) = (call.args.get(i), &t) {
                                let mut v = st.val(&Operand::Var(*a));
                                v.t = join_opt(&v.t, &Some(t.clone()));
                                st.vals.insert(*a, v);
                            }
                        }
                        Pos::Args => {}
                    }
                }
                result
            }
            Some(Effect::Container { op, key }) => {
                self.container(*op, *key, call, st, &arg_vals, &recv_val)
            }
            Some(Effect::Sink { .. }) => AbsVal::default(),
            None => {
                // A function call that a `"*"` sink model names (`execute(job)`) may be a function
                // of the scanned code whose file the project facts are not known yet for: its
                // tainted arguments are recorded all the same.
                let maybe_own = call.kind == CallKind::Static && call.receiver.is_none();
                if is_sink && !maybe_own {
                    return AbsVal::default();
                }
                if self.report && call.kind != CallKind::Constructor {
                    for (i, v) in arg_vals.iter().enumerate() {
                        if let Some(t) = v.whole().filter(|t| t.user_input(self.run.models)) {
                            self.tainted_args.push(TaintedArg {
                                call: call.clone(),
                                index: u32::try_from(i).unwrap_or(0),
                                note: t.trace.steps().first().map_or_else(
                                    || Arc::from("untrusted input"),
                                    |s| s.note.clone(),
                                ),
                            });
                        }
                    }
                }
                if is_sink {
                    return AbsVal::default();
                }
                if call.kind != CallKind::Constructor
                    && default_flow().is_none()
                    && !self.run.callees.may_return_source(call)
                {
                    return AbsVal::default();
                }
                let summary = if call.kind == CallKind::Constructor {
                    None
                } else {
                    self.run.callees.summary(call, f)
                };
                if let Some(s) = summary {
                    // A check function: its result is a guard on the argument.
                    if let Some(&(i, mask)) = s.guards_params.first() {
                        self.pending_guard = Some((
                            Pos::Arg(i as usize),
                            (mask != u64::MAX).then_some(mask),
                            true,
                        ));
                    }
                    let mut t: Option<Taint> = None;
                    if s.this_to_return {
                        if let Some(r) = recv_val.whole() {
                            t = Some(r.step(call.span, format!("through `{name}`")));
                        }
                    }
                    if let Some(Operand::Var(r)) = &call.receiver {
                        for &i in &s.param_to_this {
                            if let Some(a) = arg_vals.get(i as usize).and_then(AbsVal::whole) {
                                let a = a.step(call.span, format!("stored by `{name}`"));
                                let root = st.root(*r);
                                for x in [*r, root] {
                                    let mut v = st.val(&Operand::Var(x));
                                    v.t = join_opt(&v.t, &Some(a.clone()));
                                    st.vals.insert(x, v);
                                }
                            }
                        }
                    }
                    let through = |i: u32, mask: u64| {
                        arg_vals.get(i as usize).and_then(AbsVal::whole).map(|a| {
                            let mut a = a.step(call.span, format!("through `{name}`"));
                            self.note_sanitized(&a, mask);
                            a.sanitize(mask);
                            a
                        })
                    };
                    for &(i, mask) in &s.param_to_return {
                        t = join_opt(&t, &through(i, mask));
                    }
                    let fresh = |src: &Arc<str>| Taint {
                        origins: SOURCE_BIT,
                        acleansed: u64::MAX,
                        pcleansed: u64::MAX,
                        cleansed: if s.returns_source_safe_for == 0 {
                            self.run.models.exclusive()
                        } else {
                            s.returns_source_safe_for
                        },
                        trace: Trace::root(Step {
                            span: call.span,
                            note: Arc::from(format!(
                                "source: `{}` returns {src}",
                                self.describe(call.span)
                            )),
                        }),
                    };
                    let mut keyed: BTreeMap<Const, Taint> = BTreeMap::new();
                    for k in &s.keyed_return {
                        let mut kt: Option<Taint> = k.source.as_ref().map(fresh);
                        for &(i, mask) in &k.params {
                            kt = join_opt(&kt, &through(i, mask));
                        }
                        if let Some(kt) = kt {
                            keyed.insert(k.key.clone(), kt);
                        }
                    }
                    if let Some(src) = s.returns_source.as_ref().filter(|_| !s.keyed_source) {
                        t = join_opt(&t, &Some(fresh(src)));
                    }
                    return AbsVal {
                        t,
                        keyed,
                        len: None,
                    };
                }
                let mut v = AbsVal::of(default_flow());
                if call.kind == CallKind::Constructor {
                    v.len = Some(0);
                }
                v
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn container(
        &mut self,
        op: ContainerOp,
        key_at: usize,
        call: &Call,
        st: &mut State,
        args: &[AbsVal],
        recv: &AbsVal,
    ) -> AbsVal {
        let key = call.args.get(key_at).and_then(|a| st.env.operand(a));
        // The key's arguments and those before it (a ConfigParser section) are not values.
        let args = args.get(key_at..).unwrap_or_default();
        let Some(Operand::Var(r)) = call.receiver.clone() else {
            return AbsVal::of(recv.whole());
        };
        let mut c = recv.clone();
        let result = match op {
            ContainerOp::StoreKey => {
                let v = args.get(1).and_then(AbsVal::whole);
                match key {
                    Some(k) => {
                        let prev = c.keyed.remove(&k);
                        if let Some(v) = v {
                            c.keyed.insert(k, v);
                        }
                        AbsVal::of(prev)
                    }
                    None => {
                        c.t = join_opt(&c.t, &v);
                        AbsVal::default()
                    }
                }
            }
            ContainerOp::LoadKey => match key {
                Some(k) => AbsVal::of(join_opt(&c.keyed.get(&k).cloned(), &c.t)),
                None => AbsVal::of(c.whole()),
            },
            ContainerOp::Append => {
                let v = args.first().and_then(AbsVal::whole);
                match c.len {
                    Some(n) => {
                        if let Some(v) = v {
                            c.keyed.insert(Const::Int(i64::from(n)), v);
                        }
                        c.len = Some(n + 1);
                    }
                    None => c.t = join_opt(&c.t, &v),
                }
                AbsVal::default()
            }
            ContainerOp::Insert => {
                let v = args.get(1).and_then(AbsVal::whole);
                match (key, c.len) {
                    (Some(Const::Int(i)), Some(n)) => {
                        let mut keyed = BTreeMap::new();
                        for (k, t) in std::mem::take(&mut c.keyed) {
                            match k {
                                Const::Int(j) if j >= i => {
                                    keyed.insert(Const::Int(j + 1), t);
                                }
                                other => {
                                    keyed.insert(other, t);
                                }
                            }
                        }
                        if let Some(v) = v {
                            keyed.insert(Const::Int(i), v);
                        }
                        c.keyed = keyed;
                        c.len = Some(n + 1);
                    }
                    _ => {
                        c.t = join_opt(&c.t, &v);
                        c.len = None;
                    }
                }
                AbsVal::default()
            }
            ContainerOp::RemoveIndex => match key {
                Some(Const::Int(i)) => {
                    let got = join_opt(&c.keyed.get(&Const::Int(i)).cloned(), &c.t);
                    let mut keyed = BTreeMap::new();
                    for (k, t) in std::mem::take(&mut c.keyed) {
                        match k {
                            Const::Int(j) if j == i => {}
                            Const::Int(j) if j > i => {
                                keyed.insert(Const::Int(j - 1), t);
                            }
                            other => {
                                keyed.insert(other, t);
                            }
                        }
                    }
                    c.keyed = keyed;
                    c.len = c.len.map(|n| n.saturating_sub(1));
                    AbsVal::of(got)
                }
                Some(k) => {
                    // Collection.remove(Object) or Map.remove(key).
                    let got = join_opt(&c.keyed.remove(&k), &c.t);
                    AbsVal::of(got)
                }
                None => AbsVal::of(c.whole()),
            },
            ContainerOp::LoadAll => AbsVal::of(c.whole()),
            ContainerOp::StoreAll => {
                let v = args.first().and_then(AbsVal::whole);
                c.t = join_opt(&c.t, &v);
                c.len = None;
                AbsVal::default()
            }
            ContainerOp::Clear => {
                c = AbsVal {
                    len: Some(0),
                    ..AbsVal::default()
                };
                AbsVal::default()
            }
        };
        if matches!(
            op,
            ContainerOp::StoreKey
                | ContainerOp::Append
                | ContainerOp::Insert
                | ContainerOp::StoreAll
        ) {
            if let Some(field) = self.this_fields.get(&st.root(r)).cloned() {
                self.store_this_field(&field, &c, false);
                st.fields.insert(field, c.clone());
            }
        }
        st.vals.insert(r, c);
        result
    }

    /// What storing `v` into the enclosing object's `field` tells the callers: untrusted input kept
    /// in a field (read by the class's other methods), and with `params` the parameters reaching the
    /// object. Trade-off: an element added to a field's container (`self.buf.append(msg)`) does not
    /// make the whole object carry the parameter for callers (every method called on it would then
    /// return it: `self.version_string()` after `self.send_response(code, msg)`); input from a
    /// caller's argument still reaches the field through the parameter's own source.
    fn store_this_field(&mut self, field: &Arc<str>, v: &AbsVal, params: bool) {
        if !self.report {
            return;
        }
        if let Some(t) = v.whole().filter(|_| params) {
            self.param_to_this |= t.origins & ((1u64 << MAX_PARAMS) - 1);
        }
        if let Some(t) = v.whole().filter(|t| t.user_input(self.run.models)) {
            let note = t
                .trace
                .steps()
                .first()
                .map_or_else(|| Arc::from("untrusted input"), |s| s.note.clone());
            self.field_stores.push((field.clone(), note));
        }
    }

    fn eval(&mut self, f: &Function, e: &Expr, st: &mut State) -> AbsVal {
        match e {
            Expr::Use(o) => st.val(o),
            Expr::Binary(BinOp::Add, a, b) => {
                AbsVal::of(join_opt(&st.val(a).whole(), &st.val(b).whole()))
            }
            Expr::Binary(..) | Expr::Unary(..) | Expr::This | Expr::CaughtException => {
                AbsVal::default()
            }
            Expr::Call(c) => self.eval_call(f, c, st),
            Expr::FieldLoad { base: None, field } => match st.fields.get(field) {
                Some(v) => v.clone(),
                None => {
                    // Not untrusted input itself: sanitized for every kind, so that joining it
                    // with a sanitized value (`base.resolve(getFileName(x))`, `prefix + enc(x)`)
                    // keeps that value's sanitization (`this_to_return` ignores the mask).
                    let this = Taint {
                        origins: THIS_BIT,
                        cleansed: u64::MAX,
                        acleansed: u64::MAX,
                        pcleansed: u64::MAX,
                        trace: Trace::root(Step {
                            span: self.cur_span,
                            note: Arc::from(format!("field `{field}`")),
                        }),
                    };
                    let src = self.run.field_sources.get(field).map(|src| Taint {
                        origins: SOURCE_BIT,
                        acleansed: u64::MAX,
                        pcleansed: u64::MAX,
                        cleansed: self.run.models.exclusive(),
                        trace: Trace::root(Step {
                            span: self.cur_span,
                            note: Arc::from(format!("source: field `{field}` ({src})")),
                        }),
                    });
                    AbsVal::of(join_opt(&src, &Some(this)))
                }
            },
            Expr::FieldLoad {
                base: Some(b),
                field,
            } => {
                if &**field == "length" {
                    return AbsVal::default();
                }
                let checked = match b {
                    Operand::Var(b) if !st.checked_fields.is_empty() => {
                        st.checked_fields.get(&(*b, field.clone())).copied()
                    }
                    _ => None,
                };
                match checked {
                    Some(None) => AbsVal::default(),
                    Some(Some(mask)) => AbsVal::of(st.val(b).whole().map(|mut t| {
                        t.sanitize(mask);
                        t
                    })),
                    None => AbsVal::of(st.val(b).whole()),
                }
            }
            Expr::ArrayLoad { array, index } => {
                let a = st.val(array);
                match st.env.operand(index) {
                    Some(k) => AbsVal::of(join_opt(&a.keyed.get(&k).cloned(), &a.t)),
                    None => AbsVal::of(a.whole()),
                }
            }
            Expr::ArrayNew(elems) => {
                let mut v = AbsVal {
                    len: Some(u32::try_from(elems.len()).unwrap_or(u32::MAX)),
                    ..AbsVal::default()
                };
                for (i, e) in elems.iter().enumerate() {
                    if let Some(t) = st.val(e).whole() {
                        v.keyed.insert(Const::Int(i64::try_from(i).unwrap_or(0)), t);
                    }
                }
                v
            }
            Expr::Param(i) => {
                let idx = *i as usize;
                let p = f.params.get(idx);
                if p.and_then(|p| p.ty.as_deref())
                    .is_some_and(|t| self.run.models.is_inert_type(t))
                {
                    return AbsVal::default();
                }
                let span = p.map_or(f.name_span, |p| p.span);
                let pname = p.map_or_else(|| format!("#{idx}"), |p| p.name.to_string());
                let mut t: Option<Taint> = None;
                if let Some(Some(src)) = self.run.param_sources.get(idx) {
                    let from_caller = src.starts_with(RECEIVES);
                    t = Some(Taint {
                        origins: if from_caller {
                            ARG_SOURCE_BIT
                        } else {
                            SOURCE_BIT
                        },
                        cleansed: if from_caller {
                            u64::MAX
                        } else {
                            self.run.models.exclusive()
                        },
                        acleansed: if from_caller {
                            self.run.models.exclusive()
                        } else {
                            u64::MAX
                        },
                        pcleansed: u64::MAX,
                        trace: Trace::root(Step {
                            span,
                            note: Arc::from(format!("source: parameter `{pname}` ({src})")),
                        }),
                    });
                }
                if idx < MAX_PARAMS && self.only_param.is_none_or(|only| only == idx) {
                    // Random values (`only:` sources) are not followed through parameters.
                    let pt = Taint {
                        origins: 1u64 << idx,
                        cleansed: u64::MAX,
                        acleansed: u64::MAX,
                        pcleansed: self.run.models.exclusive(),
                        trace: Trace::root(Step {
                            span,
                            note: Arc::from(format!("parameter `{pname}`")),
                        }),
                    };
                    t = join_opt(&t, &Some(pt));
                }
                AbsVal::of(t)
            }
        }
    }

    fn inst(&mut self, f: &Function, inst: &Inst, st: &mut State) {
        match inst {
            Inst::Assign { dst, expr, span } => {
                self.cur_span = *span;
                self.pending_guard = None;
                self.pending_alias = None;
                self.pending_obj = None;
                let c = eval_expr(expr, &st.env);
                let prefix: Option<Arc<str>> = match expr {
                    Expr::Use(Operand::Var(v)) | Expr::Binary(BinOp::Add, Operand::Var(v), _) => st
                        .prefixes
                        .get(v)
                        .cloned()
                        .or_else(|| match st.env.get(*v) {
                            Some(Const::Str(s)) => Some(s.clone()),
                            _ => None,
                        }),
                    Expr::Binary(BinOp::Add, Operand::Const(Const::Str(s)), _) => Some(s.clone()),
                    _ => None,
                };
                let mut v = self.eval(f, expr, st);
                // Guards: the result of a check call, or the negation of a guard.
                let guard = match (self.pending_guard.take(), expr) {
                    (Some((target, kinds, when)), Expr::Call(call)) => {
                        let op = match target {
                            Pos::Receiver => call.receiver.clone(),
                            Pos::Arg(i) => call.args.get(i).cloned(),
                            // Whichever argument stands for another value (`compare_digest(sig,
                            // hmac.new(key, data).digest())` checks `data`, in either order).
                            Pos::Args => call
                                .args
                                .iter()
                                .find(|a| {
                                    matches!(a, Operand::Var(v) if st.aliases.get(v).is_some_and(|r| r != v))
                                })
                                .cloned(),
                            Pos::Return => None,
                        };
                        match op {
                            Some(Operand::Var(t)) => Some(GuardFact {
                                target: st.aliases.get(&t).copied().unwrap_or(t),
                                kinds,
                                when,
                            }),
                            _ => None,
                        }
                    }
                    (_, Expr::Unary(UnOp::Not, Operand::Var(g))) => {
                        st.guards.get(g).map(|g| GuardFact {
                            when: !g.when,
                            ..g.clone()
                        })
                    }
                    _ => None,
                };
                let alias = self.pending_alias.take();
                let obj = self.pending_obj.take();
                if let Some(d) = dst {
                    let local = f.local(*d);
                    if local
                        .and_then(|l| l.ty.as_deref())
                        .is_some_and(|t| self.run.models.is_inert_type(t))
                    {
                        // A number carries no payload, but a predictable one still matters for
                        // the kinds only `only:` sources reach (`insecure-random`).
                        let keep = self.run.models.exclusive();
                        v = AbsVal::of(
                            v.whole()
                                .map(|mut t| {
                                    t.sanitize(!keep);
                                    t
                                })
                                .filter(|t| {
                                    t.cleansed != u64::MAX
                                        || t.acleansed != u64::MAX
                                        || t.pcleansed != u64::MAX
                                }),
                        );
                    }
                    if let (Some(t), Some(name)) = (&mut v.t, local.and_then(|l| l.name.as_ref())) {
                        *t = t.step(*span, format!("assigned to `{name}`"));
                    }
                    st.set(*d, v);
                    st.env.set(*d, c);
                    if let Some(p) = prefix {
                        st.prefixes.insert(*d, p);
                    }
                    if let Some(g) = guard {
                        st.guards.insert(*d, g);
                    }
                    if let Some(a) = alias {
                        st.aliases.insert(*d, a);
                    }
                    if let Some(o) = obj {
                        st.objs.insert(*d, o);
                    }
                    if let Expr::FieldLoad {
                        base: Some(Operand::Var(b)),
                        field,
                    } = expr
                    {
                        if b != d {
                            st.loads.insert(*d, (*b, field.clone()));
                        }
                    }
                    // A copy keeps what the source variable stood for.
                    if let Expr::Use(Operand::Var(src)) = expr {
                        if src != d {
                            if let Some(a) = st.aliases.get(src).copied() {
                                st.aliases.insert(*d, a);
                            }
                            if let Some(g) = st.guards.get(src).cloned() {
                                st.guards.insert(*d, g);
                            }
                            if let Some(l) = st.loads.get(src).cloned() {
                                st.loads.insert(*d, l);
                            }
                            // Reference semantics: `b = sb; b.append(x)` also changes `sb`.
                            let root = st.root(*src);
                            if root != *d {
                                st.objs.insert(*d, root);
                            }
                        }
                    }
                }
            }
            Inst::FieldStore {
                base, field, value, ..
            } => {
                if let Some(Operand::Var(b)) = base {
                    st.checked_fields.remove(&(*b, field.clone()));
                }
                let v = st.val(value);
                match base {
                    None => {
                        self.store_this_field(field, &v, true);
                        st.fields.insert(field.clone(), v);
                    }
                    Some(Operand::Var(b)) => {
                        if let Some(t) = v.whole() {
                            let mut bv = st.val(&Operand::Var(*b));
                            bv.t = join_opt(&bv.t, &Some(t));
                            st.vals.insert(*b, bv);
                        }
                    }
                    Some(_) => {}
                }
            }
            Inst::ArrayStore {
                array,
                index,
                value,
                ..
            } => {
                let Operand::Var(a) = array else { return };
                let t = st.val(value).whole();
                let mut av = st.val(array);
                match st.env.operand(index) {
                    Some(k) => {
                        match t {
                            Some(t) => av.keyed.insert(k, t),
                            None => av.keyed.remove(&k),
                        };
                    }
                    None => av.t = join_opt(&av.t, &t),
                }
                if let Some(field) = self.this_fields.get(&st.root(*a)).cloned() {
                    self.store_this_field(&field, &av, false);
                    st.fields.insert(field, av.clone());
                }
                st.vals.insert(*a, av);
            }
        }
    }
}

impl Engine<'_, '_> {
    /// At a return of `o` (not a false constant): narrow, per parameter, the kinds it is known to
    /// have been checked for here. A parameter is checked where the returned value is a guard on
    /// it that holds when true (`return x in ALLOWED`), where a guard removed its taint (its
    /// variable, never assigned anything else, no longer carries it), or for the kinds its value
    /// is sanitized for.
    fn note_return_guards(&mut self, f: &Function, o: &Operand, st: &State) {
        let exclusive = self.run.models.exclusive();
        let n = self.ret_guarded.len();
        let vars = self.param_vars.get_or_insert_with(|| param_vars(f, n));
        for p in 0..n {
            if self.ret_guarded[p] == 0 {
                continue;
            }
            let Some((pv, only_param)) = vars.get(p).copied().flatten() else {
                self.ret_guarded[p] = 0;
                continue;
            };
            let bit = 1u64 << p;
            let returned_guard = match o {
                Operand::Var(r) => st
                    .guards
                    .get(r)
                    .filter(|g| g.when && g.target == pv)
                    .map(|g| g.kinds.unwrap_or(u64::MAX)),
                _ => None,
            };
            let here = match st.vals.get(&pv).and_then(AbsVal::whole) {
                Some(t) if t.origins & bit != 0 => t.pcleansed & !exclusive,
                _ if only_param => u64::MAX,
                _ => 0,
            };
            self.ret_guarded[p] &= returned_guard.map_or(here, |g| g | here);
        }
    }

    /// Record that a value with parameter origins is sanitized for kinds it was not yet.
    fn note_sanitized(&self, t: &Taint, mask: u64) {
        if t.origins & ((1u64 << MAX_PARAMS) - 1) != 0 && mask & !t.pcleansed != 0 {
            self.param_sanitized.set(true);
        }
    }

    fn branch_state(&self, st: &State, cond: &Operand, taken: bool) -> State {
        let mut s = st.clone();
        if let Operand::Var(c) = cond {
            if let Some(g) = st.guards.get(c) {
                if g.when == taken {
                    if let Some(path) = st.loads.get(&g.target) {
                        let e = s.checked_fields.entry(path.clone()).or_insert(g.kinds);
                        *e = match (*e, g.kinds) {
                            (Some(a), Some(b)) => Some(a | b),
                            _ => None,
                        };
                    }
                    match g.kinds {
                        None => {
                            s.vals.remove(&g.target);
                        }
                        Some(mask) => {
                            if let Some(v) = s.vals.get_mut(&g.target) {
                                if let Some(t) = &mut v.t {
                                    self.note_sanitized(t, mask);
                                    t.sanitize(mask);
                                }
                            }
                        }
                    }
                }
            }
        }
        s
    }
}

impl Analysis for Engine<'_, '_> {
    type State = State;

    fn entry_state(&self, _f: &Function) -> State {
        State::default()
    }

    fn join(&self, into: &mut State, other: &State) {
        into.env.join(&other.env);
        for (k, v) in &other.vals {
            into.vals.entry(*k).or_default().join(v);
        }
        for (k, v) in &other.fields {
            into.fields.entry(k.clone()).or_default().join(v);
        }
        into.guards.retain(|k, g| other.guards.get(k) == Some(g));
        into.aliases.retain(|k, a| other.aliases.get(k) == Some(a));
        into.objs.retain(|k, a| other.objs.get(k) == Some(a));
        into.prefixes
            .retain(|k, a| other.prefixes.get(k) == Some(a));
        into.loads.retain(|k, a| other.loads.get(k) == Some(a));
        into.checked_fields
            .retain(|k, a| other.checked_fields.get(k) == Some(a));
    }

    fn transfer(
        &mut self,
        f: &Function,
        _id: BlockId,
        block: &Block,
        st: &mut State,
        out: &mut Vec<(BlockId, State)>,
    ) {
        for i in &block.insts {
            self.inst(f, i, st);
        }
        match &block.term {
            Terminator::Return(Some(o), span) if self.report => {
                if let (Operand::Var(v), Some(t)) = (o, st.val(o).whole()) {
                    let prefix = st.prefixes.get(v);
                    for (p, kind) in self.run.models.return_sinks() {
                        let reported = self.run.kinds & (1u64 << kind) != 0;
                        if reported
                            && t.reaches(*kind)
                            && prefix.is_some_and(|x| x.starts_with(&**p))
                        {
                            let mut trace = t.trace.steps();
                            trace.push(Step {
                                span: *span,
                                note: Arc::from(format!("returned as a `{p}` view name")),
                            });
                            self.hits.push(SinkHit {
                                kind: *kind,
                                call: Call {
                                    name: Arc::from("return"),
                                    class: None,
                                    kind: CallKind::Static,
                                    receiver: None,
                                    on_this: false,
                                    args: vec![o.clone()],
                                    span: *span,
                                },
                                pos: Pos::Arg(0),
                                trace,
                            });
                        }
                    }
                }
                if !matches!(
                    o,
                    Operand::Const(Const::Bool(false) | Const::Null | Const::Int(0))
                ) {
                    self.ret_truthy = true;
                    self.note_return_guards(f, o, st);
                }
                let v = st.val(o);
                let keyed = v.t.is_none()
                    && !v.keyed.is_empty()
                    && v.keyed.values().all(|t| t.origins & THIS_BIT == 0);
                if keyed {
                    for (k, t) in &v.keyed {
                        let t = t.step(*span, "returned");
                        let e = self.ret_keyed.entry(k.clone());
                        let j = match &e {
                            std::collections::btree_map::Entry::Occupied(o) => o.get().join(&t),
                            std::collections::btree_map::Entry::Vacant(_) => t,
                        };
                        e.insert_entry(j);
                    }
                } else {
                    let t = v.whole().map(|t| t.step(*span, "returned"));
                    self.ret_whole |= t.is_some();
                    self.ret = join_opt(&self.ret, &t);
                }
            }
            Terminator::Branch {
                cond, then, els, ..
            } => {
                let targets = feasible(&block.term, &st.env);
                for s in targets {
                    let taken = s == *then;
                    if *then == *els {
                        out.push((s, st.clone()));
                    } else {
                        out.push((s, self.branch_state(st, cond, taken)));
                    }
                }
                return;
            }
            Terminator::Switch {
                value: Operand::Var(v),
                cases,
                default,
                ..
            } => {
                // On a case edge the switched value equals a constant: it carries no taint there.
                for s in feasible(&block.term, &st.env) {
                    let mut next = st.clone();
                    if s != *default && cases.iter().any(|(_, b)| *b == s) {
                        next.vals.remove(v);
                    }
                    out.push((s, next));
                }
                return;
            }
            _ => {}
        }
        for s in feasible(&block.term, &st.env) {
            out.push((s, st.clone()));
        }
    }
}
