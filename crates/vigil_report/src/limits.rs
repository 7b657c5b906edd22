//! GitHub code scanning's limits on a SARIF run, and how vigil keeps a log under them.
//!
//! GitHub **rejects** a file over its hard limits (25,000 results per run, 1,000 locations per result,
//! 10,000 thread-flow locations per result, 20 tags per rule, ...) and only **shows** part of what is
//! under them. [`apply`] truncates a run to the limits and returns one notification text per cut, so
//! an oversized scan is uploaded (with its most severe results) instead of refused.
//!
//! Source: <https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning>

use serde_sarif::sarif::{ResultLevel, Run};

/// Results per run GitHub accepts.
pub const MAX_RESULTS: usize = 25_000;
/// Rules per run GitHub accepts.
pub const MAX_RULES: usize = 25_000;
/// Runs per file GitHub accepts.
pub const MAX_RUNS: usize = 20;
/// `locations` (and, by vigil's choice, `relatedLocations`) per result GitHub accepts.
pub const MAX_LOCATIONS: usize = 1_000;
/// Thread-flow locations per result GitHub accepts.
pub const MAX_THREAD_FLOW_LOCATIONS: usize = 10_000;
/// Thread-flow locations per result GitHub shows; vigil keeps the source and sink and cuts the middle.
pub const SHOWN_THREAD_FLOW_LOCATIONS: usize = 1_000;
/// Tags per rule GitHub accepts.
pub const MAX_TAGS: usize = 20;
/// Tags per rule GitHub keeps; vigil truncates to this.
pub const SHOWN_TAGS: usize = 10;
/// Size of an upload after gzip.
pub const MAX_GZIP_BYTES: usize = 10 * 1024 * 1024;
/// Characters of a review or issue comment body.
pub const MAX_COMMENT_CHARS: usize = 65_536;

fn level_rank(level: Option<ResultLevel>) -> u8 {
    match level {
        Some(ResultLevel::Error) => 0,
        Some(ResultLevel::Warning) | None => 1,
        Some(ResultLevel::Note) => 2,
        Some(ResultLevel::None) => 3,
    }
}

/// Truncate `run` to GitHub's limits. Returns a message for every cut (to be emitted as tool
/// execution notifications); empty when the run was within the limits.
pub fn apply(run: &mut Run) -> Vec<String> {
    let mut notes = Vec::new();

    if let Some(rules) = run.tool.driver.rules.as_mut() {
        for rule in rules.iter_mut() {
            let Some(tags) = rule.properties.as_mut().and_then(|p| p.tags.as_mut()) else {
                continue;
            };
            if tags.len() > SHOWN_TAGS {
                let dropped = tags.len() - SHOWN_TAGS;
                tags.truncate(SHOWN_TAGS);
                notes.push(format!(
                    "rule {}: {dropped} tag(s) dropped (GitHub keeps {SHOWN_TAGS} tags per rule)",
                    rule.id
                ));
            }
        }
    }

    if let Some(results) = run.results.as_mut() {
        for result in results.iter_mut() {
            let rule = result.rule_id.clone().unwrap_or_default();
            if let Some(locs) = result.locations.as_mut() {
                if locs.len() > MAX_LOCATIONS {
                    let dropped = locs.len() - MAX_LOCATIONS;
                    locs.truncate(MAX_LOCATIONS);
                    notes.push(format!("a result of {rule}: {dropped} location(s) dropped (GitHub accepts {MAX_LOCATIONS})"));
                }
            }
            if let Some(locs) = result.related_locations.as_mut() {
                if locs.len() > MAX_LOCATIONS {
                    let dropped = locs.len() - MAX_LOCATIONS;
                    locs.truncate(MAX_LOCATIONS);
                    notes.push(format!("a result of {rule}: {dropped} related location(s) dropped (limit {MAX_LOCATIONS})"));
                }
            }
            for flow in result.code_flows.iter_mut().flatten() {
                for thread in &mut flow.thread_flows {
                    let n = thread.locations.len();
                    if n > SHOWN_THREAD_FLOW_LOCATIONS {
                        // Keep the start of the path and its sink.
                        let last = thread.locations.pop();
                        thread.locations.truncate(SHOWN_THREAD_FLOW_LOCATIONS - 1);
                        thread.locations.extend(last);
                        notes.push(format!(
                            "a result of {rule}: flow path of {n} steps cut to {SHOWN_THREAD_FLOW_LOCATIONS} (GitHub shows {SHOWN_THREAD_FLOW_LOCATIONS})"
                        ));
                    }
                }
            }
        }
        if results.len() > MAX_RESULTS {
            let total = results.len();
            // Keep the most severe results, in their original order.
            let mut order: Vec<usize> = (0..total).collect();
            order.sort_by_key(|&i| (level_rank(results.get(i).and_then(|r| r.level)), i));
            let mut keep = vec![false; total];
            for &i in order.iter().take(MAX_RESULTS) {
                keep[i] = true;
            }
            let mut i = 0;
            results.retain(|_| {
                let k = keep[i];
                i += 1;
                k
            });
            notes.push(format!(
                "{} of {total} results dropped: GitHub accepts {MAX_RESULTS} results per run (the most severe are kept; use a narrower scan, --diff or shards with distinct categories)",
                total - MAX_RESULTS
            ));
        }
    }

    if let Some(rules) = run.tool.driver.rules.as_mut() {
        if rules.len() > MAX_RULES {
            let dropped = rules.len() - MAX_RULES;
            notes.push(format!(
                "{dropped} rule descriptor(s) over GitHub's limit of {MAX_RULES}: keep fewer rules enabled"
            ));
        }
    }
    notes
}
