//! AWS CodeBuild `buildspec.yml` (versions 0.1 and 0.2): the analyzer, the per-document [`Index`]
//! every buildspec rule runs over, and the helpers several rules share.

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileAnalyzer, FileKind, SourceFile};

use crate::tree::{Doc, Kind, NodeId};
use crate::{run, Reporter};

/// How a rule runs over one document.
pub(crate) type Run = fn(&mut Reporter<'_>, &Index<'_>);

super::rule_files!(
    artifact_path_escapes,
    batch_invalid,
    command_is_mapping,
    commands_not_list,
    curl_pipe_shell,
    exported_variable_never_set,
    invalid_enum_value,
    invalid_on_failure,
    invalid_phase_name,
    invalid_version,
    malformed_secrets_manager_ref,
    missing_required_field,
    plaintext_secret,
    reserved_env_name,
    runtime_versions_misplaced,
    tls_verification_disabled,
    unknown_key,
    world_writable_chmod,
);

/// The buildspec analyzer: each rule file says `analysis: <its name>`.
pub struct BuildspecAnalyzer;

impl FileAnalyzer for BuildspecAnalyzer {
    type Summary = ();
    type Facts = ();

    fn parse_only(&self, file: &SourceFile) -> u64 {
        crate::parse_only(file)
    }

    fn kind(&self) -> FileKind {
        FileKind::Buildspec
    }

    fn analyses(&self) -> Vec<&'static str> {
        crate::rule_names(FileKind::Buildspec)
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, ()>, out: &mut FileOutput) {
        run(
            FileKind::Buildspec,
            file,
            ctx,
            out,
            |rep, doc| {
                let ix = Index::new(doc);
                for (rule, run) in RULES {
                    if rep.on(*rule) {
                        run(rep, &ix);
                    }
                }
            },
            |rep| {
                if rep.on(missing_required_field::RULE) {
                    missing_required_field::empty(rep);
                }
            },
        );
    }
}

pub(crate) const TOP: &[&str] = &[
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
pub(crate) const ENV: &[&str] = &[
    "shell",
    "variables",
    "parameter-store",
    "secrets-manager",
    "exported-variables",
    "git-credential-helper",
];
pub(crate) const PROXY: &[&str] = &["upload-artifacts", "logs"];
pub(crate) const BATCH: &[&str] = &[
    "fast-fail",
    "build-list",
    "build-graph",
    "build-matrix",
    "build-fanout",
];
pub(crate) const PHASES: &[&str] = &["install", "pre_build", "build", "post_build"];
pub(crate) const PHASE: &[&str] = &[
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
pub(crate) const TASK: &[&str] = &[
    "identifier",
    "buildspec",
    "debug-session",
    "depend-on",
    "env",
    "ignore-failure",
];

/// An artifacts, cache, report group or secondary artifact section.
pub(crate) struct Section<'d> {
    pub node: NodeId,
    /// `artifacts`, `cache`, ``report group `x` ``, ``secondary artifact `x` ``.
    pub name: String,
    pub allowed: &'d [&'d str],
}

/// What the buildspec rules need of one document, computed once.
pub(crate) struct Index<'d> {
    pub doc: &'d Doc,
    /// The root when it is a mapping (when it is not, only `missing-required-field` reports).
    pub root: Option<NodeId>,
    /// `version: 0.1` (valid and old).
    pub v01: bool,
    /// `env` when it is a mapping.
    pub env: Option<NodeId>,
    /// `environment_variables` (version 0.1) when it is a mapping.
    pub env01: Option<NodeId>,
    /// `batch` when it is a mapping.
    pub batch: Option<NodeId>,
    /// Every entry of `phases` when it is a non-empty mapping: (name, key, body).
    pub phase_entries: Vec<(&'d str, NodeId, NodeId)>,
    /// The phases with a known name whose body is a mapping: (name, key, body).
    pub phases: Vec<(&'d str, NodeId, NodeId)>,
    /// The commands (strings, numbers, booleans) of those phases' `commands` and `finally` lists.
    pub commands: Vec<NodeId>,
    /// The sections (artifacts, cache, report groups, secondary artifacts), mapping or not.
    pub sections: Vec<Section<'d>>,
}

impl<'d> Index<'d> {
    fn new(doc: &'d Doc) -> Self {
        let mut ix = Self {
            doc,
            root: None,
            v01: false,
            env: None,
            env01: None,
            batch: None,
            phase_entries: Vec::new(),
            phases: Vec::new(),
            commands: Vec::new(),
            sections: Vec::new(),
        };
        let Some(root) = doc.root.filter(|&r| doc.is_map(r)) else {
            return ix;
        };
        ix.root = Some(root);
        ix.v01 = doc.get(root, "version").and_then(|v| doc.scalar(v)) == Some("0.1");
        ix.env = doc.get(root, "env").filter(|&e| doc.is_map(e));
        ix.env01 = doc
            .get(root, "environment_variables")
            .filter(|&e| doc.is_map(e));
        ix.batch = doc.get(root, "batch").filter(|&b| doc.is_map(b));
        if let Some(p) = doc.get(root, "phases") {
            if doc.is_map(p) {
                ix.phase_entries = doc.pairs(p).collect();
            }
        }
        for &(name, k, ph) in &ix.phase_entries {
            if PHASES.contains(&name) && !doc.is_null(ph) && doc.is_map(ph) {
                ix.phases.push((name, k, ph));
            }
        }
        for &(_, _, ph) in &ix.phases {
            for key in ["commands", "finally"] {
                if let Some(Kind::Seq(items)) = doc.get(ph, key).and_then(|c| doc.kind(c)) {
                    for &i in items {
                        if matches!(doc.kind(i), Some(Kind::Str | Kind::Number | Kind::Bool(_))) {
                            ix.commands.push(i);
                        }
                    }
                }
            }
        }
        for (section, allowed) in [("artifacts", ARTIFACTS), ("cache", CACHE)] {
            if let Some(a) = doc.get(root, section) {
                ix.add_section(a, section.to_owned(), allowed);
            }
        }
        if let Some(r) = doc.get(root, "reports") {
            if doc.is_map(r) {
                for (name, _, g) in doc.pairs(r) {
                    ix.add_section(g, format!("report group `{name}`"), REPORT);
                }
            }
        }
        ix
    }

    fn add_section(&mut self, node: NodeId, name: String, allowed: &'d [&'d str]) {
        let doc = self.doc;
        self.sections.push(Section {
            node,
            name,
            allowed,
        });
        if !doc.is_map(node) {
            return;
        }
        for (key, _, v) in doc.pairs(node) {
            if key == "secondary-artifacts" && doc.is_map(v) {
                for (id, _, s) in doc.pairs(v) {
                    self.add_section(s, format!("secondary artifact `{id}`"), SECONDARY);
                }
            }
        }
    }

    /// The lists of build tasks of `batch`: (`build-list` or `build-graph`, list).
    pub(crate) fn task_lists(&self) -> Vec<(&'static str, NodeId)> {
        let Some(b) = self.batch else {
            return Vec::new();
        };
        ["build-list", "build-graph"]
            .into_iter()
            .filter_map(|kind| self.doc.get(b, kind).map(|l| (kind, l)))
            .collect()
    }

    /// The variables the buildspec defines (`env.variables`, `parameter-store`, `secrets-manager`,
    /// version 0.1's `environment_variables.plaintext`): (name, key).
    pub(crate) fn defined_vars(&self) -> Vec<(&'d str, NodeId)> {
        let doc = self.doc;
        let mut out = Vec::new();
        if let Some(env) = self.env {
            for section in ["variables", "parameter-store", "secrets-manager"] {
                if let Some(m) = doc.get(env, section) {
                    out.extend(doc.pairs(m).map(|(n, k, _)| (n, k)));
                }
            }
        }
        if let Some(p) = self.env01.and_then(|e| doc.get(e, "plaintext")) {
            out.extend(doc.pairs(p).map(|(n, k, _)| (n, k)));
        }
        out
    }

    /// The plain variable maps (`env.variables`, `environment_variables.plaintext`).
    pub(crate) fn variable_maps(&self) -> Vec<NodeId> {
        let doc = self.doc;
        let mut out: Vec<NodeId> = self
            .env
            .and_then(|e| doc.get(e, "variables"))
            .into_iter()
            .collect();
        out.extend(self.env01.and_then(|e| doc.get(e, "plaintext")));
        out
    }
}

/// A `yes`/`no` value that is neither (templated values are not judged).
pub(crate) fn not_yes_no(doc: &Doc, v: NodeId) -> bool {
    doc.bool11(v).is_none() && !doc.is_opaque(v)
}

/// The first line of a command, at most 80 characters, for messages.
pub(crate) fn first_line(t: &str) -> String {
    let l = t.trim().lines().next().unwrap_or("");
    if l.chars().count() > 80 {
        format!("{}…", l.chars().take(80).collect::<String>())
    } else {
        l.to_owned()
    }
}

/// The words of each simple command of a shell text.
pub(crate) fn shell_segments(t: &str) -> impl Iterator<Item = Vec<&str>> {
    t.split(['\n', ';', '|', '&'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>())
}
