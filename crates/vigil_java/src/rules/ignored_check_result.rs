//! `java/ignored-return-value`: a method that reports failure or a timeout through its boolean/count
//! result (`File.delete/mkdirs/createNewFile/renameTo`, `Lock.tryLock`, timed `await`,
//! `awaitTermination`, `InputStream.read(buf)`/`skip`) is called as a statement: the failure goes
//! unnoticed and the code goes on as if it had succeeded.

use tree_sitter::Node;

use super::util::{args_of, call_parts, type_of, unparen};
use super::Checker;

pub(crate) const NAME: &str = "ignored_check_result";

const FILE_METHODS: &[&str] = &[
    "delete",
    "createNewFile",
    "mkdir",
    "mkdirs",
    "renameTo",
    "setReadable",
    "setWritable",
    "setExecutable",
    "setLastModified",
    "setReadOnly",
];

const STREAMS: &[&str] = &[
    "InputStream",
    "FileInputStream",
    "BufferedInputStream",
    "DataInputStream",
    "ByteArrayInputStream",
    "FilterInputStream",
    "Reader",
    "InputStreamReader",
    "FileReader",
    "BufferedReader",
    "RandomAccessFile",
];

fn is_stream(cx: &Checker<'_, '_>, t: &str) -> bool {
    STREAMS.contains(&t) && cx.sem.may_be(t, &format!("java.io.{t}"))
}

/// Whether `o` names a class (`FileWriteEvent` in `FileWriteEvent.offer(..)`) rather than a
/// variable: a capitalised identifier that is not a declared variable.
fn is_type_name(cx: &Checker<'_, '_>, o: Node<'_>) -> bool {
    o.kind() == "identifier"
        && cx.text(o).starts_with(|c: char| c.is_ascii_uppercase())
        && cx.sem.declared_type_of(cx.text(o), o).is_none()
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(call) = node.named_child(0) else {
        return;
    };
    let Some((name, obj, args)) = call_parts(cx, call) else {
        return;
    };
    let n = args_of(args).len();
    let ty = obj.and_then(|o| type_of(cx, unparen(o)));
    let ty = ty.as_deref().unwrap_or("");
    let what = match name.as_str() {
        m if FILE_METHODS.contains(&m) && ty == "File" && cx.sem.may_be("File", "java.io.File") => {
            Some("the file operation may fail and returns `false` instead of throwing")
        }
        "tryLock" | "tryAcquire" if obj.is_some() => {
            Some("the lock or permit may not have been acquired")
        }
        "await" if n == 2 && !matches!(ty, "CyclicBarrier" | "Phaser") && obj.is_some() => {
            Some("the wait may have timed out")
        }
        "awaitNanos" | "awaitUntil" | "awaitTermination" if obj.is_some() => {
            Some("the wait may have timed out")
        }
        // `BlockingQueue.offer(e, timeout, unit)` on a queue, not a static `Event.offer(a, b, c)`.
        "offer" if n == 3 && obj.is_some_and(|o| !is_type_name(cx, o)) => {
            Some("the element may not have been added before the timeout")
        }
        "read" | "skip" if n >= 1 && is_stream(cx, ty) => {
            Some("fewer bytes than requested may have been read or skipped")
        }
        _ => None,
    };
    if let Some(what) = what {
        let msg = format!(
            "the result of `{}` is ignored: {what}",
            vigil_query::shorten(cx.text(call))
        );
        cx.report(NAME, call, msg);
    }
}
