//! `vigil rules`: list the rules.

use std::fmt::Write as _;

use serde::Serialize;
use vigil_core::rule::Maturity;

use crate::cli::{ListFormat, RulesArgs};
use crate::output::write_stdout;
use crate::{registry, ExitStatus};

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    category: &'static str,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_severity: Option<f32>,
    cwe: &'a [u32],
    tags: &'a [String],
    precision: &'static str,
    maturity: &'static str,
    short_description: &'a str,
    help_uri: String,
    builtin: bool,
}

pub(crate) fn run(args: &RulesArgs) -> anyhow::Result<ExitStatus> {
    let rules = registry::load_rules(&args.rules)?;
    let mut out = String::new();
    match args.format {
        ListFormat::Json => {
            let entries: Vec<RuleEntry<'_>> = rules
                .iter()
                .map(|r| RuleEntry {
                    id: &r.id,
                    name: &r.meta.name,
                    kind: r.kind.as_str(),
                    category: r.category().as_str(),
                    severity: r.severity().as_str(),
                    security_severity: r.meta.security_severity,
                    cwe: &r.meta.cwe,
                    tags: &r.meta.tags,
                    precision: r.meta.precision.as_str(),
                    maturity: match r.meta.maturity {
                        Maturity::Stable => "stable",
                        Maturity::Experimental => "experimental",
                    },
                    short_description: &r.meta.short_description,
                    help_uri: r.help_uri(),
                    builtin: r.builtin,
                })
                .collect();
            out = serde_json::to_string_pretty(&entries)?;
            out.push('\n');
        }
        ListFormat::Text => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in rules.iter() {
                let experimental = if r.meta.maturity == Maturity::Experimental {
                    " (experimental)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{:width$}  {:7}  {:17}  {}{experimental}",
                    r.id,
                    r.severity().as_str(),
                    r.category().as_str(),
                    r.meta.short_description.trim(),
                );
            }
            let _ = writeln!(
                out,
                "{} rules. `vigil explain ID` prints a rule's documentation.",
                rules.len()
            );
        }
    }
    write_stdout(out.as_bytes())?;
    Ok(ExitStatus::Success)
}
