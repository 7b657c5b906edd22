//! Suppression comments: `vigil-ignore[rule-id, ...]: reason`.
//!
//! A suppression is a line comment (`//` in Java, `#` in Python and YAML) of the form
//!
//! ```text
//! // vigil-ignore[java/weak-hash]: checksum for a cache key, not for security
//! # vigil-ignore[python/subprocess-shell-true, python/eval-injection]: input is a constant table
//! # vigil-ignore[security]: whole category
//! # vigil-ignore[*]: every rule
//! ```
//!
//! It silences findings that **start** on:
//! - the line the comment is on (a trailing comment), or
//! - the next line, when the comment stands alone on its line; several such comment lines stacked
//!   directly above a line all apply to it.
//!
//! The brackets list rule ids, category names (`security`, `quality`, ...) or `*`. The reason after the
//! colon is optional but recommended; it is kept with the suppressed finding. Suppressed findings are not
//! reported nor uploaded, but they stay in the [`crate::ScanReport`] (`suppressed`).

use std::collections::BTreeMap;

/// The marker that starts a suppression.
pub const MARKER: &str = "vigil-ignore[";

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub comment_line: u32,
    /// Rule ids, category names or `*`.
    pub selectors: Vec<String>,
    pub reason: Option<String>,
}

impl Suppression {
    /// Whether this suppression covers a finding of rule `rule_id` in category `category`.
    #[must_use]
    pub fn covers(&self, rule_id: &str, category: &str) -> bool {
        self.selectors
            .iter()
            .any(|s| s == "*" || s == rule_id || s == category)
    }
}

/// The suppressions of one file, by the line they apply to.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    all: Vec<Suppression>,
    /// 1-based line → indices into `all`.
    by_line: BTreeMap<u32, Vec<usize>>,
    /// Comments that mention `vigil-ignore` but are not a valid suppression: (line, why).
    malformed: Vec<(u32, String)>,
}

/// How a language writes comments, for [`comments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentSyntax {
    /// `//` and `/* */`; strings `"..."`, chars `'.'`, text blocks `"""..."""`.
    Java,
    /// `#`; strings with `'`/`"`, triple-quoted, any prefix (`r`, `b`, `f`).
    Python,
    /// `#` at the start of a line or after a space; quoted scalars; block scalars (`|`, `>`).
    Yaml,
}

impl CommentSyntax {
    /// The syntax of files whose line comments start with `prefix` (`//` → Java); `yaml` picks YAML
    /// over Python for `#`.
    #[must_use]
    pub fn for_prefix(prefix: &str, yaml: bool) -> Self {
        match (prefix, yaml) {
            ("//", _) => Self::Java,
            (_, true) => Self::Yaml,
            _ => Self::Python,
        }
    }
}

/// One comment of a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment<'t> {
    /// 1-based line the comment starts on.
    pub line: u32,
    /// The comment's text without its opening (`//`, `#`, `/*`) and closing (`*/`).
    pub body: &'t str,
    /// Nothing but whitespace before it on its line.
    pub standalone: bool,
}

/// Every comment of `text`, found by a lexer that knows the language's string literals, so a marker
/// inside a string is never read as a comment. (A syntax tree's comment nodes give the same answer;
/// this needs no parse and works on files that do not parse.)
#[must_use]
pub fn comments(text: &str, syntax: CommentSyntax) -> Vec<Comment<'_>> {
    match syntax {
        CommentSyntax::Java => lex_c_like(text),
        CommentSyntax::Python => lex_python(text),
        CommentSyntax::Yaml => lex_yaml(text),
    }
}

fn line_no(text: &str, at: usize) -> u32 {
    let n = memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1;
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn standalone_at(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at].trim().is_empty()
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

fn lex_c_like(text: &str) -> Vec<Comment<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = line_end(text, i);
                out.push(Comment {
                    line: line_no(text, i),
                    body: &text[i + 2..end],
                    standalone: standalone_at(text, i),
                });
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(text.len(), |j| i + 2 + j);
                out.push(Comment {
                    line: line_no(text, i),
                    body: &text[i + 2..end],
                    standalone: standalone_at(text, i),
                });
                i = (end + 2).min(b.len());
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                let end = text[i + 3..]
                    .find("\"\"\"")
                    .map_or(text.len(), |j| i + 3 + j + 3);
                i = end;
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn lex_python(text: &str) -> Vec<Comment<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                let end = line_end(text, i);
                out.push(Comment {
                    line: line_no(text, i),
                    body: &text[i + 1..end],
                    standalone: standalone_at(text, i),
                });
                i = end;
            }
            q @ (b'"' | b'\'') => {
                // A raw string (`r"..."`) still ends at its quote; a backslash escapes the next byte
                // either way for finding the end.
                let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                if triple {
                    let close = [q, q, q];
                    let mut j = i + 3;
                    while j < b.len() && !b[j..].starts_with(&close) {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    i = (j + 3).min(b.len());
                } else {
                    i += 1;
                    while i < b.len() && b[i] != q && b[i] != b'\n' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn lex_yaml(text: &str) -> Vec<Comment<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    // Indentation of the line that opened a block scalar (`key: |`), while inside it.
    let mut block: Option<usize> = None;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                offset += raw.len();
                continue; // block scalar content: a `#` here is text
            }
            block = None;
        }
        let b = line.as_bytes();
        let mut i = 0;
        let mut comment_at = None;
        while i < b.len() {
            match b[i] {
                b'#' if i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t' => {
                    comment_at = Some(i);
                    break;
                }
                q @ (b'"' | b'\'') if starts_value(&line[..i]) => {
                    i += 1;
                    while i < b.len() {
                        // `''` inside '...' and `\x` inside "..." are escapes.
                        let escaped = (q == b'\'' && b[i] == b'\'' && b.get(i + 1) == Some(&b'\''))
                            || (q == b'"' && b[i] == b'\\');
                        if escaped {
                            i += 2;
                        } else if b[i] == q {
                            break;
                        } else {
                            i += 1;
                        }
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        let code = &line[..comment_at.unwrap_or(line.len())];
        if let Some(at) = comment_at {
            out.push(Comment {
                line: line_no(text, offset + at),
                body: &line[at + 1..],
                standalone: code.trim().is_empty(),
            });
        }
        let code = code.trim_end();
        let indicator = code.rsplit([' ', ':', '-']).next().unwrap_or("");
        if (indicator.starts_with('|') || indicator.starts_with('>'))
            && indicator
                .chars()
                .skip(1)
                .all(|c| matches!(c, '+' | '-' | '1'..='9'))
            && code.len() > indicator.len()
        {
            block = Some(indent);
        }
        offset += raw.len();
    }
    out
}

/// Whether a quote after `before` (the line so far) opens a quoted scalar: at the start of a value.
fn starts_value(before: &str) -> bool {
    let t = before.trim_end();
    t.is_empty()
        || t.ends_with(':')
        || t.ends_with('-')
        || t.ends_with('[')
        || t.ends_with('{')
        || t.ends_with(',')
        || t.ends_with('?')
}

/// Parse a comment body starting at `vigil-ignore`: `vigil-ignore[a, b]: reason`.
fn parse_marker(s: &str, comment_line: u32) -> Result<Suppression, String> {
    let Some(rest) = s.strip_prefix(MARKER) else {
        return Err(
            "`vigil-ignore` without `[rule-id]`: write `vigil-ignore[rule-id]: reason`; it suppresses nothing"
                .into(),
        );
    };
    let Some(close) = rest.find(']') else {
        return Err("`vigil-ignore[` without a closing `]`; it suppresses nothing".into());
    };
    let selectors: Vec<String> = rest[..close]
        .split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    if selectors.is_empty() {
        return Err("`vigil-ignore[]` names no rule; it suppresses nothing".into());
    }
    let after = rest[close + 1..].trim_start();
    let reason = after
        .strip_prefix(':')
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    Ok(Suppression {
        comment_line,
        selectors,
        reason,
    })
}

impl Suppressions {
    /// Parse every suppression comment of `text` whose line comments start with `comment_prefix`
    /// (`#` is read as Python; see [`Suppressions::parse_with`]).
    #[must_use]
    pub fn parse(text: &str, comment_prefix: &str) -> Self {
        Self::parse_with(text, CommentSyntax::for_prefix(comment_prefix, false))
    }

    /// Parse every suppression in the comments of `text` ([`comments`]): a marker in a string literal
    /// is not a suppression. Comments that mention `vigil-ignore` without being a valid suppression
    /// are kept in [`Suppressions::malformed`].
    #[must_use]
    pub fn parse_with(text: &str, syntax: CommentSyntax) -> Self {
        let mut out = Self::default();
        if memchr::memmem::find(text.as_bytes(), b"vigil-ignore").is_none() {
            return out;
        }
        // Line → (suppressions on it, whether standalone).
        let mut on_line: BTreeMap<u32, Vec<(usize, bool)>> = BTreeMap::new();
        for c in comments(text, syntax) {
            // `vigil-ignore[` anywhere in the comment, or a bare `vigil-ignore` opening it (prose that
            // merely mentions the word is not a suppression attempt).
            let trimmed = c.body.trim_start();
            let at = match c.body.find(MARKER) {
                Some(at) => at,
                None if trimmed.starts_with("vigil-ignore") => c.body.len() - trimmed.len(),
                None => continue,
            };
            let body = &c.body[at..];
            match parse_marker(body, c.line) {
                Ok(s) => {
                    if s.reason.is_none() {
                        out.malformed.push((
                            c.line,
                            "`vigil-ignore[...]` without a reason: add `: why this is safe` after the brackets".into(),
                        ));
                    }
                    out.all.push(s);
                    on_line
                        .entry(c.line)
                        .or_default()
                        .push((out.all.len() - 1, c.standalone));
                }
                Err(why) => out.malformed.push((c.line, why)),
            }
        }
        // A standalone comment applies to its own line and to the next line that is not a
        // standalone suppression comment (so stacked comments all reach the code below them).
        let mut pending: Vec<usize> = Vec::new();
        let mut last_line = 0;
        for (&line, entries) in &on_line {
            if !pending.is_empty() && line != last_line + 1 {
                out.by_line
                    .entry(last_line + 1)
                    .or_default()
                    .append(&mut pending);
            }
            let all_standalone = entries.iter().all(|(_, st)| *st);
            let here = out.by_line.entry(line).or_default();
            here.extend(entries.iter().map(|(i, _)| *i));
            if all_standalone {
                pending.extend(entries.iter().map(|(i, _)| *i));
            } else {
                here.append(&mut pending);
            }
            last_line = line;
        }
        if !pending.is_empty() {
            out.by_line
                .entry(last_line.saturating_add(1))
                .or_default()
                .append(&mut pending);
        }
        out
    }

    /// Comments that mention `vigil-ignore` but do not suppress as written, or suppress without a
    /// reason: (1-based line, why), for warning notices.
    #[must_use]
    pub fn malformed(&self) -> &[(u32, String)] {
        &self.malformed
    }

    /// The index (into [`Suppressions::all`]) of the suppression covering a finding, if any.
    #[must_use]
    pub fn find_index(&self, line: u32, rule_id: &str, category: &str) -> Option<usize> {
        self.by_line
            .get(&line)?
            .iter()
            .copied()
            .find(|&i| self.all.get(i).is_some_and(|s| s.covers(rule_id, category)))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Every suppression comment of the file, in order.
    #[must_use]
    pub fn all(&self) -> &[Suppression] {
        &self.all
    }

    /// The suppression covering a finding of `rule_id` (category `category`) starting on the 1-based
    /// `line`, if any.
    #[must_use]
    pub fn find(&self, line: u32, rule_id: &str, category: &str) -> Option<&Suppression> {
        self.find_index(line, rule_id, category)
            .and_then(|i| self.all.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAVA: &str = "\
class A {
  // vigil-ignore[java/weak-hash]: cache key only
  MessageDigest a = md5();
  MessageDigest b = md5(); // vigil-ignore[java/weak-hash, java/other]
  MessageDigest c = md5();
  // vigil-ignore[security]: category
  // vigil-ignore[quality]: stacked
  x();
  y(); // vigil-ignore[*]: all
  z();
  String s = \"vigil-ignore[java/weak-hash]\"; // not a comment marker in the string
}
";

    #[test]
    fn line_above_and_trailing() {
        let s = Suppressions::parse(JAVA, "//");
        assert_eq!(s.all().len(), 5);
        let hit = s.find(3, "java/weak-hash", "security").unwrap();
        assert_eq!(hit.reason.as_deref(), Some("cache key only"));
        assert!(s.find(4, "java/other", "bug").is_some());
        assert!(s.find(4, "java/weak-hash", "security").is_some());
        assert!(s.find(5, "java/weak-hash", "security").is_none());
        assert!(s.find(3, "java/sql-injection", "security").is_none());
    }

    #[test]
    fn category_star_and_stacking() {
        let s = Suppressions::parse(JAVA, "//");
        assert!(s.find(8, "java/anything", "security").is_some());
        assert!(s.find(8, "java/anything", "quality").is_some());
        assert!(s.find(8, "java/anything", "bug").is_none());
        assert!(s.find(9, "java/anything", "bug").is_some());
        // A trailing comment does not reach the next line.
        assert!(s.find(10, "java/anything", "bug").is_none());
        // The marker inside a string literal, with no comment prefix before it, is not a suppression.
        assert!(s.find(11, "java/weak-hash", "security").is_none());
    }

    #[test]
    fn markers_inside_string_literals_do_not_suppress() {
        let py = "x = \"# vigil-ignore[python/eval]: no\"; eval(x)\ny = '''\n# vigil-ignore[python/eval]: no\n'''\neval(y)\neval(z)  # vigil-ignore[python/eval]: yes\n";
        let s = Suppressions::parse_with(py, CommentSyntax::Python);
        assert!(s.find(1, "python/eval", "security").is_none());
        assert!(s.find(4, "python/eval", "security").is_none());
        assert!(s.find(5, "python/eval", "security").is_none());
        assert!(s.find(6, "python/eval", "security").is_some());
        let java = "String s = \"// vigil-ignore[java/xss]: no\"; w(s);\n/* vigil-ignore[java/xss]: block */\nw(t);\nString b = \"\"\"\n  // vigil-ignore[java/xss]: no\n\"\"\"; w(b);\n";
        let s = Suppressions::parse_with(java, CommentSyntax::Java);
        assert!(s.find(1, "java/xss", "security").is_none());
        assert!(s.find(3, "java/xss", "security").is_some());
        assert!(s.find(6, "java/xss", "security").is_none());
        let yaml = "phases:\n  build:\n    commands:\n      - echo '# vigil-ignore[buildspec/x]: no'\n      - curl x | sh # vigil-ignore[buildspec/x]: yes\n      - |\n        echo # vigil-ignore[buildspec/x]: text of a block scalar\n      - run\n";
        let s = Suppressions::parse_with(yaml, CommentSyntax::Yaml);
        assert!(s.find(4, "buildspec/x", "bug").is_none());
        assert!(s.find(5, "buildspec/x", "bug").is_some());
        assert!(s.find(7, "buildspec/x", "bug").is_none());
        assert_eq!(s.all().len(), 1);
    }

    #[test]
    fn malformed_and_reasonless_suppressions_are_reported() {
        let py = "# vigil-ignore: no brackets\na()\n# vigil-ignore[python/x]\nb()\n# vigil-ignore[]: empty\n# vigil-ignore[python/y: unclosed\n# a note about vigil-ignore in prose\n";
        let s = Suppressions::parse_with(py, CommentSyntax::Python);
        let lines: Vec<u32> = s.malformed().iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 3, 5, 6], "{:?}", s.malformed());
        assert!(s.malformed()[1].1.contains("without a reason"));
        // The reasonless one still suppresses.
        assert!(s.find(4, "python/x", "bug").is_some());
    }

    #[test]
    fn python_hash_comments_and_malformed() {
        let py = "import yaml\n# vigil-ignore[python/yaml-load]: trusted\nyaml.load(x)\n# vigil-ignore[]: empty\nz()\n# vigil-ignore python/x\nw()\n";
        let s = Suppressions::parse(py, "#");
        assert!(s.find(3, "python/yaml-load", "security").is_some());
        assert!(s.find(5, "python/x", "security").is_none());
        assert!(s.find(7, "python/x", "security").is_none());
        assert!(Suppressions::parse("no markers here", "#").is_empty());
    }
}
