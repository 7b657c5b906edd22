//! `appspec/background-process-blocks-hook`: a hook script that starts a background process without redirecting its output, so the lifecycle event hangs.

use std::path::Path;

use super::{Index, ScriptPath};
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "background-process-blocks-hook");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for &(l, loc, ref path) in ix.script_locations() {
        let ScriptPath::Exists(path) = path else {
            continue;
        };
        if let Some(line) = blocking_background_line(path) {
            let trimmed = loc.trim();
            rep.report(
                RULE,
                doc.range(l),
                format!("hook script `{trimmed}` starts a background process without redirecting its output (`{line}`); the agent waits for its stdout/stderr to close, so the lifecycle event hangs until the timeout: redirect with `> /dev/null 2> /dev/null < /dev/null &`"),
            );
        }
    }
}

/// A shell line that backgrounds a command (`cmd &`) without redirecting stdout and stderr.
fn blocking_background_line(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > 1_000_000
        || name.ends_with(".ps1")
        || name.ends_with(".bat")
        || name.ends_with(".cmd")
        || name.ends_with(".py")
    {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    if !(name.ends_with(".sh")
        || text.starts_with("#!/bin/bash")
        || text.starts_with("#!/bin/sh")
        || text.starts_with("#!/usr/bin/env bash"))
    {
        return None;
    }
    text.lines().map(str::trim).find_map(|l| {
        if l.starts_with('#') {
            return None;
        }
        let body = l.strip_suffix('&')?;
        if body.ends_with('&') || body.ends_with('>') || body.ends_with('|') {
            return None; // `&&` continuation, `>&`, `|&`
        }
        let stdout = body.contains("> /dev/null")
            || body.contains(">/dev/null")
            || body.contains("&>")
            || body.contains(">>")
            || {
                let b = body.replace("2>", "");
                b.contains('>')
            };
        let stderr = body.contains("2>") || body.contains("&>");
        (!(stdout && stderr)).then(|| l.to_owned())
    })
}
