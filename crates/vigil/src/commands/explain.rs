//! `vigil explain ID`: a rule's documentation, rendered from its YAML file.

use std::fmt::Write as _;

use anyhow::bail;
use vigil_core::rule::{Implementation, Maturity};
use vigil_core::Rule;

use crate::cli::ExplainArgs;
use crate::output::write_stdout;
use crate::{registry, ExitStatus};

fn section(out: &mut String, title: &str, body: &str) {
    let body = body.trim_end();
    if !body.trim().is_empty() {
        let _ = writeln!(out, "\n## {title}\n\n{body}");
    }
}

fn code_section(out: &mut String, title: &str, body: &str, lang: &str) {
    let body = body.trim_end();
    if !body.trim().is_empty() {
        let _ = writeln!(out, "\n## {title}\n\n```{lang}\n{body}\n```");
    }
}

/// The documentation of `rule` as Markdown.
pub(crate) fn render(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}\n", rule.id, m.name);
    let mut facts = vec![
        format!("severity: {}", m.severity),
        format!("category: {}", m.category),
    ];
    if let Some(s) = m.security_severity {
        facts.push(format!("security-severity: {s:.1}"));
    }
    if !m.cwe.is_empty() {
        let cwes: Vec<String> = m.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        facts.push(cwes.join(", "));
    }
    facts.push(format!("precision: {}", m.precision.as_str()));
    if m.maturity == Maturity::Experimental {
        facts.push("experimental (off unless selected by id)".into());
    }
    let _ = writeln!(out, "{}", facts.join(" · "));
    if !m.tags.is_empty() {
        let _ = writeln!(out, "tags: {}", m.tags.join(", "));
    }
    let _ = writeln!(out, "\n{}", m.short_description.trim());
    section(&mut out, "Description", &m.description);
    let lang = rule.kind.as_str();
    let lang = match lang {
        "java" | "python" => lang,
        _ => "yaml",
    };
    code_section(&mut out, "Noncompliant", &m.noncompliant, lang);
    code_section(&mut out, "Compliant", &m.compliant, lang);
    if let Some(fix) = &m.fix {
        section(&mut out, "Fix", fix);
    }
    if !m.limitations.is_empty() {
        let items: Vec<String> = m
            .limitations
            .iter()
            .map(|l| format!("- {}", l.trim()))
            .collect();
        section(&mut out, "Limitations", &items.join("\n"));
    }
    if !m.references.is_empty() {
        let items: Vec<String> = m
            .references
            .iter()
            .map(|l| format!("- {}", l.trim()))
            .collect();
        section(&mut out, "References", &items.join("\n"));
    }
    let how = match &rule.implementation {
        Implementation::Query(_) => "a tree-sitter query".to_owned(),
        Implementation::Analysis(a) => format!("the `{a}` analysis"),
    };
    let _ = writeln!(
        out,
        "\n---\nImplemented by {how}; defined in `{}`.",
        rule.origin
    );
    if rule.builtin {
        let _ = writeln!(out, "Docs: {}", rule.help_uri());
    }
    out
}

pub(crate) fn run(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let rules = registry::load_rules(&args.rules)?;
    let Some(rule) = rules.get(args.id.trim()) else {
        let hint =
            vigil_scan::settings::did_you_mean(&args.id, rules.iter().map(|r| r.id.as_ref()));
        bail!(
            "unknown rule `{}`{hint} (`vigil rules` lists them)",
            args.id
        );
    };
    write_stdout(render(rule).as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The index page of the generated rule docs (`docs/rules/README.md`).
#[cfg(test)]
pub(crate) fn render_index(rules: &[&Rule]) -> String {
    let mut out = String::from(
        "# vigil rules\n\nGenerated from `rules/<kind>/<name>.yaml` by `VIGIL_UPDATE_DOCS=1 cargo test -p vigil generated_rule_docs`; do not edit.\n\n| rule | severity | category | CWE | description |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in rules {
        let cwe: Vec<String> = r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let experimental = if r.meta.maturity == Maturity::Experimental {
            " (experimental)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| [`{id}`]({id}.md){experimental} | {} | {} | {} | {} |",
            r.meta.severity,
            r.meta.category,
            cwe.join(", "),
            r.meta.short_description.trim().replace('|', "\\|"),
            id = r.id,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The rule pages in docs/rules/ are generated from the rule files and must be fresh.
    /// `VIGIL_UPDATE_DOCS=1 cargo test -p vigil generated_rule_docs` rewrites them.
    #[test]
    fn generated_rule_docs_are_fresh() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
        let rules = vigil_core::builtin::rules().unwrap();
        let mut refs: Vec<&vigil_core::Rule> = rules.iter().collect();
        refs.sort_by(|a, b| a.id.cmp(&b.id));
        let mut pages: Vec<(std::path::PathBuf, String)> = refs
            .iter()
            .map(|r| (docs.join(format!("{}.md", r.id)), super::render(r)))
            .collect();
        pages.push((docs.join("README.md"), super::render_index(&refs)));
        let update = std::env::var_os("VIGIL_UPDATE_DOCS").is_some();
        let mut stale = Vec::new();
        for (path, text) in &pages {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            } else if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        // Pages of rules that no longer exist.
        for kind in vigil_core::FileKind::ALL {
            let Ok(entries) = std::fs::read_dir(docs.join(kind.as_str())) else {
                continue;
            };
            for e in entries.flatten() {
                if !pages.iter().any(|(p, _)| *p == e.path()) {
                    stale.push(format!("{} (no such rule)", e.path().display()));
                    if update {
                        std::fs::remove_file(e.path()).unwrap();
                    }
                }
            }
        }
        assert!(
            update || stale.is_empty(),
            "stale rule docs (run `VIGIL_UPDATE_DOCS=1 cargo test -p vigil generated_rule_docs`):\n{}",
            stale.join("\n")
        );
    }
}
