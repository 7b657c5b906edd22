//! `vigil merge`: join several SARIF logs (e.g. the shards of a CI matrix) into one valid log with
//! **one** run, as GitHub requires for one tool and category (two runs of the same tool and category
//! in one upload are refused since 2025-07-21).
//!
//! Rules are de-duplicated by id (first definition wins) and sorted, every result's `ruleIndex` is
//! recomputed against the merged array, results and notifications are concatenated and sorted with
//! the same keys [`crate::sarif::render`] uses, so merging the shards of a scan gives the unsharded
//! scan's results. GitHub's limits are applied to the merged run.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;

use serde_json::json;
use serde_sarif::sarif::{
    Invocation, Message, Notification, ReportingDescriptor, ReportingDescriptorReference,
    Result as SarifResult, Run, RunAutomationDetails, Sarif, Tool, ToolComponent,
};

use crate::limits;
use crate::sarif::{notification_sort_key, result_sort_key, write_log, SCHEMA_URI};

/// Why logs could not be merged.
#[derive(Debug)]
pub enum MergeError {
    /// No input log.
    NoInput,
    /// An input could not be read.
    Io { name: String, source: io::Error },
    /// An input is not a SARIF 2.1.0 log.
    Parse { name: String, message: String },
    /// Runs come from different tools.
    ToolMismatch {
        first: String,
        other: String,
        name: String,
    },
    /// Runs have different categories and no override was given.
    CategoryMismatch {
        first: String,
        other: String,
        name: String,
    },
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoInput => f.write_str("no SARIF log to merge"),
            Self::Io { name, source } => write!(f, "{name}: {source}"),
            Self::Parse { name, message } => write!(f, "{name}: not a SARIF 2.1.0 log: {message}"),
            Self::ToolMismatch { first, other, name } => write!(
                f,
                "{name}: run of tool `{other}` cannot be merged into a run of `{first}` (merge logs of one tool)"
            ),
            Self::CategoryMismatch { first, other, name } => write!(
                f,
                "{name}: automationDetails.id `{other}` differs from `{first}`; upload them separately or pass a category to merge them into one"
            ),
        }
    }
}

impl std::error::Error for MergeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Options of [`merge`].
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// `automationDetails.id` of the merged run; `None` keeps the inputs' (which must agree).
    pub category: Option<String>,
}

/// Parse one SARIF log from text; `name` is used in errors.
///
/// # Errors
/// [`MergeError::Parse`] when the text is not a SARIF 2.1.0 log.
pub fn parse_log(name: &str, text: &str) -> Result<Sarif, MergeError> {
    let log: Sarif = serde_json::from_str(text).map_err(|e| MergeError::Parse {
        name: name.to_owned(),
        message: e.to_string(),
    })?;
    if log.version != json!("2.1.0") {
        return Err(MergeError::Parse {
            name: name.to_owned(),
            message: format!("version is {}, expected \"2.1.0\"", log.version),
        });
    }
    Ok(log)
}

/// Read and parse SARIF files (`-` reads standard input).
///
/// # Errors
/// The first unreadable or invalid file.
pub fn read_logs(paths: &[impl AsRef<Path>]) -> Result<Vec<(String, Sarif)>, MergeError> {
    paths
        .iter()
        .map(|p| {
            let p = p.as_ref();
            let name = p.display().to_string();
            let mut text = String::new();
            let res = if name == "-" {
                io::stdin().read_to_string(&mut text).map(|_| ())
            } else {
                std::fs::read_to_string(p).map(|t| text = t)
            };
            res.map_err(|source| MergeError::Io {
                name: name.clone(),
                source,
            })?;
            let log = parse_log(&name, &text)?;
            Ok((name, log))
        })
        .collect()
}

/// Merge named logs into one log with one run.
///
/// # Errors
/// [`MergeError`] when there is no run, when runs come from different tools, or when their
/// categories differ and `opts.category` is `None`.
pub fn merge(logs: Vec<(String, Sarif)>, opts: &MergeOptions) -> Result<Sarif, MergeError> {
    let mut runs: Vec<(String, Run)> = Vec::new();
    for (name, log) in logs {
        runs.extend(log.runs.into_iter().map(|r| (name.clone(), r)));
    }
    let Some((_, first)) = runs.first() else {
        return Err(MergeError::NoInput);
    };
    let tool_name = first.tool.driver.name.clone();
    let first_category = first
        .automation_details
        .as_ref()
        .and_then(|a| a.id.clone())
        .unwrap_or_default();

    let mut driver_template: Option<ToolComponent> = None;
    let mut rules: BTreeMap<String, ReportingDescriptor> = BTreeMap::new();
    let mut results: Vec<SarifResult> = Vec::new();
    let mut notifications: Vec<Notification> = Vec::new();
    let mut bases = BTreeMap::new();
    let mut column_kind = None;
    let mut success = true;

    for (name, run) in runs {
        if run.tool.driver.name != tool_name {
            return Err(MergeError::ToolMismatch {
                first: tool_name,
                other: run.tool.driver.name,
                name,
            });
        }
        let category = run
            .automation_details
            .as_ref()
            .and_then(|a| a.id.clone())
            .unwrap_or_default();
        if opts.category.is_none() && category != first_category {
            return Err(MergeError::CategoryMismatch {
                first: first_category,
                other: category,
                name,
            });
        }
        let run_rules = run.tool.driver.rules.clone().unwrap_or_default();
        for rule in &run_rules {
            rules.entry(rule.id.clone()).or_insert_with(|| rule.clone());
        }
        for mut r in run.results.unwrap_or_default() {
            if r.rule_id.is_none() {
                // Resolve the id from the run's own rules before the index is recomputed.
                r.rule_id = r
                    .rule_index
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| run_rules.get(i))
                    .map(|d| d.id.clone())
                    .or_else(|| r.rule.as_ref().and_then(|d| d.id.clone()));
            }
            results.push(r);
        }
        for inv in run.invocations.unwrap_or_default() {
            success &= inv.execution_successful;
            notifications.extend(inv.tool_execution_notifications.unwrap_or_default());
        }
        for (k, v) in run.original_uri_base_ids.unwrap_or_default() {
            bases.entry(k).or_insert(v);
        }
        if column_kind.is_none() {
            column_kind = run.column_kind;
        }
        if driver_template.is_none() {
            driver_template = Some(run.tool.driver);
        }
    }

    let rules: Vec<ReportingDescriptor> = rules.into_values().collect();
    let index: BTreeMap<&str, i64> = rules
        .iter()
        .zip(0i64..)
        .map(|(r, i)| (r.id.as_str(), i))
        .collect();
    for r in &mut results {
        r.rule_index = r.rule_id.as_deref().and_then(|id| index.get(id).copied());
        if let Some(rule) = r.rule.as_mut() {
            rule.index = r.rule_index;
        }
    }
    results.sort_by_cached_key(result_sort_key);
    results.dedup();

    let mut driver =
        driver_template.unwrap_or_else(|| ToolComponent::builder().name(tool_name).build());
    driver.rules = Some(rules);
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .automation_details(
            RunAutomationDetails::builder()
                .id(opts.category.clone().map_or(first_category, |c| {
                    crate::sarif::normalize_category(Some(&c))
                }))
                .build(),
        )
        .build();
    run.column_kind = column_kind.or_else(|| Some(json!("utf16CodeUnits")));
    if !bases.is_empty() {
        run.original_uri_base_ids = Some(bases);
    }
    for note in limits::apply(&mut run) {
        notifications.push(
            Notification::builder()
                .message(Message::builder().text(note).build())
                .level(json!("warning"))
                .descriptor(ReportingDescriptorReference::builder().id("limits").build())
                .build(),
        );
    }
    notifications.sort_by_cached_key(notification_sort_key);
    notifications.dedup();
    run.invocations = Some(vec![Invocation::builder()
        .execution_successful(success)
        .tool_execution_notifications(notifications)
        .build()]);

    Ok(Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build())
}

/// Read, merge and write: what `vigil merge FILE... [--output OUT] [--category C]` does.
///
/// # Errors
/// A [`MergeError`], or an I/O error of `out` (as [`MergeError::Io`] named `<output>`).
pub fn merge_files(
    paths: &[impl AsRef<Path>],
    opts: &MergeOptions,
    out: &mut dyn io::Write,
) -> Result<(), MergeError> {
    let logs = read_logs(paths)?;
    let merged = merge(logs, opts)?;
    write_log(&merged, out).map_err(|source| MergeError::Io {
        name: "<output>".to_owned(),
        source,
    })
}
