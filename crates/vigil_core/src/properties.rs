//! The scanned project's `.properties` files, as constant sources.
//!
//! [`parse`] reads the `java.util.Properties` text format (what `Properties.load(Reader)` accepts):
//! logical lines joined by a trailing odd number of backslashes (leading white space of the
//! continuation skipped), `#`/`!` comment lines, `key=value`, `key: value` and `key value`
//! separators, `\`-escapes in keys and values (`\t`, `\n`, `\r`, `\f`, `\uXXXX`, any other character
//! stands for itself), the last definition of a key winning. No crate for the format was reachable
//! from the build (crates.io search is not available here), and the format is small.
//!
//! [`ProjectProperties`] holds every properties file of the scan by its path relative to the root;
//! analyzers ask it for the value of a key in the file a program loads ([`ProjectProperties::lookup`]).

use std::collections::BTreeMap;
use std::sync::Arc;

/// Files larger than this are not read as properties (configuration files are small).
pub const MAX_PROPERTIES_SIZE: u64 = 1024 * 1024;

/// The key/value pairs of a `.properties` text, in file order, later duplicates kept (the last one
/// wins in [`PropertiesFile`]). A line with a malformed `\u` escape is dropped (Java's `load` rejects
/// the whole file; keeping the other keys is the safer reading for constants).
#[must_use]
pub fn parse(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // `\n`, `\r\n` and a lone `\r` end a natural line.
    let natural: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect();
    let mut i = 0;
    while i < natural.len() {
        let first = natural[i].trim_start_matches([' ', '\t', '\u{c}']);
        i += 1;
        if first.is_empty() || first.starts_with('#') || first.starts_with('!') {
            continue;
        }
        let mut logical = String::from(first);
        while ends_with_odd_backslashes(&logical) {
            logical.pop();
            let Some(next) = natural.get(i) else { break };
            i += 1;
            logical.push_str(next.trim_start_matches([' ', '\t', '\u{c}']));
        }
        if let Some(kv) = split_entry(&logical) {
            out.push(kv);
        }
    }
    out
}

fn ends_with_odd_backslashes(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Split one logical line (comments and leading white space removed) into its unescaped key and value.
fn split_entry(line: &str) -> Option<(String, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut k = 0;
    let mut escaped = false;
    while k < chars.len() {
        let c = chars[k];
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '=' | ':' | ' ' | '\t' | '\u{c}') {
            break;
        }
        k += 1;
    }
    let key: String = chars[..k].iter().collect();
    let mut v = k;
    while v < chars.len() && matches!(chars[v], ' ' | '\t' | '\u{c}') {
        v += 1;
    }
    if v < chars.len() && matches!(chars[v], '=' | ':') {
        v += 1;
        while v < chars.len() && matches!(chars[v], ' ' | '\t' | '\u{c}') {
            v += 1;
        }
    }
    let value: String = chars[v..].iter().collect();
    Some((unescape(&key)?, unescape(&value)?))
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                if hex.len() != 4 {
                    return None;
                }
                let unit = u16::from_str_radix(&hex, 16).ok()?;
                // A surrogate half alone is not a char; pairs are rare in configuration keys.
                out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Some(out)
}

/// One properties file: its keys and their (last) values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PropertiesFile {
    pub values: BTreeMap<String, String>,
}

impl PropertiesFile {
    #[must_use]
    pub fn parse(text: &str) -> Self {
        Self {
            values: parse(text).into_iter().collect(),
        }
    }
}

/// What a program reads for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The files the program may load agree on this value.
    Value(String),
    /// The program loads a known project file that does not define the key (the default applies).
    Missing,
    /// Not known: no such file in the project, or the candidate files disagree.
    Unknown,
}

/// Every `.properties` file of the scan, by path relative to the root (forward slashes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectProperties {
    files: BTreeMap<Arc<str>, PropertiesFile>,
}

impl ProjectProperties {
    /// Add (or replace) the file at `rel_path`.
    pub fn insert(&mut self, rel_path: &str, text: &str) {
        self.files
            .insert(Arc::from(rel_path), PropertiesFile::parse(text));
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The project files a program names by `name` (a classpath resource such as
    /// `"/app.properties"` or `"conf/app.properties"`, or a file path): the files whose path ends with
    /// the name, on a path-component boundary (leading `/`, `./`, `classpath:` ignored).
    fn named(&self, name: &str) -> Vec<&PropertiesFile> {
        let name = name.trim_start_matches("classpath:").replace('\\', "/");
        let name = name.trim_start_matches("./").trim_start_matches('/');
        if name.is_empty() {
            return Vec::new();
        }
        self.files
            .iter()
            .filter(|(path, _)| {
                path.as_ref() == name
                    || path
                        .strip_suffix(name)
                        .is_some_and(|head| head.ends_with('/'))
            })
            .map(|(_, f)| f)
            .collect()
    }

    /// The value of `key` in the files named by one of `names` (the files a program loads, in load
    /// order; a later file overrides an earlier one), or, when `names` is empty (the file is not
    /// known), in any project file that defines it.
    ///
    /// - named files found: the value if every project file each name matches agrees; `Missing`
    ///   when none of them defines the key;
    /// - a name that matches no project file: `Unknown` (the file comes from elsewhere);
    /// - no names: the value when the files defining the key all agree, else `Unknown`.
    #[must_use]
    pub fn lookup(&self, names: &[String], key: &str) -> Lookup {
        if names.is_empty() {
            let mut vals = self.files.values().filter_map(|f| f.values.get(key));
            let Some(first) = vals.next() else {
                return Lookup::Unknown;
            };
            return if vals.all(|v| v == first) {
                Lookup::Value(first.clone())
            } else {
                Lookup::Unknown
            };
        }
        let mut result = Lookup::Missing;
        for name in names {
            let files = self.named(name);
            if files.is_empty() {
                return Lookup::Unknown;
            }
            let mut vals = files.iter().map(|f| f.values.get(key));
            let first = vals.next().flatten();
            if !vals.all(|v| v == first) {
                return Lookup::Unknown;
            }
            // A later load overrides the keys it defines.
            if let Some(v) = first {
                result = Lookup::Value(v.clone());
            }
        }
        result
    }

    /// A hash input of every file (path, keys and values), for cache keys.
    #[must_use]
    pub fn fingerprint_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (path, f) in &self.files {
            out.extend_from_slice(path.as_bytes());
            out.push(0);
            for (k, v) in &f.values {
                out.extend_from_slice(k.as_bytes());
                out.push(1);
                out.extend_from_slice(v.as_bytes());
                out.push(2);
            }
            out.push(3);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(text: &str) -> Vec<(String, String)> {
        parse(text)
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn separators() {
        assert_eq!(
            kv("a=1\nb: 2\nc 3\nd\t=\t4\ne\n f =  five  \n"),
            vec![
                pair("a", "1"),
                pair("b", "2"),
                pair("c", "3"),
                pair("d", "4"),
                pair("e", ""),
                pair("f", "five  "),
            ]
        );
    }

    #[test]
    fn only_the_first_separator_splits() {
        assert_eq!(kv("url=jdbc:h2:mem"), vec![pair("url", "jdbc:h2:mem")]);
        assert_eq!(kv("k = = v"), vec![pair("k", "= v")]);
        assert_eq!(kv("k  v w"), vec![pair("k", "v w")]);
    }

    #[test]
    fn comments_and_blank_lines() {
        assert_eq!(
            kv("# c\n  ! c2\n\n   \nk=v # not a comment\n"),
            vec![pair("k", "v # not a comment")]
        );
    }

    #[test]
    fn continuation_lines() {
        assert_eq!(
            kv("alg = SHA\\\n      -256\nnext=1"),
            vec![pair("alg", "SHA-256"), pair("next", "1")]
        );
        // An even number of backslashes is an escaped backslash, no continuation.
        assert_eq!(kv("p=c:\\\\\nq=2"), vec![pair("p", "c:\\"), pair("q", "2")]);
        // A comment line is never continued.
        assert_eq!(kv("# c \\\nk=v"), vec![pair("k", "v")]);
        // A continued line whose next line looks like a comment keeps it as text.
        assert_eq!(kv("k=a\\\n  # b"), vec![pair("k", "a# b")]);
        // Continuation at end of file.
        assert_eq!(kv("k=a\\"), vec![pair("k", "a")]);
        assert_eq!(
            kv("k=a\\\r\n b\r\nz=1"),
            vec![pair("k", "ab"), pair("z", "1")]
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            kv("key\\ with\\ spaces = v\\tw\\nx\nk\\=eq=1\nu=\\u0041\\u00e9\\q"),
            vec![
                pair("key with spaces", "v\tw\nx"),
                pair("k=eq", "1"),
                pair("u", "Aéq"),
            ]
        );
        // A malformed unicode escape drops the line.
        assert_eq!(kv("bad=\\u12\nok=1"), vec![pair("ok", "1")]);
        assert_eq!(kv("bad=\\uZZZZ\nok=1"), vec![pair("ok", "1")]);
    }

    #[test]
    fn last_definition_wins() {
        let f = PropertiesFile::parse("a=1\na=2\n");
        assert_eq!(f.values.get("a").map(String::as_str), Some("2"));
    }

    #[test]
    fn lookup_by_name_and_across_files() {
        let mut p = ProjectProperties::default();
        p.insert("src/main/resources/app.properties", "hash=MD5\nshared=x\n");
        p.insert("conf/other.properties", "hash=SHA-256\nshared=x\nonly=1\n");
        p.insert("myapp.properties", "z=1\n");
        let name = |s: &str| vec![s.to_owned()];
        assert_eq!(
            p.lookup(&name("/app.properties"), "hash"),
            Lookup::Value("MD5".into())
        );
        assert_eq!(p.lookup(&name("app.properties"), "nope"), Lookup::Missing);
        // `app.properties` is not a suffix of `myapp.properties` on a component boundary.
        assert_eq!(p.lookup(&name("app.properties"), "z"), Lookup::Missing);
        assert_eq!(
            p.lookup(&name("missing.properties"), "hash"),
            Lookup::Unknown
        );
        assert_eq!(p.lookup(&[], "hash"), Lookup::Unknown);
        assert_eq!(p.lookup(&[], "shared"), Lookup::Value("x".into()));
        assert_eq!(p.lookup(&[], "only"), Lookup::Value("1".into()));
        assert_eq!(p.lookup(&[], "absent"), Lookup::Unknown);
        // A later load overrides.
        assert_eq!(
            p.lookup(
                &[name("app.properties")[0].clone(), "other.properties".into()],
                "hash"
            ),
            Lookup::Value("SHA-256".into())
        );
        assert_eq!(
            p.lookup(
                &["other.properties".into(), "app.properties".into()],
                "only"
            ),
            Lookup::Value("1".into())
        );
    }
}
