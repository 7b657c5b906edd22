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
    let project = analyzer.link(&mut summaries.into_iter());
    let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
    let ctx = CheckContext {
        rules: &enabled,
        project: project.as_ref(),
        root: std::path::Path::new("."),
        properties: None,
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
        properties: None,
    };
    let mut out = FileOutput::default();
    analyzer.check(&file, &ctx, &mut out);
    assert!(out.findings.is_empty());
}

fn check_one(name: &str, src: String) -> FileOutput {
    let rules = RuleSet::new(vigil_core::builtin::rules().expect("rules")).expect("ids");
    let analyzer = vigil_java::analyzer(&rules).expect("analyzer");
    let file = SourceFile::new(PathBuf::from(name), name, FileKind::Java, src);
    let enabled: Vec<_> = rules.for_kind(FileKind::Java).cloned().collect();
    let ctx = CheckContext {
        rules: &enabled,
        project: None,
        root: std::path::Path::new("."),
        properties: None,
    };
    let mut out = FileOutput::default();
    analyzer.check(&file, &ctx, &mut out);
    out
}

fn sql_in(body: &str) -> String {
    format!(
        "import java.sql.*;\nimport javax.servlet.http.HttpServletRequest;\nclass Deep {{\n  void run(HttpServletRequest r, Connection c) throws SQLException {{\n    String id = r.getParameter(\"id\");\n    String q = {body};\n    c.createStatement().executeQuery(q);\n  }}\n}}\n"
    )
}

fn has_sql(out: &FileOutput) -> bool {
    out.findings
        .iter()
        .any(|f| f.rule_id.as_ref() == "java/sql-injection")
}

/// Issue 8, item 5: a query built from about 250 `+` terms is still reported.
#[test]
fn long_concatenation_chains_keep_their_taint() {
    for n in [250, 2_000] {
        let mut body = String::from("\"SELECT * FROM t WHERE a = '\" + id");
        for i in 0..n {
            body.push_str(&format!(" + \" OR c{i} = 1\""));
        }
        let out = check_one("Deep.java", sql_in(&body));
        assert!(has_sql(&out), "{n} terms: {:?}", out.notifications);
    }
    // The tainted term last, after the long constant prefix.
    let mut body = String::from("\"SELECT 1\"");
    for i in 0..300 {
        body.push_str(&format!(" + \" \" + {i}"));
    }
    body.push_str(" + id");
    assert!(has_sql(&check_one("Deep.java", sql_in(&body))));
    // A builder chain of 300 appends.
    let mut body = String::from("new StringBuilder(\"SELECT * FROM t WHERE a = '\").append(id)");
    for i in 0..300 {
        body.push_str(&format!(".append(\" OR c{i} = 1\")"));
    }
    body.push_str(".toString()");
    let out = check_one("Deep.java", sql_in(&body));
    assert!(has_sql(&out), "{:?}", out.notifications);
}

/// Issue 8, item 5: a query inside about 200 nested parentheses is still reported.
#[test]
fn deeply_parenthesized_expressions_keep_their_taint() {
    for depth in [200, 5_000] {
        let body = format!(
            "{}\"SELECT * FROM t WHERE a = \" + id{}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let out = check_one("Deep.java", sql_in(&body));
        assert!(has_sql(&out), "depth {depth}: {:?}", out.notifications);
    }
    // Parentheses around every step of a chain: `((("a" + id) + "b") + "c")...`.
    let mut body = String::from("\"SELECT \" + id");
    for i in 0..300 {
        body = format!("({body} + \" {i}\")");
    }
    assert!(has_sql(&check_one("Deep.java", sql_in(&body))));
}

/// An analysis that gives up says so: a notice naming the file, the function and the limit.
#[test]
fn giving_up_names_file_function_and_limit() {
    // Nesting that is not a chain (calls inside calls) beyond the lowering limit.
    let depth = 3_000;
    let body = format!("{}id{}", "String.valueOf(".repeat(depth), ")".repeat(depth));
    let out = check_one("Deep.java", sql_in(&body));
    let n = out
        .notifications
        .iter()
        .find(|n| n.kind == "too-complex")
        .unwrap_or_else(|| panic!("no notice: {:?}", out.notifications));
    assert!(n.message.contains("run"), "{}", n.message);
    assert!(n.message.contains("limit"), "{}", n.message);
    assert_eq!(n.path.as_deref(), Some("Deep.java"), "{n:?}");
}
