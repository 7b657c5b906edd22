//! `python/aws-client-insecure-transport`: a boto3 client or resource created with TLS turned off
//! (`use_ssl=False`), certificate verification off (`verify=False`) or a plain `http://` endpoint:
//! requests, signed headers and responses (secrets, data) travel unprotected or to an unverified peer.

use crate::fields::Field;
use vigil_query::{ConstValue, Semantics};

use super::{each_call, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_client_insecure_transport";

fn is_local(url: &str) -> bool {
    let host = url.trim_start_matches("http://");
    [
        "localhost",
        "127.",
        "0.0.0.0",
        "[::1]",
        "host.docker.internal",
        "minio",
        "localstack",
    ]
    .iter()
    .any(|h| host.starts_with(h))
}

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        if n.kind() != "call" {
            return;
        }
        let created = n
            .field("function")
            .and_then(|f| f.field("attribute"))
            .is_some_and(|a| matches!(cx.text(a), "client" | "resource"));
        if !created
            || !env
                .svc_of(cx, n)
                .is_some_and(|s| matches!(s.kind, Kind::Client | Kind::Resource))
        {
            return;
        }
        let Some(args) = n.field("arguments") else {
            return;
        };
        for (kw, what) in [
            ("use_ssl", "TLS is turned off"),
            ("verify", "certificate verification is turned off"),
        ] {
            if let Some(v) = cx.sem.keyword_arg(args, kw) {
                if matches!(cx.sem.const_value(v), Some(ConstValue::Bool(false))) {
                    hits.push((v, format!("boto3 client with `{kw}=False`: {what}")));
                }
            }
        }
        if let Some(v) = cx.sem.keyword_arg(args, "endpoint_url") {
            if let Some(ConstValue::Str(url)) = cx.sem.const_value(v) {
                if url.starts_with("http://") && !is_local(&url) {
                    hits.push((v, format!("boto3 client endpoint `{url}` is plain HTTP")));
                }
            }
        }
    });
    for (n, msg) in hits {
        cx.report(NAME, n, msg);
    }
}
