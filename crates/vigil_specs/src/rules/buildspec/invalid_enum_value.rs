//! `buildspec/invalid-enum-value`: a value outside its key's fixed set (`yes`/`no` flags, `env.shell`,
//! report `file-format`, `cache.action`).

use super::{not_yes_no, Index, PROXY};
use crate::tree::NodeId;
use crate::{hint, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "invalid-enum-value");

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

fn yes_no(rep: &mut Reporter<'_>, ix: &Index<'_>, v: NodeId, key: &str) {
    let doc = ix.doc;
    if not_yes_no(doc, v) {
        let shown = doc.scalar(v).unwrap_or("");
        rep.report(
            RULE,
            doc.range(v),
            format!("`{key}` is `{shown}`; expected `yes` or `no`"),
        );
    }
}

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(root) = ix.root else { return };
    if let Some(env) = ix.env {
        if let Some(s) = doc.get(env, "shell") {
            let t = doc.scalar(s).unwrap_or("");
            if !SHELLS.contains(&t) {
                rep.report(
                    RULE,
                    doc.range(s),
                    format!("`env.shell` is `{t}`; expected one of bash, /bin/sh, powershell.exe, cmd.exe{}", hint(t, SHELLS)),
                );
            }
        }
        if let Some(g) = doc.get(env, "git-credential-helper") {
            yes_no(rep, ix, g, "git-credential-helper");
        }
    }
    if let Some(p) = doc.get(root, "proxy") {
        if doc.is_map(p) {
            for (key, _, v) in doc.pairs(p) {
                if PROXY.contains(&key) {
                    yes_no(rep, ix, v, key);
                }
            }
        }
    }
    if let Some(ff) = ix.batch.and_then(|b| doc.get(b, "fast-fail")) {
        yes_no(rep, ix, ff, "fast-fail");
    }
    for sec in &ix.sections {
        if !doc.is_map(sec.node) {
            continue;
        }
        for (key, _, v) in doc.pairs(sec.node) {
            match key {
                "discard-paths" | "enable-symlinks" => yes_no(rep, ix, v, key),
                "file-format" => {
                    let t = doc.scalar(v).unwrap_or("");
                    if !FORMATS.iter().any(|f| f.eq_ignore_ascii_case(t)) {
                        rep.report(
                            RULE,
                            doc.range(v),
                            format!(
                                "report `file-format` `{t}` is not one of {}{}",
                                FORMATS.join(", "),
                                hint(t, FORMATS)
                            ),
                        );
                    }
                }
                "action" if sec.name == "cache" => {
                    let t = doc.scalar(v).unwrap_or("");
                    if t != "restore" && t != "save" {
                        rep.report(
                            RULE,
                            doc.range(v),
                            format!("`cache.action` is `{t}`; expected `restore` or `save`"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
