//! Taint models as data: sources, propagators, sanitizers, sinks, guards and container semantics of
//! library methods, one YAML file per library (`rules/<lang>/models/<library>.yaml`).
//!
//! A method is named by the types that declare it (fully qualified; `"*"` = any receiver, even of
//! unknown type) and its simple name; `supertypes:` lets an entry written for `java.sql.Statement`
//! apply to a `PreparedStatement` receiver. See `docs/dataflow.md` for the format.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use vigil_core::RuleError;

/// Where a value enters or leaves a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Receiver,
    Return,
    Arg(usize),
    /// Every argument.
    Args,
}

fn parse_pos(s: &str) -> Option<Pos> {
    match s {
        "receiver" => Some(Pos::Receiver),
        "return" => Some(Pos::Return),
        "args" => Some(Pos::Args),
        _ => s
            .strip_prefix("arg")
            .and_then(|n| n.parse().ok())
            .map(Pos::Arg),
    }
}

/// What a container method does (receiver = the container).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContainerOp {
    /// `put(key, value)`, `set(index, value)`: store arg1 under the key arg0.
    StoreKey,
    /// `get(key)`, `get(index)`, `remove(key)`: read the element under arg0.
    LoadKey,
    /// `add(value)`: append at the end (index = current length when known).
    Append,
    /// `add(index, value)`: insert at an index, shifting later elements.
    Insert,
    /// `remove(index)` on a list: read and remove, shifting later elements.
    RemoveIndex,
    /// `iterator()`, `values()`, `stream()`, `toArray()`, `next()`: read any element.
    LoadAll,
    /// `addAll(c)`, `putAll(m)`: store every element of arg0.
    StoreAll,
    /// `clear()`.
    Clear,
}

/// The effect of a modelled method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The return value is untrusted input, already safe for the kinds in `safe_for` (e.g. a raw
    /// request URI is percent-encoded: no line breaks for log or header injection).
    Source {
        safe_for: u64,
        /// A source declared with `only:` (e.g. a predictable random value): it matters only for the
        /// listed kinds, and those kinds ignore every other source.
        restricted: bool,
    },
    /// The return value is the (receiver and arguments') taint, cleansed for `kinds` (`None` = all).
    /// With `when`, only if argument `.0` is a constant containing one of the strings `.1`
    /// (`s.replaceAll("[\r\n]", "")`).
    Sanitizer {
        kinds: Option<u64>,
        when: Option<(usize, Vec<Arc<str>>)>,
    },
    /// Tainted data at `args` reaches a dangerous call of `kind` (a rule name such as `sql-injection`).
    Sink { kind: u32, args: Vec<Pos> },
    /// Taint moves from `from` to `to`, becoming safe for the kinds in `kinds` on the way
    /// (`oos.writeObject(s)`: the serialized form of a value is no deserialization payload). On a
    /// constructor, `to: [return, arg0]` makes the new object a wrapper of arg0: what is written
    /// to it reaches arg0 (`new ObjectOutputStream(bytes)`).
    Propagator {
        from: Vec<Pos>,
        to: Vec<Pos>,
        kinds: u64,
    },
    /// A boolean check that, when true (or false if `negated`), makes `target` safe for `kinds`.
    /// With `other_const`, only when the other operand (`arg0` for a receiver target, the receiver
    /// otherwise) is a constant (`x.equals("admin")`).
    Guard {
        target: Pos,
        kinds: Option<u64>,
        negated: bool,
        other_const: bool,
    },
    /// For guards, checking the result checks the value at `target` (`pattern.matcher(x)` → `x`,
    /// `URI.create(x)` → `x`, `uri.getHost()` → `uri`).
    GuardAlias { target: Pos },
    /// The result carries no taint (sizes, booleans, hashes).
    Neutral,
    /// A container operation; the key (or index) is the argument at `key` (`put(key, value)`:
    /// 0; ConfigParser's `set(section, option, value)`: 1) and a stored value follows it.
    Container { op: ContainerOp, key: usize },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MethodsSpec {
    types: Vec<String>,
    methods: Vec<String>,
    #[serde(default)]
    arity: Option<usize>,
    // Effect-specific fields.
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    negated: bool,
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    returns: Option<String>,
    #[serde(default)]
    alias: bool,
    #[serde(default)]
    if_arg0_contains: Vec<String>,
    #[serde(default)]
    other_const: bool,
    /// Containers only: the argument holding the key (`arg0` when absent).
    #[serde(default)]
    key: Option<String>,
    /// Sources only: the value matters only for these sink kinds (not user input).
    #[serde(default)]
    only: Vec<String>,
    /// Sources only: `remote` (the default: requests, events, sockets) or `local` (environment,
    /// command line, files; loaded only when local threat models are enabled).
    #[serde(default)]
    threat_model: Option<String>,
}

/// The threat models a source may belong to, as in CodeQL: `remote` (network input: HTTP
/// frameworks, sockets, URL connections, message queues, Lambda events; always on) and `local`
/// (environment, system properties, files, console, command line, database reads; opt-in).
pub const THREAT_MODELS: &[&str] = &["remote", "local"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ParamSourceSpec {
    annotations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ModelFile {
    library: String,
    #[serde(default)]
    supertypes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sources: Vec<MethodsSpec>,
    #[serde(default)]
    parameter_sources: Vec<ParamSourceSpec>,
    #[serde(default)]
    propagators: Vec<MethodsSpec>,
    #[serde(default)]
    sanitizers: Vec<MethodsSpec>,
    #[serde(default)]
    sinks: Vec<MethodsSpec>,
    #[serde(default)]
    guards: Vec<MethodsSpec>,
    #[serde(default)]
    containers: Vec<MethodsSpec>,
    #[serde(default)]
    neutral: Vec<MethodsSpec>,
    #[serde(default)]
    returns: Vec<MethodsSpec>,
    #[serde(default)]
    return_sinks: Vec<ReturnSinkSpec>,
    /// The closed set of taint kinds of the language (one per `analysis: taint` rule); every kind
    /// named by any model file must be declared by some file.
    #[serde(default)]
    taint_kinds: Vec<String>,
    /// Types whose values cannot carry an injection payload (numbers, booleans, UUIDs, dates).
    #[serde(default)]
    inert_types: Vec<String>,
}

/// A returned string starting with `prefix` whose rest is untrusted is a sink of `kind`
/// (Spring MVC's `return "redirect:" + url;`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReturnSinkSpec {
    prefix: String,
    kind: String,
}

/// One modelled method effect with its arity filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub arity: Option<usize>,
    pub effect: Effect,
    /// The library file that declared it.
    pub library: Arc<str>,
}

/// All loaded models, indexed by (type, method).
#[derive(Debug, Clone, Default)]
pub struct Models {
    by_method: HashMap<(Arc<str>, Arc<str>), Vec<Entry>>,
    returns: HashMap<(Arc<str>, Arc<str>), Arc<str>>,
    supertypes: HashMap<Arc<str>, Vec<Arc<str>>>,
    param_annotations: BTreeSet<Arc<str>>,
    kinds: Vec<Arc<str>>,
    types: BTreeSet<Arc<str>>,
    return_sinks: Vec<(Arc<str>, u32)>,
    /// Sink kinds reached only by `only:` sources (not by user input).
    exclusive: u64,
    /// The declared kinds (`taint-kinds:`); any other kind is an error.
    declared: BTreeSet<Arc<str>>,
    inert: BTreeSet<Arc<str>>,
    /// The names of the sink methods of named types (not `"*"` entries, which match any receiver).
    sink_names: HashSet<Arc<str>>,
    /// Text of the file being loaded (to name the line of an unknown kind).
    loading: Option<(Arc<str>, Arc<str>)>,
    /// Sources of the `local` threat model are loaded.
    include_local: bool,
}

impl Models {
    /// Load model files: `(origin, yaml text)` pairs.
    ///
    /// # Errors
    /// A [`RuleError`] naming the file and the problem (bad YAML, unknown field, bad position or op).
    pub fn load(files: &[(&str, &str)]) -> Result<Models, RuleError> {
        Self::load_with_threat_models(files, &["remote"])
    }

    /// Load model files keeping only the sources of the `enabled` threat models ([`THREAT_MODELS`]);
    /// sources marked `threat-model: local` are kept only when `local` is enabled.
    ///
    /// # Errors
    /// As [`Models::load`].
    pub fn load_with_threat_models(
        files: &[(&str, &str)],
        enabled: &[&str],
    ) -> Result<Models, RuleError> {
        let include_local = enabled.contains(&"local");
        let mut m = Models {
            include_local,
            ..Models::default()
        };
        let mut parsed = Vec::with_capacity(files.len());
        for (origin, text) in files {
            if crate::obligation::is_resource_model_file(origin) {
                continue;
            }
            let file: ModelFile = serde_yaml_ng::from_str(text).map_err(|e| {
                RuleError::new(origin, e.location().map(|l| l.line()), None, e.to_string())
            })?;
            // The closed set of kinds first, in declaration order (their bits).
            for k in &file.taint_kinds {
                if m.declared.insert(Arc::from(k.as_str())) {
                    m.kind_bit(k)
                        .map_err(|e| RuleError::new(origin, None, None, e))?;
                }
            }
            m.inert
                .extend(file.inert_types.iter().map(|t| Arc::from(t.as_str())));
            parsed.push((origin, text, file));
        }
        for (origin, text, file) in parsed {
            m.loading = Some((Arc::from(*origin), Arc::from(*text)));
            m.add_file(origin, file)?;
        }
        m.loading = None;
        // Ordinary sources (user input) are safe for the kinds that only `only:` sources reach.
        let exclusive = m.exclusive;
        for entries in m.by_method.values_mut() {
            for e in entries {
                if let Effect::Source {
                    safe_for,
                    restricted: false,
                } = &mut e.effect
                {
                    *safe_for |= exclusive;
                }
            }
        }
        m.sink_names = m
            .by_method
            .iter()
            .filter(|((t, _), v)| {
                &**t != "*" && v.iter().any(|e| matches!(e.effect, Effect::Sink { .. }))
            })
            .map(|((_, n), _)| n.clone())
            .collect();
        Ok(m)
    }

    /// Whether a method of this name is a sink of some named type.
    #[must_use]
    pub fn is_sink_name(&self, name: &str) -> bool {
        self.sink_names.contains(name)
    }

    fn kind_bit(&mut self, kind: &str) -> Result<u32, String> {
        if let Some(i) = self.kinds.iter().position(|k| &**k == kind) {
            return u32::try_from(i).map_err(|e| e.to_string());
        }
        if !self.declared.contains(kind) {
            let declared: Vec<&str> = self.declared.iter().map(|k| &**k).collect();
            return Err(format!(
                "unknown taint kind `{kind}`: declare it under `taint-kinds:` (declared: {})",
                declared.join(", ")
            ));
        }
        if self.kinds.len() >= 63 {
            return Err("more than 63 sink kinds".into());
        }
        self.kinds.push(Arc::from(kind));
        u32::try_from(self.kinds.len() - 1).map_err(|e| e.to_string())
    }

    /// The kinds of a `kinds:` list: `None` for all of them (or an empty list); `all` followed by
    /// `-kind` entries is every kind but those (`[all, -insecure-random]`: a hash of a predictable
    /// value is still predictable).
    fn kinds_mask(&mut self, kinds: &[String]) -> Result<Option<u64>, String> {
        let mut except = 0u64;
        for k in kinds.iter().filter_map(|k| k.strip_prefix('-')) {
            except |= 1u64 << self.kind_bit(k)?;
        }
        let all = kinds.iter().any(|k| k == "all");
        if except != 0 && !all {
            return Err(format!(
                "kinds {kinds:?}: `-kind` entries only follow `all` (every kind but those)"
            ));
        }
        if kinds.is_empty() || all {
            return Ok((except != 0).then_some(!except));
        }
        let mut mask = 0u64;
        for k in kinds {
            mask |= 1u64 << self.kind_bit(k)?;
        }
        Ok(Some(mask))
    }

    fn positions(list: &[String], what: &str) -> Result<Vec<Pos>, String> {
        list.iter()
            .map(|s| {
                parse_pos(s).ok_or_else(|| {
                    format!(
                        "{what}: `{s}` is not a position (receiver, return, args, arg0, arg1, ...)"
                    )
                })
            })
            .collect()
    }

    fn add_file(&mut self, origin: &str, file: ModelFile) -> Result<(), RuleError> {
        let lib: Arc<str> = Arc::from(file.library.as_str());
        let text = self.loading.as_ref().map(|(_, t)| t.clone());
        let err = |msg: String| {
            // Name the line of an unknown kind: the first line that mentions it.
            let line = msg
                .strip_prefix("unknown taint kind `")
                .and_then(|r| r.split('`').next())
                .and_then(|k| {
                    text.as_deref()?
                        .lines()
                        .position(|l| {
                            l.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                                .any(|w| w == k)
                        })
                        .map(|i| i + 1)
                });
            RuleError::new(origin, line, None, msg)
        };
        for (t, sups) in &file.supertypes {
            let e = self.supertypes.entry(Arc::from(t.as_str())).or_default();
            e.extend(sups.iter().map(|s| Arc::from(s.as_str())));
        }
        for p in &file.parameter_sources {
            self.param_annotations
                .extend(p.annotations.iter().map(|a| Arc::from(a.as_str())));
        }
        let add = |m: &mut Models, spec: &MethodsSpec, effect: Effect| {
            for t in &spec.types {
                let t: Arc<str> = Arc::from(t.as_str());
                m.types.insert(t.clone());
                for meth in &spec.methods {
                    m.by_method
                        .entry((t.clone(), Arc::from(meth.as_str())))
                        .or_default()
                        .push(Entry {
                            arity: spec.arity,
                            effect: effect.clone(),
                            library: lib.clone(),
                        });
                }
            }
        };
        for s in &file.sources {
            match s.threat_model.as_deref() {
                None | Some("remote") => {}
                Some("local") => {
                    if !self.include_local {
                        continue;
                    }
                }
                Some(other) => {
                    return Err(err(format!(
                        "threat-model `{other}`: expected `remote` or `local`"
                    )))
                }
            }
            if !s.only.is_empty() {
                let only = self
                    .kinds_mask(&s.only)
                    .map_err(err)?
                    .ok_or_else(|| err("`only: [all]` is not a restriction".into()))?;
                self.exclusive |= only;
                add(
                    self,
                    s,
                    Effect::Source {
                        safe_for: !only,
                        restricted: true,
                    },
                );
                continue;
            }
            let safe_for = if s.kinds.is_empty() {
                0
            } else {
                self.kinds_mask(&s.kinds).map_err(err)?.unwrap_or(0)
            };
            add(
                self,
                s,
                Effect::Source {
                    safe_for,
                    restricted: false,
                },
            );
        }
        for s in &file.sanitizers {
            let kinds = self.kinds_mask(&s.kinds).map_err(err)?;
            let when = (!s.if_arg0_contains.is_empty()).then(|| {
                (
                    0,
                    s.if_arg0_contains
                        .iter()
                        .map(|x| Arc::from(x.as_str()))
                        .collect(),
                )
            });
            add(self, s, Effect::Sanitizer { kinds, when });
        }
        for s in &file.sinks {
            let kind = s
                .kind
                .as_deref()
                .ok_or_else(|| err(format!("sink for {:?} needs `kind:`", s.methods)))?;
            let kind = self.kind_bit(kind).map_err(err)?;
            let args = Self::positions(&s.args, "sinks.args").map_err(err)?;
            let args = if args.is_empty() {
                vec![Pos::Args]
            } else {
                args
            };
            add(self, s, Effect::Sink { kind, args });
        }
        for s in &file.propagators {
            let from = Self::positions(&s.from, "propagators.from").map_err(err)?;
            let to = Self::positions(&s.to, "propagators.to").map_err(err)?;
            let kinds = if s.kinds.is_empty() {
                0
            } else {
                self.kinds_mask(&s.kinds).map_err(err)?.unwrap_or(u64::MAX)
            };
            add(self, s, Effect::Propagator { from, to, kinds });
        }
        for s in &file.guards {
            if s.alias {
                let target = parse_pos(s.target.as_deref().unwrap_or("arg0"))
                    .ok_or_else(|| err(format!("guard target {:?}", s.target)))?;
                add(self, s, Effect::GuardAlias { target });
                continue;
            }
            let target = parse_pos(s.target.as_deref().unwrap_or("arg0"))
                .ok_or_else(|| err(format!("guard target {:?}", s.target)))?;
            let kinds = self.kinds_mask(&s.kinds).map_err(err)?;
            add(
                self,
                s,
                Effect::Guard {
                    target,
                    kinds,
                    negated: s.negated,
                    other_const: s.other_const,
                },
            );
        }
        for s in &file.containers {
            let op = match s.op.as_deref() {
                Some("store-key") => ContainerOp::StoreKey,
                Some("load-key") => ContainerOp::LoadKey,
                Some("append") => ContainerOp::Append,
                Some("insert") => ContainerOp::Insert,
                Some("remove-index") => ContainerOp::RemoveIndex,
                Some("load-all") => ContainerOp::LoadAll,
                Some("store-all") => ContainerOp::StoreAll,
                Some("clear") => ContainerOp::Clear,
                other => return Err(err(format!("unknown container op {other:?}"))),
            };
            let key = match s.key.as_deref().map(parse_pos) {
                None => 0,
                Some(Some(Pos::Arg(i))) => i,
                Some(_) => return Err(err(format!("container key {:?}: not `argN`", s.key))),
            };
            add(self, s, Effect::Container { op, key });
        }
        for r in &file.return_sinks {
            let kind = self.kind_bit(&r.kind).map_err(err)?;
            self.return_sinks.push((Arc::from(r.prefix.as_str()), kind));
        }
        for s in &file.neutral {
            add(self, s, Effect::Neutral);
        }
        for s in &file.returns {
            let Some(r) = &s.returns else {
                return Err(err(format!(
                    "returns entry for {:?} needs `returns:`",
                    s.methods
                )));
            };
            for t in &s.types {
                for meth in &s.methods {
                    self.returns.insert(
                        (Arc::from(t.as_str()), Arc::from(meth.as_str())),
                        Arc::from(r.as_str()),
                    );
                }
            }
        }
        Ok(())
    }

    /// The type and its supertypes, transitively (the type first).
    #[must_use]
    pub fn type_and_supers(&self, ty: &str) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = vec![Arc::from(ty)];
        let mut i = 0;
        while let Some(t) = out.get(i).cloned() {
            if let Some(s) = self.supertypes.get(&t) {
                for x in s {
                    if !out.contains(x) {
                        out.push(x.clone());
                    }
                }
            }
            i += 1;
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    /// Effects of `class.name` called with `arity` arguments (`class: None` = unknown receiver type: only
    /// `"*"` entries apply). Entries of the most specific type come first.
    #[must_use]
    pub fn effects(&self, class: Option<&str>, name: &str, arity: usize) -> Vec<&Entry> {
        self.effects_of(class, name, arity, true)
    }

    fn effects_of(
        &self,
        class: Option<&str>,
        name: &str,
        arity: usize,
        any_receiver: bool,
    ) -> Vec<&Entry> {
        let mut out = Vec::new();
        let name: Arc<str> = Arc::from(name);
        let mut types = class.map(|c| self.type_and_supers(c)).unwrap_or_default();
        if any_receiver {
            types.push(Arc::from("*"));
        }
        for t in types {
            if let Some(v) = self.by_method.get(&(t, name.clone())) {
                out.extend(v.iter().filter(|e| e.arity.is_none_or(|a| a == arity)));
            }
        }
        out
    }

    /// Effects of a call: as [`Models::effects`], without the `"*"` entries (methods of any
    /// receiver) when `own_function` (a static call of a function of the scanned code: a module's
    /// own `execute(job)` is not a cursor's).
    #[must_use]
    pub fn call_effects(&self, call: &crate::ir::Call, own_function: bool) -> Vec<&Entry> {
        self.effects_of(
            call.class.as_deref(),
            &call.name,
            call.args.len(),
            !own_function,
        )
    }

    /// The declared return type of `class.name`, from `returns:` entries (supertypes searched).
    #[must_use]
    pub fn return_type(&self, class: &str, name: &str) -> Option<Arc<str>> {
        let name: Arc<str> = Arc::from(name);
        self.type_and_supers(class)
            .into_iter()
            .find_map(|t| self.returns.get(&(t, name.clone())).cloned())
    }

    /// Whether a parameter annotation (simple or qualified name) marks untrusted input.
    #[must_use]
    pub fn is_source_annotation(&self, name: &str) -> bool {
        let simple = name.rsplit('.').next().unwrap_or(name);
        self.param_annotations.contains(name) || self.param_annotations.contains(simple)
    }

    /// Whether some model names method `name` of exactly `class` (supertypes not searched).
    #[must_use]
    pub fn names_method(&self, class: &str, name: &str) -> bool {
        let key = (Arc::from(class), Arc::from(name));
        self.by_method.contains_key(&key) || self.returns.contains_key(&key)
    }

    /// Whether some model names this fully qualified type (used to resolve wildcard imports).
    #[must_use]
    pub fn knows_type(&self, fqn: &str) -> bool {
        self.types.contains(fqn)
            || self.supertypes.contains_key(fqn)
            || self.returns.keys().any(|(t, _)| &**t == fqn)
    }

    /// Return sinks: (constant prefix of the returned string, sink kind).
    #[must_use]
    pub fn return_sinks(&self) -> &[(Arc<str>, u32)] {
        &self.return_sinks
    }

    /// The kinds (as a bit mask) of the return sinks a value starting with `s` reaches.
    #[must_use]
    pub fn return_sink_kinds(&self, s: &str) -> u64 {
        self.return_sinks
            .iter()
            .filter(|(p, _)| s.starts_with(&**p))
            .fold(0, |k, (_, kind)| k | (1u64 << kind))
    }

    /// The sink kinds that only `only:` sources reach (user input is safe for them).
    #[must_use]
    pub fn exclusive(&self) -> u64 {
        self.exclusive
    }

    /// Whether a taint matters for some non-exclusive kind: user input, as opposed to a value
    /// (a predictable random number) that matters only for its `only:` kinds.
    #[must_use]
    pub fn is_user_input(&self, cleansed: u64) -> bool {
        !cleansed & !self.exclusive & ((1u64 << self.kinds.len().min(63)) - 1) != 0
    }

    /// The sink kinds (rule names) in bit order.
    #[must_use]
    pub fn kinds(&self) -> &[Arc<str>] {
        &self.kinds
    }

    /// Whether values of this (resolved) type cannot carry an injection payload (`inert-types:`).
    #[must_use]
    pub fn is_inert_type(&self, ty: &str) -> bool {
        self.inert.contains(ty)
    }

    /// The declared taint kinds (`taint-kinds:` of the model files).
    #[must_use]
    pub fn declared_kinds(&self) -> &BTreeSet<Arc<str>> {
        &self.declared
    }

    /// The bit of a sink kind, if any model uses it.
    #[must_use]
    pub fn kind_index(&self, kind: &str) -> Option<u32> {
        self.kinds
            .iter()
            .position(|k| &**k == kind)
            .and_then(|i| u32::try_from(i).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "library: web\ntaint-kinds: [sql-injection, insecure-random]\nsources:\n  - types: [a.Req]\n    methods: [param]\nsinks:\n  - types: [a.Db]\n    methods: [query]\n    kind: sql-injection\n";
    const RANDOM: &str = "library: rnd\nsources:\n  - types: [java.util.Random]\n    methods: [nextInt]\n    only: [insecure-random]\nsinks:\n  - types: [a.Cookie]\n    methods: [setValue]\n    kind: insecure-random\n";

    fn source(m: &Models, t: &str, meth: &str) -> (u64, bool) {
        let e = &m.by_method[&(Arc::from(t), Arc::from(meth))][0];
        match e.effect {
            Effect::Source {
                safe_for,
                restricted,
            } => (safe_for, restricted),
            ref other => panic!("not a source: {other:?}"),
        }
    }

    #[test]
    fn only_sources_are_restricted_and_user_input_is_safe_for_their_kinds() {
        // Whatever the file order, user input becomes safe for the exclusive kind.
        for files in [[("u", USER), ("r", RANDOM)], [("r", RANDOM), ("u", USER)]] {
            let m = Models::load(&files).unwrap();
            let sql = m.kind_index("sql-injection").unwrap();
            let rnd = m.kind_index("insecure-random").unwrap();
            assert_eq!(m.exclusive(), 1u64 << rnd);
            let (user_safe, user_restricted) = source(&m, "a.Req", "param");
            assert!(!user_restricted);
            assert_eq!(user_safe, 1u64 << rnd);
            let (rnd_safe, rnd_restricted) = source(&m, "java.util.Random", "nextInt");
            assert!(rnd_restricted);
            assert_eq!(rnd_safe & (1u64 << rnd), 0);
            assert_ne!(rnd_safe & (1u64 << sql), 0);
            assert!(m.is_user_input(user_safe));
            assert!(!m.is_user_input(rnd_safe));
        }
    }

    #[test]
    fn local_sources_load_only_with_the_local_threat_model() {
        let text = "library: env\nsources:\n  - types: [java.lang.System]\n    methods: [getenv]\n    threat-model: local\n  - types: [a.Req]\n    methods: [param]\n";
        let remote = Models::load(&[("env", text)]).unwrap();
        assert!(remote
            .effects(Some("java.lang.System"), "getenv", 1)
            .is_empty());
        assert_eq!(remote.effects(Some("a.Req"), "param", 1).len(), 1);
        let both = Models::load_with_threat_models(&[("env", text)], &["remote", "local"]).unwrap();
        assert_eq!(both.effects(Some("java.lang.System"), "getenv", 1).len(), 1);
        let bad =
            "library: x\nsources:\n  - types: [a.B]\n    methods: [c]\n    threat-model: lan\n";
        assert!(Models::load(&[("bad", bad)]).is_err());
    }

    #[test]
    fn only_all_is_an_error() {
        let bad = "library: x\ntaint-kinds: [sql-injection]\nsources:\n  - types: [a.B]\n    methods: [c]\n    only: [all]\n";
        assert!(Models::load(&[("bad", bad)]).is_err());
    }

    #[test]
    fn an_unknown_kind_is_an_error_naming_file_and_line() {
        let text = "library: x\ntaint-kinds: [sql-injection]\nsanitizers:\n  - types: [a.B]\n    methods: [c]\n    kinds: [sql-injektion]\n";
        let e = Models::load(&[("rules/x/models/x.yaml", text)]).unwrap_err();
        assert_eq!(e.origin, "rules/x/models/x.yaml");
        assert_eq!(e.line, Some(6), "{e}");
        assert!(e.message.contains("sql-injektion"), "{e}");
        // Declared kinds keep their bits even when no model names them.
        let ok = "library: x\ntaint-kinds: [a-kind, b-kind]\n";
        let m = Models::load(&[("ok", ok)]).unwrap();
        assert_eq!(m.kind_index("b-kind"), Some(1));
    }

    #[test]
    fn all_but_some_kinds() {
        let ok = "library: x\ntaint-kinds: [a-kind, b-kind]\nsanitizers:\n  - types: [h]\n    methods: [f]\n    kinds: [all, -b-kind]\n";
        let m = Models::load(&[("ok", ok)]).unwrap();
        let Some(Effect::Sanitizer {
            kinds: Some(mask), ..
        }) = m.effects(Some("h"), "f", 1).first().map(|e| &e.effect)
        else {
            panic!("no sanitizer mask");
        };
        assert_eq!(mask & 0b11, 0b01, "a-kind sanitized, b-kind kept");
        // `-kind` without `all` is a mistake, named as such.
        let bad = "library: x\ntaint-kinds: [a-kind, b-kind]\nsanitizers:\n  - types: [h]\n    methods: [f]\n    kinds: [a-kind, -b-kind]\n";
        let e = Models::load(&[("bad", bad)]).unwrap_err();
        assert!(e.message.contains("only follow `all`"), "{e}");
    }

    #[test]
    fn inert_types_are_data() {
        let text = "library: x\ninert-types: [int, float]\n";
        let m = Models::load(&[("x", text)]).unwrap();
        assert!(m.is_inert_type("float"));
        assert!(!m.is_inert_type("float "));
        assert!(!m.is_inert_type("str"));
    }
}
