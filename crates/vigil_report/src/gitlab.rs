//! The `gitlab` output format (not yet written).

use std::io::{self, Write};

use vigil_core::ScanReport;

use crate::RenderOptions;

/// Render `report` as gitlab.
///
/// # Errors
/// Any write error of `out`.
pub fn render(_report: &ScanReport, _opts: &RenderOptions, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the gitlab format is not implemented yet",
    ))
}
