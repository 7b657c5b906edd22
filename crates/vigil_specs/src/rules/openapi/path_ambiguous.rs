//! `openapi/path-ambiguous`: two path templates equal once variables are renamed, with a method in common.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "path-ambiguous");

/// Two path templates that are equal once variables are renamed (`/a/{x}` and `/a/{y}`).
/// Templates equal after renaming their variables clash only where they share an HTTP method:
/// `GET /items/{id}` and `DELETE /items/{itemId}` are routed apart by the method.
pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(paths) = doc.get(ix.root, "paths") else {
        return;
    };
    // (normalized template, method) -> first path.
    let mut seen: HashMap<(String, &str), &str> = HashMap::new();
    let mut hits: Vec<(NodeId, String)> = Vec::new();
    for (path, k, item) in doc.pairs(paths) {
        if path.starts_with("x-") {
            continue;
        }
        let mut norm = String::with_capacity(path.len());
        let mut depth = 0;
        for c in path.chars() {
            match c {
                '{' => {
                    depth += 1;
                    if depth == 1 {
                        norm.push_str("{}");
                    }
                }
                '}' => depth -= 1,
                _ if depth > 0 => {}
                _ => norm.push(c),
            }
        }
        let item = ix.deref(item);
        let mut clashes: Vec<(&str, &str)> = Vec::new();
        for (method, _, _) in doc.pairs(item) {
            let m = method.to_ascii_lowercase();
            let Some(&method) = METHODS
                .iter()
                .chain([&ANY_METHOD])
                .find(|x| **x == m.as_str())
            else {
                continue;
            };
            match seen.get(&(norm.clone(), method)) {
                Some(&first) if first != path => clashes.push((first, method)),
                Some(_) => {}
                None => {
                    seen.insert((norm.clone(), method), path);
                }
            }
        }
        if let Some(&(first, _)) = clashes.first() {
            let methods: Vec<String> = clashes
                .iter()
                .filter(|(f, _)| *f == first)
                .map(|(_, m)| m.to_uppercase())
                .collect();
            hits.push((k, format!("path `{path}` is the same as `{first}` after renaming its variables, and both define {}: requests cannot be routed to one of them", methods.join(", "))));
        }
    }
    for (k, m) in hits {
        at(rep, ix.doc, RULE, k, m);
    }
}
