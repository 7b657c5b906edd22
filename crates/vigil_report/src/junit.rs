//! The `junit` output format (not yet written).

use std::io::{self, Write};

use vigil_core::ScanReport;

use crate::RenderOptions;

/// Render `report` as junit.
///
/// # Errors
/// Any write error of `out`.
pub fn render(_report: &ScanReport, _opts: &RenderOptions, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the junit format is not implemented yet",
    ))
}
