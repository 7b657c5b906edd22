//! `openapi/unresolved-ref`: a `$ref` that does not resolve (no such node, a missing file, a reference cycle).

use super::*;
use crate::tree;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "unresolved-ref");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    // Files that `$ref`s point into, parsed once per document.
    let mut external: HashMap<PathBuf, Option<Doc>> = HashMap::new();
    for (id, r) in &ix.walk().refs {
        check_ref(rep, ix, &mut external, *id, r);
    }
}

fn check_ref(
    rep: &mut Reporter<'_>,
    ix: &Index<'_>,
    external: &mut HashMap<PathBuf, Option<Doc>>,
    id: NodeId,
    r: &str,
) {
    if r.starts_with("http://") || r.starts_with("https://") || r.starts_with("urn:") {
        return;
    }
    let (file_part, pointer_part) = match r.split_once('#') {
        Some((f, p)) => (f, p),
        None => (r, ""),
    };
    if file_part.is_empty() {
        match ix.local(pointer_part) {
            None => {
                let msg =
                    format!("`$ref: {r}` does not resolve: no such node in this document");
                at(rep, ix.doc, RULE, id, msg);
            }
            Some(target) => {
                // A chain of references that comes back to itself never resolves.
                let mut seen = HashSet::new();
                seen.insert(target);
                let mut cur = target;
                for _ in 0..64 {
                    let Some(next) = ix
                        .doc
                        .get(cur, "$ref")
                        .and_then(|x| ix.doc.str(x))
                        .and_then(|x| x.strip_prefix('#'))
                        .and_then(|p| ix.local(p))
                    else {
                        break;
                    };
                    if !seen.insert(next) {
                        let msg = format!("`$ref: {r}` is part of a reference cycle that never reaches a definition");
                        at(rep, ix.doc, RULE, id, msg);
                        break;
                    }
                    cur = next;
                }
            }
        }
        return;
    }
    let base = rep
        .file
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let decoded = percent_decode(file_part);
    let path = base.join(&decoded);
    if !external.contains_key(&path) {
        let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= 16 * 1024 * 1024);
        let parsed = if external.len() < 64 && small {
            std::fs::read_to_string(&path).ok().map(|t| {
                let json = path.extension().is_some_and(|e| e == "json");
                tree::parse(&t, json)
            })
        } else {
            None
        };
        external.insert(path.clone(), parsed);
    }
    let msg = match external.get(&path) {
        Some(None) | None => Some(format!(
            "`$ref: {r}`: file `{decoded}` does not exist next to this document"
        )),
        Some(Some(ext)) => match ext.root {
            Some(root) if pointer(ext, root, pointer_part).is_some() => None,
            _ => Some(format!(
                "`$ref: {r}`: `{decoded}` has no node at `#{pointer_part}`"
            )),
        },
    };
    if let Some(m) = msg {
        at(rep, ix.doc, RULE, id, m);
    }
}
