//! The path of a taint finding: source first, each carrying step, the sink last, with exact spans.

use std::path::PathBuf;
use std::sync::Arc;

use vigil_core::analyzer::FileOutput;
use vigil_core::{CheckContext, FileKind, RuleSet, SourceFile};

const SRC: &str = r#"package p;

import java.sql.Connection;
import java.sql.SQLException;
import javax.servlet.http.HttpServletRequest;

class A {
    void f(HttpServletRequest request, Connection c) throws SQLException {
        String id = request.getParameter("id");
        String sql = "SELECT * FROM t WHERE id=" + id;
        c.createStatement().executeQuery(sql);
        c.createStatement().executeQuery(sql + " AND 1=1");
    }
}
"#;

#[test]
fn flow_has_source_steps_and_sink() {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer");
    let file = SourceFile::new(PathBuf::from("A.java"), "A.java", FileKind::Java, SRC);
    let summaries: Vec<(Arc<str>, _)> = analyzer
        .summarize(&file)
        .map(|s| (file.rel_path.clone(), s))
        .into_iter()
        .collect();
    let project = analyzer.link(summaries);
    let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
    let ctx = CheckContext {
        rules: &enabled,
        project: project.as_deref(),
        root: std::path::Path::new("."),
    };
    let mut out = FileOutput::default();
    analyzer.check(&file, &ctx, &mut out);
    out.findings.sort();
    // One finding per sink: two sinks, two findings.
    assert_eq!(out.findings.len(), 2, "{:#?}", out.findings);
    let f = &out.findings[0];
    assert_eq!(f.rule_id.as_ref(), "java/sql-injection");
    assert_eq!(f.location.start.line, 11);
    assert!(
        f.message.contains("request.getParameter(\"id\")"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("Statement.executeQuery"),
        "{}",
        f.message
    );
    let steps: Vec<(u32, &str)> = f
        .flow
        .iter()
        .map(|s| (s.location.start.line, file.slice(s.location.range)))
        .collect();
    assert_eq!(
        steps.first(),
        Some(&(9, "request.getParameter(\"id\")")),
        "{steps:?}"
    );
    assert!(steps.iter().any(|(l, _)| *l == 10), "{steps:?}");
    assert_eq!(
        steps.last(),
        Some(&(11, "c.createStatement().executeQuery(sql)")),
        "{steps:?}"
    );
}

#[test]
fn deep_trees_do_not_overflow_the_stack() {
    let mut src =
        String::from("class D { String s(javax.servlet.http.HttpServletRequest r) { return \"a\"");
    for _ in 0..20_000 {
        src.push_str(" + r.getParameter(\"x\")");
    }
    src.push_str("; }\n boolean b(int x) { return ");
    for _ in 0..5_000 {
        src.push_str("x > 1 && ");
    }
    src.push_str("true; }\n Runnable l() { return ");
    for _ in 0..500 {
        src.push_str("() -> { Runnable q = ");
    }
    src.push_str("null;");
    for _ in 0..500 {
        src.push_str(" return; }");
    }
    src.push_str("; } }\n");
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer");
    let file = SourceFile::new(PathBuf::from("D.java"), "D.java", FileKind::Java, src);
    let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
    let summary = analyzer.summarize(&file);
    assert!(summary.is_some());
    let ctx = CheckContext {
        rules: &enabled,
        project: None,
        root: std::path::Path::new("."),
    };
    let mut out = FileOutput::default();
    analyzer.check(&file, &ctx, &mut out);
    assert!(out.findings.is_empty());
}
