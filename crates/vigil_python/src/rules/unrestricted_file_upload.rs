//! `python/unrestricted-file-upload`: an uploaded file (Flask `request.files`, Django
//! `request.FILES`) saved without any check of its type: no extension allow-list, no MIME type or
//! content check in the function. An attacker can upload a script or HTML page that the server or
//! its users later run.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::Semantics;

use super::syntax::{method_call, scope_of, squeeze, values_bound_to, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "unrestricted_file_upload";

/// Whether `n` is an uploaded file: `request.files[...]`, `request.files.get(...)`, or (Django)
/// `request.FILES[...]` / `.get(...)`, directly or through a local name or loop variable.
fn is_upload(cx: &Checker<'_, '_>, n: Node<'_>, depth: usize) -> bool {
    if depth > 3 {
        return false;
    }
    let is_files = |base: Node<'_>| {
        cx.sem
            .qualified_name(base)
            .is_some_and(|q| q == "flask.request.files")
            || (base.kind() == "attribute"
                && base
                    .field("attribute")
                    .is_some_and(|a| cx.text(a) == "FILES")
                && cx.sem.imports("django"))
    };
    match n.kind() {
        "subscript" => n.field("value").is_some_and(is_files),
        "call" => method_call(n).is_some_and(|(recv, m, _)| {
            matches!(cx.text(m), "get" | "getlist" | "values") && is_files(recv)
        }),
        "identifier" => {
            let name = squeeze(cx.text(n));
            let scope = scope_of(n);
            if values_bound_to(scope, cx.sem.src, &name)
                .into_iter()
                .any(|v| is_upload(cx, v, depth + 1))
            {
                return true;
            }
            // `for f in request.files.getlist("x"):`
            let mut found = false;
            walk_same_scope(scope, &mut |x| {
                if x.kind() == "for_statement"
                    && x.field("left").is_some_and(|l| squeeze(cx.text(l)) == name)
                    && x.field("right")
                        .is_some_and(|r| is_upload(cx, r, depth + 1))
                {
                    found = true;
                }
            });
            found
        }
        _ => false,
    }
}

/// Words whose presence in the function shows a type check of the upload.
const CHECK_WORDS: &[&str] = &[
    "allowed",
    "allow_list",
    "whitelist",
    "extension",
    "endswith",
    "splitext",
    "rsplit",
    ".suffix",
    "mimetype",
    "content_type",
    "guess_type",
    "imghdr",
    "magic",
    "filetype",
    "validate",
    "is_valid",
];

fn type_checked(cx: &Checker<'_, '_>, at: Node<'_>) -> bool {
    let text = cx.text(scope_of(at)).to_ascii_lowercase();
    CHECK_WORDS.iter().any(|w| text.contains(w))
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((recv, m, args)) = method_call(call) else {
        return;
    };
    if cx.text(m) != "save" {
        return;
    }
    // Flask: `upload.save(path)`; Django storage: `storage.save(name, upload)`.
    let upload = if is_upload(cx, recv, 0) {
        Some(recv)
    } else {
        args.named_child(1).filter(|a| is_upload(cx, *a, 0))
    };
    let Some(upload) = upload else {
        return;
    };
    if type_checked(cx, call) {
        return;
    }
    let msg = format!(
        "uploaded file `{}` is saved without checking its type or extension",
        vigil_query::shorten(cx.text(upload))
    );
    cx.report(NAME, call, msg);
}
