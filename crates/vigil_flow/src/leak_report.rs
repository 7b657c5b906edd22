//! The front-end-neutral half of the leak rules: summaries of a file's own functions computed in a
//! few rounds of [`obligation::analyze`], the rule a leak belongs to, and the finding (message,
//! related location, flow) in the words of the language ([`Wording`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use vigil_core::analyzer::FileOutput;
use vigil_core::{
    CheckContext, Finding, Fix, FlowStep, Notification, NotificationLevel, Related, Rule,
    RuleError, SourceFile, TextRange,
};

use crate::ir::{Call, CallKind, Function};
use crate::obligation::{
    analyze, Kind, Leak, LeakCallees, LeakResult, LeakRun, LeakSummary, ParamEffect, ResourceModels,
};

/// How a language speaks of leaks.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    /// `method` or `function`.
    pub unit: &'static str,
    /// The keyword that throws (`throw`, `raise`).
    pub throw_keyword: &'static str,
    /// The rule name (without the language prefix) of database leaks on normal paths.
    pub db_rule: &'static str,
    /// Advice for streams, files, sockets and connections.
    pub io_advice: &'static str,
    /// Advice for locks.
    pub lock_advice: &'static str,
    /// Advice for executors.
    pub executor_advice: &'static str,
    /// Past participles of acquiring and releasing a lock.
    pub lock_verbs: (&'static str, &'static str),
}

/// A short one-line excerpt of the source at `span`.
#[must_use]
pub fn snippet(file: &SourceFile, span: TextRange) -> String {
    let text = file
        .text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        let cut: String = one.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one
    }
}

type SumKey = (Arc<str>, Arc<str>, Option<usize>);

/// Summaries of the file's own functions: indexes into `sums`, which the worklist of
/// [`analyze_functions`] updates in place.
struct FileCallees<'a> {
    by_owner: HashMap<SumKey, usize>,
    by_name: HashMap<(Arc<str>, Option<usize>), Vec<usize>>,
    /// Owners (classes) of the file's functions.
    owners: BTreeSet<Arc<str>>,
    /// Match calls to functions by their number of arguments (Java overloads); Python matches by
    /// name only (default and keyword arguments).
    by_arity: bool,
    /// Summaries of functions of other files of the scan (the project facts), asked when the file
    /// has none of its own.
    external: Option<&'a dyn LeakCallees>,
    /// The current summary of each function of the file.
    sums: Vec<LeakSummary>,
    /// The locks each function of the file lets go of before it can throw
    /// ([`LeakResult::released_on_throw`]).
    released: Vec<Vec<Arc<str>>>,
}

impl FileCallees<'_> {
    fn arity(&self, n: usize) -> Option<usize> {
        self.by_arity.then_some(n)
    }
}

impl LeakCallees for FileCallees<'_> {
    fn summary(&self, call: &Call, caller: &Function) -> Option<LeakSummary> {
        self.local(call, caller).or_else(|| {
            self.external
                .filter(|_| !call.on_this && !call.name.starts_with("lambda$"))
                .and_then(|e| e.summary(call, caller))
        })
    }

    fn released_on_throw(&self, call: &Call, caller: &Function) -> Vec<Arc<str>> {
        let targets = self.targets(call, caller);
        let Some(first) = targets.first().and_then(|i| self.released.get(*i)) else {
            return Vec::new();
        };
        if targets.iter().all(|i| self.released.get(*i) == Some(first)) {
            first.clone()
        } else {
            Vec::new()
        }
    }
}

impl FileCallees<'_> {
    /// The summary of one of the file's own functions.
    fn local(&self, call: &Call, caller: &Function) -> Option<LeakSummary> {
        let targets = self.targets(call, caller);
        let first = self.sums.get(*targets.first()?)?;
        targets
            .iter()
            .all(|i| self.sums.get(*i) == Some(first))
            .then(|| first.clone())
    }

    /// The functions of the file `call` may reach: the one of its class, else (a receiver of
    /// unknown type, an inherited method) the same-named ones, whose facts are used only when
    /// they agree.
    fn targets(&self, call: &Call, caller: &Function) -> &[usize] {
        let arity = self.arity(call.args.len());
        if call.name.starts_with("lambda$") {
            return self
                .by_owner
                .get(&(caller.owner.clone(), call.name.clone(), arity))
                .map_or(&[], std::slice::from_ref);
        }
        let owner = if call.on_this {
            Some(caller.owner.clone())
        } else {
            call.class.clone()
        };
        if let Some(o) = &owner {
            if let Some(i) = self.by_owner.get(&(o.clone(), call.name.clone(), arity)) {
                return std::slice::from_ref(i);
            }
            // A library class (or a library method inherited by a class of this file).
            if !call.on_this || !self.owners.contains(o) {
                return &[];
            }
        }
        if call.kind == CallKind::Constructor {
            return &[];
        }
        self.by_name
            .get(&(call.name.clone(), arity))
            .map_or(&[], Vec::as_slice)
    }
}

fn callees_of<'a>(
    functions: &[Function],
    by_arity: bool,
    external: Option<&'a dyn LeakCallees>,
) -> FileCallees<'a> {
    let mut c = FileCallees {
        by_owner: HashMap::new(),
        by_name: HashMap::new(),
        owners: functions.iter().map(|f| f.owner.clone()).collect(),
        by_arity,
        external,
        // What is known of a function before it is analyzed: no more than of an unknown call.
        sums: functions
            .iter()
            .map(|f| LeakSummary {
                params: vec![ParamEffect::Keeps; f.params.len()],
                returns: None,
                may_throw: true,
            })
            .collect(),
        released: vec![Vec::new(); functions.len()],
    };
    for (i, f) in functions.iter().enumerate() {
        let arity = c.arity(f.params.len());
        c.by_owner
            .insert((f.owner.clone(), f.name.clone(), arity), i);
        if !f.name.starts_with('<') && !f.name.starts_with("lambda$") {
            c.by_name
                .entry((f.name.clone(), arity))
                .or_default()
                .push(i);
        }
    }
    c
}

/// What the front end passes to [`analyze_functions`].
pub struct FileRun<'a> {
    pub models: &'a ResourceModels,
    /// Spans bound by try-with-resources / `with` (see [`LeakRun::managed`]).
    pub managed: &'a BTreeSet<TextRange>,
    /// Spans of values handed to an owner (see [`LeakRun::handed_off`]).
    pub handed_off: &'a BTreeSet<TextRange>,
    pub budget: usize,
    /// How many times one function may be analyzed (its callees' summaries changing in between).
    pub rounds: usize,
    /// Match calls to the file's functions by argument count too.
    pub by_arity: bool,
    /// Summaries of other files' functions, for calls the file's own functions do not answer.
    pub external: Option<&'a dyn LeakCallees>,
}

/// For each function of the file, the functions of the file that may call it: a call of the
/// same name (an over-approximation of what [`FileCallees::local`] resolves).
fn callers_by_name(functions: &[Function]) -> Vec<Vec<usize>> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in functions.iter().enumerate() {
        by_name.entry(&f.name).or_default().push(i);
    }
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); functions.len()];
    for (caller, f) in functions.iter().enumerate() {
        let mut seen: HashSet<usize> = HashSet::new();
        for c in crate::ir::calls(std::slice::from_ref(f)) {
            for &g in by_name.get(&*c.name).into_iter().flatten() {
                if seen.insert(g) {
                    callers[g].push(caller);
                }
            }
        }
    }
    callers
}

/// An order in which callees come before their callers (a depth-first post-order of the call
/// graph; functions of a cycle in some order).
fn callee_first_order(callers: &[Vec<usize>]) -> Vec<usize> {
    let n = callers.len();
    let mut callees: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (g, cs) in callers.iter().enumerate() {
        for &f in cs {
            callees[f].push(g);
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        // (node, index of its next callee to visit)
        let mut stack = vec![(root, 0usize)];
        while let Some((v, k)) = stack.last_mut() {
            if let Some(&w) = callees[*v].get(*k) {
                *k += 1;
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(*v);
                stack.pop();
            }
        }
    }
    order
}

/// Analyze every function of a file: the summaries of the file's functions and the leaks of each.
///
/// A worklist in callee-first order: each function is analyzed once with the summaries of the
/// functions it calls, and again (at most `run.rounds` times in all) when one of them changes
/// (recursion). Without recursion, one analysis per function. `adjust` may correct a function's
/// summary after each analysis (a Java constructor that hands its parameters to `super(...)`
/// keeps them).
pub fn analyze_functions(
    functions: &[Function],
    run: &FileRun<'_>,
    adjust: &dyn Fn(&Function, &mut LeakSummary),
) -> Vec<LeakResult> {
    let mut callees = callees_of(functions, run.by_arity, run.external);
    let callers = callers_by_name(functions);
    let order = callee_first_order(&callers);
    // Position of each function in `order`: the worklist runs lowest position first.
    let mut pos = vec![0usize; functions.len()];
    for (p, &f) in order.iter().enumerate() {
        pos[f] = p;
    }
    let mut queue: BTreeSet<usize> = (0..order.len()).collect();
    let mut runs = vec![0usize; functions.len()];
    let mut results: Vec<LeakResult> = vec![LeakResult::default(); functions.len()];
    while let Some(p) = queue.pop_first() {
        let Some(&i) = order.get(p) else { continue };
        let Some(f) = functions.get(i) else { continue };
        runs[i] += 1;
        let lr = LeakRun {
            models: run.models,
            callees: &callees,
            managed: run.managed,
            handed_off: run.handed_off,
            budget: run.budget,
        };
        let r = analyze(f, &lr);
        let mut s = r.summary.clone();
        adjust(f, &mut s);
        let released = r.released_on_throw.clone();
        results[i] = r;
        if callees.sums[i] != s || callees.released[i] != released {
            callees.sums[i] = s;
            callees.released[i] = released;
            for &c in &callers[i] {
                if runs[c] > 0 && runs[c] < run.rounds.max(1) {
                    queue.insert(pos[c]);
                }
            }
        }
    }
    results
}

/// The rule name (without the language prefix) of a leak.
#[must_use]
pub fn rule_name(l: &Leak, w: &Wording) -> &'static str {
    match (l.kind, l.throw_site.is_some()) {
        (Kind::Lock, _) => "lock-not-released",
        (Kind::Executor, _) => "executor-not-shutdown",
        (Kind::Jdbc, false) => w.db_rule,
        (_, false) => "resource-leak",
        (_, true) => "resource-leak-on-exception",
    }
}

/// The finding of a leak in function `f`: at the acquisition, with the place where the resource is
/// lost as a related location and a flow (acquired → throwing call → exit).
#[must_use]
pub fn finding(file: &SourceFile, f: &Function, rule: &Rule, l: &Leak, w: &Wording) -> Finding {
    let acq = snippet(file, l.acquired);
    let line = |s: TextRange| file.line_col(s.start).line;
    let what = if l.wrapped.is_empty() {
        format!("`{acq}`")
    } else {
        format!("`{acq}` (wrapped in {})", l.wrapped.join(", "))
    };
    let end = TextRange::new(f.span.end.saturating_sub(1) as usize, f.span.end as usize);
    let exit_at = if l.at_end { end } else { l.exit };
    let (verb, release) = match l.kind {
        Kind::Lock => w.lock_verbs,
        Kind::Executor => ("created", "shut down"),
        _ => ("opened", "closed"),
    };
    let unit = w.unit;
    let lost = if l.reacquired {
        format!(
            "is {verb} again at line {} (in a loop) before the previous one is {release}",
            line(l.exit)
        )
    } else if let Some(t) = l.throw_site {
        if t == l.exit
            && file
                .text
                .get(t.start as usize..)
                .is_some_and(|s| s.starts_with(w.throw_keyword))
        {
            format!(
                "is not {release} when the `{}` at line {} leaves the {unit}",
                w.throw_keyword,
                line(t)
            )
        } else {
            format!(
                "is not {release} when `{}` (line {}) {}",
                snippet(file, t),
                line(t),
                if w.throw_keyword == "raise" {
                    "raises"
                } else {
                    "throws"
                }
            )
        }
    } else if l.at_end {
        format!(
            "is not {release} at the end of the {unit} (line {})",
            line(end)
        )
    } else {
        format!(
            "is not {release} when the {unit} returns at line {}",
            line(l.exit)
        )
    };
    let advice = match l.kind {
        Kind::Lock => w.lock_advice,
        Kind::Executor => w.executor_advice,
        _ => w.io_advice,
    };
    let message = format!("{}: {what} {lost}; {advice}", rule.meta.name);
    let lost_msg = if l.throw_site.is_some() {
        "an exception here leaves the resource open"
    } else {
        "the resource is lost here"
    };
    let mut flow = vec![FlowStep {
        location: file.location(l.acquired),
        message: format!("{verb} here"),
    }];
    if let Some(t) = l.throw_site {
        if t != exit_at {
            flow.push(FlowStep {
                location: file.location(t),
                message: "this call can throw".into(),
            });
        }
    }
    flow.push(FlowStep {
        location: file.location(exit_at),
        message: lost_msg.into(),
    });
    Finding::new(
        rule.id.clone(),
        rule.severity(),
        file.location(l.acquired),
        message,
    )
    .with_related(vec![Related {
        location: file.location(exit_at),
        message: lost_msg.into(),
    }])
    .with_flow(flow)
}

/// The enabled leak rules of a language (`lang/...` ids of `analysis`), by their name without the
/// language prefix.
#[must_use]
pub fn enabled_rules<'c, F>(
    ctx: &'c CheckContext<'_, F>,
    analysis: &'c str,
    lang: &str,
) -> HashMap<&'c str, &'c Arc<Rule>> {
    let prefix = format!("{lang}/");
    ctx.rules_for_analysis(analysis)
        .filter(|r| r.id.starts_with(&prefix))
        .map(|r| (r.id.split_once('/').map_or(&*r.id, |(_, n)| n), r))
        .collect()
}

/// The notice of a resource model file that does not load.
#[must_use]
pub fn model_error(file: &SourceFile, e: &RuleError) -> Notification {
    Notification::file(
        NotificationLevel::Error,
        "model-error",
        &file.rel_path,
        e.to_string(),
    )
}

/// How the front end classifies and fixes its leaks.
pub struct Reporter<'a> {
    pub rules: &'a HashMap<&'a str, &'a Arc<Rule>>,
    pub wording: &'a Wording,
    /// The rule name (without prefix) of a leak.
    pub rule_of: &'a dyn Fn(&Leak) -> &'static str,
    /// A mechanical fix for a leak, where there is one.
    pub fix: &'a dyn Fn(&Leak) -> Option<Fix>,
}

/// Turn the leaks of each function into findings of the enabled rules (with a fix where the front
/// end offers one), and note the functions that were too complex to analyze.
pub fn report(
    file: &SourceFile,
    functions: &[Function],
    results: &[LeakResult],
    r: &Reporter<'_>,
    out: &mut FileOutput,
) {
    let mut gave_up = 0;
    for (f, res) in functions.iter().zip(results) {
        if res.gave_up {
            gave_up += 1;
            continue;
        }
        for l in &res.leaks {
            let Some(rule) = r.rules.get((r.rule_of)(l)) else {
                continue;
            };
            let mut fd = finding(file, f, rule, l, r.wording);
            if l.throw_site.is_none() && !l.reacquired {
                if let Some(fix) = (r.fix)(l) {
                    fd = fd.with_fix(fix);
                }
            }
            out.findings.push(fd);
        }
    }
    if gave_up > 0 {
        out.notifications.push(Notification::file(
            NotificationLevel::Note,
            "too-complex",
            &file.rel_path,
            format!(
                "resource-leak analysis skipped {gave_up} {}(s) with too many paths",
                r.wording.unit
            ),
        ));
    }
}
