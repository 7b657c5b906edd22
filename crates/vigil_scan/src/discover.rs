//! Discovery: which files a scan looks at, and reading them.
//!
//! - Directories are walked with `ignore::WalkBuilder`: `.gitignore` (also outside a git repository),
//!   `.ignore`, global git excludes and hidden files are honoured; the config's `exclude` globs prune
//!   files and whole directories. Symbolic links are followed; a link loop becomes a notice.
//! - Files named on the command line are always scanned (ignore files and excludes do not apply), and
//!   one vigil cannot analyze gets a notice rather than silence.
//! - Reading: one read per file. Files over the size limit, binary files (a NUL byte), files that are
//!   not UTF-8 and unreadable files become notices.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use vigil_core::{FileKind, Notification, NotificationLevel, SourceFile};

use crate::classify::{classify_name, is_openapi, Class, SNIFF_BYTES};
use crate::settings::Settings;
use crate::ScanError;

/// A file found by discovery, not yet read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Path relative to the scan root, forward slashes.
    pub rel_path: Arc<str>,
    /// Absolute path.
    pub path: PathBuf,
    pub class: Class,
    /// Named on the command line.
    pub explicit: bool,
}

/// Lexically normalize an absolute path (remove `.` and resolve `..`), without touching the disk.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The scan root for `paths` (absolute, normalized): `cwd` when every path lies under it, else the
/// deepest common ancestor of the paths (a file's parent for a single file).
#[must_use]
pub fn resolve_root(paths: &[PathBuf], cwd: &Path) -> PathBuf {
    if paths.iter().all(|p| p.starts_with(cwd)) {
        return cwd.to_path_buf();
    }
    let dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map_or_else(|| p.clone(), Path::to_path_buf)
            }
        })
        .collect();
    let mut root = dirs.first().cloned().unwrap_or_else(|| cwd.to_path_buf());
    for d in &dirs {
        while !d.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    root
}

/// `path` relative to `root` with forward slashes (the path itself when outside the root).
#[must_use]
pub fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

/// The notice for a walk error; `None` for a broken link to a file vigil would not analyze anyway.
fn walk_error_notice(err: &ignore::Error, root: &Path) -> Option<Notification> {
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Loop { child, .. } => Some(child),
            _ => None,
        }
    }
    fn is_loop(err: &ignore::Error) -> Option<(&Path, &Path)> {
        match err {
            ignore::Error::Loop { ancestor, child } => Some((ancestor, child)),
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
            _ => None,
        }
    }
    if let Some((ancestor, child)) = is_loop(err) {
        let rel = relative(child, root);
        return Some(Notification::file(
            NotificationLevel::Warning,
            "symlink-loop",
            &rel,
            format!(
                "skipped: symbolic link loop back to `{}`",
                relative(ancestor, root)
            ),
        ));
    }
    let not_found = err
        .io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if let (true, Some(p)) = (not_found, path_of(err)) {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if classify_name(&name) == Class::Skip {
            return None;
        }
        return Some(Notification::file(
            NotificationLevel::Warning,
            "broken-symlink",
            &relative(p, root),
            "skipped: broken symbolic link (its target does not exist)",
        ));
    }
    // The cause without the absolute path `ignore` puts in front of it (notices name files
    // relative to the root, the same on every machine).
    let cause = err.io_error().map_or_else(
        || {
            let text = err.to_string();
            let prefix = format!("{}/", root.display());
            text.replace(&prefix, "")
        },
        ToString::to_string,
    );
    let message = format!("skipped: cannot read: {cause}");
    Some(match path_of(err) {
        Some(p) => Notification::file(
            NotificationLevel::Error,
            "unreadable",
            &relative(p, root),
            message,
        ),
        None => Notification {
            level: NotificationLevel::Error,
            kind: "unreadable".into(),
            path: None,
            message,
            rule_id: None,
        },
    })
}

/// What a file that is neither a regular file nor a directory is (`None` for those two).
#[must_use]
pub fn special_kind(ft: std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn special_notice(rel: &str, what: &str) -> Notification {
    Notification::file(
        NotificationLevel::Error,
        "special-file",
        rel,
        format!("skipped: {what}, not a regular file (vigil opens only regular files)"),
    )
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    /// The files to analyze, sorted by relative path.
    pub candidates: Vec<Candidate>,
    pub notices: Vec<Notification>,
    /// The `.properties` files met while walking directories (relative path, absolute path),
    /// sorted: not analyzed, read as constant sources ([`vigil_core::properties`]).
    pub properties: Vec<(Arc<str>, PathBuf)>,
}

/// Find the files to scan under `paths` (absolute, normalized).
///
/// # Errors
/// [`ScanError::PathNotFound`] when a path does not exist.
pub fn discover(paths: &[PathBuf], root: &Path, settings: &Settings) -> Result<Found, ScanError> {
    let mut out = Vec::new();
    let mut notices = Vec::new();
    let mut properties = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(source) if source.kind() == std::io::ErrorKind::NotFound => {
                if std::fs::symlink_metadata(p).is_ok() {
                    // A named dangling link: named, and not analyzed.
                    notices.push(Notification::file(
                        NotificationLevel::Error,
                        "broken-symlink",
                        &relative(p, root),
                        "skipped: broken symbolic link (its target does not exist)",
                    ));
                    continue;
                }
                return Err(ScanError::PathNotFound(p.clone()));
            }
            Err(source) => {
                // A named link loop or a path that cannot be examined: named, and not analyzed.
                notices.push(Notification::file(
                    NotificationLevel::Error,
                    "unreadable",
                    &relative(p, root),
                    format!("skipped: cannot read: {source}"),
                ));
                continue;
            }
        };
        if meta.is_dir() {
            walk(p, root, settings, &mut out, &mut notices, &mut properties);
        } else if let Some(what) = special_kind(meta.file_type()) {
            notices.push(special_notice(&relative(p, root), what));
        } else {
            let rel = relative(p, root);
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            match classify_name(&name) {
                Class::Skip => notices.push(Notification::file(
                    NotificationLevel::Note,
                    "unsupported",
                    &rel,
                    "skipped: not a Java, Python, buildspec, appspec or OpenAPI file",
                )),
                class => out.push(Candidate {
                    rel_path: rel.into(),
                    path: p.clone(),
                    class,
                    explicit: true,
                }),
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.rel_path == b.rel_path);
    properties.sort();
    properties.dedup_by(|a, b| a.0 == b.0);
    Ok(Found {
        candidates: out,
        notices,
        properties,
    })
}

fn walk(
    dir: &Path,
    root: &Path,
    settings: &Settings,
    out: &mut Vec<Candidate>,
    notices: &mut Vec<Notification>,
    properties: &mut Vec<(Arc<str>, PathBuf)>,
) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(std::cmp::Ord::cmp);
    let top = dir.to_path_buf();
    // Prune excluded directories and files (the walk root itself is never pruned).
    let excludes = settings.excludes();
    builder.filter_entry(move |e| e.path() == top || !excludes.is_excluded(e.path()));
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                let Some(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    continue;
                }
                let name = e.file_name().to_string_lossy();
                let class = classify_name(&name);
                if class == Class::Skip {
                    if is_properties(&name) && ft.is_file() {
                        properties.push((relative(e.path(), root).into(), e.path().to_path_buf()));
                    }
                    continue;
                }
                if let Some(what) = special_kind(ft) {
                    // A FIFO, socket or device (or a link to one) named like a source file.
                    notices.push(special_notice(&relative(e.path(), root), what));
                    continue;
                }
                out.push(Candidate {
                    rel_path: relative(e.path(), root).into(),
                    path: e.path().to_path_buf(),
                    class,
                    explicit: false,
                });
            }
            Err(err) => notices.extend(walk_error_notice(&err, root)),
        }
    }
}

/// Whether a file name is a Java properties file (`*.properties`).
fn is_properties(name: &str) -> bool {
    name.len() > ".properties".len()
        && name
            .get(name.len() - ".properties".len()..)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(".properties"))
}

/// Read the project's properties files (each under [`vigil_core::properties::MAX_PROPERTIES_SIZE`];
/// unreadable or larger ones are left out: they only cost constants).
#[must_use]
pub fn load_properties(files: &[(Arc<str>, PathBuf)]) -> vigil_core::properties::ProjectProperties {
    let mut props = vigil_core::properties::ProjectProperties::default();
    for (rel, path) in files {
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > vigil_core::properties::MAX_PROPERTIES_SIZE {
            continue;
        }
        if let Ok(bytes) = std::fs::read(path) {
            // `Properties.load(InputStream)` reads ISO-8859-1; UTF-8 files through a reader are
            // common too. Lossy UTF-8 keeps ASCII keys and values (all that constants need) exact.
            props.insert(rel, &String::from_utf8_lossy(&bytes));
        }
    }
    props
}

/// The result of reading one candidate.
#[derive(Debug)]
pub enum Loaded {
    File(SourceFile),
    /// Not a file vigil analyzes (a YAML/JSON file that is not OpenAPI), silently skipped.
    Skip,
    Notice(Notification),
}

/// Read a candidate: one open, one read (the first bytes decide OpenAPI-ness of YAML/JSON files).
#[must_use]
pub fn load(c: &Candidate, max_file_size: u64) -> Loaded {
    let rel = c.rel_path.as_ref();
    let notice =
        |level, kind: &str, msg: String| Loaded::Notice(Notification::file(level, kind, rel, msg));
    let unreadable = |e: std::io::Error| {
        notice(
            NotificationLevel::Error,
            "unreadable",
            format!("skipped: cannot read: {e}"),
        )
    };
    // A file named on the command line that is skipped was asked for: an error, not a warning.
    let skip_level = |level| {
        if c.explicit {
            NotificationLevel::Error
        } else {
            level
        }
    };
    // Check the type before opening: opening a FIFO for reading blocks until a writer comes.
    match std::fs::metadata(&c.path) {
        Ok(m) => {
            if let Some(what) = special_kind(m.file_type()) {
                return Loaded::Notice(special_notice(rel, what));
            }
        }
        Err(e) => return unreadable(e),
    }
    let mut file = match open_nonblocking(&c.path) {
        Ok(f) => f,
        Err(e) => return unreadable(e),
    };
    // Checked again on the open file: the path may have been replaced since.
    let len = match file.metadata() {
        Ok(m) => match special_kind(m.file_type()) {
            None => m.len(),
            Some(what) => return Loaded::Notice(special_notice(rel, what)),
        },
        Err(e) => return unreadable(e),
    };
    let mut buf: Vec<u8> = Vec::new();
    let kind = match c.class {
        Class::Known(k) => k,
        Class::Skip => return Loaded::Skip,
        Class::MaybeOpenapi { json } => {
            if let Err(e) = (&mut file).take(SNIFF_BYTES as u64).read_to_end(&mut buf) {
                return unreadable(e);
            }
            if !is_openapi(&buf, json) {
                return if c.explicit {
                    notice(
                        NotificationLevel::Note,
                        "unsupported",
                        "skipped: a YAML/JSON file without a top-level `openapi` or `swagger` key"
                            .into(),
                    )
                } else {
                    Loaded::Skip
                };
            }
            FileKind::Openapi
        }
    };
    if len > max_file_size {
        return notice(
            skip_level(NotificationLevel::Warning),
            "too-large",
            format!(
                "skipped: {} is larger than the limit of {} (`max-file-size` in vigil.toml or --max-file-size)",
                vigil_core::config::ByteSize(len),
                vigil_core::config::ByteSize(max_file_size)
            ),
        );
    }
    buf.reserve(usize::try_from(len).unwrap_or(0).saturating_sub(buf.len()));
    // Read at most one byte past the limit: a file that grew since `metadata` is still bounded.
    if let Err(e) = (&mut file)
        .take(
            max_file_size
                .saturating_add(1)
                .saturating_sub(buf.len() as u64),
        )
        .read_to_end(&mut buf)
    {
        return unreadable(e);
    }
    if buf.len() as u64 > max_file_size {
        return notice(
            skip_level(NotificationLevel::Warning),
            "too-large",
            format!(
                "skipped: larger than the limit of {}",
                vigil_core::config::ByteSize(max_file_size)
            ),
        );
    }
    if let Some(at) = memchr::memchr(0, &buf) {
        return notice(
            skip_level(NotificationLevel::Warning),
            "binary",
            format!("skipped: binary file (NUL byte at offset {at})"),
        );
    }
    match String::from_utf8(buf) {
        Ok(text) => Loaded::File(SourceFile::new(
            c.path.clone(),
            c.rel_path.clone(),
            kind,
            text,
        )),
        Err(e) => {
            let declared = if kind == FileKind::Python {
                python_coding(e.as_bytes())
            } else {
                None
            };
            if declared.as_deref().is_some_and(is_latin1) {
                // ISO-8859-1 maps each byte to the code point of the same value.
                let text: String = e.as_bytes().iter().map(|&b| char::from(b)).collect();
                return Loaded::File(SourceFile::new(
                    c.path.clone(),
                    c.rel_path.clone(),
                    kind,
                    text,
                ));
            }
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let why = match declared {
                Some(enc) => {
                    format!("it declares the encoding `{enc}`; vigil reads UTF-8 and Latin-1")
                }
                None => "vigil reads UTF-8 source files".to_owned(),
            };
            notice(
                skip_level(NotificationLevel::Warning),
                "not-utf8",
                format!("skipped: not valid UTF-8 (line {line}, byte offset {at}); {why}"),
            )
        }
    }
}

/// Open for reading without blocking on a FIFO or device that replaced a checked regular file.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

/// The encoding declared by a PEP 263 comment (`# -*- coding: latin-1 -*-`) on line 1 or 2.
fn python_coding(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|&b| b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            continue;
        }
        let Some(at) = trimmed.find("coding") else {
            continue;
        };
        let rest = &trimmed[at + "coding".len()..];
        let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) else {
            continue;
        };
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

fn is_latin1(encoding: &str) -> bool {
    let e = encoding.to_ascii_lowercase().replace('_', "-");
    matches!(
        e.as_str(),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "iso-latin-1" | "cp819"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_resolves_roots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        let cwd = Path::new("/w");
        assert_eq!(
            resolve_root(&[PathBuf::from("/w/x"), PathBuf::from("/w/y/z.py")], cwd),
            PathBuf::from("/w")
        );
        assert_eq!(
            resolve_root(&[PathBuf::from("/o/p/q"), PathBuf::from("/o/p/r/s")], cwd),
            PathBuf::from("/o/p")
        );
        assert_eq!(relative(Path::new("/w/a/b.py"), cwd), "a/b.py");
    }

    #[test]
    fn pep263_declarations() {
        assert_eq!(
            python_coding(b"#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n").as_deref(),
            Some("latin-1")
        );
        assert_eq!(
            python_coding(b"# vim: set fileencoding=cp1252 :\n").as_deref(),
            Some("cp1252")
        );
        assert_eq!(python_coding(b"x = 1\n\n# coding: latin-1\n"), None);
        assert!(is_latin1("ISO_8859_1"));
        assert!(!is_latin1("cp1252"));
    }
}
