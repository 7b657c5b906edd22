//! Every output format of vigil. Each format is one module with
//! `pub fn render(report: &ScanReport, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()>`.

use std::io::{self, Write};

use vigil_core::ScanReport;

pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod limits;
pub mod markdown;
pub mod merge;
pub mod paths;
pub mod rdjson;
pub mod sarif;
pub mod text;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
    Gitlab,
    Rdjson,
    Rdjsonl,
    Junit,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Self::Text,
        Self::Json,
        Self::Sarif,
        Self::Github,
        Self::Gitlab,
        Self::Rdjson,
        Self::Rdjsonl,
        Self::Junit,
        Self::Markdown,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Gitlab => "gitlab",
            Self::Rdjson => "rdjson",
            Self::Rdjsonl => "rdjsonl",
            Self::Junit => "junit",
            Self::Markdown => "markdown",
        }
    }

    #[must_use]
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Options shared by the renderers.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Colour in text output.
    pub color: bool,
    /// vigil's version, for tool metadata.
    pub tool_version: String,
    /// SARIF `automationDetails.id` (`category/` form), e.g. `vigil/`.
    pub category: Option<String>,
    /// Include suppressed findings (local logs only; never for GitHub uploads).
    pub include_suppressed: bool,
    /// Quiet text output: findings only, no summary.
    pub quiet: bool,
}

/// Render `report` in `format`.
///
/// # Errors
/// Any write error of `out`.
pub fn render(
    format: Format,
    report: &ScanReport,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, opts, out),
        Format::Json => json::render(report, opts, out),
        Format::Sarif => sarif::render(report, opts, out),
        Format::Github => github::render(report, opts, out),
        Format::Gitlab => gitlab::render(report, opts, out),
        Format::Rdjson => rdjson::render(report, opts, out),
        Format::Rdjsonl => rdjson::render_lines(report, opts, out),
        Format::Junit => junit::render(report, opts, out),
        Format::Markdown => markdown::render(report, opts, out),
    }
}
