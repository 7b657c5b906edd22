//! `python/unsafe-archive-extraction`: a whole tar or zip archive extracted with `extractall` (or
//! `shutil.unpack_archive`) without choosing members or checking their sizes. Tar member names
//! such as `../../etc/cron.d/x` or absolute paths and links escape the target directory unless an
//! extraction `filter=` is given, and any archive can be a decompression bomb.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, Semantics};

use super::syntax::{is_call_to, method_call, scope_of, squeeze, values_bound_to, walk_same_scope};
use super::Checker;

pub(crate) const NAME: &str = "unsafe_archive_extraction";

const TAR_OPENERS: &[&str] = &[
    "tarfile.open",
    "tarfile.TarFile",
    "tarfile.TarFile.open",
    "tarfile.TarFile.taropen",
    "tarfile.TarFile.gzopen",
    "tarfile.TarFile.bz2open",
    "tarfile.TarFile.xzopen",
];
const ZIP_OPENERS: &[&str] = &["zipfile.ZipFile", "zipfile.PyZipFile"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Tar,
    Zip,
}

fn kind_of(cx: &Checker<'_, '_>, recv: Node<'_>) -> Option<Kind> {
    let of_value = |v: Node<'_>| {
        if is_call_to(cx.sem, v, TAR_OPENERS) {
            Some(Kind::Tar)
        } else if is_call_to(cx.sem, v, ZIP_OPENERS) {
            Some(Kind::Zip)
        } else {
            None
        }
    };
    if let Some(k) = of_value(recv) {
        return Some(k);
    }
    if !matches!(recv.kind(), "identifier" | "attribute") {
        return None;
    }
    let scope = scope_of(recv);
    let values = values_bound_to(scope, cx.sem.src, &squeeze(cx.text(recv)));
    values.into_iter().find_map(of_value)
}

/// Whether the scope inspects member sizes (`info.file_size`, `member.size`), the usual guard
/// against decompression bombs, or the file sets a default tar extraction filter.
fn checks_sizes(cx: &Checker<'_, '_>, at: Node<'_>) -> bool {
    let scope = scope_of(at);
    let mut found = false;
    walk_same_scope(scope, &mut |n| {
        if n.kind() == "attribute" {
            if let Some(a) = n.field("attribute") {
                if matches!(cx.text(a), "file_size" | "compress_size" | "size") {
                    found = true;
                }
            }
        }
    });
    if found {
        return true;
    }
    let mut root = at;
    while let Some(p) = root.parent() {
        root = p;
    }
    walk_tree(root, |n| {
        if n.kind() == "attribute"
            && n.field("attribute")
                .is_some_and(|a| cx.text(a) == "extraction_filter")
        {
            found = true;
        }
    });
    found
}

/// Whether the scope examines the archive's members (`getnames()`, `getmembers()`, `namelist()`,
/// `infolist()` on the same receiver) before extracting: loops over the listing, tests it, or hands
/// it to a function (distlib checks every name against the target directory). A listing only
/// stored or returned (`names = tar.getnames()` reported back to the client) checks nothing.
fn lists_members(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    let name = squeeze(cx.text(recv));
    let scope = scope_of(recv);
    let mut listings: Vec<Node<'_>> = Vec::new();
    walk_same_scope(scope, &mut |n| {
        if let Some((r, m, _)) = method_call(n) {
            if matches!(
                cx.text(m),
                "getnames" | "getmembers" | "namelist" | "infolist"
            ) && squeeze(cx.text(r)) == name
            {
                listings.push(n);
            }
        }
    });
    listings.into_iter().any(|l| {
        if examined(cx, l) {
            return true;
        }
        // `names = tar.getnames()` and then `names` examined.
        let Some(target) = l
            .parent()
            .filter(|p| p.kind() == "assignment")
            .and_then(|p| p.field("left"))
            .filter(|t| t.kind() == "identifier")
        else {
            return false;
        };
        let var = cx.text(target);
        let mut found = false;
        walk_same_scope(scope, &mut |n| {
            if n.kind() == "identifier"
                && n.id() != target.id()
                && cx.text(n) == var
                && examined(cx, n)
            {
                found = true;
            }
        });
        found
    })
}

/// Functions that take a listing without looking at the names in it (`len(names)`,
/// `print(names)`, a JSON response of them).
const NOT_EXAMINING: &[&str] = &[
    "len",
    "print",
    "str",
    "repr",
    "list",
    "tuple",
    "set",
    "frozenset",
    "sorted",
    "dumps",
    "jsonify",
    "JsonResponse",
    "JSONResponse",
    "Response",
    "append",
    "extend",
    "debug",
    "info",
    "warning",
    "error",
];

/// Whether a value is examined where it stands: iterated (`for m in ...`, a comprehension),
/// compared or tested (`in`, `==`, `any(...)`), or passed to a function that may check it.
fn examined(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let Some(p) = n.parent() else { return false };
    match p.kind() {
        "for_statement" | "for_in_clause" => p.field("right").is_some_and(|r| r.id() == n.id()),
        "comparison_operator" | "boolean_operator" | "not_operator" => true,
        "argument_list" => p
            .parent()
            .and_then(|c| c.field("function"))
            .is_none_or(|f| {
                let t = cx.text(f);
                !NOT_EXAMINING.contains(&t.rsplit('.').next().unwrap_or(t))
            }),
        "parenthesized_expression" => examined(cx, p),
        _ => false,
    }
}

fn positional_count(args: Node<'_>) -> usize {
    let mut c = args.walk();
    let n = args
        .named_children(&mut c)
        .filter(|a| {
            !matches!(
                a.kind(),
                "keyword_argument" | "comment" | "dictionary_splat"
            )
        })
        .count();
    n
}

fn has_splat(args: Node<'_>) -> bool {
    let mut c = args.walk();
    let found = args
        .named_children(&mut c)
        .any(|a| a.kind() == "dictionary_splat");
    found
}

/// A safe `filter=` argument: anything but the constant `"fully_trusted"`.
fn safe_filter(cx: &Checker<'_, '_>, args: Node<'_>) -> bool {
    cx.sem.keyword_arg(args, "filter").is_some_and(|v| {
        !matches!(cx.sem.const_value(v), Some(vigil_query::ConstValue::Str(s)) if s == "fully_trusted")
            && v.kind() != "none"
    })
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    if is_call_to(cx.sem, call, &["shutil.unpack_archive"]) {
        let Some(args) = call.field("arguments") else {
            return;
        };
        if safe_filter(cx, args) || has_splat(args) || checks_sizes(cx, call) {
            return;
        }
        cx.report(
            NAME,
            call,
            "`shutil.unpack_archive` without `filter=` lets tar members escape the target directory".into(),
        );
        return;
    }
    let Some((recv, m, args)) = method_call(call) else {
        return;
    };
    if cx.text(m) != "extractall" {
        return;
    }
    let Some(kind) = kind_of(cx, recv) else {
        return;
    };
    // `extractall(path, members)` / `members=`: the caller chose what to extract.
    if positional_count(args) >= 2
        || cx.sem.keyword_arg(args, "members").is_some()
        || has_splat(args)
    {
        return;
    }
    if kind == Kind::Tar && safe_filter(cx, args) {
        return;
    }
    if checks_sizes(cx, call) || lists_members(cx, recv) {
        return;
    }
    let msg = match kind {
        Kind::Tar => "`extractall` without `filter=` or a members check: tar members can escape the target directory (path traversal, links) and the archive can be a decompression bomb",
        Kind::Zip => "`extractall` of a zip archive without checking member sizes: the archive can be a decompression bomb",
    };
    cx.report(NAME, call, msg.into());
}
