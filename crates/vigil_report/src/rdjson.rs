//! The `rdjson` output format (not yet written).

use std::io::{self, Write};

use vigil_core::ScanReport;

use crate::RenderOptions;

/// Render `report` as rdjson.
///
/// # Errors
/// Any write error of `out`.
pub fn render(_report: &ScanReport, _opts: &RenderOptions, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the rdjson format is not implemented yet",
    ))
}

/// Render `report` as rdjsonl (one diagnostic per line).
///
/// # Errors
/// Any write error of `out`.
pub fn render_lines(
    _report: &ScanReport,
    _opts: &RenderOptions,
    _out: &mut dyn Write,
) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the rdjsonl format is not implemented yet",
    ))
}
