//! Lowering of tree-sitter-java trees to the `vigil_flow` IR, with Java name and type resolution
//! (imports, `java.lang`, wildcard imports checked against the models, declared types of locals,
//! fields and methods, return types of modelled library methods).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use tree_sitter::Node;
use vigil_core::TextRange;
use vigil_flow::ir::{
    BinOp, Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Local, Operand, Param,
    Terminator, UnOp, Var,
};
use vigil_flow::Models;

use crate::fields::Field;

const JAVA_LANG: &[&str] = &[
    "String",
    "StringBuilder",
    "StringBuffer",
    "Runtime",
    "ProcessBuilder",
    "Process",
    "Integer",
    "Long",
    "Short",
    "Byte",
    "Double",
    "Float",
    "Boolean",
    "Character",
    "System",
    "Math",
    "Object",
    "Class",
    "Thread",
    "Exception",
    "RuntimeException",
    "Iterable",
    "CharSequence",
    "Enum",
    "ClassLoader",
    "Number",
    "Throwable",
    "Error",
];

/// What the file declares: per class its fields, constants and method return types.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct ClassInfo {
    pub(crate) fqn: Arc<str>,
    pub(crate) supers: Vec<Arc<str>>,
    #[serde(serialize_with = "vigil_flow::ordered_map")]
    pub(crate) fields: HashMap<String, Arc<str>>,
    #[serde(serialize_with = "vigil_flow::ordered_map")]
    pub(crate) constants: HashMap<String, Const>,
    #[serde(serialize_with = "vigil_flow::ordered_map")]
    pub(crate) methods: HashMap<String, Arc<str>>,
}

/// Classes declared in other files of the scan (from phase 1), by fully qualified name.
pub(crate) type ExternClasses = HashMap<Arc<str>, ClassInfo>;

/// A lowered file.
#[derive(Debug, Default)]
pub(crate) struct LoweredFile {
    pub(crate) functions: Vec<Function>,
    pub(crate) classes: Vec<ClassInfo>,
    /// Functions (`Owner.name`) with code nested deeper than the lowering limit: the deepest parts
    /// were lowered as opaque values, so findings there may be missing.
    pub(crate) too_deep: Vec<Arc<str>>,
    /// Members of classes the file does not declare that the lowering asked about: with project
    /// facts, their types and values come from other files.
    pub(crate) external: Vec<ExternalUse>,
}

/// Nesting levels (statements, conditions, expressions that are not chains) lowered recursively.
/// Chains (`a + b + ...`, parentheses, `x.f().g()...`) are lowered iteratively and do not count.
pub(crate) const MAX_DEPTH: u32 = 2_000;

/// Stack bytes the recursive lowering of one function may use (whatever the thread's stack size,
/// at least 2 MiB for rayon and test threads): the second bound on nesting, which holds in debug
/// builds whose frames are large.
const STACK_BUDGET: usize = 1 << 20;

/// The address of a local of the caller's frame: how deep the stack is.
#[inline(never)]
fn stack_addr() -> usize {
    let x = 0u8;
    std::ptr::from_ref(std::hint::black_box(&x)) as usize
}

/// Names assigned by `x = ...`, `x += ...`, `x++` anywhere below `node` (iterative walk).
fn assigned_names(node: Node<'_>, src: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let target = match n.kind() {
            "assignment_expression" => n.field("left"),
            "update_expression" => n.named_child(0),
            _ => None,
        };
        if let Some(t) = target.map(unparen) {
            if t.kind() == "identifier" {
                out.insert(text(t, src).to_owned());
            }
        }
        stack.extend(named_children(n));
    }
    out
}

/// The expression inside any number of parentheses.
fn unparen(mut n: Node<'_>) -> Node<'_> {
    while n.kind() == "parenthesized_expression" {
        match n.named_child(0) {
            Some(i) => n = i,
            None => break,
        }
    }
    n
}

struct FileCtx<'a> {
    src: &'a str,
    package: String,
    imports: HashMap<String, String>,
    wildcards: Vec<String>,
    models: &'a Models,
    classes: HashMap<String, ClassInfo>,
    ext: Option<&'a ExternClasses>,
    /// Members of classes this file does not declare that the lowering asked about (their facts
    /// come from other files).
    /// By class, then member kind (every level looked up by `&str`, without allocating).
    external: std::cell::RefCell<ExternalUses>,
}

/// What the lowering used of a class another file declares.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Member {
    /// The type of a field.
    Field,
    /// Whether a field exists (an identifier is then not a class name).
    HasField,
    /// The result type of a method.
    Method,
    /// The value of a constant.
    Constant,
    /// The supertypes (`super.m()`); the name is empty.
    Supers,
}

/// A member of a class declared in another file that the lowering of this file asked about: the
/// class, what was asked and the member's name. The project facts change the file's lowering only
/// through these, so after the link only the files whose uses the facts answer are lowered again.
pub(crate) type ExternalUse = (Arc<str>, Member, Arc<str>);

type ExternalUses = BTreeMap<Arc<str>, BTreeMap<Member, BTreeSet<Arc<str>>>>;

fn simple_name(t: &str) -> &str {
    t.rsplit('.').next().unwrap_or(t)
}

fn text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    src.get(n.start_byte()..n.end_byte()).unwrap_or("")
}

fn span(n: Node<'_>) -> TextRange {
    TextRange::new(n.start_byte(), n.end_byte())
}

fn named_children(n: Node<'_>) -> Vec<Node<'_>> {
    let mut c = n.walk();
    n.named_children(&mut c).collect()
}

impl FileCtx<'_> {
    fn resolve(&self, raw: &str) -> Arc<str> {
        let base: String = raw
            .split('<')
            .next()
            .unwrap_or(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let dims = if raw.contains('<') {
            raw.rsplit('>').next().unwrap_or("").matches("[]").count()
        } else {
            0
        };
        let base = base.trim_end_matches("[]").to_owned();
        let arrays = if raw.contains('<') {
            dims
        } else {
            raw.matches("[]").count()
        };
        let fq = self.resolve_simple(&base);
        Arc::from(format!("{fq}{}", "[]".repeat(arrays)))
    }

    fn resolve_simple(&self, name: &str) -> String {
        if matches!(
            name,
            "int" | "long" | "short" | "byte" | "boolean" | "double" | "float" | "char" | "void"
        ) {
            return name.to_owned();
        }
        let (head, rest) = match name.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (name, None),
        };
        if let Some(fq) = self.imports.get(head) {
            return rest.map_or_else(|| fq.clone(), |r| format!("{fq}.{r}"));
        }
        if let Some(c) = self.classes.get(head) {
            return rest.map_or_else(|| c.fqn.to_string(), |r| format!("{}.{r}", c.fqn));
        }
        if rest.is_some() {
            return name.to_owned();
        }
        if JAVA_LANG.contains(&name) {
            return format!("java.lang.{name}");
        }
        for w in &self.wildcards {
            let cand = format!("{w}.{name}");
            if self.models.knows_type(&cand) {
                return cand;
            }
        }
        if self.package.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.package)
        }
    }

    /// `get` of the class `fqn`: declared in this file, or (recorded as an [`ExternalUse`]) in
    /// another file of the project.
    fn member<R>(
        &self,
        fqn: &str,
        member: Member,
        name: &str,
        get: impl FnOnce(&ClassInfo) -> Option<R>,
    ) -> Option<R> {
        let simple = fqn.rsplit('.').next().unwrap_or(fqn);
        if let Some(c) = self.classes.get(simple).filter(|c| &*c.fqn == fqn) {
            return get(c);
        }
        let known = self
            .external
            .borrow()
            .get(fqn)
            .and_then(|m| m.get(&member))
            .is_some_and(|names| names.contains(name));
        if !known {
            self.external
                .borrow_mut()
                .entry(Arc::from(fqn))
                .or_default()
                .entry(member)
                .or_default()
                .insert(Arc::from(name));
        }
        self.ext.and_then(|e| e.get(fqn)).and_then(get)
    }

    fn field_type(&self, fqn: &str, name: &str) -> Option<Arc<str>> {
        self.member(fqn, Member::Field, name, |c| c.fields.get(name).cloned())
    }

    fn has_field(&self, fqn: &str, name: &str) -> bool {
        self.member(fqn, Member::HasField, name, |c| {
            c.fields.contains_key(name).then_some(())
        })
        .is_some()
    }

    fn method_type(&self, fqn: &str, name: &str) -> Option<Arc<str>> {
        self.member(fqn, Member::Method, name, |c| c.methods.get(name).cloned())
    }

    fn constant(&self, fqn: &str, name: &str) -> Option<Const> {
        self.member(fqn, Member::Constant, name, |c| {
            c.constants.get(name).cloned()
        })
    }

    fn first_super(&self, fqn: &str) -> Option<Arc<str>> {
        self.member(fqn, Member::Supers, "", |c| c.supers.first().cloned())
    }

    /// The modelled type a method `name` of the scanned code's class `class` is inherited from:
    /// `jdbc.update(sql)` on a `class AppJdbcTemplate extends JdbcTemplate` that does not declare
    /// `update` is `JdbcTemplate.update`. `None` when the class is modelled itself, declares the
    /// method (its own code is what runs), or no modelled supertype is found.
    fn inherited_from(&self, class: &str, name: &str) -> Option<Arc<str>> {
        if self.models.knows_type(class) {
            return None;
        }
        let mut t: Arc<str> = Arc::from(class);
        for _ in 0..8 {
            if self.method_type(&t, name).is_some() {
                return None;
            }
            t = self.first_super(&t)?;
            if self.models.knows_type(&t) {
                return Some(t);
            }
        }
        None
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

fn literal(n: Node<'_>, src: &str) -> Option<Const> {
    let t = text(n, src);
    match n.kind() {
        "string_literal" => {
            let inner = if let Some(x) = t.strip_prefix("\"\"\"") {
                x.strip_suffix("\"\"\"")
                    .unwrap_or(x)
                    .trim_start_matches(['\n', '\r'])
            } else {
                t.strip_prefix('"')
                    .and_then(|x| x.strip_suffix('"'))
                    .unwrap_or(t)
            };
            Some(Const::Str(Arc::from(unescape(inner))))
        }
        "character_literal" => {
            let inner = t
                .strip_prefix('\'')
                .and_then(|x| x.strip_suffix('\''))
                .unwrap_or(t);
            unescape(inner).chars().next().map(Const::Char)
        }
        "decimal_integer_literal" => t
            .trim_end_matches(['l', 'L'])
            .replace('_', "")
            .parse()
            .ok()
            .map(Const::Int),
        "hex_integer_literal" => {
            let h = t.trim_end_matches(['l', 'L']).replace('_', "");
            let h = h.trim_start_matches("0x").trim_start_matches("0X");
            i64::from_str_radix(h, 16).ok().map(Const::Int)
        }
        "true" => Some(Const::Bool(true)),
        "false" => Some(Const::Bool(false)),
        "null_literal" => Some(Const::Null),
        _ => None,
    }
}

fn binop(op: &str) -> Option<BinOp> {
    Some(match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Rem,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "&&" => BinOp::And,
        "||" => BinOp::Or,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "^" => BinOp::BitXor,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        ">>>" => BinOp::UShr,
        _ => return None,
    })
}

fn modifiers_text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    named_children(n)
        .into_iter()
        .find(|c| c.kind() == "modifiers")
        .map_or("", |m| text(m, src))
}

fn annotations(n: Node<'_>, src: &str) -> Vec<Arc<str>> {
    let mut out = Vec::new();
    for c in named_children(n) {
        if c.kind() == "modifiers" {
            for a in named_children(c) {
                if matches!(a.kind(), "annotation" | "marker_annotation") {
                    if let Some(name) = a.field("name") {
                        out.push(Arc::from(text(name, src)));
                    }
                }
            }
        }
    }
    out
}

/// Lower every method, constructor, initializer and lambda of a file.
pub(crate) fn lower_file<'a>(
    src: &'a str,
    root: Node<'_>,
    models: &'a Models,
    ext: Option<&'a ExternClasses>,
) -> LoweredFile {
    let mut cx = FileCtx {
        src,
        package: String::new(),
        imports: HashMap::new(),
        wildcards: Vec::new(),
        models,
        classes: HashMap::new(),
        ext,
        external: std::cell::RefCell::default(),
    };
    for c in named_children(root) {
        match c.kind() {
            "package_declaration" => {
                if let Some(n) = named_children(c)
                    .into_iter()
                    .find(|n| n.kind() != "annotation")
                {
                    cx.package = text(n, src).to_owned();
                }
            }
            "import_declaration" => {
                let t = text(c, src);
                if t.contains(" static ") {
                    continue;
                }
                let body = t
                    .trim_start_matches("import")
                    .trim()
                    .trim_end_matches(';')
                    .trim();
                if let Some(pkg) = body.strip_suffix(".*") {
                    cx.wildcards.push(pkg.to_owned());
                } else if let Some((_, simple)) = body.rsplit_once('.') {
                    cx.imports.insert(simple.to_owned(), body.to_owned());
                }
            }
            _ => {}
        }
    }
    // Pass 1: classes, their fields, constants and method return types.
    let mut class_nodes = Vec::new();
    collect_classes(root, &mut class_nodes);
    for node in &class_nodes {
        if let Some(name) = node.field("name") {
            let simple = text(name, src).to_owned();
            let fqn = if cx.package.is_empty() {
                simple.clone()
            } else {
                format!("{}.{simple}", cx.package)
            };
            cx.classes.entry(simple).or_insert_with(|| ClassInfo {
                fqn: Arc::from(fqn),
                ..ClassInfo::default()
            });
        }
    }
    for node in &class_nodes {
        let Some(name) = node.field("name") else {
            continue;
        };
        let simple = text(name, src).to_owned();
        let mut supers = Vec::new();
        for c in named_children(*node) {
            if matches!(
                c.kind(),
                "superclass" | "super_interfaces" | "extends_interfaces"
            ) {
                let mut stack = vec![c];
                while let Some(x) = stack.pop() {
                    if matches!(x.kind(), "type_identifier" | "scoped_type_identifier") {
                        supers.push(cx.resolve(text(x, src)));
                    } else if x.kind() != "type_arguments" {
                        stack.extend(named_children(x));
                    }
                }
            }
        }
        let mut fields = HashMap::new();
        let mut constants = HashMap::new();
        let mut methods = HashMap::new();
        if let Some(body) = node.field("body") {
            for m in named_children(body) {
                match m.kind() {
                    "field_declaration" | "constant_declaration" => {
                        let Some(ty) = m.field("type") else {
                            continue;
                        };
                        let ty = cx.resolve(text(ty, src));
                        let mods = modifiers_text(m, src);
                        let is_const = (mods.contains("final") && mods.contains("static"))
                            || m.kind() == "constant_declaration";
                        for d in named_children(m) {
                            if d.kind() != "variable_declarator" {
                                continue;
                            }
                            let Some(n) = d.field("name") else {
                                continue;
                            };
                            let n = text(n, src).to_owned();
                            if is_const {
                                if let Some(v) = d.field("value").and_then(|v| literal(v, src)) {
                                    constants.insert(n.clone(), v);
                                }
                            }
                            fields.insert(n, ty.clone());
                        }
                    }
                    "method_declaration" => {
                        if let (Some(n), Some(t)) = (m.field("name"), m.field("type")) {
                            methods.insert(text(n, src).to_owned(), cx.resolve(text(t, src)));
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(ci) = cx.classes.get_mut(&simple) {
            ci.supers = supers;
            ci.fields = fields;
            ci.constants = constants;
            ci.methods = methods;
        }
    }
    // Pass 2: function bodies.
    let mut out = LoweredFile::default();
    let mut funcs = Vec::new();
    collect_functions(root, &mut funcs);
    for (node, class) in funcs {
        // Abstract and interface methods have no body: nothing to analyze, and no summary (a call
        // resolves to the implementations instead).
        if node.kind() == "method_declaration" && node.field("body").is_none() {
            continue;
        }
        let owner = class
            .and_then(|c| c.field("name"))
            .map(|n| text(n, src).to_owned())
            .and_then(|n| cx.classes.get(&n).map(|c| c.fqn.clone()))
            .unwrap_or_else(|| Arc::from("<anonymous>"));
        let mut b = Builder::new(&cx, owner);
        b.function(node);
        if b.too_deep {
            out.too_deep
                .push(Arc::from(format!("{}.{}", simple_name(&b.owner), b.name)));
        }
        out.functions.extend(b.finish(node));
    }
    out.external = cx
        .external
        .take()
        .into_iter()
        .flat_map(|(class, members)| {
            members.into_iter().flat_map(move |(member, names)| {
                let class = class.clone();
                names.into_iter().map(move |n| (class.clone(), member, n))
            })
        })
        .collect();
    out.classes = cx.classes.into_values().collect();
    out.classes.sort_by(|a, b| a.fqn.cmp(&b.fqn));
    out
}

fn collect_classes<'t>(root: Node<'t>, out: &mut Vec<Node<'t>>) {
    // Iterative: trees of generated code can be very deep.
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if matches!(
            n.kind(),
            "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration"
        ) {
            out.push(n);
        }
        let mut kids = named_children(n);
        kids.reverse();
        stack.extend(kids);
    }
}

fn collect_functions<'t>(root: Node<'t>, out: &mut Vec<(Node<'t>, Option<Node<'t>>)>) {
    let mut stack: Vec<(Node<'t>, Option<Node<'t>>)> = vec![(root, None)];
    while let Some((n, class)) = stack.pop() {
        let class = if matches!(
            n.kind(),
            "class_declaration"
                | "interface_declaration"
                | "enum_declaration"
                | "record_declaration"
        ) {
            Some(n)
        } else {
            class
        };
        match n.kind() {
            "method_declaration"
            | "constructor_declaration"
            | "static_initializer"
            | "compact_constructor_declaration" => {
                out.push((n, class));
            }
            "block" if n.parent().is_some_and(|p| p.kind() == "class_body") => out.push((n, class)),
            _ => {}
        }
        let mut kids = named_children(n);
        kids.reverse();
        stack.extend(kids.into_iter().map(|k| (k, class)));
    }
}

struct LoopCtx {
    label: Option<String>,
    brk: BlockId,
    cont: Option<BlockId>,
    /// Number of enclosing `finally` blocks at the loop: a `break`/`continue` runs the ones inside.
    finally_depth: usize,
}

struct Builder<'c, 't> {
    cx: &'c FileCtx<'c>,
    owner: Arc<str>,
    blocks: Vec<Block>,
    cur: BlockId,
    locals: Vec<Local>,
    scopes: Vec<HashMap<String, Var>>,
    handlers: Vec<Vec<BlockId>>,
    loops: Vec<LoopCtx>,
    finally: Vec<Node<'t>>,
    yields: Vec<(Var, BlockId)>,
    params: Vec<Param>,
    lambdas: Vec<Function>,
    name: Arc<str>,
    return_type: Option<Arc<str>>,
    is_static: bool,
    name_span: TextRange,
    pending_label: Option<String>,
    depth: u32,
    /// [`stack_addr`] where lowering of this function began.
    stack_base: usize,
    /// Some code was nested beyond [`MAX_DEPTH`] or [`STACK_BUDGET`].
    too_deep: bool,
    /// Names assigned (or incremented) anywhere in the function besides their declaration.
    reassigned: std::collections::HashSet<String>,
    /// For a lambda: the enclosing function's visible locals (name → variable, type).
    outer: HashMap<String, (Var, Option<Arc<str>>)>,
    /// For a lambda: captured (outer variable, inner variable) pairs.
    captures: Vec<(Var, Var)>,
}

impl<'c, 't> Builder<'c, 't> {
    fn new(cx: &'c FileCtx<'c>, owner: Arc<str>) -> Self {
        Builder {
            cx,
            owner,
            blocks: vec![Block {
                insts: Vec::new(),
                term: Terminator::Unreachable,
                handlers: Vec::new(),
            }],
            cur: BlockId(0),
            locals: Vec::new(),
            scopes: vec![HashMap::new()],
            handlers: Vec::new(),
            loops: Vec::new(),
            finally: Vec::new(),
            yields: Vec::new(),
            params: Vec::new(),
            lambdas: Vec::new(),
            name: Arc::from("<init>"),
            return_type: None,
            is_static: false,
            name_span: TextRange::default(),
            pending_label: None,
            depth: 0,
            stack_base: stack_addr(),
            too_deep: false,
            reassigned: std::collections::HashSet::new(),
            outer: HashMap::new(),
            captures: Vec::new(),
        }
    }

    fn src(&self) -> &'c str {
        self.cx.src
    }

    fn new_block(&mut self) -> BlockId {
        let id = BlockId(u32::try_from(self.blocks.len()).unwrap_or(u32::MAX));
        self.blocks.push(Block {
            insts: Vec::new(),
            term: Terminator::Unreachable,
            handlers: self.handlers.last().cloned().unwrap_or_default(),
        });
        id
    }

    fn emit(&mut self, inst: Inst) {
        if let Some(b) = self.blocks.get_mut(self.cur.index()) {
            b.insts.push(inst);
        }
    }

    /// End the current block and continue in a fresh (possibly unreachable) block.
    fn terminate(&mut self, term: Terminator) {
        if let Some(b) = self.blocks.get_mut(self.cur.index()) {
            b.term = term;
        }
        self.cur = self.new_block();
    }

    fn goto(&mut self, target: BlockId) {
        if let Some(b) = self.blocks.get_mut(self.cur.index()) {
            b.term = Terminator::Goto(target);
        }
    }

    fn new_local(&mut self, name: Option<&str>, ty: Option<Arc<str>>) -> Var {
        let v = Var(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(Local {
            name: name.map(Arc::from),
            ty,
        });
        if let (Some(n), Some(scope)) = (name, self.scopes.last_mut()) {
            scope.insert(n.to_owned(), v);
        }
        v
    }

    fn temp(&mut self) -> Var {
        self.new_local(None, None)
    }

    fn lookup(&self, name: &str) -> Option<Var> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// A local, or (in a lambda) a variable of the enclosing function, captured as an extra parameter.
    fn lookup_or_capture(&mut self, name: &str) -> Option<Var> {
        if let Some(v) = self.lookup(name) {
            return Some(v);
        }
        let (outer, ty) = self.outer.get(name).cloned()?;
        let inner = Var(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(Local {
            name: Some(Arc::from(name)),
            ty,
        });
        if let Some(root) = self.scopes.first_mut() {
            root.insert(name.to_owned(), inner);
        }
        self.captures.push((outer, inner));
        Some(inner)
    }

    fn assign(&mut self, expr: Expr, sp: TextRange) -> Operand {
        let t = self.temp();
        self.emit(Inst::Assign {
            dst: Some(t),
            expr,
            span: sp,
        });
        Operand::Var(t)
    }

    // ----- declarations -----

    fn function(&mut self, node: Node<'t>) {
        let src = self.src();
        self.name = match node.kind() {
            "method_declaration" => node
                .field("name")
                .map_or_else(|| Arc::from("<unnamed>"), |n| Arc::from(text(n, src))),
            "static_initializer" => Arc::from("<clinit>"),
            _ => Arc::from("<init>"),
        };
        self.name_span = node.field("name").map_or_else(|| span(node), span);
        self.is_static =
            modifiers_text(node, src).contains("static") || node.kind() == "static_initializer";
        self.return_type = node.field("type").map(|t| self.cx.resolve(text(t, src)));
        self.reassigned = assigned_names(node, src);
        if let Some(ps) = node.field("parameters") {
            self.params_of(ps);
        }
        if node.kind() == "block" {
            self.block(node);
        } else if let Some(body) = node.field("body").or_else(|| {
            named_children(node)
                .into_iter()
                .find(|c| c.kind() == "block")
        }) {
            self.block(body);
        }
        self.terminate(Terminator::Return(None, span(node)));
    }

    fn params_of(&mut self, ps: Node<'t>) {
        let src = self.src();
        let list: Vec<Node<'t>> = if ps.kind() == "identifier" {
            vec![ps]
        } else {
            named_children(ps)
        };
        for p in list {
            let (name, ty) = match p.kind() {
                "formal_parameter" | "spread_parameter" => {
                    let name = p.field("name").or_else(|| {
                        named_children(p)
                            .into_iter()
                            .rev()
                            .find(|c| c.kind() == "variable_declarator")
                            .and_then(|d| d.field("name"))
                    });
                    let ty = p.field("type").or_else(|| {
                        named_children(p)
                            .into_iter()
                            .find(|c| c.kind().ends_with("type") || c.kind() == "type_identifier")
                    });
                    (name, ty.map(|t| self.cx.resolve(text(t, src))))
                }
                "identifier" => (Some(p), None),
                _ => continue,
            };
            let Some(name) = name else { continue };
            let n = text(name, src).to_owned();
            let var = self.new_local(Some(&n), ty.clone());
            let idx = u32::try_from(self.params.len()).unwrap_or(u32::MAX);
            self.params.push(Param {
                var,
                name: Arc::from(n.as_str()),
                ty,
                annotations: annotations(p, src),
                span: span(p),
            });
            self.emit(Inst::Assign {
                dst: Some(var),
                expr: Expr::Param(idx),
                span: span(p),
            });
        }
    }

    fn finish(mut self, node: Node<'t>) -> Vec<Function> {
        let mut out = std::mem::take(&mut self.lambdas);
        out.push(Function {
            name: self.name,
            owner: self.owner,
            params: self.params,
            return_type: self.return_type,
            is_static: self.is_static,
            blocks: self.blocks,
            locals: self.locals,
            span: span(node),
            name_span: self.name_span,
        });
        out
    }

    // ----- statements -----

    fn block(&mut self, n: Node<'t>) {
        self.scopes.push(HashMap::new());
        for c in named_children(n) {
            self.stmt(c);
        }
        self.scopes.pop();
    }

    /// Whether one more level of recursion would pass a limit (and remember that it did).
    fn too_deep(&mut self) -> bool {
        if self.depth > MAX_DEPTH || stack_addr().abs_diff(self.stack_base) > STACK_BUDGET {
            self.too_deep = true;
            return true;
        }
        false
    }

    fn stmt(&mut self, n: Node<'t>) {
        self.depth += 1;
        if self.too_deep() {
            self.depth -= 1;
            return;
        }
        self.stmt_inner(n);
        self.depth -= 1;
    }

    #[expect(clippy::too_many_lines, reason = "one arm per statement kind")]
    fn stmt_inner(&mut self, n: Node<'t>) {
        let src = self.src();
        match n.kind() {
            "block" | "constructor_body" => self.block(n),
            "expression_statement" => {
                if let Some(e) = n.named_child(0) {
                    self.expr(e);
                }
            }
            "local_variable_declaration" => self.local_decl(n),
            "if_statement" => {
                let then_b = self.new_block();
                let else_b = self.new_block();
                let join = self.new_block();
                if let Some(c) = n.field("condition") {
                    self.cond(c, then_b, else_b);
                } else {
                    self.goto(then_b);
                }
                self.cur = then_b;
                if let Some(s) = n.field("consequence") {
                    self.scoped_stmt(s);
                }
                self.goto(join);
                self.cur = else_b;
                if let Some(s) = n.field("alternative") {
                    self.scoped_stmt(s);
                }
                self.goto(join);
                self.cur = join;
            }
            "while_statement" => {
                let head = self.new_block();
                let body = self.new_block();
                let exit = self.new_block();
                self.goto(head);
                self.cur = head;
                match n.field("condition") {
                    Some(c) => self.cond(c, body, exit),
                    None => self.goto(body),
                }
                self.cur = body;
                self.loop_body(n, exit, Some(head));
                self.goto(head);
                self.cur = exit;
            }
            "do_statement" => {
                let body = self.new_block();
                let test = self.new_block();
                let exit = self.new_block();
                self.goto(body);
                self.cur = body;
                self.loop_body(n, exit, Some(test));
                self.goto(test);
                self.cur = test;
                match n.field("condition") {
                    Some(c) => self.cond(c, body, exit),
                    None => self.goto(exit),
                }
                self.cur = exit;
            }
            "for_statement" => {
                self.scopes.push(HashMap::new());
                let mut c = n.walk();
                let inits: Vec<Node<'t>> = n.children_by_field_name("init", &mut c).collect();
                for i in inits {
                    if i.kind() == "local_variable_declaration" {
                        self.local_decl(i);
                    } else {
                        self.expr(i);
                    }
                }
                let head = self.new_block();
                let body = self.new_block();
                let update = self.new_block();
                let exit = self.new_block();
                self.goto(head);
                self.cur = head;
                match n.field("condition") {
                    Some(c) => self.cond(c, body, exit),
                    None => self.goto(body),
                }
                self.cur = body;
                self.loop_body(n, exit, Some(update));
                self.goto(update);
                self.cur = update;
                let mut c = n.walk();
                let updates: Vec<Node<'t>> = n.children_by_field_name("update", &mut c).collect();
                for u in updates {
                    self.expr(u);
                }
                self.goto(head);
                self.cur = exit;
                self.scopes.pop();
            }
            "enhanced_for_statement" => {
                let iterable = n.field("value").map_or(Operand::Opaque, |v| self.expr(v));
                self.scopes.push(HashMap::new());
                let head = self.new_block();
                let body = self.new_block();
                let exit = self.new_block();
                self.goto(head);
                self.cur = head;
                self.terminate_branch(Operand::Opaque, body, exit, span(n));
                self.cur = body;
                let ty = n
                    .field("type")
                    .map(|t| text(t, src))
                    .filter(|t| *t != "var");
                let ty = ty.map(|t| self.cx.resolve(t));
                if let Some(name) = n.field("name") {
                    let v = self.new_local(Some(text(name, src)), ty);
                    self.emit(Inst::Assign {
                        dst: Some(v),
                        expr: Expr::ArrayLoad {
                            array: iterable,
                            index: Operand::Opaque,
                        },
                        span: span(name),
                    });
                }
                self.loop_body(n, exit, Some(head));
                self.goto(head);
                self.cur = exit;
                self.scopes.pop();
            }
            "labeled_statement" => {
                let label = named_children(n).first().map(|l| text(*l, src).to_owned());
                let inner = named_children(n).into_iter().nth(1);
                if let Some(inner) = inner {
                    if matches!(
                        inner.kind(),
                        "while_statement"
                            | "for_statement"
                            | "enhanced_for_statement"
                            | "do_statement"
                    ) {
                        self.pending_label = label;
                        self.stmt(inner);
                    } else {
                        let exit = self.new_block();
                        self.loops.push(LoopCtx {
                            label,
                            brk: exit,
                            cont: None,
                            finally_depth: self.finally.len(),
                        });
                        self.stmt(inner);
                        self.loops.pop();
                        self.goto(exit);
                        self.cur = exit;
                    }
                }
            }
            "break_statement" => {
                let label = named_children(n).first().map(|l| text(*l, src).to_owned());
                let target = match &label {
                    Some(l) => self
                        .loops
                        .iter()
                        .rev()
                        .find(|c| c.label.as_deref() == Some(l.as_str())),
                    None => self
                        .loops
                        .iter()
                        .rev()
                        .find(|c| c.label.is_none() || c.cont.is_some()),
                }
                .map(|c| (c.brk, c.finally_depth));
                if let Some((t, depth)) = target {
                    self.run_finally_from(depth);
                    self.goto(t);
                    self.cur = self.new_block();
                }
            }
            "continue_statement" => {
                let label = named_children(n).first().map(|l| text(*l, src).to_owned());
                let target = self
                    .loops
                    .iter()
                    .rev()
                    .filter(|c| c.cont.is_some())
                    .find(|c| label.is_none() || c.label == label)
                    .and_then(|c| c.cont.map(|t| (t, c.finally_depth)));
                if let Some((t, depth)) = target {
                    self.run_finally_from(depth);
                    self.goto(t);
                    self.cur = self.new_block();
                }
            }
            "return_statement" => {
                let v = n.named_child(0).map(|e| self.expr(e));
                self.run_finally();
                self.terminate(Terminator::Return(v, span(n)));
            }
            "throw_statement" => {
                let v = n.named_child(0).map_or(Operand::Opaque, |e| self.expr(e));
                self.terminate(Terminator::Throw(v, span(n)));
            }
            "yield_statement" => {
                let v = n.named_child(0).map_or(Operand::Opaque, |e| self.expr(e));
                if let Some(&(res, end)) = self.yields.last() {
                    self.emit(Inst::Assign {
                        dst: Some(res),
                        expr: Expr::Use(v),
                        span: span(n),
                    });
                    self.goto(end);
                    self.cur = self.new_block();
                }
            }
            "switch_expression" | "switch_statement" => {
                self.switch(n, None);
            }
            "try_statement" | "try_with_resources_statement" => self.try_stmt(n),
            "synchronized_statement" => {
                if let Some(b) = n.field("body") {
                    self.block(b);
                }
            }
            "assert_statement" => {}
            "explicit_constructor_invocation" => {
                if let Some(args) = n.field("arguments") {
                    for a in named_children(args) {
                        self.expr(a);
                    }
                }
            }
            "class_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "record_declaration"
            | "line_comment"
            | "block_comment"
            | ";" => {}
            _ => {
                // Anything else with expressions inside: evaluate them for their effects.
                if n.is_named() {
                    for c in named_children(n) {
                        self.stmt(c);
                    }
                }
            }
        }
    }

    fn scoped_stmt(&mut self, s: Node<'t>) {
        self.scopes.push(HashMap::new());
        self.stmt(s);
        self.scopes.pop();
    }

    fn loop_body(&mut self, n: Node<'t>, exit: BlockId, cont: Option<BlockId>) {
        let label = self.pending_label.take();
        self.loops.push(LoopCtx {
            label,
            brk: exit,
            cont,
            finally_depth: self.finally.len(),
        });
        if let Some(b) = n.field("body") {
            self.scoped_stmt(b);
        }
        self.loops.pop();
    }

    /// Run the `finally` blocks entered since `depth` (innermost first), for a jump out of them.
    /// Each runs with the blocks that enclose it still pending: a `return` inside an inner
    /// `finally` runs the outer ones.
    fn run_finally_from(&mut self, depth: usize) {
        let stack = std::mem::take(&mut self.finally);
        for i in (depth..stack.len()).rev() {
            self.finally = stack[..i].to_vec();
            self.block(stack[i]);
        }
        self.finally = stack;
    }

    fn run_finally(&mut self) {
        self.run_finally_from(0);
    }

    fn terminate_branch(&mut self, cond: Operand, then: BlockId, els: BlockId, sp: TextRange) {
        if let Some(b) = self.blocks.get_mut(self.cur.index()) {
            b.term = Terminator::Branch {
                cond,
                then,
                els,
                span: sp,
            };
        }
    }

    fn local_decl(&mut self, n: Node<'t>) {
        let src = self.src();
        let ty_node = n.field("type");
        let declared = ty_node.map(|t| text(t, src)).filter(|t| *t != "var");
        for d in named_children(n) {
            if d.kind() != "variable_declarator" {
                continue;
            }
            let Some(name) = d.field("name") else {
                continue;
            };
            let value = d.field("value");
            let ty = match declared {
                Some(t) => {
                    let dims = d
                        .field("dimensions")
                        .map_or(0, |x| text(x, src).matches("[]").count());
                    Some(self.cx.resolve(&format!("{t}{}", "[]".repeat(dims))))
                }
                None => value.and_then(|v| self.type_of(v)),
            };
            // A more specific inferred type wins (`PrintWriter out = response.getWriter()`), and
            // the allocated class of a variable never assigned again (`Base b = new GoodImpl()`:
            // `b.action(x)` calls `GoodImpl.action`, not every override).
            let never_reassigned = !self.reassigned.contains(text(name, src));
            let ty = match (ty, value.and_then(|v| self.type_of(v))) {
                (Some(d), Some(i)) if i != d && self.cx.models.type_and_supers(&i).contains(&d) => {
                    Some(i)
                }
                (Some(d), Some(i))
                    if i != d
                        && never_reassigned
                        && !self.cx.models.knows_type(&d)
                        && value.is_some_and(|v| {
                            let v = unparen(v);
                            v.kind() == "object_creation_expression"
                                && named_children(v).iter().all(|c| c.kind() != "class_body")
                        }) =>
                {
                    Some(i)
                }
                (d, _) => d,
            };
            let rhs = value.map(|v| self.array_or_expr(v));
            let var = self.new_local(Some(text(name, src)), ty);
            if let Some(rhs) = rhs {
                self.emit(Inst::Assign {
                    dst: Some(var),
                    expr: Expr::Use(rhs),
                    span: span(d),
                });
            }
        }
    }

    fn switch(&mut self, n: Node<'t>, result: Option<Var>) {
        let src = self.src();
        let value = n
            .field("condition")
            .map_or(Operand::Opaque, |c| self.expr(c));
        let Some(body) = n.field("body") else {
            return;
        };
        let exit = self.new_block();
        let head = self.cur;
        let mut cases: Vec<(Const, BlockId)> = Vec::new();
        let mut default = exit;
        let mut all_const = true;
        let mut entries: Vec<BlockId> = Vec::new();
        let groups: Vec<Node<'t>> = named_children(body)
            .into_iter()
            .filter(|g| matches!(g.kind(), "switch_block_statement_group" | "switch_rule"))
            .collect();
        for _ in &groups {
            entries.push(self.new_block());
        }
        self.loops.push(LoopCtx {
            label: None,
            brk: exit,
            cont: None,
            finally_depth: self.finally.len(),
        });
        if let Some(r) = result {
            self.yields.push((r, exit));
        }
        for (i, g) in groups.iter().enumerate() {
            let entry = entries[i];
            for lab in named_children(*g)
                .into_iter()
                .filter(|c| c.kind() == "switch_label")
            {
                let lt = text(lab, src);
                if lt.trim_start().starts_with("default") {
                    default = entry;
                }
                for e in named_children(lab) {
                    match literal(e, src) {
                        Some(c) => cases.push((c, entry)),
                        None => {
                            if e.kind() == "identifier" {
                                // Enum constant or a constant field.
                                let k = self.cx.constant(&self.owner, text(e, src));
                                match k {
                                    Some(k) => cases.push((k, entry)),
                                    None => {
                                        all_const = false;
                                        cases.push((
                                            Const::Str(Arc::from(format!(
                                                "\u{0}enum:{}",
                                                text(e, src)
                                            ))),
                                            entry,
                                        ));
                                    }
                                }
                            } else {
                                all_const = false;
                            }
                        }
                    }
                }
            }
            self.cur = entry;
            self.scopes.push(HashMap::new());
            let mut body_nodes = named_children(*g)
                .into_iter()
                .filter(|c| c.kind() != "switch_label");
            if g.kind() == "switch_rule" {
                if let Some(b) = body_nodes.next() {
                    match b.kind() {
                        "expression_statement" | "block" | "throw_statement" => {
                            if b.kind() == "expression_statement" && result.is_some() {
                                let v = b.named_child(0).map_or(Operand::Opaque, |e| self.expr(e));
                                if let Some(r) = result {
                                    self.emit(Inst::Assign {
                                        dst: Some(r),
                                        expr: Expr::Use(v),
                                        span: span(b),
                                    });
                                }
                            } else {
                                self.stmt(b);
                            }
                        }
                        _ => {
                            let v = self.expr(b);
                            if let Some(r) = result {
                                self.emit(Inst::Assign {
                                    dst: Some(r),
                                    expr: Expr::Use(v),
                                    span: span(b),
                                });
                            }
                        }
                    }
                }
                self.goto(exit);
            } else {
                for s in body_nodes {
                    self.stmt(s);
                }
                // Fall through to the next group.
                let next = entries.get(i + 1).copied().unwrap_or(exit);
                self.goto(next);
            }
            self.scopes.pop();
        }
        if result.is_some() {
            self.yields.pop();
        }
        self.loops.pop();
        let value = if all_const { value } else { Operand::Opaque };
        if let Some(b) = self.blocks.get_mut(head.index()) {
            b.term = Terminator::Switch {
                value,
                cases,
                default,
                span: span(n),
            };
        }
        self.cur = exit;
    }

    fn try_stmt(&mut self, n: Node<'t>) {
        let src = self.src();
        let kids = named_children(n);
        let catches: Vec<Node<'t>> = kids
            .iter()
            .copied()
            .filter(|c| c.kind() == "catch_clause")
            .collect();
        let fin = kids
            .iter()
            .copied()
            .find(|c| c.kind() == "finally_clause")
            .and_then(|f| named_children(f).into_iter().find(|b| b.kind() == "block"));
        let after = self.new_block();
        let exc_finally = fin.map(|_| self.new_block());
        // Catch entries get the outer handlers (plus the exceptional finally).
        let mut catch_entries = Vec::new();
        let mut catch_handlers = self.handlers.last().cloned().unwrap_or_default();
        if let Some(ef) = exc_finally {
            catch_handlers.insert(0, ef);
        }
        for _ in &catches {
            self.handlers.push(catch_handlers.clone());
            catch_entries.push(self.new_block());
            self.handlers.pop();
        }
        let mut try_handlers = catch_entries.clone();
        try_handlers.extend(catch_handlers.iter().copied());
        self.handlers.push(try_handlers);
        if let Some(f) = fin {
            self.finally.push(f);
        }
        let body_start = self.new_block();
        self.goto(body_start);
        self.cur = body_start;
        self.scopes.push(HashMap::new());
        if let Some(res) = n.field("resources") {
            for r in named_children(res) {
                if r.kind() != "resource" {
                    continue;
                }
                let name = r.field("name");
                let value = r.field("value");
                match (name, value) {
                    (Some(name), Some(value)) => {
                        let ty = r
                            .field("type")
                            .map(|t| text(t, src))
                            .filter(|t| *t != "var");
                        let ty = ty
                            .map(|t| self.cx.resolve(t))
                            .or_else(|| self.type_of(value));
                        let rhs = self.expr(value);
                        let v = self.new_local(Some(text(name, src)), ty);
                        self.emit(Inst::Assign {
                            dst: Some(v),
                            expr: Expr::Use(rhs),
                            span: span(r),
                        });
                    }
                    _ => {
                        // `try (existing)`: bind the value to a temporary at the resource's span,
                        // so that analyses see which value the statement closes.
                        let mut last = Operand::Opaque;
                        for c in named_children(r) {
                            last = self.expr(c);
                        }
                        let t = self.temp();
                        self.emit(Inst::Assign {
                            dst: Some(t),
                            expr: Expr::Use(last),
                            span: span(r),
                        });
                    }
                }
            }
        }
        if let Some(b) = n.field("body") {
            self.block(b);
        }
        self.scopes.pop();
        self.handlers.pop();
        if fin.is_some() {
            self.finally.pop();
        }
        if let Some(f) = fin {
            self.block(f);
        }
        self.goto(after);
        // Catch clauses.
        self.handlers.push(catch_handlers.clone());
        if let Some(f) = fin {
            self.finally.push(f);
        }
        for (c, entry) in catches.iter().zip(catch_entries) {
            self.cur = entry;
            self.scopes.push(HashMap::new());
            if let Some(p) = named_children(*c)
                .into_iter()
                .find(|x| x.kind() == "catch_formal_parameter")
            {
                if let Some(name) = p.field("name") {
                    let v = self.new_local(Some(text(name, src)), None);
                    self.emit(Inst::Assign {
                        dst: Some(v),
                        expr: Expr::CaughtException,
                        span: span(p),
                    });
                }
            }
            if let Some(b) = c.field("body") {
                self.block(b);
            }
            self.scopes.pop();
            if fin.is_some() {
                self.finally.pop();
                if let Some(f) = fin {
                    self.block(f);
                }
                if let Some(f) = fin {
                    self.finally.push(f);
                }
            }
            self.goto(after);
        }
        if fin.is_some() {
            self.finally.pop();
        }
        self.handlers.pop();
        // Exceptional path through finally: run it, then rethrow.
        if let (Some(ef), Some(f)) = (exc_finally, fin) {
            self.cur = ef;
            self.block(f);
            self.terminate(Terminator::Throw(Operand::Opaque, span(f)));
        }
        self.cur = after;
    }

    // ----- conditions -----

    fn cond(&mut self, n: Node<'t>, then: BlockId, els: BlockId) {
        let n = unparen(n);
        self.depth += 1;
        if self.too_deep() {
            self.depth -= 1;
            self.terminate_branch(Operand::Opaque, then, els, span(n));
            return;
        }
        self.cond_inner(n, then, els);
        self.depth -= 1;
    }

    fn cond_inner(&mut self, n: Node<'t>, then: BlockId, els: BlockId) {
        match n.kind() {
            "parenthesized_expression" => {
                if let Some(i) = n.named_child(0) {
                    return self.cond(i, then, els);
                }
            }
            "unary_expression" if n.field("operator").is_some_and(|o| o.kind() == "!") => {
                if let Some(i) = n.field("operand") {
                    return self.cond(i, els, then);
                }
            }
            "binary_expression" => {
                let op = n.field("operator").map(|o| o.kind());
                if let (Some(op @ ("&&" | "||")), Some(l), Some(r)) =
                    (op, n.field("left"), n.field("right"))
                {
                    let mid = self.new_block();
                    if op == "&&" {
                        self.cond(l, mid, els);
                    } else {
                        self.cond(l, then, mid);
                    }
                    self.cur = mid;
                    self.cond(r, then, els);
                    return;
                }
            }
            _ => {}
        }
        let c = self.expr(n);
        self.terminate_branch(c, then, els, span(n));
    }

    // ----- expressions -----

    /// An expression, or an array initializer (`String[] a = {x, y}`) as a new array.
    fn array_or_expr(&mut self, n: Node<'t>) -> Operand {
        if n.kind() == "array_initializer" {
            let elems: Vec<Operand> = named_children(n)
                .into_iter()
                .map(|e| self.expr(e))
                .collect();
            return self.assign(Expr::ArrayNew(elems), span(n));
        }
        self.expr(n)
    }

    fn expr(&mut self, n: Node<'t>) -> Operand {
        let n = unparen(n);
        self.depth += 1;
        let r = if self.too_deep() {
            Operand::Opaque
        } else {
            self.expr_inner(n)
        };
        self.depth -= 1;
        r
    }

    #[expect(clippy::too_many_lines, reason = "one arm per expression kind")]
    fn expr_inner(&mut self, n: Node<'t>) -> Operand {
        let src = self.src();
        if let Some(c) = literal(n, src) {
            return Operand::Const(c);
        }
        match n.kind() {
            "parenthesized_expression" => {
                n.named_child(0).map_or(Operand::Opaque, |e| self.expr(e))
            }
            "identifier" => {
                let name = text(n, src);
                if let Some(v) = self.lookup_or_capture(name) {
                    return Operand::Var(v);
                }
                if let Some(c) = self.cx.constant(&self.owner, name) {
                    return Operand::Const(c);
                }
                self.assign(
                    Expr::FieldLoad {
                        base: None,
                        field: Arc::from(name),
                    },
                    span(n),
                )
            }
            "this" => self.assign(Expr::This, span(n)),
            "field_access" => {
                let obj = n.field("object");
                let field = n.field("field").map_or("", |f| text(f, src));
                match obj {
                    Some(o) if o.kind() == "this" => self.assign(
                        Expr::FieldLoad {
                            base: None,
                            field: Arc::from(field),
                        },
                        span(n),
                    ),
                    Some(o) if self.is_class_ref(o) => {
                        let cls = self.cx.resolve(text(o, src));
                        if let Some(c) = self.cx.constant(&cls, field) {
                            return Operand::Const(c);
                        }
                        // `Owner.f` inside `Owner` is its own field `f`.
                        if cls == self.owner {
                            return self.assign(
                                Expr::FieldLoad {
                                    base: None,
                                    field: Arc::from(field),
                                },
                                span(n),
                            );
                        }
                        // A modelled static field (`System.in`): a call to `field:NAME`.
                        let pseudo: Arc<str> = Arc::from(format!("field:{field}"));
                        if !self.cx.models.effects(Some(&cls), &pseudo, 0).is_empty() {
                            let t = self.new_local(None, None);
                            self.emit(Inst::Assign {
                                dst: Some(t),
                                expr: Expr::Call(Call {
                                    name: pseudo,
                                    class: Some(cls),
                                    kind: CallKind::Static,
                                    receiver: None,
                                    on_this: false,
                                    args: Vec::new(),
                                    span: span(n),
                                }),
                                span: span(n),
                            });
                            return Operand::Var(t);
                        }
                        self.assign(
                            Expr::FieldLoad {
                                base: None,
                                field: Arc::from(format!("{cls}.{field}")),
                            },
                            span(n),
                        )
                    }
                    Some(o) => {
                        let b = self.expr(o);
                        self.assign(
                            Expr::FieldLoad {
                                base: Some(b),
                                field: Arc::from(field),
                            },
                            span(n),
                        )
                    }
                    None => Operand::Opaque,
                }
            }
            "array_access" => {
                let a = n.field("array").map_or(Operand::Opaque, |x| self.expr(x));
                let i = n.field("index").map_or(Operand::Opaque, |x| self.expr(x));
                self.assign(Expr::ArrayLoad { array: a, index: i }, span(n))
            }
            "binary_expression" => self.binary_chain(n),
            "unary_expression" => {
                let op = match n.field("operator").map(|o| o.kind()) {
                    Some("!") => Some(UnOp::Not),
                    Some("-") => Some(UnOp::Neg),
                    Some("~") => Some(UnOp::BitNot),
                    _ => None,
                };
                let v = n.field("operand").map_or(Operand::Opaque, |x| self.expr(x));
                match op {
                    Some(op) => self.assign(Expr::Unary(op, v), span(n)),
                    None => v,
                }
            }
            "update_expression" => {
                let target = named_children(n).into_iter().next();
                let inc = text(n, src).contains("++");
                if let Some(t) = target {
                    let cur = self.expr(t);
                    let op = if inc { BinOp::Add } else { BinOp::Sub };
                    let nv = self.assign(
                        Expr::Binary(op, cur.clone(), Operand::Const(Const::Int(1))),
                        span(n),
                    );
                    self.store(t, nv, span(n));
                    return cur;
                }
                Operand::Opaque
            }
            "assignment_expression" => {
                let (Some(lhs), Some(rhs)) = (n.field("left"), n.field("right")) else {
                    return Operand::Opaque;
                };
                let op = n.field("operator").map_or("=", |o| o.kind());
                let r = self.array_or_expr(rhs);
                let value = if op == "=" {
                    r
                } else {
                    let cur = self.expr(lhs);
                    match binop(op.trim_end_matches('=')) {
                        Some(b) => self.assign(Expr::Binary(b, cur, r), span(n)),
                        None => Operand::Opaque,
                    }
                };
                self.store(lhs, value.clone(), span(n));
                value
            }
            "ternary_expression" => {
                let res = self.temp();
                let t = self.new_block();
                let e = self.new_block();
                let join = self.new_block();
                match n.field("condition") {
                    Some(c) => self.cond(c, t, e),
                    None => self.goto(t),
                }
                for (blk, field) in [(t, "consequence"), (e, "alternative")] {
                    self.cur = blk;
                    let v = n.field(field).map_or(Operand::Opaque, |x| self.expr(x));
                    self.emit(Inst::Assign {
                        dst: Some(res),
                        expr: Expr::Use(v),
                        span: span(n),
                    });
                    self.goto(join);
                }
                self.cur = join;
                Operand::Var(res)
            }
            "cast_expression" => {
                let v = n.field("value").map_or(Operand::Opaque, |x| self.expr(x));
                let ty = n.field("type").map(|t| self.cx.resolve(text(t, src)));
                let t = self.new_local(None, ty);
                self.emit(Inst::Assign {
                    dst: Some(t),
                    expr: Expr::Use(v),
                    span: span(n),
                });
                Operand::Var(t)
            }
            "instanceof_expression" => {
                if let Some(l) = n.field("left") {
                    let v = self.expr(l);
                    // Pattern variable: `x instanceof String s` binds s = x.
                    if let Some(name) = n.field("name") {
                        let ty = n.field("right").map(|t| self.cx.resolve(text(t, src)));
                        let pv = self.new_local(Some(text(name, src)), ty);
                        self.emit(Inst::Assign {
                            dst: Some(pv),
                            expr: Expr::Use(v),
                            span: span(n),
                        });
                    }
                }
                let t = self.new_local(None, Some(Arc::from("boolean")));
                self.emit(Inst::Assign {
                    dst: Some(t),
                    expr: Expr::Use(Operand::Opaque),
                    span: span(n),
                });
                Operand::Var(t)
            }
            "method_invocation" => self.call(n),
            "object_creation_expression" => {
                let ty = n.field("type").map(|t| self.cx.resolve(text(t, src)));
                let args = self.args(n);
                self.assign(
                    Expr::Call(Call {
                        name: Arc::from("<init>"),
                        class: ty,
                        kind: CallKind::Constructor,
                        receiver: None,
                        on_this: false,
                        args,
                        span: span(n),
                    }),
                    span(n),
                )
            }
            "array_creation_expression" => {
                let elems = match n.field("value") {
                    Some(init) => named_children(init)
                        .into_iter()
                        .map(|e| self.expr(e))
                        .collect(),
                    None => Vec::new(),
                };
                self.assign(Expr::ArrayNew(elems), span(n))
            }
            "array_initializer" => self.array_or_expr(n),
            "lambda_expression" => {
                self.lambda(n);
                Operand::Opaque
            }
            "switch_expression" => {
                let r = self.temp();
                self.switch(n, Some(r));
                Operand::Var(r)
            }
            "string_literal" | "text_block" => Operand::Opaque,
            _ => {
                for c in named_children(n) {
                    self.expr(c);
                }
                Operand::Opaque
            }
        }
    }

    /// `a + b + c + ...` (left-nested, with or without parentheses): lowered along the left spine
    /// iteratively, so that a query built from thousands of terms keeps its taint.
    fn binary_chain(&mut self, n: Node<'t>) -> Operand {
        let mut spine = vec![n];
        let mut leftmost = None;
        while let Some(&top) = spine.last() {
            match top.field("left").map(unparen) {
                Some(l) if l.kind() == "binary_expression" => spine.push(l),
                other => {
                    leftmost = other;
                    break;
                }
            }
        }
        let mut acc = leftmost.map_or(Operand::Opaque, |x| self.expr(x));
        for node in spine.into_iter().rev() {
            let op = node.field("operator").map(|o| o.kind()).and_then(binop);
            let r = node
                .field("right")
                .map_or(Operand::Opaque, |x| self.expr(x));
            acc = match op {
                Some(op) => self.assign(Expr::Binary(op, acc, r), span(node)),
                None => Operand::Opaque,
            };
        }
        acc
    }

    fn lambda(&mut self, n: Node<'t>) {
        let mut b = Builder::new(self.cx, self.owner.clone());
        b.depth = self.depth;
        b.stack_base = self.stack_base;
        b.name = Arc::from(format!("lambda${}", n.start_byte()));
        b.reassigned = assigned_names(n, self.src());
        b.name_span = span(n);
        for scope in &self.scopes {
            for (name, v) in scope {
                let ty = self.locals.get(v.0 as usize).and_then(|l| l.ty.clone());
                b.outer.insert(name.clone(), (*v, ty));
            }
        }
        if let Some(p) = n.field("parameters") {
            b.params_of(p);
        }
        let declared = b.params.len();
        if let Some(body) = n.field("body") {
            if body.kind() == "block" {
                b.block(body);
                b.terminate(Terminator::Return(None, span(n)));
            } else {
                let v = b.expr(body);
                b.terminate(Terminator::Return(Some(v), span(body)));
            }
        }
        // Captured variables become extra parameters, passed by a synthetic call at the creation
        // point: a tainted captured value then reaches the lambda like a tainted argument.
        let captures = std::mem::take(&mut b.captures);
        let mut entry = Vec::new();
        for &(_, inner) in &captures {
            let idx = u32::try_from(b.params.len()).unwrap_or(u32::MAX);
            let name = b
                .locals
                .get(inner.0 as usize)
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| Arc::from("captured"));
            let ty = b.locals.get(inner.0 as usize).and_then(|l| l.ty.clone());
            b.params.push(Param {
                var: inner,
                name,
                ty,
                annotations: Vec::new(),
                span: span(n),
            });
            entry.push(Inst::Assign {
                dst: Some(inner),
                expr: Expr::Param(idx),
                span: span(n),
            });
        }
        if let Some(b0) = b.blocks.first_mut() {
            b0.insts.splice(0..0, entry);
        }
        let name = b.name.clone();
        self.too_deep |= b.too_deep;
        let fs = b.finish(n);
        self.lambdas.extend(fs);
        if !captures.is_empty() {
            let mut args = vec![Operand::Opaque; declared];
            args.extend(captures.iter().map(|(o, _)| Operand::Var(*o)));
            self.emit(Inst::Assign {
                dst: None,
                expr: Expr::Call(Call {
                    name,
                    class: Some(self.owner.clone()),
                    kind: CallKind::Virtual,
                    receiver: None,
                    on_this: true,
                    args,
                    span: span(n),
                }),
                span: span(n),
            });
        }
    }

    fn store(&mut self, lhs: Node<'t>, value: Operand, sp: TextRange) {
        let src = self.src();
        match lhs.kind() {
            "identifier" => {
                let name = text(lhs, src);
                match self.lookup(name) {
                    Some(v) => self.emit(Inst::Assign {
                        dst: Some(v),
                        expr: Expr::Use(value),
                        span: sp,
                    }),
                    None => self.emit(Inst::FieldStore {
                        base: None,
                        field: Arc::from(name),
                        value,
                        span: sp,
                    }),
                }
            }
            "field_access" => {
                let field = lhs.field("field").map_or("", |f| text(f, src));
                // A static field of another class (`Holder.value = x`) is named `pkg.Holder.value`,
                // as its reads are: the project-wide static field facts connect them.
                let (base, field): (Option<Operand>, Arc<str>) = match lhs.field("object") {
                    Some(o) if o.kind() == "this" => (None, Arc::from(field)),
                    Some(o) if self.is_class_ref(o) => {
                        let cls = self.cx.resolve(text(o, src));
                        if cls == self.owner {
                            (None, Arc::from(field))
                        } else {
                            (None, Arc::from(format!("{cls}.{field}")))
                        }
                    }
                    Some(o) => (Some(self.expr(o)), Arc::from(field)),
                    None => (None, Arc::from(field)),
                };
                self.emit(Inst::FieldStore {
                    base,
                    field,
                    value,
                    span: sp,
                });
            }
            "array_access" => {
                let a = lhs.field("array").map_or(Operand::Opaque, |x| self.expr(x));
                let i = lhs.field("index").map_or(Operand::Opaque, |x| self.expr(x));
                self.emit(Inst::ArrayStore {
                    array: a,
                    index: i,
                    value,
                    span: sp,
                });
            }
            "parenthesized_expression" => {
                if let Some(i) = lhs.named_child(0) {
                    self.store(i, value, sp);
                }
            }
            _ => {}
        }
    }

    fn args(&mut self, n: Node<'t>) -> Vec<Operand> {
        match n.field("arguments") {
            Some(a) => named_children(a)
                .into_iter()
                .filter(|c| !matches!(c.kind(), "line_comment" | "block_comment"))
                .map(|c| self.expr(c))
                .collect(),
            None => Vec::new(),
        }
    }

    /// An identifier or scoped name that denotes a class (not a local or a field).
    fn is_class_ref(&self, o: Node<'t>) -> bool {
        let src = self.src();
        match o.kind() {
            "identifier" => {
                let name = text(o, src);
                self.lookup(name).is_none()
                    && !self.outer.contains_key(name)
                    && !self.cx.has_field(&self.owner, name)
                    && name.chars().next().is_some_and(char::is_uppercase)
            }
            "scoped_identifier" => true,
            "field_access" => {
                let t = text(o, src);
                t.split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    && t.split('.')
                        .next_back()
                        .is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase))
                    && t.split('.')
                        .next()
                        .is_some_and(|p| p.chars().next().is_some_and(char::is_lowercase))
                    && o.field("object")
                        .is_some_and(|b| b.kind() != "this" && self.lookup(text(b, src)).is_none())
            }
            _ => false,
        }
    }

    /// `a.f().g().h()...`: the receiver chain is lowered iteratively from its innermost call, each
    /// result's type feeding the next call, so that a builder chain of any length keeps its taint.
    fn call(&mut self, n: Node<'t>) -> Operand {
        let mut spine = vec![n];
        while let Some(&top) = spine.last() {
            match top.field("object").map(unparen) {
                Some(o) if o.kind() == "method_invocation" => spine.push(o),
                _ => break,
            }
        }
        let mut recv: Option<(Operand, Option<Arc<str>>)> = None;
        while let Some(node) = spine.pop() {
            recv = Some(self.call_one(node, recv.take()));
        }
        recv.map_or(Operand::Opaque, |(v, _)| v)
    }

    /// One call; `recv` is its already lowered receiver (value, type) when it is itself a call.
    fn call_one(
        &mut self,
        n: Node<'t>,
        recv: Option<(Operand, Option<Arc<str>>)>,
    ) -> (Operand, Option<Arc<str>>) {
        let src = self.src();
        let name: Arc<str> = Arc::from(n.field("name").map_or("", |x| text(x, src)));
        let obj = n.field("object");
        let chained = recv.is_some();
        let (kind, class, receiver, on_this) = match (obj, recv) {
            (_, Some((r, ty))) => (CallKind::Virtual, ty, Some(r), false),
            (None, None) => (CallKind::Virtual, Some(self.owner.clone()), None, true),
            (Some(o), None) if o.kind() == "this" => {
                (CallKind::Virtual, Some(self.owner.clone()), None, true)
            }
            (Some(o), None) if o.kind() == "super" => (
                CallKind::Virtual,
                self.cx.first_super(&self.owner),
                None,
                true,
            ),
            (Some(o), None) if self.is_class_ref(o) => (
                CallKind::Static,
                Some(self.cx.resolve(text(o, src))),
                None,
                false,
            ),
            (Some(o), None) => {
                let ty = self.type_of(o);
                let r = self.expr(o);
                (CallKind::Virtual, ty, Some(r), false)
            }
        };
        let recv_ty = class.clone();
        let class = match class {
            Some(c) if kind == CallKind::Virtual => self.cx.inherited_from(&c, &name).or(Some(c)),
            c => c,
        };
        let args = self.args(n);
        let call = Call {
            name,
            class,
            kind,
            receiver,
            on_this,
            args,
            span: span(n),
        };
        // Give the result its type, so inert (numeric/boolean) results carry no taint.
        let ty = if chained {
            recv_ty.and_then(|c| self.method_type(&c, &call.name))
        } else {
            self.type_of(n)
        };
        let t = self.new_local(None, ty.clone());
        self.emit(Inst::Assign {
            dst: Some(t),
            expr: Expr::Call(call),
            span: span(n),
        });
        (Operand::Var(t), ty)
    }

    /// The static type of an expression, as far as declarations, imports and models tell.
    fn type_of(&self, n: Node<'t>) -> Option<Arc<str>> {
        self.type_of_depth(n, 0)
    }

    fn type_of_depth(&self, n: Node<'t>, depth: u32) -> Option<Arc<str>> {
        if depth > 64 {
            return None;
        }
        let type_of = |x: Node<'t>| self.type_of_depth(x, depth + 1);
        let src = self.src();
        match n.kind() {
            "string_literal" => Some(Arc::from("java.lang.String")),
            "parenthesized_expression" => n.named_child(0).and_then(&type_of),
            "identifier" => {
                let name = text(n, src);
                if let Some(v) = self.lookup(name) {
                    return self.locals.get(v.0 as usize).and_then(|l| l.ty.clone());
                }
                if let Some((_, ty)) = self.outer.get(name) {
                    return ty.clone();
                }
                self.cx.field_type(&self.owner, name)
            }
            "field_access" => {
                let obj = n.field("object")?;
                let field = text(n.field("field")?, src);
                if obj.kind() == "this" {
                    return self.cx.field_type(&self.owner, field);
                }
                let t = if self.is_class_ref(obj) {
                    self.cx.resolve(text(obj, src))
                } else {
                    type_of(obj)?
                };
                self.cx
                    .field_type(&t, field)
                    // A modelled static field of a library class (`System.out`).
                    .or_else(|| self.cx.models.return_type(&t, &format!("field:{field}")))
            }
            "this" => Some(self.owner.clone()),
            "object_creation_expression" => {
                let t = self.cx.resolve(text(n.field("type")?, src));
                // `new URL("file:...")`: a local file, no network input (models/jdk-net.yaml).
                if &*t == "java.net.URL" && local_url_literal(n, src) {
                    return Some(Arc::from("java.net.URL#local"));
                }
                Some(t)
            }
            "class_literal" => Some(Arc::from("java.lang.Class")),
            "cast_expression" => n.field("type").map(|t| self.cx.resolve(text(t, src))),
            "array_access" => {
                let t = type_of(n.field("array")?)?;
                t.strip_suffix("[]").map(Arc::from)
            }
            "binary_expression" => {
                let op = n.field("operator")?.kind();
                match op {
                    "+" => {
                        let l = type_of(n.field("left")?);
                        let r = type_of(n.field("right")?);
                        if l.as_deref() == Some("java.lang.String")
                            || r.as_deref() == Some("java.lang.String")
                        {
                            Some(Arc::from("java.lang.String"))
                        } else {
                            None
                        }
                    }
                    "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" => {
                        Some(Arc::from("boolean"))
                    }
                    _ => None,
                }
            }
            "method_invocation" => {
                let name = text(n.field("name")?, src);
                if name == "getClass"
                    && n.field("arguments")
                        .is_some_and(|a| a.named_child_count() == 0)
                {
                    return Some(Arc::from("java.lang.Class"));
                }
                let obj = n.field("object");
                let class = match obj {
                    None => Some(self.owner.clone()),
                    Some(o) if o.kind() == "this" => Some(self.owner.clone()),
                    Some(o) if self.is_class_ref(o) => Some(self.cx.resolve(text(o, src))),
                    Some(o) => type_of(o),
                }?;
                self.method_type(&class, name)
            }
            _ => None,
        }
    }

    /// The result type of `class.name(...)`: declared in the scanned code, modelled, or well known.
    fn method_type(&self, class: &Arc<str>, name: &str) -> Option<Arc<str>> {
        if let Some(t) = self.cx.method_type(class, name) {
            return Some(t);
        }
        if let Some(t) = self.cx.models.return_type(class, name) {
            return Some(t);
        }
        match name {
            "toString" | "trim" | "substring" | "toLowerCase" | "toUpperCase" | "replace"
            | "replaceAll" | "concat" | "format" | "valueOf"
                if &**class == "java.lang.String" || name == "toString" =>
            {
                Some(Arc::from("java.lang.String"))
            }
            "equals" | "equalsIgnoreCase" | "isEmpty" | "contains" | "startsWith" | "endsWith"
            | "matches" | "hasNext" | "containsKey" => Some(Arc::from("boolean")),
            "length" | "size" | "hashCode" | "indexOf" | "compareTo" => Some(Arc::from("int")),
            _ => None,
        }
    }
}

/// Whether `new URL(...)` has a constant first argument naming a local file (`file:`, `jar:file:`).
fn local_url_literal(n: Node<'_>, src: &str) -> bool {
    let Some(arg) = n.field("arguments").and_then(|a| a.named_child(0)) else {
        return false;
    };
    if arg.kind() != "string_literal"
        || n.field("arguments")
            .is_some_and(|a| a.named_child_count() != 1)
    {
        return false;
    }
    let lit = text(arg, src).trim_matches('"').to_ascii_lowercase();
    lit.starts_with("file:") || lit.starts_with("jar:file:")
}

#[cfg(test)]
mod tests {
    use vigil_flow::cfg::{reverse_postorder, solve};
    use vigil_flow::constprop::ConstProp;
    use vigil_flow::ir::{Expr, Function, Inst, Terminator};

    fn lower(src: &str) -> Vec<Function> {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_java::LANGUAGE.into())
            .expect("grammar loads");
        let t = p.parse(src, None).expect("parses");
        let m = super::super::load_models().expect("models load");
        super::lower_file(src, t.root_node(), m, None).functions
    }

    #[test]
    fn try_blocks_have_exceptional_edges_and_spans_are_exact() {
        let src = "class A { void f() { int x = 1; try { g(x); } catch (Exception e) { h(e); } finally { k(); } } void g(int a) {} void h(Exception e) {} void k() {} }";
        let fs = lower(src);
        let f = fs.iter().find(|f| &*f.name == "f").expect("f lowered");
        // The call g(x) sits in a block with handlers (the catch and the exceptional finally).
        let with_g = f
            .blocks
            .iter()
            .find(|b| {
                b.insts.iter().any(
                    |i| matches!(i, Inst::Assign { expr: Expr::Call(c), .. } if &*c.name == "g"),
                )
            })
            .expect("a block calls g");
        assert_eq!(with_g.handlers.len(), 2);
        // Every instruction's span is inside the method and names real text.
        for b in &f.blocks {
            for i in &b.insts {
                let sp = i.span();
                assert!(sp.start >= f.span.start && sp.end <= f.span.end);
                assert!(!src[sp.start as usize..sp.end as usize].is_empty());
            }
        }
        // k() appears on the normal path, after the catch, and on the exceptional path.
        let k_calls = f
            .blocks
            .iter()
            .flat_map(|b| &b.insts)
            .filter(|i| matches!(i, Inst::Assign { expr: Expr::Call(c), .. } if &*c.name == "k"))
            .count();
        assert_eq!(k_calls, 3);
        assert!(f
            .blocks
            .iter()
            .any(|b| matches!(b.term, Terminator::Throw(..))));
    }

    #[test]
    fn constant_switch_and_condition_leave_dead_blocks() {
        let src = r#"class A { String f(String p) { String r = "a"; switch ("abc".charAt(1)) { case 'a' -> r = p; case 'b' -> r = "b"; default -> r = p; } if ((7 * 42) - 86 > 200) { r = r + "!"; } else { r = p; } return r; } }"#;
        let fs = lower(src);
        let f = fs.iter().find(|f| &*f.name == "f").expect("f lowered");
        let states = solve(f, &mut ConstProp, 10_000).expect("converges");
        let reachable = states.iter().filter(|s| s.is_some()).count();
        let all = reverse_postorder(f).len();
        assert!(reachable < all, "{reachable} of {all} blocks reachable");
    }
}
