//! `buildspec/tls-verification-disabled`: a command that turns off TLS certificate verification.

use std::sync::OnceLock;

use regex::Regex;

use super::{first_line, shell_segments, Index};
use crate::{re, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "tls-verification-disabled");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    static TLS: OnceLock<Regex> = OnceLock::new();
    let tls = re(
        &TLS,
        r#"(?i)(\bwget\b[^\n;|]*--no-check-certificate|\b(npm|yarn|pnpm)\s+config\s+set\s+strict-ssl\s+false|\bpip[0-9.]*\b[^\n;|]*--trusted-host|\bgit\b[^\n;|]*http\.sslverify[= ]\s*false|NODE_TLS_REJECT_UNAUTHORIZED=["']?0|GIT_SSL_NO_VERIFY=["']?(1|true)|\baws\b[^\n;|]*--no-verify-ssl|PYTHONHTTPSVERIFY=["']?0)"#,
    );
    let doc = ix.doc;
    for &c in &ix.commands {
        let Some(t) = doc.str(c) else { continue };
        if curl_insecure(t) || tls.is_match(t) {
            rep.report(
                RULE,
                doc.range(c),
                format!("`{}` disables TLS certificate verification, so a network attacker can swap what is downloaded", first_line(t)),
            );
        }
    }
}

fn curl_insecure(t: &str) -> bool {
    shell_segments(t).any(|toks| {
        let Some(pos) = toks
            .iter()
            .position(|w| *w == "curl" || w.ends_with("/curl"))
        else {
            return false;
        };
        toks.iter().skip(pos + 1).any(|w| {
            *w == "--insecure"
                || (w.starts_with('-')
                    && !w.starts_with("--")
                    && w.len() > 1
                    && w[1..].chars().all(|c| c.is_ascii_alphabetic())
                    && w.contains('k'))
        })
    })
}
