//! Writing reports: stdout, or a file replaced atomically (temporary file in the same directory, then
//! rename), so a reader never sees a half-written report.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

/// Whether `path` exists and is not a regular file (a device such as `/dev/null` or `/dev/stdout`, a
/// FIFO): it must be written in place, never replaced by a rename.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file())
}

/// Write `bytes` to `path` atomically: a temporary file in the same directory renamed over `path`.
/// A symbolic link is followed (its target is replaced, the link stays); devices and FIFOs are written
/// in place; `-` is standard output. A new file gets the usual mode (`0666` less the umask), a replaced
/// file keeps its mode.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path == Path::new("-") {
        return write_stdout(bytes);
    }
    if is_special(path) {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return f
            .write_all(bytes)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)
            .with_context(|| format!("cannot resolve the symbolic link {}", path.display()))?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vigil-").suffix(".tmp");
    // tempfile creates 0600 files; a report must be readable like any file the user creates.
    #[cfg(unix)]
    let existing_mode = {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.permissions().mode() & 0o7777);
        // Created with 0666: open(2) applies the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
        mode
    };
    let mut tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "cannot write {}: cannot create a temporary file in {}",
            path.display(),
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    if let Some(mode) = existing_mode {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot keep the mode of {}", path.display()))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Write `bytes` to stdout.
pub(crate) fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to stdout")
}

/// A line on stderr (timing, hints); errors writing it are ignored.
pub(crate) fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_and_links_followed() {
        assert!(is_special(Path::new("/dev/null")));
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("report.json");
        std::fs::write(&target, "old").unwrap();
        assert!(!is_special(&target));
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        write_atomic(Path::new("/dev/null"), b"nothing").unwrap();
        assert!(is_special(Path::new("/dev/null")));
    }

    #[cfg(unix)]
    #[test]
    fn new_files_honour_the_umask_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let d = tempfile::tempdir().unwrap();
        // What any program creating a file gets here (0666 less the umask).
        let reference = d.path().join("reference");
        std::fs::File::create(&reference).unwrap();
        let new = d.path().join("new.sarif");
        write_atomic(&new, b"{}").unwrap();
        assert_eq!(mode(&new), mode(&reference));
        let existing = d.path().join("existing.sarif");
        for m in [0o644, 0o640, 0o604] {
            std::fs::write(&existing, "old").unwrap();
            std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(m)).unwrap();
            write_atomic(&existing, b"new").unwrap();
            assert_eq!(mode(&existing), m, "mode {m:o} kept");
            assert_eq!(std::fs::read_to_string(&existing).unwrap(), "new");
        }
    }
}
