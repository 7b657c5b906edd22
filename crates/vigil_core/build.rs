//! Embeds every `rules/<kind>/<id>.yaml` file of the repository into the binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            if let Ok(rel) = p.strip_prefix(root) {
                out.push((rel.to_string_lossy().replace('\\', "/"), p.clone()));
            }
        }
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules_dir = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut files = Vec::new();
    collect(&rules_dir, &rules_dir, &mut files);
    // Models files (taint sources, sinks, sanitizers per library) live under rules/<kind>/models/
    // and are not rules.
    let mut code = String::new();
    for (name, models) in [("BUILTIN_RULE_FILES", false), ("BUILTIN_MODEL_FILES", true)] {
        let _ = writeln!(code, "static {name}: &[(&str, &str)] = &[");
        for (rel, path) in files
            .iter()
            .filter(|(rel, _)| rel.contains("/models/") == models)
        {
            let _ = writeln!(
                code,
                "    ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        code.push_str("];\n");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_rules.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
