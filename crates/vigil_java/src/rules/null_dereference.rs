//! `java/null-dereference`: a variable dereferenced where it is known to be null: in the branch of
//! `if (x == null)` (or the `else` of `x != null`), on the right of `x == null && x.f()`, or the
//! unchecked result of `System.getenv(name)`/`System.getProperty(name)` (null when unset).

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::util::{
    args_of, assigns, call_parts, callable, is_local, local_declarator, unparen, var_name,
};
use super::Checker;
use crate::fields::Field;

pub(crate) const NAME: &str = "null_dereference";

/// The first dereference of `name` in `scope`: `name.m()`, `name.f`, `name[i]`, `for (.. : name)`.
fn first_deref<'t>(cx: &Checker<'_, '_>, scope: Node<'t>, name: &str) -> Option<Node<'t>> {
    let mut hit = None;
    walk_tree(scope, |n| {
        if hit.is_some() {
            return;
        }
        let target = match n.kind() {
            "method_invocation" | "field_access" => n.field("object"),
            "array_access" => n.field("array"),
            "enhanced_for_statement" => n.field("value"),
            _ => None,
        };
        if target.is_some_and(|t| t.kind() == "identifier" && cx.text(t) == name) {
            hit = Some(n);
        }
    });
    hit
}

/// `x == null` → `(x, true)`; `x != null` → `(x, false)`.
fn null_test<'t>(cx: &Checker<'_, '_>, cond: Node<'t>) -> Option<(Node<'t>, bool)> {
    let cond = unparen(cond);
    if cond.kind() != "binary_expression" {
        return None;
    }
    let op = cx.text(cond.field("operator")?);
    let eq = match op {
        "==" => true,
        "!=" => false,
        _ => return None,
    };
    let (l, r) = (cond.field("left")?, cond.field("right")?);
    let var = match (l.kind(), r.kind()) {
        ("identifier", "null_literal") => l,
        ("null_literal", "identifier") => r,
        _ => return None,
    };
    Some((var, eq))
}

fn report(cx: &mut Checker<'_, '_>, deref: Node<'_>, name: &str, why: &str) {
    let msg = format!(
        "`{}` dereferences `{name}`, which is null here ({why})",
        vigil_query::shorten(cx.text(deref))
    );
    cx.report(NAME, deref, msg);
}

/// `if (x == null) { x.f(); }` and `if (x != null) {..} else { x.f(); }`.
pub(crate) fn check_if(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((var, eq)) = node.field("condition").and_then(|c| null_test(cx, c)) else {
        return;
    };
    let branch = if eq {
        node.field("consequence")
    } else {
        node.field("alternative")
    };
    let Some(branch) = branch else { return };
    let name = cx.text(var).to_owned();
    if assigns(cx, branch, &name) {
        return;
    }
    // A field may be set by a method the branch calls (`if (f == null) { init(); f.use(); }`).
    if !is_local(cx, &name, var) {
        let mut calls_own = false;
        walk_tree(branch, |n| {
            if n.kind() == "method_invocation"
                && n.field("object").is_none_or(|o| o.kind() == "this")
            {
                calls_own = true;
            }
        });
        if calls_own {
            return;
        }
    }
    if let Some(d) = first_deref(cx, branch, &name) {
        let why = if eq {
            format!("inside `if ({name} == null)`")
        } else {
            format!("in the else branch of `if ({name} != null)`")
        };
        report(cx, d, &name, &why);
    }
}

/// `x == null && x.f()` / `x != null || x.f()`.
pub(crate) fn check_binary(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(op) = node.field("operator").map(|o| cx.text(o)) else {
        return;
    };
    let want_eq = match op {
        "&&" => true,
        "||" => false,
        _ => return,
    };
    let (Some(l), Some(r)) = (node.field("left"), node.field("right")) else {
        return;
    };
    let Some((var, eq)) = null_test(cx, l) else {
        return;
    };
    if eq != want_eq {
        return;
    }
    let name = cx.text(var).to_owned();
    if let Some(d) = first_deref(cx, r, &name) {
        report(
            cx,
            d,
            &name,
            &format!("the left operand of `{op}` just found it null"),
        );
    }
}

/// System properties the JVM always defines (`System.getProperties` documents them).
pub(super) const STANDARD_PROPERTIES: &[&str] = &[
    "java.version",
    "java.vendor",
    "java.vendor.url",
    "java.home",
    "java.class.version",
    "java.class.path",
    "java.library.path",
    "java.io.tmpdir",
    "java.specification.version",
    "java.vm.version",
    "java.vm.name",
    "java.vm.vendor",
    "os.name",
    "os.arch",
    "os.version",
    "file.separator",
    "path.separator",
    "line.separator",
    "user.name",
    "user.home",
    "user.dir",
];

fn nullable_call(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    match call_parts(cx, unparen(n)) {
        Some((m, Some(o), a)) if cx.text(o) == "System" && args_of(a).len() == 1 => {
            match m.as_str() {
                "getenv" => true,
                "getProperty" => args_of(a).first().is_none_or(|k| {
                    let t = cx.text(*k);
                    !STANDARD_PROPERTIES.iter().any(|p| t == format!("\"{p}\""))
                }),
                _ => false,
            }
        }
        _ => false,
    }
}

/// `System.getenv("X").trim()` and `String v = System.getenv("X"); v.trim();` with no null check.
pub(crate) fn check_nullable_return(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(obj) = call.field("object") else {
        return;
    };
    let obj = unparen(obj);
    if nullable_call(cx, obj) {
        let msg = format!(
            "`{}` dereferences the result of `{}`, which is null when the variable is not set",
            vigil_query::shorten(cx.text(call)),
            cx.text(obj)
        );
        cx.report(NAME, call, msg);
        return;
    }
    // Cheap filters first: the file reads the environment, then a String local in a method that
    // does.
    if obj.kind() != "identifier" || !cx.sem.mentions("System.get") {
        return;
    }
    let name = cx.text(obj).to_owned();
    let Some(body) = callable(obj) else { return };
    if !cx.text(body).contains("System.get")
        || cx.sem.declared_type_of(&name, obj).as_deref() != Some("String")
    {
        return;
    }
    let Some(decl) = local_declarator(cx, &name, obj) else {
        return;
    };
    if !decl.field("value").is_some_and(|v| nullable_call(cx, v)) {
        return;
    }
    // Any mention of the variable other than as a receiver counts as a possible check; only the
    // first dereference is reported.
    let mut checked = false;
    walk_tree(body, |n| {
        if n.kind() == "identifier"
            && cx.text(n) == name
            && n.start_byte() < obj.start_byte()
            && n.parent()
                .is_some_and(|p| p.kind() != "variable_declarator")
        {
            checked = true;
        }
        if n.kind() == "identifier" && cx.text(n) == name && n != obj {
            let p = n.parent();
            let receiver = p.is_some_and(|p| {
                matches!(p.kind(), "method_invocation" | "field_access")
                    && p.field("object") == Some(n)
            });
            let declarator = p.is_some_and(|p| p.kind() == "variable_declarator");
            if !receiver && !declarator {
                checked = true;
            }
        }
    });
    if checked || var_name(cx, obj).is_none() {
        return;
    }
    let msg = format!(
        "`{}` dereferences `{name}`, the result of `{}`, which is null when it is not set",
        vigil_query::shorten(cx.text(call)),
        decl.field("value").map(|v| cx.text(v)).unwrap_or("")
    );
    cx.report(NAME, call, msg);
}
