//! Unified diffs (`git diff` output): which new-side lines each file changed, which lines a review
//! comment may sit on, and the filter that keeps only findings on changed lines (`--diff REV`).
//!
//! The parser follows hunk line counts (so a removed line that starts with `--` is not mistaken for a
//! file header) and understands renames and copies, new and deleted files, mode changes,
//! `\ No newline at end of file`, binary files and C-quoted paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use vigil_core::{Finding, ScanReport};

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileStatus {
    Added,
    Deleted,
    Modified,
    Renamed,
    Copied,
}

/// One `@@ -a,b +c,d @@` hunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: u32,
    pub old_lines: u32,
    pub new_start: u32,
    pub new_lines: u32,
    /// New-side line numbers of `+` lines.
    pub added: Vec<u32>,
    /// New-side line numbers of context lines.
    pub context: Vec<u32>,
}

impl Hunk {
    /// Whether the new-side `line` is shown in this hunk (added or context): where GitHub accepts a
    /// review comment on the `RIGHT` side.
    #[must_use]
    pub fn shows(&self, line: u32) -> bool {
        self.added.binary_search(&line).is_ok() || self.context.binary_search(&line).is_ok()
    }
}

/// The changes to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiff {
    /// Path after the change (before it, for a deleted file), relative, forward slashes.
    pub path: String,
    /// Path before a rename or copy.
    pub old_path: Option<String>,
    pub status: FileStatus,
    /// A binary file: no line information.
    pub binary: bool,
    pub hunks: Vec<Hunk>,
}

impl FileDiff {
    fn new(path: String) -> Self {
        Self {
            path,
            old_path: None,
            status: FileStatus::Modified,
            binary: false,
            hunks: Vec::new(),
        }
    }

    /// New-side lines added or changed.
    #[must_use]
    pub fn added_lines(&self) -> BTreeSet<u32> {
        self.hunks
            .iter()
            .flat_map(|h| h.added.iter().copied())
            .collect()
    }

    /// Whether `line` (new side) was added or changed.
    #[must_use]
    pub fn is_added(&self, line: u32) -> bool {
        self.hunks
            .iter()
            .any(|h| h.added.binary_search(&line).is_ok())
    }

    /// Index of the hunk showing new-side `line`, if any (a review comment must lie in one hunk).
    #[must_use]
    pub fn hunk_of(&self, line: u32) -> Option<usize> {
        self.hunks.iter().position(|h| h.shows(line))
    }
}

/// A parsed diff: the files it touches, by new path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    pub files: BTreeMap<String, FileDiff>,
}

/// Why a diff could not be produced or read.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("`git` could not be run: {0} (is git installed and on PATH?)")]
    GitMissing(#[source] std::io::Error),
    #[error("{path} is not inside a git work tree: {message}")]
    NotARepository { path: PathBuf, message: String },
    #[error("{}", unknown_revision_message(rev, *shallow))]
    UnknownRevision { rev: String, shallow: bool },
    #[error("`{command}` failed ({status}): {stderr}")]
    Git {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("cannot read patch {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("malformed diff at line {line}: {message}")]
    Malformed { line: usize, message: String },
    #[error("{} holds no unified diff: the patch has no file diffs (`diff --git`, `---`/`+++` and `@@` lines)", path.display())]
    NoFileDiffs { path: PathBuf },
}

fn unknown_revision_message(rev: &str, shallow: bool) -> String {
    if shallow {
        format!(
            "revision `{rev}` is not in this shallow clone: fetch the base commit first \
             (`git fetch --depth=1 origin {rev}`, or `fetch-depth: 0` in actions/checkout)"
        )
    } else {
        format!("unknown revision `{rev}`: not a commit in this repository (fetch it, or check the name)")
    }
}

impl Diff {
    /// Parse unified-diff text (`git diff`, `git format-patch`, `diff -u`).
    ///
    /// # Errors
    /// [`DiffError::Malformed`] for a hunk header that cannot be read.
    pub fn parse(text: &str) -> Result<Self, DiffError> {
        let mut files: Vec<FileDiff> = Vec::new();
        let mut cur: Option<FileDiff> = None;
        // Remaining old/new lines of the current hunk and the next new-side line number.
        let (mut old_rem, mut new_rem, mut new_no) = (0u32, 0u32, 0u32);
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if old_rem > 0 || new_rem > 0 {
                let hunk = cur.as_mut().and_then(|f| f.hunks.last_mut());
                match (line.as_bytes().first(), hunk) {
                    (Some(b' ') | None, Some(h)) => {
                        h.context.push(new_no);
                        new_no += 1;
                        old_rem = old_rem.saturating_sub(1);
                        new_rem = new_rem.saturating_sub(1);
                        continue;
                    }
                    (Some(b'+'), Some(h)) => {
                        h.added.push(new_no);
                        new_no += 1;
                        new_rem = new_rem.saturating_sub(1);
                        continue;
                    }
                    (Some(b'-'), Some(_)) => {
                        old_rem = old_rem.saturating_sub(1);
                        continue;
                    }
                    (Some(b'\\'), _) => continue,
                    _ => {
                        // A short hunk: fall through and read the line as a header.
                        old_rem = 0;
                        new_rem = 0;
                    }
                }
            }
            if let Some(rest) = line.strip_prefix("diff --git ") {
                files.extend(cur.take());
                let (a, b) = split_git_paths(rest);
                let mut f = FileDiff::new(b.clone());
                if a != b {
                    f.old_path = Some(a);
                }
                cur = Some(f);
            } else if let Some(rest) = line.strip_prefix("--- ") {
                let old = parse_path(rest);
                let start_new = cur.as_ref().is_none_or(|f| !f.hunks.is_empty());
                if start_new {
                    // A plain unified diff without `diff --git` headers.
                    files.extend(cur.take());
                    cur = Some(FileDiff::new(old.clone().unwrap_or_default()));
                }
                if let Some(f) = cur.as_mut() {
                    match old {
                        None => f.status = FileStatus::Added,
                        Some(p) if p != f.path && f.old_path.is_none() => f.old_path = Some(p),
                        Some(_) => {}
                    }
                }
            } else if let Some(rest) = line.strip_prefix("+++ ") {
                if let Some(f) = cur.as_mut() {
                    match parse_path(rest) {
                        None => {
                            f.status = FileStatus::Deleted;
                            if let Some(old) = f.old_path.take() {
                                f.path = old;
                            }
                        }
                        Some(p) => {
                            if p != f.path {
                                if f.old_path.is_none() {
                                    f.old_path = Some(std::mem::take(&mut f.path));
                                }
                                f.path = p;
                            }
                            if f.old_path.as_deref() == Some(f.path.as_str()) {
                                f.old_path = None;
                            }
                        }
                    }
                }
            } else if let Some(rest) = line.strip_prefix("@@ ") {
                let (os, ol, ns, nl) =
                    parse_hunk_header(rest).ok_or_else(|| DiffError::Malformed {
                        line: i + 1,
                        message: format!("bad hunk header `{line}`"),
                    })?;
                let f = cur.get_or_insert_with(|| FileDiff::new(String::new()));
                f.hunks.push(Hunk {
                    old_start: os,
                    old_lines: ol,
                    new_start: ns,
                    new_lines: nl,
                    added: Vec::new(),
                    context: Vec::new(),
                });
                old_rem = ol;
                new_rem = nl;
                new_no = ns;
            } else if let Some(f) = cur.as_mut() {
                if line.starts_with("new file mode") {
                    f.status = FileStatus::Added;
                } else if line.starts_with("deleted file mode") {
                    f.status = FileStatus::Deleted;
                } else if let Some(p) = line.strip_prefix("rename from ") {
                    f.status = FileStatus::Renamed;
                    f.old_path = Some(unquote(p));
                } else if let Some(p) = line.strip_prefix("rename to ") {
                    f.status = FileStatus::Renamed;
                    f.path = unquote(p);
                } else if let Some(p) = line.strip_prefix("copy from ") {
                    f.status = FileStatus::Copied;
                    f.old_path = Some(unquote(p));
                } else if let Some(p) = line.strip_prefix("copy to ") {
                    f.status = FileStatus::Copied;
                    f.path = unquote(p);
                } else if line.starts_with("Binary files ") || line == "GIT binary patch" {
                    f.binary = true;
                }
            }
        }
        files.extend(cur);
        let mut out = Diff::default();
        for f in files {
            if f.path.is_empty() {
                continue;
            }
            out.files.insert(f.path.clone(), f);
        }
        Ok(out)
    }

    /// A diff in which every line of every file of `sources` (path → text) is new: what a dry run
    /// without a pull request previews (every finding as an inline comment).
    #[must_use]
    pub fn whole_files<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = Diff::default();
        for (path, text) in sources {
            let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
            let mut f = FileDiff::new(path.to_owned());
            f.status = FileStatus::Added;
            f.hunks.push(Hunk {
                old_start: 0,
                old_lines: 0,
                new_start: 1,
                new_lines: lines,
                added: (1..=lines).collect(),
                context: Vec::new(),
            });
            out.files.insert(path.to_owned(), f);
        }
        out
    }

    /// The changes to `path` (new path), if it is in the diff.
    #[must_use]
    pub fn file(&self, path: &str) -> Option<&FileDiff> {
        self.files.get(path)
    }

    /// Whether new-side `line` of `path` was added or changed.
    #[must_use]
    pub fn is_changed(&self, path: &str, line: u32) -> bool {
        self.file(path).is_some_and(|f| f.is_added(line))
    }

    /// Whether any line of a finding's primary location was added or changed.
    #[must_use]
    pub fn touches(&self, finding: &Finding) -> bool {
        let Some(f) = self.file(&finding.location.path) else {
            return false;
        };
        let start = finding.location.start.line;
        let mut end = finding.location.end.line.max(start);
        // A range ending at column 1 stops before that line.
        if end > start && finding.location.end.column <= 1 {
            end -= 1;
        }
        f.hunks
            .iter()
            .flat_map(|h| h.added.iter())
            .any(|l| (start..=end).contains(l))
    }

    /// Added lines per file.
    #[must_use]
    pub fn changed_lines(&self) -> BTreeMap<&str, BTreeSet<u32>> {
        self.files
            .iter()
            .map(|(p, f)| (p.as_str(), f.added_lines()))
            .filter(|(_, l)| !l.is_empty())
            .collect()
    }
}

/// Split findings into (on changed lines, elsewhere).
#[must_use]
pub fn filter_findings(findings: Vec<Finding>, diff: &Diff) -> (Vec<Finding>, Vec<Finding>) {
    findings.into_iter().partition(|f| diff.touches(f))
}

/// Keep only the findings of `report` on changed lines (what `--diff`/`--diff-from-file` do).
/// Returns the number of findings dropped. Suppressed findings are filtered the same way.
pub fn filter_report(report: &mut ScanReport, diff: &Diff) -> usize {
    let (kept, dropped) = filter_findings(std::mem::take(&mut report.findings), diff);
    report.findings = kept;
    let (kept, _) = filter_findings(std::mem::take(&mut report.suppressed), diff);
    report.suppressed = kept;
    dropped.len()
}

/// Read a patch file (`--diff-from-file PATCH`; `-` reads standard input).
///
/// # Errors
/// [`DiffError::Io`] or [`DiffError::Malformed`].
pub fn read_patch(path: &Path) -> Result<Diff, DiffError> {
    let text = if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
    } else {
        std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned())
    }
    .map_err(|source| DiffError::Io {
        path: path.to_owned(),
        source,
    })?;
    let diff = Diff::parse(&text)?;
    // An empty patch is "nothing changed"; text that holds no file diff is a mistake (a wrong file).
    if diff.files.is_empty() && !text.trim().is_empty() {
        return Err(DiffError::NoFileDiffs {
            path: path.to_owned(),
        });
    }
    Ok(diff)
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, DiffError> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(DiffError::GitMissing)
}

fn verify_commit(root: &Path, rev: &str) -> Result<bool, DiffError> {
    let spec = format!("{rev}^{{commit}}");
    Ok(git(root, &["rev-parse", "--verify", "--quiet", &spec])?
        .status
        .success())
}

/// `git diff --unified=0 -M REV` in `root` (paths relative to `root`), with clear errors for a missing
/// repository or revision. `REV` may be a commit, a branch, or a range `A..B` / `A...B`.
///
/// # Errors
/// [`DiffError`]: git missing, not a repository, unknown revision (with a hint to fetch the base
/// commit in a shallow clone), or a failing `git diff`.
pub fn git_diff(root: &Path, rev: &str) -> Result<String, DiffError> {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(DiffError::NotARepository {
            path: root.to_owned(),
            message: String::from_utf8_lossy(&inside.stderr).trim().to_owned(),
        });
    }
    let sides: Vec<&str> = if rev.contains("...") {
        rev.split("...").collect()
    } else if rev.contains("..") {
        rev.split("..").collect()
    } else {
        vec![rev]
    };
    for side in sides.into_iter().filter(|s| !s.is_empty()) {
        if side.starts_with('-') || !verify_commit(root, side)? {
            let shallow = git(root, &["rev-parse", "--is-shallow-repository"])?;
            let shallow = String::from_utf8_lossy(&shallow.stdout).trim() == "true";
            return Err(DiffError::UnknownRevision {
                rev: side.to_owned(),
                shallow,
            });
        }
    }
    let args = [
        "diff",
        "--unified=0",
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--relative",
        rev,
        "--",
    ];
    let out = git(root, &args)?;
    if !out.status.success() {
        return Err(DiffError::Git {
            command: format!("git {}", args.join(" ")),
            status: out.status.to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The parsed diff of the work tree at `root` against `rev` (what `--diff REV` uses). Untracked files
/// (not ignored) count as added in full, since `git diff` does not list them.
///
/// # Errors
/// See [`git_diff`].
pub fn diff_since(root: &Path, rev: &str) -> Result<Diff, DiffError> {
    let mut diff = Diff::parse(&git_diff(root, rev)?)?;
    if !rev.contains("..") {
        let out = git(root, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        if out.status.success() {
            for path in String::from_utf8_lossy(&out.stdout)
                .split('\0')
                .filter(|p| !p.is_empty())
            {
                let Ok(text) = std::fs::read(root.join(path)) else {
                    continue;
                };
                diff.files
                    .entry(path.to_owned())
                    .or_insert_with(|| added_file(path, &text));
            }
        }
    }
    Ok(diff)
}

/// A file whose every line is new.
fn added_file(path: &str, bytes: &[u8]) -> FileDiff {
    let mut lines =
        u32::try_from(bytes.iter().filter(|b| **b == b'\n').count()).unwrap_or(u32::MAX);
    if bytes.last().is_some_and(|b| *b != b'\n') {
        lines = lines.saturating_add(1);
    }
    let mut f = FileDiff::new(path.to_owned());
    f.status = FileStatus::Added;
    if memchr_nul(bytes) {
        f.binary = true;
    } else if lines > 0 {
        f.hunks.push(Hunk {
            old_start: 0,
            old_lines: 0,
            new_start: 1,
            new_lines: lines,
            added: (1..=lines).collect(),
            context: Vec::new(),
        });
    }
    f
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.iter().take(8000).any(|b| *b == 0)
}

// ---------------------------------------------------------------------------------------------
// header parsing

fn parse_range(s: &str) -> Option<(u32, u32)> {
    match s.split_once(',') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => Some((s.parse().ok()?, 1)),
    }
}

/// `-a,b +c,d @@ ...` → (a, b, c, d).
fn parse_hunk_header(rest: &str) -> Option<(u32, u32, u32, u32)> {
    let mut parts = rest.split_whitespace();
    let old = parts.next()?.strip_prefix('-')?;
    let new = parts.next()?.strip_prefix('+')?;
    let (os, ol) = parse_range(old)?;
    let (ns, nl) = parse_range(new)?;
    Some((os, ol, ns, nl))
}

/// Undo git's C-style quoting (`"a/\303\251 x.txt"`).
fn unquote(s: &str) -> String {
    let s = s.trim_end();
    let Some(inner) = s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) else {
        return s.to_owned();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    match it.peek() {
                        Some(&n @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(n - b'0');
                            it.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(u8::try_from(v).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn strip_prefix_dir(p: &str) -> String {
    p.strip_prefix("a/")
        .or_else(|| p.strip_prefix("b/"))
        .unwrap_or(p)
        .to_owned()
}

/// A `---`/`+++` path; `None` for `/dev/null`. A tab ends the name (timestamps of `diff -u`).
fn parse_path(rest: &str) -> Option<String> {
    let rest = if rest.starts_with('"') {
        rest
    } else {
        rest.split('\t').next().unwrap_or(rest)
    };
    let p = unquote(rest);
    if p == "/dev/null" {
        return None;
    }
    Some(strip_prefix_dir(&p))
}

/// The two paths of `diff --git a/X b/Y` (best effort for unquoted names with spaces).
fn split_git_paths(rest: &str) -> (String, String) {
    let rest = rest.trim_end();
    if let Some(stripped) = rest.strip_prefix('"') {
        if let Some(end) = stripped.find("\" ") {
            let a = unquote(&rest[..end + 2]);
            let b = unquote(&stripped[end + 2..]);
            return (strip_prefix_dir(&a), strip_prefix_dir(&b));
        }
    }
    if rest.ends_with('"') {
        if let Some(pos) = rest.rfind(" \"") {
            return (
                strip_prefix_dir(&rest[..pos]),
                strip_prefix_dir(&unquote(&rest[pos + 1..])),
            );
        }
    }
    // `a/P b/P` with the same P: split in the middle (P may contain " b/").
    let n = rest.len();
    if n % 2 == 1 {
        let mid = n / 2;
        if rest.is_char_boundary(mid) && rest.as_bytes().get(mid) == Some(&b' ') {
            let (a, b) = (&rest[..mid], &rest[mid + 1..]);
            if a.get(2..) == b.get(2..) {
                return (strip_prefix_dir(a), strip_prefix_dir(b));
            }
        }
    }
    match rest.rfind(" b/") {
        Some(pos) => (
            strip_prefix_dir(&rest[..pos]),
            strip_prefix_dir(&rest[pos + 1..]),
        ),
        None => (rest.to_owned(), rest.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers() {
        assert_eq!(parse_hunk_header("-1,3 +1,4 @@ fn x"), Some((1, 3, 1, 4)));
        assert_eq!(parse_hunk_header("-5 +6,0 @@"), Some((5, 1, 6, 0)));
        assert_eq!(parse_hunk_header("garbage"), None);
    }

    #[test]
    fn quoted_paths() {
        assert_eq!(unquote("\"a/\\303\\251t\\303\\251 x.txt\""), "a/été x.txt");
        assert_eq!(
            split_git_paths("a/x y.txt b/x y.txt"),
            ("x y.txt".into(), "x y.txt".into())
        );
        assert_eq!(
            split_git_paths("\"a/t\\tb\" \"b/t\\tb\""),
            ("t\tb".into(), "t\tb".into())
        );
        assert_eq!(parse_path("/dev/null"), None);
        assert_eq!(
            parse_path("b/src/x.py\t2024-01-01").as_deref(),
            Some("src/x.py")
        );
    }
}
