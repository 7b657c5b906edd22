//! What the Java front end knows about one file: imports, the package, declared types, local
//! constants and declared types of names. Everything is file-local and syntactic.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tree_sitter::Node;
use vigil_core::properties::{Lookup, ProjectProperties};
use vigil_query::{walk_tree, ConstValue, Semantics};

use crate::fields::Field;

/// Per-file facts, computed once per file (lazily where a walk is needed).
pub(crate) struct JavaSemantics<'t> {
    pub(crate) src: &'t str,
    root: Node<'t>,
    package: Option<String>,
    /// Single-type imports (`java.security.MessageDigest`).
    imports: Vec<String>,
    /// On-demand imports (`java.security` from `java.security.*`).
    wildcard: Vec<String>,
    /// Simple names of types declared in this file.
    declared: OnceCell<HashSet<String>>,
    /// The project's `.properties` files (`props.getProperty("key")` constants).
    properties: Option<&'t ProjectProperties>,
    /// The byte ranges of the declarators of the file's fields by name (built on first use).
    field_decls: OnceCell<HashMap<String, Vec<(usize, usize)>>>,
    /// Whether the text spells a word every AWS SDK client type name contains (computed on first
    /// use; see [`JavaSemantics::may_name_sdk_client`]).
    client_words: OnceCell<bool>,
    /// Whether a constant of the file can spell an AWS host (see
    /// [`JavaSemantics::may_spell_aws_host`]).
    aws_host: OnceCell<bool>,
    /// What each method body declares and assigns: see [`JavaSemantics::body_names`].
    body_names: RefCell<HashMap<usize, Rc<BodyNames>>>,
    /// The declared types of each class body's fields: see [`JavaSemantics::member_types`].
    member_types: RefCell<HashMap<usize, Rc<MemberTypes>>>,
    /// The scopes that decide whether code holds a monitor, by start (see
    /// [`JavaSemantics::monitor_scopes`]).
    monitor_scopes: OnceCell<Vec<MonitorScope>>,
    /// Which words the file's text contains (see [`JavaSemantics::mentions`]).
    mentions: RefCell<HashMap<&'static str, bool>>,
}

/// A scope that decides whether the code in it holds a monitor (`synchronized` blocks and methods
/// hold one; other methods, constructors, lambdas and class bodies do not).
struct MonitorScope {
    start: usize,
    end: usize,
    id: usize,
    held: bool,
}

/// A type body's fields by name: the type of the first declaration (generics stripped).
type MemberTypes = HashMap<String, Option<String>>;

fn is_type_body(n: Node<'_>) -> bool {
    matches!(n.kind(), "class_body" | "enum_body" | "interface_body")
}

/// The names one method body declares, takes as parameters and assigns (nested lambdas and
/// classes included), from one walk: what constant resolution asks of every name it meets.
#[derive(Default)]
struct BodyNames {
    /// `variable_declarator`s by name: byte ranges in preorder.
    decls: HashMap<String, Vec<(usize, usize)>>,
    /// Names of formal and catch parameters.
    params: HashSet<String>,
    /// The text of each `inferred_parameters` (`(a, b) -> ...`).
    inferred: Vec<String>,
    /// How many assignments and updates (`x = ..`, `x++`) each left-hand text has.
    assigned: HashMap<String, usize>,
    /// Local declarators (variables outside field declarations, for-each variables, catch
    /// parameters, resources) by name: byte ranges in preorder.
    locals: HashMap<String, Vec<(usize, usize)>>,
}

/// The value cached in `cache` for `node`, built by `build` on first use.
fn memo<T>(
    cache: &RefCell<HashMap<usize, Rc<T>>>,
    node: Node<'_>,
    build: impl FnOnce() -> T,
) -> Rc<T> {
    if let Some(v) = cache.borrow().get(&node.id()) {
        return Rc::clone(v);
    }
    let v = Rc::new(build());
    cache.borrow_mut().insert(node.id(), Rc::clone(&v));
    v
}

/// The outermost node under `within` spanning exactly `start..end`.
pub(crate) fn node_at(within: Node<'_>, start: usize, end: usize) -> Option<Node<'_>> {
    let mut n = within.descendant_for_byte_range(start, end)?;
    while let Some(p) = n.parent() {
        if p.start_byte() != start || p.end_byte() != end || p.id() == within.id() {
            break;
        }
        n = p;
    }
    (n.start_byte() == start && n.end_byte() == end).then_some(n)
}

const MAX_DEPTH: usize = 16;

impl<'t> JavaSemantics<'t> {
    pub(crate) fn new(src: &'t str, root: Node<'t>) -> Self {
        let mut package = None;
        let mut imports = Vec::new();
        let mut wildcard = Vec::new();
        let mut cur = root.walk();
        for child in root.named_children(&mut cur) {
            match child.kind() {
                "package_declaration" => {
                    let mut c2 = child.walk();
                    package = child
                        .named_children(&mut c2)
                        .find(|n| matches!(n.kind(), "scoped_identifier" | "identifier"))
                        .map(|n| text(n, src).to_owned());
                }
                "import_declaration" => {
                    let t = text(child, src);
                    if t.contains("static") {
                        continue;
                    }
                    let body: String = t
                        .trim_start_matches("import")
                        .trim()
                        .trim_end_matches(';')
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if let Some(pkg) = body.strip_suffix(".*") {
                        wildcard.push(pkg.to_owned());
                    } else {
                        imports.push(body);
                    }
                }
                _ => {}
            }
        }
        Self {
            src,
            root,
            package,
            imports,
            wildcard,
            declared: OnceCell::new(),
            properties: None,
            field_decls: OnceCell::new(),
            client_words: OnceCell::new(),
            aws_host: OnceCell::new(),
            body_names: RefCell::new(HashMap::new()),
            member_types: RefCell::new(HashMap::new()),
            monitor_scopes: OnceCell::new(),
            mentions: RefCell::new(HashMap::new()),
        }
    }

    /// Whether the file's text contains `word` (searched once per word and file): a cheap gate
    /// for rules that concern only code spelling some API.
    pub(crate) fn mentions(&self, word: &'static str) -> bool {
        *self
            .mentions
            .borrow_mut()
            .entry(word)
            .or_insert_with(|| self.src.contains(word))
    }

    /// Whether `node` runs with a monitor held: the innermost scope of [`Self::monitor_scopes`]
    /// around it (itself excluded) decides.
    pub(crate) fn under_monitor(&self, node: Node<'_>) -> bool {
        let scopes = self.monitor_scopes();
        let (start, end) = (node.start_byte(), node.end_byte());
        let before = scopes.partition_point(|s| s.start <= start);
        scopes[..before]
            .iter()
            .rev()
            .find(|s| s.end >= end && s.id != node.id())
            .is_some_and(|s| s.held)
    }

    /// Every scope of the file that decides whether its code holds a monitor, in preorder (sorted
    /// by start, an enclosing scope before the scopes it holds): built by one walk, on first use.
    fn monitor_scopes(&self) -> &[MonitorScope] {
        self.monitor_scopes.get_or_init(|| {
            let mut v = Vec::new();
            walk_tree(self.root, |n| {
                if let Some(held) = crate::rules::util::monitor_scope(n) {
                    v.push(MonitorScope {
                        start: n.start_byte(),
                        end: n.end_byte(),
                        id: n.id(),
                        held,
                    });
                }
            });
            v
        })
    }

    /// The fields `body` declares directly (and in type bodies directly inside it), by name: what
    /// [`JavaSemantics::declaration_in`] finds there, built once per body and file.
    fn member_types(&self, body: Node<'_>) -> Rc<MemberTypes> {
        memo(&self.member_types, body, || {
            let mut m = MemberTypes::new();
            let mut cur = body.walk();
            for k in body.named_children(&mut cur) {
                if k.kind() == "field_declaration" {
                    let ty = k.field("type").map(|t| strip_generics(self.text(t)));
                    let mut c2 = k.walk();
                    for d in k.children_by_field_name("declarator", &mut c2) {
                        if let Some(n) = d.field("name") {
                            m.entry(self.text(n).to_owned())
                                .or_insert_with(|| ty.clone());
                        }
                    }
                } else if is_type_body(k) {
                    for (n, t) in self.member_types(k).iter() {
                        m.entry(n.clone()).or_insert_with(|| t.clone());
                    }
                }
            }
            m
        })
    }

    /// What `body` declares, takes as parameters and assigns (built once per body and file).
    fn body_names(&self, body: Node<'_>) -> Rc<BodyNames> {
        memo(&self.body_names, body, || {
            let mut b = BodyNames::default();
            let range = |n: Node<'_>| (n.start_byte(), n.end_byte());
            walk_tree(body, |n| {
                let kind = n.kind();
                // Only the kinds below have a name worth reading.
                let named = matches!(
                    kind,
                    "variable_declarator"
                        | "catch_formal_parameter"
                        | "formal_parameter"
                        | "enhanced_for_statement"
                        | "resource"
                );
                let name = named
                    .then(|| n.field("name").map(|x| self.text(x).to_owned()))
                    .flatten();
                match (kind, name) {
                    ("variable_declarator", Some(x)) => {
                        if n.parent().is_some_and(|p| p.kind() != "field_declaration") {
                            b.locals.entry(x.clone()).or_default().push(range(n));
                        }
                        b.decls.entry(x).or_default().push(range(n));
                    }
                    ("catch_formal_parameter", Some(x)) => {
                        b.locals.entry(x.clone()).or_default().push(range(n));
                        b.params.insert(x);
                    }
                    ("formal_parameter", Some(x)) => {
                        b.params.insert(x);
                    }
                    ("enhanced_for_statement" | "resource", Some(x)) => {
                        b.locals.entry(x).or_default().push(range(n));
                    }
                    ("inferred_parameters", _) => b.inferred.push(self.text(n).to_owned()),
                    ("assignment_expression", _) => {
                        if let Some(l) = n.field("left") {
                            *b.assigned.entry(self.text(l).to_owned()).or_default() += 1;
                        }
                    }
                    ("update_expression", _) => {
                        let x = self.text(n).trim_matches(['+', '-', ' ']);
                        *b.assigned.entry(x.to_owned()).or_default() += 1;
                    }
                    _ => {}
                }
            });
            b
        })
    }

    /// The last local declarator (in preorder) of `name` in `callable`'s subtree that starts at or
    /// before `pos`: what one walk of the callable would find, from an index built once per
    /// callable.
    pub(crate) fn local_declared_before(
        &self,
        callable: Node<'_>,
        name: &str,
        pos: usize,
    ) -> Option<(usize, usize)> {
        self.body_names(callable)
            .locals
            .get(name)
            .and_then(|v| v.iter().rev().find(|(s, _)| *s <= pos).copied())
    }

    /// Whether a constant of this file can contain an AWS host name (`amazonaws`, in any case): a
    /// literal of the file spells it, or a project `.properties` value may supply it.
    pub(crate) fn may_spell_aws_host(&self) -> bool {
        *self.aws_host.get_or_init(|| {
            self.properties.is_some()
                || self
                    .src
                    .as_bytes()
                    .windows(9)
                    .any(|w| w.eq_ignore_ascii_case(b"amazonaws"))
        })
    }

    /// Whether the file's text contains a word that every AWS SDK client type name contains: v2
    /// `S3Client`, `S3AsyncClient`, `S3ClientBuilder`; v1 `AmazonS3`, `AmazonSQSAsync`, `AWSKMS`,
    /// `AWSLambdaClientBuilder`. When it does not, no type declared or spelled in the file is a
    /// client type. (`StringBuilder` is why `Builder` and `Async` alone are not such words.)
    pub(crate) fn may_name_sdk_client(&self) -> bool {
        *self.client_words.get_or_init(|| {
            ["Client", "Amazon", "AWS"]
                .iter()
                .any(|w| self.src.contains(w))
        })
    }

    /// Resolve `getProperty` calls on `Properties` loaded from project files through `properties`.
    pub(crate) fn with_properties(mut self, properties: Option<&'t ProjectProperties>) -> Self {
        self.properties = properties.filter(|p| !p.is_empty());
        self
    }

    /// The root of the file's tree.
    pub(crate) fn root(&self) -> Node<'t> {
        self.root
    }

    pub(crate) fn text(&self, n: Node<'_>) -> &'t str {
        text(n, self.src)
    }

    fn declared_types(&self) -> &HashSet<String> {
        self.declared.get_or_init(|| {
            let mut set = HashSet::new();
            walk_tree(self.root, |n| {
                if matches!(
                    n.kind(),
                    "class_declaration"
                        | "interface_declaration"
                        | "enum_declaration"
                        | "record_declaration"
                        | "annotation_type_declaration"
                ) {
                    if let Some(name) = n.field("name") {
                        set.insert(text(name, self.src).to_owned());
                    }
                }
            });
            set
        })
    }

    /// Whether a type of simple name `simple` is declared in this file.
    pub(crate) fn declares_type(&self, simple: &str) -> bool {
        self.declared_types().contains(simple)
    }

    /// Resolve a simple type name to a fully qualified one through imports. A name declared in this
    /// file, or imported from elsewhere, does not resolve to a foreign FQN.
    pub(crate) fn resolve_type(&self, simple: &str) -> Option<String> {
        if self.declared_types().contains(simple) {
            return self.package.as_ref().map(|p| format!("{p}.{simple}"));
        }
        let suffix = format!(".{simple}");
        if let Some(i) = self.imports.iter().find(|i| i.ends_with(&suffix)) {
            return Some(i.clone());
        }
        if let Some(p) = self.wildcard.first() {
            if self.wildcard.len() == 1 {
                return Some(format!("{p}.{simple}"));
            }
        }
        None
    }

    /// Whether the simple name `simple` may denote `fqn`: an explicit import of it, an on-demand
    /// import of its package, the same package, or `java.lang`; and no type of that name declared
    /// in this file or imported from elsewhere.
    pub(crate) fn may_be(&self, simple: &str, fqn: &str) -> bool {
        let Some((pkg, name)) = fqn.rsplit_once('.') else {
            return false;
        };
        if name != simple || self.declared_types().contains(simple) {
            return false;
        }
        let suffix = format!(".{simple}");
        if let Some(i) = self.imports.iter().find(|i| i.ends_with(&suffix)) {
            return i == fqn;
        }
        pkg == "java.lang"
            || self.wildcard.iter().any(|w| w == pkg)
            || self.package.as_deref() == Some(pkg)
    }

    /// The declared type (as written, generics stripped) of the variable `name` visible at `at`:
    /// a local variable, a parameter (method, lambda, catch, for-each) or a field of the file.
    pub(crate) fn declared_type_of(&self, name: &str, at: Node<'_>) -> Option<String> {
        let mut scope = at.parent();
        while let Some(s) = scope {
            if let Some(t) = self.declaration_in(s, name, at) {
                return Some(t);
            }
            scope = s.parent();
        }
        None
    }

    /// Looks for a declaration of `name` directly in `scope` (before `at` for blocks).
    fn declaration_in(&self, scope: Node<'_>, name: &str, at: Node<'_>) -> Option<String> {
        if is_type_body(scope) {
            return self.member_types(scope).get(name).cloned().flatten();
        }
        let mut cur = scope.walk();
        for k in scope.named_children(&mut cur) {
            let decl_type = match k.kind() {
                "local_variable_declaration" | "field_declaration" => {
                    if k.kind() == "local_variable_declaration" && k.start_byte() > at.start_byte()
                    {
                        continue;
                    }
                    let mut c2 = k.walk();
                    let hit = k
                        .children_by_field_name("declarator", &mut c2)
                        .any(|d| d.field("name").is_some_and(|n| self.text(n) == name));
                    if !hit {
                        continue;
                    }
                    k.field("type")
                }
                "formal_parameters" => {
                    let mut c2 = k.walk();
                    let found = k
                        .named_children(&mut c2)
                        .find(|p| p.field("name").is_some_and(|n| self.text(n) == name));
                    found.and_then(|p| p.field("type"))
                }
                "formal_parameter" | "catch_formal_parameter" => {
                    if k.field("name").is_some_and(|n| self.text(n) == name) {
                        k.field("type").or_else(|| {
                            let mut c2 = k.walk();
                            let t = k.named_children(&mut c2).find(|c| c.kind() == "catch_type");
                            t
                        })
                    } else {
                        continue;
                    }
                }
                "class_body" | "enum_body" | "interface_body" => {
                    // Fields of the enclosing class.
                    if let Some(t) = self.declaration_in(k, name, at) {
                        return Some(t);
                    }
                    continue;
                }
                _ => continue,
            };
            return decl_type.map(|t| strip_generics(self.text(t)));
        }
        if scope.kind() == "enhanced_for_statement"
            && scope.field("name").is_some_and(|n| self.text(n) == name)
        {
            return scope.field("type").map(|t| strip_generics(self.text(t)));
        }
        None
    }

    fn enclosing_body<'n>(&self, node: Node<'n>) -> Option<Node<'n>> {
        let mut cur = node.parent();
        while let Some(n) = cur {
            if matches!(
                n.kind(),
                "method_declaration"
                    | "constructor_declaration"
                    | "lambda_expression"
                    | "static_initializer"
                    | "class_body"
            ) {
                return Some(n);
            }
            cur = n.parent();
        }
        None
    }

    fn const_of(&self, node: Node<'_>, depth: usize) -> Option<ConstValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "string_literal" => Some(ConstValue::Str(string_value(self.text(node)))),
            "character_literal" => Some(ConstValue::Str(
                self.text(node).trim_matches('\'').to_owned(),
            )),
            "decimal_integer_literal"
            | "hex_integer_literal"
            | "octal_integer_literal"
            | "binary_integer_literal" => parse_int(self.text(node)).map(ConstValue::Int),
            "decimal_floating_point_literal" => self
                .text(node)
                .trim_end_matches(['f', 'F', 'd', 'D'])
                .parse()
                .ok()
                .map(ConstValue::Float),
            "true" => Some(ConstValue::Bool(true)),
            "false" => Some(ConstValue::Bool(false)),
            "null_literal" => Some(ConstValue::Null),
            "parenthesized_expression" => node
                .named_child(0)
                .and_then(|c| self.const_of(c, depth + 1)),
            "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o))?;
                let l = self.const_of(node.field("left")?, depth + 1)?;
                let r = self.const_of(node.field("right")?, depth + 1)?;
                match (op, l, r) {
                    ("+", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_add(b).map(ConstValue::Int)
                    }
                    ("*", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_mul(b).map(ConstValue::Int)
                    }
                    ("-", ConstValue::Int(a), ConstValue::Int(b)) => {
                        a.checked_sub(b).map(ConstValue::Int)
                    }
                    ("+", a @ ConstValue::Str(_), b) | ("+", a, b @ ConstValue::Str(_)) => {
                        Some(ConstValue::Str(a.as_text() + &b.as_text()))
                    }
                    _ => None,
                }
            }
            "array_creation_expression" => {
                let init = node.field("value")?;
                self.const_of(init, depth + 1)
            }
            "array_initializer" => {
                let mut c = node.walk();
                let all = node
                    .named_children(&mut c)
                    .all(|e| self.const_of(e, depth + 1).is_some());
                all.then_some(ConstValue::Array)
            }
            "method_invocation" => {
                // "literal".getBytes(...) and CONST.getBytes(...) keep their constness as bytes.
                let name = node.field("name").map(|n| self.text(n))?;
                let obj = node.field("object")?;
                match name {
                    "getBytes" | "toCharArray" => match self.const_of(obj, depth + 1)? {
                        ConstValue::Str(_) => Some(ConstValue::Array),
                        _ => None,
                    },
                    "getProperty" => self.property_value(node, obj, depth),
                    _ => None,
                }
            }
            "identifier" => self.const_of_name(node, self.text(node), depth),
            "field_access" => {
                let obj = node.field("object")?;
                let field = node.field("field")?;
                // `this.X` or `Type.X` where the type is declared in this file.
                let ok = obj.kind() == "this"
                    || (obj.kind() == "identifier"
                        && self.declared_types().contains(self.text(obj)));
                if ok {
                    self.const_field(self.text(field), depth)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A local variable with an initializer and no other assignment in its method, or a final field.
    fn const_of_name(&self, at: Node<'_>, name: &str, depth: usize) -> Option<ConstValue> {
        if let Some(body) = self.enclosing_body(at) {
            if body.kind() != "class_body" {
                let names = self.body_names(body);
                let decls = names.decls.get(name);
                let decl = decls
                    .and_then(|v| v.last())
                    .and_then(|&(s, e)| node_at(body, s, e));
                let shadowed = decls.is_some_and(|v| v.len() > 1)
                    || names.params.contains(name)
                    || names.inferred.iter().any(|t| t.contains(name));
                let assigned = names.assigned.get(name).copied().unwrap_or(0);
                if let Some(d) = decl {
                    if shadowed {
                        return None;
                    }
                    if assigned > 0 {
                        return self
                            .reaching_write(body, d, name, at)
                            .and_then(|v| self.const_of(v, depth + 1))
                            .filter(|v| *v != ConstValue::Array);
                    }
                    let value = d.field("value").and_then(|v| self.const_of(v, depth + 1));
                    if value == Some(ConstValue::Array) && self.array_written(body, name) {
                        return None;
                    }
                    return value;
                }
                if shadowed {
                    return None;
                }
                // A parameter of the method itself.
                if let Some(params) = body.field("parameters") {
                    if self.text(params).contains(name) {
                        let mut c = params.walk();
                        if params.named_children(&mut c).any(|p| {
                            p.field("name").is_some_and(|x| self.text(x) == name)
                                || self.text(p) == name
                        }) {
                            return None;
                        }
                    }
                }
            }
        }
        self.const_field(name, depth)
    }

    /// `props.getProperty("key")` / `props.getProperty("key", default)` where `props` is a
    /// `java.util.Properties` local or field of this file: the value of the key in the project
    /// properties files it is loaded from ([`ProjectProperties::lookup`]); the default when the
    /// loaded project file lacks the key.
    fn property_value(&self, call: Node<'_>, recv: Node<'_>, depth: usize) -> Option<ConstValue> {
        let props = self.properties?;
        let args = call.field("arguments")?;
        let mut c = args.walk();
        let args: Vec<Node<'_>> = args.named_children(&mut c).collect();
        if args.is_empty() || args.len() > 2 {
            return None;
        }
        let ConstValue::Str(key) = self.const_of(args[0], depth + 1)? else {
            return None;
        };
        let recv_name = match recv.kind() {
            "identifier" => self.text(recv),
            "field_access" if recv.field("object").is_some_and(|o| o.kind() == "this") => {
                self.text(recv.field("field")?)
            }
            _ => return None,
        };
        if !self.is_properties_type(recv_name, recv) {
            return None;
        }
        let names = self.loaded_from(recv_name, recv, depth)?;
        match props.lookup(&names, &key) {
            Lookup::Value(v) => Some(ConstValue::Str(v)),
            Lookup::Missing => args
                .get(1)
                .and_then(|d| self.const_of(*d, depth + 1))
                .filter(|v| matches!(v, ConstValue::Str(_))),
            Lookup::Unknown => None,
        }
    }

    /// Whether the variable `name` visible at `at` is declared as `java.util.Properties`.
    fn is_properties_type(&self, name: &str, at: Node<'_>) -> bool {
        let Some(t) = self.declared_type_of(name, at) else {
            return false;
        };
        t == "Properties"
            && !self.declares_type("Properties")
            && !self
                .imports
                .iter()
                .any(|i| i.ends_with(".Properties") && i != "java.util.Properties")
    }

    /// The names of the files the `Properties` variable `name` is loaded from (`load(...)` calls in
    /// its method, or in the file for a field), in source order; an empty list when a load source
    /// is not a constant file or resource name (the file is unknown). `None` when the variable may
    /// hold another object than a fresh `Properties` (assigned from elsewhere, built on defaults) or
    /// is loaded from XML.
    fn loaded_from(&self, name: &str, at: Node<'_>, depth: usize) -> Option<Vec<String>> {
        let scope = self
            .enclosing_body(at)
            .filter(|b| b.kind() != "class_body" && self.declares_local(*b, name))
            .unwrap_or(self.root);
        let fresh = |v: Node<'_>| {
            v.kind() == "object_creation_expression"
                && v.field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0)
        };
        let mut ok = true;
        let mut names = Vec::new();
        let mut unknown = false;
        let local = scope != self.root;
        walk_tree(scope, |n| match n.kind() {
            "variable_declarator"
                if n.field("name").is_some_and(|x| self.text(x) == name)
                    && n.field("value").is_some_and(|v| !fresh(v)) =>
            {
                ok = false;
            }
            "assignment_expression"
                if n.field("left").is_some_and(|l| {
                    self.text(l) == name || self.text(l) == format!("this.{name}")
                }) && !n.field("right").is_some_and(fresh) =>
            {
                ok = false;
            }
            "method_invocation"
                if n.field("object").is_some_and(|o| {
                    self.text(o) == name || self.text(o) == format!("this.{name}")
                }) =>
            {
                let method = n.field("name").map(|m| self.text(m));
                match method {
                    Some("load") => {
                        let arg = n.field("arguments").and_then(|a| a.named_child(0));
                        match arg.and_then(|a| self.stream_file(a, depth + 1)) {
                            Some(file) => names.push(file),
                            None => unknown = true,
                        }
                    }
                    // Written by the program, or read from XML: not the file's text alone.
                    Some(
                        "loadFromXML" | "clear" | "putAll" | "setProperty" | "put" | "remove"
                        | "putIfAbsent" | "merge" | "compute" | "computeIfAbsent" | "replace",
                    ) => ok = false,
                    _ => {}
                }
            }
            _ => {}
        });
        if !ok {
            return None;
        }
        if unknown {
            names.clear();
        } else if names.is_empty() && local && !self.is_parameter(scope, name) {
            // A fresh local `Properties` never loaded holds nothing from any file.
            return None;
        }
        Some(names)
    }

    /// Whether `name` is a parameter of the method (or lambda) `body`.
    fn is_parameter(&self, body: Node<'_>, name: &str) -> bool {
        body.field("parameters").is_some_and(|params| {
            let mut c = params.walk();
            let found = params
                .named_children(&mut c)
                .any(|p| p.field("name").is_some_and(|x| self.text(x) == name));
            found
        })
    }

    /// Whether `body` declares a local variable or parameter `name`.
    fn declares_local(&self, body: Node<'_>, name: &str) -> bool {
        let mut found = false;
        walk_tree(body, |n| {
            if matches!(
                n.kind(),
                "variable_declarator" | "formal_parameter" | "resource"
            ) && n.field("name").is_some_and(|x| self.text(x) == name)
            {
                found = true;
            }
        });
        found
    }

    /// The file or classpath resource name an input stream or reader expression opens:
    /// `getResourceAsStream("x")` (class or class loader, `getSystemResourceAsStream` too),
    /// `getResource("x").openStream()`, `new FileInputStream("x")`/`new FileReader(..)`/`new File(..)`,
    /// `Files.newInputStream(Paths.get(..))`/`newBufferedReader`, through wrapping readers and
    /// streams and single-assignment locals.
    fn stream_file<'n>(&self, e: Node<'n>, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        fn first_arg(n: Node<'_>) -> Option<Node<'_>> {
            n.field("arguments").and_then(|a| a.named_child(0))
        }
        let const_str = |n: Node<'_>| match self.const_of(n, depth + 1) {
            Some(ConstValue::Str(s)) => Some(s),
            _ => None,
        };
        match e.kind() {
            "parenthesized_expression" | "cast_expression" => {
                let inner = e
                    .field("value")
                    .or_else(|| e.named_child(e.named_child_count().checked_sub(1)?))?;
                self.stream_file(inner, depth + 1)
            }
            "method_invocation" => {
                let m = self.text(e.field("name")?);
                match m {
                    "getResourceAsStream"
                    | "getSystemResourceAsStream"
                    | "getResource"
                    | "getSystemResource" => const_str(first_arg(e)?),
                    "openStream" | "toPath" | "toFile" => {
                        self.stream_file(e.field("object")?, depth + 1)
                    }
                    "newInputStream" | "newBufferedReader" | "get" | "of" => {
                        let args = e.field("arguments")?;
                        let mut c = args.walk();
                        let parts: Vec<Node<'_>> = args.named_children(&mut c).collect();
                        if matches!(m, "get" | "of") {
                            // Paths.get("a", "b") / Path.of("a/b")
                            let obj = e.field("object")?;
                            if !matches!(self.text(obj), "Paths" | "Path") {
                                return None;
                            }
                            let segs: Option<Vec<String>> =
                                parts.iter().map(|p| const_str(*p)).collect();
                            return segs.map(|s| s.join("/"));
                        }
                        self.stream_file(*parts.first()?, depth + 1)
                    }
                    _ => None,
                }
            }
            "object_creation_expression" => {
                let ty = e.field("type").map(|t| self.text(t))?;
                let ty = ty.rsplit('.').next().unwrap_or(ty);
                let args = e.field("arguments")?;
                let mut c = args.walk();
                let parts: Vec<Node<'_>> = args.named_children(&mut c).collect();
                match ty {
                    "FileInputStream" | "FileReader" | "File" => {
                        let last = match ty {
                            // new File(dir, "name"): the name names the file.
                            "File" if parts.len() == 2 => parts[1],
                            _ => *parts.first()?,
                        };
                        const_str(last).or_else(|| self.stream_file(last, depth + 1))
                    }
                    "InputStreamReader" | "BufferedReader" | "BufferedInputStream" => {
                        self.stream_file(*parts.first()?, depth + 1)
                    }
                    _ => None,
                }
            }
            "identifier" => {
                let name = self.text(e);
                let body = self.enclosing_body(e)?;
                let mut decl: Option<Node<'_>> = None;
                let mut writes = 0usize;
                walk_tree(body, |n| match n.kind() {
                    "variable_declarator" | "resource"
                        if n.field("name").is_some_and(|x| self.text(x) == name) =>
                    {
                        writes += 1;
                        decl = Some(n);
                    }
                    "assignment_expression"
                        if n.field("left").is_some_and(|l| self.text(l) == name) =>
                    {
                        writes += 1;
                    }
                    _ => {}
                });
                if writes != 1 {
                    return None;
                }
                self.stream_file(decl?.field("value")?, depth + 1)
            }
            _ => None,
        }
    }

    /// The value of the one write of the local `name` (declared by `decl`) that reaches `at` on
    /// every path: the last write before `at` in source order, when it is a plain `name = value;`
    /// statement (or the declaration) of a block that also holds the statement containing `at`, with
    /// no other write of `name` between the two. Writes in branches or loops between them, compound
    /// assignments and increments give `None`.
    fn reaching_write<'n>(
        &self,
        body: Node<'n>,
        decl: Node<'n>,
        name: &str,
        at: Node<'_>,
    ) -> Option<Node<'n>> {
        // Every write of `name` in the method.
        let mut writes: Vec<Node<'n>> = vec![decl];
        walk_tree(body, |n| match n.kind() {
            "assignment_expression" if n.field("left").is_some_and(|l| self.text(l) == name) => {
                writes.push(n);
            }
            "update_expression" if self.text(n).trim_matches(['+', '-', ' ']) == name => {
                writes.push(n);
            }
            _ => {}
        });
        let last = writes
            .iter()
            .copied()
            .filter(|w| w.end_byte() <= at.start_byte())
            .max_by_key(Node::start_byte)?;
        let (stmt, value) = if last.id() == decl.id() {
            (decl.parent()?, decl.field("value")?)
        } else {
            if last.kind() != "assignment_expression"
                || last.field("operator").is_some_and(|o| self.text(o) != "=")
            {
                return None;
            }
            let stmt = last
                .parent()
                .filter(|p| p.kind() == "expression_statement")?;
            (stmt, last.field("right")?)
        };
        let block = stmt.parent()?;
        // The statement of that block that contains `at` comes after the write, and holds no later
        // write of `name` (which a loop inside it could carry back to `at`).
        let mut cur = at.parent();
        while let Some(n) = cur {
            if n.parent().is_some_and(|p| p.id() == block.id()) {
                let later = writes.iter().any(|w| {
                    w.start_byte() >= at.end_byte()
                        && w.start_byte() >= n.start_byte()
                        && w.end_byte() <= n.end_byte()
                });
                return (n.start_byte() > stmt.start_byte() && !later).then_some(value);
            }
            cur = n.parent();
        }
        None
    }

    /// Whether the array `name` may be written in `body`: an element assignment, or passed to a
    /// method (e.g. `random.nextBytes(iv)`, `System.arraycopy(.., iv, ..)`).
    fn array_written(&self, body: Node<'_>, name: &str) -> bool {
        let mut written = false;
        walk_tree(body, |n| match n.kind() {
            "assignment_expression"
                if n.field("left").is_some_and(|l| {
                    l.kind() == "array_access"
                        && l.field("array").is_some_and(|a| self.text(a) == name)
                }) =>
            {
                written = true;
            }
            "method_invocation" => {
                if let Some(args) = n.field("arguments") {
                    let mut c = args.walk();
                    if args
                        .named_children(&mut c)
                        .any(|a| a.kind() == "identifier" && self.text(a) == name)
                    {
                        written = true;
                    }
                }
            }
            _ => {}
        });
        written
    }

    /// A `final` field of this file with a constant initializer (unique by name in the file).
    fn const_field(&self, name: &str, depth: usize) -> Option<ConstValue> {
        let ranges = self.field_decls.get_or_init(|| {
            let mut by_name: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            walk_tree(self.root, |n| {
                if n.kind() == "field_declaration" || n.kind() == "constant_declaration" {
                    let mut c = n.walk();
                    for d in n.children_by_field_name("declarator", &mut c) {
                        if let Some(x) = d.field("name") {
                            by_name
                                .entry(text(x, self.src).to_owned())
                                .or_default()
                                .push((d.start_byte(), d.end_byte()));
                        }
                    }
                }
            });
            by_name
        });
        let found: Vec<Node<'_>> = ranges
            .get(name)?
            .iter()
            .filter_map(|&(a, b)| self.root.descendant_for_byte_range(a, b))
            // A declarator without initializer spans only its name.
            .filter_map(|n| {
                if n.kind() == "variable_declarator" {
                    Some(n)
                } else {
                    n.parent().filter(|p| p.kind() == "variable_declarator")
                }
            })
            .collect();
        let [decl] = found.as_slice() else {
            return None;
        };
        let field = decl.parent()?;
        let is_final = field.kind() == "constant_declaration"
            || field
                .named_child(0)
                .filter(|m| m.kind() == "modifiers")
                .is_some_and(|m| {
                    let mut c = m.walk();
                    let fin = m.children(&mut c).any(|x| x.kind() == "final");
                    fin
                });
        if !is_final {
            return None;
        }
        decl.field("value")
            .and_then(|v| self.const_of(v, depth + 1))
    }
}

impl Semantics for JavaSemantics<'_> {
    fn const_value(&self, node: Node<'_>) -> Option<ConstValue> {
        self.const_of(node, 0)
    }

    fn node_source(&self, node: Node<'_>) -> &str {
        text(node, self.src)
    }

    fn qualified_name(&self, node: Node<'_>) -> Option<String> {
        match node.kind() {
            "identifier" | "type_identifier" => self.resolve_type(self.text(node)),
            "scoped_identifier" | "scoped_type_identifier" | "field_access" => {
                let t: String = self
                    .text(node)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                // `Outer.Inner` where Outer is imported.
                let (first, rest) = t.split_once('.')?;
                if first.chars().next().is_some_and(char::is_uppercase) {
                    self.resolve_type(first).map(|q| format!("{q}.{rest}"))
                } else {
                    Some(t)
                }
            }
            "generic_type" => node.named_child(0).and_then(|n| self.qualified_name(n)),
            _ => None,
        }
    }

    fn refers_to(&self, node: Node<'_>, qualified: &str) -> bool {
        match node.kind() {
            "identifier" | "type_identifier" => self.may_be(self.text(node), qualified),
            "generic_type" => node
                .named_child(0)
                .is_some_and(|n| self.refers_to(n, qualified)),
            _ => self.qualified_name(node).is_some_and(|q| q == qualified),
        }
    }

    fn imports(&self, module: &str) -> bool {
        self.imports
            .iter()
            .chain(self.wildcard.iter())
            .any(|i| i == module || i.starts_with(&format!("{module}.")))
    }
}

pub(crate) fn text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    src.get(n.start_byte()..n.end_byte()).unwrap_or("")
}

fn strip_generics(t: &str) -> String {
    let base = t.split('<').next().unwrap_or(t).trim();
    base.rsplit('.').next().unwrap_or(base).to_owned()
}

fn parse_int(t: &str) -> Option<i128> {
    let t = t.trim_end_matches(['l', 'L']).replace('_', "");
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        i128::from_str_radix(b, 2).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        i128::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

/// The value of a Java string literal (simple escapes decoded; text blocks with their margin kept).
fn string_value(lit: &str) -> String {
    let inner = if let Some(s) = lit.strip_prefix("\"\"\"") {
        s.strip_suffix("\"\"\"").unwrap_or(s)
    } else {
        let s = lit.strip_prefix('"').unwrap_or(lit);
        s.strip_suffix('"').unwrap_or(s)
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
