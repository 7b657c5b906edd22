//! AWS CodeDeploy `appspec.yml|yaml|json` for EC2/on-premises, Lambda and ECS.

use std::path::{Component, Path};
use std::sync::OnceLock;

use regex::Regex;
use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, SourceFile};

use crate::tree::{Doc, Kind, NodeId};
use crate::{hint, run, Reporter};

/// The appspec analyzer (`analysis: appspec`).
pub struct AppspecAnalyzer;

impl Analyzer for AppspecAnalyzer {
    fn parse_only(&self, file: &SourceFile) -> u64 {
        crate::parse_only(file)
    }

    fn kind(&self) -> FileKind {
        FileKind::Appspec
    }

    fn analyses(&self) -> Vec<&'static str> {
        vec!["appspec"]
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        let root_dir = ctx.root.to_path_buf();
        run(FileKind::Appspec, file, ctx, out, |rep, doc| {
            check_doc(rep, doc, &root_dir);
        });
    }
}

const EC2_TOP: &[&str] = &[
    "version",
    "os",
    "files",
    "permissions",
    "hooks",
    "file_exists_behavior",
];
const EC2_HOOKS: &[&str] = &[
    "ApplicationStop",
    "BeforeInstall",
    "AfterInstall",
    "ApplicationStart",
    "ValidateService",
    "BeforeBlockTraffic",
    "AfterBlockTraffic",
    "BeforeAllowTraffic",
    "AfterAllowTraffic",
];
const EC2_RESERVED: &[&str] = &[
    "Start",
    "DownloadBundle",
    "Install",
    "BlockTraffic",
    "AllowTraffic",
    "End",
];
const LAMBDA_HOOKS: &[&str] = &["BeforeAllowTraffic", "AfterAllowTraffic"];
const LAMBDA_RESERVED: &[&str] = &["Start", "AllowTraffic", "End"];
const ECS_HOOKS: &[&str] = &[
    "BeforeInstall",
    "AfterInstall",
    "AfterAllowTestTraffic",
    "BeforeAllowTraffic",
    "AfterAllowTraffic",
];
const ECS_RESERVED: &[&str] = &["Start", "Install", "TestTraffic", "AllowTraffic", "End"];
const SCRIPT: &[&str] = &["location", "timeout", "runas", "sudo"];
const FILE_ENTRY: &[&str] = &["source", "destination"];
const PERMISSION: &[&str] = &[
    "object", "pattern", "except", "owner", "group", "mode", "acls", "context", "type",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Platform {
    Ec2,
    Lambda,
    Ecs,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pat).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
    })
}

fn check_doc(rep: &mut Reporter<'_>, doc: &Doc, root_dir: &Path) {
    let Some(root) = doc.root else { return };
    if !doc.is_map(root) {
        rep.report(
            "unknown-key",
            doc.range(root),
            format!(
                "an appspec must be a mapping with `version` and sections, found {}",
                doc.type_name(root)
            ),
        );
        return;
    }
    let resources = doc.get_ci(root, "resources");
    let platform = match resources {
        None => Platform::Ec2,
        Some((_, r)) => {
            let is_ecs = doc.items(r).iter().any(|&item| {
                doc.all_entries(item).iter().any(|&(_, body)| {
                    doc.get_ci(body, "type")
                        .and_then(|(_, t)| doc.scalar(t))
                        .is_some_and(|t| t.eq_ignore_ascii_case("AWS::ECS::Service"))
                })
            });
            if is_ecs {
                Platform::Ecs
            } else {
                Platform::Lambda
            }
        }
    };

    // version
    match doc.get_ci(root, "version") {
        None => rep.report(
            "invalid-version",
            empty_at(doc, root),
            "appspec has no `version`: add `version: 0.0`",
        ),
        Some((_, v)) => {
            let t = doc.scalar(v).unwrap_or("");
            let is_num = matches!(doc.kind(v), Some(Kind::Number));
            if doc.number(v) != Some(0.0) && t != "0.0" {
                rep.report(
                    "invalid-version",
                    doc.range(v),
                    format!("appspec `version` is `{t}`; the only valid value is 0.0"),
                );
            } else if platform == Platform::Ec2 && !is_num {
                rep.report(
                    "invalid-version",
                    doc.range(v),
                    "`version` is the quoted string \"0.0\"; the CodeDeploy agent on EC2/on-premises compares it with the number 0.0 and rejects the revision: write `version: 0.0` unquoted",
                );
            }
        }
    }

    match platform {
        Platform::Ec2 => check_ec2(rep, doc, root, root_dir),
        Platform::Lambda | Platform::Ecs => check_serverless(rep, doc, root, platform),
    }
}

fn empty_at(doc: &Doc, id: NodeId) -> vigil_core::TextRange {
    let r = doc.range(id);
    vigil_core::TextRange {
        start: r.start,
        end: r.start,
    }
}

fn ec2_keys(rep: &mut Reporter<'_>, doc: &Doc, map: NodeId, allowed: &[&str], place: &str) {
    for (key, k, _) in doc.pairs(map) {
        if allowed.contains(&key) {
            continue;
        }
        if let Some(c) = allowed.iter().find(|a| a.eq_ignore_ascii_case(key)) {
            rep.report(
                "key-case",
                doc.range(k),
                format!("`{key}` must be written `{c}`: the CodeDeploy agent reads keys case-sensitively and silently ignores `{key}`"),
            );
        } else {
            rep.report(
                "unknown-key",
                doc.range(k),
                format!("unknown key `{key}` in {place}{}", hint(key, allowed)),
            );
        }
    }
}

fn check_ec2(rep: &mut Reporter<'_>, doc: &Doc, root: NodeId, root_dir: &Path) {
    ec2_keys(
        rep,
        doc,
        root,
        EC2_TOP,
        "the appspec's top level (EC2/on-premises)",
    );
    let os = doc.get(root, "os");
    let windows = os.and_then(|o| doc.scalar(o)) == Some("windows");
    match os {
        None => {
            if doc.get_ci(root, "os").is_none() {
                rep.report(
                    "invalid-os",
                    empty_at(doc, root),
                    "EC2/on-premises appspec has no `os`: add `os: linux` or `os: windows`",
                );
            }
        }
        Some(o) => {
            let t = doc.scalar(o).unwrap_or("");
            if t != "linux" && t != "windows" {
                rep.report(
                    "invalid-os",
                    doc.range(o),
                    format!("`os` is `{t}`; the CodeDeploy agent accepts only `linux` or `windows` (lower case)"),
                );
            }
        }
    }
    if let Some(f) = doc.get(root, "file_exists_behavior") {
        let t = doc.scalar(f).unwrap_or("");
        if !["DISALLOW", "OVERWRITE", "RETAIN"].contains(&t) {
            rep.report(
                "invalid-file-exists-behavior",
                doc.range(f),
                format!("`file_exists_behavior` is `{t}`; expected DISALLOW, OVERWRITE or RETAIN"),
            );
        }
    }
    if let Some(files) = doc.get(root, "files") {
        if !doc.is_seq(files) && !doc.is_null(files) {
            rep.report(
                "files-entry-incomplete",
                doc.key_range(files),
                format!(
                    "`files` must be a list of `source`/`destination` entries, found {}",
                    doc.type_name(files)
                ),
            );
        }
        for &e in doc.items(files) {
            if !doc.is_map(e) {
                rep.report(
                    "files-entry-incomplete",
                    doc.range(e),
                    format!("a `files` entry must be a mapping with `source` and `destination`, found {}", doc.type_name(e)),
                );
                continue;
            }
            ec2_keys(rep, doc, e, FILE_ENTRY, "a `files` entry");
            for want in FILE_ENTRY {
                let misspelled = doc.pairs(e).any(|(k, _, _)| {
                    k != *want && crate::did_you_mean(k, FILE_ENTRY) == Some(*want)
                });
                if misspelled {
                    continue;
                }
                if doc
                    .get(e, want)
                    .and_then(|v| doc.scalar(v))
                    .is_none_or(str::is_empty)
                {
                    rep.report(
                        "files-entry-incomplete",
                        doc.range(e),
                        format!("`files` entry has no `{want}`"),
                    );
                }
            }
            if let Some(src) = doc
                .get(e, "source")
                .and_then(|s| doc.str(s).map(|t| (s, t)))
            {
                if escapes(src.1) {
                    rep.report(
                        "path-escapes-revision",
                        doc.range(src.0),
                        format!("`source: {}` climbs out of the revision with `..`; the agent rejects paths outside the bundle", src.1),
                    );
                }
            }
        }
    }
    if let Some(perms) = doc.get(root, "permissions") {
        if windows {
            rep.report(
                "invalid-permissions",
                doc.key_range(perms),
                "`permissions` is not supported with `os: windows`; the agent fails the deployment",
            );
        }
        for &p in doc.items(perms) {
            check_permission(rep, doc, p);
        }
    }
    let Some(hooks) = doc.get(root, "hooks") else {
        return;
    };
    if !doc.is_map(hooks) {
        return;
    }
    let appspec_dir = Path::new(&*rep.file.rel_path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for (name, k, scripts) in doc.pairs(hooks) {
        if !hook_name_ok(
            rep,
            doc,
            name,
            k,
            EC2_HOOKS,
            EC2_RESERVED,
            "EC2/on-premises",
        ) {
            continue;
        }
        if doc.is_null(scripts) {
            continue;
        }
        if !doc.is_seq(scripts) {
            rep.report(
                "hook-missing-location",
                doc.range(k),
                format!("hook `{name}` must be a list of scripts, each with a `location`"),
            );
            continue;
        }
        let mut total = 0u64;
        for &s in doc.items(scripts) {
            if !doc.is_map(s) {
                rep.report(
                    "hook-missing-location",
                    doc.range(s),
                    format!(
                        "a `{name}` script must be a mapping with `location`, found {}",
                        doc.type_name(s)
                    ),
                );
                continue;
            }
            ec2_keys(rep, doc, s, SCRIPT, &format!("a `{name}` script"));
            match doc
                .get(s, "location")
                .and_then(|l| doc.str(l).map(|t| (l, t)))
            {
                None => rep.report(
                    "hook-missing-location",
                    doc.range(s),
                    format!("a `{name}` script has no `location`"),
                ),
                Some((l, loc)) => check_script_path(rep, doc, l, loc, root_dir, &appspec_dir),
            }
            if let Some(t) = doc.get(s, "timeout") {
                match doc.number(t).or_else(|| doc.str(t).and_then(|x| x.parse::<f64>().ok())) {
                    Some(n) if n.fract() == 0.0 && n > 0.0 && n <= 3600.0 => {
                        total += n as u64;
                    }
                    _ => rep.report(
                        "hook-timeout-invalid",
                        doc.range(t),
                        format!("script `timeout` is `{}`; it must be a whole number of seconds from 1 to 3600", doc.scalar(t).unwrap_or("")),
                    ),
                }
            }
            if windows {
                if let Some(r) = doc.get(s, "runas") {
                    rep.report(
                        "runas-on-windows",
                        doc.key_range(r),
                        "`runas` is supported only on Linux instances; with `os: windows` it is ignored",
                    );
                }
            }
        }
        if total > 3600 {
            rep.report(
                "hook-total-timeout",
                doc.range(k),
                format!("the scripts of `{name}` have timeouts summing to {total} s; one lifecycle event may take at most 3600 s"),
            );
        }
    }
}

fn escapes(p: &str) -> bool {
    let mut depth: i64 = 0;
    for c in Path::new(&p.replace('\\', "/")).components() {
        match c {
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

fn check_script_path(
    rep: &mut Reporter<'_>,
    doc: &Doc,
    l: NodeId,
    loc: &str,
    root_dir: &Path,
    appspec_dir: &Path,
) {
    let trimmed = loc.trim();
    if trimmed.is_empty() {
        rep.report(
            "hook-missing-location",
            doc.range(l),
            "script `location` is empty",
        );
        return;
    }
    let absolute = trimmed.starts_with('/')
        || trimmed.starts_with('\\')
        || trimmed.as_bytes().get(1) == Some(&b':')
        || trimmed.contains('$')
        || trimmed.contains("{{")
        || trimmed.contains('%');
    if absolute {
        return;
    }
    if escapes(trimmed) {
        rep.report(
            "path-escapes-revision",
            doc.range(l),
            format!("script `location: {trimmed}` climbs out of the revision with `..`; the agent rejects it"),
        );
        return;
    }
    // The script may take arguments after a space only if the file exists as written; test the path.
    let path = root_dir.join(appspec_dir).join(trimmed.replace('\\', "/"));
    if !path.is_file() {
        rep.report(
            "hook-script-missing",
            doc.range(l),
            format!("hook script `{trimmed}` does not exist in the repository (looked for `{}` next to the appspec); the deployment fails with \"Script does not exist at specified location\"", Path::new(&*rep.file.rel_path).parent().map(|p| p.join(trimmed)).unwrap_or_default().to_string_lossy().replace('\\', "/")),
        );
        return;
    }
    if rep.on("background-process-blocks-hook") {
        if let Some(line) = blocking_background_line(&path) {
            rep.report(
                "background-process-blocks-hook",
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

fn hook_name_ok(
    rep: &mut Reporter<'_>,
    doc: &Doc,
    name: &str,
    k: NodeId,
    valid: &[&str],
    reserved: &[&str],
    platform: &str,
) -> bool {
    if valid.contains(&name) {
        return true;
    }
    if reserved.contains(&name) {
        rep.report(
            "reserved-hook",
            doc.range(k),
            format!("`{name}` is reserved for CodeDeploy on {platform}; scripts cannot run there (scriptable: {})", valid.join(", ")),
        );
        return false;
    }
    rep.report(
        "invalid-hook-name",
        doc.range(k),
        format!("`{name}` is not a lifecycle event for {platform}{}", {
            let h = hint(name, valid);
            if h.is_empty() {
                format!(" (valid: {})", valid.join(", "))
            } else {
                h
            }
        }),
    );
    false
}

fn check_permission(rep: &mut Reporter<'_>, doc: &Doc, p: NodeId) {
    if !doc.is_map(p) {
        return;
    }
    ec2_keys(rep, doc, p, PERMISSION, "a `permissions` entry");
    if doc.get(p, "object").is_none() {
        rep.report(
            "invalid-permissions",
            doc.range(p),
            "`permissions` entry has no `object`",
        );
    }
    if let Some(m) = doc.get(p, "mode") {
        let t = doc.scalar(m).unwrap_or("");
        let numeric_plain = matches!(doc.kind(m), Some(Kind::Number));
        if t.is_empty() || t.len() > 4 || !t.chars().all(|c| c.is_digit(8)) {
            rep.report(
                "invalid-permissions",
                doc.range(m),
                format!("`mode: {t}` must be 1 to 4 octal digits (e.g. 644)"),
            );
        } else if numeric_plain && t.len() > 1 && t.starts_with('0') {
            rep.report(
                "invalid-permissions",
                doc.range(m),
                format!("`mode: {t}` has a leading zero: the agent's YAML 1.1 parser reads it as an octal number and applies the wrong mode; write `{}` or quote it", t.trim_start_matches('0')),
            );
        }
    }
    if let Some(t) = doc.get(p, "type") {
        let ok = doc.is_seq(t)
            && doc
                .items(t)
                .iter()
                .all(|&i| matches!(doc.scalar(i), Some("file" | "directory")));
        if !ok {
            rep.report(
                "invalid-permissions",
                doc.range(t),
                "`type` must be a list of `file` and/or `directory`",
            );
        }
    }
}

fn check_serverless(rep: &mut Reporter<'_>, doc: &Doc, root: NodeId, platform: Platform) {
    let (pname, valid, reserved) = match platform {
        Platform::Lambda => ("AWS Lambda", LAMBDA_HOOKS, LAMBDA_RESERVED),
        _ => ("Amazon ECS", ECS_HOOKS, ECS_RESERVED),
    };
    for (key, k, _) in doc.pairs(root) {
        let l = key.to_ascii_lowercase();
        if !["version", "resources", "hooks"].contains(&l.as_str()) {
            let extra = if EC2_TOP.contains(&key) {
                format!(" (`{key}` is an EC2/on-premises section; it does not apply to {pname} deployments)")
            } else {
                hint(key, &["version", "resources", "hooks"])
            };
            rep.report(
                "unknown-key",
                doc.range(k),
                format!("unknown key `{key}` in a {pname} appspec{extra}"),
            );
        }
    }
    if let Some((_, res)) = doc.get_ci(root, "resources") {
        let items = doc.items(res);
        let rule = if platform == Platform::Lambda {
            "lambda-resource-invalid"
        } else {
            "ecs-resource-invalid"
        };
        if items.len() != 1 {
            rep.report(
                rule,
                doc.key_range(res),
                format!(
                    "`resources` must list exactly one {pname} target, found {}",
                    items.len()
                ),
            );
        }
        for &item in items {
            for (_, body) in doc.all_entries(item) {
                if platform == Platform::Lambda {
                    check_lambda_resource(rep, doc, body);
                } else {
                    check_ecs_resource(rep, doc, body);
                }
            }
        }
    }
    if let Some((hk, hooks)) = doc.get_ci(root, "hooks") {
        if doc.is_null(hooks) {
            return;
        }
        if !doc.is_seq(hooks) {
            rep.report(
                "lambda-hook-format",
                doc.range(hk),
                format!("{pname} `hooks` must be a list of single-key mappings (`- BeforeAllowTraffic: MyValidationFunction`), found {}", doc.type_name(hooks)),
            );
            return;
        }
        for &h in doc.items(hooks) {
            let entries = doc.all_entries(h);
            if !doc.is_map(h) || entries.len() != 1 {
                rep.report(
                    "lambda-hook-format",
                    doc.range(h),
                    format!("each {pname} hook must be a single-key mapping `- <LifecycleEvent>: <Lambda function name or ARN>`"),
                );
                continue;
            }
            let Some(&(k, v)) = entries.first() else {
                continue;
            };
            let name = doc.scalar(k).unwrap_or("");
            if !hook_name_ok(rep, doc, name, k, valid, reserved, pname) {
                continue;
            }
            if doc.str(v).is_none_or(|s| s.trim().is_empty()) && !doc.is_opaque(v) {
                rep.report(
                    "lambda-hook-format",
                    doc.range(v).max(doc.range(k)),
                    format!(
                        "hook `{name}` must name a Lambda function (name or ARN), found {}",
                        doc.type_name(v)
                    ),
                );
            }
        }
    }
}

fn prop<'d>(doc: &'d Doc, map: NodeId, key: &str) -> Option<(NodeId, NodeId, Option<&'d str>)> {
    doc.get_ci(map, key).map(|(k, v)| (k, v, doc.scalar(v)))
}

fn check_lambda_resource(rep: &mut Reporter<'_>, doc: &Doc, body: NodeId) {
    const RULE: &str = "lambda-resource-invalid";
    match prop(doc, body, "type") {
        None => rep.report(
            RULE,
            doc.key_range(body),
            "Lambda resource has no `type: AWS::Lambda::Function`",
        ),
        Some((_, v, t)) if t != Some("AWS::Lambda::Function") => rep.report(
            RULE,
            doc.range(v),
            format!(
                "resource `type` is `{}`; expected AWS::Lambda::Function",
                t.unwrap_or("")
            ),
        ),
        _ => {}
    }
    let Some((pk, props, _)) = prop(doc, body, "properties") else {
        rep.report(
            RULE,
            doc.key_range(body),
            "Lambda resource has no `properties` (name, alias, currentversion, targetversion)",
        );
        return;
    };
    let mut versions = Vec::new();
    for want in ["name", "alias", "currentversion", "targetversion"] {
        match prop(doc, props, want) {
            None => rep.report(
                RULE,
                doc.range(pk),
                format!("Lambda resource `properties` has no `{want}`"),
            ),
            Some((_, v, t)) => {
                if doc.is_opaque(v) {
                    continue;
                }
                let empty = t.is_none_or(|s| s.trim().is_empty());
                if empty {
                    rep.report(
                        RULE,
                        doc.range(v),
                        format!("`{want}` must be a non-empty value"),
                    );
                } else if want.ends_with("version") {
                    let s = t.unwrap_or("");
                    if s.parse::<u64>().map_or(true, |n| n == 0) {
                        rep.report(RULE, doc.range(v), format!("`{want}` is `{s}`; a Lambda version is a positive integer (an alias or `$LATEST` is not accepted)"));
                    } else {
                        versions.push(s.to_owned());
                    }
                }
            }
        }
    }
}

fn check_ecs_resource(rep: &mut Reporter<'_>, doc: &Doc, body: NodeId) {
    const RULE: &str = "ecs-resource-invalid";
    static ARN: OnceLock<Regex> = OnceLock::new();
    if let Some((_, v, t)) = prop(doc, body, "type") {
        if t != Some("AWS::ECS::Service") {
            rep.report(
                RULE,
                doc.range(v),
                format!(
                    "resource `Type` is `{}`; expected AWS::ECS::Service",
                    t.unwrap_or("")
                ),
            );
        }
    }
    let Some((pk, props, _)) = prop(doc, body, "properties") else {
        rep.report(
            RULE,
            doc.key_range(body),
            "ECS resource has no `Properties` (TaskDefinition, LoadBalancerInfo)",
        );
        return;
    };
    match prop(doc, props, "TaskDefinition") {
        None => rep.report(
            RULE,
            doc.range(pk),
            "ECS `Properties` has no `TaskDefinition`",
        ),
        Some((_, v, t)) => {
            let arn = re(
                &ARN,
                r"^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/[A-Za-z0-9_-]{1,255}(:\d+)?$",
            );
            let ok = doc.is_opaque(v)
                || t.is_some_and(|s| arn.is_match(s) || (s.starts_with('<') && s.ends_with('>')));
            if !ok {
                rep.report(RULE, doc.range(v), format!("`TaskDefinition` is `{}`; expected a task definition ARN `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` (or the `<TASK_DEFINITION>` placeholder)", t.unwrap_or("")));
            }
        }
    }
    if let Some((_, nc, _)) = prop(doc, props, "NetworkConfiguration") {
        if let Some((ak, aws, _)) = prop(doc, nc, "AwsvpcConfiguration") {
            let missing: Vec<&str> = ["Subnets", "SecurityGroups", "AssignPublicIp"]
                .into_iter()
                .filter(|k| prop(doc, aws, k).is_none())
                .collect();
            if !missing.is_empty() {
                rep.report(RULE, doc.range(ak), format!("`AwsvpcConfiguration` must set Subnets, SecurityGroups and AssignPublicIp together; missing {}", missing.join(", ")));
            }
            if let Some((_, v, t)) = prop(doc, aws, "AssignPublicIp") {
                if !doc.is_opaque(v) && !matches!(t, Some("ENABLED" | "DISABLED")) {
                    rep.report(
                        RULE,
                        doc.range(v),
                        format!(
                            "`AssignPublicIp` is `{}`; expected ENABLED or DISABLED",
                            t.unwrap_or("")
                        ),
                    );
                }
            }
        }
    }
    match prop(doc, props, "LoadBalancerInfo") {
        None => rep.report(
            RULE,
            doc.range(pk),
            "ECS `Properties` has no `LoadBalancerInfo` (ContainerName, ContainerPort)",
        ),
        Some((lk, lb, _)) => {
            if prop(doc, lb, "ContainerName")
                .and_then(|(_, _, t)| t)
                .is_none_or(|s| s.trim().is_empty())
            {
                rep.report(
                    RULE,
                    doc.range(lk),
                    "`LoadBalancerInfo` has no `ContainerName`",
                );
            }
            match prop(doc, lb, "ContainerPort") {
                None => rep.report(
                    RULE,
                    doc.range(lk),
                    "`LoadBalancerInfo` has no `ContainerPort`",
                ),
                Some((_, v, t)) => {
                    let ok = doc.is_opaque(v)
                        || t.and_then(|s| s.parse::<u32>().ok())
                            .is_some_and(|p| (1..=65535).contains(&p));
                    if !ok {
                        rep.report(
                            RULE,
                            doc.range(v),
                            format!(
                                "`ContainerPort` is `{}`; expected a port number from 1 to 65535",
                                t.unwrap_or("")
                            ),
                        );
                    }
                }
            }
        }
    }
}
