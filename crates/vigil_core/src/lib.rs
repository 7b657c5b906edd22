//! Shared vocabulary of vigil. Depends on no parser.
//!
//! - [`text`]: byte ranges and line/column (UTF-8 and UTF-16) mapping.
//! - [`rule`]: the rule file format (`rules/<kind>/<id>.yaml`) and its validation.
//! - [`finding`]: what an analysis reports.
//! - [`source`]: a file handed to analyzers, and the [`analyzer::Analyzer`] contract.
//! - [`fingerprint`]: stable fingerprints and GitHub's `primaryLocationLineHash`.
//! - [`config`], [`suppress`], [`baseline`]: `vigil.toml`, `vigil-ignore[...]` comments, baseline files.

pub mod analyzer;
pub mod baseline;
pub mod budget;
pub mod builtin;
pub mod config;
pub mod finding;
pub mod fingerprint;
pub mod properties;
pub mod report;
pub mod rule;
pub mod severity;
pub mod source;
pub mod suppress;
pub mod text;

pub use analyzer::{Analyzer, CheckContext, FileAnalyzer, ProjectFacts};
pub use finding::{Edit, Finding, Fix, FixApplicability, FlowStep, Location, Related};
pub use report::ScanReport;
pub use rule::{Rule, RuleError, RuleSet};
pub use severity::{Category, Precision, Severity};
pub use source::{FileKind, Notification, NotificationLevel, SourceFile};
pub use text::{LineCol, LineIndex, TextRange};
