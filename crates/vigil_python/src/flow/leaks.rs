//! `analysis: resource-leak` for Python: the obligation analysis of `vigil_flow::obligation` over the
//! lowered functions of a file, with the resource models of `rules/python/models/resources.yaml`.
//!
//! Per file: the functions are lowered (module and class bodies are left out: what they open lives
//! as long as the program), the IR is adapted to what the models expect (below), the spans of
//! `with` items are collected (the language releases those) and the spans of `yield`s (the value
//! leaves the function), then `vigil_flow::leak_report` computes summaries of the file's functions
//! and the leaks of each.
//!
//! Adaptations of the IR, all local to this analysis:
//! - `mod.Class(...)` of a class the models know is a constructor call of `mod.Class`
//!   (`zipfile.ZipFile`, `io.TextIOWrapper`); keyword-selected pseudo-types (`subprocess#shell`) are
//!   the plain module;
//! - a method call on a module-level object (`_lock.acquire()`) gets the object as its receiver (a
//!   load of the global), so that `acquire` and `release` on it are matched;
//! - `self.x.acquire()` where the class assigns `self.x = threading.Lock()` (or `RLock()`) is a lock
//!   acquisition (fields are not typed by the lowering);
//! - `x is Y` / `x is not Y` compares `x` with `None` (a resource the function opened is a fresh
//!   object, never `Y`);
//! - `if f:` on a variable is `if f is not None:` (a resource object is always true);
//! - untyped parameters of functions the file calls are followed as possible resources, so that a
//!   helper that closes (or keeps, or only borrows) its argument is summarized.
//!
//! Module-level functions whose summary tells callers more than an unknown call does (a factory
//! returning a new resource, a parameter only borrowed, a function that cannot raise) are exported
//! in the file's summary; calls `mod.f(...)` / `from mod import f` in other files use them (the
//! project facts, `external`).
//!
//! A resource used as a temporary and never bound to a name (`open(p).read()`,
//! `json.load(open(p))`) is reported by `python/open-without-with`: CPython closes it when the
//! temporary is collected (at once, by reference counting), other implementations when the garbage
//! collector runs; both emit a `ResourceWarning`.

use crate::fields::Field;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use tree_sitter::Node;
use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, Edit, Fix, FixApplicability, RuleError, SourceFile, TextRange};
use vigil_flow::ir::{
    BinOp, Call, CallKind, Const, Expr, Function, Inst, Local, Operand, Terminator, Var,
};
use vigil_flow::leak_report::{
    analyze_functions, enabled_rules, model_error, report, rule_name, FileRun, Reporter, Wording,
};
use vigil_flow::obligation::{
    Kind, Leak, LeakCallees, LeakResult, LeakSummary, ParamEffect, ResourceModels,
};

use super::lower::LoweredFile;

/// The analysis name of the leak rules.
pub(crate) const NAME: &str = "resource-leak";

const BUDGET: usize = 20_000;
const ROUNDS: usize = 3;

/// The pseudo-type given to untyped parameters that may be resources (a type the models list as a
/// resource type).
const MAYBE_RESOURCE: &str = "typing.IO";

/// The process type, and its pipe attributes (views of it in the models).
const POPEN: &str = "subprocess.Popen";
const PIPES: &[&str] = &["stdin", "stdout", "stderr"];

/// Acquisitions that return the resource in a tuple (`conn, addr = sock.accept()`).
const TUPLE_RESULTS: &[&str] = &["accept", "socketpair"];

/// How Python speaks of leaks.
const WORDING: Wording = Wording {
    unit: "function",
    throw_keyword: "raise",
    db_rule: "db-resource-leak",
    io_advice: "use a `with` statement or close it in a `finally` block",
    lock_advice: "use `with lock:` or call `release()` in a `finally` block",
    executor_advice:
        "use a `with` statement, or shut it down (`shutdown()`/`close()`) when the work is done",
    lock_verbs: ("acquired", "released"),
};

/// The Python resource models embedded from `rules/python/models/resources.yaml` (loaded once).
///
/// # Errors
/// A [`RuleError`] naming the malformed model file.
pub(crate) fn load_resource_models() -> Result<&'static ResourceModels, RuleError> {
    static MODELS: OnceLock<Result<ResourceModels, RuleError>> = OnceLock::new();
    MODELS
        .get_or_init(|| ResourceModels::load_builtin("python"))
        .as_ref()
        .map_err(Clone::clone)
}

fn span(n: Node<'_>) -> TextRange {
    TextRange::new(n.start_byte(), n.end_byte())
}

/// What the leak analysis needs of a file's syntax tree, collected in one walk.
#[derive(Default)]
struct TreeFacts {
    /// The items of `with` statements (the statement releases the resource).
    managed: BTreeSet<TextRange>,
    /// Values that leave the function: `yield`s (handed to the consumer) and right-hand sides of
    /// assignments to names that outlive the function (see [`Scope`]).
    handed_off: BTreeSet<TextRange>,
    /// Fields `self.x` assigned a `threading.Lock()` / `RLock()` (see [`lock_field`]).
    lock_fields: HashSet<String>,
}

/// A function scope (the module, a function or a lambda) during the walk of [`tree_facts`]: names
/// that outlive it are those declared `global` or `nonlocal` in it and those a nested function or
/// lambda mentions (a closure keeps the value); what its own statements assign to such a name
/// escapes.
struct Scope<'t> {
    depth: usize,
    names: foldhash::HashSet<&'t str>,
    assigns: Vec<(&'t str, TextRange)>,
}

impl Scope<'_> {
    fn close(self, out: &mut BTreeSet<TextRange>) {
        for (l, r) in self.assigns {
            if self.names.contains(l) {
                out.insert(r);
            }
        }
    }
}

/// One walk of the tree (a cursor, no allocation per node) for [`TreeFacts`].
fn tree_facts<'t>(root: Node<'t>, text: &'t str) -> TreeFacts {
    let name_of = |n: Node<'_>| text.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let mut facts = TreeFacts::default();
    let mut scopes: Vec<Scope<'t>> = vec![Scope {
        depth: 0,
        names: foldhash::HashSet::default(),
        assigns: Vec::new(),
    }];
    vigil_query::preorder(root, |n, depth| {
        while scopes.len() > 1 && scopes.last().is_some_and(|s| s.depth >= depth) {
            if let Some(s) = scopes.pop() {
                s.close(&mut facts.handed_off);
            }
        }
        if !n.is_named() {
            return true;
        }
        match n.kind() {
            "function_definition" | "lambda" => scopes.push(Scope {
                depth,
                names: foldhash::HashSet::default(),
                assigns: Vec::new(),
            }),
            "identifier" => {
                let name = name_of(n);
                let outer = scopes.len().saturating_sub(1);
                for s in &mut scopes[..outer] {
                    s.names.insert(name);
                }
            }
            "global_statement" | "nonlocal_statement" => {
                let mut c = n.walk();
                if let Some(s) = scopes.last_mut() {
                    s.names.extend(n.named_children(&mut c).map(name_of));
                }
            }
            "assignment" => {
                if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                    if l.kind() == "identifier" {
                        if let Some(s) = scopes.last_mut() {
                            s.assigns.push((name_of(l), span(r)));
                        }
                    } else if let Some(f) = lock_field(l, r, text) {
                        facts.lock_fields.insert(f.to_owned());
                    }
                }
            }
            "with_item" => {
                facts.managed.insert(span(n));
                if let Some(v) = n.field("value") {
                    facts.managed.insert(span(v));
                    if v.kind() == "as_pattern" {
                        if let Some(x) = v.named_child(0) {
                            facts.managed.insert(span(x));
                        }
                    }
                }
            }
            "yield" => {
                facts.handed_off.insert(span(n));
            }
            "for_in_clause" | "for_statement" => {
                if let Some(it) = n.field("right").filter(|r| closes_when_exhausted(*r, text)) {
                    let early = n.kind() == "for_statement"
                        && n.field("body").is_some_and(leaves_loop_early);
                    if !early {
                        facts.managed.insert(span(it));
                    }
                }
            }
            _ => {}
        }
        true
    });
    for s in scopes.into_iter().rev() {
        s.close(&mut facts.handed_off);
    }
    facts
}

/// Iterators that close themselves when iterated to the end (`os.scandir`: "close() is called
/// automatically when the iterator is exhausted").
const SELF_CLOSING: &[&str] = &["scandir"];

/// Whether `n` is a call of a [`SELF_CLOSING`] iterator.
fn closes_when_exhausted(n: Node<'_>, text: &str) -> bool {
    n.kind() == "call"
        && n.field("function")
            .and_then(|f| text.get(f.start_byte()..f.end_byte()))
            .is_some_and(|f| SELF_CLOSING.contains(&f.rsplit('.').next().unwrap_or(f)))
}

/// Whether a loop body can leave the loop before its iterator is exhausted: a `break` of this
/// loop or a `return` (a `raise` leaves the function: the exceptional path is not this rule's).
fn leaves_loop_early(body: Node<'_>) -> bool {
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "break_statement" | "return_statement" => return true,
            // A nested loop's `break` is its own; a nested function's `return` too.
            "for_statement" | "while_statement" => {
                // Its `else` clause runs in this loop; a `return` in its body leaves this one.
                if let Some(e) = n.field("alternative") {
                    stack.push(e);
                }
                if n.field("body").is_some_and(has_return) {
                    return true;
                }
                continue;
            }
            "function_definition" | "lambda" | "class_definition" => continue,
            _ => {}
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    false
}

/// Whether `n` holds a `return` of the enclosing function.
fn has_return(n: Node<'_>) -> bool {
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        match x.kind() {
            "return_statement" => return true,
            "function_definition" | "lambda" | "class_definition" => continue,
            _ => {}
        }
        let mut c = x.walk();
        stack.extend(x.named_children(&mut c));
    }
    false
}

/// `self.x = threading.Lock()` (or `RLock()`): the field `x` holds a lock.
fn lock_field<'t>(left: Node<'_>, right: Node<'_>, text: &'t str) -> Option<&'t str> {
    if left.kind() != "attribute" || right.kind() != "call" {
        return None;
    }
    let callee = right
        .field("function")
        .and_then(|f| text.get(f.start_byte()..f.end_byte()))?;
    let last = callee.rsplit('.').next().unwrap_or(callee);
    let obj = left
        .field("object")
        .and_then(|o| text.get(o.start_byte()..o.end_byte()));
    if !matches!(last, "Lock" | "RLock") || obj != Some("self") {
        return None;
    }
    left.field("attribute")
        .and_then(|a| text.get(a.start_byte()..a.end_byte()))
}

fn new_var(f: &mut Function, ty: Option<Arc<str>>) -> Var {
    let v = Var(u32::try_from(f.locals.len()).unwrap_or(u32::MAX));
    f.locals.push(Local { name: None, ty });
    v
}

/// The receiver expression of a method call `obj.m(...)`, as written.
fn receiver_text<'a>(root: Node<'_>, text: &'a str, call: TextRange) -> Option<&'a str> {
    let n = root.descendant_for_byte_range(call.start as usize, call.end as usize)?;
    let n = if n.kind() == "call" {
        n
    } else {
        let p = n.parent()?;
        (p.kind() == "call" && p.start_byte() == n.start_byte()).then_some(p)?
    };
    let func = n.field("function")?;
    let obj = func.field("object")?;
    (obj.kind() == "identifier").then(|| text.get(obj.start_byte()..obj.end_byte()))?
}

/// Adapt a lowered function to the resource models (see the module documentation).
fn adapt(
    f: &mut Function,
    models: &ResourceModels,
    root: Node<'_>,
    text: &str,
    called: bool,
    lock_fields: &HashSet<String>,
) {
    // Variables loaded from a field of `self` that holds a lock.
    let lock_vars: HashSet<Var> = f
        .blocks
        .iter()
        .flat_map(|b| &b.insts)
        .filter_map(|i| match i {
            Inst::Assign {
                dst: Some(d),
                expr: Expr::FieldLoad { base: None, field },
                ..
            } if lock_fields.contains(&**field) => Some(*d),
            _ => None,
        })
        .collect();
    // Variables assigned from `x.acquire(...)` (their truth is the lock's).
    let mut from_acquire: HashSet<Var> = HashSet::new();
    let mut globals: HashMap<Arc<str>, Var> = HashMap::new();
    let mut pairs: HashSet<Var> = HashSet::new();
    // Variables assigned a new process (temporaries have no declared type).
    let mut processes: HashSet<Var> = HashSet::new();
    let nblocks = f.blocks.len();
    for bi in 0..nblocks {
        let mut insts = std::mem::take(&mut f.blocks[bi].insts);
        let mut out = Vec::with_capacity(insts.len());
        for mut inst in insts.drain(..) {
            if let Inst::Assign {
                dst,
                expr: Expr::Call(c),
                ..
            } = &mut inst
            {
                if let Some(cl) = c.class.as_deref() {
                    if let Some((plain, _)) = cl.split_once('#') {
                        c.class = Some(Arc::from(plain));
                    }
                }
                if text
                    .get(c.span.start as usize..c.span.end as usize)
                    .is_some_and(|t| t.ends_with(')'))
                {
                    constructor(c, models);
                    keyword_variant(c, models, root, text);
                    file_keyword_first(c, models, root, text);
                }
                if c.kind == CallKind::Virtual && matches!(c.receiver, Some(Operand::Opaque)) {
                    // A method of a module-level object: load it by name.
                    if let Some(name) = receiver_text(root, text, c.span) {
                        let key: Arc<str> = Arc::from(name);
                        let ty = c.class.clone();
                        let v = *globals.entry(key.clone()).or_insert_with(|| new_var(f, ty));
                        out.push(Inst::Assign {
                            dst: Some(v),
                            expr: Expr::FieldLoad {
                                base: None,
                                field: Arc::from(format!("<global>.{key}")),
                            },
                            span: c.span,
                        });
                        c.receiver = Some(Operand::Var(v));
                    }
                }
                if &*c.name == "acquire"
                    && c.class.is_none()
                    && matches!(&c.receiver, Some(Operand::Var(r)) if lock_vars.contains(r))
                {
                    c.class = Some(Arc::from("threading.Lock"));
                }
                if &*c.name == "acquire" {
                    if let Some(d) = dst {
                        from_acquire.insert(*d);
                    }
                }
                if c.kind == CallKind::Constructor
                    && c.class.as_deref().is_some_and(|t| t.starts_with(POPEN))
                {
                    if let Some(d) = dst {
                        processes.insert(*d);
                    }
                }
            }
            if let Inst::Assign {
                dst: Some(d),
                expr: Expr::Use(Operand::Var(s)),
                ..
            } = &inst
            {
                if from_acquire.contains(s) {
                    from_acquire.insert(*d);
                }
            }
            // `p.stdout` of a process: the pipe, a view of the process' obligation (closing it, or
            // `with p.stdout:`, releases what the process holds of the parent).
            if let Inst::Assign {
                expr: expr @ Expr::FieldLoad { .. },
                span,
                ..
            } = &mut inst
            {
                if let Expr::FieldLoad {
                    base: Some(Operand::Var(b)),
                    field,
                } = expr
                {
                    let is_process = processes.contains(b)
                        || f.local(*b)
                            .and_then(|l| l.ty.as_deref())
                            .is_some_and(|t| t.starts_with(POPEN));
                    if is_process && PIPES.contains(&&**field) {
                        *expr = Expr::Call(Call {
                            name: field.clone(),
                            class: Some(Arc::from(POPEN)),
                            kind: CallKind::Virtual,
                            receiver: Some(Operand::Var(*b)),
                            on_this: false,
                            args: Vec::new(),
                            span: *span,
                        });
                    }
                }
            }
            // `conn, addr = sock.accept()`: the unpacked elements are the resource.
            if let Inst::Assign {
                expr: expr @ Expr::ArrayLoad { .. },
                ..
            } = &mut inst
            {
                if let Expr::ArrayLoad {
                    array: Operand::Var(t),
                    ..
                } = expr
                {
                    if pairs.contains(t) {
                        *expr = Expr::Use(Operand::Var(*t));
                    }
                }
            }
            if let Inst::Assign {
                dst: Some(d),
                expr: Expr::Call(c),
                ..
            } = &inst
            {
                if TUPLE_RESULTS.contains(&&*c.name) {
                    pairs.insert(*d);
                }
            }
            out.push(inst);
        }
        f.blocks[bi].insts = out;
    }
    // `x is Y` / `x is not Y` with `x` a resource this function opened: a fresh object is not `Y`
    // (`if g is not sys.stdout: g.close()`), as if `Y` were `None`.
    for b in &mut f.blocks {
        for i in &mut b.insts {
            if let Inst::Assign {
                expr: Expr::Binary(BinOp::Eq | BinOp::Ne, Operand::Var(_), y),
                span,
                ..
            } = i
            {
                let is_identity = text
                    .get(span.start as usize..span.end as usize)
                    .is_some_and(|t| t.contains(" is "));
                if is_identity && !matches!(y, Operand::Const(_)) {
                    *y = Operand::Const(Const::Null);
                }
            }
        }
    }
    // `if f:` → `if f is not None:` on named variables (not on flags: `closed = True`).
    let flags: HashSet<Var> = f
        .blocks
        .iter()
        .flat_map(|b| &b.insts)
        .filter_map(|i| match i {
            Inst::Assign {
                dst: Some(d),
                expr: Expr::Use(Operand::Const(Const::Bool(_))),
                ..
            } => Some(*d),
            _ => None,
        })
        .collect();
    for bi in 0..nblocks {
        let Terminator::Branch {
            cond: Operand::Var(x),
            span: sp,
            ..
        } = f.blocks[bi].term.clone()
        else {
            continue;
        };
        let named = f.local(x).is_some_and(|l| l.name.is_some());
        if !named || from_acquire.contains(&x) || flags.contains(&x) {
            continue;
        }
        let t = new_var(f, None);
        f.blocks[bi].insts.push(Inst::Assign {
            dst: Some(t),
            expr: Expr::Binary(BinOp::Ne, Operand::Var(x), Operand::Const(Const::Null)),
            span: sp,
        });
        if let Terminator::Branch { cond, .. } = &mut f.blocks[bi].term {
            *cond = Operand::Var(t);
        }
    }
    if called {
        for p in &mut f.params {
            if p.ty.is_none() {
                p.ty = Some(Arc::from(MAYBE_RESOURCE));
            }
        }
    }
}

/// `mod.Class(...)` of a class the models know: a constructor call of `mod.Class`.
fn constructor(c: &mut Call, models: &ResourceModels) {
    if c.kind != CallKind::Static || !c.name.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        return;
    }
    let Some(m) = c.class.as_deref() else { return };
    let full = format!("{m}.{}", c.name);
    if models.knows(&full) {
        c.class = Some(Arc::from(full));
        c.name = Arc::from("<init>");
        c.kind = CallKind::Constructor;
    }
}

/// The argument list of the call `c` was lowered from (none for a call without one).
fn call_arguments<'t>(root: Node<'t>, c: &Call) -> Option<Node<'t>> {
    root.descendant_for_byte_range(c.span.start as usize, c.span.end as usize)?
        .field("arguments")
        .filter(|a| a.kind() == "argument_list")
}

/// A constructor whose keyword argument selects a variant the models name: `Class#kw=V`, with `V`
/// the last name of the value (`subprocess.Popen(cmd, stdout=subprocess.PIPE)` is
/// `subprocess.Popen#stdout=PIPE`, a process with a pipe to close).
fn keyword_variant(c: &mut Call, models: &ResourceModels, root: Node<'_>, text: &str) {
    if c.kind != CallKind::Constructor {
        return;
    }
    let Some(class) = c.class.clone() else { return };
    let Some(args) = call_arguments(root, c) else {
        return;
    };
    let mut cur = args.walk();
    for a in args.named_children(&mut cur) {
        if a.kind() != "keyword_argument" {
            continue;
        }
        let part = |f: &str| {
            a.field(f)
                .and_then(|x| text.get(x.start_byte()..x.end_byte()))
        };
        let (Some(k), Some(v)) = (part("name"), part("value")) else {
            continue;
        };
        let last = v.rsplit('.').next().unwrap_or(v);
        let variant = format!("{class}#{k}={last}");
        if models.knows(&variant) {
            c.class = Some(Arc::from(variant));
            return;
        }
    }
}

/// `tarfile.open(mode="w", fileobj=f)`: for an opener that takes a path or a file object, the
/// file object given by keyword is its first argument (the keywords follow the positional
/// arguments in the IR, in source order).
fn file_keyword_first(c: &mut Call, models: &ResourceModels, root: Node<'_>, text: &str) {
    if !models.takes_file_or_path(c.class.as_deref(), &c.name, c.args.len()) {
        return;
    }
    let Some(args) = call_arguments(root, c) else {
        return;
    };
    let mut cur = args.walk();
    let all: Vec<Node<'_>> = args
        .named_children(&mut cur)
        .filter(|a| a.kind() != "comment")
        .collect();
    let positional = all
        .iter()
        .filter(|a| a.kind() != "keyword_argument")
        .count();
    let keyword = all
        .iter()
        .filter(|a| a.kind() == "keyword_argument")
        .position(|a| {
            a.field("name")
                .and_then(|k| text.get(k.start_byte()..k.end_byte()))
                == Some("fileobj")
        });
    if let Some(i) = keyword.map(|k| positional + k) {
        if i < c.args.len() && i > 0 {
            let v = c.args.remove(i);
            c.args.insert(0, v);
        }
    }
}

/// Whether the acquisition is a temporary, never bound to a name: the receiver of a call, an
/// argument, an expression statement, the iterable of a `for`.
fn is_temporary(root: Node<'_>, acquired: TextRange) -> bool {
    let Some(n) = root.descendant_for_byte_range(acquired.start as usize, acquired.end as usize)
    else {
        return false;
    };
    let mut n = n;
    while n.kind() != "call" {
        match n.parent() {
            Some(p) if p.start_byte() == n.start_byte() && p.end_byte() == n.end_byte() => n = p,
            _ => return false,
        }
    }
    let Some(p) = n.parent() else { return false };
    match p.kind() {
        "attribute" => p
            .parent()
            .is_some_and(|g| g.kind() == "call" && g.field("function") == Some(p)),
        // An argument, a statement of its own (`open(p, "w")`), the iterable of a loop.
        "argument_list" | "expression_statement" => true,
        "for_statement" | "for_in_clause" => p.field("right") == Some(n),
        _ => false,
    }
}

/// The rule of a leak.
fn python_rule(l: &Leak, root: Node<'_>) -> &'static str {
    if matches!(l.kind, Kind::Io | Kind::Jdbc) && is_temporary(root, l.acquired) {
        return "open-without-with";
    }
    rule_name(l, &WORDING)
}

/// Whether a `return` (or the end of the function) is reachable from the entry on normal edges.
fn returns_normally(f: &Function) -> bool {
    let mut seen = vec![false; f.blocks.len()];
    let mut work = vec![vigil_flow::ir::BlockId(0)];
    while let Some(b) = work.pop() {
        let Some(block) = f.block(b) else { continue };
        if std::mem::replace(&mut seen[b.index()], true) {
            continue;
        }
        if matches!(block.term, Terminator::Return(..)) {
            return true;
        }
        work.extend(vigil_flow::cfg::successors(block));
    }
    false
}

/// Names of the functions and methods the file calls.
fn called_names(functions: &[Function]) -> HashSet<Arc<str>> {
    functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.insts)
        .filter_map(|i| match i {
            Inst::Assign {
                expr: Expr::Call(c),
                ..
            } => Some(c.name.clone()),
            _ => None,
        })
        .collect()
}

/// A module-level function's summary for callers in other modules: `(module, name, summary)`.
pub(crate) type Exported = (Arc<str>, Arc<str>, LeakSummary);

/// What other files' leak analyses need of a file (part of its phase-1 summary).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct LeakFacts {
    /// Summaries of the file's module-level functions that tell callers more than an unknown call
    /// does (a factory, a parameter only borrowed, a function that cannot raise).
    pub(crate) exported: Vec<Exported>,
    /// `(module or class, name)` of the calls that other files' summaries may answer.
    pub(crate) calls: Vec<(Arc<str>, Arc<str>)>,
    /// Those of [`Self::calls`] made while something is open on the path
    /// ([`vigil_flow::obligation::LeakResult::held_calls`]), in a file that acquires a resource:
    /// only there can a summary's effect on an argument, or whether the callee can raise, change
    /// the file's results. Elsewhere only a factory of another file can give it something to leak.
    pub(crate) holding_calls: Vec<(Arc<str>, Arc<str>)>,
}

/// The leak analysis of one file.
pub(crate) struct FileLeaks {
    functions: Vec<Function>,
    results: Vec<LeakResult>,
    pub(crate) facts: LeakFacts,
}

/// The calls of `functions` that [`LeakCallees`] of other files may answer (`mod.f(...)`, `f(...)`
/// imported from a module): `(module, name)`, without repeats. Calls of the file's own functions
/// (`own`: owner and name) are answered by their local summaries, never by other files.
fn external_calls(
    functions: &[Function],
    own: &BTreeSet<(Arc<str>, Arc<str>)>,
) -> Vec<(Arc<str>, Arc<str>)> {
    let set: BTreeSet<(Arc<str>, Arc<str>)> = vigil_flow::ir::calls(functions)
        .filter(|c| !c.on_this && (c.kind == CallKind::Static || c.receiver.is_none()))
        .filter_map(|c| Some((c.class.clone()?, c.name.clone())))
        .filter(|k| !own.contains(k))
        .collect();
    set.into_iter().collect()
}

/// Whether a leak rule is enabled.
pub(crate) fn enabled(ctx: &CheckContext<'_, super::Project>) -> bool {
    !enabled_rules(ctx, NAME, "python").is_empty()
}

/// What callers in other modules may use of a summary: the effect on parameters the analysis
/// followed (the others are kept, as for an unknown call), whether it returns a new resource and
/// whether it can raise. `None` when that is no more than an unknown call tells.
fn exported_summary(f: &Function, s: &LeakSummary, models: &ResourceModels) -> Option<LeakSummary> {
    let params: Vec<ParamEffect> = f
        .params
        .iter()
        .zip(&s.params)
        .map(|(p, e)| {
            let followed = p.ty.as_deref().is_some_and(|t| models.is_resource_type(t));
            if followed {
                *e
            } else {
                ParamEffect::Keeps
            }
        })
        .collect();
    let plain =
        params.iter().all(|e| *e == ParamEffect::Keeps) && s.returns.is_none() && s.may_throw;
    (!plain).then_some(LeakSummary {
        params,
        returns: s.returns,
        may_throw: s.may_throw,
    })
}

/// Analyze the functions of a lowered file (its own IR: the adaptations below are local to this
/// analysis); `external` answers calls of functions of other modules (the project facts).
///
/// # Errors
/// The resource models do not load.
pub(crate) fn analyze(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    lowered: &LoweredFile,
    external: Option<&dyn LeakCallees>,
) -> Result<FileLeaks, RuleError> {
    let models = load_resource_models()?;
    let root = tree.root_node();
    // Module and class bodies: what they open lives as long as the program.
    let (mut functions, top): (Vec<Function>, Vec<bool>) = lowered
        .functions
        .iter()
        .zip(&lowered.module_level)
        .filter(|(f, _)| !matches!(&*f.name, "<module>" | "<class>"))
        .map(|(f, t)| (f.clone(), *t))
        .unzip();
    let called = called_names(&functions);
    let facts = tree_facts(root, &file.text);
    // Parameters followed as possible resources: of the functions the file calls (following
    // every parameter would hide leaks: `zipfile.ZipFile(path)` would wrap a "resource" `path`).
    for f in &mut functions {
        let c = called.contains(&f.name);
        adapt(f, models, root, &file.text, c, &facts.lock_fields);
    }
    let run = FileRun {
        models,
        managed: &facts.managed,
        handed_off: &facts.handed_off,
        budget: BUDGET,
        rounds: ROUNDS,
        by_arity: false,
        external,
    };
    // A function that can only raise (`raise NotImplementedError`, an abstract method) says nothing
    // of what its overrides do with their arguments: they may keep them.
    let adjust = |f: &Function, s: &mut LeakSummary| {
        if !returns_normally(f) {
            s.params.iter_mut().for_each(|e| *e = ParamEffect::Keeps);
        }
    };
    let results = analyze_functions(&functions, &run, &adjust);
    let exported = functions
        .iter()
        .zip(&results)
        .zip(&top)
        .filter(|((f, r), top)| **top && !r.gave_up && !f.name.starts_with('<'))
        .filter_map(|((f, r), _)| {
            exported_summary(f, &r.summary, models).map(|s| (f.owner.clone(), f.name.clone(), s))
        })
        .collect();
    // Without a resource of its own the file has nothing a summary could change, unless a factory
    // of another file gives it one (`calls`). With one, only the calls made while something is open
    // matter (all calls of a function the analysis gave up on).
    let acquires = vigil_flow::ir::calls(&functions)
        .any(|c| models.acquires(c.class.as_deref(), &c.name, c.args.len()));
    let own: BTreeSet<(Arc<str>, Arc<str>)> = functions
        .iter()
        .map(|f| (f.owner.clone(), f.name.clone()))
        .collect();
    let holding_calls = if acquires {
        let mut held: BTreeSet<(Arc<str>, Arc<str>)> = BTreeSet::new();
        for (f, r) in functions.iter().zip(&results) {
            if r.gave_up {
                held.extend(external_calls(std::slice::from_ref(f), &own));
            } else {
                held.extend(r.held_calls.iter().cloned());
            }
        }
        external_calls(&functions, &own)
            .into_iter()
            .filter(|c| held.contains(c))
            .collect()
    } else {
        Vec::new()
    };
    let calls = external_calls(&functions, &own);
    Ok(FileLeaks {
        functions,
        results,
        facts: LeakFacts {
            exported,
            calls,
            holding_calls,
        },
    })
}

/// Run the leak rules over one lowered file and report their findings; what other files need of
/// it (empty when no leak rule is enabled or the models do not load).
pub(crate) fn check(
    file: &SourceFile,
    tree: &tree_sitter::Tree,
    ctx: &CheckContext<'_, super::Project>,
    lowered: &LoweredFile,
    external: Option<&dyn LeakCallees>,
    out: &mut FileOutput,
) -> LeakFacts {
    let rules = enabled_rules(ctx, NAME, "python");
    if rules.is_empty() {
        return LeakFacts::default();
    }
    let a = match analyze(file, tree, lowered, external) {
        Ok(a) => a,
        Err(e) => {
            out.notifications.push(model_error(file, &e));
            return LeakFacts::default();
        }
    };
    let root = tree.root_node();
    let fix = |l: &Leak| {
        (l.kind != Kind::Lock)
            .then(|| with_fix(file, root, l.acquired))
            .flatten()
    };
    let reporter = Reporter {
        rules: &rules,
        wording: &WORDING,
        rule_of: &|l| python_rule(l, root),
        fix: &fix,
    };
    report(file, &a.functions, &a.results, &reporter, out);
    a.facts
}

/// `x = acquire(...)` followed by more statements of its block becomes `with acquire(...) as x:`
/// over the rest of the block (indented one level). Not offered when the rest holds a string
/// spanning lines (indenting would change it).
fn with_fix(file: &SourceFile, root: Node<'_>, acquired: TextRange) -> Option<Fix> {
    let text = &file.text;
    let call = root.descendant_for_byte_range(acquired.start as usize, acquired.end as usize)?;
    let assign = call.parent().filter(|a| a.kind() == "assignment")?;
    if assign.field("right") != Some(call) {
        return None;
    }
    let target = assign.field("left").filter(|t| t.kind() == "identifier")?;
    let stmt = assign
        .parent()
        .filter(|s| s.kind() == "expression_statement" && s.named_child_count() == 1)?;
    let block = stmt.parent().filter(|b| b.kind() == "block")?;
    let rest_start = stmt.next_named_sibling()?;
    let rest_end = block.end_byte();
    // No string literal of the rest spans lines.
    let mut stack = vec![block];
    while let Some(n) = stack.pop() {
        if n.end_byte() <= rest_start.start_byte() {
            continue;
        }
        if n.kind() == "string" && n.start_position().row != n.end_position().row {
            return None;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    let call_text = text.get(call.start_byte()..call.end_byte())?;
    let name = text.get(target.start_byte()..target.end_byte())?;
    let mut edits = vec![Edit {
        range: span(stmt),
        replacement: format!("with {call_text} as {name}:"),
    }];
    // Indent every non-blank line of the rest of the block.
    let mut pos = stmt.end_byte();
    while let Some(nl) = text.get(pos..rest_end).and_then(|t| t.find('\n')) {
        let start = pos + nl + 1;
        if start >= rest_end {
            break;
        }
        let line_end = text
            .get(start..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| start + i);
        if text
            .get(start..line_end)
            .is_some_and(|l| !l.trim().is_empty())
        {
            edits.push(Edit {
                range: TextRange::new(start, start),
                replacement: "    ".into(),
            });
        }
        pos = start;
    }
    Some(Fix {
        description: "Open the resource in a `with` statement".into(),
        edits,
        applicability: FixApplicability::Unsafe,
    })
}
