//! `vigil.toml`: the project configuration, found upward from the scan root (or given with `--config`).
//!
//! ```toml
//! select = ["java", "security"]          # rules to run: ids, categories, kinds or "*" (default: all stable rules)
//! ignore = ["python/assert-used"]        # rules not to run (same selectors)
//! exclude = ["vendor/**", "generated"]   # globs, relative to this file's directory
//! max-file-size = "4MB"                  # bytes, or a number with KB/MB/GB (KiB/MiB/GiB)
//! fail-on = "warning"                    # error | warning | note | never
//!
//! [severity]                             # severity overrides by rule id, category, kind or "*"
//! "java/weak-hash" = "error"
//! quality = "note"
//!
//! [[overrides]]                          # per-path settings, applied in order, later wins
//! files = ["tests/**", "**/test_*.py"]
//! ignore = ["python/assert-used"]
//! select = ["java/empty-catch"]          # adds rules for these files
//! severity = { security = "note" }
//! ```
//!
//! This module holds the raw (serde) form and the loader; the compiled form (glob sets, the per-file
//! rule table) lives in `vigil_scan::settings`. Every error names the file and the line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use crate::severity::Severity;

/// The name of the configuration file.
pub const CONFIG_FILE_NAME: &str = "vigil.toml";

/// Default size limit for analyzed files (4 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

/// Default size limit for spec documents (buildspec, appspec, OpenAPI: 64 MiB), which are analyzed in
/// linear time and are often large generated files (GitHub's REST description is 13 MB). A
/// `max-file-size` set in the configuration or on the command line applies to every file.
pub const DEFAULT_MAX_SPEC_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The lowest severity that makes `vigil scan` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Note,
    /// Never fail because of findings (errors still exit 2).
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    #[must_use]
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            Self::Error => severity >= Severity::Error,
            Self::Warning => severity >= Severity::Warning,
            Self::Note => true,
            Self::Never => false,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
            Self::Never => "never",
        }
    }
}

impl FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Self::Error),
            "warning" => Ok(Self::Warning),
            "note" => Ok(Self::Note),
            "never" => Ok(Self::Never),
            other => Err(format!(
                "unknown level `{other}` (expected error, warning, note or never)"
            )),
        }
    }
}

/// A size in bytes, written as an integer or as a string with a unit (`"512KB"`, `"4MB"`, `"1GiB"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ByteSize(pub u64);

impl FromStr for ByteSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let split = t
            .find(|c: char| !c.is_ascii_digit() && c != '_')
            .unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let n: u64 = num.replace('_', "").parse().map_err(|_| {
            format!("invalid size `{s}` (expected bytes or a number with KB, MB or GB, e.g. `4MB`)")
        })?;
        let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" | "kib" => 1024,
            "m" | "mb" | "mib" => 1024 * 1024,
            "g" | "gb" | "gib" => 1024 * 1024 * 1024,
            other => {
                return Err(format!(
                    "invalid size unit `{other}` in `{s}` (expected KB, MB or GB)"
                ))
            }
        };
        n.checked_mul(mult)
            .map(ByteSize)
            .ok_or_else(|| format!("size `{s}` is too large"))
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: u64 = 1024 * 1024;
        if self.0 >= MIB && self.0.is_multiple_of(MIB) {
            write!(f, "{} MiB", self.0 / MIB)
        } else if self.0 >= 1024 && self.0.is_multiple_of(1024) {
            write!(f, "{} KiB", self.0 / 1024)
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ByteSize;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size in bytes or a string such as \"4MB\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ByteSize, E> {
                u64::try_from(v)
                    .map(ByteSize)
                    .map_err(|_| E::custom("a size cannot be negative"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ByteSize, E> {
                Ok(ByteSize(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ByteSize, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// Per-path settings (`[[overrides]]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideOptions {
    /// Globs (relative to the config file's directory) of the files this override applies to.
    pub files: Vec<Spanned<String>>,
    /// Rules to add for these files.
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    /// Rules to turn off for these files.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Severity overrides for these files.
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<Severity>>,
}

/// The raw contents of `vigil.toml` (every field optional).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigOptions {
    /// Rules to run (ids, categories, kinds or `*`). Default: every stable rule.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Severity overrides by selector.
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<Severity>>,
    /// Globs of files and directories not to scan (relative to the config file's directory).
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Files larger than this are skipped with a notice.
    pub max_file_size: Option<ByteSize>,
    /// The lowest severity that fails the run.
    pub fail_on: Option<FailOn>,
    /// Whether files that were named or found but could not be analyzed (error-level notices) leave
    /// the gate alone. Default: false, they fail it like an error finding.
    pub allow_skipped: Option<bool>,
    /// Per-path settings.
    #[serde(default)]
    pub overrides: Vec<OverrideOptions>,
    /// Threat models whose sources are untrusted: `remote` (always) and `local` (opt-in).
    pub threat_models: Option<Vec<String>>,
}

/// A loaded configuration file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The file it was read from (`None` for the default configuration).
    pub path: Option<PathBuf>,
    /// The directory globs are relative to.
    pub dir: PathBuf,
    pub options: ConfigOptions,
    text: String,
}

/// An error in a configuration file, with the line it is on.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |b| memchr::memchr_iter(b'\n', b).count())
        + 1
}

impl Config {
    /// Parse the text of a configuration file. `path` names it in errors; globs are relative to its
    /// directory.
    ///
    /// # Errors
    /// A [`ConfigError`] with the line of a syntax error, an unknown key or a value of the wrong type.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let options: ConfigOptions = toml::from_str(text).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().replace('\n', " "),
        })?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Self {
            path: Some(path.to_path_buf()),
            dir,
            options,
            text: text.to_owned(),
        })
    }

    /// Read and parse a configuration file.
    ///
    /// # Errors
    /// A [`ConfigError`] when the file cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read the configuration file: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// The default configuration (no file), with globs relative to `dir`.
    #[must_use]
    pub fn default_for(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            ..Self::default()
        }
    }

    /// An error about the value at `span` (from a [`Spanned`] field).
    #[must_use]
    pub fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            path: self.path.clone().unwrap_or_default(),
            line: self.path.as_ref().map(|_| line_of(&self.text, span.start)),
            message: message.into(),
        }
    }
}

/// The nearest `vigil.toml` in `start` or one of its ancestors.
#[must_use]
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field() {
        let text = r#"
select = ["java", "security"]
ignore = ["python/assert-used"]
exclude = ["vendor/**"]
max-file-size = "512KB"
fail-on = "error"

[severity]
"java/weak-hash" = "error"

[[overrides]]
files = ["tests/**"]
ignore = ["security"]
severity = { quality = "note" }
"#;
        let c = Config::parse(Path::new("/p/vigil.toml"), text).unwrap();
        assert_eq!(c.dir, Path::new("/p"));
        let o = &c.options;
        assert_eq!(o.select.as_ref().unwrap().len(), 2);
        assert_eq!(o.max_file_size, Some(ByteSize(512 * 1024)));
        assert_eq!(o.fail_on, Some(FailOn::Error));
        assert_eq!(
            *o.severity["java/weak-hash"].get_ref(),
            crate::Severity::Error
        );
        assert_eq!(o.overrides.len(), 1);
        let span = o.overrides[0].ignore[0].span();
        assert_eq!(c.error_at(span, "x").line, Some(13));
    }

    #[test]
    fn unknown_key_names_the_line() {
        let e =
            Config::parse(Path::new("vigil.toml"), "select = []\nselct = [\"x\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("selct"), "{e}");
        assert!(e.to_string().starts_with("vigil.toml:2: "), "{e}");
    }

    #[test]
    fn bad_severity_value_names_the_line() {
        let e = Config::parse(Path::new("v.toml"), "[severity]\nquality = \"high\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("high"), "{e}");
    }

    #[test]
    fn byte_sizes() {
        assert_eq!("4MB".parse::<ByteSize>().unwrap(), ByteSize(4 << 20));
        assert_eq!("100".parse::<ByteSize>().unwrap(), ByteSize(100));
        assert_eq!("2 KiB".parse::<ByteSize>().unwrap(), ByteSize(2048));
        assert!("4XB".parse::<ByteSize>().is_err());
        assert!("".parse::<ByteSize>().is_err());
        let e = Config::parse(Path::new("v.toml"), "max-file-size = -3\n").unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn fail_on_levels() {
        assert!(FailOn::Warning.fails(crate::Severity::Error));
        assert!(!FailOn::Warning.fails(crate::Severity::Note));
        assert!(!FailOn::Never.fails(crate::Severity::Error));
        assert!(FailOn::Note.fails(crate::Severity::Note));
    }

    #[test]
    fn finds_config_upward() {
        let d = std::env::temp_dir().join(format!("vigil-cfg-{}", std::process::id()));
        let sub = d.join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(d.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(find_config(&sub), Some(d.join(CONFIG_FILE_NAME)));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
