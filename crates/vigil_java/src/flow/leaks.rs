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
use vigil_core::{CheckContext, Edit, Fix, FixApplicability, RuleError, SourceFile, TextRange};
use vigil_flow::ir::{Expr, Function, Inst};
use vigil_flow::leak_report::{
    analyze_functions, enabled_rules, model_error, report, rule_name, FileRun, Reporter, Wording,
};
use vigil_flow::obligation::{Kind, Leak, LeakSummary, ParamEffect, ResourceModels};

use super::lower::LoweredFile;
use crate::fields::Field;

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
        .get_or_init(|| ResourceModels::load_builtin("java"))
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
            if let Some(args) = n.field("arguments") {
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

/// How Java speaks of leaks.
const WORDING: Wording = Wording {
    unit: "method",
    throw_keyword: "throw",
    db_rule: "jdbc-resource-leak",
    io_advice: "use try-with-resources or close it in a `finally` block",
    lock_advice: "call `unlock()` in a `finally` block",
    executor_advice:
        "call `shutdown()` when the work is submitted, or keep the executor in a field",
    lock_verbs: ("locked", "unlocked"),
};

/// Run the leak rules over one file.
pub(crate) fn check(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, super::Project>,
    lowered: &LoweredFile,
    out: &mut FileOutput,
) {
    let rules = enabled_rules(ctx, NAME, "java");
    if rules.is_empty() {
        return;
    }
    let models = match load_resource_models() {
        Ok(m) => m,
        Err(e) => {
            out.notifications.push(model_error(file, &e));
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
    let run = FileRun {
        models,
        managed: &managed,
        handed_off: &handed_off,
        budget: BUDGET,
        rounds: ROUNDS,
        by_arity: true,
        external: None,
    };
    // A constructor that passes arguments to `super(...)`/`this(...)` may hand any parameter to
    // the object (`super(in)`): its parameters are kept.
    let adjust = |f: &Function, s: &mut LeakSummary| {
        if &*f.name == "<init>"
            && handed_off
                .iter()
                .any(|h| h.start >= f.span.start && h.end <= f.span.end)
        {
            s.params.iter_mut().for_each(|e| *e = ParamEffect::Keeps);
        }
    };
    let results = analyze_functions(&functions, &run, &adjust);
    let fix = |l: &Leak| {
        matches!(l.kind, Kind::Io | Kind::Jdbc)
            .then(|| twr_fix(file, root, l.acquired))
            .flatten()
    };
    let reporter = Reporter {
        rules: &rules,
        wording: &WORDING,
        rule_of: &|l| rule_name(l, &WORDING),
        fix: &fix,
    };
    report(file, &functions, &results, &reporter, out);
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
    let value = d.field("value")?;
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
