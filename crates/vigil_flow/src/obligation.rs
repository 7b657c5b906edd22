//! Obligations: resources acquired in a function that must be released on every path, normal and
//! exceptional, unless their ownership leaves the function (resource leaks, locks held, executors
//! never shut down).
//!
//! The analysis is a client of [`crate::cfg::solve`] with a *disjunctive* state: a set of path
//! states (at most [`MAX_PATHS`]), each mapping variables to the obligation they hold and listing the
//! obligations still open on that path. Keeping paths apart is what makes `if (x != null) x.close()`,
//! closing in both branches and `if (lock.tryLock())` exact. What the language says is data
//! ([`ResourceModels`], `rules/<lang>/models/resources.yaml`):
//!
//! - **acquire**: constructors and methods that return a new resource (or, for locks, make the
//!   receiver held); a `child` resource (a JDBC `Statement` of a `Connection`) is released with its
//!   parent; an `until` resource (an unconnected `new Socket()`) is dormant and becomes an
//!   obligation when one of its `until` methods (`connect`, `bind`) is called on it.
//! - **wrappers**: constructors that take ownership of their first argument (`new
//!   BufferedReader(reader)`): the wrapper and the wrapped value are one obligation, closing either
//!   releases it. A wrapper whose constructor can throw (`new ObjectInputStream(in)`) is a point where
//!   the inner resource leaks on the exceptional path.
//! - **release** methods per kind (`close`, `unlock`, `shutdown`, `disconnect`); **closers**
//!   (`closeQuietly(x)`); **borrowers** (library calls that use an argument without keeping it).
//!
//! Discharge: a release on every path; the resource bound by try-with-resources or `with` (the
//! front end passes those binding spans as `managed`); or escape: returned, stored in a field, an
//! array or a collection, passed to a constructor or a method that may keep it, captured by a lambda
//! that closes or keeps it. Calls into functions of the same file use [`LeakSummary`]s (closes, keeps
//! or borrows each parameter; returns a new resource).
//!
//! Exceptions: every call of a block inside a `try` sends the path states to the handlers; a call
//! that *uses* a resource (receiver or argument), acquires one, or is a throwing wrapper constructor,
//! and an explicit `throw`, is where an exception can make an open resource leak (for locks, every
//! call). Outside a `try`, such a call leaves the function with the resource open: a leak on the
//! exceptional path only, reported apart from leaks on normal paths.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use vigil_core::RuleError;

use crate::cfg::{solve, Analysis, BudgetExceeded};
use crate::ir::{
    BinOp, Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Operand, Span, Terminator,
    UnOp, Var,
};

/// At most this many distinct path states per program point; beyond it the function is skipped.
pub const MAX_PATHS: usize = 64;

/// Whether a model file (path relative to `rules/`) holds resource models (this module's format)
/// rather than taint models.
#[must_use]
pub fn is_resource_model_file(path: &str) -> bool {
    path == "resources.yaml" || path.ends_with("/resources.yaml")
}

/// What kind of obligation a resource is: each kind has its release methods and its rule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Kind {
    /// Streams, readers, writers, files, sockets, channels, SDK clients.
    Io,
    /// JDBC connections, statements and result sets.
    Jdbc,
    /// A lock acquired on its receiver.
    Lock,
    /// A thread pool that must be shut down.
    Executor,
    /// A connection released by `disconnect()` (`HttpURLConnection`).
    Connection,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "io" => Kind::Io,
            "jdbc" => Kind::Jdbc,
            "lock" => Kind::Lock,
            "executor" => Kind::Executor,
            "connection" => Kind::Connection,
            _ => return None,
        })
    }

    /// The kind's name in model files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Io => "io",
            Kind::Jdbc => "jdbc",
            Kind::Lock => "lock",
            Kind::Executor => "executor",
            Kind::Connection => "connection",
        }
    }

    /// Whether a leak of this kind on an exceptional path only is worth reporting.
    fn reports_exceptional(self) -> bool {
        !matches!(self, Kind::Executor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AcquireFile {
    kind: String,
    types: Vec<String>,
    methods: Vec<String>,
    #[serde(default)]
    arity: Option<usize>,
    /// Only with at least this many arguments (`new Socket()` is not connected: it holds nothing
    /// until `connect`).
    #[serde(default)]
    min_arity: Option<usize>,
    /// Only when the first argument has one of these types (or is a string constant).
    #[serde(default)]
    arg0: Vec<String>,
    /// Not when the first argument has one of these types (`new FileInputStream(FileDescriptor)`
    /// opens nothing).
    #[serde(default)]
    arg0_not: Vec<String>,
    #[serde(default)]
    child: bool,
    #[serde(default)]
    on_receiver: bool,
    #[serde(default)]
    when_true: bool,
    /// The first argument is a path or a file object: given a file object, the result wraps the
    /// caller's object without owning it (`wave.open(f)`, `zipfile.ZipFile(f)`).
    #[serde(default)]
    file_or_path: bool,
    /// The result is unconnected (`new Socket()`): an obligation only once one of these methods
    /// (`connect`, `bind`) is called on it while the method still holds it.
    #[serde(default)]
    until: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WrapperFile {
    types: Vec<String>,
    #[serde(default)]
    throws: bool,
    /// The constructor throws when this argument is a string (a charset name).
    #[serde(default)]
    throws_if_string_arg: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MethodsFile {
    types: Vec<String>,
    methods: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReturnsFile {
    types: Vec<String>,
    methods: Vec<String>,
    returns: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ResourceFile {
    library: String,
    #[serde(default)]
    release: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    acquire: Vec<AcquireFile>,
    #[serde(default)]
    wrappers: Vec<WrapperFile>,
    #[serde(default)]
    closers: Vec<MethodsFile>,
    #[serde(default)]
    borrowers: Vec<MethodsFile>,
    #[serde(default)]
    returns_arg0: Vec<MethodsFile>,
    #[serde(default)]
    nothrow: Vec<MethodsFile>,
    /// Methods whose result is a view of the receiver (`socket.getInputStream()`): the same
    /// obligation.
    #[serde(default)]
    views: Vec<MethodsFile>,
    /// Methods that close their receiver when they fail (`Socket.connect`): the exceptional path
    /// of such a call does not hold the receiver.
    #[serde(default)]
    closes_on_failure: Vec<MethodsFile>,
    /// Return types of methods the front end may not know (`rw.readLock()`).
    #[serde(default)]
    returns: Vec<ReturnsFile>,
    #[serde(default)]
    resource_types: Vec<String>,
    #[serde(default)]
    inert: Vec<String>,
    #[serde(default)]
    supertypes: BTreeMap<String, Vec<String>>,
    /// Methods only a file object has (`seek`, `read`): a value the function calls them on is a
    /// file object, not a path.
    #[serde(default)]
    file_methods: Vec<String>,
}

#[derive(Debug, Clone)]
struct Acquire {
    kind: Kind,
    arity: Option<usize>,
    min_arity: Option<usize>,
    arg0: Vec<Arc<str>>,
    arg0_not: Vec<Arc<str>>,
    child: bool,
    on_receiver: bool,
    when_true: bool,
    file_or_path: bool,
    until: Vec<Arc<str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Throws {
    Never,
    Always,
    StringArg(usize),
}

type Key = (Arc<str>, Arc<str>);

/// Resource models of one language, loaded from its `resources.yaml` files.
#[derive(Debug, Clone, Default)]
pub struct ResourceModels {
    release: BTreeMap<Kind, Vec<Arc<str>>>,
    acquire: HashMap<Key, Vec<Acquire>>,
    /// The method names of `acquire` (a cheap first test: most calls acquire nothing).
    acquire_names: HashSet<Arc<str>>,
    wrappers: HashMap<Arc<str>, Throws>,
    closers: HashSet<Key>,
    borrowers: HashSet<Key>,
    returns_arg0: HashSet<Key>,
    nothrow: HashSet<Key>,
    views: HashSet<Key>,
    closes_on_failure: HashSet<Key>,
    returns: HashMap<Key, Arc<str>>,
    resource_types: HashSet<Arc<str>>,
    inert: HashSet<Arc<str>>,
    supertypes: HashMap<Arc<str>, Vec<Arc<str>>>,
    file_methods: HashSet<Arc<str>>,
}

fn keys(types: &[String], methods: &[String]) -> Vec<Key> {
    let mut out = Vec::new();
    for t in types {
        for m in methods {
            out.push((Arc::from(t.as_str()), Arc::from(m.as_str())));
        }
    }
    out
}

impl ResourceModels {
    /// Load resource model files: `(origin, yaml text)` pairs.
    ///
    /// # Errors
    /// A [`RuleError`] naming the file: bad YAML, an unknown field or kind.
    pub fn load(files: &[(&str, &str)]) -> Result<ResourceModels, RuleError> {
        let mut m = ResourceModels::default();
        for (origin, text) in files {
            let file: ResourceFile = serde_yaml_ng::from_str(text).map_err(|e| {
                RuleError::new(origin, e.location().map(|l| l.line()), None, e.to_string())
            })?;
            let err = |msg: String| RuleError::new(origin, None, None, msg);
            if file.library.trim().is_empty() {
                return Err(err("`library:` must name the library".into()));
            }
            for (k, methods) in &file.release {
                let kind = Kind::parse(k).ok_or_else(|| err(format!("unknown kind `{k}`")))?;
                m.release
                    .entry(kind)
                    .or_default()
                    .extend(methods.iter().map(|s| Arc::from(s.as_str())));
            }
            for a in &file.acquire {
                let kind = Kind::parse(&a.kind)
                    .ok_or_else(|| err(format!("unknown kind `{}`", a.kind)))?;
                let spec = Acquire {
                    kind,
                    arity: a.arity,
                    min_arity: a.min_arity,
                    arg0: a.arg0.iter().map(|s| Arc::from(s.as_str())).collect(),
                    arg0_not: a.arg0_not.iter().map(|s| Arc::from(s.as_str())).collect(),
                    child: a.child,
                    on_receiver: a.on_receiver,
                    when_true: a.when_true,
                    file_or_path: a.file_or_path,
                    until: a.until.iter().map(|s| Arc::from(s.as_str())).collect(),
                };
                for k in keys(&a.types, &a.methods) {
                    m.acquire_names.insert(k.1.clone());
                    m.acquire.entry(k).or_default().push(spec.clone());
                }
            }
            for w in &file.wrappers {
                let t = match (w.throws, w.throws_if_string_arg) {
                    (true, _) => Throws::Always,
                    (false, Some(i)) => Throws::StringArg(i),
                    (false, None) => Throws::Never,
                };
                for ty in &w.types {
                    m.wrappers.insert(Arc::from(ty.as_str()), t);
                }
            }
            for c in &file.closers {
                m.closers.extend(keys(&c.types, &c.methods));
            }
            for c in &file.borrowers {
                m.borrowers.extend(keys(&c.types, &c.methods));
            }
            for c in &file.returns_arg0 {
                m.returns_arg0.extend(keys(&c.types, &c.methods));
            }
            for r in &file.returns {
                for k in keys(&r.types, &r.methods) {
                    m.returns.insert(k, Arc::from(r.returns.as_str()));
                }
            }
            for c in &file.views {
                m.views.extend(keys(&c.types, &c.methods));
            }
            for c in &file.closes_on_failure {
                m.closes_on_failure.extend(keys(&c.types, &c.methods));
            }
            for c in &file.nothrow {
                m.nothrow.extend(keys(&c.types, &c.methods));
            }
            m.resource_types
                .extend(file.resource_types.iter().map(|s| Arc::from(s.as_str())));
            m.inert
                .extend(file.inert.iter().map(|s| Arc::from(s.as_str())));
            m.file_methods
                .extend(file.file_methods.iter().map(|s| Arc::from(s.as_str())));
            for (t, sups) in &file.supertypes {
                m.supertypes
                    .entry(Arc::from(t.as_str()))
                    .or_default()
                    .extend(sups.iter().map(|s| Arc::from(s.as_str())));
            }
        }
        for kind in [Kind::Io, Kind::Jdbc, Kind::Lock, Kind::Executor] {
            if !m.acquire.values().flatten().any(|a| a.kind == kind) {
                continue;
            }
            if m.release.get(&kind).is_none_or(Vec::is_empty) {
                return Err(RuleError::new(
                    "resources.yaml",
                    None,
                    None,
                    format!(
                        "kind `{}` is acquired but has no `release:` methods",
                        kind.name()
                    ),
                ));
            }
        }
        Ok(m)
    }

    /// The built-in resource models of one language (`rules/<lang>/models/resources.yaml`).
    ///
    /// # Errors
    /// A [`RuleError`] naming the malformed model file.
    pub fn load_builtin(lang: &str) -> Result<ResourceModels, RuleError> {
        let prefix = format!("{lang}/");
        let files: Vec<(String, &str)> = vigil_core::builtin::model_files()
            .iter()
            .filter(|(p, _)| p.starts_with(&prefix) && is_resource_model_file(p))
            .map(|(p, t)| (format!("rules/{p}"), *t))
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        ResourceModels::load(&refs)
    }

    /// The type, its supertypes (transitively), then `*`.
    fn lineage(&self, ty: Option<&str>) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = Vec::new();
        if let Some(t) = ty {
            out.push(Arc::from(t));
            let mut i = 0;
            while let Some(t) = out.get(i).cloned() {
                if let Some(s) = self.supertypes.get(&t) {
                    for x in s {
                        if !out.contains(x) && out.len() < 32 {
                            out.push(x.clone());
                        }
                    }
                }
                i += 1;
            }
        }
        out.push(Arc::from("*"));
        out
    }

    fn has(&self, set: &HashSet<Key>, class: Option<&str>, name: &str) -> bool {
        let name: Arc<str> = Arc::from(name);
        self.lineage(class)
            .into_iter()
            .any(|t| set.contains(&(t, name.clone())))
    }

    /// Whether a call of `class.name` is listed as not throwing under its type or a supertype
    /// (not through a `*` entry).
    ///
    /// For a lock every call counts as throwing, whatever its receiver: the `*` entries describe
    /// methods of resources (`isOpen`, `size`), and `toString()` or `equals()` of any other
    /// object can throw while the lock is held.
    fn nothrow_by_type(&self, class: Option<&str>, name: &str) -> bool {
        let name: Arc<str> = Arc::from(name);
        self.lineage(class)
            .into_iter()
            .any(|t| &*t != "*" && self.nothrow.contains(&(t, name.clone())))
    }

    fn acquisition(&self, class: Option<&str>, name: &str, arity: usize) -> Option<&Acquire> {
        self.acquisitions(class, name, arity).into_iter().next()
    }

    /// The acquire entries that apply to a call with `arity` arguments, in model order (the
    /// first whose argument types also match applies).
    fn acquisitions(&self, class: Option<&str>, name: &str, arity: usize) -> Vec<&Acquire> {
        if !self.acquire_names.contains(name) || class.is_some_and(|c| self.inert.contains(c)) {
            return Vec::new();
        }
        let name: Arc<str> = Arc::from(name);
        // Constructors are not inherited.
        let lineage = if &*name == "<init>" {
            class.map(|c| vec![Arc::from(c)]).unwrap_or_default()
        } else {
            self.lineage(class)
        };
        lineage
            .into_iter()
            .map(|t| {
                self.acquire
                    .get(&(t, name.clone()))
                    .map(|v| {
                        v.iter()
                            .filter(|a| {
                                a.arity.is_none_or(|n| n == arity)
                                    && a.min_arity.is_none_or(|n| arity >= n)
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    }

    fn is_release(&self, kind: Kind, name: &str) -> bool {
        self.release
            .get(&kind)
            .is_some_and(|v| v.iter().any(|m| &**m == name))
    }

    /// Whether a call of `class.name` with `arity` arguments acquires a resource.
    #[must_use]
    pub fn acquires(&self, class: Option<&str>, name: &str, arity: usize) -> bool {
        self.acquisition(class, name, arity).is_some()
    }

    /// Whether a declared type is a resource type (its values may be obligations): parameters of
    /// such types are followed to compute summaries, receivers of such types borrow their arguments.
    #[must_use]
    pub fn is_resource_type(&self, ty: &str) -> bool {
        if self.inert.contains(ty) {
            return false;
        }
        self.lineage(Some(ty)).iter().any(|t| {
            &**t != "*" && (self.resource_types.contains(t) || self.wrappers.contains_key(t))
        }) || self
            .acquire
            .keys()
            .any(|(t, m)| &**m == "<init>" && &**t == ty)
    }

    /// The return type of `class.name` from `returns:` entries (supertypes searched).
    #[must_use]
    pub fn return_type(&self, class: &str, name: &str) -> Option<Arc<str>> {
        let name: Arc<str> = Arc::from(name);
        self.lineage(Some(class))
            .into_iter()
            .find_map(|t| self.returns.get(&(t, name.clone())).cloned())
    }

    /// Whether `class.name` opens a path or wraps a file object given as its first argument
    /// (`file-or-path:`).
    #[must_use]
    pub fn takes_file_or_path(&self, class: Option<&str>, name: &str, arity: usize) -> bool {
        self.acquisition(class, name, arity)
            .is_some_and(|a| a.file_or_path)
    }

    /// Whether the models name this fully qualified type.
    #[must_use]
    pub fn knows(&self, ty: &str) -> bool {
        self.names_type(ty)
            || self
                .acquire
                .values()
                .flatten()
                .any(|a| a.arg0.iter().chain(&a.arg0_not).any(|t| &**t == ty))
    }

    /// Whether the models name `ty` other than as an acquisition's argument type.
    fn names_type(&self, ty: &str) -> bool {
        self.inert.contains(ty)
            || self.resource_types.contains(ty)
            || self.wrappers.contains_key(ty)
            || self.supertypes.contains_key(ty)
            || self.acquire.keys().any(|(t, _)| &**t == ty)
    }

    /// Whether the models name `ty` only as the argument type of an acquisition (`String`,
    /// `File` for `new FileInputStream(x)`): knowing a value has such a type changes a result only
    /// where it is the argument of such an acquisition (see [`Self::asks_arg_type`]).
    #[must_use]
    pub fn knows_only_as_argument(&self, ty: &str) -> bool {
        !self.names_type(ty) && self.knows(ty)
    }

    /// Whether a function has a call whose acquisition is decided by the type of an argument the
    /// function does not know the type of (a variable of unknown type given to an acquisition
    /// with `arg0`/`arg0-not`, or to a wrapper that throws on a string argument). A file without
    /// one gains nothing from learning that another file's method returns a `String`.
    #[must_use]
    pub fn asks_arg_type(&self, f: &Function) -> bool {
        let untyped = |o: Option<&Operand>| match o {
            Some(Operand::Var(v)) => f.local(*v).is_none_or(|l| l.ty.is_none()),
            _ => false,
        };
        crate::ir::calls(std::slice::from_ref(f)).any(|c| {
            let by_arg0 = || {
                self.acquisitions(c.class.as_deref(), &c.name, c.args.len())
                    .iter()
                    .any(|a| !a.arg0.is_empty() || !a.arg0_not.is_empty())
                    && untyped(c.args.first())
            };
            let by_string = || {
                c.class
                    .as_deref()
                    .and_then(|t| self.wrappers.get(t))
                    .is_some_and(|w| matches!(w, Throws::StringArg(i) if untyped(c.args.get(*i))))
            };
            by_arg0() || by_string()
        })
    }

    /// Whether a function may hold an obligation by the models alone: a call the models say
    /// acquires, or a parameter of a resource type. The values of constants only decide the
    /// paths of such a function (a branch on `DEBUG`, a comparison tested twice).
    #[must_use]
    pub fn may_hold(&self, f: &Function) -> bool {
        crate::ir::calls(std::slice::from_ref(f))
            .any(|c| self.acquires(c.class.as_deref(), &c.name, c.args.len()))
            || f.params
                .iter()
                .any(|p| p.ty.as_deref().is_some_and(|t| self.is_resource_type(t)))
    }

    /// Whether a type is known to need no release (`ByteArrayInputStream`, `StringWriter`).
    #[must_use]
    pub fn is_inert(&self, ty: &str) -> bool {
        self.inert.contains(ty)
    }
}

/// What a function does with a resource passed as one of its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ParamEffect {
    /// Uses it and leaves it open (the caller still owns it).
    Borrows,
    /// Releases it on every normal path.
    Closes,
    /// Stores, returns or passes it on (or closes it on some paths only): the caller is no longer
    /// the only owner.
    Keeps,
}

/// The summary of a function for its callers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct LeakSummary {
    /// One effect per parameter (`Borrows` for parameters that are not resources).
    pub params: Vec<ParamEffect>,
    /// The function returns a resource it acquired (a factory).
    pub returns: Option<Kind>,
    /// Some path may throw out of the function (a call or `throw` outside any `try`).
    pub may_throw: bool,
}

/// Calls into functions of the scanned code.
pub trait LeakCallees {
    /// The summary of the function `call` reaches from `caller`, if it is known.
    fn summary(&self, call: &Call, caller: &Function) -> Option<LeakSummary>;

    /// The locks of its receiver that the function `call` reaches lets go of before it can throw
    /// (see [`LeakResult::released_on_throw`]): access paths from the callee's `this`
    /// (`this.lock`).
    fn released_on_throw(&self, _call: &Call, _caller: &Function) -> Vec<Arc<str>> {
        Vec::new()
    }
}

/// No summaries.
pub struct NoCallees;

impl LeakCallees for NoCallees {
    fn summary(&self, _call: &Call, _caller: &Function) -> Option<LeakSummary> {
        None
    }
}

/// One run of the analysis over a function.
pub struct LeakRun<'a> {
    pub models: &'a ResourceModels,
    pub callees: &'a dyn LeakCallees,
    /// Spans of the assignments that bind a resource to try-with-resources / `with`: the bound value
    /// is released by the language.
    pub managed: &'a BTreeSet<Span>,
    /// Spans of values handed to an owner the front end knows of (the arguments of `super(...)`):
    /// they escape.
    pub handed_off: &'a BTreeSet<Span>,
    pub budget: usize,
}

/// A resource that is not released on some path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The acquisition (the innermost resource of a wrapper chain).
    pub acquired: Span,
    pub kind: Kind,
    /// The acquired type or method, for messages (`FileInputStream`, `Files.newBufferedReader`).
    pub what: Arc<str>,
    /// Wrapper types around it, innermost first.
    pub wrapped: Vec<Arc<str>>,
    /// Where the resource is lost: a `return`, the end of the function, a `throw`, or the
    /// acquisition itself when it runs again (in a loop) while the previous one is open.
    pub exit: Span,
    /// True when the function's end (its closing brace) is the exit.
    pub at_end: bool,
    /// True when the resource is lost because the same acquisition runs again.
    pub reacquired: bool,
    /// `Some(call)`: lost only on the exceptional path where `call` throws.
    pub throw_site: Option<Span>,
}

/// The result of one function.
#[derive(Debug, Clone, Default)]
pub struct LeakResult {
    /// At most one leak per acquisition: a normal-path leak if there is one, else the first
    /// exceptional one.
    pub leaks: Vec<Leak>,
    pub summary: LeakSummary,
    /// Locks of the receiver (access paths from `this`: `this.lock`) that the function releases
    /// for its caller before anything in it can throw, and does not hold when it throws: every
    /// path from its entry calls `unlock()` on it before any other call and before any `throw`,
    /// and no `throw` (nor the rethrow at the end of a `finally`) leaves the function with the
    /// lock taken back. An exception out of such a call leaves the caller's hold released, so
    /// the caller's exceptional path through the call does not hold the lock.
    ///
    /// Trade-off: an exception from a call the function makes after taking the lock back on its
    /// normal path (`lock.unlock(); ...; lock.lock(); copy(...);`) would leave the lock held; it
    /// is not counted (the function itself does not report the lock it gives back either).
    ///
    /// Kept apart from [`LeakSummary`], which callers in other files use: the fact is about the
    /// fields of the receiver, so it serves calls on a receiver whose access path the caller
    /// knows (`this`), in the same file.
    pub released_on_throw: Vec<Arc<str>>,
    /// `(class, name)` of the calls the function makes while something is open on the path (a
    /// resource, a lock, a followed parameter): only at those can a callee's summary (what it does
    /// with an argument, whether it can throw) change the function's result. A front end decides
    /// from them whether the project facts can change a file's leaks (empty when `gave_up`).
    pub held_calls: BTreeSet<(Arc<str>, Arc<str>)>,
    /// The function was too large or had too many paths: no leaks reported.
    pub gave_up: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Mark {
    /// Open on a path without exceptions.
    Normal,
    /// Open on a path where this call (or `throw`) threw.
    Exc(Span),
    /// Open on a path where an unrelated call threw (not reported).
    Unrelated,
}

/// One path: which obligation each variable holds, which obligations are open.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
struct Path {
    vals: BTreeMap<Var, u32>,
    open: BTreeMap<u32, Mark>,
    /// Variables holding a resource not acquired yet (an unconnected socket): the obligation it
    /// becomes when an `until` method is called on it.
    dormant: BTreeMap<Var, u32>,
    /// Variables holding a boolean constant on this path (`closed = true`), so that a later
    /// `if (!closed)` takes only its feasible side. Kept only while an obligation is open.
    flags: BTreeMap<Var, bool>,
    /// Variables holding `null`/`None` on this path (`err = sock = None`) among those a branch
    /// tests against it, so that `if err is not None: raise err` takes only its feasible side.
    /// Dropped at a branch where no obligation is open.
    nulls: BTreeSet<Var>,
    /// Whether `x == c` holds on this path, for the comparisons a function makes more than once
    /// (`if name == "-": f = sys.stdin else: f = open(name)` ... `if name != "-": f.close()`), so
    /// that the second test takes only the side the first one chose.
    known: BTreeMap<(Var, Const), bool>,
}

impl Path {
    fn ob(&self, o: &Operand) -> Option<u32> {
        match o {
            Operand::Var(v) => self.vals.get(v).copied(),
            _ => None,
        }
    }

    fn open_ob(&self, o: &Operand) -> Option<u32> {
        self.ob(o).filter(|id| self.open.contains_key(id))
    }
}

/// The dormant resource (an unconnected socket) an operand holds on a path.
fn dormant_of(p: &Path, o: &Operand) -> Option<u32> {
    match o {
        Operand::Var(v) => p.dormant.get(v).copied(),
        _ => None,
    }
}

/// The set of paths reaching a point.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    paths: BTreeSet<Path>,
}

#[derive(Debug, Clone)]
struct Ob {
    span: Span,
    kind: Kind,
    what: Arc<str>,
    wrapped: Vec<Arc<str>>,
    parent: Option<u32>,
    lock_path: Option<Arc<str>>,
    param: Option<u32>,
    /// Methods that make a dormant resource an obligation (`connect`, `bind`).
    until: Vec<Arc<str>>,
}

#[derive(Debug, Clone)]
enum Cond {
    /// `x == null` (`eq`) or `x != null`.
    Null { x: Var, eq: bool },
    /// `x == c` (`eq`) or `x != c` for a constant `c` other than null, `x` assigned once.
    Cmp { x: Var, c: Const, eq: bool },
    /// `lock.tryLock()`: held when true.
    TryLock { span: Span, path: Arc<str> },
}

struct Engine<'a> {
    run: &'a LeakRun<'a>,
    obs: Vec<Ob>,
    by_span: HashMap<(Span, bool), u32>,
    conds: HashMap<Var, Cond>,
    paths_of: HashMap<Var, Arc<str>>,
    /// Obligations bound by try-with-resources / `with`.
    managed_obs: HashSet<u32>,
    /// The dormant resource (an unconnected socket) the call being lowered returned.
    pending_dormant: Option<u32>,
    /// Temporaries loaded from a static field of a class (`FileDescriptor.in`): that class, as a
    /// guess of the value's type.
    static_of: HashMap<Var, Arc<str>>,
    /// Variables compared with `null` by a branch (and the variables copied into them).
    null_tested: HashSet<Var>,
    /// Comparisons `x == c` the function tests more than once (see [`Path::known`]).
    correlated: HashSet<(Var, Const)>,
    /// Variables known to hold a file object rather than a path: receivers of file methods,
    /// results of inert constructors (`io.BytesIO(...)`).
    file_like: HashSet<Var>,
    unlocked: HashSet<Arc<str>>,
    /// Locks the function releases before it takes them (`lock.unlock(); ...; lock.lock();`): it
    /// gives up its caller's hold for a while and takes it back, so what it takes is the caller's.
    restores: HashSet<Arc<str>>,
    /// Locks (access paths) held on some path where a `throw` leaves the function (final pass).
    held_at_throw: HashSet<Arc<str>>,
    report: bool,
    leaks: Vec<Leak>,
    too_many: bool,
    // Summary facts.
    param_kept: BTreeSet<u32>,
    param_open_at_return: BTreeSet<u32>,
    param_done_at_return: BTreeSet<u32>,
    returns_new: Option<Kind>,
    /// See [`LeakResult::held_calls`].
    held_calls: BTreeSet<(Arc<str>, Arc<str>)>,
}

/// What a search from a function's entry does at a call (see [`search_from_entry`]).
enum AtCall {
    /// Go on with the next instruction.
    Next,
    /// This path is decided: do not follow it further.
    Prune,
    /// The whole search is decided.
    Answer(bool),
}

/// Follow every path from `f`'s entry, each block's calls in order, until `at_call` answers; a
/// block whose path goes on is then given to `at_end` (its terminator), which may answer too.
/// `otherwise` when nothing answered.
fn search_from_entry(
    f: &Function,
    mut at_call: impl FnMut(&Call) -> AtCall,
    mut at_end: impl FnMut(&Block) -> Option<bool>,
    otherwise: bool,
) -> bool {
    let mut seen = vec![false; f.blocks.len()];
    let mut work = vec![BlockId(0)];
    'blocks: while let Some(b) = work.pop() {
        let Some(block) = f.block(b) else { continue };
        if std::mem::replace(&mut seen[b.index()], true) {
            continue;
        }
        for i in &block.insts {
            if let Inst::Assign {
                expr: Expr::Call(c),
                ..
            } = i
            {
                match at_call(c) {
                    AtCall::Next => {}
                    AtCall::Prune => continue 'blocks,
                    AtCall::Answer(a) => return a,
                }
            }
        }
        if let Some(a) = at_end(block) {
            return a;
        }
        work.extend(crate::cfg::successors(block));
    }
    otherwise
}

/// The rest of an access path from `this` (`""` for `this`, `".lock"` for `this.lock`).
fn receiver_field(path: &str) -> Option<&str> {
    path.strip_prefix("this")
        .filter(|rest| rest.is_empty() || rest.starts_with('.'))
}

fn simple(t: &str) -> &str {
    t.rsplit('.').next().unwrap_or(t)
}

fn describe_call(c: &Call) -> Arc<str> {
    let class = c.class.as_deref().map(simple).unwrap_or("");
    match c.kind {
        CallKind::Constructor => Arc::from(class),
        _ if class.is_empty() || c.on_this => Arc::from(format!("{}()", c.name)),
        _ => Arc::from(format!("{class}.{}()", c.name)),
    }
}

/// Access paths of variables (`this.lock`, `v3`, `this.rw.readLock()`), for matching `lock()` with
/// `unlock()` on the same object.
fn access_paths(f: &Function) -> HashMap<Var, Arc<str>> {
    let mut defs: HashMap<Var, Vec<&Expr>> = HashMap::new();
    for b in &f.blocks {
        for i in &b.insts {
            if let Inst::Assign {
                dst: Some(d), expr, ..
            } = i
            {
                defs.entry(*d).or_default().push(expr);
            }
        }
    }
    let mut out: HashMap<Var, Arc<str>> = HashMap::new();
    // A few rounds resolve chains (`t1 = this.rw; t2 = t1.readLock(); l = t2`).
    for _ in 0..4 {
        for (v, es) in &defs {
            if es.len() != 1 {
                continue;
            }
            let p: Option<String> = match es[0] {
                Expr::FieldLoad { base: None, field } => Some(format!("this.{field}")),
                Expr::FieldLoad {
                    base: Some(Operand::Var(b)),
                    field,
                } => out.get(b).map(|p| format!("{p}.{field}")),
                Expr::Use(Operand::Var(b)) => out.get(b).map(ToString::to_string),
                Expr::Call(c) if c.args.is_empty() && c.kind == CallKind::Virtual => {
                    match &c.receiver {
                        Some(Operand::Var(b)) => out.get(b).map(|p| format!("{p}.{}()", c.name)),
                        None if c.on_this => Some(format!("this.{}()", c.name)),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(p) = p {
                out.insert(*v, Arc::from(p));
            }
        }
    }
    out
}

impl<'a> Engine<'a> {
    fn new(run: &'a LeakRun<'a>, f: &Function) -> Self {
        let paths_of = access_paths(f);
        let mut e = Engine {
            run,
            obs: Vec::new(),
            by_span: HashMap::new(),
            conds: HashMap::new(),
            paths_of,
            static_of: HashMap::new(),
            null_tested: HashSet::new(),
            correlated: HashSet::new(),
            file_like: HashSet::new(),
            managed_obs: HashSet::new(),
            pending_dormant: None,
            unlocked: HashSet::new(),
            restores: HashSet::new(),
            held_at_throw: HashSet::new(),
            report: false,
            leaks: Vec::new(),
            too_many: false,
            param_kept: BTreeSet::new(),
            param_open_at_return: BTreeSet::new(),
            param_done_at_return: BTreeSet::new(),
            returns_new: None,
            held_calls: BTreeSet::new(),
        };
        e.prepass(f);
        e
    }

    /// A branch on `x == c` (`eq`) or `x != c`: where the path already decided the comparison,
    /// only the side it chose; else both sides, each remembering its answer.
    fn correlated_branch(
        mut p: Path,
        key: (Var, Const),
        eq: bool,
        then: BlockId,
        els: BlockId,
        out: &mut BTreeMap<BlockId, BTreeSet<Path>>,
    ) {
        match p.known.get(&key).copied() {
            Some(holds) => {
                let side = if holds == eq { then } else { els };
                out.entry(side).or_default().insert(p);
            }
            None => {
                let mut q = p.clone();
                q.known.insert(key.clone(), eq);
                p.known.insert(key, !eq);
                out.entry(then).or_default().insert(q);
                out.entry(els).or_default().insert(p);
            }
        }
    }

    fn path_of(&self, o: Option<&Operand>, on_this: bool) -> Option<Arc<str>> {
        match o {
            Some(Operand::Var(v)) => Some(
                self.paths_of
                    .get(v)
                    .cloned()
                    .unwrap_or_else(|| Arc::from(format!("v{}", v.0))),
            ),
            None if on_this => Some(Arc::from("this")),
            _ => None,
        }
    }

    fn prepass(&mut self, f: &Function) {
        let mut single: HashMap<Var, usize> = HashMap::new();
        for b in &f.blocks {
            for i in &b.insts {
                if let Inst::Assign { dst: Some(d), .. } = i {
                    *single.entry(*d).or_default() += 1;
                }
            }
        }
        let models = self.run.models;
        let mut copies: Vec<(Var, Var, bool)> = Vec::new();
        let mut cmps: Vec<(Var, Var, Const, bool)> = Vec::new();
        let mut nots: Vec<(Var, Var)> = Vec::new();
        for b in &f.blocks {
            for i in &b.insts {
                let Inst::Assign {
                    dst: Some(d), expr, ..
                } = i
                else {
                    continue;
                };
                match expr {
                    Expr::FieldLoad { base: None, field } => {
                        if let Some((class, _)) = field.rsplit_once('.') {
                            self.static_of.insert(*d, Arc::from(class));
                        }
                    }
                    Expr::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) => {
                        let x = match (l, r) {
                            (Operand::Var(x), Operand::Const(Const::Null))
                            | (Operand::Const(Const::Null), Operand::Var(x)) => Some(*x),
                            _ => None,
                        };
                        if let Some(x) = x {
                            self.null_tested.insert(x);
                            self.conds.insert(
                                *d,
                                Cond::Null {
                                    x,
                                    eq: *op == BinOp::Eq,
                                },
                            );
                        }
                        let cmp = match (l, r) {
                            (Operand::Var(x), Operand::Const(c))
                            | (Operand::Const(c), Operand::Var(x)) => Some((*x, c.clone())),
                            _ => None,
                        };
                        if let Some((x, c)) = cmp {
                            cmps.push((*d, x, c, *op == BinOp::Eq));
                        }
                    }
                    Expr::Call(c) => {
                        // Python's `x == "-"`, lowered as `x.__eq__("-")`.
                        if let (
                            "__eq__",
                            Some(Operand::Var(x)),
                            [Operand::Const(k @ Const::Str(_))],
                        ) = (c.name.as_ref(), &c.receiver, c.args.as_slice())
                        {
                            cmps.push((*d, *x, k.clone(), true));
                        }
                        if let Some(Operand::Var(r)) = &c.receiver {
                            if models.file_methods.contains(&c.name) {
                                self.file_like.insert(*r);
                            }
                        }
                        if c.kind == CallKind::Constructor
                            && c.class.as_deref().is_some_and(|t| models.is_inert(t))
                        {
                            self.file_like.insert(*d);
                        }
                        if let Some(a) =
                            models.acquisition(c.class.as_deref(), &c.name, c.args.len())
                        {
                            if a.when_true {
                                if let Some(p) = self.path_of(c.receiver.as_ref(), c.on_this) {
                                    self.conds.insert(
                                        *d,
                                        Cond::TryLock {
                                            span: c.span,
                                            path: p,
                                        },
                                    );
                                }
                            }
                        }
                    }
                    // The object itself (`ZipFile(self)` in a file-like class) is no path.
                    Expr::This => {
                        self.file_like.insert(*d);
                    }
                    Expr::Use(Operand::Var(s)) => {
                        copies.push((*d, *s, single.get(d) == Some(&1)));
                    }
                    Expr::Unary(UnOp::Not, Operand::Var(s)) => nots.push((*d, *s)),
                    _ => {}
                }
            }
        }
        // `not (x == c)` (Python's `x != "-"`): the same test, the other way.
        let negated: Vec<(Var, Var, Const, bool)> = nots
            .iter()
            .filter_map(|(d, s)| {
                cmps.iter()
                    .find(|(r, ..)| r == s)
                    .map(|(_, x, c, eq)| (*d, *x, c.clone(), !eq))
            })
            .collect();
        // Comparisons of a variable assigned once with the same constant, tested twice or more.
        let mut tests: HashMap<(Var, Const), usize> = HashMap::new();
        for (_, x, c, _) in &cmps {
            if single.get(x).copied().unwrap_or(0) <= 1 {
                *tests.entry((*x, c.clone())).or_default() += 1;
            }
        }
        // Branches on a boolean variable assigned once (`if (own)` ... `if (own)`).
        for b in &f.blocks {
            if let Terminator::Branch {
                cond: Operand::Var(v),
                ..
            } = &b.term
            {
                if single.get(v).copied().unwrap_or(0) <= 1 && !self.conds.contains_key(v) {
                    *tests.entry((*v, Const::Bool(true))).or_default() += 1;
                }
            }
        }
        for ((v, c), n) in &tests {
            if *c == Const::Bool(true) && *n >= 2 {
                self.correlated.insert((*v, Const::Bool(true)));
            }
        }
        for (d, x, c, eq) in cmps.into_iter().chain(negated) {
            let key = (x, c);
            if tests.get(&key).is_some_and(|n| *n >= 2) {
                // A null test keeps its own condition (it also decides what the variable holds).
                if key.1 != Const::Null {
                    self.conds.insert(
                        d,
                        Cond::Cmp {
                            x: key.0,
                            c: key.1.clone(),
                            eq,
                        },
                    );
                }
                self.correlated.insert(key);
            }
        }
        for (d, s, single) in &copies {
            if !*single {
                continue;
            }
            if let Some(c) = self.conds.get(s).cloned() {
                self.conds.entry(*d).or_insert(c);
            }
            if let Some(Cond::Null { x, .. }) = self.conds.get(d) {
                self.null_tested.insert(*x);
            }
        }
        // What a `with` statement binds is an object the language closes (a file, when a
        // path-or-file opener is given it).
        for b in &f.blocks {
            for i in &b.insts {
                if let Inst::Assign {
                    dst: Some(d), span, ..
                } = i
                {
                    if self.run.managed.contains(span) {
                        self.file_like.insert(*d);
                    }
                }
            }
        }
        for _ in 0..2 {
            for (d, s, _) in &copies {
                if self.file_like.contains(s) {
                    self.file_like.insert(*d);
                }
            }
        }
        // `err = sock = None` is lowered through a temporary: follow the copies into tested ones.
        for _ in 0..2 {
            for (d, s, _) in &copies {
                if self.null_tested.contains(d) {
                    self.null_tested.insert(*s);
                }
            }
        }
        for b in &f.blocks {
            for i in &b.insts {
                if let Inst::Assign {
                    expr: Expr::Call(c),
                    ..
                } = i
                {
                    if models.is_release(Kind::Lock, &c.name) {
                        if let Some(p) = self.path_of(c.receiver.as_ref(), c.on_this) {
                            self.unlocked.insert(p);
                        }
                    }
                }
            }
        }
        let unlocked: Vec<Arc<str>> = self.unlocked.iter().cloned().collect();
        for p in unlocked {
            if self.unlocks_before_locking(f, &p) {
                self.restores.insert(p);
            }
        }
    }

    /// Whether a path from the function's entry releases the lock at `path` before any call takes
    /// it.
    fn unlocks_before_locking(&self, f: &Function, path: &str) -> bool {
        let models = self.run.models;
        let on_path = |c: &Call| {
            self.path_of(c.receiver.as_ref(), c.on_this)
                .is_some_and(|p| &*p == path)
        };
        search_from_entry(
            f,
            |c| {
                if models.is_release(Kind::Lock, &c.name) && c.args.is_empty() && on_path(c) {
                    return AtCall::Answer(true);
                }
                let takes = models
                    .acquisition(c.class.as_deref(), &c.name, c.args.len())
                    .is_some_and(|a| a.kind == Kind::Lock);
                if takes && on_path(c) {
                    AtCall::Prune
                } else {
                    AtCall::Next
                }
            },
            |_| None,
            false,
        )
    }

    /// Whether the function releases a lock at `path` that it took itself (else a lock it takes is
    /// its caller's to release, or given back to the caller).
    fn releases_own(&self, path: &Arc<str>) -> bool {
        self.unlocked.contains(path) && !self.restores.contains(path)
    }

    /// Whether every path from the function's entry releases the lock at `path` before anything
    /// that can throw: any other call (except one modelled as not throwing under its type) or a
    /// `throw`. A path that returns without touching it throws nothing either.
    fn releases_before_throwing(&self, f: &Function, path: &str) -> bool {
        let models = self.run.models;
        search_from_entry(
            f,
            |c| {
                if models.is_release(Kind::Lock, &c.name)
                    && c.args.is_empty()
                    && self
                        .path_of(c.receiver.as_ref(), c.on_this)
                        .is_some_and(|p| &*p == path)
                {
                    AtCall::Prune
                } else if models.nothrow_by_type(c.class.as_deref(), &c.name) {
                    AtCall::Next
                } else {
                    AtCall::Answer(false)
                }
            },
            |block| matches!(block.term, Terminator::Throw(..)).then_some(false),
            true,
        )
    }

    /// The fact of [`LeakResult::released_on_throw`] (after the final pass).
    fn released_on_throw(&self, f: &Function) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = self
            .unlocked
            .iter()
            .filter(|p| {
                receiver_field(p).is_some()
                    && !self.held_at_throw.contains(*p)
                    && self.releases_before_throwing(f, p)
            })
            .cloned()
            .collect();
        out.sort();
        out
    }

    /// The caller's access path of a lock its callee names `callee_path` (from the callee's
    /// `this`): the same path for a call on `this`, else under the receiver's path when the
    /// caller knows it.
    fn caller_path(&self, c: &Call, callee_path: &str) -> Option<Arc<str>> {
        let rest = receiver_field(callee_path)?;
        match &c.receiver {
            None if c.on_this => Some(Arc::from(callee_path)),
            Some(Operand::Var(v)) => self
                .paths_of
                .get(v)
                .map(|r| Arc::from(format!("{r}{rest}"))),
            _ => None,
        }
    }

    fn ob_id(&mut self, span: Span, param: bool, make: impl FnOnce() -> Ob) -> u32 {
        if let Some(&id) = self.by_span.get(&(span, param)) {
            return id;
        }
        let id = u32::try_from(self.obs.len()).unwrap_or(u32::MAX);
        self.obs.push(make());
        self.by_span.insert((span, param), id);
        id
    }

    fn ob(&self, id: u32) -> Option<&Ob> {
        self.obs.get(id as usize)
    }

    /// Open `id` on the path (reporting the previous one when the same acquisition is still open).
    fn open(&mut self, p: &mut Path, id: u32) {
        if p.open.get(&id) == Some(&Mark::Normal) && self.report {
            if let Some(o) = self.ob(id).cloned() {
                // A lock this function never releases is handed to another (a worker waiting
                // for a job in a loop): not reported, as at the exits.
                let handed_off_lock = o.kind == Kind::Lock
                    && !o.lock_path.as_ref().is_some_and(|lp| self.releases_own(lp));
                if o.param.is_none() && !handed_off_lock {
                    self.record(&o, id, o.span, false, true, None);
                }
            }
        }
        p.open.insert(id, Mark::Normal);
    }

    /// Release (or hand off) `id`, its children, and (for an escape) its parent.
    fn discharge(&mut self, p: &mut Path, id: u32, escape: bool) {
        let mut work = vec![id];
        let mut seen = BTreeSet::new();
        while let Some(x) = work.pop() {
            if !seen.insert(x) {
                continue;
            }
            p.open.remove(&x);
            if escape {
                if let Some(pi) = self.ob(x).and_then(|o| o.param) {
                    self.param_kept.insert(pi);
                }
                if let Some(parent) = self.ob(x).and_then(|o| o.parent) {
                    work.push(parent);
                }
            }
            for (i, o) in self.obs.iter().enumerate() {
                if o.parent == Some(x) {
                    work.push(u32::try_from(i).unwrap_or(u32::MAX));
                }
            }
        }
        p.vals
            .retain(|_, v| !seen.contains(v) || p.open.contains_key(v));
    }

    fn escape_operand(&mut self, p: &mut Path, o: &Operand) {
        if let Some(id) = p.ob(o) {
            self.discharge(p, id, true);
        }
    }

    fn record(
        &mut self,
        o: &Ob,
        _id: u32,
        exit: Span,
        at_end: bool,
        reacquired: bool,
        throw_site: Option<Span>,
    ) {
        if !self.report || o.param.is_some() {
            return;
        }
        let leak = Leak {
            acquired: o.span,
            kind: o.kind,
            what: o.what.clone(),
            wrapped: o.wrapped.clone(),
            exit,
            at_end,
            reacquired,
            throw_site,
        };
        if !self.leaks.contains(&leak) {
            self.leaks.push(leak);
        }
    }

    /// The path as it is when `site` throws: open obligations get the exceptional mark. Held locks
    /// get it when `locks` (every call but one modelled as not throwing), other obligations when
    /// the site is `related` to them.
    fn thrown(&self, p: &Path, site: Span, related: bool, locks: bool) -> Path {
        let mut q = p.clone();
        for (id, m) in &mut q.open {
            let kind = self.ob(*id).map_or(Kind::Io, |o| o.kind);
            if *m != Mark::Normal {
                // Already on the path of an earlier exception (a handler running): an exception
                // that has nothing to do with the resource (`errors.append(e)` before the
                // `close()`) is not the earlier one's leak.
                if matches!(m, Mark::Exc(_)) && !related && kind != Kind::Lock {
                    *m = Mark::Unrelated;
                }
                continue;
            }
            *m = if (kind == Kind::Lock && locks) || (related && kind.reports_exceptional()) {
                Mark::Exc(site)
            } else {
                Mark::Unrelated
            };
        }
        q
    }

    /// Leaks of the path leaving the function at `exit` (a return, a throw, or a call that throws
    /// out of it).
    fn exit(&mut self, f: &Function, p: &Path, exit: Span, returned: bool) {
        for (id, m) in &p.open {
            let Some(o) = self.ob(*id).cloned() else {
                continue;
            };
            if let Some(pi) = o.param {
                if returned {
                    self.param_open_at_return.insert(pi);
                }
                continue;
            }
            if o.parent.is_some_and(|pid| p.open.contains_key(&pid)) {
                // Lost with its parent: one finding, at the parent.
                continue;
            }
            if !returned && self.report {
                if let Some(lp) = o.lock_path.as_ref().filter(|_| o.kind == Kind::Lock) {
                    self.held_at_throw.insert(lp.clone());
                }
            }
            if o.kind == Kind::Lock && !o.lock_path.as_ref().is_some_and(|lp| self.releases_own(lp))
            {
                // A method that only acquires (`void lock() { lock.lock(); }`) hands the lock to
                // its caller by design.
                continue;
            }
            let at_end = exit == f.span;
            match m {
                Mark::Normal if returned => self.record(&o, *id, exit, at_end, false, None),
                Mark::Normal => {
                    if o.kind.reports_exceptional() {
                        self.record(&o, *id, exit, false, false, Some(exit));
                    }
                }
                Mark::Exc(s) => self.record(&o, *id, exit, at_end, false, Some(*s)),
                Mark::Unrelated => {}
            }
        }
        if returned {
            for o in &self.obs {
                if let Some(pi) = o.param {
                    if !p
                        .open
                        .keys()
                        .any(|id| self.ob(*id).and_then(|x| x.param) == Some(pi))
                    {
                        self.param_done_at_return.insert(pi);
                    }
                }
            }
        }
    }

    fn is_string(f: &Function, o: &Operand) -> bool {
        match o {
            Operand::Const(Const::Str(_)) => true,
            Operand::Var(v) => f
                .local(*v)
                .and_then(|l| l.ty.as_deref())
                .is_some_and(|t| t == "java.lang.String" || t == "str"),
            _ => false,
        }
    }

    /// Whether an argument is a file object rather than a path: a resource this function opened, a
    /// value it calls file methods on, or a value of an inert or resource type.
    fn is_file_object(&self, f: &Function, p: &Path, o: &Operand) -> bool {
        let Operand::Var(v) = o else { return false };
        // A resource of the function, open or bound by `with`.
        if p.ob(o)
            .is_some_and(|id| self.ob(id).is_some_and(|x| x.param.is_none()))
            || self.file_like.contains(v)
        {
            return true;
        }
        let models = self.run.models;
        f.local(*v)
            .and_then(|l| l.ty.as_deref())
            .is_some_and(|t| models.is_inert(t))
    }

    fn arg_matches(&self, f: &Function, o: &Operand, types: &[Arc<str>]) -> bool {
        if types.is_empty() {
            return true;
        }
        match o {
            Operand::Const(Const::Str(_)) => types.iter().any(|t| &**t == "java.lang.String"),
            Operand::Var(v) => f
                .local(*v)
                .and_then(|l| l.ty.clone())
                .or_else(|| self.static_of.get(v).cloned())
                .is_some_and(|t| types.contains(&t)),
            _ => false,
        }
    }

    /// Effects of a call on one path. Returns the obligation the result holds, if any.
    #[expect(
        clippy::too_many_lines,
        reason = "one place for every call effect, in order"
    )]
    fn call(
        &mut self,
        f: &Function,
        c: &Call,
        p: &mut Path,
        exc: &mut BTreeSet<Path>,
        has_handlers: bool,
    ) -> Option<u32> {
        let models = self.run.models;
        if !p.open.is_empty() {
            if let Some(class) = &c.class {
                self.held_calls.insert((class.clone(), c.name.clone()));
            }
        }
        let recv_ob = c.receiver.as_ref().and_then(|r| p.open_ob(r));
        let arg_obs: Vec<(usize, u32)> = c
            .args
            .iter()
            .enumerate()
            .filter_map(|(i, a)| p.open_ob(a).map(|id| (i, id)))
            .collect();
        // A dormant resource (an unconnected socket) passed to a call leaves the method's hands.
        for a in &c.args {
            if let Some(id) = dormant_of(p, a) {
                p.dormant.retain(|_, x| *x != id);
            }
        }
        let acq = models
            .acquisitions(c.class.as_deref(), &c.name, c.args.len())
            .into_iter()
            .find(|a| {
                let first = c.args.first();
                (a.arg0.is_empty() || first.is_some_and(|x| self.arg_matches(f, x, &a.arg0)))
                    && !(first.is_some_and(|x| {
                        !a.arg0_not.is_empty() && self.arg_matches(f, x, &a.arg0_not)
                    }))
            });
        // A path-or-file opener given a file object wraps the caller's object: it owns nothing.
        let file_arg = acq.is_some_and(|a| a.file_or_path)
            && c.args.first().is_some_and(|x| self.is_file_object(f, p, x));
        let acq = acq.filter(|_| !file_arg);
        let wrapper = (c.kind == CallKind::Constructor && !file_arg)
            .then(|| c.class.as_deref().and_then(|t| models.wrappers.get(t)))
            .flatten()
            .copied();
        let wraps = wrapper.is_some() && arg_obs.iter().any(|(i, _)| *i == 0);
        let throwing_wrapper = wraps
            && match wrapper {
                Some(Throws::Always) => true,
                Some(Throws::StringArg(i)) => c.args.get(i).is_some_and(|a| Self::is_string(f, a)),
                _ => false,
            };
        let is_release = recv_ob.is_some_and(|id| {
            self.ob(id)
                .is_some_and(|o| models.is_release(o.kind, &c.name))
        });
        let is_unlock = models.is_release(Kind::Lock, &c.name) && c.args.is_empty();
        let is_closer =
            !arg_obs.is_empty() && models.has(&models.closers, c.class.as_deref(), &c.name);
        let summary = self.run.callees.summary(c, f);
        let releasing = is_release || is_unlock || is_closer;
        let is_lambda = c.name.starts_with("lambda$");
        let borrows_all = recv_ob.is_some()
            || models.has(&models.borrowers, c.class.as_deref(), &c.name)
            || (c.kind == CallKind::Virtual
                && c.class
                    .as_deref()
                    .is_some_and(|t| models.is_resource_type(t)));
        // Exceptions: the state at the call (arguments evaluated, nothing done yet). A release that
        // throws still counts as done (its state is sent to the handlers after the release). A call
        // throws "because of" a resource when it uses one it does not take over (a read, a borrowing
        // call), opens one, or is a wrapper constructor that can throw.
        // A parameter of the function (a resource only possibly) passed along does not make the
        // call one that throws because of a resource.
        let borrowed_arg = arg_obs.iter().any(|(i, id)| {
            !(wraps && *i == 0)
                && self.ob(*id).is_some_and(|o| o.param.is_none())
                && (file_arg && *i == 0
                    || match &summary {
                        Some(s) => s.params.get(*i) == Some(&ParamEffect::Borrows),
                        None => borrows_all,
                    })
        });
        // A method listed as not throwing (`getChannel()`) does not, even when it opens a child.
        let nothrow = models.has(&models.nothrow, c.class.as_deref(), &c.name);
        let uses = recv_ob.is_some() || borrowed_arg;
        let related = !is_lambda
            && !nothrow
            && (uses || acq.is_some_and(|a| !a.when_true && !a.on_receiver) || throwing_wrapper)
            && summary.as_ref().is_none_or(|s| s.may_throw);
        if !releasing && !is_lambda {
            // A method modelled as not throwing under its type (`Condition.signal()`, which
            // throws only when its lock is not held) does not lose a held lock.
            let locks = !models.nothrow_by_type(c.class.as_deref(), &c.name);
            let mut q = self.thrown(p, c.span, related, locks);
            if let Some(id) = recv_ob
                .filter(|_| models.has(&models.closes_on_failure, c.class.as_deref(), &c.name))
            {
                q.open.remove(&id);
                q.vals.retain(|_, v| *v != id);
            }
            // A callee that lets go of the caller's lock before it can throw: its exception
            // leaves the lock released.
            if q.open
                .keys()
                .any(|id| self.ob(*id).is_some_and(|o| o.kind == Kind::Lock))
            {
                for lp in self.run.callees.released_on_throw(c, f) {
                    let Some(lp) = self.caller_path(c, &lp) else {
                        continue;
                    };
                    q.open.retain(|id, _| {
                        self.ob(*id).is_none_or(|o| {
                            o.kind != Kind::Lock || o.lock_path.as_ref() != Some(&lp)
                        })
                    });
                }
            }
            if has_handlers {
                exc.insert(q);
            } else if self.report {
                self.throws_out(p, &q);
            }
        }
        // `s.connect(..)` on an unconnected socket: from here on it is an obligation (a failed
        // `connect` closes the socket: the exceptional state above does not hold it).
        if let Some(id) = c.receiver.as_ref().and_then(|r| dormant_of(p, r)) {
            if self
                .ob(id)
                .is_some_and(|o| o.until.iter().any(|m| **m == *c.name))
            {
                let vars: Vec<Var> = p
                    .dormant
                    .iter()
                    .filter(|(_, x)| **x == id)
                    .map(|(v, _)| *v)
                    .collect();
                p.dormant.retain(|_, x| *x != id);
                self.open(p, id);
                for v in vars {
                    p.vals.insert(v, id);
                }
                return None;
            }
        }
        if releasing {
            let r = self.release(c, p, recv_ob, is_release, is_unlock, &arg_obs);
            if has_handlers {
                exc.insert(self.thrown(p, c.span, false, true));
            }
            return r;
        }
        // Wrapping: the wrapper is the same obligation as the wrapped value.
        if wraps {
            let inner = arg_obs.iter().find(|(i, _)| *i == 0).map(|(_, id)| *id);
            for (i, id) in &arg_obs {
                if *i != 0 {
                    self.discharge(p, *id, true);
                }
            }
            if let (Some(id), Some(t)) = (inner, c.class.as_deref()) {
                if let Some(o) = self.obs.get_mut(id as usize) {
                    let w: Arc<str> = Arc::from(simple(t));
                    if !o.wrapped.contains(&w) && o.wrapped.len() < 4 {
                        o.wrapped.push(w);
                    }
                }
            }
            return inner;
        }
        // Arguments: borrowed, closed or kept by the callee.
        for (i, id) in &arg_obs {
            let effect = match &summary {
                _ if file_arg && *i == 0 => ParamEffect::Borrows,
                Some(s) => {
                    let e = s.params.get(*i).copied().unwrap_or(ParamEffect::Keeps);
                    if is_lambda && e == ParamEffect::Closes {
                        ParamEffect::Keeps
                    } else {
                        e
                    }
                }
                None if borrows_all => ParamEffect::Borrows,
                None if is_lambda => ParamEffect::Borrows,
                None => ParamEffect::Keeps,
            };
            match effect {
                ParamEffect::Borrows => {}
                ParamEffect::Closes => self.discharge(p, *id, false),
                ParamEffect::Keeps => self.discharge(p, *id, true),
            }
        }
        if recv_ob.is_some() && models.has(&models.views, c.class.as_deref(), &c.name) {
            return recv_ob;
        }
        if models.has(&models.returns_arg0, c.class.as_deref(), &c.name) {
            return c.args.first().and_then(|a| p.open_ob(a));
        }
        // Acquisitions.
        if let Some(a) = acq {
            let owned_parent =
                recv_ob.is_some_and(|id| self.ob(id).is_some_and(|o| o.param.is_none()));
            let managed_parent = c
                .receiver
                .as_ref()
                .and_then(|r| p.ob(r))
                .is_some_and(|id| self.managed_obs.contains(&id));
            if a.when_true || (a.child && !owned_parent && !managed_parent) {
                // A child of a resource this method does not own (a statement of a connection
                // field) is released with its parent by the parent's owner.
                return None;
            }
            let parent = if a.child { recv_ob } else { None };
            let lock_path = if a.on_receiver {
                self.path_of(c.receiver.as_ref(), c.on_this)
            } else {
                None
            };
            let what = if a.on_receiver {
                lock_path.as_deref().map_or_else(
                    || describe_call(c),
                    |lp| Arc::from(lp.trim_start_matches("this.")),
                )
            } else {
                describe_call(c)
            };
            let kind = a.kind;
            let until = a.until.clone();
            let dormant = !until.is_empty();
            let id = self.ob_id(c.span, false, || Ob {
                span: c.span,
                kind,
                what,
                wrapped: Vec::new(),
                parent,
                lock_path,
                param: None,
                until,
            });
            if dormant {
                self.pending_dormant = Some(id);
                return None;
            }
            self.open(p, id);
            return (!a.on_receiver).then_some(id);
        }
        if let Some(kind) = summary.as_ref().and_then(|s| s.returns) {
            if !is_lambda && !file_arg {
                let what = describe_call(c);
                let id = self.ob_id(c.span, false, || Ob {
                    span: c.span,
                    kind,
                    what,
                    wrapped: Vec::new(),
                    parent: None,
                    lock_path: None,
                    param: None,
                    until: Vec::new(),
                });
                self.open(p, id);
                return Some(id);
            }
        }
        None
    }

    /// Leaks of a path that leaves the function by an exception thrown at a call.
    fn throws_out(&mut self, before: &Path, q: &Path) {
        for (id, m) in &q.open {
            let (Mark::Exc(s), Some(o)) = (m, self.ob(*id).cloned()) else {
                continue;
            };
            if before.open.get(id) != Some(&Mark::Normal)
                || o.parent.is_some_and(|pid| q.open.contains_key(&pid))
            {
                // Already on an exceptional path (reported where that path leaves), or lost with
                // its parent.
                continue;
            }
            if o.kind == Kind::Lock && !o.lock_path.as_ref().is_some_and(|lp| self.releases_own(lp))
            {
                continue;
            }
            self.record(&o, *id, *s, false, false, Some(*s));
        }
    }

    fn release(
        &mut self,
        c: &Call,
        p: &mut Path,
        recv_ob: Option<u32>,
        is_release: bool,
        is_unlock: bool,
        arg_obs: &[(usize, u32)],
    ) -> Option<u32> {
        if is_release {
            if let Some(id) = recv_ob {
                self.discharge(p, id, false);
            }
            return None;
        }
        if is_unlock {
            if let Some(path) = self.path_of(c.receiver.as_ref(), c.on_this) {
                let held: Vec<u32> = p
                    .open
                    .keys()
                    .copied()
                    .filter(|id| {
                        self.ob(*id).is_some_and(|o| {
                            o.kind == Kind::Lock && o.lock_path.as_ref() == Some(&path)
                        })
                    })
                    .collect();
                for id in held {
                    self.discharge(p, id, false);
                }
            }
            return None;
        }
        for (_, id) in arg_obs {
            self.discharge(p, *id, false);
        }
        None
    }

    fn inst(
        &mut self,
        f: &Function,
        inst: &Inst,
        p: &mut Path,
        exc: &mut BTreeSet<Path>,
        has_handlers: bool,
    ) {
        match inst {
            Inst::Assign { dst, expr, span } => {
                if let Some(d) = dst {
                    // A new value (the next iteration of a loop): what was known of it is not.
                    if !p.known.is_empty() {
                        p.known.retain(|(v, _), _| v != d);
                    }
                    match expr {
                        Expr::Use(Operand::Const(Const::Bool(b))) if !p.open.is_empty() => {
                            p.flags.insert(*d, *b);
                        }
                        Expr::Use(Operand::Var(s)) if p.flags.contains_key(s) => {
                            let b = p.flags.get(s).copied().unwrap_or(false);
                            p.flags.insert(*d, b);
                        }
                        _ => {
                            p.flags.remove(d);
                        }
                    }
                    let null = match expr {
                        Expr::Use(Operand::Const(Const::Null)) => true,
                        Expr::Use(Operand::Var(s)) => p.nulls.contains(s),
                        _ => false,
                    };
                    if null && self.null_tested.contains(d) {
                        p.nulls.insert(*d);
                    } else {
                        p.nulls.remove(d);
                    }
                }
                let held = match expr {
                    Expr::Use(o) => p.open_ob(o),
                    Expr::Call(c) => self.call(f, c, p, exc, has_handlers),
                    Expr::ArrayNew(elems) => {
                        for e in elems {
                            self.escape_operand(p, e);
                        }
                        None
                    }
                    Expr::Param(i) => self.param(f, *i, *span, p),
                    _ => None,
                };
                let dormant = match expr {
                    Expr::Use(o) => dormant_of(p, o),
                    _ => self.pending_dormant.take(),
                };
                if let Some(d) = dst {
                    p.dormant.remove(d);
                    if let Some(id) = dormant {
                        if !self.run.handed_off.contains(span) && !self.run.managed.contains(span) {
                            p.dormant.insert(*d, id);
                        }
                    }
                }
                if self.run.handed_off.contains(span) {
                    if let Some(id) = held {
                        self.discharge(p, id, true);
                    }
                }
                if self.run.managed.contains(span) {
                    if let Some(d) = dst {
                        p.vals.remove(d);
                    }
                    if let Some(id) = held {
                        self.discharge(p, id, false);
                        // The variable still names the (managed) resource: what it creates
                        // (a statement of a connection) is the method's to close.
                        self.managed_obs.insert(id);
                        if let Some(d) = dst {
                            p.vals.insert(*d, id);
                        }
                    }
                    return;
                }
                if let Some(d) = dst {
                    match held {
                        Some(id) if p.open.contains_key(&id) => {
                            p.vals.insert(*d, id);
                        }
                        _ => {
                            p.vals.remove(d);
                        }
                    }
                }
            }
            Inst::FieldStore { value, .. } | Inst::ArrayStore { value, .. } => {
                if let Some(id) = dormant_of(p, value) {
                    p.dormant.retain(|_, x| *x != id);
                }
                self.escape_operand(p, value);
            }
        }
    }

    fn param(&mut self, f: &Function, i: u32, span: Span, p: &mut Path) -> Option<u32> {
        let ty = f.params.get(i as usize).and_then(|x| x.ty.clone())?;
        if !self.run.models.is_resource_type(&ty) {
            return None;
        }
        let id = self.ob_id(span, true, || Ob {
            span,
            kind: Kind::Io,
            what: Arc::from(simple(&ty)),
            wrapped: Vec::new(),
            parent: None,
            lock_path: None,
            param: Some(i),
            until: Vec::new(),
        });
        p.open.insert(id, Mark::Normal);
        Some(id)
    }

    /// Path states for the successors of the block's terminator.
    fn terminate(
        &mut self,
        f: &Function,
        block: &Block,
        mut p: Path,
        out: &mut BTreeMap<BlockId, BTreeSet<Path>>,
        exc: &mut BTreeSet<Path>,
    ) {
        match &block.term {
            Terminator::Goto(b) => {
                out.entry(*b).or_default().insert(p);
            }
            Terminator::Branch {
                cond, then, els, ..
            } => {
                let c = match cond {
                    Operand::Var(v) => self.conds.get(v).cloned(),
                    _ => None,
                };
                if p.open.is_empty() {
                    p.nulls.clear();
                }
                match c {
                    Some(Cond::Null { x, eq }) if p.nulls.contains(&x) => {
                        // Still null on this path: only the null side is feasible.
                        let null_side = if eq { *then } else { *els };
                        out.entry(null_side).or_default().insert(p);
                    }
                    // A variable holding no resource tested against null twice (`if own:` ... `if
                    // own:`): a correlated comparison.
                    Some(Cond::Null { x, eq })
                        if !p.vals.contains_key(&x)
                            && self.correlated.contains(&(x, Const::Null)) =>
                    {
                        Self::correlated_branch(p, (x, Const::Null), eq, *then, *els, out);
                    }
                    Some(Cond::Null { x, eq }) => {
                        let (null_side, other) = if eq { (*then, *els) } else { (*els, *then) };
                        let mut q = p.clone();
                        if let Some(id) = q.vals.get(&x).copied() {
                            // The value is null on this side: nothing was acquired.
                            q.open.remove(&id);
                            q.vals.retain(|_, v| *v != id);
                        }
                        out.entry(null_side).or_default().insert(q);
                        out.entry(other).or_default().insert(p);
                    }
                    Some(Cond::Cmp { x, c, eq }) => {
                        Self::correlated_branch(p, (x, c), eq, *then, *els, out);
                    }
                    Some(Cond::TryLock { span, path }) => {
                        let mut q = p.clone();
                        let what: Arc<str> = Arc::from(path.trim_start_matches("this."));
                        let id = self.ob_id(span, false, || Ob {
                            span,
                            kind: Kind::Lock,
                            what,
                            wrapped: Vec::new(),
                            parent: None,
                            lock_path: Some(path.clone()),
                            param: None,
                            until: Vec::new(),
                        });
                        self.open(&mut q, id);
                        out.entry(*then).or_default().insert(q);
                        out.entry(*els).or_default().insert(p);
                    }
                    None if matches!(cond, Operand::Var(v)
                        if self.correlated.contains(&(*v, Const::Bool(true)))) =>
                    {
                        if let Operand::Var(v) = cond {
                            Self::correlated_branch(
                                p,
                                (*v, Const::Bool(true)),
                                true,
                                *then,
                                *els,
                                out,
                            );
                        }
                    }
                    None => {
                        let known = match cond {
                            Operand::Var(v) => p.flags.get(v).copied(),
                            Operand::Const(Const::Bool(b)) => Some(*b),
                            _ => None,
                        };
                        if p.open.is_empty() {
                            p.flags.clear();
                        }
                        match known {
                            Some(true) => {
                                out.entry(*then).or_default().insert(p);
                            }
                            Some(false) => {
                                out.entry(*els).or_default().insert(p);
                            }
                            None => {
                                out.entry(*then).or_default().insert(p.clone());
                                out.entry(*els).or_default().insert(p);
                            }
                        }
                    }
                }
            }
            Terminator::Switch { cases, default, .. } => {
                for (_, b) in cases {
                    out.entry(*b).or_default().insert(p.clone());
                }
                out.entry(*default).or_default().insert(p);
            }
            Terminator::Return(v, span) => {
                if let Some(o) = v {
                    if let Some(id) = p.open_ob(o) {
                        if self.ob(id).is_some_and(|x| x.param.is_none()) {
                            let k = self.ob(id).map(|x| x.kind);
                            self.returns_new = self.returns_new.or(k);
                        }
                        self.discharge(&mut p, id, true);
                    }
                }
                if self.report || !self.obs.is_empty() {
                    self.exit(f, &p, *span, true);
                }
            }
            Terminator::Throw(v, span) => {
                self.escape_operand(&mut p, v);
                let q = self.thrown(&p, *span, true, true);
                if block.handlers.is_empty() {
                    self.exit(f, &q, *span, false);
                } else {
                    exc.insert(q);
                }
            }
            Terminator::Unreachable => {}
        }
    }
}

impl Analysis for Engine<'_> {
    type State = State;

    fn entry_state(&self, _f: &Function) -> State {
        let mut s = State::default();
        s.paths.insert(Path::default());
        s
    }

    fn join(&self, into: &mut State, other: &State) {
        into.paths.extend(other.paths.iter().cloned());
    }

    fn exceptional(&self, _entry: &State, _exit: &State) -> Option<State> {
        None
    }

    fn transfer(
        &mut self,
        f: &Function,
        _id: BlockId,
        block: &Block,
        state: &mut State,
        out: &mut Vec<(BlockId, State)>,
    ) {
        let has_handlers = !block.handlers.is_empty();
        let mut succ: BTreeMap<BlockId, BTreeSet<Path>> = BTreeMap::new();
        let mut exc: BTreeSet<Path> = BTreeSet::new();
        let mut exits = BTreeSet::new();
        for p in &state.paths {
            let mut p = p.clone();
            for inst in &block.insts {
                self.inst(f, inst, &mut p, &mut exc, has_handlers);
            }
            exits.insert(p.clone());
            self.terminate(f, block, p, &mut succ, &mut exc);
        }
        let cap = |set: BTreeSet<Path>, too_many: &mut bool| -> BTreeSet<Path> {
            if set.len() > MAX_PATHS {
                *too_many = true;
                set.into_iter().take(MAX_PATHS).collect()
            } else {
                set
            }
        };
        for (b, paths) in succ {
            let paths = cap(paths, &mut self.too_many);
            out.push((b, State { paths }));
        }
        if !exc.is_empty() {
            let exc = cap(exc, &mut self.too_many);
            // Handlers are listed innermost first: the catch clauses, then the `finally` (which
            // rethrows to the outer handlers itself), then the outer handlers. An exception reaches
            // a catch or the innermost `finally`, not an outer handler past that `finally`.
            for &h in &block.handlers {
                out.push((h, State { paths: exc.clone() }));
                if !is_catch(f, h) {
                    break;
                }
            }
        }
        state.paths = exits;
    }
}

/// Whether a handler block is a catch clause (it starts by binding the caught exception).
fn is_catch(f: &Function, h: BlockId) -> bool {
    f.block(h).is_some_and(|b| {
        matches!(
            b.insts.first(),
            Some(Inst::Assign {
                expr: Expr::CaughtException,
                ..
            })
        )
    })
}

/// Whether a function can acquire anything (else the analysis is skipped, unless a parameter is a
/// resource and a summary is wanted).
fn may_acquire(f: &Function, run: &LeakRun<'_>) -> bool {
    f.blocks.iter().flat_map(|b| &b.insts).any(|i| match i {
        Inst::Assign {
            expr: Expr::Call(c),
            ..
        } => {
            run.models
                .acquisition(c.class.as_deref(), &c.name, c.args.len())
                .is_some()
                || run
                    .callees
                    .summary(c, f)
                    .is_some_and(|s| s.returns.is_some())
        }
        _ => false,
    }) || f.params.iter().any(|p| {
        p.ty.as_deref()
            .is_some_and(|t| run.models.is_resource_type(t))
    })
}

/// Whether a function calls a lock's release method (`unlock()`).
fn releases_a_lock(f: &Function, models: &ResourceModels) -> bool {
    f.blocks.iter().flat_map(|b| &b.insts).any(|i| {
        matches!(i, Inst::Assign { expr: Expr::Call(c), .. }
            if c.args.is_empty() && models.is_release(Kind::Lock, &c.name))
    })
}

fn may_throw(f: &Function) -> bool {
    f.blocks.iter().any(|b| {
        b.handlers.is_empty()
            && (matches!(b.term, Terminator::Throw(..))
                || b.insts.iter().any(|i| {
                    matches!(
                        i,
                        Inst::Assign {
                            expr: Expr::Call(_),
                            ..
                        }
                    )
                }))
    })
}

/// Analyze one function: its leaks and its summary.
#[must_use]
pub fn analyze(f: &Function, run: &LeakRun<'_>) -> LeakResult {
    let mut result = LeakResult {
        summary: LeakSummary {
            // Parameters the analysis does not follow (not of a resource type) may keep anything.
            params: vec![ParamEffect::Keeps; f.params.len()],
            returns: None,
            may_throw: may_throw(f),
        },
        ..LeakResult::default()
    };
    if !may_acquire(f, run) {
        // A method that only lets go of a lock (`lock.unlock(); wait(); ...`) takes nothing back.
        if releases_a_lock(f, run.models) {
            result.released_on_throw = Engine::new(run, f).released_on_throw(f);
        }
        return result;
    }
    let mut e = Engine::new(run, f);
    let states = match solve_leaks(f, &mut e, run.budget) {
        Ok(s) => s,
        Err(BudgetExceeded) => {
            result.gave_up = true;
            return result;
        }
    };
    // Final pass: report from the fixpoint states.
    e.report = true;
    e.param_kept.clear();
    e.param_open_at_return.clear();
    e.param_done_at_return.clear();
    e.returns_new = None;
    let mut out = Vec::new();
    for (i, block) in f.blocks.iter().enumerate() {
        let Some(Some(st)) = states.get(i) else {
            continue;
        };
        let mut st = st.clone();
        let id = BlockId(u32::try_from(i).unwrap_or(u32::MAX));
        e.transfer(f, id, block, &mut st, &mut out);
        out.clear();
    }
    if e.too_many {
        result.gave_up = true;
        return result;
    }
    let seeded: BTreeSet<u32> = e.obs.iter().filter_map(|o| o.param).collect();
    for (i, eff) in result.summary.params.iter_mut().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        *eff = if !seeded.contains(&i) || e.param_kept.contains(&i) {
            ParamEffect::Keeps
        } else if e.param_open_at_return.contains(&i) {
            if e.param_done_at_return.contains(&i) {
                ParamEffect::Keeps
            } else {
                ParamEffect::Borrows
            }
        } else if e.param_done_at_return.contains(&i) {
            ParamEffect::Closes
        } else {
            ParamEffect::Borrows
        };
    }
    result.summary.returns = e.returns_new;
    result.released_on_throw = e.released_on_throw(f);
    result.held_calls = std::mem::take(&mut e.held_calls);
    // One leak per acquisition: normal paths first, then the first exceptional one.
    let mut by_acq: BTreeMap<(u32, u32), Leak> = BTreeMap::new();
    for l in e.leaks {
        let k = (l.acquired.start, l.acquired.end);
        match by_acq.get(&k) {
            Some(old) if old.throw_site.is_none() => {}
            Some(old) if l.throw_site.is_some() && old.throw_site <= l.throw_site => {}
            _ => {
                by_acq.insert(k, l);
            }
        }
    }
    result.leaks = by_acq.into_values().collect();
    result
}

fn solve_leaks(
    f: &Function,
    e: &mut Engine<'_>,
    budget: usize,
) -> Result<Vec<Option<State>>, BudgetExceeded> {
    let states = solve(f, e, budget)?;
    if e.too_many {
        return Err(BudgetExceeded);
    }
    Ok(states)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(prefix: &str) -> ResourceModels {
        let files: Vec<(&str, &str)> = vigil_core::builtin::model_files()
            .iter()
            .filter(|(p, _)| p.starts_with(prefix) && is_resource_model_file(p))
            .copied()
            .collect();
        assert!(!files.is_empty(), "no resource models for {prefix}");
        ResourceModels::load(&files).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn builtin_resource_models_load() {
        let java = builtin("java/");
        assert!(java.knows("java.io.FileInputStream"));
        assert!(java.is_inert("java.io.ByteArrayInputStream"));
        assert!(java.is_resource_type("java.io.InputStream"));
        // Lock-held calls: only entries naming a type count as not throwing.
        assert!(java.nothrow_by_type(Some("java.util.concurrent.locks.Condition"), "signalAll"));
        assert!(!java.nothrow_by_type(Some("java.util.concurrent.locks.Condition"), "await"));
        assert!(java.has(&java.nothrow, Some("java.lang.Object"), "toString"));
        assert!(!java.nothrow_by_type(Some("java.lang.Object"), "toString"));
        let python = builtin("python/");
        assert!(python.is_inert("io.StringIO"));
        assert!(python
            .acquisition(Some("builtins"), "open", 1)
            .is_some_and(|a| a.kind == Kind::Io));
    }

    #[test]
    fn unknown_kinds_and_fields_are_errors() {
        let bad = "library: x\nacquire:\n  - kind: nope\n    types: [a.B]\n    methods: [c]\n";
        assert!(ResourceModels::load(&[("bad.yaml", bad)]).is_err());
        let bad = "library: x\nbogus: 1\n";
        let e = ResourceModels::load(&[("bad2.yaml", bad)]).expect_err("unknown field");
        assert!(e.to_string().contains("bad2.yaml"), "{e}");
        let no_release = "library: x\nacquire:\n  - kind: io\n    types: [a.B]\n    methods: [c]\n";
        assert!(ResourceModels::load(&[("r.yaml", no_release)]).is_err());
    }
}
