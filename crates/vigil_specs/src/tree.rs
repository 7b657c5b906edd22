//! One node arena for YAML and JSON documents, every node with its byte range.
//!
//! Front ends: `saphyr-parser` events (YAML 1.2, anchors kept as shared nodes, `<<` merge keys resolved
//! on lookup) and `jsonc-parser` in strict mode (JSON). Problems of the text itself (syntax errors, tabs,
//! duplicate keys, alias bombs, several documents) are collected as [`Problem`]s that each analyzer
//! reports under its own kind's rule ids.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};
use vigil_core::TextRange;

/// Index of a node in [`Doc::nodes`].
pub type NodeId = u32;

/// Expanded-size budget of one document (aliases counted at every use).
pub const ALIAS_BUDGET: u64 = 1_000_000;
/// Nesting beyond this is not analyzed (reported as a notification).
pub const MAX_DEPTH: usize = 512;

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// A number (the text is in [`Node::text`]).
    Number,
    Str,
    /// Map entries: (key, value).
    Map(Vec<(NodeId, NodeId)>),
    Seq(Vec<NodeId>),
    /// An alias to an anchored node (`None` if the anchor is unknown).
    Alias(Option<NodeId>),
}

/// One node.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub range: TextRange,
    /// Decoded scalar text (empty for collections); see [`Doc::text_of`].
    pub text: Text,
    /// The scalar was quoted (or a block scalar) in YAML, or a JSON string.
    pub quoted: bool,
    /// The YAML tag suffix with its handle (`!Ref`, `!!str`), if any.
    pub tag: Option<Box<str>>,
    /// For a map value: its key node.
    pub key: Option<NodeId>,
}

/// A node's decoded text: a range of the source when it is written verbatim (most scalars), else owned.
#[derive(Debug, Clone)]
pub enum Text {
    Src(u32, u32),
    Own(Box<str>),
}

impl Text {
    /// `s` as a range of `src` when it points into it, else an owned copy.
    fn of(s: &str, src: &str) -> Self {
        let base = src.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        if s.is_empty() {
            return Self::Src(0, 0);
        }
        if p >= base && p + s.len() <= base + src.len() {
            let a = p - base;
            if let (Ok(a32), Ok(b32)) = (u32::try_from(a), u32::try_from(a + s.len())) {
                return Self::Src(a32, b32);
            }
        }
        Self::Own(s.into())
    }
}

/// A problem of the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax,
    DuplicateKey,
    AliasLimit,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    pub range: TextRange,
    pub message: String,
    /// For duplicate keys: where the first definition is.
    pub related: Option<TextRange>,
}

/// A parsed document.
#[derive(Debug, Default)]
pub struct Doc {
    /// The parsed text (node texts point into it).
    pub src: Box<str>,
    /// Whether any mapping uses a `<<` merge key (lookups then consult merged maps).
    pub has_merge: bool,
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
    pub problems: Vec<Problem>,
    pub max_depth: usize,
    pub is_json: bool,
    /// Key index of the maps with more than [`BIG_MAP`] entries, built on their first lookup, so that
    /// resolving every `#/components/schemas/X` of a large document stays linear.
    big: RefCell<HashMap<NodeId, HashMap<Box<str>, NodeId>>>,
}

/// Maps larger than this are looked up through a hash index.
const BIG_MAP: usize = 32;

fn range_of(start: usize, end: usize) -> TextRange {
    TextRange::new(start, end)
}

/// Converts saphyr's character indexes to byte offsets.
struct CharMap {
    bytes: Option<Vec<u32>>,
    len: usize,
}

impl CharMap {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                bytes: None,
                len: text.len(),
            };
        }
        let mut v: Vec<u32> = text
            .char_indices()
            .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        v.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        Self {
            bytes: Some(v),
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.bytes {
            None => char_index.min(self.len),
            Some(v) => v
                .get(char_index)
                .map_or(self.len, |&b| b as usize)
                .min(self.len),
        }
    }
}

enum Frame {
    Map {
        id: NodeId,
        entries: Vec<(NodeId, NodeId)>,
        pending: Option<NodeId>,
        seen: HashMap<Box<str>, NodeId>,
        size: u64,
    },
    Seq {
        id: NodeId,
        items: Vec<NodeId>,
        size: u64,
    },
}

/// Whether a text looks like JSON (first non-blank character `{` or `[`).
#[must_use]
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

/// Parse a file: JSON files (by extension or content) go through the strict JSON parser.
#[must_use]
pub fn parse(text: &str, json: bool) -> Doc {
    if json {
        return parse_json(text);
    }
    if looks_like_json(text) {
        // JSON content in a YAML-named file: the fast JSON path, unless it is YAML flow style that
        // strict JSON rejects (`{openapi: 3.0.0}`), which the YAML parser then reads.
        let d = parse_json(text);
        if !d.problems.iter().any(|p| p.kind == ProblemKind::Syntax) {
            return d;
        }
    }
    parse_yaml(text)
}

impl Doc {
    fn push(&mut self, node: Node) -> NodeId {
        let id = NodeId::try_from(self.nodes.len()).unwrap_or(NodeId::MAX);
        self.nodes.push(node);
        id
    }

    /// The decoded text of a node.
    #[must_use]
    pub fn text_of<'s>(&'s self, n: &'s Node) -> &'s str {
        match &n.text {
            Text::Src(a, b) => self.src.get(*a as usize..*b as usize).unwrap_or(""),
            Text::Own(s) => s,
        }
    }

    /// The node, aliases not followed.
    #[must_use]
    pub fn raw(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Follow an alias to its anchored node.
    #[must_use]
    pub fn resolve(&self, id: NodeId) -> NodeId {
        match self.raw(id).map(|n| &n.kind) {
            Some(Kind::Alias(Some(t))) => *t,
            _ => id,
        }
    }

    /// The node, aliases followed.
    #[must_use]
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.raw(self.resolve(id))
    }

    #[must_use]
    pub fn kind(&self, id: NodeId) -> Option<&Kind> {
        self.node(id).map(|n| &n.kind)
    }

    /// Byte range of the node as written (an alias: the alias itself).
    #[must_use]
    pub fn range(&self, id: NodeId) -> TextRange {
        self.raw(id).map(|n| n.range).unwrap_or_default()
    }

    /// The range of the key of a map value, else the node's own range.
    #[must_use]
    pub fn key_range(&self, id: NodeId) -> TextRange {
        match self.raw(id).and_then(|n| n.key) {
            Some(k) => self.range(k),
            None => self.range(id),
        }
    }

    /// The key text under which a node sits, if it is a map value.
    #[must_use]
    pub fn key_text(&self, id: NodeId) -> Option<&str> {
        self.raw(id)
            .and_then(|n| n.key)
            .and_then(|k| self.scalar(k))
    }

    #[must_use]
    pub fn is_map(&self, id: NodeId) -> bool {
        matches!(self.kind(id), Some(Kind::Map(_)))
    }

    #[must_use]
    pub fn is_seq(&self, id: NodeId) -> bool {
        matches!(self.kind(id), Some(Kind::Seq(_)))
    }

    #[must_use]
    pub fn is_null(&self, id: NodeId) -> bool {
        matches!(self.kind(id), Some(Kind::Null))
    }

    /// Scalar text of any scalar (string, number, bool, null), aliases followed.
    #[must_use]
    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        let n = self.node(id)?;
        match n.kind {
            Kind::Map(_) | Kind::Seq(_) | Kind::Alias(_) => None,
            _ => Some(self.text_of(n)),
        }
    }

    /// Text of a string node.
    #[must_use]
    pub fn str(&self, id: NodeId) -> Option<&str> {
        let n = self.node(id)?;
        matches!(n.kind, Kind::Str).then_some(self.text_of(n))
    }

    /// A number's value.
    #[must_use]
    pub fn number(&self, id: NodeId) -> Option<f64> {
        let n = self.node(id)?;
        if !matches!(n.kind, Kind::Number) {
            return None;
        }
        parse_number(self.text_of(n))
    }

    /// The YAML 1.1 boolean reading (`yes/no/on/off/true/false`, any case) of a scalar, or a real bool.
    #[must_use]
    pub fn bool11(&self, id: NodeId) -> Option<bool> {
        let n = self.node(id)?;
        match &n.kind {
            Kind::Bool(b) => Some(*b),
            Kind::Str if !n.quoted => match self.text_of(n).to_ascii_lowercase().as_str() {
                "yes" | "y" | "on" | "true" => Some(true),
                "no" | "n" | "off" | "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// Own map entries (merge keys `<<` excluded), aliases followed for the map itself.
    #[must_use]
    pub fn entries(&self, id: NodeId) -> &[(NodeId, NodeId)] {
        match self.kind(id) {
            Some(Kind::Map(e)) => e,
            _ => &[],
        }
    }

    /// Map entries with merged maps (`<<: *x` or `<<: [*x, *y]`), local keys first.
    #[must_use]
    pub fn all_entries(&self, id: NodeId) -> Vec<(NodeId, NodeId)> {
        let mut out = Vec::new();
        if !self.has_merge {
            out.extend_from_slice(self.entries(id));
            return out;
        }
        let mut visited = Vec::new();
        self.collect_entries(id, &mut out, 0, &mut visited);
        out
    }

    /// Each merged map is visited once, so merge chains cost linear time.
    fn collect_entries(
        &self,
        id: NodeId,
        out: &mut Vec<(NodeId, NodeId)>,
        depth: usize,
        visited: &mut Vec<NodeId>,
    ) {
        let id = self.resolve(id);
        if depth > 16 || visited.contains(&id) || visited.len() > 256 {
            return;
        }
        visited.push(id);
        let mut merges = Vec::new();
        for &(k, v) in self.entries(id) {
            if self.is_merge_key(k) {
                merges.push(v);
            } else {
                out.push((k, v));
            }
        }
        for m in merges {
            match self.kind(m) {
                Some(Kind::Map(_)) => self.collect_entries(m, out, depth + 1, visited),
                Some(Kind::Seq(items)) => {
                    for &i in items {
                        self.collect_entries(i, out, depth + 1, visited);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether a key node is the YAML merge key `<<` (plain).
    #[must_use]
    pub fn is_merge_key(&self, k: NodeId) -> bool {
        self.node(k)
            .is_some_and(|n| !n.quoted && self.text_of(n) == "<<" && !self.is_json)
    }

    /// Map entries excluding merge keys, as (key text, key id, value id).
    pub fn pairs(&self, id: NodeId) -> impl Iterator<Item = (&str, NodeId, NodeId)> + '_ {
        self.entries(id)
            .iter()
            .filter(|(k, _)| !self.has_merge || !self.is_merge_key(*k))
            .map(|&(k, v)| (self.scalar(k).unwrap_or(""), k, v))
    }

    /// Value of `key` in a map (merge keys honoured), aliases not followed for the value.
    #[must_use]
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        let entries = self.entries(id);
        if entries.len() > BIG_MAP && !self.has_merge {
            let map = self.resolve(id);
            if let Some(index) = self.big.borrow().get(&map) {
                return index.get(key).copied();
            }
            let mut index: HashMap<Box<str>, NodeId> = HashMap::with_capacity(entries.len());
            for &(k, v) in entries {
                if let Some(t) = self.scalar(k) {
                    index.entry(t.into()).or_insert(v);
                }
            }
            let hit = index.get(key).copied();
            self.big.borrow_mut().insert(map, index);
            return hit;
        }
        for &(k, v) in entries {
            if self.key_is(k, key) && (!self.has_merge || !self.is_merge_key(k)) {
                return Some(v);
            }
        }
        if self.has_merge && entries.iter().any(|(k, _)| self.is_merge_key(*k)) {
            return self
                .all_entries(id)
                .into_iter()
                .find(|(k, _)| self.scalar(*k) == Some(key))
                .map(|(_, v)| v);
        }
        None
    }

    /// Whether the key node `k` is the scalar `key` (length checked before the bytes).
    #[inline]
    fn key_is(&self, k: NodeId, key: &str) -> bool {
        let Some(n) = self.nodes.get(k as usize) else {
            return false;
        };
        if matches!(n.kind, Kind::Alias(_)) {
            return self.scalar(k) == Some(key);
        }
        let t: &str = match &n.text {
            Text::Src(a, b) => {
                if (*b - *a) as usize != key.len() {
                    return false;
                }
                self.src.get(*a as usize..*b as usize).unwrap_or("")
            }
            Text::Own(s) => s,
        };
        t == key && !matches!(n.kind, Kind::Map(_) | Kind::Seq(_))
    }

    /// Value of a key compared case-insensitively, with the key as written.
    #[must_use]
    pub fn get_ci(&self, id: NodeId, key: &str) -> Option<(NodeId, NodeId)> {
        self.all_entries(id)
            .into_iter()
            .find(|(k, _)| self.scalar(*k).is_some_and(|t| t.eq_ignore_ascii_case(key)))
    }

    /// Sequence items (aliases followed for the sequence).
    #[must_use]
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.kind(id) {
            Some(Kind::Seq(v)) => v,
            _ => &[],
        }
    }

    /// A CloudFormation intrinsic (`Ref`, `Fn::*`, `!Ref`/`!Sub`/... tags) or a string holding a
    /// `${...}` placeholder: opaque, assumed valid.
    #[must_use]
    pub fn is_opaque(&self, id: NodeId) -> bool {
        let Some(n) = self.node(id) else {
            return false;
        };
        if n.tag.as_deref().is_some_and(|t| {
            let t = t.trim_start_matches('!');
            t == "Ref" || t == "Condition" || t.starts_with("GetAtt") || CFN_FNS.contains(&t)
        }) {
            return true;
        }
        match &n.kind {
            Kind::Str => {
                let t = self.text_of(n);
                t.contains("${") || t.contains("{{resolve:")
            }
            Kind::Map(e) if e.len() == 1 => e.first().is_some_and(|(k, _)| {
                self.scalar(*k)
                    .is_some_and(|t| t == "Ref" || t == "Condition" || t.starts_with("Fn::"))
            }),
            _ => false,
        }
    }

    /// A short description of a node's type for messages.
    #[must_use]
    pub fn type_name(&self, id: NodeId) -> &'static str {
        match self.kind(id) {
            Some(Kind::Null) => "null",
            Some(Kind::Bool(_)) => "a boolean",
            Some(Kind::Number) => "a number",
            Some(Kind::Str) => "a string",
            Some(Kind::Map(_)) => "a mapping",
            Some(Kind::Seq(_)) => "a list",
            Some(Kind::Alias(_)) | None => "an unknown alias",
        }
    }

    /// Depth-first walk (explicit stack; aliases not entered): calls `f(node, depth)`.
    pub fn walk(&self, start: NodeId, mut f: impl FnMut(NodeId, usize)) {
        let mut stack = vec![(start, 0usize)];
        while let Some((id, d)) = stack.pop() {
            f(id, d);
            match self.raw(id).map(|n| &n.kind) {
                Some(Kind::Map(e)) => {
                    for &(_, v) in e.iter().rev() {
                        stack.push((v, d + 1));
                    }
                }
                Some(Kind::Seq(items)) => {
                    for &i in items.iter().rev() {
                        stack.push((i, d + 1));
                    }
                }
                _ => {}
            }
        }
    }
}

const CFN_FNS: &[&str] = &[
    "Sub",
    "Join",
    "Select",
    "Split",
    "FindInMap",
    "ImportValue",
    "If",
    "Base64",
    "Cidr",
    "GetAZs",
    "Equals",
    "And",
    "Or",
    "Not",
    "Transform",
    "Length",
    "ToJsonString",
];

/// Parse a number written in YAML 1.2 core or JSON form.
#[must_use]
pub fn parse_number(t: &str) -> Option<f64> {
    let t = t.trim();
    if let Some(h) = t.strip_prefix("0x") {
        return i64::from_str_radix(h, 16).ok().map(|v| v as f64);
    }
    if let Some(o) = t.strip_prefix("0o") {
        return i64::from_str_radix(o, 8).ok().map(|v| v as f64);
    }
    match t {
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    t.parse::<f64>().ok()
}

/// YAML 1.2 core-schema resolution of a plain scalar.
fn plain_kind(t: &str) -> Kind {
    match t {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        ".nan" | ".NaN" | ".NAN" => Kind::Number,
        _ => {
            let b = t.as_bytes();
            let first_ok = b
                .first()
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'));
            if first_ok
                && (t.starts_with("0x")
                    || t.starts_with("0o")
                    || t.contains(".inf")
                    || t.contains(".Inf")
                    || (t.bytes().any(|c| c.is_ascii_digit())
                        && t.bytes().all(|c| {
                            c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
                        })
                        && t.parse::<f64>().is_ok()))
                && parse_number(t).is_some()
            {
                Kind::Number
            } else {
                Kind::Str
            }
        }
    }
}

fn tag_text(tag: Option<&Cow<'_, saphyr_parser::Tag>>) -> Option<Box<str>> {
    tag.map(|t| {
        let s = if t.handle == "tag:yaml.org,2002:" {
            format!("!!{}", t.suffix)
        } else {
            format!("{}{}", t.handle, t.suffix)
        };
        s.into_boxed_str()
    })
}

/// Parse YAML text. Only the first document is kept; later ones are reported.
#[must_use]
pub fn parse_yaml(text: &str) -> Doc {
    let cm = CharMap::new(text);
    let mut doc = Doc {
        src: text.into(),
        ..Doc::default()
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    let mut sizes: Vec<u64> = Vec::new();
    let mut documents = 0usize;
    let mut in_first = true;

    // Attach a finished node to its parent (or make it the root).
    fn attach(
        doc: &mut Doc,
        stack: &mut [Frame],
        id: NodeId,
        size: u64,
        in_first: bool,
        text: &str,
    ) {
        match stack.last_mut() {
            None => {
                if in_first && doc.root.is_none() {
                    doc.root = Some(id);
                }
            }
            Some(Frame::Seq { items, size: s, .. }) => {
                items.push(id);
                *s = s.saturating_add(size);
            }
            Some(Frame::Map {
                entries,
                pending,
                seen,
                size: s,
                ..
            }) => {
                *s = s.saturating_add(size);
                match pending.take() {
                    None => {
                        *pending = Some(id);
                        // Duplicate check on scalar keys: linear for small maps, hashed beyond 16.
                        let Some(n) = doc.nodes.get(id as usize) else {
                            return;
                        };
                        if matches!(n.kind, Kind::Map(_) | Kind::Seq(_) | Kind::Alias(_)) {
                            return;
                        }
                        let kt: &str = doc.text_of(n);
                        if kt == "<<" && !n.quoted {
                            doc.has_merge = true;
                            return;
                        }
                        if entries.len() == 16 && seen.is_empty() {
                            for &(k0, _) in entries.iter() {
                                if let Some(t) = doc.nodes.get(k0 as usize) {
                                    seen.entry(doc.text_of(t).into()).or_insert(k0);
                                }
                            }
                        }
                        let first = if seen.is_empty() {
                            entries.iter().find_map(|&(k0, _)| {
                                (doc.nodes.get(k0 as usize).map(|t| doc.text_of(t)) == Some(kt))
                                    .then_some(k0)
                            })
                        } else {
                            seen.get(kt).copied()
                        };
                        match first {
                            Some(first) => {
                                let first_r = doc.range(first);
                                let line = text
                                    .get(..first_r.start as usize)
                                    .map_or(0, |p| p.bytes().filter(|&c| c == b'\n').count() + 1);
                                let message = format!(
                                    "duplicate key `{kt}`: it is already defined on line {line}, and parsers silently keep only the last value"
                                );
                                let r = doc.range(id);
                                doc.problems.push(Problem {
                                    kind: ProblemKind::DuplicateKey,
                                    range: r,
                                    message,
                                    related: Some(first_r),
                                });
                            }
                            None if !seen.is_empty() => {
                                let owned: Box<str> = kt.into();
                                seen.insert(owned, id);
                            }
                            None => {}
                        }
                    }
                    Some(k) => {
                        entries.push((k, id));
                        if let Some(n) = doc.nodes.get_mut(id as usize) {
                            if !matches!(n.kind, Kind::Alias(_)) {
                                n.key = Some(k);
                            }
                        }
                    }
                }
            }
        }
    }

    while let Some(ev) = parser.next_event() {
        let (event, span) = match ev {
            Ok(x) => x,
            Err(e) => {
                let start = cm.byte(e.marker().index());
                let end = text
                    .get(start..)
                    .and_then(|r| r.chars().next())
                    .map_or(start, |c| start + c.len_utf8());
                let info = e.info();
                let message = if info.contains("tab") {
                    format!(
                        "tab character used for indentation: YAML allows only spaces here ({info})"
                    )
                } else {
                    format!("YAML syntax error: {info}")
                };
                doc.problems.push(Problem {
                    kind: ProblemKind::Syntax,
                    range: range_of(start, end),
                    message,
                    related: None,
                });
                break;
            }
        };
        let start = cm.byte(span.start.index());
        let end = cm.byte(span.end.index()).max(start);
        let is_map = matches!(event, Event::MappingStart(..));
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents == 2 {
                    in_first = false;
                    doc.problems.push(Problem {
                        kind: ProblemKind::Syntax,
                        range: range_of(start, end.max(start + 1).min(text.len())),
                        message: "more than one YAML document in this file: AWS reads only one, the rest is ignored or rejected".into(),
                        related: None,
                    });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag_s = tag_text(tag.as_ref());
                let quoted = !matches!(style, ScalarStyle::Plain);
                let kind = match tag_s.as_deref() {
                    Some("!!str") => Kind::Str,
                    Some("!!int" | "!!float") => Kind::Number,
                    _ if quoted => Kind::Str,
                    _ => plain_kind(&value),
                };
                let kind = if matches!(kind, Kind::Number) && parse_number(&value).is_none() {
                    Kind::Str
                } else {
                    kind
                };
                let id = doc.push(Node {
                    kind,
                    range: range_of(start, end),
                    text: match value {
                        Cow::Borrowed(b) => Text::of(b, text),
                        // Plain scalars come back owned: point at the source when it reads the same.
                        Cow::Owned(o) => match (text.get(start..end), u32::try_from(end)) {
                            (Some(src), Ok(e)) if src == o => {
                                Text::Src(u32::try_from(start).unwrap_or(0), e)
                            }
                            _ => Text::Own(o.into_boxed_str()),
                        },
                    },
                    quoted,
                    tag: tag_s,
                    key: None,
                });
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                sizes.push(1);
                attach(&mut doc, &mut stack, id, 1, in_first, text);
            }
            Event::Alias(anchor) => {
                let target = anchors.get(&anchor).copied();
                let size = target
                    .and_then(|t| sizes.get(t as usize).copied())
                    .unwrap_or(1);
                let id = doc.push(Node {
                    kind: Kind::Alias(target),
                    range: range_of(start, end),
                    text: Text::Src(0, 0),
                    quoted: false,
                    tag: None,
                    key: None,
                });
                sizes.push(size);
                attach(&mut doc, &mut stack, id, size, in_first, text);
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                let id = doc.push(Node {
                    kind: if is_map {
                        Kind::Map(Vec::new())
                    } else {
                        Kind::Seq(Vec::new())
                    },
                    range: range_of(start, end),
                    text: Text::Src(0, 0),
                    quoted: false,
                    tag: tag_text(tag.as_ref()),
                    key: None,
                });
                sizes.push(1);
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                stack.push(if is_map {
                    Frame::Map {
                        id,
                        entries: Vec::new(),
                        pending: None,
                        seen: HashMap::new(),
                        size: 1,
                    }
                } else {
                    Frame::Seq {
                        id,
                        items: Vec::new(),
                        size: 1,
                    }
                });
                doc.max_depth = doc.max_depth.max(stack.len());
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (id, kind, size) = match frame {
                    Frame::Map {
                        id, entries, size, ..
                    } => (id, Kind::Map(entries), size),
                    Frame::Seq { id, items, size } => (id, Kind::Seq(items), size),
                };
                if let Some(n) = doc.nodes.get_mut(id as usize) {
                    n.kind = kind;
                    let e = end.max(n.range.start as usize);
                    n.range = range_of(n.range.start as usize, e);
                }
                if let Some(s) = sizes.get_mut(id as usize) {
                    *s = size;
                }
                attach(&mut doc, &mut stack, id, size, in_first, text);
            }
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
    }
    if let Some(root) = doc.root {
        let total = sizes.get(root as usize).copied().unwrap_or(0);
        if total > ALIAS_BUDGET {
            // Blame the alias on the path of largest expansion.
            let mut cur = root;
            let mut guard = 0;
            loop {
                guard += 1;
                if guard > MAX_DEPTH {
                    break;
                }
                let children: Vec<NodeId> = match doc.raw(cur).map(|n| &n.kind) {
                    Some(Kind::Map(e)) => e.iter().map(|&(_, v)| v).collect(),
                    Some(Kind::Seq(v)) => v.clone(),
                    _ => break,
                };
                let Some(&next) = children
                    .iter()
                    .max_by_key(|&&c| sizes.get(c as usize).copied().unwrap_or(0))
                else {
                    break;
                };
                cur = next;
                if matches!(doc.raw(cur).map(|n| &n.kind), Some(Kind::Alias(_))) {
                    break;
                }
            }
            doc.problems.push(Problem {
                kind: ProblemKind::AliasLimit,
                range: doc.range(cur),
                message: format!(
                    "alias expansion makes this document over {ALIAS_BUDGET} nodes (\"billion laughs\"); tools that expand aliases will exhaust memory"
                ),
                related: None,
            });
        }
    }
    doc
}

/// Parse JSON text strictly (no comments, no trailing commas, no unquoted names).
#[must_use]
pub fn parse_json(text: &str) -> Doc {
    use jsonc_parser::ast::{ObjectPropName, Value};
    let mut doc = Doc {
        is_json: true,
        src: text.into(),
        ..Doc::default()
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let opts = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        match jsonc_parser::parse_to_ast(body, &jsonc_parser::CollectOptions::default(), &opts) {
            Ok(p) => p,
            Err(e) => {
                let r = e.range();
                let start = (r.start + offset).min(text.len());
                let end = (r.end + offset).max(start).min(text.len());
                let end = if end == start {
                    text.get(start..)
                        .and_then(|s| s.chars().next())
                        .map_or(start, |c| start + c.len_utf8())
                } else {
                    end
                };
                doc.problems.push(Problem {
                    kind: ProblemKind::Syntax,
                    range: range_of(start, end),
                    message: format!("JSON syntax error: {}", e.kind()),
                    related: None,
                });
                return doc;
            }
        };
    let Some(value) = parsed.value else {
        return doc;
    };

    fn conv(doc: &mut Doc, v: &Value<'_>, offset: usize, depth: usize, text: &str) -> NodeId {
        doc.max_depth = doc.max_depth.max(depth);
        let mk = |kind: Kind, r: &jsonc_parser::common::Range, t: &str, quoted: bool| Node {
            kind,
            range: range_of(r.start + offset, r.end + offset),
            text: Text::of(t, text),
            quoted,
            tag: None,
            key: None,
        };
        match v {
            Value::StringLit(s) => doc.push(mk(Kind::Str, &s.range, &s.value, true)),
            Value::NumberLit(n) => doc.push(mk(Kind::Number, &n.range, n.value, false)),
            Value::BooleanLit(b) => doc.push(mk(
                Kind::Bool(b.value),
                &b.range,
                if b.value { "true" } else { "false" },
                false,
            )),
            Value::NullKeyword(n) => doc.push(mk(Kind::Null, &n.range, "null", false)),
            Value::Array(a) => {
                let id = doc.push(mk(Kind::Seq(Vec::new()), &a.range, "", false));
                let items: Vec<NodeId> = a
                    .elements
                    .iter()
                    .map(|e| conv(doc, e, offset, depth + 1, text))
                    .collect();
                if let Some(n) = doc.nodes.get_mut(id as usize) {
                    n.kind = Kind::Seq(items);
                }
                id
            }
            Value::Object(o) => {
                let id = doc.push(mk(Kind::Map(Vec::new()), &o.range, "", false));
                let mut entries = Vec::with_capacity(o.properties.len());
                // Linear duplicate check for small objects, a hash map beyond.
                let mut seen: HashMap<&str, NodeId> = HashMap::new();
                let big = o.properties.len() > 16;
                for p in &o.properties {
                    let (name, r) = match &p.name {
                        ObjectPropName::String(s) => (&*s.value, &s.range),
                        ObjectPropName::Word(w) => (w.value, &w.range),
                    };
                    let k = doc.push(mk(Kind::Str, r, name, true));
                    let dup = if big {
                        seen.get(name).copied()
                    } else {
                        entries.iter().find_map(|&(k0, _): &(NodeId, NodeId)| {
                            (doc.nodes.get(k0 as usize).map(|n| doc.text_of(n)) == Some(name))
                                .then_some(k0)
                        })
                    };
                    if let Some(first) = dup {
                        let first_r = doc.range(first);
                        let line = text
                            .get(..first_r.start as usize)
                            .map_or(0, |p| p.bytes().filter(|&c| c == b'\n').count() + 1);
                        doc.problems.push(Problem {
                            kind: ProblemKind::DuplicateKey,
                            range: doc.range(k),
                            message: format!(
                                "duplicate key `{name}`: it is already defined on line {line}, and parsers silently keep only the last value"
                            ),
                            related: Some(first_r),
                        });
                    } else if big {
                        seen.insert(name, k);
                    }
                    let v = conv(doc, &p.value, offset, depth + 1, text);
                    if let Some(n) = doc.nodes.get_mut(v as usize) {
                        n.key = Some(k);
                    }
                    entries.push((k, v));
                }
                if let Some(n) = doc.nodes.get_mut(id as usize) {
                    n.kind = Kind::Map(entries);
                }
                id
            }
        }
    }
    let root = conv(&mut doc, &value, offset, 1, text);
    doc.root = Some(root);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spans_are_bytes() {
        let t = "a: \"é€😀\"\nbé: x\n";
        let d = parse_yaml(t);
        let root = d.root.unwrap();
        let v = d.get(root, "bé").unwrap();
        let r = d.range(v);
        assert_eq!(&t[r.start as usize..r.end as usize], "x");
        assert_eq!(d.str(v), Some("x"));
    }

    #[test]
    fn duplicate_keys_and_merge() {
        let t = "base: &b\n  x: 1\nm:\n  <<: *b\n  y: 2\n  y: 3\n";
        let d = parse_yaml(t);
        let root = d.root.unwrap();
        let m = d.get(root, "m").unwrap();
        assert!(d.get(m, "x").is_some());
        assert_eq!(d.problems.len(), 1);
        assert_eq!(d.problems[0].kind, ProblemKind::DuplicateKey);
    }

    #[test]
    fn duplicates_in_large_maps() {
        let mut y = String::new();
        let mut j = String::from("{");
        for i in 0..40 {
            y.push_str(&format!("k{i}: {i}\n"));
            j.push_str(&format!("\"k{i}\": {i}, "));
        }
        y.push_str("k3: again\nk30: again\n");
        j.push_str("\"k3\": 0, \"k30\": 0}");
        for d in [parse_yaml(&y), parse_json(&j)] {
            let dups: Vec<&str> = d
                .problems
                .iter()
                .filter(|p| p.kind == ProblemKind::DuplicateKey)
                .map(|p| p.message.as_str())
                .collect();
            assert_eq!(dups.len(), 2, "{dups:?}");
            assert!(
                dups[0].contains("`k3`") && dups[1].contains("`k30`"),
                "{dups:?}"
            );
        }
    }

    #[test]
    fn merge_key_chains_are_linear() {
        let mut t = String::from("m0: &m0 {a: 1}\n");
        for i in 1..15 {
            let refs = vec![format!("*m{}", i - 1); 8].join(", ");
            t.push_str(&format!("m{i}: &m{i} {{<<: [{refs}], k{i}: {i}}}\n"));
        }
        let d = parse_yaml(&t);
        let root = d.root.unwrap();
        let last = d.get(root, "m14").unwrap();
        let start = std::time::Instant::now();
        assert!(d.get(last, "a").is_some());
        assert!(d.get(last, "missing").is_none());
        assert!(start.elapsed().as_millis() < 500);
    }

    #[test]
    fn big_maps_are_indexed_with_first_key_winning() {
        let mut t = String::from("{");
        for i in 0..100 {
            t.push_str(&format!("\"k{i}\": {i}, "));
        }
        t.push_str("\"k5\": \"again\", \"obj\": {\"k1\": 1}}");
        let d = parse_json(&t);
        let root = d.root.unwrap();
        for _ in 0..2 {
            assert_eq!(d.scalar(d.get(root, "k5").unwrap()), Some("5"));
            assert_eq!(d.scalar(d.get(root, "k99").unwrap()), Some("99"));
            assert!(d.get(root, "k100").is_none());
            let obj = d.get(root, "obj").unwrap();
            assert!(d.get(obj, "k1").is_some());
        }
    }

    #[test]
    fn json_duplicate_and_ranges() {
        let t = "{\"a\": 1, \"b\": [true, null], \"a\": \"x\"}";
        let d = parse_json(t);
        assert_eq!(d.problems.len(), 1);
        let r = d.problems[0].range;
        assert_eq!(&t[r.start as usize..r.end as usize], "\"a\"");
    }

    #[test]
    fn yaml_flow_mapping_falls_back_from_json() {
        let d = parse("{openapi: 3.0.0, info: {title: t}}", false);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert!(!d.is_json);
        let d = parse("{\"a\": 1,}", true);
        assert_eq!(d.problems.len(), 1);
    }

    #[test]
    fn plain_scalar_typing() {
        let d = parse_yaml("a: 0.0\nb: \"0.0\"\nc: yes\nd: 0644\ne: 1e3\nf: 1.2.3\n");
        let root = d.root.unwrap();
        assert_eq!(d.kind(d.get(root, "a").unwrap()), Some(&Kind::Number));
        assert_eq!(d.kind(d.get(root, "b").unwrap()), Some(&Kind::Str));
        assert_eq!(d.bool11(d.get(root, "c").unwrap()), Some(true));
        assert_eq!(d.kind(d.get(root, "d").unwrap()), Some(&Kind::Number));
        assert_eq!(d.kind(d.get(root, "f").unwrap()), Some(&Kind::Str));
    }
}
