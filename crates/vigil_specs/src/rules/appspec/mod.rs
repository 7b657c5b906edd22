//! AWS CodeDeploy `appspec.yml|yaml|json` for EC2/on-premises, Lambda and ECS: the analyzer, the
//! per-document [`Index`] every appspec rule runs over, and the helpers several rules share.

use std::cell::OnceCell;
use std::path::{Component, Path, PathBuf};

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileAnalyzer, FileKind, SourceFile};

use crate::tree::{Doc, NodeId};
use crate::{run, Reporter};

/// How a rule runs over one document.
pub(crate) type Run = fn(&mut Reporter<'_>, &Index<'_>);

super::rule_files!(
    background_process_blocks_hook,
    ecs_resource_invalid,
    files_entry_incomplete,
    hook_missing_location,
    hook_script_missing,
    hook_timeout_invalid,
    hook_total_timeout,
    invalid_file_exists_behavior,
    invalid_hook_name,
    invalid_os,
    invalid_permissions,
    invalid_version,
    key_case,
    lambda_hook_format,
    lambda_resource_invalid,
    path_escapes_revision,
    reserved_hook,
    runas_on_windows,
    unknown_key,
);

/// The appspec analyzer: each rule file says `analysis: <its name>`.
pub struct AppspecAnalyzer;

impl FileAnalyzer for AppspecAnalyzer {
    type Summary = ();
    type Facts = ();

    fn parse_only(&self, file: &SourceFile) -> u64 {
        crate::parse_only(file)
    }

    fn kind(&self) -> FileKind {
        FileKind::Appspec
    }

    fn analyses(&self) -> Vec<&'static str> {
        crate::rule_names(FileKind::Appspec)
    }

    fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, ()>, out: &mut FileOutput) {
        run(
            FileKind::Appspec,
            file,
            ctx,
            out,
            |rep, doc| {
                let ix = Index::new(doc, ctx.root, &rep.file.rel_path);
                for (rule, run) in RULES {
                    if rep.on(*rule) {
                        run(rep, &ix);
                    }
                }
            },
            |rep| {
                if rep.on(invalid_version::RULE) {
                    invalid_version::empty(rep);
                }
            },
        );
    }
}

pub(crate) const EC2_TOP: &[&str] = &[
    "version",
    "os",
    "files",
    "permissions",
    "hooks",
    "file_exists_behavior",
];
pub(crate) const EC2_HOOKS: &[&str] = &[
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
pub(crate) const FILE_ENTRY: &[&str] = &["source", "destination"];
const PERMISSION: &[&str] = &[
    "object", "pattern", "except", "owner", "group", "mode", "acls", "context", "type",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Platform {
    Ec2,
    Lambda,
    Ecs,
}

impl Platform {
    /// (name for messages, scriptable lifecycle events, reserved ones).
    pub(crate) fn hooks(
        self,
    ) -> (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    ) {
        match self {
            Platform::Ec2 => ("EC2/on-premises", EC2_HOOKS, EC2_RESERVED),
            Platform::Lambda => ("AWS Lambda", LAMBDA_HOOKS, LAMBDA_RESERVED),
            Platform::Ecs => ("Amazon ECS", ECS_HOOKS, ECS_RESERVED),
        }
    }
}

/// What the appspec rules need of one document, computed once.
pub(crate) struct Index<'d> {
    pub doc: &'d Doc,
    /// The root when it is a mapping (when it is not, only `unknown-key` reports).
    pub root: Option<NodeId>,
    pub platform: Platform,
    /// `os: windows` (EC2/on-premises).
    pub windows: bool,
    /// The scan root and the appspec's directory under it (hook scripts are looked up there).
    pub root_dir: PathBuf,
    pub appspec_dir: PathBuf,
    scripts: OnceCell<Vec<(NodeId, &'d str, ScriptPath)>>,
}

impl<'d> Index<'d> {
    fn new(doc: &'d Doc, root_dir: &Path, rel_path: &str) -> Self {
        let root = doc.root.filter(|&r| doc.is_map(r));
        let platform = match root.and_then(|r| doc.get_ci(r, "resources")) {
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
        let windows = root
            .and_then(|r| doc.get(r, "os"))
            .and_then(|o| doc.scalar(o))
            == Some("windows");
        Self {
            doc,
            root,
            platform,
            windows,
            root_dir: root_dir.to_path_buf(),
            appspec_dir: Path::new(rel_path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            scripts: OnceCell::new(),
        }
    }

    /// The root of an EC2/on-premises appspec.
    pub(crate) fn ec2(&self) -> Option<NodeId> {
        self.root.filter(|_| self.platform == Platform::Ec2)
    }

    /// The root of a Lambda or ECS appspec.
    pub(crate) fn serverless(&self) -> Option<NodeId> {
        self.root.filter(|_| self.platform != Platform::Ec2)
    }

    /// The entries of an EC2 `hooks` mapping: (name, key, scripts).
    pub(crate) fn ec2_hooks(&self) -> Vec<(&'d str, NodeId, NodeId)> {
        let doc = self.doc;
        self.ec2()
            .and_then(|r| doc.get(r, "hooks"))
            .filter(|&h| doc.is_map(h))
            .map(|h| doc.pairs(h).collect())
            .unwrap_or_default()
    }

    /// The scripts of the EC2 hooks with a valid name whose scripts are a list: (hook, hook key,
    /// script), the script a mapping or not.
    pub(crate) fn ec2_scripts(&self) -> Vec<(&'d str, NodeId, NodeId)> {
        let doc = self.doc;
        let mut out = Vec::new();
        for (name, k, scripts) in self.ec2_hooks() {
            if EC2_HOOKS.contains(&name) && doc.is_seq(scripts) {
                out.extend(doc.items(scripts).iter().map(|&s| (name, k, s)));
            }
        }
        out
    }

    /// The hooks of a Lambda or ECS appspec that are single-key mappings: (name, key, value).
    pub(crate) fn serverless_hooks(&self) -> Vec<(&'d str, NodeId, NodeId)> {
        let doc = self.doc;
        let Some((_, hooks)) = self.serverless().and_then(|r| doc.get_ci(r, "hooks")) else {
            return Vec::new();
        };
        if !doc.is_seq(hooks) {
            return Vec::new();
        }
        doc.items(hooks)
            .iter()
            .filter_map(|&h| {
                let entries = doc.all_entries(h);
                if !doc.is_map(h) || entries.len() != 1 {
                    return None;
                }
                let &(k, v) = entries.first()?;
                Some((doc.scalar(k).unwrap_or(""), k, v))
            })
            .collect()
    }

    /// Every hook name of the document with its key: EC2 `hooks` keys, Lambda/ECS single-key hooks.
    pub(crate) fn hook_names(&self) -> Vec<(&'d str, NodeId)> {
        if self.platform == Platform::Ec2 {
            self.ec2_hooks()
                .into_iter()
                .map(|(n, k, _)| (n, k))
                .collect()
        } else {
            self.serverless_hooks()
                .into_iter()
                .map(|(n, k, _)| (n, k))
                .collect()
        }
    }

    /// The mappings whose keys the EC2 agent reads case-sensitively: (map, allowed keys, place).
    pub(crate) fn ec2_key_maps(&self) -> Vec<(NodeId, &'static [&'static str], String)> {
        let doc = self.doc;
        let Some(root) = self.ec2() else {
            return Vec::new();
        };
        let mut out = vec![(
            root,
            EC2_TOP,
            "the appspec's top level (EC2/on-premises)".to_owned(),
        )];
        if let Some(files) = doc.get(root, "files") {
            for &e in doc.items(files) {
                if doc.is_map(e) {
                    out.push((e, FILE_ENTRY, "a `files` entry".to_owned()));
                }
            }
        }
        if let Some(perms) = doc.get(root, "permissions") {
            for &p in doc.items(perms) {
                if doc.is_map(p) {
                    out.push((p, PERMISSION, "a `permissions` entry".to_owned()));
                }
            }
        }
        for (name, _, s) in self.ec2_scripts() {
            if doc.is_map(s) {
                out.push((s, SCRIPT, format!("a `{name}` script")));
            }
        }
        out
    }

    /// The `location` of each EC2 hook script that has one, and where it leads (the file system is
    /// asked once per document): (location node, text, path).
    pub(crate) fn script_locations(&self) -> &[(NodeId, &'d str, ScriptPath)] {
        self.scripts.get_or_init(|| {
            let doc = self.doc;
            self.ec2_scripts()
                .into_iter()
                .filter(|&(_, _, s)| doc.is_map(s))
                .filter_map(|(_, _, s)| {
                    let l = doc.get(s, "location")?;
                    doc.str(l).map(|t| (l, t, self.script_path(t)))
                })
                .collect()
        })
    }

    /// Where a hook script's `location` leads.
    fn script_path(&self, loc: &str) -> ScriptPath {
        let trimmed = loc.trim();
        if trimmed.is_empty() {
            return ScriptPath::Empty;
        }
        let absolute = trimmed.starts_with('/')
            || trimmed.starts_with('\\')
            || trimmed.as_bytes().get(1) == Some(&b':')
            || trimmed.contains('$')
            || trimmed.contains("{{")
            || trimmed.contains('%');
        if absolute {
            return ScriptPath::Elsewhere;
        }
        if escapes(trimmed) {
            return ScriptPath::Escapes;
        }
        // The script may take arguments after a space only if the file exists as written; test the path.
        let path = self
            .root_dir
            .join(&self.appspec_dir)
            .join(trimmed.replace('\\', "/"));
        if path.is_file() {
            ScriptPath::Exists(path)
        } else {
            ScriptPath::Missing
        }
    }
}

/// Where a hook script's `location` leads.
pub(crate) enum ScriptPath {
    Empty,
    /// Absolute or templated: not checked.
    Elsewhere,
    /// Climbs out of the revision with `..`.
    Escapes,
    Missing,
    Exists(PathBuf),
}

/// A path that climbs out of the revision with `..`.
pub(crate) fn escapes(p: &str) -> bool {
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

/// The seconds of a script `timeout` when it is valid (a whole number from 1 to 3600).
pub(crate) fn timeout_secs(doc: &Doc, t: NodeId) -> Option<u64> {
    match doc
        .number(t)
        .or_else(|| doc.str(t).and_then(|x| x.parse::<f64>().ok()))
    {
        Some(n) if n.fract() == 0.0 && n > 0.0 && n <= 3600.0 => Some(n as u64),
        _ => None,
    }
}

/// A key, value and scalar text of a mapping, the key matched case-insensitively.
pub(crate) fn prop<'d>(
    doc: &'d Doc,
    map: NodeId,
    key: &str,
) -> Option<(NodeId, NodeId, Option<&'d str>)> {
    doc.get_ci(map, key).map(|(k, v)| (k, v, doc.scalar(v)))
}

/// Each resource body of a Lambda or ECS appspec, with the `resources` node.
pub(crate) fn resources(ix: &Index<'_>) -> Option<(NodeId, Vec<NodeId>)> {
    let doc = ix.doc;
    let (_, res) = ix.serverless().and_then(|r| doc.get_ci(r, "resources"))?;
    let bodies = doc
        .items(res)
        .iter()
        .flat_map(|&item| doc.all_entries(item).into_iter().map(|(_, b)| b))
        .collect();
    Some((res, bodies))
}
