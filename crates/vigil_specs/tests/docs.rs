//! `docs/specs.md`'s rule tables are generated from the rule files and must be fresh.
//! `VIGIL_UPDATE_DOCS=1 cargo test -p vigil_specs --test docs` rewrites them.

use std::fmt::Write as _;
use std::path::PathBuf;

use vigil_core::rule::Maturity;
use vigil_core::FileKind;

fn table(kind: FileKind) -> String {
    let rules = vigil_core::builtin::rules().expect("builtin rules parse");
    let mut rs: Vec<&vigil_core::Rule> = rules.iter().filter(|r| r.kind == kind).collect();
    rs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out =
        String::from("| id | severity | category | CWE | checks |\n|---|---|---|---|---|\n");
    for r in rs {
        let cwe: Vec<String> = r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let mut notes = Vec::new();
        if r.meta.maturity == Maturity::Experimental {
            notes.push("experimental");
        }
        if r.category().is_opt_in() {
            notes.push("opt-in");
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        let _ = writeln!(
            out,
            "| [`{id}`](rules/{id}.md){notes} | {} | {} | {} | {} |",
            r.meta.severity,
            r.meta.category,
            cwe.join(", "),
            r.meta.short_description.trim().replace('|', "\\|"),
            id = r.id,
        );
    }
    out
}

#[test]
fn specs_md_rule_tables_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/specs.md");
    let text = std::fs::read_to_string(&path).expect("docs/specs.md");
    let mut fresh = text.clone();
    for kind in [FileKind::Buildspec, FileKind::Appspec, FileKind::Openapi] {
        let begin = format!("<!-- generated: {kind} rules -->\n");
        let end = format!("<!-- end: {kind} rules -->");
        let (Some(a), Some(b)) = (fresh.find(&begin), fresh.find(&end)) else {
            panic!(
                "docs/specs.md lacks the markers `{}` and `{end}`",
                begin.trim()
            );
        };
        let start = a + begin.len();
        fresh.replace_range(start..b, &table(kind));
    }
    if std::env::var_os("VIGIL_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &fresh).expect("write docs/specs.md");
    } else {
        assert!(
            fresh == text,
            "docs/specs.md rule tables are stale: run `VIGIL_UPDATE_DOCS=1 cargo test -p vigil_specs --test docs`"
        );
    }
}
