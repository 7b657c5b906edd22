//! Which query rules can match a file, judged from its text before any query runs.
//!
//! Most query rules look for one API: `hashlib.md5`, a `set_cookie` call, a `flask` import. Their
//! patterns say so in predicates (`#eq? @m "set_cookie"`, `#vigil-resolves-to? @fn "hashlib.md5"`,
//! `#vigil-imports? "flask"`), and a file whose text never spells the word cannot match them. A
//! rule's *gate* is that necessary condition, derived from its patterns alone: the rule may match
//! only if one of its patterns has, for each of its clauses, one of the clause's words in the file
//! (names as whole identifiers, the text of an `#eq?` capture anywhere). Rules whose patterns give
//! no clause (`bare-except`) have no gate.
//!
//! The derivation only ever uses conditions that every match satisfies, so a gate can make a rule
//! cost less, never lose a finding:
//! - `#eq?` and `#any-of?` count only on captures that every match has (tree-sitter accepts a
//!   text predicate on a capture that matched no node): not under `?` or `*`, and in every branch
//!   of an alternation. A test checks this analysis against tree-sitter's own capture quantifiers
//!   for every built-in rule.
//! - A qualified name (`#vigil-resolves-to?`) is spelled in the file by its last segment (the
//!   member or type name is written at the use, the import or the alias). With
//!   [`QualifiedText::AllSegments`] (Python, whose names only come from imports written in the file,
//!   and `builtins.`) the first segment is too; not in Java (`java.lang` and the file's own package
//!   are implicit).
//! - `#vigil-resolves-match?` regexes give the literal segments every match starts with (anchored
//!   with `^`, [`QualifiedText::AllSegments`] only) or ends with (anchored with `$`).
//! - `#vigil-imports?` modules are spelled in an import, every segment.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Look;

/// Which segments of a qualified name a file that uses the name necessarily spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifiedText {
    /// Every segment but a `builtins.` prefix (Python: names resolve only through the imports
    /// written in the file, or to builtins).
    AllSegments,
    /// The last segment only (Java: `java.lang`, the file's package and on-demand imports supply
    /// the rest implicitly).
    LastSegment,
}

/// A clause: the file must spell one of these words (as a whole identifier, or anywhere when
/// marked with [`SUBSTRING`]).
pub(crate) type Clause = BTreeSet<String>;

/// Marks a clause word that may appear inside a longer token (the text of an `#eq?` capture).
pub(crate) const SUBSTRING: char = '~';

/// A rule's gate: the rule may match when, for one of its patterns, every clause holds. `None`
/// when some pattern has no clause (the rule may match any file).
pub(crate) fn rule_gate(source: &str, names: QualifiedText) -> Option<Vec<Vec<Clause>>> {
    let patterns = parse(source);
    let mut out = Vec::with_capacity(patterns.len());
    for p in &patterns {
        let clauses = clauses(p, names);
        if clauses.is_empty() {
            return None;
        }
        out.push(clauses);
    }
    (!out.is_empty()).then_some(out)
}

/// The words every file must spell for this pattern to match, as clauses (any word of each).
fn clauses(p: &Pattern, names: QualifiedText) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut push = |c: Option<Clause>| {
        if let Some(c) = c.filter(|c| {
            !c.is_empty()
                && c.iter()
                    .all(|w| is_word(w.strip_prefix(SUBSTRING).unwrap_or(w)))
        }) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    };
    for pred in &p.preds {
        let strings: Vec<&str> = pred
            .args
            .iter()
            .filter_map(|a| match a {
                Arg::Str(s) => Some(s.as_str()),
                Arg::Capture(_) => None,
            })
            .collect();
        let first_capture = match pred.args.first() {
            Some(Arg::Capture(c)) => Some(c.as_str()),
            _ => None,
        };
        let mandatory = first_capture.is_some_and(|c| p.mandatory.contains(c));
        match pred.op.as_str() {
            // `#eq? @a @b` compares two captures: no word.
            "eq?" | "any-of?"
                if mandatory && pred.args.len() >= 2 && strings.len() + 1 == pred.args.len() =>
            {
                // A substring, not a whole word: the node may be a string fragment next to an
                // escape sequence (`"\nGET"`), not an identifier.
                push(Some(
                    strings.iter().map(|s| format!("{SUBSTRING}{s}")).collect(),
                ));
            }
            "vigil-resolves-to?" if first_capture.is_some() && !strings.is_empty() => {
                push(Some(strings.iter().map(|s| last_segment(s)).collect()));
                if names == QualifiedText::AllSegments
                    && !strings.iter().any(|s| s.starts_with("builtins."))
                {
                    push(Some(strings.iter().map(|s| first_segment(s)).collect()));
                }
            }
            "vigil-resolves-match?" if first_capture.is_some() => {
                if let Some(re) = strings.first() {
                    if names == QualifiedText::AllSegments {
                        push(regex_segments(re, ExtractKind::Prefix));
                    }
                    push(regex_segments(re, ExtractKind::Suffix));
                }
            }
            "vigil-imports?" if !strings.is_empty() => {
                push(Some(strings.iter().map(|s| last_segment(s)).collect()));
                push(Some(strings.iter().map(|s| first_segment(s)).collect()));
            }
            _ => {}
        }
    }
    out
}

fn last_segment(s: &str) -> String {
    s.rsplit('.').next().unwrap_or(s).to_owned()
}

fn first_segment(s: &str) -> String {
    s.split('.').next().unwrap_or(s).to_owned()
}

/// The whole first (or last) segments of the qualified names `re` can match, when `re` is anchored
/// at that end and every literal it starts (ends) with reaches a `.`: `^(requests|httpx)\.` gives
/// `requests`, `httpx`. `None` when the regex does not pin them down.
fn regex_segments(re: &str, kind: ExtractKind) -> Option<Clause> {
    let hir = regex_syntax::Parser::new().parse(re).ok()?;
    let props = hir.properties();
    let prefix = matches!(kind, ExtractKind::Prefix);
    let anchored = if prefix {
        props.look_set_prefix().contains(Look::Start)
    } else {
        props.look_set_suffix().contains(Look::End)
    };
    if !anchored {
        return None;
    }
    let mut ex = Extractor::new();
    // Small limits: a class or repetition big enough to hit them leaves no whole segment anyway.
    ex.kind(kind)
        .limit_class(4)
        .limit_repeat(4)
        .limit_literal_len(64)
        .limit_total(64);
    let seq = ex.extract(&hir);
    let lits = seq.literals()?;
    let mut out = Clause::new();
    for lit in lits {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?;
        let seg = if prefix {
            s.split_once('.')?.0
        } else {
            s.rsplit_once('.')?.1
        };
        out.insert(seg.to_owned());
    }
    (!out.is_empty()).then_some(out)
}

/// An identifier that a file must spell as a whole word (ASCII, as every built-in pattern's).
fn is_word(w: &str) -> bool {
    let mut b = w.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_' || c == b'$')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
}

/// The words of every gate, searched for in one pass over a file's text.
#[derive(Debug)]
pub(crate) struct Words {
    words: Vec<String>,
    matcher: Option<AhoCorasick>,
}

impl Words {
    /// `words`: whole identifiers, or substrings when they start with [`SUBSTRING`].
    pub(crate) fn new(words: Vec<String>) -> Self {
        // Every occurrence of every word (overlapping): a whole word may sit inside another
        // word's match, and a substring anywhere.
        let needles: Vec<&str> = words
            .iter()
            .map(|w| w.strip_prefix(SUBSTRING).unwrap_or(w))
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&needles)
            .ok();
        Self { words, matcher }
    }

    pub(crate) fn index_of(&self, w: &str) -> Option<usize> {
        self.words.iter().position(|x| x == w)
    }

    /// Which words `text` spells (whole identifiers, or anywhere for substrings). All of them
    /// when the matcher could not be built (never for the built-in words; then every gate is open).
    pub(crate) fn present(&self, text: &str) -> Vec<bool> {
        let Some(m) = &self.matcher else {
            return vec![true; self.words.len()];
        };
        let bytes = text.as_bytes();
        let mut seen = vec![false; self.words.len()];
        for hit in m.find_overlapping_iter(text) {
            let i = hit.pattern().as_usize();
            if seen.get(i).copied().unwrap_or(true) {
                continue;
            }
            let whole = self.words.get(i).is_some_and(|w| !w.starts_with(SUBSTRING));
            let before = hit
                .start()
                .checked_sub(1)
                .and_then(|i| bytes.get(i))
                .copied();
            let after = bytes.get(hit.end()).copied();
            // A digit may precede a name (`1if`); a letter, `_`, `$` or a non-ASCII byte would
            // make it part of a longer identifier.
            let starts = before.is_none_or(|b| !(b.is_ascii_alphabetic() || is_other_ident(b)));
            let ends = after.is_none_or(|b| !(b.is_ascii_alphanumeric() || is_other_ident(b)));
            if !whole || (starts && ends) {
                if let Some(s) = seen.get_mut(i) {
                    *s = true;
                }
            }
        }
        seen
    }
}

fn is_other_ident(b: u8) -> bool {
    b == b'_' || b == b'$' || b >= 0x80
}

/// One top-level pattern: the captures every match has, and its predicates (tree-sitter applies a
/// predicate to the whole pattern wherever it is written).
#[derive(Debug, Default)]
pub(crate) struct Pattern {
    pub(crate) mandatory: BTreeSet<String>,
    pub(crate) preds: Vec<Pred>,
}

#[derive(Debug)]
pub(crate) struct Pred {
    pub(crate) op: String,
    pub(crate) args: Vec<Arg>,
}

#[derive(Debug)]
pub(crate) enum Arg {
    Capture(String),
    Str(String),
}

/// Split a query source into its top-level patterns. Lenient: text it does not understand makes a
/// capture optional or a predicate disappear (a weaker gate), never the reverse. Call only on
/// sources tree-sitter accepted.
pub(crate) fn parse(source: &str) -> Vec<Pattern> {
    let chars: Vec<char> = source.chars().collect();
    let mut p = Parser { s: &chars, i: 0 };
    let mut out = Vec::new();
    loop {
        p.skip_space();
        if p.i >= p.s.len() {
            break;
        }
        let before = p.i;
        let mut preds = Vec::new();
        if let Item::Element(mandatory) = p.item(&mut preds, 0) {
            out.push(Pattern { mandatory, preds });
        }
        if p.i == before {
            p.i += 1; // a stray character: never loop
        }
    }
    out
}

enum Item {
    /// A node pattern, with the captures present whenever it matched.
    Element(BTreeSet<String>),
    /// A predicate, field name, anchor or negated field.
    Other,
    /// The end of a group.
    Close,
}

pub(crate) struct Parser<'a> {
    pub(crate) s: &'a [char],
    pub(crate) i: usize,
}

const MAX_NESTING: usize = 256;

impl Parser<'_> {
    pub(crate) fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    pub(crate) fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if c == ';' {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
            } else if c.is_whitespace() {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    pub(crate) fn name(&mut self) -> String {
        let start = self.i;
        while self.peek().is_some_and(is_name_char) {
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    pub(crate) fn string(&mut self) -> String {
        // At the opening quote.
        self.i += 1;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                '"' => break,
                '\\' => {
                    let Some(e) = self.peek() else { break };
                    self.i += 1;
                    out.push(match e {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '0' => '\0',
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
        out
    }

    fn item(&mut self, preds: &mut Vec<Pred>, depth: usize) -> Item {
        self.skip_space();
        let Some(c) = self.peek() else {
            return Item::Close;
        };
        if depth > MAX_NESTING {
            self.i = self.s.len();
            return Item::Close;
        }
        let mut mandatory = match c {
            ')' | ']' => {
                self.i += 1;
                return Item::Close;
            }
            '(' if self.s[self.i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| c == '#') =>
            {
                while self.peek() != Some('#') {
                    self.i += 1;
                }
                self.i += 1;
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| !c.is_whitespace() && c != ')' && c != '(')
                {
                    self.i += 1;
                }
                let op: String = self.s[start..self.i].iter().collect();
                let mut args = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some('@') => {
                            self.i += 1;
                            args.push(Arg::Capture(self.name()));
                        }
                        Some('"') => args.push(Arg::Str(self.string())),
                        Some(')') => {
                            self.i += 1;
                            break;
                        }
                        None => break,
                        Some(_) => {
                            let before = self.i;
                            let _ = self.name();
                            if self.i == before {
                                self.i += 1;
                            }
                        }
                    }
                }
                preds.push(Pred { op, args });
                return Item::Other;
            }
            '(' => {
                self.i += 1;
                let mut all = BTreeSet::new();
                loop {
                    match self.item(preds, depth + 1) {
                        Item::Element(m) => all.extend(m),
                        Item::Other => {}
                        Item::Close => break,
                    }
                }
                all
            }
            '[' => {
                self.i += 1;
                let mut common: Option<BTreeSet<String>> = None;
                loop {
                    match self.item(preds, depth + 1) {
                        Item::Element(m) => {
                            common = Some(match common {
                                None => m,
                                Some(c) => c.intersection(&m).cloned().collect(),
                            });
                        }
                        Item::Other => {}
                        Item::Close => break,
                    }
                }
                common.unwrap_or_default()
            }
            '"' => {
                let _ = self.string();
                BTreeSet::new()
            }
            '.' => {
                self.i += 1;
                return Item::Other;
            }
            '!' => {
                self.i += 1;
                let _ = self.name();
                return Item::Other;
            }
            _ => {
                let n = self.name();
                if n.is_empty() {
                    self.i += 1;
                    return Item::Other;
                }
                if self.peek() == Some(':') {
                    self.i += 1;
                    return Item::Other; // a field name
                }
                BTreeSet::new()
            }
        };
        // Suffixes: quantifiers and captures, in any order.
        let mut optional = false;
        loop {
            self.skip_space();
            match self.peek() {
                Some('?' | '*') => {
                    optional = true;
                    self.i += 1;
                }
                Some('+') => self.i += 1,
                Some('@') => {
                    self.i += 1;
                    mandatory.insert(self.name());
                }
                _ => break,
            }
        }
        if optional {
            mandatory.clear();
        }
        Item::Element(mandatory)
    }
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '(' | ')' | '[' | ']' | '"' | ';' | '@' | ':' | '?' | '*' | '+'
        )
}

/// Check this module's reading of the query `source` against tree-sitter's: the same number of
/// patterns, and every capture taken as present in every match is one tree-sitter quantifies as
/// one (or one or more). For the front ends' tests. Returns how many patterns were compared.
///
/// # Errors
/// A message naming the pattern that disagrees.
pub fn verify_gate_analysis(
    language: &tree_sitter::Language,
    source: &str,
) -> Result<usize, String> {
    use tree_sitter::CaptureQuantifier as Q;
    let query = tree_sitter::Query::new(language, source).map_err(|e| e.to_string())?;
    let mine = parse(source);
    if mine.len() != query.pattern_count() {
        return Err(format!(
            "{} patterns read, tree-sitter has {}",
            mine.len(),
            query.pattern_count()
        ));
    }
    for (i, p) in mine.iter().enumerate() {
        for c in &p.mandatory {
            let q = query
                .capture_index_for_name(c)
                .and_then(|ix| query.capture_quantifiers(i).get(ix as usize).copied());
            if !matches!(q, Some(Q::One | Q::OneOrMore)) {
                return Err(format!(
                    "pattern {i}: `@{c}` read as always present, tree-sitter says {q:?}"
                ));
            }
        }
    }
    Ok(mine.len())
}

/// [`verify_gate_analysis`] over every query rule of `rules`.
///
/// # Errors
/// A message naming the rule and pattern that disagree.
pub fn verify_rule_gates<'a>(
    language: &tree_sitter::Language,
    rules: impl IntoIterator<Item = &'a std::sync::Arc<vigil_core::rule::Rule>>,
) -> Result<usize, String> {
    let mut n = 0;
    for rule in rules {
        if let vigil_core::rule::Implementation::Query(spec) = &rule.implementation {
            n += verify_gate_analysis(language, &spec.pattern)
                .map_err(|e| format!("{}: {e}", rule.id))?;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(src: &str, names: QualifiedText) -> Option<Vec<Vec<Vec<String>>>> {
        rule_gate(src, names).map(|ps| {
            ps.into_iter()
                .map(|cs| cs.into_iter().map(|c| c.into_iter().collect()).collect())
                .collect()
        })
    }

    #[test]
    fn words_from_predicates() {
        let src = r#"(call function: (_) @fn
  (#vigil-resolves-to? @fn "hashlib.md5" "hashlib.sha1")) @report
(call function: (attribute attribute: (identifier) @m) (#eq? @m "set_cookie") (#vigil-imports? "flask.app"))"#;
        assert_eq!(
            gate(src, QualifiedText::AllSegments),
            Some(vec![
                vec![vec!["md5".into(), "sha1".into()], vec!["hashlib".into()]],
                vec![
                    vec!["~set_cookie".into()],
                    vec!["app".into()],
                    vec!["flask".into()]
                ],
            ])
        );
        // Java: the package of a qualified name may be implicit.
        assert_eq!(
            gate(src, QualifiedText::LastSegment).map(|g| g[0].clone()),
            Some(vec![vec!["md5".into(), "sha1".into()]])
        );
    }

    #[test]
    fn optional_captures_and_negations_give_no_word() {
        // `@m` may be absent (tree-sitter then accepts `#eq?`); negative predicates say nothing.
        for src in [
            r#"(call function: (attribute attribute: (identifier) @m)? (#eq? @m "run"))"#,
            r#"(call [(identifier) @m (string)] (#eq? @m "run"))"#,
            r#"(call function: (_) @fn (#vigil-not-resolves-to? @fn "os.system"))"#,
            r#"(call function: (_) @fn (#not-eq? @fn "system"))"#,
            r#"(call function: (_) @fn (#eq? @fn "a b"))"#,
            r#"(call (#eq? @fn "run")) (except_clause)"#,
        ] {
            assert_eq!(gate(src, QualifiedText::AllSegments), None, "{src}");
        }
        // In every branch of an alternation: present in every match.
        assert!(gate(
            r#"(except_clause [(identifier) @t (as_pattern (identifier) @t)] (#any-of? @t "Exception"))"#,
            QualifiedText::AllSegments
        )
        .is_some());
    }

    #[test]
    fn builtins_and_regexes() {
        // `builtins.open` is spelled `open`, with no `builtins` anywhere.
        assert_eq!(
            gate(
                r#"(call function: (_) @f (#vigil-resolves-to? @f "builtins.open" "io.open"))"#,
                QualifiedText::AllSegments
            ),
            Some(vec![vec![vec!["open".into()]]])
        );
        assert_eq!(
            gate(
                r#"(call function: (_) @f (#vigil-resolves-match? @f "^(requests|httpx)\\.[a-z_]+$"))"#,
                QualifiedText::AllSegments
            ),
            Some(vec![vec![vec!["httpx".into(), "requests".into()]]])
        );
        assert_eq!(
            gate(
                r#"(call function: (_) @f (#vigil-resolves-match? @f "^paramiko(\\.client)?\\.(AutoAddPolicy|WarningPolicy)$"))"#,
                QualifiedText::LastSegment
            ),
            Some(vec![vec![vec![
                "AutoAddPolicy".into(),
                "WarningPolicy".into()
            ]]])
        );
        // Unanchored, or a partial segment: nothing is certain.
        for re in [r"(requests|httpx)\\.get", r"^a|b\\.c", r"^req[a-z]+\\.get"] {
            let src = format!(r#"(call function: (_) @f (#vigil-resolves-match? @f "{re}"))"#);
            assert_eq!(gate(&src, QualifiedText::AllSegments), None, "{re}");
        }
    }

    #[test]
    fn whole_words_only() {
        let w = Words::new(vec!["md5".into(), "Crypto".into(), "Cryptodome".into()]);
        assert_eq!(w.present("x = hashlib.md5(b)"), vec![true, false, false]);
        assert_eq!(w.present("my_md5 = md5x + amd5"), vec![false, false, false]);
        assert_eq!(
            w.present("from Cryptodome import X"),
            vec![false, false, true]
        );
        assert_eq!(w.present("import Crypto.Cipher"), vec![false, true, false]);
        assert_eq!(w.present("ñmd5 = 1if md5 else 0"), vec![true, false, false]);
        // The text of an `#eq?` capture may be a string fragment after an escape (Java splits
        // `"\nGET"` into `\n` and `GET`): a substring, not a whole word.
        let w = Words::new(vec!["GET".into(), "~GET".into()]);
        assert_eq!(w.present(r#"m = "\nGET";"#), vec![false, true]);
        assert_eq!(w.present("x.GET()"), vec![true, true]);
    }
}
