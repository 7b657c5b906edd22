//! `buildspec/plaintext-secret`: a credential written into `env.variables`.

use std::sync::OnceLock;

use regex::Regex;

use super::Index;
use crate::tree::Kind;
use crate::{re, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "plaintext-secret");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    static NAME: OnceLock<Regex> = OnceLock::new();
    static NOT_SECRET: OnceLock<Regex> = OnceLock::new();
    let name_re = re(
        &NAME,
        r"(?i)(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)",
    );
    let not_secret = re(
        &NOT_SECRET,
        r"(?i)(_|-)(id|arn|name|path|file|url|uri|endpoint|region|param|parameter|length|ttl|expiry|header|type|enabled)$",
    );
    let doc = ix.doc;
    for vars in ix.variable_maps() {
        for (name, _, v) in doc.pairs(vars) {
            let Some(value) = doc.scalar(v) else { continue };
            if doc.is_opaque(v) || value.is_empty() {
                continue;
            }
            let looks_secret_value = credential_pattern(value);
            let named_secret = name_re.is_match(name)
                && !not_secret.is_match(name)
                && matches!(doc.kind(v), Some(Kind::Str))
                && !is_placeholder(value);
            if looks_secret_value || named_secret {
                rep.report(
                    RULE,
                    doc.range(v),
                    format!("`env.variables.{name}` holds a credential in plain text; store it in `parameter-store` or `secrets-manager` instead"),
                );
            }
        }
    }
}


fn credential_pattern(v: &str) -> bool {
    static CRED: OnceLock<Regex> = OnceLock::new();
    crate::re(
        &CRED,
        r"(AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{30,}|xox[bpas]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|glpat-[A-Za-z0-9_-]{20})",
    )
    .is_match(v)
}

fn is_placeholder(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.starts_with('$')
        || v.starts_with('/')
        || l.starts_with("arn:")
        || (v.starts_with('<') && v.ends_with('>'))
        || matches!(
            l.as_str(),
            "changeme"
                | "change-me"
                | "dummy"
                | "xxx"
                | "none"
                | "null"
                | "todo"
                | "example"
                | "placeholder"
                | "true"
                | "false"
                | "yes"
                | "no"
        )
        || l.chars().all(|c| c == 'x' || c == '*')
}
