//! `analysis: resource-leak` for Java: the obligation analysis of `vigil_flow::obligation` over the
//! lowered methods of a file, with the resource models of `rules/java/models/resources.yaml`.
//!
//! Per file: the methods are lowered, the spans of try-with-resources declarations are collected
//! (the language closes those), summaries of the file's own methods are computed in a few rounds
//! (which parameters a method closes, keeps or borrows; whether it returns a new resource), then
//! each method is checked and its leaks become findings of the rule of their kind.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use tree_sitter::Node;
use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, Finding, FlowStep, Related, RuleError, SourceFile, TextRange};
use vigil_flow::ir::{Call, CallKind, Expr, Function, Inst};
use vigil_flow::obligation::{
    analyze, is_resource_model_file, Kind, Leak, LeakCallees, LeakRun, LeakSummary, ParamEffect,
    ResourceModels,
};
use vigil_flow::Models;

use super::lower::{lower_file, ExternClasses};
use super::snippet;

/// The analysis name of the leak rules.
pub(crate) const NAME: &str = "resource-leak";

const BUDGET: usize = 20_000;
const ROUNDS: usize = 3;

/// The Java resource models embedded from `rules/java/models/resources.yaml` (loaded once).
///
/// # Errors
/// A [`RuleError`] naming the malformed model file.
pub(crate) fn load_resource_models() -> Result<&'static ResourceModels, RuleError> {
    static MODELS: OnceLock<Result<ResourceModels, RuleError>> = OnceLock::new();
    MODELS
        .get_or_init(|| {
            let files: Vec<(String, &str)> = vigil_core::builtin::model_files()
                .iter()
                .filter(|(p, _)| p.starts_with("java/") && is_resource_model_file(p))
                .map(|(p, t)| (format!("rules/{p}"), *t))
                .collect();
            let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
            ResourceModels::load(&refs)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Spans of try-with-resources declarations (`try (X x = ...)` and `try (x)`).
fn managed_spans(root: Node<'_>) -> BTreeSet<TextRange> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "resource" {
            out.insert(TextRange::new(n.start_byte(), n.end_byte()));
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out
}

/// Wildcard imports of the file (`import java.io.*;` → `java.io`).
fn wildcard_imports(root: Node<'_>, text: &str) -> (String, Vec<String>) {
    let mut package = String::new();
    let mut out = Vec::new();
    let mut c = root.walk();
    for n in root.named_children(&mut c) {
        let t = text.get(n.start_byte()..n.end_byte()).unwrap_or("");
        match n.kind() {
            "package_declaration" => {
                package = t
                    .trim_start_matches("package")
                    .trim()
                    .trim_end_matches(';')
                    .trim()
                    .to_owned();
            }
            "import_declaration" if !t.contains(" static ") => {
                let body = t
                    .trim_start_matches("import")
                    .trim()
                    .trim_end_matches(';')
                    .trim();
                if let Some(pkg) = body.strip_suffix(".*") {
                    out.push(pkg.to_owned());
                }
            }
            _ => {}
        }
    }
    (package, out)
}

/// Types the lowering resolved into the file's own package for want of knowing a wildcard-imported
/// type (`import java.io.*;` + `FileInputStream`): map them to the resource type they name.
fn resolve_wildcards(
    functions: &mut [Function],
    models: &ResourceModels,
    package: &str,
    wildcards: &[String],
    local_classes: &[Arc<str>],
) {
    if wildcards.is_empty() {
        return;
    }
    let mut cache: HashMap<Arc<str>, Option<Arc<str>>> = HashMap::new();
    let mut fix = |t: &mut Option<Arc<str>>| {
        let Some(ty) = t.clone() else { return };
        let simple = match ty.strip_prefix(package).and_then(|r| r.strip_prefix('.')) {
            Some(s) if !package.is_empty() => s,
            _ if package.is_empty() && !ty.contains('.') => &*ty,
            _ => return,
        };
        if local_classes.contains(&ty) {
            return;
        }
        let simple = simple.to_owned();
        let found = cache
            .entry(ty.clone())
            .or_insert_with(|| {
                wildcards
                    .iter()
                    .map(|w| format!("{w}.{simple}"))
                    .find(|cand| models.knows(cand))
                    .map(Arc::from)
            })
            .clone();
        if let Some(f) = found {
            *t = Some(f);
        }
    };
    for f in functions {
        for l in &mut f.locals {
            fix(&mut l.ty);
        }
        for p in &mut f.params {
            fix(&mut p.ty);
        }
        for b in &mut f.blocks {
            for i in &mut b.insts {
                if let Inst::Assign {
                    expr: Expr::Call(c),
                    ..
                } = i
                {
                    fix(&mut c.class);
                }
            }
        }
    }
}

/// Receivers of unknown type whose value comes from a modelled call (`rw.readLock().lock()`): give the
/// call the type the models return.
fn infer_receivers(f: &mut Function, models: &ResourceModels) {
    let mut ty: HashMap<vigil_flow::ir::Var, Arc<str>> = HashMap::new();
    for b in &mut f.blocks {
        for i in &mut b.insts {
            let Inst::Assign {
                dst,
                expr: Expr::Call(c),
                ..
            } = i
            else {
                continue;
            };
            if c.class.is_none() {
                if let Some(vigil_flow::ir::Operand::Var(r)) = &c.receiver {
                    c.class = ty.get(r).cloned();
                }
            }
            if let (Some(d), Some(cl)) = (dst, c.class.as_deref()) {
                if let Some(t) = models.return_type(cl, &c.name) {
                    ty.insert(*d, t);
                }
            }
        }
    }
}

type SumKey = (Arc<str>, Arc<str>, usize);

/// Summaries of the file's own methods.
struct FileCallees {
    by_owner: HashMap<SumKey, LeakSummary>,
    by_name: HashMap<(Arc<str>, usize), Vec<LeakSummary>>,
    owners: BTreeSet<Arc<str>>,
}

impl LeakCallees for FileCallees {
    fn summary(&self, call: &Call, caller: &Function) -> Option<LeakSummary> {
        if call.name.starts_with("lambda$") {
            return self
                .by_owner
                .get(&(caller.owner.clone(), call.name.clone(), call.args.len()))
                .cloned();
        }
        let owner = if call.on_this {
            Some(caller.owner.clone())
        } else {
            call.class.clone()
        };
        if let Some(o) = &owner {
            if let Some(s) = self
                .by_owner
                .get(&(o.clone(), call.name.clone(), call.args.len()))
            {
                return Some(s.clone());
            }
            // A library class (or a library method inherited by a class of this file).
            if !call.on_this || !self.owners.contains(o) {
                return None;
            }
        }
        if call.kind == CallKind::Constructor {
            return None;
        }
        // Receiver of unknown type or an inherited method: the same-named methods of the file, if
        // they agree.
        let cands = self.by_name.get(&(call.name.clone(), call.args.len()))?;
        let first = cands.first()?;
        cands.iter().all(|s| s == first).then(|| first.clone())
    }
}

fn summaries_of(functions: &[Function], results: &[LeakSummary]) -> FileCallees {
    let mut c = FileCallees {
        by_owner: HashMap::new(),
        by_name: HashMap::new(),
        owners: functions.iter().map(|f| f.owner.clone()).collect(),
    };
    for (f, s) in functions.iter().zip(results) {
        c.by_owner
            .insert((f.owner.clone(), f.name.clone(), f.params.len()), s.clone());
        if !f.name.starts_with('<') && !f.name.starts_with("lambda$") {
            c.by_name
                .entry((f.name.clone(), f.params.len()))
                .or_default()
                .push(s.clone());
        }
    }
    c
}

/// The rule name of a leak.
fn rule_name(l: &Leak) -> &'static str {
    match (l.kind, l.throw_site.is_some()) {
        (Kind::Lock, _) => "lock-not-released",
        (Kind::Executor, _) => "executor-not-shutdown",
        (Kind::Jdbc, false) => "jdbc-resource-leak",
        (_, false) => "resource-leak",
        (_, true) => "resource-leak-on-exception",
    }
}

/// Run the leak rules over one file.
pub(crate) fn check(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_>,
    taint_models: &Models,
    ext: Option<&ExternClasses>,
    out: &mut FileOutput,
) {
    let rules: HashMap<&str, &Arc<vigil_core::Rule>> = ctx
        .rules_for_analysis(NAME)
        .map(|r| (r.id.split_once('/').map_or(&*r.id, |(_, n)| n), r))
        .collect();
    if rules.is_empty() {
        return;
    }
    let models = match load_resource_models() {
        Ok(m) => m,
        Err(e) => {
            out.notifications.push(vigil_core::Notification::file(
                vigil_core::NotificationLevel::Error,
                "model-error",
                &file.rel_path,
                e.to_string(),
            ));
            return;
        }
    };
    let root = tree.root_node();
    let lowered = lower_file(&file.text, root, taint_models, ext);
    let mut functions = lowered.functions;
    let (package, wildcards) = wildcard_imports(root, &file.text);
    let local: Vec<Arc<str>> = lowered.classes.iter().map(|c| c.fqn.clone()).collect();
    resolve_wildcards(&mut functions, models, &package, &wildcards, &local);
    for f in &mut functions {
        infer_receivers(f, models);
    }
    let managed = managed_spans(root);
    // Summaries of the file's methods, a few rounds.
    let mut sums: Vec<LeakSummary> = functions
        .iter()
        .map(|f| LeakSummary {
            params: vec![ParamEffect::Keeps; f.params.len()],
            returns: None,
            may_throw: true,
        })
        .collect();
    let mut results = Vec::new();
    for round in 0..ROUNDS {
        let callees = summaries_of(&functions, &sums);
        let run = LeakRun {
            models,
            callees: &callees,
            managed: &managed,
            budget: BUDGET,
        };
        results = functions
            .iter()
            .map(|f| analyze(f, &run))
            .collect::<Vec<_>>();
        let new: Vec<LeakSummary> = results.iter().map(|r| r.summary.clone()).collect();
        if new == sums && round > 0 {
            break;
        }
        sums = new;
    }
    let mut gave_up = 0;
    for (f, r) in functions.iter().zip(&results) {
        if r.gave_up {
            gave_up += 1;
            continue;
        }
        for l in &r.leaks {
            let name = rule_name(l);
            let Some(rule) = rules.get(name) else {
                continue;
            };
            out.findings.push(finding(file, f, rule, l));
        }
    }
    if gave_up > 0 {
        out.notifications.push(vigil_core::Notification::file(
            vigil_core::NotificationLevel::Note,
            "too-complex",
            &file.rel_path,
            format!("resource-leak analysis skipped {gave_up} method(s) with too many paths"),
        ));
    }
}

fn finding(file: &SourceFile, f: &Function, rule: &vigil_core::Rule, l: &Leak) -> Finding {
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
        Kind::Lock => ("locked", "unlocked"),
        Kind::Executor => ("created", "shut down"),
        _ => ("opened", "closed"),
    };
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
                .is_some_and(|s| s.starts_with("throw"))
        {
            format!(
                "is not {release} when the `throw` at line {} leaves the method",
                line(t)
            )
        } else {
            format!(
                "is not {release} when `{}` (line {}) throws",
                snippet(file, t),
                line(t)
            )
        }
    } else if l.at_end {
        format!(
            "is not {release} at the end of the method (line {})",
            line(end)
        )
    } else {
        format!(
            "is not {release} when the method returns at line {}",
            line(l.exit)
        )
    };
    let advice = match l.kind {
        Kind::Lock => "call `unlock()` in a `finally` block",
        Kind::Executor => {
            "call `shutdown()` when the work is submitted, or keep the executor in a field"
        }
        _ => "use try-with-resources or close it in a `finally` block",
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
