//! The parallel two-phase driver.

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use vigil_core::analyzer::{FileOutput, SecondPass, Summary};
use vigil_core::suppress::{CommentSyntax, Suppressions};
use vigil_core::{
    Analyzer, CheckContext, FileKind, Finding, Notification, NotificationLevel, ProjectFacts,
    ScanReport, SourceFile,
};

use crate::cache::{self, Cache, Done, Entry, SummaryState, Waiting};
use crate::discover::{self, Loaded};
use crate::panic::guarded;
use crate::settings::Settings;
use crate::{ScanError, ScanOptions};

/// The result of [`scan`].
#[derive(Debug, Default)]
pub struct ScanResult {
    pub report: ScanReport,
    /// Findings hidden because their fingerprint is in the baseline (also in `report.suppressed`).
    pub baselined: Vec<Finding>,
    /// Findings hidden by a `vigil-ignore[...]` comment (also in `report.suppressed`).
    pub comment_suppressed: usize,
    /// With [`ScanOptions::parse_only`]: what was parsed.
    pub parse_stats: Option<ParseStats>,
}

/// The work of a parse-only run ([`ScanOptions::parse_only`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseStats {
    /// Files read and parsed.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Syntax-tree nodes visited.
    pub nodes: u64,
}

/// The finished result of one file.
#[derive(Default)]
struct FileResult {
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    baselined: Vec<Finding>,
    comment_suppressed: usize,
    notifications: Vec<Notification>,
    /// The file's text, kept when it has findings (the report shows their lines).
    text: Option<Arc<str>>,
}

fn panic_notice(file: &SourceFile, phase: &str, message: &str) -> Notification {
    Notification::file(
        NotificationLevel::Error,
        "panic",
        &file.rel_path,
        format!("analysis failed ({phase}); the file's results are incomplete: {message}"),
    )
}

/// Scan `opts.paths` with `analyzers` under `settings`.
///
/// # Errors
/// A [`ScanError`] when a path does not exist or the thread pool cannot start. Problems with single
/// files are notifications in the report, never errors.
pub fn scan(
    analyzers: &[Box<dyn Analyzer>],
    settings: &Settings,
    opts: &ScanOptions,
) -> Result<ScanResult, ScanError> {
    let start = Instant::now();
    let cwd = std::env::current_dir().map_err(|source| ScanError::Io {
        path: PathBuf::from("."),
        source,
    })?;
    let paths: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![cwd.clone()]
    } else {
        opts.paths
            .iter()
            .map(|p| discover::normalize(&cwd.join(p)))
            .collect()
    };
    for (given, abs) in opts.paths.iter().zip(&paths) {
        if std::fs::symlink_metadata(abs).is_err() {
            return Err(ScanError::PathNotFound(given.clone()));
        }
    }
    let root = opts.root.as_ref().map_or_else(
        || discover::resolve_root(&paths, &cwd),
        |r| discover::normalize(&cwd.join(r)),
    );
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = opts.jobs {
        builder = builder.num_threads(j.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| ScanError::ThreadPool(opts.jobs.unwrap_or(0), e.to_string()))?;
    let mut result = pool.install(|| run(analyzers, settings, opts, &paths, &root))?;
    result.report.root = root;
    result.report.elapsed = start.elapsed();
    Ok(result)
}

/// What the first pass keeps of a file until the second pass.
struct Pending {
    candidate: usize,
    kind: FileKind,
    second: SecondPass,
    /// The raw output of the first pass (before severities, fingerprints and suppressions).
    output: FileOutput,
    /// Hash of the text the first pass saw: a file changed since is analyzed afresh.
    text_hash: u128,
    /// The file's cached finished result and the facts key it was computed under (cache hits).
    last: Option<(u64, Done)>,
    /// The text, kept for a cache hit whose result has findings.
    text: Option<Arc<str>>,
    /// The facts key under which the facts changed nothing for this path ([`Waiting::clean_under`]).
    clean_under: Option<u64>,
}

/// What the first pass produced for one candidate.
#[derive(Default)]
struct FirstResult {
    /// The file's finished result (in this shard only).
    result: Option<(Arc<str>, FileResult)>,
    /// The file's summary until the link: encoded (a fresh one, or a cache hit's), decoded (not
    /// encodable), or to be recomputed if the facts are needed.
    summary: Option<(FileKind, Arc<str>, Held)>,
    pending: Option<Pending>,
    notifications: Vec<Notification>,
    /// The file's part of its kind's facts key (files that are summarized).
    fact: Option<(FileKind, Arc<str>, u64)>,
    /// The file's cache entry for the next run (cache on), and whether it came from the cache.
    entry: Option<(Arc<str>, Entry)>,
}

use cache::text_hash;

/// A file's summary with its path.
type Named = (Arc<str>, Summary);

/// A second-pass result: path, result, the text hash, the facts key it was computed under and
/// whether those facts changed nothing for the file.
type Rechecked = (Arc<str>, FileResult, u128, u64, bool);

impl From<&FileResult> for Done {
    fn from(r: &FileResult) -> Self {
        Self {
            findings: r.findings.clone(),
            suppressed: r.suppressed.clone(),
            baselined: r.baselined.clone(),
            comment_suppressed: r.comment_suppressed,
            notifications: r.notifications.clone(),
        }
    }
}

impl Done {
    fn into_result(self, text: Option<Arc<str>>) -> FileResult {
        let has_findings =
            !self.findings.is_empty() || !self.suppressed.is_empty() || !self.baselined.is_empty();
        FileResult {
            findings: self.findings,
            suppressed: self.suppressed,
            baselined: self.baselined,
            comment_suppressed: self.comment_suppressed,
            notifications: self.notifications,
            text: text.filter(|_| has_findings),
        }
    }
}

/// What every file of one run shares.
struct RunCtx<'a> {
    by_kind: HashMap<FileKind, &'a dyn Analyzer>,
    wants: HashMap<FileKind, bool>,
    settings: &'a Settings,
    opts: &'a ScanOptions,
    root: &'a std::path::Path,
    cache: Cache,
    /// The project's `.properties` files, if any.
    properties: Option<&'a vigil_core::properties::ProjectProperties>,
}

/// The single-pass driver: each file is read and parsed once (first pass: every analysis that needs
/// no project facts, plus the summary); after linking, only the files whose results the facts can
/// change are read again (second pass). File texts are not kept between the passes, except for files
/// with findings (the report shows their lines). With the cache on ([`crate::cache`]), a file whose
/// text is unchanged is not analyzed at all, and the summaries are linked only when a file that
/// depends on the project facts must be analyzed again.
fn run(
    analyzers: &[Box<dyn Analyzer>],
    settings: &Settings,
    opts: &ScanOptions,
    paths: &[PathBuf],
    root: &std::path::Path,
) -> Result<ScanResult, ScanError> {
    let found = discover::discover(paths, root, settings)?;
    let (candidates, mut notifications) = (found.candidates, found.notices);
    let properties = discover::load_properties(&found.properties);
    if opts.parse_only {
        return Ok(parse_only(analyzers, settings, &candidates, notifications));
    }
    let enabled = settings.enabled_rules();
    let wants: HashMap<FileKind, bool> = analyzers
        .iter()
        .map(|a| {
            let of_kind: Vec<Arc<vigil_core::Rule>> = enabled
                .iter()
                .filter(|r| r.kind == a.kind())
                .cloned()
                .collect();
            (a.kind(), !of_kind.is_empty() && a.wants_summaries(&of_kind))
        })
        .collect();
    let rc = RunCtx {
        by_kind: analyzers.iter().map(|a| (a.kind(), a.as_ref())).collect(),
        wants,
        settings,
        opts,
        root,
        // A relative cache folder is relative to the scan root. The properties files are constant
        // sources of every Java file: a change to one of them is a new configuration.
        cache: Cache::load(
            opts.cache
                .as_ref()
                .map(|c| cache::CacheOptions {
                    dir: root.join(&c.dir),
                    key: if properties.is_empty() {
                        c.key
                    } else {
                        c.key ^ cache::hash64(&properties.fingerprint_bytes()).rotate_left(29)
                    },
                })
                .as_ref(),
        ),
        properties: (!properties.is_empty()).then_some(&properties),
    };
    let in_shard = |rel: &str| opts.shard.is_none_or(|s| s.contains(rel));
    let load = |c: &discover::Candidate| load_candidate(c, settings);

    // First pass: read, parse and analyze every file once, in parallel.
    let progress = progress_bar(opts.progress, candidates.len());
    let firsts: Vec<FirstResult> = candidates
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let r = match load(c) {
                Loaded::File(file) => first_pass(i, &file, &rc, in_shard(&file.rel_path)),
                Loaded::Skip => FirstResult::default(),
                Loaded::Notice(n) => FirstResult {
                    notifications: vec![n],
                    ..FirstResult::default()
                },
            };
            if let Some(p) = &progress {
                p.inc(1);
            }
            r
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }

    let mut results: Vec<(Arc<str>, FileResult)> = Vec::new();
    let mut summaries: HashMap<FileKind, Vec<(Arc<str>, Held)>> = HashMap::new();
    let mut facts_parts: HashMap<FileKind, Vec<(Arc<str>, u64)>> = HashMap::new();
    let mut entries: HashMap<String, Entry> = HashMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut files_scanned = 0usize;
    let mut any_file = false;
    for f in firsts {
        notifications.extend(f.notifications);
        if let Some((kind, path, s)) = f.summary {
            any_file = true;
            summaries.entry(kind).or_default().push((path, s));
        }
        if let Some((kind, path, h)) = f.fact {
            facts_parts.entry(kind).or_default().push((path, h));
        }
        if let Some((path, e)) = f.entry {
            entries.insert(path.to_string(), e);
        }
        if let Some(r) = f.result {
            any_file = true;
            files_scanned += 1;
            results.push(r);
        }
        if let Some(p) = f.pending {
            any_file = true;
            pending.push(p);
        }
    }
    if !any_file && notifications.is_empty() {
        notifications.push(Notification {
            level: NotificationLevel::Note,
            kind: "no-files".into(),
            path: None,
            message: "no Java, Python, buildspec, appspec or OpenAPI files found".into(),
            rule_id: None,
        });
    }

    // The facts key of each kind: what its project facts are computed from.
    let facts_keys: HashMap<FileKind, u64> = facts_parts
        .into_iter()
        .map(|(kind, mut parts)| {
            parts.sort();
            let mut bytes = Vec::with_capacity(parts.len() * 40);
            for (path, h) in &parts {
                bytes.extend_from_slice(path.as_bytes());
                bytes.push(0);
                bytes.extend_from_slice(&h.to_le_bytes());
            }
            (kind, cache::hash64(&bytes))
        })
        .collect();

    // A summary this run computed that the cache does not hold: the summaries file is written
    // again, whole (the cache hits' summaries read from the old one), now rather than at the end,
    // so that the bytes are dropped as the link consumes them.
    if rc.cache.enabled()
        && entries.iter().any(|(path, e)| {
            matches!(e.summary, SummaryState::Stored(_))
                && rc.cache.old_summary(path) != Some(&e.summary)
        })
    {
        let mut kinds: Vec<&mut Vec<(Arc<str>, Held)>> = Vec::new();
        for (kind, held) in &mut summaries {
            if let Some(a) = rc.by_kind.get(kind) {
                resolve_stored(*a, held, &candidates, &rc, &mut notifications);
            }
            kinds.push(held);
        }
        let items = kinds
            .iter()
            .flat_map(|held| held.iter())
            .filter_map(|(p, h)| match h {
                Held::Bytes(_, x, b) => Some((p.as_ref(), *x, b.as_slice())),
                _ => None,
            });
        if let Err(e) = rc.cache.save_summaries(items) {
            notifications.push(cache_notice(&e));
        }
    }

    // Files whose cached result was computed under the same facts are finished; the others need
    // the facts.
    let mut second: Vec<Pending> = Vec::new();
    for mut p in pending {
        let key = facts_keys.get(&p.kind).copied();
        match p.last.take() {
            Some((k, done)) if Some(k) == key => {
                if let Some(c) = candidates.get(p.candidate) {
                    let path: Arc<str> = Arc::clone(&c.rel_path);
                    files_scanned += 1;
                    results.push((path, done.into_result(p.text.take())));
                }
            }
            _ => second.push(p),
        }
    }

    // Link the summaries of each kind that a second pass needs (sorted by path). Summaries of
    // cache hits are decoded, or recomputed when their analyzer cannot encode them. A file the
    // same facts changed nothing for (an edit that left its summary as it was) does not need them.
    let is_clean = |p: &Pending| {
        p.second == SecondPass::IfNeeded
            && p.clean_under.is_some()
            && p.clean_under == facts_keys.get(&p.kind).copied()
    };
    let needed: std::collections::HashSet<FileKind> = second
        .iter()
        .filter(|p| !is_clean(p))
        .map(|p| p.kind)
        .collect();
    let mut facts: HashMap<FileKind, ProjectFacts> = HashMap::new();
    // Facts linked in this run, to keep in the cache (after the second pass, whose working memory
    // is then free): the analyzer, its kind's name and the facts key.
    let mut linked: Vec<(&dyn Analyzer, FileKind, String, u64)> = Vec::new();
    for analyzer in analyzers {
        let kind = analyzer.kind();
        if !needed.contains(&kind) {
            continue;
        }
        // The facts a previous run linked from the same summaries.
        let facts_key = facts_keys.get(&kind).copied();
        let name = format!("{kind:?}").to_lowercase();
        if let Some(f) = facts_key
            .and_then(|k| rc.cache.load_facts(&name, k))
            .and_then(|b| analyzer.decode_facts(&b))
        {
            facts.insert(kind, f);
            continue;
        }
        let mut sums = summaries.remove(&kind).unwrap_or_default();
        if sums.is_empty() {
            continue;
        }
        resolve_stored(
            analyzer.as_ref(),
            &mut sums,
            &candidates,
            &rc,
            &mut notifications,
        );
        match link_kind(
            analyzer.as_ref(),
            sums,
            &candidates,
            &rc,
            &mut notifications,
        ) {
            Ok(Some(f)) => {
                if let (Some(k), true) = (facts_key, rc.cache.enabled()) {
                    linked.push((analyzer.as_ref(), kind, name, k));
                }
                facts.insert(kind, f);
            }
            Ok(None) => {}
            Err(msg) => notifications.push(Notification {
                level: NotificationLevel::Error,
                kind: "panic".into(),
                path: None,
                message: format!("linking the {kind} summaries failed: {msg}"),
                rule_id: None,
            }),
        }
    }

    // Second pass: only the files whose results the project facts can change.
    let no_facts = HashMap::new();
    let seconds: Vec<(Option<Rechecked>, Vec<Notification>)> = second
        .into_par_iter()
        .map(|p| {
            let clean = is_clean(&p);
            let mut notes = Vec::new();
            let (Some(c), Some(analyzer)) = (
                candidates.get(p.candidate),
                rc.by_kind.get(&p.kind).copied(),
            ) else {
                return (None, notes);
            };
            let key = facts_keys.get(&p.kind).copied().unwrap_or(0);
            match load(c) {
                Loaded::File(file) => {
                    let hash = text_hash(&file.text);
                    // Facts known to change nothing for this path are not linked: the second
                    // pass finds no analysis to run again without them. (A file edited during
                    // the scan is checked without the facts then; its entry keeps the old text's
                    // hash, so the next run analyzes it afresh.)
                    let linked = facts.contains_key(&p.kind);
                    let (res, no_recheck) = second_pass(
                        &file,
                        analyzer,
                        p,
                        if clean { &no_facts } else { &facts },
                        &rc,
                    );
                    // Without facts (linking failed) nothing is known about them.
                    let clean = no_recheck && (clean || linked);
                    return (Some((file.rel_path.clone(), res, hash, key, clean)), notes);
                }
                Loaded::Skip => {}
                Loaded::Notice(n) => notes.push(n),
            }
            (None, notes)
        })
        .collect();
    for (r, notes) in seconds {
        notifications.extend(notes);
        if let Some((path, res, hash, key, clean)) = r {
            if let Some(w) = entries
                .get_mut(path.as_ref())
                .filter(|e| e.hash == hash)
                .and_then(|e| e.waiting.as_mut())
            {
                w.last = Some((key, Done::from(&res)));
                w.clean_under = clean.then_some(key);
            }
            files_scanned += 1;
            results.push((path, res));
        }
    }
    for (analyzer, kind, name, key) in linked {
        if let Some(Err(e)) = facts.remove(&kind).map(|f| {
            rc.cache
                .save_facts(&name, key, |w| analyzer.encode_facts(&f, w))
        }) {
            notifications.push(cache_notice(&e));
        }
    }
    drop(facts);
    if rc.cache.enabled() {
        if let Err(e) = rc.cache.save(entries) {
            notifications.push(cache_notice(&e));
        }
    }

    let mut out = ScanResult::default();
    let mut sources = BTreeMap::new();
    for (path, r) in results {
        if let Some(t) = r.text {
            sources.insert(path.clone(), t);
        }
        out.report.findings.extend(r.findings);
        out.report.suppressed.extend(r.suppressed);
        out.baselined.extend(r.baselined);
        out.comment_suppressed += r.comment_suppressed;
        notifications.extend(r.notifications);
    }
    out.report.findings.sort();
    out.report.suppressed.sort();
    out.baselined.sort();
    notifications.sort_by(|a, b| {
        (&a.path, &a.kind, &a.message, a.level, &a.rule_id)
            .cmp(&(&b.path, &b.kind, &b.message, b.level, &b.rule_id))
    });
    notifications.dedup();
    out.report.notifications = notifications;
    out.report.sources = sources;
    out.report.files_scanned = files_scanned;
    out.report.rules = settings.enabled_rules();
    Ok(out)
}

/// The notice of a cache that could not be written (it only costs speed).
fn cache_notice(e: &str) -> Notification {
    Notification {
        level: NotificationLevel::Note,
        kind: "cache".into(),
        path: None,
        message: format!("the incremental cache was not saved: {e}"),
        rule_id: None,
    }
}

/// A summary waiting to be linked.
enum Held {
    /// Decoded (its analyzer cannot encode it).
    Decoded(Summary),
    /// Encoded (the candidate, the bytes' hash, the bytes): held compactly until the link.
    Bytes(usize, u64, Vec<u8>),
    /// Encoded, in the cache's summaries file (a cache hit: the candidate and the bytes' hash); read
    /// from there when the link needs it ([`resolve_stored`]).
    Stored(usize, u64),
    /// To be computed again by a summary-only first pass (a cache hit whose analyzer cannot encode
    /// summaries).
    Recompute(usize),
}

/// Read the summaries of cache hits ([`Held::Stored`]) from the cache's summaries file: their
/// bytes, or (not there, or not the same bytes) the bytes of a summary-only first pass again (in
/// parallel), so that the summaries file written from them is whole.
fn resolve_stored(
    analyzer: &dyn Analyzer,
    held: &mut [(Arc<str>, Held)],
    candidates: &[discover::Candidate],
    rc: &RunCtx<'_>,
    notifications: &mut Vec<Notification>,
) {
    let mut found = {
        let wanted: HashMap<&str, u64> = held
            .iter()
            .filter_map(|(p, h)| match h {
                Held::Stored(_, x) => Some((p.as_ref(), *x)),
                _ => None,
            })
            .collect();
        if wanted.is_empty() {
            return;
        }
        rc.cache.load_summaries(&wanted)
    };
    for (p, h) in held.iter_mut() {
        if let Held::Stored(i, x) = *h {
            if let Some(b) = found.remove(p.as_ref()) {
                *h = Held::Bytes(i, x, b);
            }
        }
    }
    let again: Vec<(Held, Option<Notification>)> = held
        .par_iter()
        .filter_map(|(p, h)| match h {
            Held::Stored(i, _) => Some((p, *i)),
            _ => None,
        })
        .map(|(p, i)| {
            let (s, n) = revive(analyzer, Arc::clone(p), Held::Recompute(i), candidates, rc);
            let h = match s {
                Some((_, s)) => match analyzer.encode_summary(&s) {
                    Some(b) => Held::Bytes(i, cache::hash64(&b), b),
                    None => Held::Decoded(s),
                },
                None => Held::Recompute(i),
            };
            (h, n)
        })
        .collect();
    let mut again = again.into_iter();
    for (_, h) in held.iter_mut() {
        if matches!(h, Held::Stored(..)) {
            if let Some((new, n)) = again.next() {
                *h = new;
                notifications.extend(n);
            }
        }
    }
}

/// How many summaries are decoded at once (in parallel) while the link consumes them.
const DECODE_CHUNK: usize = 256;

/// Link the summaries of one kind, sorted by path. Encoded summaries are decoded as the link
/// consumes them, a chunk at a time, so the decoded summaries of the whole project are never held
/// at once (on the whole OpenJDK they were most of the peak memory); ones that do not decode are
/// computed again by a summary-only first pass.
fn link_kind(
    analyzer: &dyn Analyzer,
    mut held: Vec<(Arc<str>, Held)>,
    candidates: &[discover::Candidate],
    rc: &RunCtx<'_>,
    notifications: &mut Vec<Notification>,
) -> Result<Option<ProjectFacts>, String> {
    held.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rest = held.into_iter();
    let mut ready: std::vec::IntoIter<Named> = Vec::new().into_iter();
    let mut notes: Vec<Notification> = Vec::new();
    let mut summaries = std::iter::from_fn(|| loop {
        if let Some(s) = ready.next() {
            return Some(s);
        }
        let chunk: Vec<(Arc<str>, Held)> = rest.by_ref().take(DECODE_CHUNK).collect();
        if chunk.is_empty() {
            return None;
        }
        let revived: Vec<(Option<Named>, Option<Notification>)> = chunk
            .into_par_iter()
            .map(|(path, h)| revive(analyzer, path, h, candidates, rc))
            .collect();
        let mut next = Vec::with_capacity(revived.len());
        for (s, n) in revived {
            next.extend(s);
            notes.extend(n);
        }
        ready = next.into_iter();
    });
    let linked = guarded(|| analyzer.link(&mut summaries));
    notifications.extend(notes);
    linked
}

/// A held summary, decoded, or (for analyzers that cannot encode them, or bytes that do not
/// decode) recomputed by a summary-only first pass.
fn revive(
    analyzer: &dyn Analyzer,
    path: Arc<str>,
    held: Held,
    candidates: &[discover::Candidate],
    rc: &RunCtx<'_>,
) -> (Option<Named>, Option<Notification>) {
    let candidate = match held {
        Held::Decoded(s) => return (Some((path, s)), None),
        Held::Bytes(i, _, b) => match analyzer.decode_summary(&b) {
            Some(s) => return (Some((path, s)), None),
            None => i,
        },
        // Not read from the summaries file (see `resolve_stored`).
        Held::Stored(i, _) | Held::Recompute(i) => i,
    };
    let Some(c) = candidates.get(candidate) else {
        return (None, None);
    };
    match load_candidate(c, rc.settings) {
        Loaded::File(file) => {
            let ctx = CheckContext {
                rules: &[],
                project: None,
                root: rc.root,
                properties: rc.properties,
            };
            let mut out = FileOutput::default();
            let first = run_guarded(&file, rc.settings, &[], "summary", &mut out, |o| {
                analyzer.first_pass(&file, &ctx, true, o)
            });
            let n = out.notifications.into_iter().next();
            (first.and_then(|f| f.summary).map(|s| (path, s)), n)
        }
        Loaded::Skip => (None, None),
        Loaded::Notice(n) => (None, Some(n)),
    }
}

/// `--parse-only`: read and parse every file and visit its tree, in parallel, as the first pass
/// would, and run nothing else.
fn parse_only(
    analyzers: &[Box<dyn Analyzer>],
    settings: &Settings,
    candidates: &[discover::Candidate],
    mut notifications: Vec<Notification>,
) -> ScanResult {
    let by_kind: HashMap<FileKind, &dyn Analyzer> =
        analyzers.iter().map(|a| (a.kind(), a.as_ref())).collect();
    let parsed: Vec<(ParseStats, Option<Notification>)> = candidates
        .par_iter()
        .map(|c| match load_candidate(c, settings) {
            Loaded::File(file) => {
                let nodes = by_kind.get(&file.kind).map_or(0, |a| a.parse_only(&file));
                let stats = ParseStats {
                    files: 1,
                    bytes: file.text.len() as u64,
                    nodes,
                };
                (stats, None)
            }
            Loaded::Skip => (ParseStats::default(), None),
            Loaded::Notice(n) => (ParseStats::default(), Some(n)),
        })
        .collect();
    let mut stats = ParseStats::default();
    for (s, n) in parsed {
        stats.files += s.files;
        stats.bytes += s.bytes;
        stats.nodes += s.nodes;
        notifications.extend(n);
    }
    let mut out = ScanResult::default();
    out.report.files_scanned = stats.files;
    out.report.notifications = notifications;
    out.parse_stats = Some(stats);
    out
}

/// Read one candidate under the size limit of its kind (code or spec).
fn load_candidate(c: &discover::Candidate, settings: &Settings) -> Loaded {
    let code = matches!(
        c.class,
        crate::classify::Class::Known(FileKind::Java | FileKind::Python)
    );
    let limit = if code {
        settings.max_file_size
    } else {
        settings.max_spec_file_size
    };
    discover::load(c, limit)
}

/// First pass over one file: every analysis that needs no project facts, and its summary (or all
/// of it from the cache, when the file's text is unchanged).
fn first_pass(candidate: usize, file: &SourceFile, rc: &RunCtx<'_>, mine: bool) -> FirstResult {
    let hash = text_hash(&file.text);
    let summarize = rc.wants.get(&file.kind).copied().unwrap_or(false);
    let analyzer = rc.by_kind.get(&file.kind).copied();
    if let Some(e) = rc.cache.get(&file.rel_path, hash) {
        if let Some(r) = from_cache(
            candidate,
            file,
            e,
            hash,
            summarize,
            mine,
            analyzer.is_some(),
        ) {
            return r;
        }
    }
    let mut r = first_pass_fresh(candidate, file, analyzer, summarize, hash, rc, mine);
    // The summary is held encoded until the link (a fraction of its decoded size), sharing its
    // bytes with the cache entry.
    let summary = match (&mut r.summary, analyzer) {
        (Some((_, _, held)), Some(a)) => match held {
            Held::Decoded(s) => match a.encode_summary(s) {
                Some(b) => {
                    let h = cache::hash64(&b);
                    *held = Held::Bytes(candidate, h, b);
                    SummaryState::Stored(h)
                }
                None => SummaryState::Opaque,
            },
            // A fresh first pass holds only decoded summaries.
            Held::Bytes(..) | Held::Stored(..) | Held::Recompute(_) => SummaryState::Opaque,
        },
        _ => SummaryState::None,
    };
    if rc.cache.enabled() {
        if summarize {
            r.fact = Some((file.kind, file.rel_path.clone(), fact_part(&summary, hash)));
        }
        let done = r.result.as_ref().map(|(_, res)| Done::from(res));
        let waiting = r.pending.as_ref().map(|p| Waiting {
            full: p.second == SecondPass::Full,
            findings: p.output.findings.clone(),
            notifications: p.output.notifications.clone(),
            last: None,
            clean_under: None,
        });
        r.entry = Some((
            file.rel_path.clone(),
            Entry {
                hash,
                summary,
                done,
                waiting,
            },
        ));
    }
    r
}

/// A file's part of its kind's facts key: its encoded summary, or (not encodable) its text.
fn fact_part(summary: &SummaryState, text_hash: u128) -> u64 {
    match summary {
        SummaryState::None => 0,
        SummaryState::Stored(h) => *h,
        // Truncation intended: 64 bits of the text hash identify the version of the file.
        #[allow(clippy::cast_possible_truncation)]
        SummaryState::Opaque => text_hash as u64 ^ 1,
    }
}

/// The first pass of an unchanged file, from its cache entry (`None`: the entry does not fit this
/// run, e.g. it was a file of another shard).
fn from_cache(
    candidate: usize,
    file: &SourceFile,
    e: &Entry,
    hash: u128,
    summarize: bool,
    mine: bool,
    analyzed: bool,
) -> Option<FirstResult> {
    let mut r = FirstResult::default();
    if mine && analyzed {
        if let Some(done) = &e.done {
            r.result = Some((
                file.rel_path.clone(),
                done.clone().into_result(Some(file.text.clone())),
            ));
        } else if let Some(w) = &e.waiting {
            let with_findings = w.last.as_ref().is_some_and(|(_, d)| {
                !d.findings.is_empty() || !d.suppressed.is_empty() || !d.baselined.is_empty()
            });
            r.pending = Some(Pending {
                candidate,
                kind: file.kind,
                second: if w.full {
                    SecondPass::Full
                } else {
                    SecondPass::IfNeeded
                },
                output: FileOutput {
                    findings: w.findings.clone(),
                    notifications: w.notifications.clone(),
                },
                text_hash: hash,
                last: w.last.clone(),
                text: with_findings.then(|| file.text.clone()),
                clean_under: w.clean_under,
            });
        } else {
            return None;
        }
    } else if mine {
        r.result = Some((file.rel_path.clone(), FileResult::default()));
    }
    if summarize {
        r.fact = Some((
            file.kind,
            file.rel_path.clone(),
            fact_part(&e.summary, hash),
        ));
        match &e.summary {
            SummaryState::None => {}
            SummaryState::Stored(h) => {
                let held = Held::Stored(candidate, *h);
                r.summary = Some((file.kind, file.rel_path.clone(), held));
            }
            SummaryState::Opaque => {
                let held = Held::Recompute(candidate);
                r.summary = Some((file.kind, file.rel_path.clone(), held));
            }
        }
    }
    r.entry = Some((file.rel_path.clone(), e.clone()));
    Some(r)
}

/// The first pass of a file, computed.
fn first_pass_fresh(
    candidate: usize,
    file: &SourceFile,
    analyzer: Option<&dyn Analyzer>,
    summarize: bool,
    hash: u128,
    rc: &RunCtx<'_>,
    mine: bool,
) -> FirstResult {
    let (settings, opts, root) = (rc.settings, rc.opts, rc.root);
    let mut r = FirstResult::default();
    let Some(analyzer) = analyzer else {
        if mine {
            r.result = Some((file.rel_path.clone(), FileResult::default()));
        }
        return r;
    };
    let file_rules = settings.file_rules(&file.path);
    let enabled: &[Arc<vigil_core::Rule>] = if mine {
        file_rules.for_kind(file.kind)
    } else {
        &[]
    };
    if enabled.is_empty() && !summarize {
        if mine {
            r.result = Some((file.rel_path.clone(), FileResult::default()));
        }
        return r;
    }
    let ctx = CheckContext {
        rules: enabled,
        project: None,
        root,
        properties: rc.properties,
    };
    let mut output = FileOutput::default();
    let first = run_guarded(file, settings, enabled, "first pass", &mut output, |out| {
        analyzer.first_pass(file, &ctx, summarize, out)
    });
    let (summary, second) = match first {
        Some(f) => (f.summary, f.second),
        None => (None, SecondPass::Done),
    };
    if let Some(s) = summary {
        r.summary = Some((file.kind, file.rel_path.clone(), Held::Decoded(s)));
    }
    if !mine {
        return r;
    }
    let later = match second {
        SecondPass::Done => false,
        SecondPass::IfNeeded => summarize,
        SecondPass::Full => true,
    };
    if later {
        r.pending = Some(Pending {
            candidate,
            kind: file.kind,
            second,
            output,
            text_hash: hash,
            last: None,
            text: None,
            clean_under: if second == SecondPass::IfNeeded {
                rc.cache.clean_under(&file.rel_path)
            } else {
                None
            },
        });
    } else {
        r.result = Some((
            file.rel_path.clone(),
            postprocess(file, &file_rules, output, settings, opts),
        ));
    }
    r
}

/// Second pass over one file, read again: the analyses the project facts can change. Also says
/// whether the facts changed nothing (no analysis had to run again).
fn second_pass(
    file: &SourceFile,
    analyzer: &dyn Analyzer,
    p: Pending,
    facts: &HashMap<FileKind, ProjectFacts>,
    rc: &RunCtx<'_>,
) -> (FileResult, bool) {
    let (settings, opts, root) = (rc.settings, rc.opts, rc.root);
    let file_rules = settings.file_rules(&file.path);
    let enabled = file_rules.for_kind(file.kind);
    let project = facts.get(&file.kind);
    let ctx = CheckContext {
        rules: enabled,
        project,
        root,
        properties: rc.properties,
    };
    let changed = text_hash(&file.text) != p.text_hash;
    let mut output = p.output;
    let mut clean = false;
    if changed || p.second == SecondPass::Full {
        // The whole two-phase check (a file edited during the scan is analyzed afresh).
        if changed {
            output = FileOutput::default();
        }
        run_guarded(file, settings, enabled, "check", &mut output, |out| {
            analyzer.check(file, &ctx, out);
        });
    } else if let Some((project, scope)) = project
        .map(|f| (f, analyzer.recheck_analyses(f, &file.rel_path)))
        .filter(|(_, scope)| !scope.is_empty())
    {
        vigil_core::analyzer::drop_cross_file_findings(&mut output, enabled, scope);
        let rules = vigil_core::analyzer::rules_of_analyses(enabled, scope);
        let ctx = CheckContext {
            rules: &rules,
            project: Some(project),
            ..ctx
        };
        run_guarded(file, settings, enabled, "recheck", &mut output, |out| {
            analyzer.recheck(file, &ctx, out);
        });
    } else {
        clean = true;
    }
    (
        postprocess(file, &file_rules, output, settings, opts),
        clean,
    )
}

/// Run one analyzer call under `catch_unwind` and the per-file time budget; a panic or an expired
/// budget becomes a notice in `out`.
fn run_guarded<R>(
    file: &SourceFile,
    settings: &Settings,
    enabled: &[Arc<vigil_core::Rule>],
    phase: &str,
    out: &mut FileOutput,
    f: impl FnOnce(&mut FileOutput) -> R,
) -> Option<R> {
    let budget = vigil_core::budget::start(Some(settings.file_time_budget));
    let r = match guarded(|| f(out)) {
        Ok(r) => Some(r),
        Err(msg) => {
            out.notifications.push(panic_notice(file, phase, &msg));
            None
        }
    };
    if vigil_core::budget::was_expired() {
        let rules: Vec<&str> = enabled
            .iter()
            .filter(|rule| rule.analysis().is_some())
            .map(|rule| rule.id.as_ref())
            .collect();
        out.notifications.push(Notification::file(
            NotificationLevel::Error,
            "time-budget",
            &file.rel_path,
            format!(
                "analysis abandoned after the per-file time budget of {} s (`--file-time-budget`); results of {} may be incomplete",
                settings.file_time_budget.as_secs(),
                if rules.is_empty() {
                    "its rules".to_owned()
                } else {
                    rules.join(", ")
                }
            ),
        ));
    }
    drop(budget);
    r
}

fn progress_bar(wanted: bool, len: usize) -> Option<indicatif::ProgressBar> {
    if !wanted || len < 200 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} scanning [{bar:30}] {pos}/{len} files ({eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// Severities, fingerprints, suppressions and the baseline applied to the raw output of a file.
fn postprocess(
    file: &SourceFile,
    file_rules: &crate::settings::FileRules,
    mut output: FileOutput,
    settings: &Settings,
    opts: &ScanOptions,
) -> FileResult {
    let mut r = FileResult::default();
    let enabled = file_rules.for_kind(file.kind);
    r.notifications.append(&mut output.notifications);
    for n in &mut r.notifications {
        if n.path.is_none() {
            n.path = Some(file.rel_path.to_string());
        }
    }

    // Keep findings of rules enabled for this file, with their configured severity.
    let mut findings: Vec<Finding> = Vec::with_capacity(output.findings.len());
    for mut f in output.findings {
        match file_rules.severity(&f.rule_id) {
            Some(sev) => {
                f.severity = sev;
                f.location.path = file.rel_path.clone();
                findings.push(f);
            }
            None => {
                if !settings.all_rules().iter().any(|r| r.id == f.rule_id) {
                    r.notifications.push(Notification {
                        level: NotificationLevel::Warning,
                        kind: "unknown-rule".into(),
                        path: Some(file.rel_path.to_string()),
                        message: format!(
                            "an analyzer reported unknown rule `{}` (dropped)",
                            f.rule_id
                        ),
                        rule_id: Some(f.rule_id.to_string()),
                    });
                }
            }
        }
    }
    findings.sort();
    findings.dedup();
    vigil_core::fingerprint::assign(file, &mut findings);

    let syntax = match file.kind {
        FileKind::Java => CommentSyntax::Java,
        FileKind::Python => CommentSyntax::Python,
        FileKind::Buildspec | FileKind::Appspec | FileKind::Openapi => CommentSyntax::Yaml,
    };
    let suppressions = Suppressions::parse_with(&file.text, syntax);
    let bad = |line: u32, why: String| {
        Notification::file(
            NotificationLevel::Warning,
            "bad-suppression",
            &file.rel_path,
            format!("line {line}: {why}"),
        )
    };
    for (line, why) in suppressions.malformed() {
        r.notifications.push(bad(*line, why.clone()));
    }
    for s in suppressions.all() {
        for sel in &s.selectors {
            let line = s.comment_line;
            if sel == "*" || sel.parse::<vigil_core::Category>().is_ok() {
                continue;
            }
            let Some(rule) = settings.all_rules().iter().find(|r| *r.id == **sel) else {
                r.notifications.push(bad(
                    line,
                    format!("`vigil-ignore[...]` names `{sel}`, which is no rule id or category; it suppresses nothing"),
                ));
                continue;
            };
            if rule.kind != file.kind {
                r.notifications.push(bad(
                    line,
                    format!(
                        "`vigil-ignore[...]` names `{sel}`, a rule for {} files, in a {} file; it suppresses nothing",
                        rule.kind, file.kind
                    ),
                ));
            }
        }
    }
    let mut used = vec![false; suppressions.all().len()];
    if !findings.is_empty() {
        r.text = Some(Arc::clone(&file.text));
    }
    for f in findings {
        let category = enabled
            .iter()
            .find(|rule| rule.id == f.rule_id)
            .map_or("", |rule| rule.category().as_str());
        let hit = if suppressions.is_empty() {
            None
        } else {
            suppressions.find_index(f.location.start.line, &f.rule_id, category)
        };
        if let Some(i) = hit {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            r.comment_suppressed += 1;
            r.suppressed.push(f);
        } else if opts.baseline.as_ref().is_some_and(|b| b.contains(&f)) {
            r.baselined.push(f.clone());
            r.suppressed.push(f);
        } else {
            r.findings.push(f);
        }
    }
    if settings.report_unused_suppressions {
        for (s, _) in suppressions.all().iter().zip(&used).filter(|(_, u)| !**u) {
            // Only about rules that ran on this file: a suppression of a rule not selected is not
            // known to be stale.
            let ran = enabled
                .iter()
                .any(|rule| s.covers(&rule.id, rule.category().as_str()));
            if ran {
                r.notifications.push(Notification::file(
                    NotificationLevel::Warning,
                    "unused-suppression",
                    &file.rel_path,
                    format!(
                        "line {}: `vigil-ignore[{}]` suppresses no finding; remove it",
                        s.comment_line,
                        s.selectors.join(", ")
                    ),
                ));
            }
        }
    }
    r
}
