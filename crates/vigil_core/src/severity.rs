//! Severities, categories and precision of rules and findings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "note" => Ok(Self::Note),
            "warning" => Ok(Self::Warning),
            "error" => Ok(Self::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or note)"
            )),
        }
    }
}

/// What kind of defect a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Security,
    ResourceLeak,
    Bug,
    Concurrency,
    AwsBestPractice,
    Quality,
    DeploySpec,
    ApiSpec,
    /// Opt-in API hardening checks (bounds, 4xx/429 responses, per-operation security): selected only
    /// by this category or a rule id, never by `*` or a file kind.
    ApiHardening,
    /// Opt-in security audit checks: code worth a look that a dataflow rule already reports when
    /// untrusted input does reach it (a non-constant shell command). Selected like `api-hardening`.
    SecurityAudit,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Self::Security,
        Self::ResourceLeak,
        Self::Bug,
        Self::Concurrency,
        Self::AwsBestPractice,
        Self::Quality,
        Self::DeploySpec,
        Self::ApiSpec,
        Self::ApiHardening,
        Self::SecurityAudit,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Security => "security",
            Self::ResourceLeak => "resource-leak",
            Self::Bug => "bug",
            Self::Concurrency => "concurrency",
            Self::AwsBestPractice => "aws-best-practice",
            Self::Quality => "quality",
            Self::DeploySpec => "deploy-spec",
            Self::ApiSpec => "api-spec",
            Self::ApiHardening => "api-hardening",
            Self::SecurityAudit => "security-audit",
        }
    }
}

impl Category {
    /// Whether rules of this category run only when selected by the category or their id.
    #[must_use]
    pub fn is_opt_in(self) -> bool {
        matches!(self, Self::ApiHardening | Self::SecurityAudit)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown category `{s}`"))
    }
}

/// How often a rule's findings are true positives (SARIF `precision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl Precision {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::VeryHigh => "very-high",
        }
    }
}
