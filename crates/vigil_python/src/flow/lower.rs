//! Lowering of tree-sitter-python trees to the `vigil_flow` IR, with Python name resolution: imports
//! (`import a.b as c`, `from a import b as c`, relative imports against the file's module path),
//! module-level constants and constructor-typed globals (`app = Flask(__name__)`), parameter
//! annotations, and return types of modelled library calls.
//!
//! Conventions the models rely on (see `docs/dataflow.md`, Python section):
//! - a call of an imported function `mod.f(...)` is a static call with class `mod` and name `f`;
//!   builtins are `builtins.f`; a method call `x.m(...)` is virtual with the receiver's type when known;
//! - keyword arguments follow the positional ones, in source order;
//! - a keyword argument whose value is not `False`/`None`/`0` selects the pseudo-type `T#kw` when a
//!   model names it (`subprocess#shell`), and `T#kw=V` for a named value (`yaml#Loader=yaml.SafeLoader`);
//! - reading a modelled attribute (`request.args`) is a call with no arguments of that name;
//! - `x in y` is a call `y.__contains__(x)`, `y[k] = v` also calls `y.__setitem__(k, v)` on a typed
//!   `y`, and `"fmt" % v` calls `str.__mod__`;
//! - dict and list literals are arrays keyed by their constant keys/indices.

use crate::fields::Field;
use foldhash::{HashMap, HashSet};
use std::sync::Arc;

use tree_sitter::Node;
use vigil_core::TextRange;
use vigil_flow::ir::{
    BinOp, Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Local, Operand, Param,
    Terminator, UnOp, Var,
};
use vigil_flow::Models;

/// Deepest statement/expression nesting lowered; deeper code is skipped with a notice.
pub(crate) const MAX_DEPTH: u32 = 100;

/// A lowered file.
#[derive(Debug, Default)]
pub(crate) struct LoweredFile {
    pub(crate) functions: Vec<Function>,
    /// Per function: it is defined at module level (callable by name from other modules).
    pub(crate) module_level: Vec<bool>,
    /// Notices (nesting too deep), one per function.
    pub(crate) notices: Vec<String>,
}

/// A field of a class of the module: (class, field).
type FieldKey = (Arc<str>, Arc<str>);

pub(crate) struct FileCtx<'a> {
    src: &'a str,
    module: Arc<str>,
    imports: HashMap<String, Arc<str>>,
    consts: HashMap<String, Const>,
    global_types: HashMap<String, Arc<str>>,
    classes: HashSet<String>,
    /// Module-level enumerations (`class Theme(str, Enum)`): as annotations, the type `enum.Enum`.
    enums: HashSet<String>,
    /// Module-level functions whose every `return` is a call of one class or modelled factory
    /// (`def directory(): return Connection(...)`): the type of what they return.
    fn_returns: HashMap<String, Arc<str>>,
    /// Fields of the module's classes that every assignment in their methods gives one class or
    /// modelled factory's result (`self.conn = Connection(...)`): (class, field) → type.
    field_types: HashMap<FieldKey, Arc<str>>,
    /// Class attributes bound once in the class body to a literal (`algorithm = "md5"`) that no
    /// method assigns on `self` and no class of the module inherits: `self.algorithm` is that
    /// constant. Trade-off: a subclass in another module overriding the attribute is not seen.
    class_consts: HashMap<FieldKey, Const>,
    /// Module names bound once to a dictionary literal whose values are all literals
    /// (`HEADERS = {"csv": "text/csv", ...}`): what `HEADERS.get(key, default)` returns is one of
    /// those constants or the default, whatever the key.
    const_dicts: HashSet<String>,
    /// Names given to FastAPI's `Depends(name)` in the module (dependency functions).
    dependencies: HashSet<String>,
    /// Dataclasses of the module without an `__init__` of their own: class path → fields, in
    /// order (the parameters of the generated `__init__`).
    dataclasses: HashMap<Arc<str>, Vec<String>>,
    /// Functions defined at module level: they shadow the builtins of the same name
    /// (`webbrowser.open`).
    functions: HashSet<String>,
    models: &'a Models,
    django: bool,
    /// The module imports Django REST framework: a view's `request` is [`DRF_REQUEST_TYPE`].
    drf: bool,
    /// The application class of the one web framework the module imports (`flask.Flask`).
    framework: Option<&'static str>,
    /// The request class of the one framework the module imports whose handlers receive the
    /// request as a parameter named `request` (Starlette, aiohttp's server).
    request_type: Option<&'static str>,
}

pub(crate) fn text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    src.get(n.start_byte()..n.end_byte()).unwrap_or("")
}

fn span(n: Node<'_>) -> TextRange {
    TextRange::new(n.start_byte(), n.end_byte())
}

/// The pseudo-type of values stored under a name that denotes a secret: an assignment to such a name
/// (variable, attribute, constant dict key), a keyword argument so named, or the value returned by a
/// function so named whose name starts like a maker (`generate_password`, `make_token`, `new_nonce`,
/// `get_session_id`) calls `<secret>.__secret__(value)`, which `rules/python/models/random.yaml`
/// declares an `insecure-random` sink.
pub(crate) const SECRET_TYPE: &str = "<secret>";

/// Whether a name denotes a security value (`reset_token`, `sessionId`, `api_key`, `nonce`, `salt`,
/// `generate_password`): its last word, ignoring case and `_`/`-`, is one of a fixed list.
pub(crate) fn names_secret(name: &str) -> bool {
    const ENDS: &[&str] = &[
        "token",
        "password",
        "passwd",
        "secret",
        "nonce",
        "salt",
        "otp",
        "sessionid",
        "sessid",
        "apikey",
        "secretkey",
        "privatekey",
        "signingkey",
        "encryptionkey",
        "accesskey",
        "authkey",
        "hmackey",
        "resetcode",
        "authcode",
        "verificationcode",
        "activationcode",
        "confirmationcode",
        "passphrase",
        "csrf",
    ];
    let n: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    // Short forms only as the whole name (`pw`, `pwd`, `new_pw`): as a suffix they end too many
    // ordinary words.
    matches!(
        n.as_str(),
        "iv" | "pw" | "pwd" | "newpw" | "newpwd" | "temppw" | "tmppw"
    ) || ENDS.iter().any(|e| n.ends_with(e))
}

fn named_children(n: Node<'_>) -> Vec<Node<'_>> {
    let mut c = n.walk();
    n.named_children(&mut c).collect()
}

fn dotted(n: Node<'_>, src: &str) -> String {
    text(n, src)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The dotted module path of a file (`pkg/sub/mod.py` → `pkg.sub.mod`, `pkg/__init__.py` → `pkg`).
pub(crate) fn module_of(rel_path: &str) -> String {
    let p = rel_path.replace('\\', "/");
    let p = p.strip_suffix(".py").unwrap_or(&p);
    let p = p.strip_suffix("/__init__").unwrap_or(p);
    p.trim_start_matches("./").replace('/', ".")
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
            Some(o) => {
                if !matches!(o, '\\' | '\'' | '"') {
                    out.push('\\');
                }
                out.push(o);
            }
            None => {}
        }
    }
    out
}

/// The type whose members the models give for `self.` in a Django class-based view (`django.yaml`).
const DJANGO_VIEW_TYPE: &str = "django.views.View";
/// A Django model's manager (`Model.objects`).
const DJANGO_MANAGER_TYPE: &str = "django.db.models.Manager";
/// The base of Django REST framework's class-based views (`APIView`, the generic views, the
/// viewsets): a Django view whose `self.request` is [`DRF_REQUEST_TYPE`].
const DRF_VIEW_TYPE: &str = "rest_framework.views.APIView";
/// Django REST framework's request (`query_params`, `data`, and what Django's request has).
const DRF_REQUEST_TYPE: &str = "rest_framework.request.Request";

/// The type whose members the models give for `self.` in an `http.server` request handler
/// (`http-server.yaml`).
const HTTP_HANDLER_TYPE: &str = "http.server.BaseHTTPRequestHandler";
/// Calls that never return (resolved names).
const NEVER_RETURN: &[&str] = &[
    "flask.abort",
    "werkzeug.exceptions.abort",
    "sys.exit",
    "os._exit",
    "os.abort",
    "builtins.exit",
    "builtins.quit",
    "exit",
    "quit",
];
/// The type of an unannotated `request` parameter in a module that imports Starlette or FastAPI
/// (`starlette.yaml`).
const STARLETTE_REQUEST_TYPE: &str = "starlette.requests.Request";
/// The type of an unannotated `request` parameter in a module that imports `aiohttp.web`
/// (`aiohttp.yaml`).
const AIOHTTP_REQUEST_TYPE: &str = "aiohttp.web.Request";
/// The type whose members the models give for `self.` in an aiohttp class-based view.
const AIOHTTP_VIEW_TYPE: &str = "aiohttp.web.View";

/// The pseudo-type of what a WSGI application that serves HTML returns (`wsgi.yaml`).
const WSGI_HTML_APP: &str = "wsgi.html-app";

/// The pseudo-type of the sinks of an API Gateway proxy response (`aws-lambda.yaml`).
const PROXY_RESPONSE_TYPE: &str = "aws_lambda.ProxyResponse";

/// Whether the dictionary literal `n` is an API Gateway proxy response (a `statusCode` key), and
/// then whether its `headers` give an HTML `Content-Type`.
fn proxy_response(n: Node<'_>, src: &str) -> Option<bool> {
    let key_of = |p: Node<'_>| {
        p.field("key")
            .filter(|k| k.kind() == "string")
            .and_then(|k| plain_string(k, src))
    };
    let pairs: Vec<Node<'_>> = named_children(n)
        .into_iter()
        .filter(|p| p.kind() == "pair")
        .collect();
    if !pairs
        .iter()
        .any(|p| key_of(*p).as_deref() == Some("statusCode"))
    {
        return None;
    }
    let html = pairs
        .iter()
        .filter(|p| key_of(**p).as_deref() == Some("headers"))
        .filter_map(|p| p.field("value").filter(|v| v.kind() == "dictionary"))
        .flat_map(named_children)
        .filter(|h| {
            h.kind() == "pair" && key_of(*h).is_some_and(|k| k.eq_ignore_ascii_case("content-type"))
        })
        .filter_map(|h| h.field("value").filter(|v| v.kind() == "string"))
        .filter_map(|v| plain_string(v, src))
        .any(|t| t.trim().to_ascii_lowercase().starts_with("text/html"));
    Some(html)
}

/// The names given to `Depends(name)` / `Security(name)` anywhere in the module.
fn depends_targets(root: Node<'_>, src: &str) -> HashSet<String> {
    let mut out = HashSet::default();
    if !src.contains("Depends(") && !src.contains("Security(") {
        return out;
    }
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "call" {
            let f = n.field("function").map_or("", |f| text(f, src));
            if f.ends_with("Depends") || f.ends_with("Security") {
                if let Some(a) = n
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .filter(|a| a.kind() == "identifier")
                {
                    out.insert(text(a, src).to_owned());
                }
            }
        }
        stack.extend(named_children(n));
    }
    out
}

/// The parameters a Flask/Werkzeug route rule converts to numbers (`<int:id>`, `<float:ratio>`,
/// `<uuid:key>`, also with converter arguments `<int(min=1):page>`): name → inert type.
fn route_converters(rule: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for part in rule.split('<').skip(1) {
        let Some((spec, _)) = part.split_once('>') else {
            continue;
        };
        let Some((conv, name)) = spec.split_once(':') else {
            continue;
        };
        let conv = conv.split('(').next().unwrap_or(conv).trim();
        let ty = match conv {
            "int" => "builtins.int",
            "float" => "builtins.float",
            "uuid" => "uuid.UUID",
            _ => continue,
        };
        out.push((name.trim().to_owned(), ty));
    }
    out
}

/// A call of `class.name(args)` with no receiver: the pseudo-calls the lowering names for the models
/// (sinks of response parts and secrets, `repr` of logged values, containment checks).
fn static_call(class: &str, name: &str, args: Vec<Operand>, sp: TextRange) -> Expr {
    Expr::Call(Call {
        name: Arc::from(name),
        class: Some(Arc::from(class)),
        kind: CallKind::Static,
        receiver: None,
        on_this: false,
        args,
        span: sp,
    })
}

/// The value of a string without interpolations; `None` for f-strings with fields and bytes.
fn plain_string(n: Node<'_>, src: &str) -> Option<String> {
    let mut out = String::new();
    let mut raw = false;
    for c in named_children(n) {
        match c.kind() {
            "string_start" => {
                let p = text(c, src).to_ascii_lowercase();
                if p.contains('b') {
                    return None;
                }
                raw = p.contains('r');
            }
            "string_content" => {
                let t = text(c, src);
                out.push_str(&if raw { t.to_owned() } else { unescape(t) });
            }
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(out)
}

fn literal(n: Node<'_>, src: &str) -> Option<Const> {
    let mut n = n;
    while n.kind() == "parenthesized_expression" && n.named_child_count() == 1 {
        n = n.named_child(0)?;
    }
    match n.kind() {
        "string" => plain_string(n, src).map(|s| Const::Str(Arc::from(s))),
        "concatenated_string" => {
            let mut s = String::new();
            for c in named_children(n) {
                s.push_str(&plain_string(c, src)?);
            }
            Some(Const::Str(Arc::from(s)))
        }
        "integer" => {
            let t: String = text(n, src).chars().filter(|c| *c != '_').collect();
            let t = t.to_ascii_lowercase();
            let v = if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).ok()
            } else if let Some(o) = t.strip_prefix("0o") {
                i64::from_str_radix(o, 8).ok()
            } else if let Some(b) = t.strip_prefix("0b") {
                i64::from_str_radix(b, 2).ok()
            } else {
                t.parse().ok()
            };
            v.map(Const::Int)
        }
        "true" => Some(Const::Bool(true)),
        "false" => Some(Const::Bool(false)),
        "none" => Some(Const::Null),
        _ => None,
    }
}

fn binop(op: &str) -> Option<BinOp> {
    Some(match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" | "//" => BinOp::Div,
        "%" => BinOp::Rem,
        "==" => BinOp::Eq,
        "!=" | "<>" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "^" => BinOp::BitXor,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        _ => return None,
    })
}

/// `["sh", "-c", ...]`: a list whose third element runs through a shell.
fn is_shell_list(l: Node<'_>, src: &str) -> bool {
    if l.kind() != "list" {
        return false;
    }
    let lit = |i| l.named_child(i).and_then(|x| literal(x, src));
    let sh = matches!(lit(0), Some(Const::Str(s)) if matches!(
        s.rsplit('/').next().unwrap_or(""),
        "sh" | "bash" | "zsh" | "dash" | "ksh"
    ));
    sh && matches!(lit(1), Some(Const::Str(s)) if &*s == "-c")
}

/// Resolve `from <module> import ...` against the importing module (relative imports).
fn resolve_from(module_node: Node<'_>, src: &str, this_module: &str, is_pkg: bool) -> String {
    let raw = dotted(module_node, src);
    if !raw.starts_with('.') {
        return raw;
    }
    let dots = raw.chars().take_while(|c| *c == '.').count();
    let rest = &raw[dots..];
    let mut parts: Vec<&str> = this_module.split('.').filter(|s| !s.is_empty()).collect();
    // `.` is the package of this module (the module itself for a package's __init__).
    let up = if is_pkg { dots - 1 } else { dots };
    for _ in 0..up {
        parts.pop();
    }
    let mut base = parts.join(".");
    if !rest.is_empty() {
        if !base.is_empty() {
            base.push('.');
        }
        base.push_str(rest);
    }
    base
}

/// Imports, top-level class names, and module-level `name = value` assignments.
type Prepass<'t> = (
    HashMap<String, Arc<str>>,
    HashSet<String>,
    HashSet<String>,
    Vec<(String, Node<'t>)>,
);

/// One walk over the tree: imports (any depth), module-level constants and constructor-typed
/// globals, classes, and the definitions to lower.
fn prepass<'t>(
    root: Node<'t>,
    src: &str,
    module: &str,
    is_pkg: bool,
    defs: &mut Vec<(Node<'t>, Option<Arc<str>>, bool)>,
) -> Prepass<'t> {
    let mut imports: HashMap<String, Arc<str>> = HashMap::default();
    let mut classes = HashSet::default();
    let mut enums = HashSet::default();
    let mut module_assigns: Vec<(String, Node<'t>)> = Vec::new();
    // (node, enclosing class, at module level)
    let mut stack: Vec<(Node<'t>, Option<Arc<str>>, bool)> = vec![(root, None, true)];
    while let Some((n, class, top)) = stack.pop() {
        match n.kind() {
            "import_statement" => {
                for name in named_children(n) {
                    if name.kind() == "aliased_import" {
                        if let (Some(m), Some(a)) = (name.field("name"), name.field("alias")) {
                            imports.insert(text(a, src).to_owned(), Arc::from(dotted(m, src)));
                        }
                    } else if name.kind() == "dotted_name" {
                        let full = dotted(name, src);
                        let first = full.split('.').next().unwrap_or(&full).to_owned();
                        imports.insert(first.clone(), Arc::from(first));
                    }
                }
                continue;
            }
            "import_from_statement" => {
                let Some(m) = n.field("module_name") else {
                    continue;
                };
                let base = resolve_from(m, src, module, is_pkg);
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
                    let q = if base.is_empty() {
                        orig
                    } else {
                        format!("{base}.{orig}")
                    };
                    imports.insert(local, Arc::from(q));
                }
                continue;
            }
            "function_definition" => {
                defs.push((n, class.clone(), top));
                if let Some(b) = n.field("body") {
                    stack.push((b, None, false));
                }
                continue;
            }
            "class_definition" => {
                let name = n
                    .field("name")
                    .map(|x| text(x, src).to_owned())
                    .unwrap_or_default();
                if top {
                    // An enumeration (`class Theme(str, Enum)`): a parameter so annotated holds
                    // one of its members (FastAPI validates it).
                    let is_enum = n.field("superclasses").is_some_and(|b| {
                        named_children(b).into_iter().any(|b| {
                            let t = text(b, src);
                            let last = t.rsplit('.').next().unwrap_or(t);
                            matches!(last, "Enum" | "IntEnum" | "StrEnum" | "Flag" | "IntFlag")
                        })
                    });
                    if is_enum {
                        enums.insert(name.clone());
                    }
                    classes.insert(name.clone());
                }
                let owner: Arc<str> = match &class {
                    Some(c) => Arc::from(format!("{c}.{name}")),
                    None if module.is_empty() => Arc::from(name.as_str()),
                    None => Arc::from(format!("{module}.{name}")),
                };
                defs.push((n, Some(owner.clone()), false));
                if let Some(b) = n.field("body") {
                    stack.push((b, Some(owner), false));
                }
                continue;
            }
            "expression_statement" if top && class.is_none() => {
                if let Some(a) = n.named_child(0).filter(|a| a.kind() == "assignment") {
                    if let (Some(l), Some(r)) = (a.field("left"), a.field("right")) {
                        if l.kind() == "identifier" {
                            module_assigns.push((text(l, src).to_owned(), r));
                        }
                    }
                }
            }
            _ => {}
        }
        // Definitions and imports are statements: only what holds statements is entered (not
        // the expressions, most of the tree).
        if !holds_statements(n.kind()) {
            continue;
        }
        let mut kids = named_children(n);
        kids.reverse();
        // Module-level compound statements (if/try at the top) keep `top`.
        let keep_top = top
            && matches!(
                n.kind(),
                "module"
                    | "if_statement"
                    | "try_statement"
                    | "block"
                    | "else_clause"
                    | "elif_clause"
                    | "except_clause"
                    | "finally_clause"
                    | "with_statement"
                    | "decorated_definition"
            );
        for k in kids {
            stack.push((k, class.clone(), keep_top));
        }
    }
    (imports, classes, enums, module_assigns)
}

/// Whether nodes of `kind` may hold statements (directly, or in a clause or block they hold). An
/// `ERROR` node may hold anything.
fn holds_statements(kind: &str) -> bool {
    matches!(
        kind,
        "module"
            | "block"
            | "if_statement"
            | "elif_clause"
            | "else_clause"
            | "for_statement"
            | "while_statement"
            | "try_statement"
            | "except_clause"
            | "except_group_clause"
            | "finally_clause"
            | "with_statement"
            | "match_statement"
            | "case_clause"
            | "decorated_definition"
            | "ERROR"
    )
}

/// [`FileCtx::class_consts`] of the module's classes.
fn class_constants(
    cx: &mut FileCtx<'_>,
    defs: &[(Node<'_>, Option<Arc<str>>, bool)],
    field_assigns: &HashMap<FieldKey, Vec<Option<Arc<str>>>>,
) {
    let src = cx.src;
    let mut subclassed: HashSet<&str> = HashSet::default();
    for (node, _, _) in defs {
        if node.kind() != "class_definition" {
            continue;
        }
        for b in node
            .field("superclasses")
            .map(named_children)
            .unwrap_or_default()
        {
            let t = text(b, src);
            subclassed.insert(t.rsplit('.').next().unwrap_or(t));
        }
    }
    for (node, class, _) in defs {
        let (Some(owner), "class_definition", Some(name), Some(body)) =
            (class, node.kind(), node.field("name"), node.field("body"))
        else {
            continue;
        };
        if subclassed.contains(text(name, src)) {
            continue;
        }
        let mut found: HashMap<&str, Option<Const>> = HashMap::default();
        for st in named_children(body) {
            let Some(a) = st
                .named_child(0)
                .filter(|_| st.kind() == "expression_statement")
                .filter(|a| a.kind() == "assignment")
            else {
                continue;
            };
            let Some(l) = a.field("left").filter(|l| l.kind() == "identifier") else {
                continue;
            };
            let value = a.field("right").and_then(|r| literal(r, src));
            found
                .entry(text(l, src))
                .and_modify(|v| *v = None)
                .or_insert(value);
        }
        for (attr, value) in found {
            let key: FieldKey = (owner.clone(), Arc::from(attr));
            if let Some(c) = value.filter(|_| !field_assigns.contains_key(&key)) {
                cx.class_consts.insert(key, c);
            }
        }
    }
}

/// Lower every function, method, class body and the module body of a file.
pub(crate) fn lower_file(
    src: &str,
    root: Node<'_>,
    rel_path: &str,
    models: &Models,
) -> LoweredFile {
    let module = module_of(rel_path);
    let is_pkg = rel_path.ends_with("__init__.py");
    let mut defs = Vec::new();
    let (imports, classes, enums, module_assigns) = prepass(root, src, &module, is_pkg, &mut defs);
    let functions: HashSet<String> = defs
        .iter()
        .filter(|(_, class, top)| *top && class.is_none())
        .filter_map(|(n, _, _)| n.field("name"))
        .map(|x| text(x, src).to_owned())
        .collect();
    let drf = imports.values().any(|q| q.starts_with("rest_framework"));
    let django = drf || imports.values().any(|q| q.starts_with("django"));
    let uses = |m: &str| {
        imports
            .values()
            .any(|q| &**q == m || q.strip_prefix(m).is_some_and(|r| r.starts_with('.')))
    };
    let framework = match (uses("flask"), uses("fastapi")) {
        (true, false) => Some("flask.Flask"),
        (false, true) => Some("fastapi.FastAPI"),
        _ => None,
    };
    // Starlette (and FastAPI, built on it) and aiohttp's server pass handlers the request.
    let request_type = match (uses("starlette") || uses("fastapi"), uses("aiohttp.web")) {
        (true, false) if !django => Some(STARLETTE_REQUEST_TYPE),
        (false, true) if !django => Some(AIOHTTP_REQUEST_TYPE),
        _ => None,
    };
    let mut cx = FileCtx {
        src,
        module: Arc::from(module.as_str()),
        imports,
        consts: HashMap::default(),
        global_types: HashMap::default(),
        classes,
        enums,
        fn_returns: HashMap::default(),
        field_types: HashMap::default(),
        class_consts: HashMap::default(),
        const_dicts: HashSet::default(),
        dependencies: depends_targets(root, src),
        dataclasses: HashMap::default(),
        functions,
        models,
        django,
        drf,
        framework,
        request_type,
    };
    // Module-level names bound once: constants and constructor-typed objects.
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for (n, _) in &module_assigns {
        *counts.entry(n.as_str()).or_default() += 1;
    }
    for (name, value) in &module_assigns {
        if counts.get(name.as_str()) != Some(&1) {
            continue;
        }
        if let Some(c) = literal(*value, src) {
            cx.consts.insert(name.clone(), c);
        } else if value.kind() == "dictionary"
            && named_children(*value).into_iter().all(|p| {
                p.kind() == "comment"
                    || (p.kind() == "pair"
                        && p.field("value").and_then(|v| literal(v, src)).is_some())
            })
        {
            cx.const_dicts.insert(name.clone());
        } else if value.kind() == "call" {
            if let Some(f) = value.field("function") {
                if let Some(p) = cx.static_path(f) {
                    let ty = cx.type_of_call(p);
                    cx.global_types.insert(name.clone(), ty);
                } else if let Some(ty) = cx.call_type(*value) {
                    cx.global_types.insert(name.clone(), ty);
                }
            }
        }
    }
    // What module-level factory functions return.
    for (node, class, top) in &defs {
        if !*top || class.is_some() || node.kind() != "function_definition" {
            continue;
        }
        let (Some(name), Some(body)) = (node.field("name"), node.field("body")) else {
            continue;
        };
        let mut types: Vec<Option<Arc<str>>> = Vec::new();
        returns_of(body, &mut |r| types.push(r.and_then(|v| cx.call_type(v))));
        if let Some(Some(t)) = types.first() {
            if types.iter().all(|x| x.as_ref() == Some(t)) {
                let t = t.clone();
                cx.fn_returns.insert(text(name, src).to_owned(), t);
            }
        }
    }
    // Dataclasses (`@dataclass`, attrs' `@define`): their fields, for the generated `__init__`.
    for (node, class, _) in &defs {
        if let (Some(owner), "class_definition") = (class, node.kind()) {
            if let Some(fields) = dataclass_fields(*node, src) {
                cx.dataclasses.insert(owner.clone(), fields);
            }
        }
    }
    // What methods assign to fields of `self`.
    let mut field_assigns: HashMap<FieldKey, Vec<Option<Arc<str>>>> = HashMap::default();
    for (node, class, _) in &defs {
        let (Some(owner), Some(body)) = (class, node.field("body")) else {
            continue;
        };
        if node.kind() != "function_definition" {
            continue;
        }
        statements_of(body, &mut |st| {
            let Some(a) = st
                .named_child(0)
                .filter(|_| st.kind() == "expression_statement")
                .filter(|a| a.kind() == "assignment")
            else {
                return;
            };
            let (Some(l), Some(r)) = (a.field("left"), a.field("right")) else {
                return;
            };
            if l.kind() != "attribute" {
                return;
            }
            let (Some(o), Some(f)) = (l.field("object"), l.field("attribute")) else {
                return;
            };
            if text(o, src) == "self" {
                field_assigns
                    .entry((owner.clone(), Arc::from(text(f, src))))
                    .or_default()
                    .push(cx.call_type(r));
            }
        });
    }
    class_constants(&mut cx, &defs, &field_assigns);
    for (k, types) in field_assigns {
        if let Some(Some(t)) = types.first() {
            if types.iter().all(|x| x.as_ref() == Some(t)) {
                let t = t.clone();
                cx.field_types.insert(k, t);
            }
        }
    }
    let mut out = LoweredFile::default();
    // The module body.
    let mut b = Builder::new(&cx, cx.module.clone(), Arc::from("<module>"));
    b.name_span = TextRange::new(0, 0);
    b.body(root);
    b.terminate(Terminator::Return(None, TextRange::new(0, 0)));
    push(&mut out, b, root, false);
    for (node, class, top) in defs {
        if node.kind() == "class_definition" {
            let owner = class.unwrap_or_else(|| cx.module.clone());
            let mut b = Builder::new(&cx, owner.clone(), Arc::from("<class>"));
            b.name_span = node.field("name").map_or(span(node), span);
            if let Some(body) = node.field("body") {
                b.body(body);
            }
            b.terminate(Terminator::Return(None, span(node)));
            push(&mut out, b, node, false);
            if let Some(fields) = cx.dataclasses.get(&owner) {
                let mut b = Builder::new(&cx, owner.clone(), Arc::from("__init__"));
                b.name_span = node.field("name").map_or(span(node), span);
                b.in_class = true;
                b.generated_init(fields, span(node));
                push(&mut out, b, node, false);
            }
            continue;
        }
        let owner = class.clone().unwrap_or_else(|| cx.module.clone());
        let name = node.field("name").map_or("<unnamed>", |n| text(n, src));
        let mut b = Builder::new(&cx, owner, Arc::from(name));
        b.in_class = class.is_some();
        b.function(node);
        push(&mut out, b, node, top);
    }
    out
}

/// The fields of a dataclass (`@dataclass`, `@dataclasses.dataclass(...)`, attrs' `@define`/
/// `@attr.s`) that does not define `__init__`: its annotated class attributes, in order
/// (`ClassVar`s excluded).
fn dataclass_fields(class: Node<'_>, src: &str) -> Option<Vec<String>> {
    let parent = class
        .parent()
        .filter(|p| p.kind() == "decorated_definition")?;
    let decorated = named_children(parent).into_iter().any(|d| {
        d.kind() == "decorator"
            && d.named_child(0).is_some_and(|e| {
                let f = if e.kind() == "call" {
                    e.field("function").unwrap_or(e)
                } else {
                    e
                };
                let t = text(f, src);
                matches!(
                    t.rsplit('.').next().unwrap_or(t),
                    "dataclass" | "define" | "frozen" | "mutable" | "s" | "attrs"
                ) && (t.contains("dataclass") || t.contains("attr") || t == "define")
            })
    });
    if !decorated {
        return None;
    }
    let body = class.field("body")?;
    let mut fields = Vec::new();
    for st in named_children(body) {
        match st.kind() {
            "function_definition"
                if st.field("name").is_some_and(|n| text(n, src) == "__init__") =>
            {
                return None;
            }
            "expression_statement" => {
                let Some(a) = st.named_child(0).filter(|a| a.kind() == "assignment") else {
                    continue;
                };
                let (Some(l), Some(t)) = (a.field("left"), a.field("type")) else {
                    continue;
                };
                if l.kind() == "identifier" && !text(t, src).contains("ClassVar") {
                    fields.push(text(l, src).to_owned());
                }
            }
            _ => {}
        }
    }
    Some(fields)
}

/// Calls `f` with the value of each `return` in a function body (`None` for a bare `return`),
/// nested functions and classes excluded.
fn returns_of<'t>(body: Node<'t>, f: &mut impl FnMut(Option<Node<'t>>)) {
    statements_of(body, &mut |n| {
        if n.kind() == "return_statement" {
            f(n.named_child(0));
        }
    });
}

/// What `re.sub(pattern, replacement, s)` leaves of `s` when `pattern` is a negated character class
/// (`[^A-Za-z0-9._-]`, `[^\w.-]+`) replaced by characters of that class, or a class of line breaks
/// removed (`[\r\n]`): the name of the pseudo-function the models read as a sanitizer, by the
/// characters that may remain: `__sub_word__` (letters, digits, `_`, `-`), `__sub_name__` (also
/// `.`), `__sub_text__` (also spaces), `__sub_no_newline__` (anything but line breaks). `None`
/// for any other pattern.
fn kept_charset(pattern: &str, replacement: &str) -> Option<&'static str> {
    let body = pattern
        .strip_suffix('+')
        .or_else(|| pattern.strip_suffix('*'))
        .unwrap_or(pattern);
    let inner = body.strip_prefix('[')?.strip_suffix(']')?;
    let (negated, inner) = match inner.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    // The characters of the class (ASCII; `None` on anything not understood).
    let mut set = [false; 128];
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let e = *chars.get(i + 1)?;
            i += 2;
            let mut add = |lo: u8, hi: u8| {
                for b in lo..=hi {
                    set[b as usize] = true;
                }
            };
            match e {
                'w' => {
                    add(b'a', b'z');
                    add(b'A', b'Z');
                    add(b'0', b'9');
                    add(b'_', b'_');
                }
                'd' => add(b'0', b'9'),
                's' => {
                    for b in [b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c] {
                        set[b as usize] = true;
                    }
                }
                'n' => set[b'\n' as usize] = true,
                'r' => set[b'\r' as usize] = true,
                't' => set[b'\t' as usize] = true,
                c if c.is_ascii_punctuation() => set[c as usize] = true,
                _ => return None,
            }
            prev = None;
            continue;
        }
        if c == '-' && prev.is_some() && i + 1 < chars.len() {
            let lo = prev?;
            let hi = chars[i + 1];
            if !lo.is_ascii() || !hi.is_ascii() || hi < lo || hi == '\\' {
                return None;
            }
            for b in (lo as u8)..=(hi as u8) {
                set[b as usize] = true;
            }
            i += 2;
            prev = None;
            continue;
        }
        if !c.is_ascii() || c == '[' {
            return None;
        }
        set[c as usize] = true;
        prev = Some(c);
        i += 1;
    }
    if !negated {
        // `re.sub(r"[\r\n]", "", s)`: line breaks removed.
        let removes_breaks = set[b'\r' as usize] && set[b'\n' as usize];
        return (removes_breaks && !replacement.contains(['\r', '\n']))
            .then_some("__sub_no_newline__");
    }
    // What may remain: the class's characters and the replacement's.
    let kept = |c: char| c.is_ascii() && set[c as usize];
    if replacement.chars().any(|c| !kept(c)) {
        return None;
    }
    let only = |extra: &str| {
        (0u8..128).all(|b| {
            let c = b as char;
            !set[b as usize]
                || c.is_ascii_alphanumeric()
                || c == '_'
                || c == '-'
                || extra.contains(c)
        })
    };
    if only("") {
        Some("__sub_word__")
    } else if only(".") {
        Some("__sub_name__")
    } else if only(". ") {
        Some("__sub_text__")
    } else if !set[b'\r' as usize] && !set[b'\n' as usize] {
        Some("__sub_no_newline__")
    } else {
        None
    }
}

/// `call(...) is not None` (true) or `call(...) is None` (false): the call.
fn none_test(n: Node<'_>) -> Option<(Node<'_>, bool)> {
    if n.named_child_count() != 2 {
        return None;
    }
    let (l, r) = (n.named_child(0)?, n.named_child(1)?);
    if l.kind() != "call" || r.kind() != "none" {
        return None;
    }
    let mut c = n.walk();
    let ops: Vec<&str> = n
        .children_by_field_name("operators", &mut c)
        .map(|o| o.kind())
        .collect();
    match ops.as_slice() {
        ["is not"] => Some((l, true)),
        ["is"] => Some((l, false)),
        _ => None,
    }
}

/// Whether `n` is a test whose value is a bool: comparisons, `not`, `and`/`or` of tests, `True`/
/// `False`, `isinstance(...)` and the string predicates (`x.isdigit()`, `x.startswith(...)`).
/// Deeper expressions are not read as tests (the walk is recursive).
fn is_predicate(n: Node<'_>, src: &str) -> bool {
    is_predicate_within(n, src, 32)
}

fn is_predicate_within(n: Node<'_>, src: &str, depth: u32) -> bool {
    if depth == 0 {
        return false;
    }
    let sub = |c: Node<'_>| is_predicate_within(c, src, depth - 1);
    match n.kind() {
        "comparison_operator" | "not_operator" | "true" | "false" => true,
        "parenthesized_expression" => n.named_child(0).is_some_and(sub),
        "boolean_operator" => n.field("left").is_some_and(sub) && n.field("right").is_some_and(sub),
        "call" => {
            let name = match n.field("function") {
                Some(f) if f.kind() == "attribute" => f.field("attribute"),
                Some(f) if f.kind() == "identifier" => Some(f),
                _ => None,
            };
            name.and_then(|x| src.get(x.byte_range())).is_some_and(|x| {
                matches!(
                    x,
                    "isinstance"
                        | "issubclass"
                        | "callable"
                        | "bool"
                        | "all"
                        | "any"
                        | "isdigit"
                        | "isdecimal"
                        | "isnumeric"
                        | "isalnum"
                        | "isalpha"
                        | "isascii"
                        | "isidentifier"
                        | "islower"
                        | "isupper"
                        | "startswith"
                        | "endswith"
                        | "exists"
                        | "isfile"
                        | "isdir"
                        | "isabs"
                )
            })
        }
        _ => false,
    }
}

/// Calls `f` with each simple statement of a function body, compound statements entered, nested
/// functions and classes excluded (statements only: no expression is walked).
fn statements_of<'t>(body: Node<'t>, f: &mut impl FnMut(Node<'t>)) {
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "function_definition" | "class_definition" | "decorated_definition" => {}
            k if holds_statements(k) => stack.extend(named_children(n)),
            _ => f(n),
        }
    }
}

/// Whether an `except` clause catches every exception: a bare `except:`, or one naming `Exception`
/// or `BaseException` (alone or in a tuple).
fn catches_everything(clause: Node<'_>, src: &str) -> bool {
    let mut c = clause.walk();
    let values: Vec<Node<'_>> = clause.children_by_field_name("value", &mut c).collect();
    if values.is_empty() {
        return true;
    }
    let mut stack = values;
    while let Some(v) = stack.pop() {
        match v.kind() {
            // `except OSError as exc:` is `value: (as_pattern (identifier) alias: ...)`.
            "tuple" | "parenthesized_expression" | "expression_list" => {
                stack.extend(named_children(v));
            }
            "as_pattern" => stack.extend(v.named_child(0)),
            "identifier" | "attribute" => {
                let t = text(v, src);
                let last = t.rsplit('.').next().unwrap_or(t);
                if matches!(last, "Exception" | "BaseException") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether an `except` clause catches what the guarded code raises: a bare `except:`, one naming
/// `Exception` or `BaseException`, or one naming the base class of the I/O errors resources raise
/// (`OSError` and its aliases `IOError`, `EnvironmentError`, a module's `error` as `socket.error`
/// and `select.error` are; the DB-API `Error`/`DatabaseError`), alone or in a tuple. A narrower clause (`ValueError`,
/// `ConnectionResetError`, `TimeoutError`) lets the other exceptions through.
fn catches_all(clause: Node<'_>, src: &str) -> bool {
    let mut c = clause.walk();
    let values: Vec<Node<'_>> = clause.children_by_field_name("value", &mut c).collect();
    if values.is_empty() {
        return true;
    }
    let mut stack = values;
    while let Some(v) = stack.pop() {
        match v.kind() {
            // `except OSError as exc:` is `value: (as_pattern (identifier) alias: ...)`.
            "tuple" | "parenthesized_expression" | "expression_list" => {
                stack.extend(named_children(v));
            }
            "as_pattern" => stack.extend(v.named_child(0)),
            "identifier" | "attribute" => {
                let t = text(v, src);
                let last = t.rsplit('.').next().unwrap_or(t);
                let qualified = t.contains('.');
                if matches!(
                    last,
                    "Exception"
                        | "BaseException"
                        | "OSError"
                        | "IOError"
                        | "EnvironmentError"
                        | "error"
                ) || (qualified && matches!(last, "Error" | "DatabaseError"))
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn push(out: &mut LoweredFile, b: Builder<'_>, node: Node<'_>, top: bool) {
    if let Some(n) = &b.notice {
        out.notices.push(n.clone());
    }
    let mut fs = b.finish(node);
    let last = fs.len().saturating_sub(1);
    let module = node.kind() == "module";
    for (i, f) in fs.drain(..).enumerate() {
        // A lambda bound to a module-level name is a module-level function.
        let named_lambda = module && i != last && !f.name.starts_with('<');
        out.functions.push(f);
        out.module_level.push((top && i == last) || named_lambda);
    }
}

impl FileCtx<'_> {
    /// The qualified path of a name or attribute chain rooted at an import (`os.path.join`), or a
    /// class or function of this module.
    /// The type a call of the resolved callee `p` returns: a modelled factory's return type
    /// (`logging.getLogger`), else the class `p` itself.
    fn type_of_call(&self, p: Arc<str>) -> Arc<str> {
        p.rsplit_once('.')
            .and_then(|(c, m)| self.models.return_type(c, m))
            .unwrap_or(p)
    }

    /// The type of a call expression whose callee is a class (capitalized) or a modelled factory.
    fn call_type(&self, v: Node<'_>) -> Option<Arc<str>> {
        self.call_type_within(v, 8)
    }

    /// [`Self::call_type`] through at most `depth` chained calls.
    fn call_type_within(&self, v: Node<'_>, depth: u32) -> Option<Arc<str>> {
        if v.kind() != "call" || depth == 0 {
            return None;
        }
        let f = v.field("function")?;
        // `ET.parse(path).getroot()`: a method of a typed call's result.
        if f.kind() == "attribute" {
            if let (Some(o), Some(a)) = (f.field("object"), f.field("attribute")) {
                if o.kind() == "call" {
                    let t = self.call_type_within(o, depth - 1)?;
                    return self.models.return_type(&t, text(a, self.src));
                }
            }
        }
        let p = self.static_path(f)?;
        let (c, m) = p.rsplit_once('.')?;
        if let Some(t) = self.models.return_type(c, m) {
            return Some(t);
        }
        m.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(p)
    }

    fn static_path(&self, n: Node<'_>) -> Option<Arc<str>> {
        match n.kind() {
            "identifier" => self.global_path(text(n, self.src)),
            "attribute" => {
                let o = n.field("object")?;
                let a = n.field("attribute")?;
                let base = self.static_path(o)?;
                Some(Arc::from(format!("{base}.{}", text(a, self.src))))
            }
            _ => None,
        }
    }

    fn global_path(&self, name: &str) -> Option<Arc<str>> {
        if let Some(q) = self.imports.get(name) {
            return Some(q.clone());
        }
        if self.classes.contains(name) {
            return Some(Arc::from(format!("{}.{name}", self.module)));
        }
        None
    }

    /// A declared type as written (`int`, `HttpRequest`, `flask.Request`), resolved.
    fn resolve_type(&self, t: &str) -> Arc<str> {
        let t = t.trim();
        let base = t.split('[').next().unwrap_or(t).trim();
        let (head, rest) = match base.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (base, None),
        };
        if let Some(q) = self.imports.get(head) {
            return Arc::from(rest.map_or_else(|| q.to_string(), |r| format!("{q}.{r}")));
        }
        if rest.is_none() && self.enums.contains(head) {
            return Arc::from("enum.Enum");
        }
        Arc::from(base)
    }
}

/// A declared parameter: name, node, resolved annotation, default value.
type ParamDecl<'c> = (String, Node<'c>, Option<Arc<str>>, Option<Node<'c>>);

/// A resolved callee: class, name, receiver, `self.` call, constructed type.
type Callee = (
    Option<Arc<str>>,
    Arc<str>,
    Option<Operand>,
    bool,
    Option<Arc<str>>,
);

struct LoopCtx {
    brk: BlockId,
    cont: BlockId,
    /// How many `finally` clauses enclosed the loop (those entered later run on `break`).
    finally_depth: usize,
}

/// A lowered value: the operand, plus its type when known and its qualified path when it names an
/// imported module, class or function rather than a run-time value.
#[derive(Clone)]
struct Val {
    op: Operand,
    ty: Option<Arc<str>>,
    path: Option<Arc<str>>,
    is_self: bool,
}

impl Val {
    fn op(op: Operand) -> Val {
        Val {
            op,
            ty: None,
            path: None,
            is_self: false,
        }
    }
}

struct Builder<'c> {
    cx: &'c FileCtx<'c>,
    owner: Arc<str>,
    name: Arc<str>,
    blocks: Vec<Block>,
    cur: BlockId,
    locals: Vec<Local>,
    scope: HashMap<String, Var>,
    globals: HashSet<String>,
    handlers: Vec<Vec<BlockId>>,
    loops: Vec<LoopCtx>,
    finally: Vec<Vec<Node<'c>>>,
    params: Vec<Param>,
    name_span: TextRange,
    depth: u32,
    in_class: bool,
    self_var: Option<Var>,
    notice: Option<String>,
    lambdas: Vec<Function>,
    is_static: bool,
    /// Route marks whose returned value is a response body (`<return>` sinks).
    return_marks: Vec<Arc<str>>,
    /// The function is a request handler (a route, a view, a Lambda or WSGI entry point): what it
    /// returns is a response, whatever its name says.
    handler: bool,
    /// Local names last assigned a `["sh", "-c", ...]` list.
    shell_lists: HashSet<String>,
    /// How many times each name is assigned in the function body.
    assign_counts: HashMap<String, u32>,
    /// Constant values of names assigned exactly once (for string comparisons, which the shared
    /// constant folding leaves alone: Java's `==` on strings compares references).
    single_consts: HashMap<String, Const>,
    /// The dictionary lowered next is the `headers` of an API Gateway proxy response.
    proxy_headers: bool,
    /// A method of a class whose base is a framework's (a Django class-based view, an `http.server`
    /// request handler, an aiohttp view): the type whose members the models give for `self.`
    /// ([`DJANGO_VIEW_TYPE`], [`HTTP_HANDLER_TYPE`], [`AIOHTTP_VIEW_TYPE`]): `self.request`,
    /// `self.kwargs`, `self.path`, `self.send_header(...)`.
    framework_self: Option<&'static str>,
    /// A generator: what it yields, accumulated (`yielded = yielded + value`), which its returns
    /// give to the caller (the generator's elements).
    yielded: Option<Var>,
    /// Names bound to `functools.partial(f, a, ...)`: the function and the bound arguments, so
    /// that `name(b)` is lowered as `f(a, ..., b)`.
    partials: HashMap<String, (Node<'c>, Vec<Operand>)>,
    /// The `functools.partial(...)` call lowered last (for the assignment that binds it).
    last_partial: Option<(Node<'c>, Vec<Operand>)>,
}

impl<'c> Builder<'c> {
    fn new(cx: &'c FileCtx<'c>, owner: Arc<str>, name: Arc<str>) -> Self {
        Builder {
            cx,
            owner,
            name,
            blocks: vec![Block {
                insts: Vec::new(),
                term: Terminator::Unreachable,
                handlers: Vec::new(),
            }],
            cur: BlockId(0),
            locals: Vec::new(),
            scope: HashMap::default(),
            globals: HashSet::default(),
            handlers: Vec::new(),
            loops: Vec::new(),
            finally: Vec::new(),
            params: Vec::new(),
            name_span: TextRange::default(),
            depth: 0,
            in_class: false,
            self_var: None,
            notice: None,
            lambdas: Vec::new(),
            is_static: true,
            return_marks: Vec::new(),
            handler: false,
            shell_lists: HashSet::default(),
            assign_counts: HashMap::default(),
            single_consts: HashMap::default(),
            proxy_headers: false,
            framework_self: None,
            yielded: None,
            partials: HashMap::default(),
            last_partial: None,
        }
    }

    /// A sink of an API Gateway proxy response (`<html-body>`, `<location>`): `value` is the part
    /// of the response it names.
    fn proxy_response_sink(&mut self, part: &str, value: Operand, sp: TextRange) {
        if matches!(value, Operand::Const(_)) || !self.cx.models.knows_type(PROXY_RESPONSE_TYPE) {
            return;
        }
        self.emit(Inst::Assign {
            dst: None,
            expr: static_call(PROXY_RESPONSE_TYPE, part, vec![value], sp),
            span: sp,
        });
    }

    /// Emit the `<secret>.__secret__(value)` sink for a value stored under a secret-like name.
    fn secret_sink(&mut self, name: &str, value: &Operand, sp: TextRange) {
        if matches!(value, Operand::Const(_) | Operand::Opaque)
            || !names_secret(name)
            || !self.cx.models.knows_type(SECRET_TYPE)
        {
            return;
        }
        self.emit(Inst::Assign {
            dst: None,
            expr: static_call(SECRET_TYPE, "__secret__", vec![value.clone()], sp),
            span: sp,
        });
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

    /// The variable of a name (one per name and function: Python scopes are per function), or a new
    /// temporary when `name` is `None`.
    fn new_local(&mut self, name: Option<&str>, ty: Option<Arc<str>>) -> Var {
        if let Some(v) = name.and_then(|n| self.scope.get(n).copied()) {
            if let Some(l) = self.locals.get_mut(v.0 as usize) {
                // A name's type is only trusted while every assignment agrees.
                if l.ty != ty {
                    l.ty = None;
                }
            }
            return v;
        }
        let v = Var(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(Local {
            name: name.map(Arc::from),
            ty,
        });
        if let Some(n) = name {
            self.scope.insert(n.to_owned(), v);
        }
        v
    }

    fn temp(&mut self) -> Var {
        self.new_local(None, None)
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

    fn too_deep(&mut self, n: Node<'_>) -> bool {
        if self.depth <= MAX_DEPTH {
            return false;
        }
        if self.notice.is_none() {
            self.notice = Some(format!(
                "`{}` nests deeper than {MAX_DEPTH} levels at byte {}: the rest of that construct is not analyzed",
                self.name,
                n.start_byte()
            ));
        }
        true
    }

    // ----- declarations -----

    fn function(&mut self, node: Node<'c>) {
        let src = self.src();
        self.name_span = node.field("name").map_or(span(node), span);
        self.framework_self = if self.in_class {
            self.framework_base(node)
        } else {
            None
        };
        // Decorators: `@app.route(...)` marks the parameters of a route handler.
        let mut marks: Vec<Arc<str>> = Vec::new();
        let mut is_staticmethod = false;
        let mut typed_route: Vec<(String, &'static str)> = Vec::new();
        if let Some(parent) = node.parent().filter(|p| p.kind() == "decorated_definition") {
            for d in named_children(parent)
                .into_iter()
                .filter(|d| d.kind() == "decorator")
            {
                let Some(e) = d.named_child(0) else { continue };
                let f = if e.kind() == "call" {
                    e.field("function").unwrap_or(e)
                } else {
                    e
                };
                let t = text(f, src);
                if t == "staticmethod" {
                    is_staticmethod = true;
                }
                if let Some(m) = self.decorator_mark(f) {
                    marks.push(m);
                    // `@app.route("/orders/<int:order_id>")`: the converter admits only numbers
                    // (Flask/Werkzeug `int`, `float`, `uuid`).
                    let rule = (e.kind() == "call")
                        .then(|| e.field("arguments"))
                        .flatten()
                        .and_then(|args| args.named_child(0))
                        .and_then(|r| plain_string(r, src));
                    if let Some(rule) = rule {
                        typed_route.extend(route_converters(&rule));
                    }
                }
                // `@app.get("/", response_class=HTMLResponse)`: what the handler returns is a page.
                let response_class = (e.kind() == "call")
                    .then(|| e.field("arguments"))
                    .flatten()
                    .and_then(|args| crate::semantics::keyword_arg(args, "response_class", src))
                    .and_then(|v| self.cx.static_path(v));
                if let Some(rc) = response_class {
                    marks.push(rc);
                }
            }
        }
        // A function of this module named in `Depends(...)`: FastAPI fills its parameters from
        // the request as it does a route's.
        if !self.in_class
            && self.cx.framework == Some("fastapi.FastAPI")
            && self.cx.dependencies.contains(&*self.name)
        {
            marks.push(Arc::from("fastapi.dependency"));
        }
        let mut names: Vec<ParamDecl<'c>> = Vec::new();
        if let Some(ps) = node.field("parameters") {
            for p in named_children(ps) {
                let (name, ty, default) = match p.kind() {
                    "identifier" => (Some(p), None, None),
                    "typed_parameter" => (
                        named_children(p)
                            .into_iter()
                            .find(|c| c.kind() == "identifier"),
                        p.field("type"),
                        None,
                    ),
                    "default_parameter" => (p.field("name"), None, p.field("value")),
                    "typed_default_parameter" => {
                        (p.field("name"), p.field("type"), p.field("value"))
                    }
                    "list_splat_pattern" | "dictionary_splat_pattern" => {
                        (p.named_child(0), None, None)
                    }
                    _ => continue,
                };
                let Some(name) = name.filter(|n| n.kind() == "identifier") else {
                    continue;
                };
                let pname = text(name, src);
                let ty = ty.map(|t| self.cx.resolve_type(text(t, src))).or_else(|| {
                    typed_route
                        .iter()
                        .find(|(n, _)| n == pname)
                        .map(|(_, t)| Arc::from(*t))
                });
                names.push((pname.to_owned(), p, ty, default));
            }
        }
        let is_method = self.in_class && !is_staticmethod;
        self.is_static = !is_method;
        // Conventions of the frameworks (not of any test code): a Django view takes the request
        // first (its other parameters come from the URL); a Lambda handler takes (event, context).
        let first_user = usize::from(is_method);
        let django_view = self.cx.django
            && names.get(first_user).is_some_and(|(n, _, t, _)| {
                n == "request"
                    && t.as_deref()
                        .is_none_or(|t| t.ends_with("HttpRequest") || t == DRF_REQUEST_TYPE)
            });
        let drf_view = self.framework_self == Some(DRF_VIEW_TYPE);
        // What a route handler returns is the response body where the models say so (Flask).
        self.return_marks = marks
            .iter()
            .filter(|m| self.knows(m, "<return>"))
            .cloned()
            .collect();
        let lambda_handler =
            !is_method && names.len() == 2 && names[0].0 == "event" && names[1].0 == "context";
        // A WSGI application (PEP 3333): `(environ, start_response)`, by the protocol's name of
        // the second parameter. One that declares an HTML content type returns the page.
        let wsgi_app = !is_method && names.len() == 2 && names[1].0 == "start_response";
        self.handler = !marks.is_empty() || django_view || drf_view || lambda_handler || wsgi_app;
        if wsgi_app
            && node
                .field("body")
                .is_some_and(|b| text(b, src).contains("text/html"))
            && self.knows(WSGI_HTML_APP, "<return>")
        {
            self.return_marks.push(Arc::from(WSGI_HTML_APP));
        }
        for (i, (name, p, mut ty, default)) in names.into_iter().enumerate() {
            let mut annotations: Vec<Arc<str>> = Vec::new();
            let is_self = is_method && i == 0;
            let dependency = default.is_some_and(|d| {
                d.kind() == "call"
                    && d.field("function")
                        .is_some_and(|f| text(f, src).ends_with("Depends"))
            });
            if !is_self && !dependency {
                annotations.extend(marks.iter().cloned());
            }
            if django_view && i == first_user {
                let t = if self.cx.drf {
                    DRF_REQUEST_TYPE
                } else {
                    "django.http.HttpRequest"
                };
                ty = Some(Arc::from(t));
            } else if let Some(rt) = self
                .cx
                .request_type
                .filter(|_| i == first_user && ty.is_none() && name == "request")
            {
                // A Starlette or aiohttp handler (`async def page(request)`), or a helper given
                // the request: the framework's request either way.
                ty = Some(Arc::from(rt));
            } else if django_view
                && i > first_user
                && (!is_method || self.framework_self == Some(DJANGO_VIEW_TYPE) || drf_view)
                && (default.is_none() || drf_view)
            {
                // URL arguments of a function view, or of a class-based view's handler
                // (`def get(self, request, pk)`; also in `self.kwargs`). A parameter with a
                // default is usually the view's configuration, except in a REST framework
                // view, whose actions take their URL arguments as `pk=None`.
                annotations.push(Arc::from("django.urls.view-argument"));
            }
            if i == first_user
                && is_method
                && self.framework_self == Some(DJANGO_VIEW_TYPE)
                && matches!(&*self.name, "form_valid" | "form_invalid")
            {
                // A form view's bound form (`FormView`, `CreateView`, `UpdateView`).
                annotations.push(Arc::from("django.views.bound-form"));
            }
            if lambda_handler && i == 0 {
                annotations.push(Arc::from("aws_lambda.handler-event"));
            }
            if wsgi_app && i == 0 {
                annotations.push(Arc::from("wsgi.environ"));
            }
            let var = self.new_local(Some(&name), ty.clone());
            if is_self {
                // The receiver is not a parameter (as in Java): call arguments line up with params.
                self.self_var = Some(var);
                self.emit(Inst::Assign {
                    dst: Some(var),
                    expr: Expr::This,
                    span: span(p),
                });
                continue;
            }
            let idx = u32::try_from(self.params.len()).unwrap_or(u32::MAX);
            self.params.push(Param {
                var,
                name: Arc::from(name.as_str()),
                ty,
                annotations,
                span: span(p),
            });
            self.emit(Inst::Assign {
                dst: Some(var),
                expr: Expr::Param(idx),
                span: span(p),
            });
            // `target: str = Depends(post_login_target)`: FastAPI fills the parameter with what
            // the dependency (a function of this module) returns.
            let dependency_fn = default
                .filter(|_| dependency)
                .and_then(|d| d.field("arguments"))
                .and_then(|a| a.named_child(0))
                .filter(|f| f.kind() == "identifier")
                .map(|f| text(f, src))
                .filter(|f| self.cx.functions.contains(*f));
            if let Some(f) = dependency_fn {
                self.emit(Inst::Assign {
                    dst: Some(var),
                    expr: static_call(&self.cx.module, f, Vec::new(), span(p)),
                    span: span(p),
                });
            }
        }
        if let Some(body) = node.field("body") {
            self.scan_body(body);
            self.body(body);
        }
        self.terminate(Terminator::Return(None, span(node)));
    }

    /// One walk of a body (not of nested functions): the assignments of each name, and the
    /// `global x` / `nonlocal x` names.
    fn scan_body(&mut self, body: Node<'c>) {
        let src = self.src();
        let (counts, globals) = (&mut self.assign_counts, &mut self.globals);
        vigil_query::preorder(body, |n, _| match n.kind() {
            "function_definition" | "class_definition" | "lambda" => false,
            "global_statement" | "nonlocal_statement" => {
                let mut c = n.walk();
                globals.extend(n.named_children(&mut c).map(|id| text(id, src).to_owned()));
                false
            }
            "assignment"
            | "augmented_assignment"
            | "for_statement"
            | "for_in_clause"
            | "named_expression"
            | "as_pattern" => {
                let target = n
                    .field("left")
                    .or_else(|| n.field("name"))
                    .or_else(|| n.field("alias"));
                if let Some(t) = target {
                    let mut ids = vec![t];
                    while let Some(x) = ids.pop() {
                        if x.kind() == "identifier" {
                            *counts.entry(text(x, src).to_owned()).or_default() += 1;
                        } else if !matches!(x.kind(), "attribute" | "subscript") {
                            ids.extend(named_children(x));
                        }
                    }
                }
                true
            }
            _ => true,
        });
    }

    /// The constant value of an operand node for string comparisons: a literal, or a name assigned
    /// once to a constant.
    fn const_of(&self, n: Node<'_>) -> Option<Const> {
        let src = self.src();
        if let Some(c) = literal(n, src) {
            return Some(c);
        }
        if n.kind() == "identifier" {
            let name = text(n, src);
            if self.assign_counts.get(name) == Some(&1) {
                return self.single_consts.get(name).cloned();
            }
            if self.lookup(name).is_none() {
                return self.cx.consts.get(name).cloned();
            }
        }
        None
    }

    /// The mark a decorator puts on the parameters: `<type of app>.<method>` (`flask.Flask.route`),
    /// or the decorator's qualified path.
    fn decorator_mark(&self, f: Node<'_>) -> Option<Arc<str>> {
        let src = self.src();
        if f.kind() == "attribute" {
            let o = f.field("object")?;
            let a = text(f.field("attribute")?, src);
            if o.kind() == "identifier" {
                let on = text(o, src);
                if let Some(t) = self.cx.global_types.get(on) {
                    return Some(Arc::from(format!("{t}.{a}")));
                }
            }
            // An application object of unknown origin (`def init(app): @app.route(...)`): the web
            // framework the module imports.
            if self.cx.static_path(o).is_none() {
                if let Some(fw) = self.cx.framework {
                    return Some(Arc::from(format!("{fw}.{a}")));
                }
            }
        }
        self.cx.static_path(f)
    }

    /// The `__init__` a dataclass decorator generates: each parameter stored in its field.
    fn generated_init(&mut self, fields: &[String], sp: TextRange) {
        let this = self.new_local(Some("self"), None);
        self.self_var = Some(this);
        self.emit(Inst::Assign {
            dst: Some(this),
            expr: Expr::This,
            span: sp,
        });
        for (i, f) in fields.iter().enumerate() {
            let var = self.new_local(Some(f), None);
            let idx = u32::try_from(i).unwrap_or(u32::MAX);
            self.params.push(Param {
                var,
                name: Arc::from(f.as_str()),
                ty: None,
                annotations: Vec::new(),
                span: sp,
            });
            self.emit(Inst::Assign {
                dst: Some(var),
                expr: Expr::Param(idx),
                span: sp,
            });
            self.emit(Inst::FieldStore {
                base: None,
                field: Arc::from(f.as_str()),
                value: Operand::Var(var),
                span: sp,
            });
        }
        self.terminate(Terminator::Return(None, sp));
    }

    fn finish(mut self, node: Node<'_>) -> Vec<Function> {
        let mut out = std::mem::take(&mut self.lambdas);
        if let Some(y) = self.yielded {
            for b in &mut self.blocks {
                if let Terminator::Return(None, sp) = b.term {
                    b.term = Terminator::Return(Some(Operand::Var(y)), sp);
                }
            }
        }
        out.push(Function {
            name: self.name,
            owner: self.owner,
            params: self.params,
            return_type: None,
            is_static: self.is_static,
            blocks: self.blocks,
            locals: self.locals,
            span: span(node),
            name_span: self.name_span,
        });
        out
    }

    // ----- statements -----

    /// The body of a `while`/`for` loop (entered in the current block, looping back to `head`), then
    /// its `else` clause (run from `exit`, when the loop ends without `break`), joining at `after`.
    fn loop_body_and_else(&mut self, n: Node<'c>, head: BlockId, exit: BlockId, after: BlockId) {
        self.loops.push(LoopCtx {
            brk: after,
            cont: head,
            finally_depth: self.finally.len(),
        });
        if let Some(b) = n.field("body") {
            self.body(b);
        }
        self.loops.pop();
        self.goto(head);
        self.cur = exit;
        if let Some(e) = n.field("alternative").and_then(|a| a.field("body")) {
            self.body(e);
        }
        self.goto(after);
        self.cur = after;
    }

    fn body(&mut self, n: Node<'c>) {
        for c in named_children(n) {
            self.stmt(c);
        }
    }

    fn stmt(&mut self, n: Node<'c>) {
        self.depth += 1;
        if !self.too_deep(n) {
            self.stmt_inner(n);
        }
        self.depth -= 1;
    }

    #[expect(clippy::too_many_lines, reason = "one arm per statement kind")]
    fn stmt_inner(&mut self, n: Node<'c>) {
        let src = self.src();
        match n.kind() {
            "expression_statement" => {
                for c in named_children(n) {
                    match c.kind() {
                        "assignment" => self.assignment(c),
                        "augmented_assignment" => self.augmented(c),
                        "call" if self.never_returns(c) => {
                            // `abort(400)`, `sys.exit(1)`: the code after it does not run.
                            let v = self.expr(c).op;
                            self.terminate(Terminator::Throw(v, span(c)));
                        }
                        _ => {
                            self.expr(c);
                        }
                    }
                }
            }
            "return_statement" => {
                let e = n.named_child(0);
                // `return a and b` of checks (`return p.scheme == "https" and p.hostname in
                // HOSTS`): as `if a and b: return True` / `return False`, so that the checks
                // guard the true return, as they would in an `if`. The value is a bool either way.
                if let Some(e) = e.filter(|e| {
                    matches!(
                        e.kind(),
                        "boolean_operator" | "not_operator" | "comparison_operator"
                    ) && is_predicate(*e, self.src())
                        && self.return_marks.is_empty()
                        && self.finally.iter().all(Vec::is_empty)
                }) {
                    let (then, els) = (self.new_block(), self.new_block());
                    self.cond(e, then, els);
                    self.cur = then;
                    self.terminate(Terminator::Return(
                        Some(Operand::Const(Const::Bool(true))),
                        span(n),
                    ));
                    self.cur = els;
                    self.terminate(Terminator::Return(
                        Some(Operand::Const(Const::Bool(false))),
                        span(n),
                    ));
                    return;
                }
                let v = e.map(|e| self.expr(e).op);
                // `def generate_token(): return ...`: a function that makes a secret.
                if let Some(v) = v.as_ref().filter(|_| !self.handler) {
                    let name = self.name.to_ascii_lowercase();
                    let maker = [
                        "gen", "make", "create", "new", "rand", "get", "issue", "build", "mint",
                        "compute",
                    ]
                    .iter()
                    .any(|p| name.trim_start_matches('_').starts_with(p));
                    // A maker of a plain `key` (`generate_key`, `new_key`) makes a secret key too;
                    // as a variable, `key` is usually a dictionary's.
                    let compact = name.replace('_', "");
                    let key_maker = compact.ends_with("key")
                        && !["cachekey", "sortkey", "lookupkey", "dictkey"]
                            .iter()
                            .any(|k| compact.ends_with(k));
                    if maker && key_maker {
                        self.secret_sink("secret_key", v, span(n));
                    } else if maker {
                        self.secret_sink(&name, v, span(n));
                    }
                }
                // A dict or list is serialized as JSON by the framework: not a page (a WSGI
                // application's list is its body).
                let wsgi = self.return_marks.iter().any(|m| &**m == WSGI_HTML_APP);
                let body = e.is_some_and(|e| {
                    !matches!(e.kind(), "dictionary") && (wsgi || e.kind() != "list")
                });
                if let (Some(v), true) = (&v, body) {
                    for m in self.return_marks.clone() {
                        self.emit(Inst::Assign {
                            dst: None,
                            expr: Expr::Call(Call {
                                name: Arc::from("<return>"),
                                class: Some(m),
                                kind: CallKind::Static,
                                receiver: None,
                                on_this: false,
                                args: vec![v.clone()],
                                span: span(n),
                            }),
                            span: span(n),
                        });
                    }
                }
                self.run_finally();
                self.terminate(Terminator::Return(v, span(n)));
            }
            "raise_statement" => {
                let v = n
                    .named_child(0)
                    .map_or(Operand::Opaque, |e| self.expr(e).op);
                self.terminate(Terminator::Throw(v, span(n)));
            }
            "if_statement" => {
                let after = self.new_block();
                let mut clauses: Vec<(Option<Node<'c>>, Option<Node<'c>>)> =
                    vec![(n.field("condition"), n.field("consequence"))];
                let mut els = None;
                let mut c = n.walk();
                for alt in n.children_by_field_name("alternative", &mut c) {
                    if alt.kind() == "elif_clause" {
                        clauses.push((alt.field("condition"), alt.field("consequence")));
                    } else {
                        els = alt.field("body");
                    }
                }
                for (cond, body) in clauses {
                    let then = self.new_block();
                    let next = self.new_block();
                    match cond {
                        Some(c) => self.cond(c, then, next),
                        None => self.goto(then),
                    }
                    self.cur = then;
                    if let Some(b) = body {
                        self.body(b);
                    }
                    self.goto(after);
                    self.cur = next;
                }
                if let Some(e) = els {
                    self.body(e);
                }
                self.goto(after);
                self.cur = after;
            }
            "while_statement" => {
                let head = self.new_block();
                let body = self.new_block();
                let exit = self.new_block();
                let after = self.new_block();
                self.goto(head);
                self.cur = head;
                match n.field("condition") {
                    Some(c) => self.cond(c, body, exit),
                    None => self.goto(body),
                }
                self.cur = body;
                self.loop_body_and_else(n, head, exit, after);
            }
            "for_statement" => {
                let iter = n
                    .field("right")
                    .map_or(Val::op(Operand::Opaque), |r| self.expr(r));
                let head = self.new_block();
                let body = self.new_block();
                let exit = self.new_block();
                let after = self.new_block();
                self.goto(head);
                self.cur = head;
                self.terminate_branch(Operand::Opaque, body, exit, span(n));
                self.cur = body;
                if let Some(l) = n.field("left") {
                    let elem = self.assign(
                        Expr::ArrayLoad {
                            array: iter.op.clone(),
                            index: Operand::Opaque,
                        },
                        span(l),
                    );
                    self.store(l, Val::op(elem), span(l));
                }
                self.loop_body_and_else(n, head, exit, after);
            }
            "break_statement" | "continue_statement" => {
                if let Some(l) = self.loops.last() {
                    let t = if n.kind() == "break_statement" {
                        l.brk
                    } else {
                        l.cont
                    };
                    // Leaving the loop body runs the `finally` clauses entered inside it.
                    let depth = l.finally_depth;
                    self.run_finally_from(depth);
                    self.goto(t);
                    self.cur = self.new_block();
                }
            }
            "try_statement" => self.try_stmt(n),
            "with_statement" => {
                for clause in named_children(n)
                    .into_iter()
                    .filter(|c| c.kind() == "with_clause")
                {
                    for item in named_children(clause) {
                        let Some(v) = item.field("value") else {
                            continue;
                        };
                        if v.kind() == "as_pattern" {
                            let value = v.named_child(0);
                            let alias = v.field("alias").and_then(|a| a.named_child(0));
                            let val = value.map_or(Val::op(Operand::Opaque), |x| self.expr(x));
                            if let Some(a) = alias {
                                self.store(a, val, span(item));
                            }
                        } else {
                            // `with conn:` on a variable: a use with the item's span, which the
                            // leak analysis treats as the statement managing the value.
                            let val = self.expr(v);
                            if matches!(val.op, Operand::Var(_)) {
                                self.assign(Expr::Use(val.op), span(item));
                            }
                        }
                    }
                }
                if let Some(b) = n.field("body") {
                    self.body(b);
                }
            }
            "match_statement" => {
                let subject = n
                    .field("subject")
                    .map_or(Val::op(Operand::Opaque), |s| self.expr(s));
                let after = self.new_block();
                let cases: Vec<Node<'c>> = n
                    .field("body")
                    .map(|b| {
                        named_children(b)
                            .into_iter()
                            .filter(|c| c.kind() == "case_clause")
                            .collect()
                    })
                    .unwrap_or_default();
                for case in cases {
                    let then = self.new_block();
                    let next = self.new_block();
                    self.terminate_branch(Operand::Opaque, then, next, span(case));
                    self.cur = then;
                    // Capture patterns (`case x:`, `case [a, b]`, `... as x`) bind the subject.
                    for p in named_children(case)
                        .into_iter()
                        .filter(|p| p.kind() == "case_pattern")
                    {
                        self.bind_pattern(p, &subject);
                    }
                    if let Some(b) = case.field("consequence") {
                        self.body(b);
                    }
                    self.goto(after);
                    self.cur = next;
                }
                self.goto(after);
                self.cur = after;
            }
            "assert_statement" => {
                if let Some(c) = n.named_child(0) {
                    let ok = self.new_block();
                    let fail = self.new_block();
                    self.cond(c, ok, fail);
                    self.cur = fail;
                    self.terminate(Terminator::Throw(Operand::Opaque, span(n)));
                    self.cur = ok;
                }
            }
            "delete_statement" => {
                for t in named_children(n) {
                    if t.kind() == "identifier" {
                        let name = text(t, src).to_owned();
                        let v = self.new_local(Some(&name), None);
                        self.emit(Inst::Assign {
                            dst: Some(v),
                            expr: Expr::Use(Operand::Const(Const::Null)),
                            span: span(t),
                        });
                    }
                }
            }
            "decorated_definition" => {
                // Decorator expressions are evaluated; the definition binds its name.
                for c in named_children(n) {
                    if c.kind() != "decorator" {
                        self.stmt(c);
                    }
                }
            }
            "function_definition" | "class_definition" => {
                if let Some(name) = n.field("name") {
                    let name = text(name, src).to_owned();
                    if !self.globals.contains(&name) {
                        let v = self.new_local(Some(&name), None);
                        self.emit(Inst::Assign {
                            dst: Some(v),
                            expr: Expr::Use(Operand::Opaque),
                            span: span(n),
                        });
                    }
                }
            }
            "block" | "module" => self.body(n),
            _ => {}
        }
    }

    fn bind_pattern(&mut self, p: Node<'c>, subject: &Val) {
        let src = self.src();
        let mut stack = vec![p];
        while let Some(x) = stack.pop() {
            match x.kind() {
                "identifier" if text(x, src) != "_" => {
                    let v = self.new_local(Some(text(x, src)), None);
                    self.emit(Inst::Assign {
                        dst: Some(v),
                        expr: Expr::Use(subject.op.clone()),
                        span: span(x),
                    });
                }
                "case_pattern" | "as_pattern" | "as_pattern_target" | "list_pattern"
                | "tuple_pattern" | "splat_pattern" | "union_pattern" => {
                    stack.extend(named_children(x));
                }
                _ => {}
            }
        }
    }

    /// Inline the bodies of enclosing `finally` clauses before leaving the function.
    fn run_finally(&mut self) {
        self.run_finally_from(0);
    }

    /// Inline the bodies of the `finally` clauses entered above `depth` (innermost first), as a
    /// `break`/`continue` does when it leaves them.
    fn run_finally_from(&mut self, depth: usize) {
        let saved = std::mem::take(&mut self.finally);
        if let Some(inner) = saved.get(depth..) {
            for f in inner.iter().rev().flatten() {
                self.body(*f);
            }
        }
        self.finally = saved;
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
        self.cur = self.new_block();
    }

    /// The copy of a `finally` body run when the `try` (or an `except` clause) completes: under
    /// the handlers outside the `try` statement (an exception there does not run the `finally`
    /// again).
    fn finally_copy(&mut self, f: Node<'c>) {
        let outer = self
            .handlers
            .len()
            .checked_sub(2)
            .and_then(|i| self.handlers.get(i))
            .cloned()
            .unwrap_or_default();
        self.handlers.push(outer);
        let b = self.new_block();
        self.goto(b);
        self.cur = b;
        self.body(f);
        self.handlers.pop();
    }

    fn try_stmt(&mut self, n: Node<'c>) {
        let kids = named_children(n);
        let excepts: Vec<Node<'c>> = kids
            .iter()
            .copied()
            .filter(|c| matches!(c.kind(), "except_clause" | "except_group_clause"))
            .collect();
        let else_body = kids
            .iter()
            .find(|c| c.kind() == "else_clause")
            .and_then(|e| e.field("body"));
        let fin = kids
            .iter()
            .find(|c| c.kind() == "finally_clause")
            .and_then(|f| named_children(*f).into_iter().find(|b| b.kind() == "block"));
        let after = self.new_block();
        let exc_finally = fin.map(|_| self.new_block());
        let mut catch_handlers = self.handlers.last().cloned().unwrap_or_default();
        if let Some(ef) = exc_finally {
            catch_handlers.insert(0, ef);
        }
        let mut entries = Vec::new();
        for _ in &excepts {
            self.handlers.push(catch_handlers.clone());
            entries.push(self.new_block());
            self.handlers.pop();
        }
        let mut try_handlers = entries.clone();
        // A bare `except:` (or `except Exception:`) catches every exception of the body: none
        // reaches the `finally` or the outer handlers without running an `except` clause.
        let everything = excepts.iter().any(|c| catches_everything(*c, self.src()));
        if !everything {
            try_handlers.extend(catch_handlers.iter().copied());
        }
        // An `except` clause catches only what it names: unless a clause catches what the body
        // raises (see `catches_all`), an exception of the body may also leave the function
        // (outer handlers already say where it goes otherwise).
        if catch_handlers.is_empty() && !excepts.iter().any(|c| catches_all(*c, self.src())) {
            let escape = self.new_block();
            if let Some(b) = self.blocks.get_mut(escape.index()) {
                b.term = Terminator::Throw(Operand::Opaque, span(n));
            }
            try_handlers.push(escape);
        }
        self.handlers.push(try_handlers);
        if let Some(f) = fin {
            self.finally.push(vec![f]);
        }
        let start = self.new_block();
        self.goto(start);
        self.cur = start;
        if let Some(b) = n.field("body") {
            self.body(b);
        }
        self.handlers.pop();
        self.handlers.push(catch_handlers.clone());
        if let Some(e) = else_body {
            self.body(e);
        }
        if fin.is_some() {
            self.finally.pop();
        }
        if let Some(f) = fin {
            self.finally_copy(f);
        }
        self.goto(after);
        if let Some(f) = fin {
            self.finally.push(vec![f]);
        }
        for (c, entry) in excepts.iter().zip(entries) {
            self.cur = entry;
            let alias = c.field("alias").filter(|a| a.kind() == "identifier");
            if let Some(alias) = alias {
                let v = self.new_local(Some(text(alias, self.src())), None);
                self.emit(Inst::Assign {
                    dst: Some(v),
                    expr: Expr::CaughtException,
                    span: span(alias),
                });
            } else {
                // The handler still starts by catching: analyses tell an `except` from a `finally`
                // by it.
                self.assign(Expr::CaughtException, span(*c));
            }
            if let Some(b) = named_children(*c)
                .into_iter()
                .rev()
                .find(|b| b.kind() == "block")
            {
                self.body(b);
            }
            if let Some(f) = fin {
                self.finally.pop();
                self.finally_copy(f);
                self.finally.push(vec![f]);
            }
            self.goto(after);
        }
        if fin.is_some() {
            self.finally.pop();
        }
        self.handlers.pop();
        if let (Some(ef), Some(f)) = (exc_finally, fin) {
            self.cur = ef;
            self.body(f);
            self.terminate(Terminator::Throw(Operand::Opaque, span(f)));
        }
        self.cur = after;
    }

    // ----- assignments -----

    fn assignment(&mut self, n: Node<'c>) {
        let src = self.src();
        let Some(left) = n.field("left") else {
            return;
        };
        let declared = n.field("type").map(|t| self.cx.resolve_type(text(t, src)));
        let value = match n.field("right") {
            Some(r) if r.kind() == "assignment" => {
                // `a = b = v`: the inner assignment first, then `a` gets the same value.
                self.assignment(r);
                let inner = r.field("left");
                inner.map_or(Val::op(Operand::Opaque), |l| self.expr(l))
            }
            Some(r) => self.expr(r),
            None => return,
        };
        let mut value = value;
        if declared.is_some() {
            value.ty = declared;
        }
        let partial = self.last_partial.take();
        if left.kind() == "identifier" {
            let name = text(left, src).to_owned();
            match partial.filter(|_| n.field("right").is_some_and(|r| r.kind() == "call")) {
                Some(p) => {
                    self.partials.insert(name.clone(), p);
                }
                None => {
                    self.partials.remove(&name);
                }
            }
            if n.field("right").is_some_and(|r| is_shell_list(r, src)) {
                self.shell_lists.insert(name);
            } else {
                self.shell_lists.remove(&name);
            }
        }
        self.store(left, value, span(n));
    }

    fn augmented(&mut self, n: Node<'c>) {
        let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
            return;
        };
        let op = n
            .field("operator")
            .map_or("", |o| text(o, self.src()))
            .trim_end_matches('=')
            .to_owned();
        let cur = self.expr(l);
        let rhs = self.expr(r);
        let e = self.binary_expr(&op, &cur, &rhs, span(n));
        let v = self.assign(e, span(n));
        self.store(l, Val::op(v), span(n));
    }

    /// Store a value into an assignment target.
    fn store(&mut self, target: Node<'c>, value: Val, sp: TextRange) {
        let src = self.src();
        match target.kind() {
            "identifier" => {
                let name = text(target, src);
                if self.globals.contains(name) {
                    return;
                }
                if let Operand::Const(c) = &value.op {
                    self.single_consts.insert(name.to_owned(), c.clone());
                }
                let ty = value.ty.clone().or_else(|| value.path.clone());
                self.secret_sink(name, &value.op, sp);
                let v = self.new_local(Some(name), ty);
                self.emit(Inst::Assign {
                    dst: Some(v),
                    expr: Expr::Use(value.op),
                    span: sp,
                });
            }
            "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list"
            | "expression_list" => {
                for (i, t) in named_children(target).into_iter().enumerate() {
                    let elem = if matches!(t.kind(), "list_splat_pattern" | "list_splat") {
                        Expr::ArrayLoad {
                            array: value.op.clone(),
                            index: Operand::Opaque,
                        }
                    } else {
                        Expr::ArrayLoad {
                            array: value.op.clone(),
                            index: Operand::Const(Const::Int(i64::try_from(i).unwrap_or(0))),
                        }
                    };
                    let e = self.assign(elem, span(t));
                    let inner = if matches!(t.kind(), "list_splat_pattern" | "list_splat") {
                        t.named_child(0).unwrap_or(t)
                    } else {
                        t
                    };
                    self.store(inner, Val::op(e), span(t));
                }
            }
            "parenthesized_expression" => {
                if let Some(i) = target.named_child(0) {
                    self.store(i, value, sp);
                }
            }
            "attribute" => {
                let (Some(o), Some(a)) = (target.field("object"), target.field("attribute")) else {
                    return;
                };
                let obj = self.expr(o);
                let field: Arc<str> = Arc::from(text(a, src));
                self.secret_sink(&field, &value.op, sp);
                if let Some(t) = obj.ty.clone().or_else(|| obj.path.clone()) {
                    if self.knows(&t, &format!("__set_{field}__")) {
                        let recv = (!matches!(obj.op, Operand::Opaque)).then(|| obj.op.clone());
                        let kind = if recv.is_some() {
                            CallKind::Virtual
                        } else {
                            CallKind::Static
                        };
                        self.emit(Inst::Assign {
                            dst: None,
                            expr: Expr::Call(Call {
                                name: Arc::from(format!("__set_{field}__")),
                                class: Some(t),
                                kind,
                                receiver: recv,
                                on_this: false,
                                args: vec![value.op.clone()],
                                span: sp,
                            }),
                            span: sp,
                        });
                    }
                }
                let base = if obj.is_self { None } else { Some(obj.op) };
                self.emit(Inst::FieldStore {
                    base,
                    field,
                    value: value.op,
                    span: sp,
                });
            }
            "subscript" => {
                let Some(o) = target.field("value") else {
                    return;
                };
                let obj = self.expr(o);
                let key = target
                    .field("subscript")
                    .filter(|k| k.kind() != "slice")
                    .map_or(Operand::Opaque, |k| self.expr(k).op);
                if let Operand::Const(Const::Str(k)) = &key {
                    let k = k.clone();
                    self.secret_sink(&k, &value.op, sp);
                }
                if let Some(t) = obj.ty.clone().or_else(|| obj.path.clone()) {
                    let recv = (!matches!(obj.op, Operand::Opaque)).then(|| obj.op.clone());
                    let kind = if recv.is_some() {
                        CallKind::Virtual
                    } else {
                        CallKind::Static
                    };
                    self.emit(Inst::Assign {
                        dst: None,
                        expr: Expr::Call(Call {
                            name: Arc::from("__setitem__"),
                            class: Some(t),
                            kind,
                            receiver: recv,
                            on_this: false,
                            args: vec![key.clone(), value.op.clone()],
                            span: sp,
                        }),
                        span: sp,
                    });
                }
                self.emit(Inst::ArrayStore {
                    array: obj.op,
                    index: key,
                    value: value.op,
                    span: sp,
                });
            }
            _ => {}
        }
    }

    // ----- conditions -----

    fn cond(&mut self, n: Node<'c>, then: BlockId, els: BlockId) {
        self.depth += 1;
        if self.too_deep(n) {
            self.depth -= 1;
            self.terminate_branch(Operand::Opaque, then, els, span(n));
            return;
        }
        match n.kind() {
            "parenthesized_expression" if n.named_child_count() == 1 => {
                if let Some(i) = n.named_child(0) {
                    self.cond(i, then, els);
                }
            }
            "not_operator" => {
                if let Some(a) = n.field("argument") {
                    self.cond(a, els, then);
                }
            }
            // `PATTERN.fullmatch(s) is not None`: the call's result is the test (a match object is
            // true, `None` false), so a check call's guard holds where it is not `None`.
            "comparison_operator" => match none_test(n) {
                Some((call, true)) => self.cond(call, then, els),
                Some((call, false)) => self.cond(call, els, then),
                None => {
                    let c = self.expr(n).op;
                    self.terminate_branch(c, then, els, span(n));
                }
            },
            "boolean_operator" => {
                let op = n.field("operator").map(|o| o.kind());
                if let (Some(l), Some(r)) = (n.field("left"), n.field("right")) {
                    let mid = self.new_block();
                    if op == Some("and") {
                        self.cond(l, mid, els);
                    } else {
                        self.cond(l, then, mid);
                    }
                    self.cur = mid;
                    self.cond(r, then, els);
                }
            }
            _ => {
                let c = self.expr(n).op;
                self.terminate_branch(c, then, els, span(n));
            }
        }
        self.depth -= 1;
    }

    // ----- expressions -----

    fn expr(&mut self, n: Node<'c>) -> Val {
        self.depth += 1;
        let r = if self.too_deep(n) {
            Val::op(Operand::Opaque)
        } else {
            self.expr_inner(n)
        };
        self.depth -= 1;
        r
    }

    fn lookup(&self, name: &str) -> Option<Var> {
        if self.globals.contains(name) {
            return None;
        }
        self.scope.get(name).copied()
    }

    /// `logger.info("term=%r", term)`: the logging call formats `term` with `repr`, which escapes
    /// line breaks. The arguments a constant format string converts with `%r` or `%a` become
    /// `repr(...)` calls (`builtins.repr` in the models).
    fn repr_log_args(
        &mut self,
        class: Option<&str>,
        name: &str,
        args: &mut [Operand],
        sp: TextRange,
    ) {
        const METHODS: [&str; 9] = [
            "debug",
            "info",
            "warning",
            "warn",
            "error",
            "critical",
            "exception",
            "log",
            "fatal",
        ];
        if !matches!(class, Some("logging" | "logging.Logger")) || !METHODS.contains(&name) {
            return;
        }
        let at = usize::from(name == "log");
        let Some(Operand::Const(Const::Str(f))) = args.get(at) else {
            return;
        };
        let Some(conversions) = format_conversions(f) else {
            return;
        };
        for (j, c) in conversions.iter().enumerate() {
            let Some(a) = args.get_mut(at + 1 + j) else {
                break;
            };
            if matches!(c, b'r' | b'a') && !matches!(a, Operand::Const(_)) {
                *a = self.assign(static_call("builtins", "repr", vec![a.clone()], sp), sp);
            }
        }
    }

    /// Whether a call statement never returns: it raises (Flask's and Werkzeug's `abort`) or ends
    /// the process (`sys.exit`, `os._exit`, `exit`).
    fn never_returns(&self, call: Node<'c>) -> bool {
        let Some(f) = call.field("function") else {
            return false;
        };
        let path = self.cx.static_path(f);
        let name = path.as_deref().unwrap_or_else(|| text(f, self.src()));
        NEVER_RETURN.contains(&name) && !self.cx.functions.contains(name)
    }

    /// The framework type of `self` in the method `node`: its class has a base (through the file's
    /// imports) that is a Django view (`django.views.View`, `TemplateView`, the generic views) or
    /// an `http.server` request handler.
    fn framework_base(&self, node: Node<'c>) -> Option<&'static str> {
        let mut cur = node.parent();
        while let Some(n) = cur {
            if n.kind() == "class_definition" {
                let src = self.src();
                let bases = n
                    .field("superclasses")
                    .map(named_children)
                    .unwrap_or_default();
                return bases
                    .into_iter()
                    .filter(|b| matches!(b.kind(), "identifier" | "attribute"))
                    .find_map(|b| {
                        let q = self.cx.resolve_type(text(b, src));
                        if self.cx.django && q.starts_with("django.views.") {
                            Some(DJANGO_VIEW_TYPE)
                        } else if self.cx.drf
                            && ["views.", "generics.", "viewsets.", "mixins."]
                                .iter()
                                .any(|m| q.starts_with(&format!("rest_framework.{m}")))
                        {
                            Some(DRF_VIEW_TYPE)
                        } else if self.cx.request_type == Some(AIOHTTP_REQUEST_TYPE)
                            && q.starts_with("aiohttp.web")
                            && q.ends_with(".View")
                        {
                            Some(AIOHTTP_VIEW_TYPE)
                        } else if matches!(
                            &*q,
                            "http.server.BaseHTTPRequestHandler"
                                | "http.server.SimpleHTTPRequestHandler"
                                | "http.server.CGIHTTPRequestHandler"
                        ) {
                            Some(HTTP_HANDLER_TYPE)
                        } else {
                            None
                        }
                    });
            }
            if n.kind() == "function_definition" {
                return None;
            }
            cur = n.parent();
        }
        None
    }

    fn knows(&self, class: &str, name: &str) -> bool {
        let models = self.cx.models;
        models.effects(Some(class), name, 0).len() > models.effects(None, name, 0).len()
            || models.return_type(class, name).is_some()
    }

    #[expect(clippy::too_many_lines, reason = "one arm per expression kind")]
    fn expr_inner(&mut self, n: Node<'c>) -> Val {
        let src = self.src();
        if let Some(c) = literal(n, src) {
            return Val::op(Operand::Const(c));
        }
        match n.kind() {
            "identifier" => {
                let name = text(n, src);
                if let Some(v) = self.lookup(name) {
                    let ty = self.locals.get(v.0 as usize).and_then(|l| l.ty.clone());
                    return Val {
                        op: Operand::Var(v),
                        ty,
                        path: None,
                        is_self: self.self_var == Some(v),
                    };
                }
                if let Some(c) = self.cx.consts.get(name) {
                    return Val::op(Operand::Const(c.clone()));
                }
                if let Some(t) = self.cx.global_types.get(name) {
                    return Val {
                        op: Operand::Opaque,
                        ty: Some(t.clone()),
                        path: None,
                        is_self: false,
                    };
                }
                let shadowed = self.cx.functions.contains(name);
                let path = self.cx.global_path(name).or_else(|| {
                    (!shadowed
                        && matches!(
                            name,
                            "eval"
                                | "exec"
                                | "compile"
                                | "open"
                                | "int"
                                | "float"
                                | "bool"
                                | "str"
                                | "len"
                                | "input"
                                | "__import__"
                                | "getattr"
                                | "setattr"
                                | "repr"
                                | "print"
                                | "hash"
                                | "abs"
                                | "round"
                                | "ord"
                                | "chr"
                                | "id"
                                | "isinstance"
                                | "next"
                                | "iter"
                        ))
                    .then(|| Arc::from(format!("builtins.{name}")))
                });
                Val {
                    op: Operand::Opaque,
                    ty: None,
                    path,
                    is_self: false,
                }
            }
            "string" => {
                // An f-string: the concatenation of its parts.
                let mut acc: Option<Operand> = None;
                for c in named_children(n) {
                    let part = match c.kind() {
                        "string_content" => {
                            Operand::Const(Const::Str(Arc::from(unescape(text(c, src)))))
                        }
                        "interpolation" => match c.field("expression") {
                            Some(e) => self.expr(e).op,
                            None => continue,
                        },
                        _ => continue,
                    };
                    acc = Some(match acc {
                        None => part,
                        Some(a) => self.assign(Expr::Binary(BinOp::Add, a, part), span(n)),
                    });
                }
                Val::op(acc.unwrap_or(Operand::Const(Const::Str(Arc::from("")))))
            }
            "concatenated_string" => {
                let mut acc: Option<Operand> = None;
                for c in named_children(n) {
                    let part = self.expr(c).op;
                    acc = Some(match acc {
                        None => part,
                        Some(a) => self.assign(Expr::Binary(BinOp::Add, a, part), span(n)),
                    });
                }
                Val::op(acc.unwrap_or(Operand::Opaque))
            }
            "parenthesized_expression" => match n.named_child(0) {
                Some(i) if n.named_child_count() == 1 => self.expr(i),
                _ => Val::op(Operand::Opaque),
            },
            "await" => n
                .named_child(0)
                .map_or(Val::op(Operand::Opaque), |i| self.expr(i)),
            "binary_operator" => self.binary_chain(n),
            "unary_operator" => {
                let v = n
                    .field("argument")
                    .map_or(Operand::Opaque, |a| self.expr(a).op);
                let op = match n.field("operator").map(|o| o.kind()) {
                    Some("-") => UnOp::Neg,
                    Some("~") => UnOp::BitNot,
                    _ => return Val::op(v),
                };
                Val::op(self.assign(Expr::Unary(op, v), span(n)))
            }
            "not_operator" => {
                let v = n
                    .field("argument")
                    .map_or(Operand::Opaque, |a| self.expr(a).op);
                Val::op(self.assign(Expr::Unary(UnOp::Not, v), span(n)))
            }
            "boolean_operator"
                if n.field("operator").map(|o| o.kind()) == Some("or")
                    && n.field("left").is_some_and(|l| {
                        matches!(l.kind(), "identifier" | "attribute" | "call" | "subscript")
                    })
                    && n.field("right").is_some_and(|r| self.const_of(r).is_some()) =>
            {
                // `x or ""`: x, or a constant where x is empty. A pseudo-call the models make an
                // alias of x, so that checking the result checks x (`urlparse(x or "")`).
                let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                    return Val::op(Operand::Opaque);
                };
                let lv = self.expr(l).op;
                let rv = self.const_of(r).map_or(Operand::Opaque, Operand::Const);
                let sp = span(n);
                Val::op(self.assign(
                    static_call("builtins", "__or_default__", vec![lv, rv], sp),
                    sp,
                ))
            }
            "boolean_operator" | "conditional_expression" => {
                // Value of `a or b`, `a and b`, `x if c else y`: one variable assigned on each path.
                let t = self.temp();
                let after = self.new_block();
                if n.kind() == "boolean_operator" {
                    let is_or = n.field("operator").map(|o| o.kind()) == Some("or");
                    let (Some(l), Some(r)) = (n.field("left"), n.field("right")) else {
                        return Val::op(Operand::Opaque);
                    };
                    let lv = self.expr(l).op;
                    self.emit(Inst::Assign {
                        dst: Some(t),
                        expr: Expr::Use(lv.clone()),
                        span: span(l),
                    });
                    let other = self.new_block();
                    if is_or {
                        self.terminate_branch(lv, after, other, span(n));
                    } else {
                        self.terminate_branch(lv, other, after, span(n));
                    }
                    self.cur = other;
                    let rv = self.expr(r).op;
                    self.emit(Inst::Assign {
                        dst: Some(t),
                        expr: Expr::Use(rv),
                        span: span(r),
                    });
                } else {
                    let kids = named_children(n);
                    let (Some(a), Some(c), Some(b)) = (kids.first(), kids.get(1), kids.get(2))
                    else {
                        return Val::op(Operand::Opaque);
                    };
                    let then = self.new_block();
                    let els = self.new_block();
                    self.cond(*c, then, els);
                    self.cur = then;
                    let av = self.expr(*a).op;
                    self.emit(Inst::Assign {
                        dst: Some(t),
                        expr: Expr::Use(av),
                        span: span(*a),
                    });
                    self.goto(after);
                    self.cur = els;
                    let bv = self.expr(*b).op;
                    self.emit(Inst::Assign {
                        dst: Some(t),
                        expr: Expr::Use(bv),
                        span: span(*b),
                    });
                }
                self.goto(after);
                self.cur = after;
                Val::op(Operand::Var(t))
            }
            "comparison_operator" => self.comparison(n),
            "named_expression" => {
                let v = n
                    .field("value")
                    .map_or(Val::op(Operand::Opaque), |x| self.expr(x));
                if let Some(name) = n.field("name") {
                    self.store(name, v.clone(), span(n));
                    return self.expr(name);
                }
                v
            }
            "list" | "tuple" | "set" | "expression_list" => {
                let elems: Vec<Operand> = named_children(n)
                    .into_iter()
                    .map(|e| {
                        let inner = if matches!(e.kind(), "list_splat" | "parenthesized_list_splat")
                        {
                            e.named_child(0).unwrap_or(e)
                        } else {
                            e
                        };
                        self.expr(inner).op
                    })
                    .collect();
                let ty = match n.kind() {
                    "set" => "builtins.set",
                    "tuple" | "expression_list" => "builtins.tuple",
                    _ => "builtins.list",
                };
                let v = self.assign(Expr::ArrayNew(elems), span(n));
                if let Operand::Var(var) = v {
                    if let Some(l) = self.locals.get_mut(var.0 as usize) {
                        l.ty = Some(Arc::from(ty));
                    }
                }
                Val {
                    op: v,
                    ty: Some(Arc::from(ty)),
                    path: None,
                    is_self: false,
                }
            }
            "dictionary" => {
                // An API Gateway proxy response (what a Lambda handler, or a helper building its
                // response, returns): the body of an HTML one is a page, and a `Location` header
                // where the browser goes next.
                let proxy = proxy_response(n, self.src());
                let headers = std::mem::take(&mut self.proxy_headers);
                let d = self.assign(Expr::ArrayNew(Vec::new()), span(n));
                for p in named_children(n) {
                    match p.kind() {
                        "pair" => {
                            let key = p
                                .field("key")
                                .filter(|k| k.kind() == "string")
                                .and_then(|k| plain_string(k, self.src()));
                            let k = p.field("key").map_or(Operand::Opaque, |k| self.expr(k).op);
                            self.proxy_headers = proxy.is_some()
                                && key.as_deref() == Some("headers")
                                && p.field("value").is_some_and(|v| v.kind() == "dictionary");
                            let v = p
                                .field("value")
                                .map_or(Operand::Opaque, |v| self.expr(v).op);
                            self.proxy_headers = false;
                            if proxy == Some(true) && key.as_deref() == Some("body") {
                                self.proxy_response_sink("<html-body>", v.clone(), span(p));
                            }
                            let location = key
                                .as_deref()
                                .is_some_and(|k| k.eq_ignore_ascii_case("location"));
                            if headers {
                                let part = if location { "<location>" } else { "<header>" };
                                self.proxy_response_sink(part, v.clone(), span(p));
                            }
                            // Headers built before (`headers["Content-Language"] = lang`): every
                            // value is a header, the `Location` one also where the browser goes.
                            // Trade-off: an untrusted `Location` there is reported as both.
                            if proxy.is_some()
                                && key.as_deref() == Some("headers")
                                && p.field("value").is_some_and(|v| v.kind() != "dictionary")
                            {
                                self.proxy_response_sink("<header>", v.clone(), span(p));
                                for name in ["Location", "location"] {
                                    let l = self.assign(
                                        Expr::ArrayLoad {
                                            array: v.clone(),
                                            index: Operand::Const(Const::Str(Arc::from(name))),
                                        },
                                        span(p),
                                    );
                                    self.proxy_response_sink("<location>", l, span(p));
                                }
                            }
                            self.emit(Inst::ArrayStore {
                                array: d.clone(),
                                index: k,
                                value: v,
                                span: span(p),
                            });
                        }
                        "dictionary_splat" => {
                            let v = p
                                .named_child(0)
                                .map_or(Operand::Opaque, |v| self.expr(v).op);
                            self.emit(Inst::ArrayStore {
                                array: d.clone(),
                                index: Operand::Opaque,
                                value: v,
                                span: span(p),
                            });
                        }
                        _ => {}
                    }
                }
                Val {
                    op: d,
                    ty: Some(Arc::from("builtins.dict")),
                    path: None,
                    is_self: false,
                }
            }
            "list_comprehension"
            | "set_comprehension"
            | "generator_expression"
            | "dictionary_comprehension" => self.comprehension(n),
            "lambda" => {
                self.lambda(n);
                Val::op(Operand::Opaque)
            }
            "subscript" => {
                let obj = n
                    .field("value")
                    .map_or(Val::op(Operand::Opaque), |v| self.expr(v));
                let key = n
                    .field("subscript")
                    .filter(|k| k.kind() != "slice")
                    .map_or(Operand::Opaque, |k| self.expr(k).op);
                let is_slice = n.field("subscript").is_some_and(|k| k.kind() == "slice");
                // `"ABC"[1]` is a constant.
                if let (Operand::Const(Const::Str(st)), Operand::Const(Const::Int(i))) =
                    (&obj.op, &key)
                {
                    let chars: Vec<char> = st.chars().collect();
                    let len = i64::try_from(chars.len()).unwrap_or(i64::MAX);
                    let at = if *i < 0 { len + i } else { *i };
                    if let Some(c) = usize::try_from(at).ok().and_then(|a| chars.get(a)) {
                        return Val::op(Operand::Const(Const::Str(Arc::from(c.to_string()))));
                    }
                }
                let e = if is_slice {
                    Expr::Use(obj.op)
                } else {
                    Expr::ArrayLoad {
                        array: obj.op,
                        index: key,
                    }
                };
                Val::op(self.assign(e, span(n)))
            }
            "attribute" => self.attribute(n),
            "call" => self.call(n),
            "yield" => {
                if let Some(e) = n.named_child(0) {
                    // The yielded value leaves the function (an assignment with the span of the
                    // `yield`, which the leak analysis treats as a hand-off).
                    let v = self.expr(e);
                    self.assign(Expr::Use(v.op.clone()), span(n));
                    let y = match self.yielded {
                        Some(y) => y,
                        None => {
                            let y = self.new_local(None, None);
                            self.yielded = Some(y);
                            y
                        }
                    };
                    self.emit(Inst::Assign {
                        dst: Some(y),
                        expr: Expr::Binary(BinOp::Add, Operand::Var(y), v.op),
                        span: span(n),
                    });
                }
                Val::op(Operand::Opaque)
            }
            "list_splat" | "dictionary_splat" => n
                .named_child(0)
                .map_or(Val::op(Operand::Opaque), |e| self.expr(e)),
            _ => Val::op(Operand::Opaque),
        }
    }

    fn binary_expr(&mut self, op: &str, l: &Val, r: &Val, sp: TextRange) -> Expr {
        if matches!(op, "%" | "/") && !matches!(l.op, Operand::Const(Const::Int(_))) {
            // `"fmt" % args` is string formatting and `path / name` joins paths: the result carries
            // both operands' taint.
            // `Markup("<b>%s</b>") % name` escapes its arguments: the receiver's type decides.
            let class =
                l.ty.clone()
                    .filter(|t| t.ends_with(".Markup"))
                    .unwrap_or_else(|| Arc::from("builtins.str"));
            // `"sleep %d" % n` formats numbers only: the model treats it as a conversion.
            let numeric = op == "%"
                && class.as_ref() == "builtins.str"
                && matches!(&l.op, Operand::Const(Const::Str(f)) if numeric_format(f));
            let name = match op {
                "%" if numeric => "__mod_numeric__",
                "%" => "__mod__",
                _ => "__truediv__",
            };
            return Expr::Call(Call {
                name: Arc::from(name),
                class: Some(class),
                kind: CallKind::Virtual,
                receiver: Some(l.op.clone()),
                on_this: false,
                args: vec![r.op.clone()],
                span: sp,
            });
        }
        match binop(op) {
            Some(b) => Expr::Binary(b, l.op.clone(), r.op.clone()),
            None => Expr::Binary(BinOp::Mul, l.op.clone(), r.op.clone()),
        }
    }

    /// `a + b + c ...`: the left spine is walked iteratively (long concatenations do not recurse).
    fn binary_chain(&mut self, n: Node<'c>) -> Val {
        let src = self.src();
        let mut spine: Vec<Node<'c>> = vec![n];
        let mut leftmost = n;
        while let Some(l) = leftmost
            .field("left")
            .filter(|l| l.kind() == "binary_operator")
        {
            spine.push(l);
            leftmost = l;
        }
        let mut acc = leftmost
            .field("left")
            .map_or(Val::op(Operand::Opaque), |l| self.expr(l));
        for node in spine.into_iter().rev() {
            let r = node
                .field("right")
                .map_or(Val::op(Operand::Opaque), |r| self.expr(r));
            let op = node.field("operator").map_or("", |o| text(o, src));
            let was_str = matches!(acc.op, Operand::Const(Const::Str(_)))
                || acc.ty.as_deref() == Some("builtins.str");
            // `base / name` on a path is a path of the same class.
            let path_ty = acc
                .ty
                .clone()
                .filter(|t| op == "/" && t.starts_with("pathlib."));
            let e = self.binary_expr(op, &acc, &r, span(node));
            acc = Val::op(self.assign(e, span(node)));
            if was_str {
                acc.ty = Some(Arc::from("builtins.str"));
            } else if path_ty.is_some() {
                acc.ty = path_ty;
            }
        }
        acc
    }

    fn comparison(&mut self, n: Node<'c>) -> Val {
        let src = self.src();
        let operands: Vec<Node<'c>> = named_children(n);
        let mut ops: Vec<String> = Vec::new();
        let mut c = n.walk();
        let mut pending = String::new();
        for ch in n.children(&mut c) {
            if ch.is_named() {
                if !pending.is_empty() {
                    ops.push(std::mem::take(&mut pending));
                }
            } else {
                if !pending.is_empty() {
                    pending.push(' ');
                }
                pending.push_str(text(ch, src));
            }
        }
        let vals: Vec<Val> = operands
            .iter()
            .map(|o| match self.const_of(*o) {
                Some(c) => Val::op(Operand::Const(c)),
                None => self.expr(*o),
            })
            .collect();
        if let Some(v) = self.containment_check(&operands, &ops, n) {
            return Val::op(v);
        }
        let mut result: Option<Operand> = None;
        for (i, op) in ops.iter().enumerate() {
            let (Some(a), Some(b)) = (vals.get(i), vals.get(i + 1)) else {
                break;
            };
            let v = match op.as_str() {
                "in" | "not in" => {
                    let call = Call {
                        name: Arc::from("__contains__"),
                        class: b.ty.clone(),
                        kind: CallKind::Virtual,
                        receiver: Some(b.op.clone()),
                        on_this: false,
                        args: vec![a.op.clone()],
                        span: span(n),
                    };
                    let r = self.assign(Expr::Call(call), span(n));
                    if op == "not in" {
                        self.assign(Expr::Unary(UnOp::Not, r), span(n))
                    } else {
                        r
                    }
                }
                "is" => self.assign(Expr::Binary(BinOp::Eq, a.op.clone(), b.op.clone()), span(n)),
                "is not" => {
                    self.assign(Expr::Binary(BinOp::Ne, a.op.clone(), b.op.clone()), span(n))
                }
                o => match (binop(o), &a.op, &b.op) {
                    // Python compares strings by value.
                    (
                        Some(bo @ (BinOp::Eq | BinOp::Ne)),
                        Operand::Const(Const::Str(x)),
                        Operand::Const(Const::Str(y)),
                    ) => Operand::Const(Const::Bool((x == y) == (bo == BinOp::Eq))),
                    // `x == "admin"`: equality by value, as a call the constant folding evaluates
                    // (`x` may hold a known string) and the models read as a guard (where true,
                    // `x` is the constant).
                    (Some(bo @ (BinOp::Eq | BinOp::Ne)), x, y)
                        if matches!(x, Operand::Const(Const::Str(_)))
                            || matches!(y, Operand::Const(Const::Str(_))) =>
                    {
                        let (recv, arg) = if matches!(x, Operand::Const(Const::Str(_))) {
                            (y.clone(), x.clone())
                        } else {
                            (x.clone(), y.clone())
                        };
                        let call = Call {
                            name: Arc::from("__eq__"),
                            class: Some(Arc::from("builtins.str")),
                            kind: CallKind::Virtual,
                            receiver: Some(recv),
                            on_this: false,
                            args: vec![arg],
                            span: span(n),
                        };
                        let r = self.assign(Expr::Call(call), span(n));
                        if bo == BinOp::Ne {
                            self.assign(Expr::Unary(UnOp::Not, r), span(n))
                        } else {
                            r
                        }
                    }
                    (Some(bo), _, _) => {
                        self.assign(Expr::Binary(bo, a.op.clone(), b.op.clone()), span(n))
                    }
                    (None, _, _) => Operand::Opaque,
                },
            };
            result = Some(match result {
                None => v,
                Some(prev) => self.assign(Expr::Binary(BinOp::And, prev, v), span(n)),
            });
        }
        Val::op(result.unwrap_or(Operand::Opaque))
    }

    /// `os.path.commonpath([base, path]) == base` (or `!=`, either side): the containment check of
    /// a path under a base folder. Lowered as `os.path.__contained__(path)`, which the models read
    /// as a path-traversal guard where it is true (the operands were evaluated before).
    fn containment_check(
        &mut self,
        operands: &[Node<'c>],
        ops: &[String],
        n: Node<'c>,
    ) -> Option<Operand> {
        let ([l, r], [op]) = (operands, ops) else {
            return None;
        };
        if op != "==" && op != "!=" {
            return None;
        }
        let src = self.src();
        let is_commonpath = |c: Node<'c>| {
            c.kind() == "call"
                && c.field("function").is_some_and(|f| {
                    let q = self.cx.resolve_type(text(f, src));
                    matches!(&*q, "os.path.commonpath" | "posixpath.commonpath")
                })
        };
        let (call, base) = if is_commonpath(*l) {
            (*l, *r)
        } else if is_commonpath(*r) {
            (*r, *l)
        } else {
            return None;
        };
        let list = call
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| matches!(a.kind(), "list" | "tuple"))?;
        let items = named_children(list);
        let base_text = text(base, src);
        if items.len() != 2 || !items.iter().any(|i| text(*i, src) == base_text) {
            return None;
        }
        let path = items
            .into_iter()
            .find(|i| text(*i, src) != base_text && i.kind() == "identifier")?;
        let p = self.expr(path).op;
        let r = self.assign(
            static_call("os.path", "__contained__", vec![p], span(n)),
            span(n),
        );
        Some(if op == "!=" {
            self.assign(Expr::Unary(UnOp::Not, r), span(n))
        } else {
            r
        })
    }

    fn comprehension(&mut self, n: Node<'c>) -> Val {
        let out = self.assign(Expr::ArrayNew(Vec::new()), span(n));
        let after = self.new_block();
        let mut heads = Vec::new();
        for c in named_children(n) {
            match c.kind() {
                "for_in_clause" => {
                    let iter = c
                        .field("right")
                        .map_or(Val::op(Operand::Opaque), |r| self.expr(r));
                    let head = self.new_block();
                    let body = self.new_block();
                    self.goto(head);
                    self.cur = head;
                    let exit = heads.last().copied().unwrap_or(after);
                    self.terminate_branch(Operand::Opaque, body, exit, span(c));
                    self.cur = body;
                    if let Some(l) = c.field("left") {
                        let e = self.assign(
                            Expr::ArrayLoad {
                                array: iter.op,
                                index: Operand::Opaque,
                            },
                            span(l),
                        );
                        self.store(l, Val::op(e), span(l));
                    }
                    heads.push(head);
                }
                "if_clause" => {
                    if let Some(cond) = c.named_child(0) {
                        let ok = self.new_block();
                        let back = heads.last().copied().unwrap_or(after);
                        self.cond(cond, ok, back);
                        self.cur = ok;
                    }
                }
                _ => {}
            }
        }
        let body = n.field("body");
        let v = match body {
            Some(b) if b.kind() == "pair" => {
                let k = b.field("key").map_or(Operand::Opaque, |k| self.expr(k).op);
                let v = b
                    .field("value")
                    .map_or(Operand::Opaque, |v| self.expr(v).op);
                let _ = k;
                v
            }
            Some(b) => self.expr(b).op,
            None => Operand::Opaque,
        };
        self.emit(Inst::ArrayStore {
            array: out.clone(),
            index: Operand::Opaque,
            value: v,
            span: span(n),
        });
        self.goto(heads.last().copied().unwrap_or(after));
        self.cur = after;
        Val::op(out)
    }

    fn lambda(&mut self, n: Node<'c>) {
        // `compute = lambda e, env: eval(e, env)` at module level is the function `compute`
        // (callers call it by that name).
        let bound = n
            .parent()
            .filter(|p| &*self.name == "<module>" && p.kind() == "assignment")
            .and_then(|p| p.field("left"))
            .filter(|l| l.kind() == "identifier")
            .map(|l| text(l, self.src()));
        let name = bound.map_or_else(|| Arc::from("<lambda>"), Arc::from);
        let mut b = Builder::new(self.cx, self.owner.clone(), name);
        b.name_span = span(n);
        // Nested lambdas share the nesting budget of the enclosing function.
        b.depth = self.depth;
        if let Some(ps) = n.field("parameters") {
            for p in named_children(ps) {
                let name = match p.kind() {
                    "identifier" => Some(p),
                    "default_parameter" => p.field("name"),
                    _ => None,
                };
                let Some(name) = name else { continue };
                let var = b.new_local(Some(text(name, self.src())), None);
                let idx = u32::try_from(b.params.len()).unwrap_or(u32::MAX);
                b.params.push(Param {
                    var,
                    name: Arc::from(text(name, self.src())),
                    ty: None,
                    annotations: Vec::new(),
                    span: span(p),
                });
                b.emit(Inst::Assign {
                    dst: Some(var),
                    expr: Expr::Param(idx),
                    span: span(p),
                });
            }
        }
        if let Some(body) = n.field("body") {
            let v = b.expr(body).op;
            b.terminate(Terminator::Return(Some(v), span(body)));
        }
        if self.notice.is_none() {
            self.notice.clone_from(&b.notice);
        }
        let fs = b.finish(n);
        self.lambdas.extend(fs);
    }

    /// An attribute read: a modelled property (`request.args`) is a call with no arguments; an
    /// attribute of an imported module is a path; anything else is a field load.
    fn attribute(&mut self, n: Node<'c>) -> Val {
        let (Some(o), Some(a)) = (n.field("object"), n.field("attribute")) else {
            return Val::op(Operand::Opaque);
        };
        let attr: Arc<str> = Arc::from(text(a, self.src()));
        let obj = self.expr(o);
        // `self.request` of a Django class-based view, `self.path` of a request handler: what the
        // models say of the framework class's members.
        let view = self
            .framework_self
            .filter(|t| obj.is_self && self.knows(t, &attr))
            .map(Arc::from);
        let class = view.or_else(|| obj.ty.clone()).or_else(|| obj.path.clone());
        if let Some(c) = &class {
            if self.knows(c, &attr) {
                let recv = (!matches!(obj.op, Operand::Opaque)).then(|| obj.op.clone());
                let kind = if recv.is_some() {
                    CallKind::Virtual
                } else {
                    CallKind::Static
                };
                let ty = self.cx.models.return_type(c, &attr);
                let call = Call {
                    name: attr.clone(),
                    class: Some(c.clone()),
                    kind,
                    receiver: recv,
                    on_this: false,
                    args: Vec::new(),
                    span: span(n),
                };
                let v = self.assign(Expr::Call(call), span(n));
                return Val {
                    op: v,
                    ty,
                    path: None,
                    is_self: false,
                };
            }
        }
        if matches!(obj.op, Operand::Opaque) {
            if let Some(p) = &obj.path {
                return Val {
                    op: Operand::Opaque,
                    ty: None,
                    path: Some(Arc::from(format!("{p}.{attr}"))),
                    is_self: false,
                };
            }
            if obj.ty.is_none() {
                return Val::op(Operand::Opaque);
            }
        }
        if obj.is_self {
            if let Some(c) = self
                .cx
                .class_consts
                .get(&(self.owner.clone(), attr.clone()))
            {
                return Val::op(Operand::Const(c.clone()));
            }
        }
        // `self.conn` where the class's methods only ever assign it `Connection(...)`.
        let ty = obj
            .is_self
            .then(|| {
                self.cx
                    .field_types
                    .get(&(self.owner.clone(), attr.clone()))
                    .cloned()
            })
            .flatten();
        let base = if obj.is_self { None } else { Some(obj.op) };
        let v = self.assign(Expr::FieldLoad { base, field: attr }, span(n));
        Val {
            op: v,
            ty,
            path: None,
            is_self: false,
        }
    }

    #[expect(clippy::too_many_lines, reason = "argument forms and callee forms")]
    /// `map(f, xs)` as the list `[f(x) for x in xs]`: a one-parameter lambda's body with the
    /// parameter bound to the element (`map(lambda t: escape(t), tags)`), or a function named by a
    /// path or defined in this module called with it (`map(html.escape, tags)`, `map(int, ids)`).
    /// `None` when the call is not one of these: the generic call then (every argument reaches the
    /// result).
    fn builtin_map(&mut self, n: Node<'c>) -> Option<Val> {
        let src = self.src();
        let func = n.field("function").filter(|f| f.kind() == "identifier")?;
        if text(func, src) != "map"
            || self.lookup("map").is_some()
            || self.cx.functions.contains("map")
            || self.cx.global_path("map").is_some()
        {
            return None;
        }
        let args: Vec<Node<'c>> = named_children(n.field("arguments")?)
            .into_iter()
            .filter(|a| a.kind() != "comment")
            .collect();
        let [f, xs] = args.as_slice() else {
            return None;
        };
        enum Mapped<'n> {
            Lambda(Node<'n>, Node<'n>),
            Function(Arc<str>, Arc<str>),
        }
        let mapped = match f.kind() {
            "lambda" => {
                let ps = f
                    .field("parameters")
                    .map(named_children)
                    .unwrap_or_default();
                let [p] = ps.as_slice() else { return None };
                if p.kind() != "identifier" {
                    return None;
                }
                Mapped::Lambda(*p, f.field("body")?)
            }
            "identifier" if self.lookup(text(*f, src)).is_none() => {
                let name = text(*f, src);
                let v = self.expr(*f);
                match (v.op, v.path) {
                    (Operand::Opaque, Some(p)) => {
                        let (m, last) = p.rsplit_once('.')?;
                        Mapped::Function(Arc::from(m), Arc::from(last))
                    }
                    (Operand::Opaque, None) if self.cx.functions.contains(name) => {
                        Mapped::Function(self.cx.module.clone(), Arc::from(name))
                    }
                    _ => return None,
                }
            }
            "attribute" => {
                let p = self.cx.static_path(*f)?;
                let (m, last) = p.rsplit_once('.')?;
                Mapped::Function(Arc::from(m), Arc::from(last))
            }
            _ => return None,
        };
        let items = self.expr(*xs).op;
        let out = self.assign(Expr::ArrayNew(Vec::new()), span(n));
        let head = self.new_block();
        let body = self.new_block();
        let after = self.new_block();
        self.goto(head);
        self.cur = head;
        self.terminate_branch(Operand::Opaque, body, after, span(n));
        self.cur = body;
        let element = self.assign(
            Expr::ArrayLoad {
                array: items,
                index: Operand::Opaque,
            },
            span(*xs),
        );
        let value = match mapped {
            Mapped::Lambda(param, lambda_body) => {
                self.store(param, Val::op(element), span(param));
                self.expr(lambda_body).op
            }
            Mapped::Function(class, name) => self.assign(
                Expr::Call(Call {
                    name,
                    class: Some(class),
                    kind: CallKind::Static,
                    receiver: None,
                    on_this: false,
                    args: vec![element],
                    span: span(n),
                }),
                span(n),
            ),
        };
        self.emit(Inst::ArrayStore {
            array: out.clone(),
            index: Operand::Opaque,
            value,
            span: span(n),
        });
        self.goto(head);
        self.cur = after;
        Some(Val {
            op: out,
            ty: Some(Arc::from("builtins.list")),
            path: None,
            is_self: false,
        })
    }

    /// `TABLE.get(key)` / `TABLE.get(key, default)` of a [`FileCtx::const_dicts`] dictionary not
    /// rebound in the function: one of its constants or the default, whatever the key. Trade-off:
    /// which constant is chosen is not known (the value is not folded), and a function storing
    /// into the dictionary (`TABLE[k] = v`) is not seen.
    fn const_dict_get(&mut self, n: Node<'c>) -> Option<Val> {
        let src = self.src();
        let func = n.field("function").filter(|f| f.kind() == "attribute")?;
        let (o, a) = (func.field("object")?, func.field("attribute")?);
        if o.kind() != "identifier"
            || text(a, src) != "get"
            || !self.cx.const_dicts.contains(text(o, src))
            || self.lookup(text(o, src)).is_some()
            || self.globals.contains(text(o, src))
        {
            return None;
        }
        let args: Vec<Node<'c>> = named_children(n.field("arguments")?)
            .into_iter()
            .filter(|a| a.kind() != "comment")
            .collect();
        if args.is_empty() || args.len() > 2 || args.iter().any(|a| a.kind() == "keyword_argument")
        {
            return None;
        }
        let key = self.expr(args[0]).op;
        let default = match args.get(1) {
            Some(d) => self.expr(*d).op,
            None => Operand::Const(Const::Null),
        };
        // `builtins.__const_choice__(key, default)`: the default's taint only (a model in
        // `stdlib.yaml`, so a helper doing this lookup gets a summary of its own).
        let v = self.assign(
            static_call("builtins", "__const_choice__", vec![key, default], span(n)),
            span(n),
        );
        Some(Val::op(v))
    }

    fn call(&mut self, n: Node<'c>) -> Val {
        let src = self.src();
        let Some(func) = n.field("function") else {
            return Val::op(Operand::Opaque);
        };
        if let Some(v) = self.builtin_map(n) {
            return v;
        }
        if let Some(v) = self.const_dict_get(n) {
            return v;
        }
        self.last_partial = None;
        // `show_log(branch)` where `show_log = functools.partial(run_git, "log")`: `run_git("log",
        // branch)`.
        let (func, bound) = match self
            .partials
            .get(text(func, src))
            .filter(|_| func.kind() == "identifier")
        {
            Some((f, ops)) => (*f, ops.clone()),
            None => (func, Vec::new()),
        };
        let is_partial = matches!(func.kind(), "identifier" | "attribute")
            && self.cx.static_path(func).as_deref() == Some("functools.partial");
        // The callee first (evaluation order), then the arguments.
        let (class, name, receiver, on_this, ctor): Callee = match func.kind() {
            "identifier" => {
                let f = self.expr(func);
                let fname: Arc<str> = Arc::from(text(func, src));
                if let Operand::Var(_) = f.op {
                    (f.ty.clone(), fname, None, false, None)
                } else if let Some(p) = f.path.clone() {
                    let (m, last) = p.rsplit_once('.').unwrap_or(("", &p));
                    let ctor = last
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                        .then(|| p.clone());
                    let class = (!m.is_empty()).then(|| Arc::from(m));
                    (class, Arc::from(last), None, false, ctor)
                } else {
                    // A function of this module (or an unknown global).
                    let ret = self.cx.fn_returns.get(&*fname).cloned();
                    (Some(self.cx.module.clone()), fname, None, false, ret)
                }
            }
            "attribute" => {
                let (Some(o), Some(a)) = (func.field("object"), func.field("attribute")) else {
                    return Val::op(Operand::Opaque);
                };
                let obj = self.expr(o);
                let mname: Arc<str> = Arc::from(text(a, src));
                let framework = self
                    .framework_self
                    .filter(|t| obj.is_self && self.knows(t, &mname));
                if let Some(t) = framework {
                    // `self.send_header(...)` of a request handler: the framework's method.
                    (Some(Arc::from(t)), mname, obj.op.into(), false, None)
                } else if obj.is_self {
                    (Some(self.owner.clone()), mname, obj.op.into(), true, None)
                } else if matches!(obj.op, Operand::Opaque)
                    && self.cx.django
                    && obj.path.as_deref().is_some_and(|p| p.ends_with(".objects"))
                {
                    // `Membership.objects.filter(...)`: a model's manager (Django's convention).
                    (
                        Some(Arc::from(DJANGO_MANAGER_TYPE)),
                        mname,
                        None,
                        false,
                        None,
                    )
                } else if matches!(obj.op, Operand::Opaque) && obj.path.is_some() {
                    let p = obj.path.clone().unwrap_or_else(|| Arc::from(""));
                    let ctor = mname
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                        .then(|| Arc::from(format!("{p}.{mname}")));
                    (Some(p), mname, None, false, ctor)
                } else {
                    let recv = (!matches!(obj.op, Operand::Opaque) || obj.ty.is_some())
                        .then_some(obj.op.clone());
                    (obj.ty.clone(), mname, recv, false, None)
                }
            }
            _ => {
                let f = self.expr(func);
                (f.ty, Arc::from("__call__"), Some(f.op), false, None)
            }
        };
        let mut arg_paths: Vec<Option<Arc<str>>> = vec![None; bound.len()];
        let mut args: Vec<Operand> = bound;
        let mut kwargs: Vec<(String, Val)> = Vec::new();
        // `["sh", "-c", cmd]` runs its third element through a shell, as `shell=True` does.
        let via_shell = n
            .field("arguments")
            .and_then(|al| al.named_child(0))
            .is_some_and(|a| {
                is_shell_list(a, src)
                    || a.kind() == "identifier" && self.shell_lists.contains(text(a, src))
            });
        if let Some(al) = n.field("arguments") {
            if al.kind() == "generator_expression" {
                args.push(self.expr(al).op);
            } else {
                for a in named_children(al) {
                    match a.kind() {
                        "keyword_argument" => {
                            let k = a.field("name").map_or("", |k| text(k, src));
                            let v = a
                                .field("value")
                                .map_or(Val::op(Operand::Opaque), |v| self.expr(v));
                            kwargs.push((k.to_owned(), v));
                        }
                        "comment" => {}
                        _ => {
                            let v = self.expr(a);
                            arg_paths.push(v.path.clone());
                            args.push(v.op);
                        }
                    }
                }
            }
        }
        for (k, v) in &kwargs {
            self.secret_sink(k, &v.op, span(n));
        }
        // Keyword flags select pseudo-types named by the models (`subprocess#shell`).
        let mut class = class;
        if via_shell {
            kwargs.push(("shell".into(), Val::op(Operand::Const(Const::Bool(true)))));
            // Only the third element is shell code; the ones after it are the script's
            // positional parameters (`$0`, `$1`), never parsed as shell syntax.
            if let Some(list) = args.first().cloned() {
                let script = self.assign(
                    Expr::ArrayLoad {
                        array: list,
                        index: Operand::Const(Const::Int(2)),
                    },
                    span(n),
                );
                args[0] = script;
            }
        }
        // A response built with a constant content type that is not HTML (`HttpResponse(data,
        // "text/csv")`, `content_type="application/json"`, `mimetype="text/plain"`) is no page:
        // the `#non-html` variant the models name.
        if let Some(c) = class.clone() {
            let positional = (name.as_ref() == "HttpResponse")
                .then(|| args.get(1))
                .flatten();
            let declared = kwargs
                .iter()
                .filter(|(k, _)| k == "content_type" || k == "mimetype")
                .map(|(_, v)| &v.op)
                .chain(positional);
            let non_html = declared.into_iter().any(|op| {
                matches!(op, Operand::Const(Const::Str(t))
                    if !t.is_empty() && !t.to_ascii_lowercase().contains("html"))
            });
            let variant = format!("{c}#non-html");
            if non_html && self.cx.models.names_method(&variant, &name) {
                class = Some(Arc::from(variant));
            }
        }
        if let Some(c) = class.clone() {
            for (k, v) in &kwargs {
                let falsy = matches!(
                    v.op,
                    Operand::Const(Const::Bool(false) | Const::Null | Const::Int(0))
                );
                let named =
                    v.path
                        .as_deref()
                        .map(|p| format!("{c}#{k}={p}"))
                        .or_else(|| match &v.op {
                            Operand::Const(Const::Str(s)) => Some(format!("{c}#{k}={s}")),
                            Operand::Const(Const::Bool(b)) => Some(format!("{c}#{k}={b}")),
                            _ => None,
                        });
                if let Some(nm) = named.filter(|nm| self.cx.models.knows_type(nm)) {
                    class = Some(Arc::from(nm));
                    break;
                }
                let flag = format!("{c}#{k}");
                if !falsy && self.cx.models.knows_type(&flag) {
                    class = Some(Arc::from(flag));
                    break;
                }
            }
        }
        // A positional argument naming a class or constant can select a variant too
        // (`yaml.load(data, yaml.SafeLoader)` is `yaml#arg1=yaml.SafeLoader`).
        if let Some(c) = class.clone().filter(|c| !c.contains('#')) {
            for (i, p) in arg_paths.iter().enumerate() {
                if let Some(p) = p {
                    let nm = format!("{c}#arg{i}={p}");
                    if self.cx.models.knows_type(&nm) {
                        class = Some(Arc::from(nm));
                        break;
                    }
                }
            }
        }
        // `re.sub(r"[^A-Za-z0-9._-]", "_", s)`: every other character replaced, what is left is
        // named by the set it keeps (`re.__sub_word__`, ...: sanitizers in the models).
        let mut name = name;
        if class.as_deref() == Some("re") && &*name == "sub" {
            if let (Some(Operand::Const(Const::Str(pat))), Some(Operand::Const(Const::Str(rep)))) =
                (args.first(), args.get(1))
            {
                if let Some(kept) = kept_charset(pat, rep) {
                    name = Arc::from(kept);
                }
            }
        }
        self.repr_log_args(class.as_deref(), &name, &mut args, span(n));
        // A keyword argument the models name as `name#keyword` of the class (`Response(body,
        // headers={...})`: `Response#headers`) is also given, alone, to that pseudo-method.
        let base = class
            .as_deref()
            .map(|c| Arc::<str>::from(c.split('#').next().unwrap_or(c)));
        let keyword_calls: Vec<(String, Operand)> = base
            .as_deref()
            .map(|b| {
                kwargs
                    .iter()
                    .filter(|(_, v)| !matches!(v.op, Operand::Const(_)))
                    .map(|(k, v)| (format!("{name}#{k}"), v.op.clone()))
                    .filter(|(m, _)| self.knows(b, m))
                    .collect()
            })
            .unwrap_or_default();
        let positional = args.len();
        // A dataclass of this module (`Notifier(callback_url=url)`): keywords by field position,
        // as its generated `__init__` takes them.
        if let Some(fields) = ctor.as_deref().and_then(|c| self.cx.dataclasses.get(c)) {
            for f in fields.iter().skip(args.len()) {
                let v = kwargs
                    .iter()
                    .find(|(k, _)| k == f)
                    .map_or(Operand::Opaque, |(_, v)| v.op.clone());
                args.push(v);
            }
            kwargs.clear();
        }
        args.extend(kwargs.into_iter().map(|(_, v)| v.op));
        let kind = if on_this || receiver.is_some() {
            CallKind::Virtual
        } else {
            CallKind::Static
        };
        let ret_ty = class
            .as_deref()
            .and_then(|c| self.cx.models.return_type(c, &name))
            .or(ctor);
        let call = Call {
            name,
            class,
            kind,
            receiver,
            on_this,
            args,
            span: span(n),
        };
        if is_partial && positional >= 1 {
            let target = n
                .field("arguments")
                .and_then(|al| al.named_child(0))
                .filter(|f| matches!(f.kind(), "identifier" | "attribute"));
            if let Some(t) = target {
                let bound_args = call.args.get(1..positional).unwrap_or_default().to_vec();
                self.last_partial = Some((t, bound_args));
            }
        }
        let v = self.assign(Expr::Call(call), span(n));
        if let Some(b) = base {
            for (m, op) in keyword_calls {
                self.emit(Inst::Assign {
                    dst: None,
                    expr: static_call(&b, &m, vec![op], span(n)),
                    span: span(n),
                });
            }
        }
        Val {
            op: v,
            ty: ret_ty,
            path: None,
            is_self: false,
        }
    }
}

/// Whether a `%` format string has conversions and all of them are numeric (`%d`, `%5.2f`,
/// `%(n)x`, ...): its result holds digits, signs and exponents only, whatever the arguments were.
/// `%c` is not numeric (it also takes a one-character string).
fn numeric_format(f: &str) -> bool {
    format_conversions(f)
        .is_some_and(|c| !c.is_empty() && c.iter().all(|c| b"diouxXeEfFgG".contains(c)))
}

/// The conversion characters of a `%` format string, in order (`None`: not one this reads, or one
/// with a `*` width, which takes an argument of its own).
fn format_conversions(f: &str) -> Option<Vec<u8>> {
    let b = f.as_bytes();
    let (mut i, mut out) = (0, Vec::new());
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        if b.get(i) == Some(&b'%') {
            i += 1;
            continue;
        }
        if b.get(i) == Some(&b'(') {
            let close = b[i..].iter().position(|&c| c == b')')?;
            i += close + 1;
        }
        while i < b.len() && (b"#0- +.".contains(&b[i]) || b[i].is_ascii_digit()) {
            i += 1;
        }
        while i < b.len() && b"hlL".contains(&b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(c) if b"diouxXeEfFgGcrsa".contains(c) => out.push(*c),
            _ => return None,
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numeric_formats() {
        for f in ["%d", "sleep %d", "%5.2f%%", "%(n)x and %-3i", "%ld"] {
            assert!(super::numeric_format(f), "{f}");
        }
        for f in ["", "100%%", "%s", "%d %s", "%c", "%(n", "%r", "50%"] {
            assert!(!super::numeric_format(f), "{f}");
        }
    }

    use super::*;

    fn lower(src: &str, path: &str) -> LoweredFile {
        let tree = crate::parse(src).expect("parses");
        let models = super::super::load_models(false).expect("models load");
        lower_file(src, tree.root_node(), path, models)
    }

    fn calls(f: &Function) -> Vec<(Option<String>, String)> {
        f.blocks
            .iter()
            .flat_map(|b| &b.insts)
            .filter_map(|i| match i {
                Inst::Assign {
                    expr: Expr::Call(c),
                    ..
                } => Some((c.class.as_deref().map(str::to_owned), c.name.to_string())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn imports_resolve_with_aliases_and_relative_modules() {
        let src = "from subprocess import run as r\nimport os.path as p\nfrom .util import helper\n\ndef f(cmd):\n    r(cmd, shell=True)\n    p.join('a', cmd)\n    helper(cmd)\n";
        let l = lower(src, "pkg/views.py");
        let f = l.functions.iter().find(|f| &*f.name == "f").expect("f");
        let c = calls(f);
        assert!(
            c.contains(&(Some("subprocess#shell".into()), "run".into())),
            "{c:?}"
        );
        assert!(
            c.contains(&(Some("os.path".into()), "join".into())),
            "{c:?}"
        );
        assert!(
            c.contains(&(Some("pkg.util".into()), "helper".into())),
            "{c:?}"
        );
    }

    #[test]
    fn long_concatenations_do_not_recurse_and_deep_nesting_gives_a_notice() {
        let src = format!("x = 'a'{}\n", " + 'b'".repeat(5000));
        let l = lower(&src, "a.py");
        assert!(l.notices.is_empty(), "{:?}", l.notices);
        let deep = format!(
            "def g():\n    return {}1{}\n",
            "[".repeat(150),
            "]".repeat(150)
        );
        let l = lower(&deep, "a.py");
        assert_eq!(l.notices.len(), 1);
        assert!(l.notices[0].contains("`g`") && l.notices[0].contains("100"));
    }

    #[test]
    fn module_paths() {
        assert_eq!(module_of("pkg/sub/mod.py"), "pkg.sub.mod");
        assert_eq!(module_of("pkg/__init__.py"), "pkg");
    }
}
