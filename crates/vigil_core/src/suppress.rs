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
}

/// Parse a comment body starting at the marker: `vigil-ignore[a, b]: reason`.
fn parse_marker(s: &str, comment_line: u32) -> Option<Suppression> {
    let rest = s.strip_prefix(MARKER)?;
    let close = rest.find(']')?;
    let selectors: Vec<String> = rest[..close]
        .split(',')
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    if selectors.is_empty() {
        return None;
    }
    let after = rest[close + 1..].trim_start();
    let reason = after
        .strip_prefix(':')
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    Some(Suppression {
        comment_line,
        selectors,
        reason,
    })
}

/// A suppression in a comment on `line`, and whether the comment is the only thing on the line.
fn on_line(line: &str, prefix: &str, line_no: u32) -> Option<(Suppression, bool)> {
    let mut from = 0;
    while let Some(i) = line[from..].find(prefix) {
        let at = from + i;
        let body = line[at + prefix.len()..].trim_start();
        if body.starts_with(MARKER) {
            let standalone = line[..at].trim().is_empty();
            return parse_marker(body, line_no).map(|s| (s, standalone));
        }
        from = at + prefix.len();
    }
    None
}

impl Suppressions {
    /// Parse every suppression comment of `text` whose line comments start with `comment_prefix`.
    #[must_use]
    pub fn parse(text: &str, comment_prefix: &str) -> Self {
        let mut out = Self::default();
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
            return out;
        }
        // Standalone comments waiting for the next code line.
        let mut pending: Vec<usize> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let found = if line.contains(MARKER) {
                on_line(line, comment_prefix, line_no)
            } else {
                None
            };
            match found {
                Some((s, true)) => {
                    out.all.push(s);
                    let idx = out.all.len() - 1;
                    // Also applies to its own line (harmless: nothing but the comment is there).
                    out.by_line.entry(line_no).or_default().push(idx);
                    pending.push(idx);
                }
                Some((s, false)) => {
                    out.all.push(s);
                    let idx = out.all.len() - 1;
                    let entry = out.by_line.entry(line_no).or_default();
                    entry.push(idx);
                    entry.append(&mut pending);
                }
                None => {
                    if !pending.is_empty() {
                        out.by_line.entry(line_no).or_default().append(&mut pending);
                    }
                }
            }
        }
        out
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
        self.by_line
            .get(&line)?
            .iter()
            .filter_map(|&i| self.all.get(i))
            .find(|s| s.covers(rule_id, category))
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
    fn python_hash_comments_and_malformed() {
        let py = "import yaml\n# vigil-ignore[python/yaml-load]: trusted\nyaml.load(x)\n# vigil-ignore[]: empty\nz()\n# vigil-ignore python/x\nw()\n";
        let s = Suppressions::parse(py, "#");
        assert!(s.find(3, "python/yaml-load", "security").is_some());
        assert!(s.find(5, "python/x", "security").is_none());
        assert!(s.find(7, "python/x", "security").is_none());
        assert!(Suppressions::parse("no markers here", "#").is_empty());
    }
}
