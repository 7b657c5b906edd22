//! `openapi/path-params`: path template variables and `in: path` parameters that do not match, or path parameters not `required: true`.

use super::*;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Openapi, "path-params");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    for (op, [path_params, op_params]) in ix.op_params() {
        for (p, t, name, loc) in path_params.iter().chain(op_params.iter()) {
            if loc != "path" || !readable_param(doc, *p, *t) {
                continue;
            }
            let req = doc.get(*t, "required");
            if req.and_then(|r| doc.bool11(r)) != Some(true) {
                let at_node = req.unwrap_or(*t);
                at(
                    rep,
                    doc,
                    RULE,
                    at_node,
                    format!("path parameter `{name}` must have `required: true`"),
                );
            }
        }
    // path parameters
    let template: Vec<&str> = template_vars(op.path);
    let mut declared: HashMap<String, NodeId> = HashMap::new();
    // A parameter `$ref` into another file cannot be read here: do not claim a variable is undeclared.
    let opaque = path_params
        .iter()
        .chain(op_params.iter())
        .any(|(_, t, _, _)| doc.get(*t, "$ref").is_some());
    let mut misdeclared: HashSet<&str> = HashSet::new();
    for (p, _, name, loc) in path_params.iter().chain(op_params.iter()) {
        if loc == "path" {
            declared.insert(name.clone(), *p);
        } else if !["query", "header", "cookie", "formData", "body"].contains(&loc.as_str()) {
            // A misspelled `in` is reported by schema-invalid; do not cascade.
            misdeclared.insert(name.as_str());
        }
    }
    let mut seen_vars = HashSet::new();
    for var in &template {
        if var.is_empty() {
            at(rep, ix.doc, 
                RULE,
                op.path_key,
                format!("path `{}` contains an empty `{{}}` parameter", op.path),
            );
            continue;
        }
        if !seen_vars.insert(*var) {
            continue;
        }
        if !declared.contains_key(*var) && !misdeclared.contains(var) && !opaque {
            let msg = format!("path parameter `{{{var}}}` of `{}` is not declared as an `in: path` parameter of `{}`", op.path, op.method.to_uppercase());
            at(rep, ix.doc, RULE, op.method_key, msg);
        }
    }
    let mut names: Vec<(&String, &NodeId)> = declared.iter().collect();
    names.sort();
    for (name, p) in names {
        if !template.contains(&name.as_str()) {
            let msg = format!(
                "parameter `{name}` is declared `in: path` but `{}` has no `{{{name}}}`",
                op.path
            );
            at(rep, ix.doc, RULE, *p, msg);
        }
    }

    }
}
