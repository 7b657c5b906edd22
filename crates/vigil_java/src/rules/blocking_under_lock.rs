//! `java/blocking-call-under-lock`: `Thread.sleep`, a thread `join`, a blocking queue `take`, or file
//! and network I/O inside a `synchronized` block or method: every other thread that needs the monitor
//! waits for the sleep or the I/O too (over-synchronization, starvation).

use tree_sitter::Node;

use super::util::{call_parts, type_of, under_monitor};
use super::Checker;

pub(crate) const NAME: &str = "blocking_under_lock";

const FILES_IO: &[&str] = &[
    "readAllBytes",
    "readAllLines",
    "readString",
    "write",
    "writeString",
    "copy",
    "move",
    "lines",
    "newBufferedReader",
    "newBufferedWriter",
];

fn blocking(cx: &Checker<'_, '_>, call: Node<'_>) -> Option<&'static str> {
    let (name, obj, args) = call_parts(cx, call)?;
    let obj_text = obj.map(|o| cx.text(o)).unwrap_or("");
    // The receiver's type is resolved only for the method names below (most calls are not), and
    // only under a monitor (`Node::parent` walks down from the root: cheap tests first).
    let typed = matches!(
        name.as_str(),
        "join" | "take" | "readLine" | "execute" | "send" | "accept" | "getInputStream" | "connect"
    );
    if !(typed || name == "sleep" || obj_text == "Files") || !under_monitor(cx, call) {
        return None;
    }
    let ty = if typed {
        obj.and_then(|o| type_of(cx, o)).unwrap_or_default()
    } else {
        String::new()
    };
    match name.as_str() {
        "sleep" if obj_text == "Thread" || obj_text.starts_with("TimeUnit.") => Some("sleeps"),
        "join" if args.named_child_count() <= 1 && ty == "Thread" => {
            Some("waits for another thread")
        }
        "take" if ty.contains("BlockingQueue") || ty.contains("BlockingDeque") => {
            Some("blocks on a queue")
        }
        m if obj_text == "Files"
            && FILES_IO.contains(&m)
            && cx.sem.may_be("Files", "java.nio.file.Files") =>
        {
            Some("does file I/O")
        }
        "readLine" if ty == "BufferedReader" => Some("reads a stream"),
        "execute" | "send" if ty.ends_with("HttpClient") => Some("makes a network call"),
        "accept" if ty == "ServerSocket" => Some("waits for a connection"),
        "getInputStream" | "connect" if ty.ends_with("URLConnection") => {
            Some("makes a network call")
        }
        _ => None,
    }
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(what) = blocking(cx, call) else {
        return;
    };
    let msg = format!(
        "`{}` {what} while holding a monitor: every thread that needs the lock waits too; do the blocking work outside the `synchronized` region",
        vigil_query::shorten(cx.text(call))
    );
    cx.report(NAME, call, msg);
}
