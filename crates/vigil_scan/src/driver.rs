//! The parallel two-phase driver.

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use vigil_core::analyzer::{FileOutput, Summary};
use vigil_core::suppress::{CommentSyntax, Suppressions};
use vigil_core::{
    Analyzer, CheckContext, FileKind, Finding, Notification, NotificationLevel, ProjectFacts,
    ScanReport, SourceFile,
};

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
}

/// A phase-1 summary, or the panic message of `summarize`.
type SummaryOutcome = Result<Option<Summary>, String>;

/// What phase 2 produced for one file.
#[derive(Default)]
struct FileResult {
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    baselined: Vec<Finding>,
    comment_suppressed: usize,
    notifications: Vec<Notification>,
    has_any: bool,
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

fn run(
    analyzers: &[Box<dyn Analyzer>],
    settings: &Settings,
    opts: &ScanOptions,
    paths: &[PathBuf],
    root: &std::path::Path,
) -> Result<ScanResult, ScanError> {
    let (candidates, mut notifications) = discover::discover(paths, root, settings)?;
    let by_kind: HashMap<FileKind, &dyn Analyzer> =
        analyzers.iter().map(|a| (a.kind(), a.as_ref())).collect();

    // Read every candidate once, in parallel.
    let loaded: Vec<Loaded> = candidates
        .par_iter()
        .map(|c| {
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
        })
        .collect();
    let mut files: Vec<SourceFile> = Vec::new();
    for l in loaded {
        match l {
            Loaded::File(f) => files.push(f),
            Loaded::Skip => {}
            Loaded::Notice(n) => notifications.push(n),
        }
    }
    if files.is_empty() && notifications.is_empty() {
        notifications.push(Notification {
            level: NotificationLevel::Note,
            kind: "no-files".into(),
            path: None,
            message: "no Java, Python, buildspec, appspec or OpenAPI files found".into(),
            rule_id: None,
        });
    }

    // Phase 1: summaries of every file (all shards), then link per kind.
    let mut facts: HashMap<FileKind, ProjectFacts> = HashMap::new();
    for analyzer in analyzers {
        let kind = analyzer.kind();
        let outcomes: Vec<(Arc<str>, SummaryOutcome)> = files
            .par_iter()
            .filter(|f| f.kind == kind)
            .map(|f| (f.rel_path.clone(), guarded(|| analyzer.summarize(f))))
            .collect();
        let mut summaries = Vec::new();
        for (path, outcome) in outcomes {
            match outcome {
                Ok(Some(s)) => summaries.push((path, s)),
                Ok(None) => {}
                Err(msg) => notifications.push(Notification::file(
                    NotificationLevel::Error,
                    "panic",
                    &path,
                    format!(
                        "analysis failed (summarize); cross-file results may be incomplete: {msg}"
                    ),
                )),
            }
        }
        if summaries.is_empty() {
            continue;
        }
        match guarded(|| analyzer.link(summaries)) {
            Ok(Some(f)) => {
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

    // Phase 2: check this shard's files.
    let mine: Vec<&SourceFile> = files
        .iter()
        .filter(|f| opts.shard.is_none_or(|s| s.contains(&f.rel_path)))
        .collect();
    let progress = progress_bar(opts.progress, mine.len());
    let results: Vec<(Arc<str>, FileResult)> = mine
        .par_iter()
        .map(|file| {
            let r = check_file(
                file,
                by_kind.get(&file.kind).copied(),
                &facts,
                settings,
                opts,
                root,
            );
            if let Some(p) = &progress {
                p.inc(1);
            }
            (file.rel_path.clone(), r)
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }

    let texts: HashMap<&str, &Arc<str>> = files.iter().map(|f| (&*f.rel_path, &f.text)).collect();
    let mut out = ScanResult::default();
    let mut sources = BTreeMap::new();
    for (path, r) in results {
        if r.has_any {
            if let Some(t) = texts.get(&*path) {
                sources.insert(path.clone(), Arc::clone(t));
            }
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
    out.report.files_scanned = mine.len();
    out.report.rules = settings.enabled_rules();
    Ok(out)
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

fn check_file(
    file: &SourceFile,
    analyzer: Option<&dyn Analyzer>,
    facts: &HashMap<FileKind, ProjectFacts>,
    settings: &Settings,
    opts: &ScanOptions,
    root: &std::path::Path,
) -> FileResult {
    let mut r = FileResult::default();
    let Some(analyzer) = analyzer else {
        return r;
    };
    let file_rules = settings.file_rules(&file.path);
    let enabled = file_rules.for_kind(file.kind);
    if enabled.is_empty() {
        return r;
    }
    let ctx = CheckContext {
        rules: enabled,
        project: facts
            .get(&file.kind)
            .map(|f| &**f as &(dyn std::any::Any + Send + Sync)),
        root,
    };
    let mut output = FileOutput::default();
    let budget = vigil_core::budget::start(Some(settings.file_time_budget));
    if let Err(msg) = guarded(|| analyzer.check(file, &ctx, &mut output)) {
        r.notifications.push(panic_notice(file, "check", &msg));
    }
    if vigil_core::budget::was_expired() {
        let rules: Vec<&str> = enabled
            .iter()
            .filter(|rule| rule.analysis().is_some())
            .map(|rule| rule.id.as_ref())
            .collect();
        r.notifications.push(Notification::file(
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
    r.has_any = !findings.is_empty();
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
