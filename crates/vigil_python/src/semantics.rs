//! What the Python front end knows about one file: imports and aliases, local and module bindings,
//! constants. Everything is file-local. Constants are syntactic (a name bound once to a constant)
//! and, for a name bound several times that is passed to a call, flow-sensitive: the file is lowered
//! to the dataflow IR and constant propagation (with dead branches folded away) gives the argument's
//! value at the call ([`PySemantics::flow_arg`]).

use crate::fields::Field;
use foldhash::{HashMap, HashSet};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use tree_sitter::Node;
use vigil_flow::cfg::solve;
use vigil_flow::constprop::{transfer_inst, ConstProp};
use vigil_flow::ir::{Const, Expr, Inst};
use vigil_query::{walk_tree, ConstValue, Semantics};

const MAX_DEPTH: usize = 16;

/// Per call (byte range): the constant value of each lowered argument, `None` where not constant.
type CallArgConsts = HashMap<(usize, usize), Vec<Option<Const>>>;

/// Per-file facts.
pub(crate) struct PySemantics<'t> {
    pub(crate) src: &'t str,
    root: Node<'t>,
    /// Local name → qualified name, from every import statement of the file.
    imports: HashMap<String, String>,
    /// Names bound at module level other than by import (assignments, defs, classes).
    module_bound: OnceCell<HashMap<String, Vec<Node<'t>>>>,
    /// Per function (node id): names bound in it.
    local_bound: RefCell<HashMap<usize, Rc<HashSet<String>>>>,
    /// Names declared `global` or `nonlocal` anywhere.
    globals: HashSet<String>,
    /// Every function and lambda in pre-order, each with the index of its innermost enclosing one.
    functions: Vec<(Node<'t>, Option<usize>)>,
    /// Every `call` node of the file, in pre-order (rules that look at all calls use it instead
    /// of walking the tree again).
    pub(crate) calls: Vec<Node<'t>>,
    /// Every `assignment` node of the file, in pre-order.
    pub(crate) assignments: Vec<Node<'t>>,
    /// Names assigned a plain name or attribute somewhere (`h = hashlib.md5`): the only names
    /// [`PySemantics::alias_of`] can resolve.
    alias_candidates: HashSet<String>,
    /// Memo of [`Semantics::qualified_name`] by node id (every call is asked by several rules).
    qualified: RefCell<HashMap<usize, Option<Rc<str>>>>,
    /// Per call (byte range): the constant value of each lowered argument just before the call, from
    /// constant propagation over the lowered file; calls on no feasible path are absent.
    flow_args: OnceCell<CallArgConsts>,
    /// Nesting of [`PySemantics::alias_of`] (aliases of aliases through attributes).
    alias_depth: Cell<usize>,
    /// Memo of [`PySemantics::mentions`].
    mentioned: RefCell<Vec<(&'static str, bool)>>,
    /// Per function (node id): its body's bindings by name, for [`PySemantics::plain_assignments`]
    /// (one walk of the body, not one per name asked).
    assigned: RefCell<HashMap<usize, Rc<FunctionAssignments<'t>>>>,
}

/// Per name bound in a function body: the values of its plain `name = value` assignments, and
/// whether it is also bound another way (augmented assignment, loop target, `with ... as`, ...).
type FunctionAssignments<'t> = HashMap<String, (Vec<Option<Node<'t>>>, bool)>;

/// The value of keyword argument `name` in the argument list `args`.
pub(crate) fn keyword_arg<'n>(args: Node<'n>, name: &str, src: &str) -> Option<Node<'n>> {
    let mut c = args.walk();
    let found = args.named_children(&mut c).find(|a| {
        a.kind() == "keyword_argument" && a.field("name").is_some_and(|n| text(n, src) == name)
    });
    found.and_then(|a| a.field("value"))
}

pub(crate) fn text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    src.get(n.start_byte()..n.end_byte()).unwrap_or("")
}

fn dotted(n: Node<'_>, src: &str) -> String {
    text(n, src)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Names bound by an assignment target (identifiers, tuples, lists; not attributes/subscripts).
fn target_names<'t>(target: Node<'t>, src: &str, out: &mut Vec<(String, Node<'t>)>) {
    match target.kind() {
        "identifier" => out.push((text(target, src).to_owned(), target)),
        "pattern_list"
        | "tuple_pattern"
        | "list_pattern"
        | "tuple"
        | "list"
        | "list_splat_pattern"
        | "parenthesized_expression" => {
            let mut c = target.walk();
            for ch in target.named_children(&mut c) {
                target_names(ch, src, out);
            }
        }
        _ => {}
    }
}

impl<'t> PySemantics<'t> {
    /// Whether the file's text contains `word` (searched once per file): a cheap test a rule
    /// makes before looking for a name every use of which the text must spell (an import).
    pub(crate) fn mentions(&self, word: &'static str) -> bool {
        if let Some((_, m)) = self.mentioned.borrow().iter().find(|(w, _)| *w == word) {
            return *m;
        }
        let m = self.src.contains(word);
        self.mentioned.borrow_mut().push((word, m));
        m
    }

    /// Whether the file's text contains any of `words` (see [`PySemantics::mentions`]).
    pub(crate) fn mentions_any(&self, words: &[&'static str]) -> bool {
        words.iter().any(|w| self.mentions(w))
    }

    pub(crate) fn new(src: &'t str, root: Node<'t>) -> Self {
        let mut imports = HashMap::default();
        // One walk for everything the semantics needs of the whole file.
        let mut globals = HashSet::default();
        let mut functions: Vec<(Node<'t>, Option<usize>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut calls = Vec::new();
        let mut assignments = Vec::new();
        let mut alias_candidates = HashSet::default();
        walk_tree(root, |n| match n.kind() {
            "call" => calls.push(n),
            "assignment" => {
                if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                    if l.kind() == "identifier" && matches!(r.kind(), "identifier" | "attribute") {
                        alias_candidates.insert(text(l, src).to_owned());
                    }
                }
                assignments.push(n);
            }
            "global_statement" | "nonlocal_statement" => {
                let mut c = n.walk();
                for id in n.named_children(&mut c) {
                    globals.insert(text(id, src).to_owned());
                }
            }
            "function_definition" | "lambda" => {
                // Pre-order: the open functions that do not contain `n` are finished.
                while let Some(&top) = open.last() {
                    if functions
                        .get(top)
                        .is_some_and(|(f, _)| f.end_byte() >= n.end_byte())
                    {
                        break;
                    }
                    open.pop();
                }
                functions.push((n, open.last().copied()));
                open.push(functions.len() - 1);
            }
            "import_statement" => {
                let mut c = n.walk();
                for name in n.children_by_field_name("name", &mut c) {
                    if name.kind() == "aliased_import" {
                        if let (Some(m), Some(a)) = (name.field("name"), name.field("alias")) {
                            imports.insert(text(a, src).to_owned(), dotted(m, src));
                        }
                    } else {
                        // `import a.b` binds `a`.
                        let full = dotted(name, src);
                        let first = full.split('.').next().unwrap_or(&full).to_owned();
                        imports.insert(first.clone(), first);
                    }
                }
            }
            "import_from_statement" => {
                let Some(module) = n.field("module_name") else {
                    return;
                };
                let module = dotted(module, src);
                if module.starts_with('.') {
                    return; // relative imports are project code
                }
                let mut c = n.walk();
                for name in n.children_by_field_name("name", &mut c) {
                    let (orig, local) = if name.kind() == "aliased_import" {
                        match (name.field("name"), name.field("alias")) {
                            (Some(o), Some(a)) => (dotted(o, src), text(a, src).to_owned()),
                            _ => continue,
                        }
                    } else {
                        (dotted(name, src), dotted(name, src))
                    };
                    imports.insert(local, format!("{module}.{orig}"));
                }
            }
            _ => {}
        });
        Self {
            src,
            root,
            imports,
            module_bound: OnceCell::new(),
            local_bound: RefCell::new(HashMap::default()),
            globals,
            qualified: RefCell::new(HashMap::default()),
            functions,
            calls,
            assignments,
            alias_candidates,
            flow_args: OnceCell::new(),
            alias_depth: Cell::new(0),
            mentioned: RefCell::new(Vec::new()),
            assigned: RefCell::new(HashMap::default()),
        }
    }

    /// The dictionary literal `**NAME` passes: `NAME` bound once, at module level, to a literal
    /// with only string keys (no `**` inside), not rebound in the calling function nor declared
    /// `global` anywhere. The node is taken from the tree of `splat` (same file).
    fn module_dict<'n>(&self, splat: Node<'n>) -> Option<Node<'n>> {
        let id = splat.named_child(0).filter(|n| n.kind() == "identifier")?;
        let name = self.text(id);
        if self.globals().contains(name) || self.imports.contains_key(name) {
            return None;
        }
        if self
            .enclosing_functions(id)
            .into_iter()
            .any(|f| self.function_bound(f).contains(name))
        {
            return None;
        }
        let [value] = self.module_bound().get(name)?.as_slice() else {
            return None;
        };
        if value.kind() != "dictionary" {
            return None;
        }
        let mut c = value.walk();
        let plain = value.named_children(&mut c).all(|p| {
            p.kind() == "comment"
                || (p.kind() == "pair"
                    && p.field("key")
                        .is_some_and(|k| string_value(k, self.src).is_some()))
        });
        if !plain {
            return None;
        }
        let mut root = splat;
        while let Some(p) = root.parent() {
            root = p;
        }
        root.descendant_for_byte_range(value.start_byte(), value.end_byte())
            .filter(|d| d.kind() == "dictionary")
    }

    /// Lower the file and run constant propagation over every function (once per file, on first use).
    fn flow_args(&self) -> &CallArgConsts {
        self.flow_args.get_or_init(|| {
            let mut table: HashMap<(usize, usize), Vec<Option<Const>>> = HashMap::default();
            let Ok(models) = crate::flow::load_models(false) else {
                return table;
            };
            let lowered = crate::flow::lower::lower_file(self.src, self.root, "module.py", models);
            for f in &lowered.functions {
                let Ok(states) = solve(f, &mut ConstProp, 20_000) else {
                    continue;
                };
                for (b, state) in f.blocks.iter().zip(states) {
                    let Some(mut env) = state else {
                        continue; // unreachable block
                    };
                    for inst in &b.insts {
                        if let Inst::Assign {
                            expr: Expr::Call(c),
                            ..
                        } = inst
                        {
                            let vals: Vec<Option<Const>> =
                                c.args.iter().map(|a| env.operand(a)).collect();
                            let key = (c.span.start as usize, c.span.end as usize);
                            match table.get_mut(&key) {
                                // The same call lowered twice (a `finally` body): keep what agrees.
                                Some(old) => {
                                    for (o, n) in old.iter_mut().zip(vals) {
                                        if *o != n {
                                            *o = None;
                                        }
                                    }
                                }
                                None => {
                                    table.insert(key, vals);
                                }
                            }
                        }
                        transfer_inst(inst, &mut env);
                    }
                }
            }
            table
        })
    }

    /// The flow-sensitive constant value of `node` when it is an argument of a call: `Some(None)` when
    /// the call was analyzed and the argument is not constant there (or the call is dead), `None` when
    /// `node` is not a call argument.
    fn flow_arg(&self, node: Node<'_>) -> Option<Option<ConstValue>> {
        let parent = node.parent()?;
        let (arglist, kw) = match parent.kind() {
            "argument_list" => (parent, None),
            "keyword_argument" if parent.field("value").is_some_and(|v| v.id() == node.id()) => (
                parent.parent().filter(|p| p.kind() == "argument_list")?,
                Some(parent),
            ),
            _ => return None,
        };
        let call = arglist.parent().filter(|c| c.kind() == "call")?;
        // Argument order as lowered: positional ones (incl. splats) first, then keywords.
        let mut positional = 0usize;
        let mut pos_index = None;
        let mut keywords = 0usize;
        let mut kw_index = None;
        let mut c = arglist.walk();
        for a in arglist.named_children(&mut c) {
            match a.kind() {
                "comment" => {}
                "keyword_argument" => {
                    if kw.is_some_and(|k| k.id() == a.id()) {
                        kw_index = Some(keywords);
                    }
                    keywords += 1;
                }
                _ => {
                    if a.id() == node.id() {
                        pos_index = Some(positional);
                    }
                    positional += 1;
                }
            }
        }
        let index = pos_index.or(kw_index.map(|k| positional + k))?;
        let Some(vals) = self.flow_args().get(&(call.start_byte(), call.end_byte())) else {
            return Some(None);
        };
        Some(vals.get(index).cloned().flatten().map(|c| match c {
            Const::Null => ConstValue::Null,
            Const::Bool(b) => ConstValue::Bool(b),
            Const::Int(i) => ConstValue::Int(i128::from(i)),
            Const::Char(ch) => ConstValue::Str(ch.to_string()),
            Const::Str(s) => ConstValue::Str(s.to_string()),
        }))
    }

    /// The constant default of the parameter `node` names, when the enclosing function never rebinds
    /// it (`def digest(data, alg="md5"): hashlib.new(alg, data)`).
    fn parameter_default(&self, node: Node<'_>) -> Option<ConstValue> {
        if node.kind() != "identifier" {
            return None;
        }
        let name = self.text(node);
        let func = self
            .enclosing_functions(node)
            .into_iter()
            .find(|f| self.function_bound(*f).contains(name))?;
        if func.kind() != "function_definition" {
            return None;
        }
        let params = func.field("parameters")?;
        let mut c = params.walk();
        let default = params.named_children(&mut c).find_map(|p| {
            matches!(p.kind(), "default_parameter" | "typed_default_parameter")
                .then_some(p)
                .filter(|p| p.field("name").is_some_and(|n| self.text(n) == name))
                .and_then(|p| p.field("value"))
        })?;
        let body = func.field("body")?;
        let mut rebound = false;
        walk_tree(body, |n| {
            let mut out = Vec::new();
            binding_targets(n, self.src, &mut out);
            rebound |= out.iter().any(|(s, _)| s == name);
        });
        if rebound {
            return None;
        }
        self.const_of(default, 0)
    }

    pub(crate) fn text(&self, n: Node<'_>) -> &'t str {
        text(n, self.src)
    }

    /// Every `def` of the file, in pre-order.
    pub(crate) fn function_definitions(&self) -> impl Iterator<Item = Node<'t>> + '_ {
        self.functions
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| f.kind() == "function_definition")
    }

    fn globals(&self) -> &HashSet<String> {
        &self.globals
    }

    /// Module-level bindings (not imports), with the value nodes of plain assignments (or the
    /// binding node for defs, classes, loops).
    fn module_bound(&self) -> &HashMap<String, Vec<Node<'t>>> {
        self.module_bound.get_or_init(|| {
            let mut map: HashMap<String, Vec<Node<'t>>> = HashMap::default();
            let mut stack = vec![self.root];
            while let Some(scope) = stack.pop() {
                let mut c = scope.walk();
                for st in scope.named_children(&mut c) {
                    collect_bindings(st, self.src, &mut map, &mut stack);
                }
            }
            map
        })
    }

    /// Names bound inside one function (parameters, assignments, loop/with targets, nested defs).
    fn function_bound(&self, func: Node<'_>) -> Rc<HashSet<String>> {
        if let Some(s) = self.local_bound.borrow().get(&func.id()) {
            return Rc::clone(s);
        }
        let mut set = HashSet::default();
        if let Some(params) = func.field("parameters") {
            walk_tree(params, |p| {
                let name = match p.kind() {
                    "identifier" if p.parent().is_some_and(|x| x.id() == params.id()) => Some(p),
                    "default_parameter" | "typed_default_parameter" => p.field("name"),
                    "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                        p.named_child(0).filter(|x| x.kind() == "identifier")
                    }
                    _ => None,
                };
                if let Some(n) = name {
                    set.insert(self.text(n).to_owned());
                }
            });
        }
        if let Some(body) = func.field("body") {
            let mut out = Vec::new();
            walk_tree(body, |n| binding_targets(n, self.src, &mut out));
            set.extend(out.into_iter().map(|(s, _)| s));
        }
        let set = Rc::new(set);
        self.local_bound
            .borrow_mut()
            .insert(func.id(), Rc::clone(&set));
        set
    }

    /// Functions and lambdas enclosing `node`, innermost first. Uses a per-file table of function
    /// ranges instead of `Node::parent` (which walks down from the root on every call).
    fn enclosing_functions(&self, node: Node<'_>) -> Vec<Node<'t>> {
        let funcs = &self.functions;
        let (start, end) = (node.start_byte(), node.end_byte());
        // The enclosing functions are on the nesting chain of the last function that starts at
        // or before `node` (syntax nodes nest): O(nesting depth), not O(functions), per lookup.
        let mut out = Vec::new();
        let mut at = funcs
            .partition_point(|(f, _)| f.start_byte() <= start)
            .checked_sub(1);
        while let Some(i) = at {
            let Some(&(f, parent)) = funcs.get(i) else {
                break;
            };
            if f.start_byte() <= start && end <= f.end_byte() && f.id() != node.id() {
                // Innermost first.
                out.push(f);
            }
            at = parent;
        }
        out
    }

    /// Whether `name` at `at` is bound by an enclosing function (not module level).
    fn locally_bound(&self, name: &str, at: Node<'_>) -> bool {
        if self.globals().contains(name) {
            return false;
        }
        self.enclosing_functions(at)
            .into_iter()
            .any(|f| self.function_bound(f).contains(name))
    }

    fn resolve_identifier(&self, node: Node<'_>, has_attribute: bool) -> Option<String> {
        let name = self.text(node);
        if has_attribute && !self.imports.contains_key(name) {
            // `x.attr` of a name that is not imported never has a qualified name (see
            // `compute_qualified_name`): skip the costlier scope lookups.
            return None;
        }
        if self.locally_bound(name, node) {
            return None;
        }
        if let Some(q) = self.imports.get(name) {
            if self.module_bound().contains_key(name) {
                return None; // rebound at module level: ambiguous
            }
            return Some(q.clone());
        }
        if self.module_bound().contains_key(name) {
            return None;
        }
        Some(format!("builtins.{name}"))
    }

    fn compute_qualified_name(&self, node: Node<'_>) -> Option<String> {
        let mut parts = Vec::new();
        let mut cur = node;
        for _ in 0..MAX_DEPTH {
            match cur.kind() {
                "attribute" => {
                    parts.push(self.text(cur.field("attribute")?));
                    cur = cur.field("object")?;
                }
                "identifier" => {
                    let base = match self.resolve_identifier(cur, !parts.is_empty()) {
                        Some(b) => b,
                        // `mode = AES.MODE_ECB` / `h = hashlib.md5` bound once: an alias (only
                        // names assigned a name or attribute somewhere can be one).
                        None if self.alias_candidates.contains(self.text(cur)) => {
                            self.alias_of(cur, 0)?
                        }
                        None => return None,
                    };
                    if base.starts_with("builtins.") && !parts.is_empty() {
                        return None; // attribute of an unknown name
                    }
                    let mut q = base;
                    for p in parts.iter().rev() {
                        q.push('.');
                        q.push_str(p);
                    }
                    return Some(q);
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether `node` (a name or attribute chain) could have the qualified name `qualified`,
    /// judged from the imports alone: `qualified` must end with the chain's attributes and start
    /// with what the base name imports (or `builtins.` and the name for a bare name). Allocation-free.
    fn may_refer_to(&self, node: Node<'_>, qualified: &str) -> bool {
        let mut rest = qualified;
        let mut cur = node;
        for _ in 0..MAX_DEPTH {
            match cur.kind() {
                "attribute" => {
                    let (Some(attr), Some(obj)) = (cur.field("attribute"), cur.field("object"))
                    else {
                        return false;
                    };
                    let Some(head) = rest
                        .strip_suffix(self.text(attr))
                        .and_then(|h| h.strip_suffix('.'))
                    else {
                        return false;
                    };
                    rest = head;
                    cur = obj;
                }
                "identifier" => {
                    let name = self.text(cur);
                    return match self.imports.get(name) {
                        Some(q) => q == rest,
                        // A name bound to a name or attribute may be an alias of anything.
                        None if self.alias_candidates.contains(name) => true,
                        None => {
                            rest.strip_prefix("builtins.") == Some(name) && cur.id() == node.id()
                        }
                    };
                }
                _ => return false,
            }
        }
        false
    }

    /// The qualified name a name stands for when it is bound exactly once, to a dotted name or another
    /// such alias (not a call), in its function or at module level.
    fn alias_of(&self, node: Node<'_>, depth: usize) -> Option<String> {
        if depth > 4 || self.alias_depth.get() > 4 || node.kind() != "identifier" {
            return None;
        }
        let value = self.single_value(node)?;
        self.alias_depth.set(self.alias_depth.get() + 1);
        let q = match value.kind() {
            "attribute" => self.compute_qualified_name(value),
            "identifier" => self
                .resolve_identifier(value, false)
                .filter(|q| !q.starts_with("builtins."))
                .or_else(|| self.alias_of(value, depth + 1)),
            _ => None,
        };
        self.alias_depth.set(self.alias_depth.get() - 1);
        q
    }

    /// The value of the only plain assignment of the name `node` (in its innermost binding function,
    /// else at module level), when it has exactly one binding and is not a parameter or `global`.
    fn single_value(&self, node: Node<'_>) -> Option<Node<'t>> {
        let name = self.text(node);
        if self.globals().contains(name) {
            return None;
        }
        let funcs = self.enclosing_functions(node);
        if let Some(func) = funcs
            .iter()
            .find(|f| self.function_bound(**f).contains(name))
        {
            if funcs.first().map(Node::id) != Some(func.id()) {
                return None; // a closure variable
            }
            let (mut values, other) = self.plain_assignments(*func, name)?;
            if other || values.len() != 1 || self.is_parameter(*func, name) {
                return None;
            }
            return values.pop().flatten();
        }
        if self.imports.contains_key(name) {
            return None;
        }
        let binds = self.module_bound().get(name)?;
        let [value] = binds.as_slice() else {
            return None;
        };
        // Defs, classes and loop targets are recorded by their name node, not a value.
        (value.parent().is_some_and(|p| p.kind() == "assignment")
            && value.prev_sibling().is_some_and(|s| s.kind() == "="))
        .then_some(*value)
    }

    /// The values of the plain `name = value` assignments in `func`'s body, and whether `name` is
    /// also bound another way there (augmented assignment, loop target, `with ... as`, ...).
    fn plain_assignments(
        &self,
        func: Node<'t>,
        name: &str,
    ) -> Option<(Vec<Option<Node<'t>>>, bool)> {
        let cached = self.assigned.borrow().get(&func.id()).cloned();
        let all = match cached {
            Some(a) => a,
            None => {
                let body = func.field("body")?;
                let mut all = FunctionAssignments::default();
                walk_tree(body, |n| {
                    let mut out = Vec::new();
                    binding_targets(n, self.src, &mut out);
                    for (s, _) in out {
                        let entry = all.entry(s).or_default();
                        if n.kind() == "assignment"
                            && n.field("left").is_some_and(|l| l.kind() == "identifier")
                        {
                            entry.0.push(n.field("right"));
                        } else {
                            entry.1 = true;
                        }
                    }
                });
                let all = Rc::new(all);
                self.assigned.borrow_mut().insert(func.id(), all.clone());
                all
            }
        };
        Some(all.get(name).cloned().unwrap_or_default())
    }

    /// Whether `name` is one of `func`'s parameters.
    fn is_parameter(&self, func: Node<'_>, name: &str) -> bool {
        func.field("parameters")
            .map(|p| self.text(p))
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == name)
    }

    fn const_of(&self, node: Node<'_>, depth: usize) -> Option<ConstValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "string" => string_value(node, self.src).map(ConstValue::Str),
            "concatenated_string" => {
                let mut s = String::new();
                let mut c = node.walk();
                for part in node.named_children(&mut c) {
                    if part.kind() == "comment" {
                        continue;
                    }
                    s.push_str(&string_value(part, self.src)?);
                }
                Some(ConstValue::Str(s))
            }
            "integer" => parse_int(self.text(node)).map(ConstValue::Int),
            "float" => self
                .text(node)
                .replace('_', "")
                .parse()
                .ok()
                .map(ConstValue::Float),
            "true" => Some(ConstValue::Bool(true)),
            "false" => Some(ConstValue::Bool(false)),
            "none" => Some(ConstValue::Null),
            "parenthesized_expression" => node
                .named_child(0)
                .and_then(|c| self.const_of(c, depth + 1)),
            "unary_operator" => {
                let arg = node.field("argument")?;
                let op = node.field("operator").map(|o| self.text(o))?;
                match (op, self.const_of(arg, depth + 1)?) {
                    ("-", ConstValue::Int(i)) => Some(ConstValue::Int(-i)),
                    ("not", ConstValue::Bool(b)) => Some(ConstValue::Bool(!b)),
                    _ => None,
                }
            }
            "binary_operator" => {
                let op = node.field("operator").map(|o| self.text(o))?;
                let l = self.const_of(node.field("left")?, depth + 1)?;
                let r = self.const_of(node.field("right")?, depth + 1)?;
                match (op, l, r) {
                    ("+", ConstValue::Str(a), ConstValue::Str(b)) => Some(ConstValue::Str(a + &b)),
                    ("+", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_add(b).map(ConstValue::Int)
                    }
                    ("*", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_mul(b).map(ConstValue::Int)
                    }
                    ("-", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_sub(b).map(ConstValue::Int)
                    }
                    ("**", ConstValue::Int(a), ConstValue::Int(b)) => u32::try_from(b)
                        .ok()
                        .and_then(|b| a.checked_pow(b))
                        .map(ConstValue::Int),
                    _ => None,
                }
            }
            "identifier" => self.const_of_name(node, depth),
            // `self.algorithm`: what the lowering knows of it where it is a call's argument (a
            // class attribute bound once to a literal, `FileCtx::class_consts`).
            "attribute" => self.flow_arg(node).flatten(),
            _ => None,
        }
    }

    /// See [`Semantics::shell_safe`]: constants, `shlex.quote(...)`/`shlex.join(...)` results,
    /// values looked up in a constant table, and strings built only from those (`+`, `%`,
    /// f-strings, `.format`, `" ".join`), through names bound once.
    fn shell_safe_at(&self, node: Node<'_>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if self.const_of(node, depth).is_some() {
            return true;
        }
        let all = |nodes: &[Node<'_>]| {
            nodes
                .iter()
                .all(|n| n.kind() == "comment" || self.shell_safe_at(*n, depth + 1))
        };
        match node.kind() {
            "parenthesized_expression" => node
                .named_child(0)
                .is_some_and(|c| self.shell_safe_at(c, depth + 1)),
            "string" => {
                let mut c = node.walk();
                let parts: Vec<Node<'_>> = node
                    .named_children(&mut c)
                    .filter(|p| p.kind() == "interpolation")
                    .filter_map(|p| p.field("expression"))
                    .collect();
                all(&parts)
            }
            "concatenated_string" | "tuple" | "list" | "expression_list" => {
                let mut c = node.walk();
                let parts: Vec<Node<'_>> = node.named_children(&mut c).collect();
                all(&parts)
            }
            "binary_operator" => {
                let op = node.field("operator").map_or("", |o| self.text(o));
                let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
                    return false;
                };
                matches!(op, "+" | "%")
                    && self.shell_safe_at(l, depth + 1)
                    && self.shell_safe_at(r, depth + 1)
            }
            "identifier" => self
                .single_value(node)
                .is_some_and(|v| self.shell_safe_at(v, depth + 1)),
            "subscript" => node
                .field("value")
                .is_some_and(|t| self.constant_table(t, depth + 1)),
            "call" => {
                let Some(f) = node.field("function") else {
                    return false;
                };
                if ["shlex.quote", "shlex.join", "pipes.quote"]
                    .iter()
                    .any(|q| self.refers_to(f, q))
                {
                    return true;
                }
                let (Some(obj), Some(m)) = (f.field("object"), f.field("attribute")) else {
                    return false;
                };
                // `f(x for x in xs)`: the generator is the argument list itself.
                let args: Vec<Node<'_>> = node.field("arguments").map_or(Vec::new(), |a| {
                    if a.kind() == "generator_expression" {
                        return vec![a];
                    }
                    let mut c = a.walk();
                    a.named_children(&mut c)
                        .map(|x| {
                            if x.kind() == "keyword_argument" {
                                x.field("value").unwrap_or(x)
                            } else {
                                x
                            }
                        })
                        .collect()
                });
                match self.text(m) {
                    // A lookup in a constant table (its default a constant too).
                    "get" => self.constant_table(obj, depth + 1) && args.get(1..).is_none_or(&all),
                    "format" => self.const_of(obj, depth + 1).is_some() && all(&args),
                    "join" => {
                        self.const_of(obj, depth + 1).is_some()
                            && args.iter().all(|a| match a.kind() {
                                "generator_expression" | "list_comprehension" => a
                                    .field("body")
                                    .is_some_and(|b| self.shell_safe_at(b, depth + 1)),
                                _ => self.shell_safe_at(*a, depth + 1),
                            })
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Whether `node` is a dict, list, tuple or set literal (or a name bound once to one) whose
    /// values are all constants.
    fn constant_table(&self, node: Node<'_>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match node.kind() {
            "identifier" => self
                .single_value(node)
                .is_some_and(|v| self.constant_table(v, depth + 1)),
            "dictionary" => {
                let mut c = node.walk();
                let pairs: Vec<Node<'_>> = node.named_children(&mut c).collect();
                pairs.iter().all(|p| {
                    p.kind() == "comment"
                        || (p.kind() == "pair"
                            && p.field("value")
                                .is_some_and(|v| self.const_of(v, depth + 1).is_some()))
                })
            }
            "list" | "tuple" | "set" => {
                let mut c = node.walk();
                let items: Vec<Node<'_>> = node.named_children(&mut c).collect();
                items
                    .iter()
                    .all(|i| i.kind() == "comment" || self.const_of(*i, depth + 1).is_some())
            }
            _ => false,
        }
    }

    fn const_of_name(&self, node: Node<'_>, depth: usize) -> Option<ConstValue> {
        let name = self.text(node);
        if self.globals().contains(name) {
            return None;
        }
        if let Some(func) = self.enclosing_functions(node).first().copied() {
            if self.function_bound(func).contains(name) {
                // Exactly one plain assignment in this function, and not a parameter.
                let (mut values, other) = self.plain_assignments(func, name)?;
                if other || values.len() != 1 {
                    // Bound several times: the value reaching this call, if it is an argument.
                    return self.flow_arg(node).flatten();
                }
                // A parameter of the same name makes it non-constant.
                if self.is_parameter(func, name) {
                    return self.flow_arg(node).flatten();
                }
                return values
                    .pop()
                    .flatten()
                    .and_then(|v| self.const_of(v, depth + 1));
            }
            if self
                .enclosing_functions(node)
                .into_iter()
                .any(|f| self.function_bound(f).contains(name))
            {
                return None;
            }
        }
        let binds = self.module_bound().get(name)?;
        let [value] = binds.as_slice() else {
            return None;
        };
        if self.imports.contains_key(name) {
            return None;
        }
        self.const_of(*value, depth + 1)
    }
}

/// Record the names a statement binds (for function bodies: any depth, excluding nested scopes'
/// own parameters, which is close enough for "is this name local").
fn binding_targets<'t>(n: Node<'t>, src: &str, out: &mut Vec<(String, Node<'t>)>) {
    match n.kind() {
        "assignment" | "augmented_assignment" => {
            if let Some(l) = n.field("left") {
                target_names(l, src, out);
            }
        }
        "for_statement" | "for_in_clause" => {
            if let Some(l) = n.field("left") {
                target_names(l, src, out);
            }
        }
        "as_pattern" | "with_item" => {
            if let Some(a) = n.field("alias") {
                let t = if a.kind() == "as_pattern_target" {
                    a.named_child(0).unwrap_or(a)
                } else {
                    a
                };
                target_names(t, src, out);
            }
        }
        "named_expression" => {
            if let Some(l) = n.field("name") {
                target_names(l, src, out);
            }
        }
        "function_definition" | "class_definition" => {
            if let Some(name) = n.field("name") {
                out.push((text(name, src).to_owned(), name));
            }
        }
        _ => {}
    }
}

/// Module-level bindings: assignment values, and other binding statements, descending into
/// module-level `if`/`try`/`with`/`for` blocks but not into functions or classes.
fn collect_bindings<'t>(
    st: Node<'t>,
    src: &str,
    map: &mut HashMap<String, Vec<Node<'t>>>,
    stack: &mut Vec<Node<'t>>,
) {
    match st.kind() {
        "expression_statement" => {
            let mut c = st.walk();
            for e in st.named_children(&mut c) {
                if e.kind() == "assignment" {
                    let mut names = Vec::new();
                    if let Some(l) = e.field("left") {
                        target_names(l, src, &mut names);
                    }
                    let single = e.field("left").is_some_and(|l| l.kind() == "identifier");
                    for (name, at) in names {
                        let v = if single {
                            e.field("right").unwrap_or(at)
                        } else {
                            at
                        };
                        map.entry(name).or_default().push(v);
                    }
                } else if e.kind() == "augmented_assignment" {
                    let mut names = Vec::new();
                    if let Some(l) = e.field("left") {
                        target_names(l, src, &mut names);
                    }
                    for (name, at) in names {
                        map.entry(name).or_default().push(at);
                    }
                }
            }
        }
        "function_definition" | "class_definition" => {
            if let Some(name) = st.field("name") {
                map.entry(text(name, src).to_owned())
                    .or_default()
                    .push(name);
            }
        }
        "decorated_definition" => {
            if let Some(d) = st.field("definition") {
                collect_bindings(d, src, map, stack);
            }
        }
        "if_statement" | "try_statement" | "with_statement" | "for_statement"
        | "while_statement" | "block" | "else_clause" | "elif_clause" | "except_clause"
        | "finally_clause" => {
            if st.kind() == "for_statement" {
                let mut names = Vec::new();
                if let Some(l) = st.field("left") {
                    target_names(l, src, &mut names);
                }
                for (name, at) in names {
                    map.entry(name).or_default().push(at);
                }
            }
            stack.push(st);
        }
        _ => {}
    }
}

impl Semantics for PySemantics<'_> {
    fn const_value(&self, node: Node<'_>) -> Option<ConstValue> {
        self.const_of(node, 0)
    }

    fn assumed_value(&self, node: Node<'_>) -> Option<ConstValue> {
        self.const_of(node, 0)
            .or_else(|| self.parameter_default(node))
    }

    fn node_source(&self, node: Node<'_>) -> &str {
        text(node, self.src)
    }

    fn qualified_name(&self, node: Node<'_>) -> Option<String> {
        if let Some(q) = self.qualified.borrow().get(&node.id()) {
            return q.as_deref().map(str::to_owned);
        }
        let q = self.compute_qualified_name(node);
        self.qualified
            .borrow_mut()
            .insert(node.id(), q.as_deref().map(Rc::from));
        q
    }

    fn refers_to(&self, node: Node<'_>, qualified: &str) -> bool {
        if let Some(q) = self.qualified.borrow().get(&node.id()) {
            return q.as_deref() == Some(qualified);
        }
        // The scope lookups only ever turn a name into no name: when the name the imports alone
        // give differs, the answer is no without them (most tests of a predicate are negative).
        if !self.may_refer_to(node, qualified) {
            return false;
        }
        self.qualified_name(node).is_some_and(|q| q == qualified)
    }

    fn keyword_arg<'n>(&self, args: Node<'n>, name: &str) -> Option<Node<'n>> {
        // `**options` may hold any keyword: it stands for the argument, with no known value;
        // unless it is a dictionary literal of the module (`**COOKIE_OPTIONS`), whose entries are
        // the keywords it passes.
        keyword_arg(args, name, self.src).or_else(|| {
            let mut c = args.walk();
            let splat = args
                .named_children(&mut c)
                .find(|a| a.kind() == "dictionary_splat")?;
            match self.module_dict(splat) {
                Some(dict) => dict_entry(dict, name, self.src),
                None => Some(splat),
            }
        })
    }

    fn shell_safe(&self, node: Node<'_>) -> bool {
        self.shell_safe_at(node, 0)
    }

    fn imports(&self, module: &str) -> bool {
        let prefix = format!("{module}.");
        self.imports
            .values()
            .any(|q| q == module || q.starts_with(&prefix))
    }
}

/// The value of the entry `key` of a dictionary literal with string keys.
fn dict_entry<'n>(dict: Node<'n>, key: &str, src: &str) -> Option<Node<'n>> {
    let mut c = dict.walk();
    let found = dict.named_children(&mut c).find(|p| {
        p.kind() == "pair"
            && p.field("key")
                .and_then(|k| string_value(k, src))
                .is_some_and(|k| k == key)
    });
    found.and_then(|p| p.field("value"))
}

/// The value of a string literal without interpolation (f-string with `{}` → `None`).
fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    if node.kind() != "string" {
        return None;
    }
    let mut s = String::new();
    let mut c = node.walk();
    let mut raw = false;
    for part in node.named_children(&mut c) {
        match part.kind() {
            "string_start" => raw = text(part, src).to_ascii_lowercase().contains('r'),
            "string_content" => s.push_str(text(part, src)),
            "escape_sequence" => {
                let t = text(part, src);
                if raw {
                    s.push_str(t);
                } else {
                    match t {
                        "\\n" => s.push('\n'),
                        "\\t" => s.push('\t'),
                        "\\r" => s.push('\r'),
                        _ => s.push_str(t.get(1..).unwrap_or("")),
                    }
                }
            }
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(s)
}

fn parse_int(t: &str) -> Option<i128> {
    let t = t.replace('_', "").to_ascii_lowercase();
    let t = t.trim_end_matches(['l', 'j']);
    if let Some(h) = t.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(o) = t.strip_prefix("0o") {
        i128::from_str_radix(o, 8).ok()
    } else if let Some(b) = t.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()
    } else {
        t.parse().ok()
    }
}
