//! A file handed to analyzers, its kind, and notices about files that could not be analyzed.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::text::{LineIndex, TextRange};
use crate::{LineCol, Location};

/// What a file is, as far as vigil is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Java,
    Python,
    Buildspec,
    Appspec,
    Openapi,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        Self::Java,
        Self::Python,
        Self::Buildspec,
        Self::Appspec,
        Self::Openapi,
    ];

    /// The rule-id prefix and rules/ folder of this kind (`java`, `python`, `buildspec`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Java => "java",
            Self::Python => "python",
            Self::Buildspec => "buildspec",
            Self::Appspec => "appspec",
            Self::Openapi => "openapi",
        }
    }

    #[must_use]
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Line-comment prefix used for suppression comments and fixture annotations.
    #[must_use]
    pub fn comment_prefix(self) -> &'static str {
        match self {
            Self::Java => "//",
            Self::Python | Self::Buildspec | Self::Appspec | Self::Openapi => "#",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file read once by the driver and shared by every analysis of its kind.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the scan root, with forward slashes (what reports print and SARIF uses).
    pub rel_path: Arc<str>,
    pub kind: FileKind,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    #[must_use]
    pub fn new(
        path: PathBuf,
        rel_path: impl Into<Arc<str>>,
        kind: FileKind,
        text: impl Into<Arc<str>>,
    ) -> Self {
        let text: Arc<str> = text.into();
        let lines = LineIndex::new(&text);
        Self {
            path,
            rel_path: rel_path.into(),
            kind,
            text,
            lines,
        }
    }

    /// A location for a byte range of this file, with line/column computed.
    #[must_use]
    pub fn location(&self, range: TextRange) -> Location {
        Location {
            path: self.rel_path.clone(),
            range,
            start: self.lines.line_col(&self.text, range.start),
            end: self.lines.line_col(&self.text, range.end),
        }
    }

    /// Line/column of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The text of a byte range (empty if the range is out of bounds or splits a character).
    #[must_use]
    pub fn slice(&self, range: TextRange) -> &str {
        self.text
            .get(range.start as usize..range.end as usize)
            .unwrap_or("")
    }
}

/// Level of a tool notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationLevel {
    Note,
    Warning,
    Error,
}

/// A notice about the run itself: a skipped, unreadable or failed file, a rule that panicked.
/// Shown in text output and emitted as SARIF `toolExecutionNotifications`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Notification {
    pub level: NotificationLevel,
    /// Short machine-readable reason: `binary`, `too-large`, `not-utf8`, `unreadable`, `parse-error`,
    /// `panic`, `symlink-loop`, `too-deep`, ...
    pub kind: String,
    /// Path relative to the scan root, when the notice concerns one file.
    pub path: Option<String>,
    pub message: String,
    /// Rule id, when the notice concerns one rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
}

impl Notification {
    #[must_use]
    pub fn file(
        level: NotificationLevel,
        kind: &str,
        path: &str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            level,
            kind: kind.to_owned(),
            path: Some(path.to_owned()),
            message: message.into(),
            rule_id: None,
        }
    }
}
