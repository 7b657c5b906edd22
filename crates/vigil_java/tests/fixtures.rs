//! Fixture tests for every built-in Java rule: the two-sided annotated fixtures of `testdata/java/`,
//! the `noncompliant`/`compliant` examples of each rule file, and the analysis registry.

use std::path::{Path, PathBuf};

use vigil_core::RuleSet;

fn rules() -> RuleSet {
    RuleSet::new(vigil_core::builtin::rules().expect("builtin rules parse")).expect("unique ids")
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/java")
}

#[test]
fn every_rule_passes_its_fixtures() {
    let rules = rules();
    let analyzer = vigil_java::analyzer(&rules).expect("queries compile");
    let (files, problems) = vigil_testkit::fixture_problems(&testdata(), analyzer.as_ref(), &rules);
    assert!(
        files > 0,
        "no fixtures found under {}",
        testdata().display()
    );
    assert!(
        problems.is_empty(),
        "{} fixture problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Imports every doc example may rely on (the convention is documented in docs/rules.md).
const PRELUDE: &str = "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*; \
import java.security.*; import java.security.cert.*; import java.sql.*; import java.util.*; \
import java.util.function.*; import java.util.regex.*; import java.nio.charset.StandardCharsets; import javax.crypto.*; \
import javax.crypto.spec.*; import javax.naming.*; import javax.naming.directory.*; import javax.net.ssl.*; \
import javax.servlet.*; import javax.servlet.http.*; import javax.xml.parsers.*; import javax.xml.xpath.*; \
import org.owasp.encoder.Encode; import org.w3c.dom.*;\n";

/// Whether `line` starts a method declaration (`[modifiers] Type name(...)`).
fn is_method_header(line: &str) -> bool {
    let Some((head, _)) = line.split_once('(') else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    words.len() >= 2
        && !head.contains('=')
        && !head.contains('.')
        && !matches!(
            words[0],
            "return" | "new" | "throw" | "if" | "for" | "while" | "switch"
        )
        && line.trim_end().ends_with('{')
}

/// A doc snippet as a compilation unit. Leading `import` lines stay on top; type declarations are kept
/// as they are, method declarations are put into a class, and statements into a method of a class.
fn wrap(snippet: &str) -> String {
    let mut imports = String::new();
    let mut rest = Vec::new();
    for line in snippet.lines() {
        if rest.is_empty() && (line.starts_with("import ") || line.trim().is_empty()) {
            imports.push_str(line);
            imports.push('\n');
        } else {
            rest.push(line);
        }
    }
    let body = rest.join("\n");
    let t = body.trim_start();
    let is_unit = [
        "class ",
        "public ",
        "final ",
        "abstract ",
        "interface ",
        "enum ",
        "record ",
        "@",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    if is_unit {
        format!("{PRELUDE}{imports}{body}")
    } else if rest.first().is_some_and(|l| {
        is_method_header(l)
            || ["private ", "protected ", "static "]
                .iter()
                .any(|p| l.starts_with(p))
    }) {
        format!("{PRELUDE}{imports}class DocExample {{\n{body}\n}}\n")
    } else {
        format!("{PRELUDE}{imports}class DocExample {{\n  void example() throws Exception {{\n{body}\n  }}\n}}\n")
    }
}

#[test]
fn doc_examples_are_flagged_and_compliant_ones_are_not() {
    let rules = rules();
    let analyzer = vigil_java::analyzer(&rules).expect("queries compile");
    let problems = vigil_testkit::doc_example_problems(analyzer.as_ref(), &rules, &wrap);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_analysis_resolves_and_has_a_rule_file() {
    let rules = rules();
    let analyzer = vigil_java::analyzer(&rules).expect("queries compile");
    let problems = vigil_testkit::registry_problems(analyzer.as_ref(), &rules);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_broken_query_names_its_rule_file() {
    let text = "id: java/broken\nname: Broken\ncategory: bug\nseverity: warning\nprecision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nquery:\n  pattern: \"(method_invocation name: (identifer) @x)\"\n  message: m\n";
    let rule =
        vigil_core::rule::parse_rule("my-rules/broken.yaml", text, None, false).expect("parses");
    let set = RuleSet::new([rule]).expect("one rule");
    let err = vigil_java::analyzer(&set).err().expect("compile error");
    assert_eq!(err.origin, "my-rules/broken.yaml");
    assert!(err.message.contains("row 1, column"), "{}", err.message);
}

#[test]
fn an_unknown_predicate_or_capture_is_a_rule_error() {
    let base = "id: java/custom\nname: Custom\ncategory: bug\nseverity: warning\nprecision: high\nshort-description: s\ndescription: d\nnoncompliant: a\ncompliant: b\nquery:\n";
    for (query, expect) in [
        (
            "  pattern: \"((identifier) @x (#vigil-bogus? @x))\"\n  message: m\n",
            "unknown predicate",
        ),
        (
            "  pattern: \"((identifier) @x)\"\n  message: \"uses {y}\"\n",
            "no capture `@y`",
        ),
        (
            "  pattern: \"((identifier) @x (#vigil-const-match? @x \\\"(\\\"))\"\n  message: m\n",
            "invalid regex",
        ),
    ] {
        let text = format!("{base}{query}");
        let rule = vigil_core::rule::parse_rule("custom/custom.yaml", &text, None, false)
            .unwrap_or_else(|e| panic!("{e}"));
        let set = RuleSet::new([rule]).expect("one rule");
        let err = vigil_java::analyzer(&set).err().expect("compile error");
        assert_eq!(err.origin, "custom/custom.yaml");
        assert!(err.message.contains(expect), "{}", err.message);
    }
}
