//! The rule file format: one YAML file per rule, `rules/<kind>/<name>.yaml`, the single source of truth
//! for a rule's metadata, docs and (for pattern rules) its tree-sitter query.
//!
//! Raw ([`RuleFile`], serde with `deny_unknown_fields`) and validated ([`Rule`]) types are kept apart:
//! a file is parsed and validated once, and every error names the file, the field and the line.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::severity::{Category, Precision, Severity};
use crate::source::FileKind;

/// Maturity of a rule: experimental rules are off unless selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Maturity {
    #[default]
    Stable,
    Experimental,
}

/// A tree-sitter query rule.
///
/// `pattern` is a tree-sitter query (S-expression) with the standard text predicates (`#eq?`, `#match?`,
/// `#any-of?`, and their `not-` forms) and vigil's own predicates, documented in `docs/rules.md`.
/// `message` may name captures as `{name}` (the captured source text, shortened to one line).
/// `report` names the capture whose span is the finding's location (default: `report`, else the first
/// capture of the pattern).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuerySpec {
    pub pattern: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

/// A rule file as written (serde form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_severity: Option<f32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cwe: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub precision: Precision,
    #[serde(default)]
    pub maturity: Maturity,
    pub short_description: String,
    pub description: String,
    pub noncompliant: String,
    pub compliant: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Known limitations (each `todoruleid`/`todook` fixture annotation is listed here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<String>,
    /// Describes the fix the rule offers, if any, and whether it is safe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<QuerySpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<String>,
    /// Rule-specific options (documented in the rule's description).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, serde_json::Value>,
}

/// How a rule is implemented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Implementation {
    Query(QuerySpec),
    Analysis(String),
}

/// A validated rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: Arc<str>,
    pub kind: FileKind,
    pub meta: RuleFile,
    pub implementation: Implementation,
    /// Where the rule came from (`rules/java/weak-hash.yaml`, or a user path).
    pub origin: String,
    /// True for rules embedded in the binary.
    pub builtin: bool,
}

impl Rule {
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.meta.severity
    }

    #[must_use]
    pub fn category(&self) -> Category {
        self.meta.category
    }

    /// Docs link for this rule.
    #[must_use]
    pub fn help_uri(&self) -> String {
        format!("{DOCS_BASE}/{}.md", self.id)
    }

    /// The analysis name for Rust-coded rules.
    #[must_use]
    pub fn analysis(&self) -> Option<&str> {
        match &self.implementation {
            Implementation::Analysis(a) => Some(a),
            Implementation::Query(_) => None,
        }
    }

    /// A boolean option from the rule's `options:` map.
    #[must_use]
    pub fn option_bool(&self, key: &str) -> Option<bool> {
        self.meta
            .options
            .get(key)
            .and_then(serde_json::Value::as_bool)
    }
}

/// Base URL of the rule docs (`docs/rules/<kind>/<name>.md`, generated from the rule files).
pub const DOCS_BASE: &str = "https://github.com/vigil-dev/vigil/blob/main/docs/rules";

/// An error in a rule file: which file, which field, which line, and what to do.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{origin}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RuleError {
    pub origin: String,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl RuleError {
    #[must_use]
    pub fn new(
        origin: &str,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            origin: origin.to_owned(),
            line,
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// Line (1-based) where a top-level key `field:` is written in a YAML text, for error messages.
fn field_line(text: &str, field: &str) -> Option<usize> {
    let needle = format!("{field}:");
    text.lines()
        .position(|l| l.starts_with(&needle))
        .map(|i| i + 1)
}

/// Parse and validate one rule file. `origin` names it in errors (a path relative to the rules root);
/// `expected_kind` is the folder it sits in, when known.
///
/// # Errors
/// A [`RuleError`] naming the file, the line and the field when the YAML is malformed, a field is
/// missing, unknown or of the wrong type, or the rule is inconsistent (id prefix, query vs analysis,
/// security rule without CWE, security-severity out of range).
pub fn parse_rule(
    origin: &str,
    text: &str,
    expected_kind: Option<FileKind>,
    builtin: bool,
) -> Result<Rule, RuleError> {
    let meta: RuleFile = serde_yaml_ng::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        RuleError::new(origin, line, None, e.to_string())
    })?;
    let err = |field: &str, msg: String| {
        RuleError::new(origin, field_line(text, field), Some(field), msg)
    };

    let (prefix, rest) = meta.id.split_once('/').ok_or_else(|| {
        err(
            "id",
            format!(
                "rule id `{}` must look like `<kind>/<name>`, e.g. `java/sql-injection`",
                meta.id
            ),
        )
    })?;
    let kind = FileKind::from_name(prefix).ok_or_else(|| {
        err(
            "id",
            format!("rule id `{}` starts with unknown kind `{prefix}` (expected java, python, buildspec, appspec or openapi)", meta.id),
        )
    })?;
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(err(
            "id",
            format!("rule name `{rest}` must be kebab-case (a-z, 0-9, -)"),
        ));
    }
    if let Some(expected) = expected_kind {
        if expected != kind {
            return Err(err(
                "id",
                format!(
                    "rule `{}` is in the `{expected}` folder but its id says `{kind}`",
                    meta.id
                ),
            ));
        }
    }
    if let Some(stem) = Path::new(origin).file_stem().and_then(|s| s.to_str()) {
        if builtin && stem != rest {
            return Err(err(
                "id",
                format!(
                    "rule id `{}` must match its file name `{stem}.yaml`",
                    meta.id
                ),
            ));
        }
    }
    for (field, value) in [
        ("name", &meta.name),
        ("short-description", &meta.short_description),
        ("description", &meta.description),
        ("noncompliant", &meta.noncompliant),
        ("compliant", &meta.compliant),
    ] {
        if value.trim().is_empty() {
            return Err(err(field, format!("`{field}` must not be empty")));
        }
    }
    if meta.short_description.len() > 1024 {
        return Err(err(
            "short-description",
            "at most 1024 characters (GitHub's limit)".into(),
        ));
    }
    if meta.category == Category::Security {
        if meta.cwe.is_empty() {
            return Err(err(
                "cwe",
                "a security rule needs at least one CWE id, e.g. `cwe: [89]`".into(),
            ));
        }
        match meta.security_severity {
            Some(s) if s > 0.0 && s <= 10.0 => {}
            Some(s) => return Err(err("security-severity", format!("{s} is outside (0, 10]"))),
            None => {
                return Err(err(
                    "security-severity",
                    "a security rule needs `security-severity` (0.1 to 10.0)".into(),
                ))
            }
        }
    }
    let implementation = match (&meta.query, &meta.analysis) {
        (Some(q), None) => {
            if q.pattern.trim().is_empty() {
                return Err(err("query", "`query.pattern` must not be empty".into()));
            }
            Implementation::Query(q.clone())
        }
        (None, Some(a)) => Implementation::Analysis(a.clone()),
        (Some(_), Some(_)) => return Err(err("query", "a rule has either `query` or `analysis`, not both".into())),
        (None, None) => return Err(err("id", "a rule needs either `query` (a tree-sitter pattern) or `analysis` (a Rust analysis name)".into())),
    };
    Ok(Rule {
        id: Arc::from(meta.id.as_str()),
        kind,
        meta,
        implementation,
        origin: origin.to_owned(),
        builtin,
    })
}

/// The rules known to a run, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Arc<Rule>>,
}

impl RuleSet {
    /// Build a set; a later rule with an id already present is an error.
    ///
    /// # Errors
    /// A [`RuleError`] for a duplicate id.
    pub fn new(rules: impl IntoIterator<Item = Rule>) -> Result<Self, RuleError> {
        let mut map: BTreeMap<Arc<str>, Arc<Rule>> = BTreeMap::new();
        for r in rules {
            if let Some(prev) = map.get(&r.id) {
                return Err(RuleError::new(
                    &r.origin,
                    None,
                    Some("id"),
                    format!(
                        "duplicate rule id `{}` (also defined in {})",
                        r.id, prev.origin
                    ),
                ));
            }
            map.insert(r.id.clone(), Arc::new(r));
        }
        Ok(Self {
            rules: map.into_values().collect(),
        })
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules
            .binary_search_by(|r| r.id.as_ref().cmp(id))
            .ok()
            .and_then(|i| self.rules.get(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<Rule>> {
        self.rules.iter()
    }

    /// Rules for one file kind.
    pub fn for_kind(&self, kind: FileKind) -> impl Iterator<Item = &Arc<Rule>> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: java/weak-hash\nname: WeakHash\ncategory: security\nseverity: warning\nsecurity-severity: 5.9\ncwe: [328]\nprecision: high\nshort-description: Weak hash\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: weak_hash\n";

    #[test]
    fn parses_a_good_rule() {
        let r = parse_rule("java/weak-hash.yaml", GOOD, Some(FileKind::Java), true).unwrap();
        assert_eq!(r.kind, FileKind::Java);
        assert_eq!(r.analysis(), Some("weak_hash"));
    }

    #[test]
    fn unknown_field_names_the_line() {
        let text = GOOD.replace("precision: high", "precison: high");
        let e = parse_rule("java/weak-hash.yaml", &text, None, true).unwrap_err();
        assert!(e.message.contains("precison"), "{e}");
        assert!(e.line.is_some());
    }

    #[test]
    fn security_rule_without_cwe_is_rejected() {
        let text = GOOD.replace("cwe: [328]\n", "");
        let e = parse_rule("java/weak-hash.yaml", &text, None, true).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("cwe"));
    }

    #[test]
    fn id_must_match_file_name() {
        let e = parse_rule("java/other.yaml", GOOD, None, true).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("id"));
        assert_eq!(e.line, Some(1));
    }
}
