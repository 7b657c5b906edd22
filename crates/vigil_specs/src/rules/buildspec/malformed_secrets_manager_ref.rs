//! `buildspec/malformed-secrets-manager-ref`: a `secrets-manager` value that is not
//! `secret-id:json-key:version-stage:version-id`.

use super::Index;
use crate::tree::NodeId;
use crate::{spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "malformed-secrets-manager-ref");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    let doc = ix.doc;
    let Some(m) = ix.env.and_then(|env| doc.get(env, "secrets-manager")) else {
        return;
    };
    for (_, _, v) in doc.pairs(m) {
        check_secret_ref(rep, ix, v);
    }
}

fn check_secret_ref(rep: &mut Reporter<'_>, ix: &Index<'_>, v: NodeId) {
    let doc = ix.doc;
    if doc.is_opaque(v) {
        return;
    }
    let Some(text) = doc.scalar(v) else {
        rep.report(
            RULE,
            doc.range(v),
            format!("a `secrets-manager` value must be a string `secret-id:json-key:version-stage:version-id`, found {}", doc.type_name(v)),
        );
        return;
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (id, rest): (String, &[&str]) = if text.starts_with("arn:") {
        if parts.len() < 7
            || parts.get(2) != Some(&"secretsmanager")
            || parts.get(5) != Some(&"secret")
        {
            rep.report(
                RULE,
                doc.range(v),
                format!("`{text}` is not a Secrets Manager ARN (`arn:aws:secretsmanager:<region>:<account>:secret:<name>`)"),
            );
            return;
        }
        (parts[..7].join(":"), &parts[7..])
    } else {
        (
            parts.first().copied().unwrap_or("").to_owned(),
            parts.get(1..).unwrap_or(&[]),
        )
    };
    let msg = if id.is_empty() || id.ends_with(':') {
        Some("the secret id is empty".to_owned())
    } else if rest.len() > 3 {
        Some(format!("{} fields after the secret id; at most 3 (json-key, version-stage, version-id) are allowed", rest.len()))
    } else if rest.len() == 3 && !rest[1].is_empty() && !rest[2].is_empty() {
        Some("version-stage and version-id are mutually exclusive; set only one".to_owned())
    } else {
        None
    };
    if let Some(m) = msg {
        rep.report(
            RULE,
            doc.range(v),
            format!("malformed secrets-manager reference `{text}`: {m}"),
        );
    }
}
