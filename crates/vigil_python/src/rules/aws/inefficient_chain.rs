//! `python/aws-inefficient-call-chain`: an S3 object downloaded only to read its metadata or size.
//! `get_object` (resource style: `Object.get()`) whose `Body` is never read — only `ContentLength`,
//! `ETag`, `Metadata`, ... — or whose body is read only to take its `len()`, where `head_object`
//! (`Object.content_length` and friends, loaded by a HEAD request) answers from the headers alone.

use crate::fields::Field;
use tree_sitter::Node;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::{report_calls, scope, use_of, Checker, Env, Kind, Use};

pub(crate) const NAME: &str = "aws_inefficient_call_chain";

/// How one read of the response uses it.
enum Read {
    /// A header field (`resp["ContentLength"]`, `resp.get("ETag")`).
    Metadata,
    /// `len(resp["Body"].read())`: the size, from the body.
    Size,
    /// Anything else: the body is used, or the response escapes.
    Body,
}

/// Skip `await` and parentheses around `n`.
fn outer(n: Node<'_>) -> Node<'_> {
    let mut n = n;
    while let Some(p) = n.parent() {
        if matches!(p.kind(), "await" | "parenthesized_expression") {
            n = p;
        } else {
            break;
        }
    }
    n
}

fn const_str(cx: &Checker<'_, '_>, n: Option<Node<'_>>) -> Option<String> {
    match cx.sem.const_value(n?)? {
        ConstValue::Str(s) => Some(s),
        _ => None,
    }
}

/// The read of the response expression `n` (the call itself, or a name holding the response).
fn read_of(cx: &Checker<'_, '_>, n: Node<'_>) -> Read {
    let n = outer(n);
    let Some(p) = n.parent() else {
        return Read::Body;
    };
    match p.kind() {
        "subscript" if p.field("value") == Some(n) => {
            match const_str(cx, p.field("subscript")).as_deref() {
                Some("Body") => {
                    if is_len_of_read(cx, p) {
                        Read::Size
                    } else {
                        Read::Body
                    }
                }
                Some(_) => Read::Metadata,
                None => Read::Body,
            }
        }
        "attribute"
            if p.field("object") == Some(n)
                && p.field("attribute").is_some_and(|a| cx.text(a) == "get") =>
        {
            let first = p
                .parent()
                .filter(|c| c.kind() == "call")
                .and_then(|c| c.field("arguments"))
                .and_then(|a| a.named_child(0));
            match const_str(cx, first).as_deref() {
                Some("Body") | None => Read::Body,
                Some(_) => Read::Metadata,
            }
        }
        _ => Read::Body,
    }
}

/// `len(<body>.read())` around the `…["Body"]` subscript `body`.
fn is_len_of_read(cx: &Checker<'_, '_>, body: Node<'_>) -> bool {
    let Some(attr) = body.parent().filter(|a| {
        a.kind() == "attribute" && a.field("attribute").is_some_and(|x| cx.text(x) == "read")
    }) else {
        return false;
    };
    let Some(read) = attr.parent().filter(|c| {
        c.kind() == "call"
            && c.field("arguments")
                .is_some_and(|a| a.named_child_count() == 0)
    }) else {
        return false;
    };
    read.parent()
        .filter(|a| a.kind() == "argument_list" && a.named_child_count() == 1)
        .and_then(|a| a.parent())
        .and_then(|c| c.field("function"))
        .is_some_and(|f| cx.text(f) == "len")
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    report_calls(cx, env, NAME, |cx, call| {
        let svc = call.svc.filter(|s| s.service.name == "s3")?;
        let resource = match (svc.kind, call.op.as_str()) {
            (Kind::Client, "get_object") => false,
            // `s3.Object(bucket, key).get()`: the only S3 sub-resource action named `get`.
            (Kind::Sub, "get") => true,
            _ => return None,
        };
        let n = call.call;
        let reads: Vec<Read> = match use_of(n) {
            Use::Assigned(name) if name.kind() == "identifier" => {
                let var = cx.text(name);
                let mut reads = Vec::new();
                walk_tree(scope(n), |x| {
                    if x.kind() == "identifier"
                        && x.start_byte() > n.end_byte()
                        && cx.text(x) == var
                    {
                        reads.push(read_of(cx, x));
                    }
                });
                reads
            }
            Use::Other(_) => vec![read_of(cx, n)],
            _ => return None,
        };
        if reads.is_empty() || reads.iter().any(|r| matches!(r, Read::Body)) {
            return None;
        }
        let instead = if resource {
            "the object's attributes (`content_length`, `e_tag`, `metadata`, ... loaded by a HEAD request)"
        } else {
            "`head_object`"
        };
        Some(if reads.iter().any(|r| matches!(r, Read::Size)) {
            format!("the whole object is downloaded only to measure its size; {instead} gives `ContentLength` from the headers")
        } else {
            format!("the object is fetched but only its metadata is read (the body is downloaded or left open); use {instead}")
        })
    });
}
