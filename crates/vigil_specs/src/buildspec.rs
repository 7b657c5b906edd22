//! AWS CodeBuild `buildspec.yml` (versions 0.1 and 0.2).

use std::sync::OnceLock;

use regex::Regex;
use vigil_core::analyzer::FileOutput;
use vigil_core::{Analyzer, CheckContext, FileKind, SourceFile};

use crate::tree::{Doc, Kind, NodeId};
use crate::{hint, run, Reporter};

/// The buildspec analyzer (`analysis: buildspec`).
pub struct BuildspecAnalyzer;

impl Analyzer for BuildspecAnalyzer {
    fn parse_only(&self, file: &SourceFile) -> u64 {
        crate::parse_only(file)
    }

    fn kind(&self) -> FileKind {
        FileKind::Buildspec
    }

    fn analyses(&self) -> Vec<&'static str> {
        vec!["buildspec"]
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_>, out: &mut FileOutput) {
        run(FileKind::Buildspec, file, ctx, out, |rep, doc| {
            check_doc(rep, doc);
        });
    }
}

const TOP: &[&str] = &[
    "version",
    "run-as",
    "env",
    "proxy",
    "batch",
    "phases",
    "reports",
    "artifacts",
    "cache",
];
const ENV: &[&str] = &[
    "shell",
    "variables",
    "parameter-store",
    "secrets-manager",
    "exported-variables",
    "git-credential-helper",
];
const PROXY: &[&str] = &["upload-artifacts", "logs"];
const BATCH: &[&str] = &[
    "fast-fail",
    "build-list",
    "build-graph",
    "build-matrix",
    "build-fanout",
];
const PHASES: &[&str] = &["install", "pre_build", "build", "post_build"];
const PHASE: &[&str] = &[
    "run-as",
    "on-failure",
    "runtime-versions",
    "commands",
    "finally",
];
const ARTIFACTS: &[&str] = &[
    "files",
    "name",
    "discard-paths",
    "base-directory",
    "exclude-paths",
    "enable-symlinks",
    "s3-prefix",
    "secondary-artifacts",
];
const SECONDARY: &[&str] = &[
    "files",
    "name",
    "discard-paths",
    "base-directory",
    "exclude-paths",
    "enable-symlinks",
    "s3-prefix",
];
const REPORT: &[&str] = &["files", "base-directory", "discard-paths", "file-format"];
const CACHE: &[&str] = &["paths", "key", "fallback-keys", "action"];
const TASK: &[&str] = &[
    "identifier",
    "buildspec",
    "debug-session",
    "depend-on",
    "env",
    "ignore-failure",
];
const SHELLS: &[&str] = &["bash", "/bin/sh", "sh", "powershell.exe", "cmd.exe"];
const FORMATS: &[&str] = &[
    "JUNITXML",
    "CUCUMBERJSON",
    "NUNITXML",
    "NUNIT3XML",
    "TESTNGXML",
    "VISUALSTUDIOTRX",
    "CLOVERXML",
    "COBERTURAXML",
    "JACOCOXML",
    "SIMPLECOV",
];

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pat).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
    })
}

/// Keys of a map that are not in `allowed`: report them with a did-you-mean.
fn unknown_keys(rep: &mut Reporter<'_>, doc: &Doc, map: NodeId, allowed: &[&str], place: &str) {
    if !rep.on("unknown-key") {
        return;
    }
    for (key, k, _) in doc.pairs(map) {
        if allowed.contains(&key) {
            continue;
        }
        let extra = match key {
            "environment_variables" => {
                " (`environment_variables` is the version 0.1 name: use `env` in version 0.2)"
                    .to_owned()
            }
            "plaintext" => {
                " (`plaintext` is the version 0.1 name: use `variables` in version 0.2)".to_owned()
            }
            "run-as" => " (`run-as` is valid only at the top level or in a phase)".to_owned(),
            "runtime-versions" | "commands" | "finally" | "on-failure" => {
                format!(" (`{key}` belongs inside a phase such as `phases.build`)")
            }
            _ => hint(key, allowed),
        };
        rep.report(
            "unknown-key",
            doc.range(k),
            format!("unknown key `{key}` in {place}{extra}"),
        );
    }
}

fn check_doc(rep: &mut Reporter<'_>, doc: &Doc) {
    let Some(root) = doc.root else { return };
    if !doc.is_map(root) {
        rep.report(
            "missing-required-field",
            doc.range(root),
            format!(
                "a buildspec must be a mapping with `version` and `phases`, found {}",
                doc.type_name(root)
            ),
        );
        return;
    }
    // version
    let version = match doc.get(root, "version") {
        None => {
            rep.report(
                "invalid-version",
                TextRange0::first_line(doc, root),
                "buildspec has no `version` key: add `version: 0.2`",
            );
            None
        }
        Some(v) => {
            let text = doc.scalar(v).unwrap_or("");
            match text {
                "0.2" | "0.1" => Some(text.to_owned()),
                _ => {
                    rep.report(
                        "invalid-version",
                        doc.range(v),
                        format!(
                            "buildspec `version` is `{text}`; CodeBuild accepts only 0.1 or 0.2"
                        ),
                    );
                    None
                }
            }
        }
    };
    let v01 = version.as_deref() == Some("0.1");
    let mut top = TOP.to_vec();
    if v01 {
        top.push("environment_variables");
    }
    unknown_keys(rep, doc, root, &top, "the buildspec's top level");
    if let Some(r) = doc.get(root, "run-as") {
        check_scalar_type(rep, doc, r, "run-as");
    }

    // env
    let mut defined_vars: Vec<String> = Vec::new();
    if let Some(env) = doc.get(root, "env") {
        check_env(rep, doc, env, &mut defined_vars);
    }
    if let Some(env) = doc.get(root, "environment_variables") {
        if doc.is_map(env) {
            unknown_keys(rep, doc, env, &["plaintext"], "`environment_variables`");
            if let Some(p) = doc.get(env, "plaintext") {
                check_variables(rep, doc, p, &mut defined_vars);
            }
        }
    }
    if let Some(p) = doc.get(root, "proxy") {
        if doc.is_map(p) {
            unknown_keys(rep, doc, p, PROXY, "`proxy`");
            for (key, _, v) in doc.pairs(p) {
                if PROXY.contains(&key) {
                    check_yes_no(rep, doc, v, key);
                }
            }
        }
    }
    if let Some(b) = doc.get(root, "batch") {
        check_batch(rep, doc, b);
    }

    // phases
    let mut commands: Vec<NodeId> = Vec::new();
    match doc.get(root, "phases") {
        None => rep.report(
            "missing-required-field",
            TextRange0::first_line(doc, root),
            "buildspec has no `phases`: CodeBuild requires at least one phase with commands",
        ),
        Some(p) if !doc.is_map(p) || doc.entries(p).is_empty() => rep.report(
            "missing-required-field",
            doc.key_range(p),
            "`phases` is empty: add at least one phase (`install`, `pre_build`, `build`, `post_build`)",
        ),
        Some(p) => {
            for (name, k, ph) in doc.pairs(p) {
                check_phase(rep, doc, name, k, ph, v01, &mut commands);
            }
        }
    }

    for (section, allowed) in [("artifacts", ARTIFACTS), ("cache", CACHE)] {
        if let Some(a) = doc.get(root, section) {
            check_section(rep, doc, a, section, allowed);
        }
    }
    if let Some(r) = doc.get(root, "reports") {
        if doc.is_map(r) {
            for (name, _, g) in doc.pairs(r) {
                check_section(rep, doc, g, &format!("report group `{name}`"), REPORT);
            }
        }
    }

    // exported-variables never set
    if let Some(env) = doc.get(root, "env") {
        if let Some(ex) = doc.get(env, "exported-variables") {
            let texts: Vec<&str> = commands.iter().filter_map(|&c| doc.str(c)).collect();
            for &item in doc.items(ex) {
                let Some(name) = doc.scalar(item) else {
                    continue;
                };
                if name.starts_with("AWS_") {
                    rep.report(
                        "reserved-env-name",
                        doc.range(item),
                        format!(
                            "`{name}` cannot be exported: names starting with `AWS_` are reserved"
                        ),
                    );
                }
                if defined_vars.iter().any(|d| d == name) || is_assigned(name, &texts) {
                    continue;
                }
                rep.report(
                    "exported-variable-never-set",
                    doc.range(item),
                    format!("exported variable `{name}` is never set in `env` or by any command, so it exports an empty value"),
                );
            }
        }
    }

    for c in commands {
        if let Some(t) = doc.str(c) {
            check_command(rep, doc, c, t);
        }
    }
}

/// A helper for "the whole first line of a node" ranges.
struct TextRange0;
impl TextRange0 {
    fn first_line(doc: &Doc, id: NodeId) -> vigil_core::TextRange {
        let r = doc.range(id);
        vigil_core::TextRange {
            start: r.start,
            end: r.start,
        }
    }
}

fn check_scalar_type(rep: &mut Reporter<'_>, doc: &Doc, v: NodeId, key: &str) {
    if doc.is_map(v) || doc.is_seq(v) {
        rep.report(
            "unknown-key",
            doc.range(v),
            format!(
                "`{key}` must be a single string, found {}",
                doc.type_name(v)
            ),
        );
    }
}

fn check_yes_no(rep: &mut Reporter<'_>, doc: &Doc, v: NodeId, key: &str) {
    if doc.bool11(v).is_none() && !doc.is_opaque(v) {
        let shown = doc.scalar(v).unwrap_or("");
        rep.report(
            "invalid-enum-value",
            doc.range(v),
            format!("`{key}` is `{shown}`; expected `yes` or `no`"),
        );
    }
}

fn check_env(rep: &mut Reporter<'_>, doc: &Doc, env: NodeId, defined: &mut Vec<String>) {
    if !doc.is_map(env) {
        return;
    }
    unknown_keys(rep, doc, env, ENV, "`env`");
    if let Some(s) = doc.get(env, "shell") {
        let t = doc.scalar(s).unwrap_or("");
        if !SHELLS.contains(&t) {
            rep.report(
                "invalid-enum-value",
                doc.range(s),
                format!("`env.shell` is `{t}`; expected one of bash, /bin/sh, powershell.exe, cmd.exe{}", hint(t, SHELLS)),
            );
        }
    }
    if let Some(g) = doc.get(env, "git-credential-helper") {
        check_yes_no(rep, doc, g, "git-credential-helper");
    }
    if let Some(v) = doc.get(env, "variables") {
        check_variables(rep, doc, v, defined);
    }
    for section in ["parameter-store", "secrets-manager"] {
        let Some(m) = doc.get(env, section) else {
            continue;
        };
        for (name, k, v) in doc.pairs(m) {
            defined.push(name.to_owned());
            reserved_name(rep, doc, name, k);
            if section == "secrets-manager" {
                check_secret_ref(rep, doc, v);
            }
        }
    }
}

fn reserved_name(rep: &mut Reporter<'_>, doc: &Doc, name: &str, k: NodeId) {
    if name.starts_with("CODEBUILD_") {
        rep.report(
            "reserved-env-name",
            doc.range(k),
            format!("environment variable `{name}`: names starting with `CODEBUILD_` are reserved for CodeBuild"),
        );
    }
}

fn check_variables(rep: &mut Reporter<'_>, doc: &Doc, vars: NodeId, defined: &mut Vec<String>) {
    static NAME: OnceLock<Regex> = OnceLock::new();
    static NOT_SECRET: OnceLock<Regex> = OnceLock::new();
    let name_re = re(
        &NAME,
        r"(?i)(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)",
    );
    let not_secret = re(
        &NOT_SECRET,
        r"(?i)(_|-)(id|arn|name|path|file|url|uri|endpoint|region|param|parameter|length|ttl|expiry|header|type|enabled)$",
    );
    for (name, k, v) in doc.pairs(vars) {
        defined.push(name.to_owned());
        reserved_name(rep, doc, name, k);
        let Some(value) = doc.scalar(v) else { continue };
        if doc.is_opaque(v) || value.is_empty() {
            continue;
        }
        let looks_secret_value = credential_pattern(value);
        let named_secret = name_re.is_match(name)
            && !not_secret.is_match(name)
            && matches!(doc.kind(v), Some(Kind::Str))
            && !is_placeholder(value);
        if looks_secret_value || named_secret {
            rep.report(
                "plaintext-secret",
                doc.range(v),
                format!("`env.variables.{name}` holds a credential in plain text; store it in `parameter-store` or `secrets-manager` instead"),
            );
        }
    }
}

fn credential_pattern(v: &str) -> bool {
    static CRED: OnceLock<Regex> = OnceLock::new();
    re(
        &CRED,
        r"(AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{30,}|xox[bpas]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|glpat-[A-Za-z0-9_-]{20})",
    )
    .is_match(v)
}

fn is_placeholder(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.starts_with('$')
        || v.starts_with('/')
        || l.starts_with("arn:")
        || (v.starts_with('<') && v.ends_with('>'))
        || matches!(
            l.as_str(),
            "changeme"
                | "change-me"
                | "dummy"
                | "xxx"
                | "none"
                | "null"
                | "todo"
                | "example"
                | "placeholder"
                | "true"
                | "false"
                | "yes"
                | "no"
        )
        || l.chars().all(|c| c == 'x' || c == '*')
}

fn check_secret_ref(rep: &mut Reporter<'_>, doc: &Doc, v: NodeId) {
    if doc.is_opaque(v) {
        return;
    }
    let Some(text) = doc.scalar(v) else {
        rep.report(
            "malformed-secrets-manager-ref",
            doc.range(v),
            format!("a `secrets-manager` value must be a string `secret-id:json-key:version-stage:version-id`, found {}", doc.type_name(v)),
        );
        return;
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (id, rest): (String, &[&str]) = if text.starts_with("arn:") {
        if parts.len() < 7
            || parts.get(2) != Some(&"secretsmanager")
            || parts.get(5) != Some(&"secret")
        {
            rep.report(
                "malformed-secrets-manager-ref",
                doc.range(v),
                format!("`{text}` is not a Secrets Manager ARN (`arn:aws:secretsmanager:<region>:<account>:secret:<name>`)"),
            );
            return;
        }
        (parts[..7].join(":"), &parts[7..])
    } else {
        (
            parts.first().copied().unwrap_or("").to_owned(),
            parts.get(1..).unwrap_or(&[]),
        )
    };
    let msg = if id.is_empty() || id.ends_with(':') {
        Some("the secret id is empty".to_owned())
    } else if rest.len() > 3 {
        Some(format!("{} fields after the secret id; at most 3 (json-key, version-stage, version-id) are allowed", rest.len()))
    } else if rest.len() == 3 && !rest[1].is_empty() && !rest[2].is_empty() {
        Some("version-stage and version-id are mutually exclusive; set only one".to_owned())
    } else {
        None
    };
    if let Some(m) = msg {
        rep.report(
            "malformed-secrets-manager-ref",
            doc.range(v),
            format!("malformed secrets-manager reference `{text}`: {m}"),
        );
    }
}

fn check_phase(
    rep: &mut Reporter<'_>,
    doc: &Doc,
    name: &str,
    k: NodeId,
    ph: NodeId,
    v01: bool,
    commands: &mut Vec<NodeId>,
) {
    if !PHASES.contains(&name) {
        let canon = PHASES.iter().find(|p| {
            p.eq_ignore_ascii_case(name)
                || p.replace('_', "") == name.to_ascii_lowercase().replace(['-', '_'], "")
        });
        let extra = match canon {
            Some(c) => format!(" (did you mean `{c}`?)"),
            None => hint(name, PHASES),
        };
        rep.report(
            "invalid-phase-name",
            doc.range(k),
            format!("`{name}` is not a buildspec phase; CodeBuild accepts install, pre_build, build and post_build{extra}"),
        );
        return;
    }
    if doc.is_null(ph) || !doc.is_map(ph) {
        if name != "install" || doc.is_null(ph) {
            rep.report(
                "missing-required-field",
                doc.range(k),
                format!("phase `{name}` has no `commands`"),
            );
        }
        return;
    }
    unknown_keys(rep, doc, ph, PHASE, &format!("phase `{name}`"));
    if let Some(r) = doc.get(ph, "run-as") {
        check_scalar_type(rep, doc, r, "run-as");
    }
    if let Some(rv) = doc.get(ph, "runtime-versions") {
        if name != "install" {
            rep.report(
                "runtime-versions-misplaced",
                doc.key_range(rv),
                format!("`runtime-versions` is only read in the `install` phase, not in `{name}`"),
            );
        } else if v01 {
            rep.report(
                "runtime-versions-misplaced",
                doc.key_range(rv),
                "`runtime-versions` needs buildspec version 0.2",
            );
        } else if !doc.is_map(rv) || doc.entries(rv).is_empty() {
            rep.report(
                "runtime-versions-misplaced",
                doc.key_range(rv),
                "`runtime-versions` must name at least one runtime (e.g. `python: 3.12`)",
            );
        }
    }
    if let Some(of) = doc.get(ph, "on-failure") {
        check_on_failure(rep, doc, of);
    }
    let has_commands = doc.get(ph, "commands");
    if has_commands.is_none() && name != "install" {
        rep.report(
            "missing-required-field",
            doc.range(k),
            format!("phase `{name}` has no `commands`"),
        );
    }
    for key in ["commands", "finally"] {
        let Some(c) = doc.get(ph, key) else { continue };
        match doc.kind(c) {
            Some(Kind::Seq(items)) => {
                if items.is_empty() {
                    rep.report(
                        "commands-not-list",
                        doc.range(c),
                        format!("`{key}` of phase `{name}` is an empty list"),
                    );
                }
                for &i in items {
                    match doc.kind(i) {
                        Some(Kind::Str | Kind::Number | Kind::Bool(_)) => commands.push(i),
                        Some(Kind::Map(_)) => {
                            let raw = rep.file.slice(doc.range(i)).trim().to_owned();
                            let first = raw.lines().next().unwrap_or("").to_owned();
                            rep.report(
                                "command-is-mapping",
                                doc.range(i),
                                format!("command `{first}` is read as a mapping because of the unquoted `: `; CodeBuild fails with \"Expected Commands[n] to be of string type\": quote the whole command"),
                            );
                        }
                        _ => rep.report(
                            "commands-not-list",
                            doc.range(i),
                            format!(
                                "each item of `{key}` must be a command string, found {}",
                                doc.type_name(i)
                            ),
                        ),
                    }
                }
            }
            Some(Kind::Str) => rep.report(
                "commands-not-list",
                doc.range(c),
                format!(
                    "`{key}` of phase `{name}` is a single string; write it as a list (`- {}`)",
                    doc.str(c).unwrap_or("").lines().next().unwrap_or("")
                ),
            ),
            _ => rep.report(
                "commands-not-list",
                doc.key_range(c),
                format!(
                    "`{key}` of phase `{name}` must be a list of command strings, found {}",
                    doc.type_name(c)
                ),
            ),
        }
    }
}

fn check_on_failure(rep: &mut Reporter<'_>, doc: &Doc, of: NodeId) {
    static RETRY: OnceLock<Regex> = OnceLock::new();
    let t = doc.scalar(of).unwrap_or("");
    let ok = match t {
        "ABORT" | "CONTINUE" | "RETRY" => true,
        _ => {
            let r = re(&RETRY, r"^RETRY-(?:(\d+)(?:-(.+))?|(.+))$");
            r.captures(t).is_some_and(|c| {
                c.get(1)
                    .is_none_or(|n| n.as_str().parse::<u32>().is_ok_and(|n| n <= 100))
            })
        }
    };
    if !ok {
        let up = t.to_ascii_uppercase();
        let extra = if ["ABORT", "CONTINUE", "RETRY"].contains(&up.as_str()) {
            format!(" (write it in upper case: `{up}`)")
        } else {
            String::new()
        };
        rep.report(
            "invalid-on-failure",
            doc.range(of),
            format!("`on-failure: {t}` is not valid; expected ABORT, CONTINUE, RETRY, RETRY-<count 0-100>, RETRY-<regex> or RETRY-<count>-<regex>{extra}"),
        );
    }
}

fn check_section(rep: &mut Reporter<'_>, doc: &Doc, sec: NodeId, name: &str, allowed: &[&str]) {
    if !doc.is_map(sec) {
        rep.report(
            "missing-required-field",
            doc.key_range(sec),
            format!("`{name}` must be a mapping, found {}", doc.type_name(sec)),
        );
        return;
    }
    unknown_keys(rep, doc, sec, allowed, &format!("`{name}`"));
    if name != "cache" {
        check_paths(rep, doc, sec, name);
    }
    let required = if name == "cache" { "paths" } else { "files" };
    if doc.get(sec, required).is_none() {
        rep.report(
            "missing-required-field",
            doc.key_range(sec),
            format!("`{name}` has no `{required}` list, which CodeBuild requires"),
        );
    }
    for (key, _, v) in doc.pairs(sec) {
        match key {
            "discard-paths" | "enable-symlinks" => check_yes_no(rep, doc, v, key),
            "file-format" => {
                let t = doc.scalar(v).unwrap_or("");
                if !FORMATS.iter().any(|f| f.eq_ignore_ascii_case(t)) {
                    rep.report(
                        "invalid-enum-value",
                        doc.range(v),
                        format!(
                            "report `file-format` `{t}` is not one of {}{}",
                            FORMATS.join(", "),
                            hint(t, FORMATS)
                        ),
                    );
                }
            }
            "action" if name == "cache" => {
                let t = doc.scalar(v).unwrap_or("");
                if t != "restore" && t != "save" {
                    rep.report(
                        "invalid-enum-value",
                        doc.range(v),
                        format!("`cache.action` is `{t}`; expected `restore` or `save`"),
                    );
                }
            }
            "secondary-artifacts" if doc.is_map(v) => {
                for (id, _, s) in doc.pairs(v) {
                    check_section(
                        rep,
                        doc,
                        s,
                        &format!("secondary artifact `{id}`"),
                        SECONDARY,
                    );
                }
            }
            _ => {}
        }
    }
}

fn check_batch(rep: &mut Reporter<'_>, doc: &Doc, b: NodeId) {
    if !doc.is_map(b) {
        return;
    }
    unknown_keys(rep, doc, b, BATCH, "`batch`");
    if let Some(ff) = doc.get(b, "fast-fail") {
        check_yes_no(rep, doc, ff, "fast-fail");
    }
    let kinds: Vec<(&str, NodeId)> = doc
        .pairs(b)
        .filter(|(k, _, _)| BATCH[1..].contains(k))
        .map(|(k, key, _)| (k, key))
        .collect();
    if let Some(&(second, key)) = kinds.get(1) {
        rep.report(
            "batch-invalid",
            doc.range(key),
            format!("`batch` may hold only one of build-list, build-graph, build-matrix, build-fanout; `{second}` comes after `{}`", kinds.first().map_or("", |k| k.0)),
        );
    }
    for kind in ["build-list", "build-graph"] {
        let Some(list) = doc.get(b, kind) else {
            continue;
        };
        let mut ids: Vec<(String, NodeId)> = Vec::new();
        for &task in doc.items(list) {
            if !doc.is_map(task) {
                continue;
            }
            unknown_keys(rep, doc, task, TASK, &format!("a `{kind}` task"));
            match doc.get(task, "identifier") {
                None => rep.report(
                    "missing-required-field",
                    doc.range(task),
                    format!("`{kind}` task has no `identifier`"),
                ),
                Some(i) => {
                    let name = doc.scalar(i).unwrap_or("").to_owned();
                    if ids.iter().any(|(n, _)| *n == name) {
                        rep.report(
                            "batch-invalid",
                            doc.range(i),
                            format!("batch task identifier `{name}` is used twice"),
                        );
                    }
                    ids.push((name, i));
                }
            }
            if let Some(env) = doc.get(task, "env") {
                if let (Some(_), Some(f)) = (doc.get(env, "compute-type"), doc.get(env, "fleet")) {
                    rep.report(
                        "batch-invalid",
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
                    "batch-invalid",
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
                        "batch-invalid",
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
                    "batch-invalid",
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

/// Artifact and report paths that are absolute or climb out of the source directory.
fn check_paths(rep: &mut Reporter<'_>, doc: &Doc, sec: NodeId, name: &str) {
    let mut values: Vec<(NodeId, &str)> = Vec::new();
    for key in ["files", "exclude-paths"] {
        if let Some(v) = doc.get(sec, key) {
            if doc.is_seq(v) {
                values.extend(doc.items(v).iter().map(|&i| (i, key)));
            } else {
                values.push((v, key));
            }
        }
    }
    if let Some(v) = doc.get(sec, "base-directory") {
        values.push((v, "base-directory"));
    }
    for (id, key) in values {
        let Some(p) = doc.str(id) else { continue };
        if doc.is_opaque(id) || p.contains('$') {
            continue;
        }
        let problem = if p.trim().is_empty() {
            Some("is empty".to_owned())
        } else if p.starts_with('/') || p.as_bytes().get(1) == Some(&b':') {
            Some("is absolute; CodeBuild resolves it relative to the source directory".to_owned())
        } else if climbs_out(p) {
            Some("climbs out of the source directory with `..`".to_owned())
        } else {
            None
        };
        if let Some(pr) = problem {
            rep.report(
                "artifact-path-escapes",
                doc.range(id),
                format!("{name} `{key}` path `{p}` {pr}"),
            );
        }
    }
}

fn climbs_out(p: &str) -> bool {
    let mut depth: i32 = 0;
    for seg in p.split(['/', '\\']) {
        match seg {
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            "" | "." => {}
            _ => depth += 1,
        }
    }
    false
}

/// Whether any command assigns the shell variable `name`.
fn is_assigned(name: &str, commands: &[&str]) -> bool {
    let esc = regex::escape(name);
    let Ok(r) = Regex::new(&format!(
        r"(?m)(^|[\s;&|(`]){esc}\+?=|\b(export|declare|typeset|local|readonly|read|set)\b[^\n;]*\b{esc}\b|\$env:{esc}\s*=|\bset\s+{esc}="
    )) else {
        return false;
    };
    commands.iter().any(|c| r.is_match(c))
}

fn check_command(rep: &mut Reporter<'_>, doc: &Doc, c: NodeId, t: &str) {
    static PIPE: OnceLock<Regex> = OnceLock::new();
    static SUBST: OnceLock<Regex> = OnceLock::new();
    static TLS: OnceLock<Regex> = OnceLock::new();
    let pipe = re(
        &PIPE,
        r"\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?((ba|z|k|da)?sh|python[0-9.]*|node|perl|ruby)\b",
    );
    let subst = re(
        &SUBST,
        r#"\b((ba|z)?sh|source|\.)\s+<\(\s*(curl|wget)\b|\b(ba|z)?sh\s+-c\s+["']?\$\(\s*(curl|wget)\b"#,
    );
    if pipe.is_match(t) || subst.is_match(t) {
        rep.report(
            "curl-pipe-shell",
            doc.range(c),
            format!("`{}` runs a downloaded script without verifying it; download it, check its checksum or signature, then run it", first_line(t)),
        );
    }
    let tls = re(
        &TLS,
        r#"(?i)(\bwget\b[^\n;|]*--no-check-certificate|\b(npm|yarn|pnpm)\s+config\s+set\s+strict-ssl\s+false|\bpip[0-9.]*\b[^\n;|]*--trusted-host|\bgit\b[^\n;|]*http\.sslverify[= ]\s*false|NODE_TLS_REJECT_UNAUTHORIZED=["']?0|GIT_SSL_NO_VERIFY=["']?(1|true)|\baws\b[^\n;|]*--no-verify-ssl|PYTHONHTTPSVERIFY=["']?0)"#,
    );
    let curl_k = curl_insecure(t);
    if curl_k || tls.is_match(t) {
        rep.report(
            "tls-verification-disabled",
            doc.range(c),
            format!("`{}` disables TLS certificate verification, so a network attacker can swap what is downloaded", first_line(t)),
        );
    }
    if world_writable(t) {
        rep.report(
            "world-writable-chmod",
            doc.range(c),
            format!("`{}` makes files writable by every user; grant only the permissions needed (e.g. 755 or u+x)", first_line(t)),
        );
    }
}

fn first_line(t: &str) -> String {
    let l = t.trim().lines().next().unwrap_or("");
    if l.chars().count() > 80 {
        format!("{}…", l.chars().take(80).collect::<String>())
    } else {
        l.to_owned()
    }
}

fn shell_segments(t: &str) -> impl Iterator<Item = Vec<&str>> {
    t.split(['\n', ';', '|', '&'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>())
}

fn curl_insecure(t: &str) -> bool {
    shell_segments(t).any(|toks| {
        let Some(pos) = toks
            .iter()
            .position(|w| *w == "curl" || w.ends_with("/curl"))
        else {
            return false;
        };
        toks.iter().skip(pos + 1).any(|w| {
            *w == "--insecure"
                || (w.starts_with('-')
                    && !w.starts_with("--")
                    && w.len() > 1
                    && w[1..].chars().all(|c| c.is_ascii_alphabetic())
                    && w.contains('k'))
        })
    })
}

fn world_writable(t: &str) -> bool {
    shell_segments(t).any(|toks| {
        let Some(pos) = toks.iter().position(|w| *w == "chmod") else {
            return false;
        };
        toks.iter().skip(pos + 1).any(|w| {
            if w.len() >= 3 && w.len() <= 4 && w.chars().all(|c| c.is_digit(8)) {
                let digits: Vec<u32> = w.chars().filter_map(|c| c.to_digit(8)).collect();
                let others = digits.last().copied().unwrap_or(0);
                let sticky = digits.len() == 4 && digits.first().is_some_and(|d| d & 1 == 1);
                others & 2 != 0 && !sticky
            } else if !w.starts_with('-') && w.contains(['+', '=']) {
                w.split(',').any(|clause| {
                    let (who, perm) = clause.split_at(clause.find(['+', '=']).unwrap_or(0));
                    (who.contains('o') || who.contains('a')) && perm.contains('w')
                })
            } else {
                false
            }
        })
    })
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
                "batch-invalid",
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
