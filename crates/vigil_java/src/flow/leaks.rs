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
use vigil_core::{
    CheckContext, Edit, Finding, Fix, FixApplicability, FlowStep, Related, RuleError, SourceFile,
    TextRange,
};
use vigil_flow::ir::{Call, CallKind, Expr, Function, Inst};
use vigil_flow::obligation::{
    analyze, is_resource_model_file, Kind, Leak, LeakCallees, LeakRun, LeakSummary, ParamEffect,
    ResourceModels,
};

use super::lower::LoweredFile;
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

/// Spans of the arguments of `super(...)`/`this(...)`: the resource is handed to the constructor
/// being delegated to (the object under construction owns it).
fn handed_off_spans(root: Node<'_>) -> BTreeSet<TextRange> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "explicit_constructor_invocation" {
            if let Some(args) = n.child_by_field_name("arguments") {
                let mut c = args.walk();
                for a in args.named_children(&mut c) {
                    out.insert(TextRange::new(a.start_byte(), a.end_byte()));
                }
            }
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
                match i {
                    Inst::Assign {
                        expr: Expr::Call(c),
                        ..
                    } => fix(&mut c.class),
                    Inst::Assign {
                        expr: Expr::FieldLoad { base: None, field },
                        ..
                    } => {
                        // A static field of a class (`FileDescriptor.out`).
                        if let Some((class, name)) = field.rsplit_once('.') {
                            let mut t: Option<Arc<str>> = Some(Arc::from(class));
                            fix(&mut t);
                            if let Some(t) = t.filter(|t| &**t != class) {
                                *field = Arc::from(format!("{t}.{name}"));
                            }
                        }
                    }
                    _ => {}
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
    lowered: &LoweredFile,
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
    // The analysis rewrites receivers and callee types: it works on its own copy of the IR.
    let mut functions = lowered.functions.clone();
    let (package, wildcards) = wildcard_imports(root, &file.text);
    let local: Vec<Arc<str>> = lowered.classes.iter().map(|c| c.fqn.clone()).collect();
    resolve_wildcards(&mut functions, models, &package, &wildcards, &local);
    for f in &mut functions {
        infer_receivers(f, models);
    }
    let managed = managed_spans(root);
    let handed_off = handed_off_spans(root);
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
            handed_off: &handed_off,
            budget: BUDGET,
        };
        results = functions
            .iter()
            .map(|f| analyze(f, &run))
            .collect::<Vec<_>>();
        let mut new: Vec<LeakSummary> = results.iter().map(|r| r.summary.clone()).collect();
        // A constructor that passes arguments to `super(...)`/`this(...)` may hand any parameter
        // to the object (`super(in)`): its parameters are kept.
        for (f, s) in functions.iter().zip(&mut new) {
            if &*f.name == "<init>"
                && handed_off
                    .iter()
                    .any(|h| h.start >= f.span.start && h.end <= f.span.end)
            {
                s.params.iter_mut().for_each(|e| *e = ParamEffect::Keeps);
            }
        }
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
            let mut fd = finding(file, f, rule, l);
            if l.throw_site.is_none() && matches!(l.kind, Kind::Io | Kind::Jdbc) && !l.reacquired {
                if let Some(fix) = twr_fix(file, root, l.acquired) {
                    fd = fd.with_fix(fix);
                }
            }
            out.findings.push(fd);
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

/// Try-with-resources for a leaked resource declared by a local variable statement of a block:
/// `T x = acquire();` followed by the rest of the block becomes `try (T x = acquire()) { rest }`.
fn twr_fix(file: &SourceFile, root: Node<'_>, acquired: TextRange) -> Option<Fix> {
    let text = &file.text;
    let mut n = root.descendant_for_byte_range(acquired.start as usize, acquired.end as usize)?;
    while n.kind() != "local_variable_declaration" {
        if matches!(
            n.kind(),
            "block" | "lambda_expression" | "method_declaration" | "class_body"
        ) {
            return None;
        }
        n = n.parent()?;
    }
    let decl = n;
    let block = decl.parent().filter(|b| b.kind() == "block")?;
    let mut c = decl.walk();
    let declarators: Vec<Node<'_>> = decl
        .named_children(&mut c)
        .filter(|d| d.kind() == "variable_declarator")
        .collect();
    // One declarator whose initializer is the acquisition (possibly inside wrappers).
    let [d] = declarators.as_slice() else {
        return None;
    };
    let value = d.child_by_field_name("value")?;
    if value.start_byte() > acquired.start as usize || value.end_byte() < acquired.end as usize {
        return None;
    }
    let decl_text = text.get(decl.start_byte()..decl.end_byte())?;
    if !decl_text.ends_with(';') {
        return None;
    }
    let close = block.end_byte().checked_sub(1)?;
    if text.get(close..=close) != Some("}") {
        return None;
    }
    let line_start = |pos: usize| {
        text.get(..pos)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1)
    };
    let indent: String = text
        .get(line_start(decl.start_byte())..decl.start_byte())
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let mut edits = vec![
        Edit {
            range: TextRange::new(decl.start_byte(), decl.start_byte()),
            replacement: "try (".into(),
        },
        Edit {
            range: TextRange::new(decl.end_byte() - 1, decl.end_byte()),
            replacement: ") {".into(),
        },
    ];
    // Indent the statements that follow, up to the line of the block's closing brace.
    let close_line = line_start(close);
    let mut pos = decl.end_byte();
    while let Some(nl) = text.get(pos..close_line).and_then(|t| t.find('\n')) {
        let start = pos + nl + 1;
        if start >= close_line {
            break;
        }
        if text.get(start..).is_some_and(|t| !t.starts_with('\n')) {
            edits.push(Edit {
                range: TextRange::new(start, start),
                replacement: "    ".into(),
            });
        }
        pos = start;
    }
    let only_ws = text
        .get(close_line..close)
        .is_some_and(|t| t.chars().all(char::is_whitespace));
    let closing = if only_ws {
        Edit {
            range: TextRange::new(close_line, close_line),
            replacement: format!("{indent}}}\n"),
        }
    } else {
        Edit {
            range: TextRange::new(close, close),
            replacement: "} ".into(),
        }
    };
    edits.push(closing);
    Some(Fix {
        description: "Declare the resource in a try-with-resources statement".into(),
        edits,
        applicability: FixApplicability::Unsafe,
    })
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
