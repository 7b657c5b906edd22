//! Compiled settings: the configuration (`vigil.toml`) merged with the command line, validated against
//! the known rules, with glob sets built once.
//!
//! **Selectors** (in `select`, `ignore`, `[severity]` keys, `--select`, `--ignore`) are a rule id
//! (`java/weak-hash`), a category (`security`), a file kind (`java`) or `*` (all rules).
//!
//! **Which rules run on a file:**
//! 1. Base: `select` (from `--select`, else the config's `select`, else `*`) and `ignore` (the config's
//!    plus `--ignore`). For each rule the most specific matching selector wins (rule id > category or
//!    kind > `*`); on a tie `ignore` wins. So `select = ["java/weak-hash"]` with `ignore = ["security"]`
//!    keeps `java/weak-hash`.
//! 2. Experimental rules (`maturity: experimental`) only run when selected by their exact id; opt-in
//!    categories (`api-hardening`, `security-audit`) only when selected by the category or a rule id.
//! 3. `[[overrides]]` whose `files` match the file are applied in order: a matching `select`/`ignore`
//!    of an override decides over the base (same specificity rules inside the override).
//!
//! **Severity:** the rule's own severity, replaced by the most specific matching `[severity]` entry,
//! then by the matching overrides' `severity` entries.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;
use vigil_core::config::{
    Config, ConfigError, FailOn, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_SPEC_FILE_SIZE,
};
use vigil_core::rule::Maturity;
use vigil_core::{Category, FileKind, Rule, RuleSet, Severity};

/// Default per-file time budget of the analyses, in seconds.
pub const DEFAULT_FILE_TIME_BUDGET_SECS: u64 = 120;

/// A rule selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Kind(FileKind),
    Category(Category),
    Rule(Arc<str>),
}

impl Selector {
    /// Parse a selector, checking rule ids against `rules`.
    ///
    /// # Errors
    /// A message naming the unknown selector, with a suggestion when a rule id is close.
    pub fn parse(s: &str, rules: &RuleSet) -> Result<Self, String> {
        let s = s.trim();
        if s == "*" || s == "all" {
            return Ok(Self::All);
        }
        if let Some(k) = FileKind::from_name(s) {
            return Ok(Self::Kind(k));
        }
        if let Ok(c) = s.parse::<Category>() {
            return Ok(Self::Category(c));
        }
        if let Some(r) = rules.get(s) {
            return Ok(Self::Rule(r.id.clone()));
        }
        let hint = did_you_mean(s, rules.iter().map(|r| r.id.as_ref()));
        Err(format!(
            "unknown rule, category or kind `{s}` (see `vigil rules`){hint}"
        ))
    }

    fn matches(&self, rule: &Rule) -> bool {
        match self {
            Self::All => true,
            Self::Kind(k) => rule.kind == *k,
            Self::Category(c) => rule.category() == *c,
            Self::Rule(id) => rule.id == *id,
        }
    }

    fn specificity(&self) -> u8 {
        match self {
            Self::All => 0,
            Self::Kind(_) | Self::Category(_) => 1,
            Self::Rule(_) => 2,
        }
    }
}

/// The closest id to `s` (see [`suggestions`]), for "did you mean".
#[must_use]
pub fn suggest<'a>(s: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    suggestions(s, candidates).into_iter().next()
}

/// The rule ids `s` probably meant, best first: for a bare name (`weak-hash`) every id with that name
/// (`java/weak-hash`, `python/weak-hash`); otherwise the ids whose name is closest by edit distance
/// (at most a third of its length) within the same kind, or the whole id when the kind is mistyped.
#[must_use]
pub fn suggestions<'a>(s: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let s = s.trim();
    let (kind, name) = match s.split_once('/') {
        Some((k, n)) => (Some(k), n),
        None => (None, s),
    };
    let mut cands: Vec<&str> = candidates.collect();
    cands.sort_unstable();
    cands.dedup();
    let name_of = |c: &'a str| c.split_once('/').map_or(("", c), |(k, n)| (k, n));
    if kind.is_none() {
        let exact: Vec<&str> = cands
            .iter()
            .copied()
            .filter(|c| name_of(c).1 == name)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
    }
    let scored: Vec<(usize, &str)> = cands
        .iter()
        .filter_map(|&c| {
            let (ck, cn) = name_of(c);
            let (d, len) = match kind {
                Some(k) if k != ck => (levenshtein(s, c), s.chars().count()),
                _ => (levenshtein(name, cn), name.chars().count()),
            };
            (d <= (len / 3).max(1)).then_some((d, c))
        })
        .collect();
    let Some(best) = scored.iter().map(|(d, _)| *d).min() else {
        return Vec::new();
    };
    scored
        .into_iter()
        .filter(|(d, _)| *d == best)
        .map(|(_, c)| c)
        .collect()
}

/// "; did you mean `a` or `b`?" for [`suggestions`], empty when there is none.
#[must_use]
pub fn did_you_mean<'a>(s: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let found = suggestions(s, candidates);
    if found.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = found.iter().map(|c| format!("`{c}`")).collect();
    format!("; did you mean {}?", quoted.join(" or "))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Decide a rule from a select and an ignore list: `None` when no selector matches.
fn decide(select: &[Selector], ignore: &[Selector], rule: &Rule) -> Option<bool> {
    let experimental = rule.meta.maturity == Maturity::Experimental;
    let opt_in = rule.category().is_opt_in();
    let best = |list: &[Selector], is_select: bool| {
        list.iter()
            .filter(|s| s.matches(rule))
            .filter(|s| !(is_select && experimental) || matches!(s, Selector::Rule(_)))
            .filter(|s| !(is_select && opt_in && matches!(s, Selector::All | Selector::Kind(_))))
            .map(Selector::specificity)
            .max()
    };
    match (best(select, true), best(ignore, false)) {
        (None, None) => None,
        (Some(s), Some(i)) => Some(s > i),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
    }
}

fn severity_for(map: &[(Selector, Severity)], rule: &Rule) -> Option<Severity> {
    let mut best: Option<(u8, Severity)> = None;
    for (sel, sev) in map {
        if sel.matches(rule) && best.is_none_or(|(s, _)| sel.specificity() > s) {
            best = Some((sel.specificity(), *sev));
        }
    }
    best.map(|(_, s)| s)
}

/// Settings given on the command line; they take precedence over the configuration file.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--select`: replaces the config's `select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the config's `ignore`.
    pub ignore: Vec<String>,
    pub max_file_size: Option<u64>,
    pub fail_on: Option<FailOn>,
    /// `--allow-skipped`: error-level notices do not fail the gate.
    pub allow_skipped: bool,
    /// `--report-unused-suppressions`: a warning for each `vigil-ignore[...]` that hid nothing.
    pub report_unused_suppressions: bool,
    /// `--file-time-budget`: seconds of analysis per file (`None`: the default).
    pub file_time_budget: Option<u64>,
}

/// An error in the settings: a config file error (with its line) or a bad command-line value.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Cli(String),
}

#[derive(Debug)]
struct CompiledOverride {
    files: GlobSet,
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Severity)>,
}

/// The rules enabled for one file, with their effective severities.
#[derive(Debug, Default)]
pub struct FileRules {
    by_kind: HashMap<FileKind, Vec<Arc<Rule>>>,
    severity: HashMap<Arc<str>, Severity>,
}

impl FileRules {
    /// Enabled rules of `kind` (sorted by id).
    #[must_use]
    pub fn for_kind(&self, kind: FileKind) -> &[Arc<Rule>] {
        self.by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// The effective severity of an enabled rule (`None` if the rule is not enabled).
    #[must_use]
    pub fn severity(&self, rule_id: &str) -> Option<Severity> {
        self.severity.get(rule_id).copied()
    }
}

/// The config's `exclude` globs, relative to the config directory.
#[derive(Debug, Clone)]
pub struct Excludes {
    globs: Arc<GlobSet>,
    config_dir: Arc<Path>,
}

impl Excludes {
    /// Whether a file or directory (absolute path) is excluded.
    #[must_use]
    pub fn is_excluded(&self, path: &Path) -> bool {
        !self.globs.is_empty()
            && path
                .strip_prefix(&*self.config_dir)
                .is_ok_and(|rel| self.globs.is_match(rel))
    }
}

/// Compiled settings for a run.
#[derive(Debug)]
pub struct Settings {
    rules: Vec<Arc<Rule>>,
    base_enabled: Vec<bool>,
    base_severity: Vec<Severity>,
    overrides: Vec<CompiledOverride>,
    excludes: Excludes,
    /// Files larger than this are skipped with a notice.
    pub max_file_size: u64,
    /// The same for spec documents (buildspec, appspec, OpenAPI candidates).
    pub max_spec_file_size: u64,
    /// The lowest severity that fails the run.
    pub fail_on: FailOn,
    /// Files that could not be analyzed (error-level notices) do not fail the run.
    pub allow_skipped: bool,
    /// Report each suppression comment that suppressed no finding of a rule that ran.
    pub report_unused_suppressions: bool,
    /// Time an analyzer may spend on one file before its dataflow analyses give up.
    pub file_time_budget: std::time::Duration,
    /// The configuration file used, if any.
    pub config_path: Option<PathBuf>,
    cache: Mutex<HashMap<Vec<usize>, Arc<FileRules>>>,
}

fn build_globs(config: &Config, patterns: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let raw = p.get_ref().trim();
        let trimmed = raw.trim_start_matches("./").trim_end_matches('/');
        // A leading `/` anchors the pattern at the config directory (as in .gitignore).
        let (anchored, body) = match trimmed.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (trimmed.contains('/'), trimmed),
        };
        if body.is_empty() {
            return Err(config.error_at(p.span(), "empty glob"));
        }
        let pat = if anchored {
            body.to_owned()
        } else {
            format!("**/{body}")
        };
        for variant in [pat.clone(), format!("{pat}/**")] {
            let glob = GlobBuilder::new(&variant)
                .literal_separator(true)
                .build()
                .map_err(|e| config.error_at(p.span(), format!("invalid glob `{raw}`: {e}")))?;
            b.add(glob);
        }
    }
    b.build().map_err(|e| ConfigError {
        path: config.path.clone().unwrap_or_default(),
        line: None,
        message: e.to_string(),
    })
}

fn parse_list(
    config: &Config,
    list: &[Spanned<String>],
    rules: &RuleSet,
) -> Result<Vec<Selector>, ConfigError> {
    list.iter()
        .map(|s| Selector::parse(s.get_ref(), rules).map_err(|m| config.error_at(s.span(), m)))
        .collect()
}

fn parse_severity_map(
    config: &Config,
    map: &std::collections::BTreeMap<String, Spanned<Severity>>,
    rules: &RuleSet,
) -> Result<Vec<(Selector, Severity)>, ConfigError> {
    map.iter()
        .map(|(k, v)| {
            Selector::parse(k, rules)
                .map(|s| (s, *v.get_ref()))
                .map_err(|m| config.error_at(v.span(), format!("in [severity]: {m}")))
        })
        .collect()
}

fn parse_cli(list: &[String], flag: &str, rules: &RuleSet) -> Result<Vec<Selector>, SettingsError> {
    list.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Selector::parse(s, rules).map_err(|m| SettingsError::Cli(format!("{flag}: {m}"))))
        .collect()
}

impl Settings {
    /// Merge `config` and `cli` and validate them against `rules`.
    ///
    /// # Errors
    /// A [`SettingsError`] naming the file and line (config) or the flag (command line) of an unknown
    /// selector or an invalid glob.
    pub fn new(config: &Config, cli: &CliSettings, rules: &RuleSet) -> Result<Self, SettingsError> {
        let o = &config.options;
        let select = match (&cli.select, &o.select) {
            (Some(cli_sel), _) => parse_cli(cli_sel, "--select", rules)?,
            (None, Some(cfg)) => parse_list(config, cfg, rules)?,
            (None, None) => vec![Selector::All],
        };
        let mut ignore = parse_list(config, &o.ignore, rules)?;
        ignore.extend(parse_cli(&cli.ignore, "--ignore", rules)?);
        let severity = parse_severity_map(config, &o.severity, rules)?;
        let mut overrides = Vec::new();
        for ov in &o.overrides {
            overrides.push(CompiledOverride {
                files: build_globs(config, &ov.files)?,
                select: parse_list(config, &ov.select, rules)?,
                ignore: parse_list(config, &ov.ignore, rules)?,
                severity: parse_severity_map(config, &ov.severity, rules)?,
            });
        }
        let all: Vec<Arc<Rule>> = rules.iter().cloned().collect();
        let base_enabled = all
            .iter()
            .map(|r| decide(&select, &ignore, r).unwrap_or(false))
            .collect();
        let base_severity = all
            .iter()
            .map(|r| severity_for(&severity, r).unwrap_or(r.severity()))
            .collect();
        Ok(Self {
            rules: all,
            base_enabled,
            base_severity,
            overrides,
            excludes: Excludes {
                globs: Arc::new(build_globs(config, &o.exclude)?),
                config_dir: Arc::from(config.dir.as_path()),
            },
            max_file_size: cli
                .max_file_size
                .or(o.max_file_size.map(|b| b.0))
                .unwrap_or(DEFAULT_MAX_FILE_SIZE),
            max_spec_file_size: cli
                .max_file_size
                .or(o.max_file_size.map(|b| b.0))
                .unwrap_or(DEFAULT_MAX_SPEC_FILE_SIZE),
            fail_on: cli.fail_on.or(o.fail_on).unwrap_or_default(),
            allow_skipped: cli.allow_skipped || o.allow_skipped.unwrap_or(false),
            report_unused_suppressions: cli.report_unused_suppressions,
            file_time_budget: std::time::Duration::from_secs(
                cli.file_time_budget
                    .unwrap_or(DEFAULT_FILE_TIME_BUDGET_SECS),
            ),
            config_path: config.path.clone(),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Path of `path` relative to the config directory, for glob matching (`None` if outside it).
    fn config_relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        path.strip_prefix(&*self.excludes.config_dir).ok()
    }

    /// Whether a file or directory (absolute path) is excluded by the config's `exclude` globs.
    #[must_use]
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.excludes.is_excluded(path)
    }

    /// The exclude matcher (cheap to clone, for the walker's filter).
    #[must_use]
    pub fn excludes(&self) -> Excludes {
        self.excludes.clone()
    }

    /// The rules enabled for the file at `path` (absolute), per-path overrides applied.
    #[must_use]
    pub fn file_rules(&self, path: &Path) -> Arc<FileRules> {
        let matched: Vec<usize> = match self.config_relative(path) {
            Some(rel) if !self.overrides.is_empty() => self
                .overrides
                .iter()
                .enumerate()
                .filter(|(_, o)| o.files.is_match(rel))
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        };
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(matched)
            .or_insert_with_key(|m| Arc::new(self.compute(m)))
            .clone()
    }

    fn compute(&self, matched: &[usize]) -> FileRules {
        let mut out = FileRules::default();
        for (i, rule) in self.rules.iter().enumerate() {
            let mut enabled = self.base_enabled.get(i).copied().unwrap_or(false);
            let mut severity = self
                .base_severity
                .get(i)
                .copied()
                .unwrap_or(rule.severity());
            for o in matched.iter().filter_map(|&m| self.overrides.get(m)) {
                if let Some(d) = decide(&o.select, &o.ignore, rule) {
                    enabled = d;
                }
                if let Some(s) = severity_for(&o.severity, rule) {
                    severity = s;
                }
            }
            if enabled {
                out.by_kind.entry(rule.kind).or_default().push(rule.clone());
                out.severity.insert(rule.id.clone(), severity);
            }
        }
        out
    }

    /// Every rule enabled for at least one file: the base set plus rules turned on by overrides
    /// (sorted by id).
    #[must_use]
    pub fn enabled_rules(&self) -> Vec<Arc<Rule>> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                self.base_enabled.get(*i).copied().unwrap_or(false)
                    || self
                        .overrides
                        .iter()
                        .any(|o| decide(&o.select, &o.ignore, r) == Some(true))
            })
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// Every known rule (enabled or not), sorted by id.
    #[must_use]
    pub fn all_rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::rule::parse_rule;

    #[test]
    fn did_you_mean_stays_in_the_kind_and_finds_bare_names() {
        let ids = [
            "java/xxe",
            "java/weak-hash",
            "python/weak-hash",
            "java/sql-injection",
        ];
        let sugg = |s: &str| suggestions(s, ids.iter().copied());
        assert_eq!(sugg("java/nope"), Vec::<&str>::new());
        assert_eq!(sugg("weak-hash"), ["java/weak-hash", "python/weak-hash"]);
        assert_eq!(sugg("weak-hsh"), ["java/weak-hash", "python/weak-hash"]);
        assert_eq!(sugg("java/weak-hsh"), ["java/weak-hash"]);
        assert_eq!(sugg("jav/weak-hash"), ["java/weak-hash"]);
        assert_eq!(sugg("java/sql-injectoin"), ["java/sql-injection"]);
        assert_eq!(
            did_you_mean("weak-hash", ids.iter().copied()),
            "; did you mean `java/weak-hash` or `python/weak-hash`?"
        );
    }

    fn rule(id: &str, category: &str, experimental: bool) -> Rule {
        let sec = if category == "security" {
            "security-severity: 5.0\ncwe: [1]\n"
        } else {
            ""
        };
        let mat = if experimental {
            "maturity: experimental\n"
        } else {
            ""
        };
        let text = format!("id: {id}\nname: N\ncategory: {category}\nseverity: warning\n{sec}{mat}precision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nanalysis: x\n");
        parse_rule("user.yaml", &text, None, false).unwrap()
    }

    fn rules() -> RuleSet {
        RuleSet::new([
            rule("java/weak-hash", "security", false),
            rule("java/empty-catch", "quality", false),
            rule("java/new-thing", "bug", true),
            rule("python/assert-used", "quality", false),
        ])
        .unwrap()
    }

    fn ids(fr: &FileRules, kind: FileKind) -> Vec<String> {
        fr.for_kind(kind).iter().map(|r| r.id.to_string()).collect()
    }

    fn settings(toml: &str, cli: &CliSettings) -> Result<Settings, SettingsError> {
        let c = Config::parse(Path::new("/p/vigil.toml"), toml).unwrap();
        Settings::new(&c, cli, &rules())
    }

    #[test]
    fn defaults_run_stable_rules() {
        let s = settings("", &CliSettings::default()).unwrap();
        let fr = s.file_rules(Path::new("/p/A.java"));
        assert_eq!(
            ids(&fr, FileKind::Java),
            ["java/empty-catch", "java/weak-hash"]
        );
        assert_eq!(s.max_file_size, DEFAULT_MAX_FILE_SIZE);
        assert_eq!(s.max_spec_file_size, DEFAULT_MAX_SPEC_FILE_SIZE);
        assert_eq!(s.fail_on, FailOn::Warning);
    }

    #[test]
    fn specificity_and_experimental() {
        let s = settings(
            "select = [\"java/weak-hash\", \"java/new-thing\", \"python\"]\nignore = [\"security\", \"quality\"]\n",
            &CliSettings::default(),
        )
        .unwrap();
        let fr = s.file_rules(Path::new("/p/A.java"));
        assert_eq!(
            ids(&fr, FileKind::Java),
            ["java/new-thing", "java/weak-hash"]
        );
        // `python` (kind) ties with `quality` (category): ignore wins.
        assert!(ids(&fr, FileKind::Python).is_empty());
        // An experimental rule is not selected by its kind or category.
        let s = settings("select = [\"bug\", \"java\"]\n", &CliSettings::default()).unwrap();
        assert!(!ids(&s.file_rules(Path::new("/p/A.java")), FileKind::Java)
            .contains(&"java/new-thing".to_owned()));
    }

    #[test]
    fn opt_in_category_needs_its_own_selector() {
        let rs = RuleSet::new([
            rule("openapi/schema-invalid", "api-spec", false),
            rule("openapi/unbounded-string", "api-hardening", false),
        ])
        .unwrap();
        let ids_for = |toml: &str| {
            let c = Config::parse(Path::new("/p/vigil.toml"), toml).unwrap();
            let s = Settings::new(&c, &CliSettings::default(), &rs).unwrap();
            ids(&s.file_rules(Path::new("/p/api.yaml")), FileKind::Openapi)
        };
        assert_eq!(ids_for(""), ["openapi/schema-invalid"]);
        assert_eq!(
            ids_for("select = [\"openapi\"]\n"),
            ["openapi/schema-invalid"]
        );
        assert_eq!(
            ids_for("select = [\"*\", \"api-hardening\"]\n"),
            ["openapi/schema-invalid", "openapi/unbounded-string"]
        );
        assert_eq!(
            ids_for("select = [\"openapi/unbounded-string\"]\n"),
            ["openapi/unbounded-string"]
        );
    }

    #[test]
    fn cli_select_replaces_and_ignore_adds() {
        let cli = CliSettings {
            select: Some(vec!["java,python/assert-used".into()]),
            ignore: vec!["java/empty-catch".into()],
            ..CliSettings::default()
        };
        let s = settings(
            "select = [\"python\"]\nignore = [\"java/weak-hash\"]\n",
            &cli,
        )
        .unwrap();
        let fr = s.file_rules(Path::new("/p/x.py"));
        assert!(ids(&fr, FileKind::Java).is_empty());
        assert_eq!(ids(&fr, FileKind::Python), ["python/assert-used"]);
    }

    #[test]
    fn overrides_and_severity() {
        let s = settings(
            "[severity]\nsecurity = \"error\"\n\"java/weak-hash\" = \"note\"\nquality = \"error\"\n\n[[overrides]]\nfiles = [\"tests\"]\nignore = [\"java/empty-catch\"]\nseverity = { \"*\" = \"note\" }\n",
            &CliSettings::default(),
        )
        .unwrap();
        let main = s.file_rules(Path::new("/p/src/A.java"));
        assert_eq!(main.severity("java/weak-hash"), Some(Severity::Note));
        assert_eq!(main.severity("java/empty-catch"), Some(Severity::Error));
        let test = s.file_rules(Path::new("/p/src/tests/T.java"));
        assert_eq!(ids(&test, FileKind::Java), ["java/weak-hash"]);
        assert_eq!(test.severity("java/weak-hash"), Some(Severity::Note));
        assert_eq!(s.enabled_rules().len(), 3);
    }

    #[test]
    fn excludes() {
        let s = settings(
            "exclude = [\"vendor\", \"src/gen/**\", \"*.min.py\", \"/build\"]\n",
            &CliSettings::default(),
        )
        .unwrap();
        assert!(s.is_excluded(Path::new("/p/a/vendor")));
        assert!(s.is_excluded(Path::new("/p/vendor/x/A.java")));
        assert!(s.is_excluded(Path::new("/p/src/gen/A.java")));
        assert!(s.is_excluded(Path::new("/p/lib/x.min.py")));
        assert!(!s.is_excluded(Path::new("/p/src/A.java")));
        assert!(!s.is_excluded(Path::new("/elsewhere/vendor/A.java")));
        assert!(s.is_excluded(Path::new("/p/build/A.java")));
        assert!(!s.is_excluded(Path::new("/p/src/build/A.java")));
    }

    #[test]
    fn errors_name_line_or_flag() {
        let e = settings(
            "ignore = [\n  \"java/weak-hsh\",\n]\n",
            &CliSettings::default(),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("/p/vigil.toml:2: "), "{msg}");
        assert!(msg.contains("did you mean `java/weak-hash`"), "{msg}");
        let cli = CliSettings {
            select: Some(vec!["nope".into()]),
            ..CliSettings::default()
        };
        let e = settings("", &cli).unwrap_err();
        assert!(e.to_string().starts_with("--select: unknown"), "{e}");
        let e = settings("exclude = [\"a[\"]\n", &CliSettings::default()).unwrap_err();
        assert!(e.to_string().contains(":1: invalid glob"), "{e}");
    }
}
