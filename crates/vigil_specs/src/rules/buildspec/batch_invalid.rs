//! `buildspec/batch-invalid`: batch builds CodeBuild rejects (several build kinds, duplicate or
//! unknown task identifiers, `depend-on` cycles, bad `parallelism`).

use super::{Index, BATCH};
use crate::tree::{Doc, NodeId};
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "batch-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(b) = ix.batch else { return };
    let kinds: Vec<(&str, NodeId)> = doc
        .pairs(b)
        .filter(|(k, _, _)| BATCH[1..].contains(k))
        .map(|(k, key, _)| (k, key))
        .collect();
    if let Some(&(second, key)) = kinds.get(1) {
        rep.report(
            RULE,
            doc.range(key),
            format!("`batch` may hold only one of build-list, build-graph, build-matrix, build-fanout; `{second}` comes after `{}`", kinds.first().map_or("", |k| k.0)),
        );
    }
    for (kind, list) in ix.task_lists() {
        let mut ids: Vec<(String, NodeId)> = Vec::new();
        for &task in doc.items(list) {
            if !doc.is_map(task) {
                continue;
            }
            if let Some(i) = doc.get(task, "identifier") {
                let name = doc.scalar(i).unwrap_or("").to_owned();
                if ids.iter().any(|(n, _)| *n == name) {
                    rep.report(
                        RULE,
                        doc.range(i),
                        format!("batch task identifier `{name}` is used twice"),
                    );
                }
                ids.push((name, i));
            }
            if let Some(env) = doc.get(task, "env") {
                if let (Some(_), Some(f)) = (doc.get(env, "compute-type"), doc.get(env, "fleet")) {
                    rep.report(
                        RULE,
                        doc.key_range(f),
                        "a batch task's `env` sets both `compute-type` and `fleet`; use one",
                    );
                }
            }
        }
        if kind == "build-graph" {
            report_graph_cycles(rep, doc, list);
        }
        for &task in doc.items(list) {
            let Some(dep) = doc.get(task, "depend-on") else {
                continue;
            };
            if kind == "build-list" {
                rep.report(
                    RULE,
                    doc.key_range(dep),
                    "`depend-on` is only read in `build-graph`; in `build-list` all tasks run in parallel",
                );
                continue;
            }
            for &d in doc.items(dep) {
                let name = doc.scalar(d).unwrap_or("");
                if !ids.iter().any(|(n, _)| n == name) {
                    let known: Vec<&str> = ids.iter().map(|(n, _)| n.as_str()).collect();
                    rep.report(
                        RULE,
                        doc.range(d),
                        format!("`depend-on` names `{name}`, which is not a task identifier of this build graph{}", hint(name, &known)),
                    );
                }
            }
        }
    }
    if let Some(f) = doc.get(b, "build-fanout") {
        if let Some(p) = doc.get(f, "parallelism") {
            if doc.number(p).is_none_or(|n| n < 1.0 || n.fract() != 0.0) {
                rep.report(
                    RULE,
                    doc.range(p),
                    format!(
                        "`parallelism` is `{}`; expected a whole number of at least 1",
                        doc.scalar(p).unwrap_or("")
                    ),
                );
            }
        }
    }
}

/// A `build-graph` whose `depend-on` edges form a cycle never starts: CodeBuild rejects it. Each cycle
/// is reported once, at the `depend-on` entry of its first task (in file order) that closes it.
fn report_graph_cycles(rep: &mut Reporter<'_>, doc: &Doc, list: NodeId) {
    // (identifier, its depend-on entries (name, node)) for every task with an identifier.
    let tasks: Vec<(&str, Vec<(&str, NodeId)>)> = doc
        .items(list)
        .iter()
        .filter_map(|&t| {
            let name = doc.get(t, "identifier").and_then(|i| doc.scalar(i))?;
            let deps = doc
                .get(t, "depend-on")
                .map(|d| {
                    doc.items(d)
                        .iter()
                        .filter_map(|&n| doc.scalar(n).map(|s| (s, n)))
                        .collect()
                })
                .unwrap_or_default();
            Some((name, deps))
        })
        .collect();
    let index = |name: &str| tasks.iter().position(|(n, _)| *n == name);
    let mut on_reported_cycle: Vec<bool> = vec![false; tasks.len()];
    for (start, (name, deps)) in tasks.iter().enumerate() {
        if on_reported_cycle[start] {
            continue;
        }
        for &(first, node) in deps {
            let Some(first) = index(first) else { continue };
            // Breadth-first from `first` back to `start`, remembering parents for the path.
            let mut parent: Vec<Option<usize>> = vec![None; tasks.len()];
            let mut seen = vec![false; tasks.len()];
            let mut queue = std::collections::VecDeque::from([first]);
            seen[first] = true;
            let mut found = false;
            while let Some(cur) = queue.pop_front() {
                if cur == start {
                    found = true;
                    break;
                }
                for &(dep, _) in &tasks[cur].1 {
                    if let Some(next) = index(dep) {
                        if !seen[next] {
                            seen[next] = true;
                            parent[next] = Some(cur);
                            queue.push_back(next);
                        }
                    }
                }
            }
            if !found {
                continue;
            }
            let mut path = vec![start];
            let mut cur = start;
            while let Some(p) = parent[cur] {
                path.push(p);
                cur = p;
            }
            path.push(start);
            path.reverse();
            for &i in &path {
                on_reported_cycle[i] = true;
            }
            let names: Vec<&str> = path.iter().map(|&i| tasks[i].0).collect();
            rep.report(
                RULE,
                doc.range(node),
                format!(
                    "`depend-on` of `{name}` closes the cycle {}: a build graph with a cycle never starts",
                    names.join(" → ")
                ),
            );
            break;
        }
    }
}
