//! Re-rooting a report at the repository root for code hosts.

mod common;

use std::path::Path;

use common::*;
use vigil_report::paths::{git_top_level, prefix_of, rebase};
use vigil_report::Format;

#[test]
fn a_subdirectory_scan_is_rebased_to_the_repository_root() {
    let report = realistic_report(); // root /work/project
    let rebased = rebase(&report, Path::new("/work")).expect("inside");
    assert_eq!(rebased.root, Path::new("/work"));
    assert!(rebased
        .findings
        .iter()
        .all(|f| f.location.path.starts_with("project/")));
    assert!(rebased
        .findings
        .iter()
        .flat_map(|f| &f.flow)
        .all(|s| s.location.path.starts_with("project/")));
    assert!(rebased
        .suppressed
        .iter()
        .all(|f| f.location.path.starts_with("project/")));
    assert_eq!(
        rebased.notifications[0].path.as_deref(),
        Some("project/data/legacy.py")
    );
    assert!(rebased.sources.keys().all(|k| k.starts_with("project/")));
    // Fingerprints are kept; the SARIF stays valid and fix regions are still computed from the text.
    assert_eq!(
        rebased.findings[0].fingerprint,
        report.findings[0].fingerprint
    );
    let text = render(Format::Sarif, &rebased, &opts());
    let doc = assert_valid_sarif(&text);
    let run = &doc["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/"
    );
    let hash = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "java/weak-hash")
        .unwrap();
    assert_eq!(
        hash["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "project/src/main/java/app/Handler.java"
    );
    assert_eq!(
        hash["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["startLine"],
        11
    );
    // Not inside: no rebase; same root: unchanged paths.
    assert!(rebase(&report, Path::new("/elsewhere")).is_none());
    assert_eq!(
        rebase(&report, Path::new("/work/project"))
            .unwrap()
            .findings,
        report.findings
    );
}

#[test]
fn prefixes_and_git_top_level() {
    assert_eq!(
        prefix_of(Path::new("/a/b/c"), Path::new("/a")).as_deref(),
        Some("b/c/")
    );
    assert_eq!(
        prefix_of(Path::new("/a/./b/../c"), Path::new("/a")).as_deref(),
        Some("c/")
    );
    assert_eq!(
        prefix_of(Path::new("/a"), Path::new("/a")).as_deref(),
        Some("")
    );
    assert_eq!(prefix_of(Path::new("/ab"), Path::new("/a")), None);
    let dir = std::env::temp_dir().join(format!("vigil-paths-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("repo/.git")).unwrap();
    std::fs::create_dir_all(dir.join("repo/sub/deeper")).unwrap();
    assert_eq!(
        git_top_level(&dir.join("repo/sub/deeper")),
        Some(dir.join("repo"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
