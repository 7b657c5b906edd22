//! What kind of file a path is: by name, and for OpenAPI by content.

use vigil_core::FileKind;

/// How many bytes of a `.yml`/`.yaml`/`.json` file are read to decide whether it is an OpenAPI document.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// The class of a path, from its name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A file of this kind.
    Known(FileKind),
    /// A YAML (`json == false`) or JSON file that is an OpenAPI document if its top level has an
    /// `openapi` or `swagger` key.
    MaybeOpenapi { json: bool },
    /// Not a file vigil analyzes.
    Skip,
}

/// Classify a file by its name (the last path component).
///
/// - `*.java` → Java, `*.py` → Python;
/// - `buildspec*.yml|yaml` → buildspec (CodeBuild accepts any name, `buildspec` is the convention);
/// - `appspec.yml|yaml|json` → appspec (the names CodeDeploy looks for);
/// - other `*.yml|yaml|json` → maybe OpenAPI (decided by [`is_openapi`]);
/// - anything else is skipped.
#[must_use]
pub fn classify_name(name: &str) -> Class {
    let lower = name.to_ascii_lowercase();
    let (stem, ext) = match lower.rsplit_once('.') {
        Some((s, e)) => (s, e),
        None => return Class::Skip,
    };
    match ext {
        "java" => Class::Known(FileKind::Java),
        "py" => Class::Known(FileKind::Python),
        "yml" | "yaml" if stem.starts_with("buildspec") => Class::Known(FileKind::Buildspec),
        "yml" | "yaml" | "json" if stem == "appspec" => Class::Known(FileKind::Appspec),
        "yml" | "yaml" => Class::MaybeOpenapi { json: false },
        "json" => Class::MaybeOpenapi { json: true },
        _ => Class::Skip,
    }
}

/// Whether the start of a YAML or JSON document has a top-level `openapi` or `swagger` key.
#[must_use]
pub fn is_openapi(prefix: &[u8], json: bool) -> bool {
    let prefix = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    if json {
        json_has_top_level_key(prefix)
    } else {
        yaml_has_top_level_key(prefix)
    }
}

const KEYS: [&[u8]; 2] = [b"openapi", b"swagger"];

fn yaml_has_top_level_key(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n').any(|line| {
        let unquoted = line
            .strip_prefix(b"\"")
            .or_else(|| line.strip_prefix(b"'"))
            .unwrap_or(line);
        KEYS.iter().any(|k| {
            unquoted.strip_prefix(*k).is_some_and(|rest| {
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                rest.iter()
                    .find(|b| !matches!(b, b' ' | b'\t'))
                    .is_some_and(|&b| b == b':')
            })
        })
    })
}

fn json_has_top_level_key(text: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while let Some(&c) = text.get(j) {
                    match c {
                        b'\\' => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                if j >= text.len() {
                    return false;
                }
                if depth == 1 {
                    let key = &text[start..j];
                    let colon = text[j + 1..]
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|&c| c == b':');
                    if colon && KEYS.contains(&key) {
                        return true;
                    }
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name() {
        assert_eq!(classify_name("A.java"), Class::Known(FileKind::Java));
        assert_eq!(classify_name("a.py"), Class::Known(FileKind::Python));
        assert_eq!(
            classify_name("buildspec.yml"),
            Class::Known(FileKind::Buildspec)
        );
        assert_eq!(
            classify_name("buildspec-prod.yaml"),
            Class::Known(FileKind::Buildspec)
        );
        assert_eq!(
            classify_name("appspec.json"),
            Class::Known(FileKind::Appspec)
        );
        assert_eq!(
            classify_name("appspec.yaml"),
            Class::Known(FileKind::Appspec)
        );
        assert_eq!(
            classify_name("api.yaml"),
            Class::MaybeOpenapi { json: false }
        );
        assert_eq!(
            classify_name("api.json"),
            Class::MaybeOpenapi { json: true }
        );
        assert_eq!(
            classify_name("buildspec.json"),
            Class::MaybeOpenapi { json: true }
        );
        assert_eq!(classify_name("README.md"), Class::Skip);
        assert_eq!(classify_name("Makefile"), Class::Skip);
        assert_eq!(classify_name("a.pyc"), Class::Skip);
    }

    #[test]
    fn openapi_by_content() {
        assert!(is_openapi(b"openapi: 3.0.3\ninfo: {}\n", false));
        assert!(is_openapi(b"# comment\n---\nswagger: '2.0'\n", false));
        assert!(is_openapi(b"\"openapi\": 3.1.0\n", false));
        assert!(!is_openapi(b"info:\n  openapi: 3\n", false));
        assert!(!is_openapi(b"openapi_version: 3\n", false));
        assert!(!is_openapi(b"version: 0.2\nphases: {}\n", false));
        assert!(is_openapi(
            br#"{"info": {"openapi": 1}, "openapi": "3.0.0"}"#,
            true
        ));
        assert!(is_openapi(b"\xEF\xBB\xBF{ \"swagger\" : \"2.0\" }", true));
        assert!(!is_openapi(br#"{"info": {"openapi": "3.0.0"}}"#, true));
        assert!(!is_openapi(
            br#"{"name": "openapi", "x": ["swagger"]}"#,
            true
        ));
        assert!(!is_openapi(br#"{"a": "\"openapi\": "}"#, true));
        assert!(!is_openapi(b"{\"unterminated", true));
    }
}
