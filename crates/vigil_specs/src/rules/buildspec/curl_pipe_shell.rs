//! `buildspec/curl-pipe-shell`: a command that pipes a download into a shell or interpreter.

use std::sync::OnceLock;

use regex::Regex;

use super::{first_line, Index};
use crate::{re, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Buildspec, "curl-pipe-shell");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    static PIPE: OnceLock<Regex> = OnceLock::new();
    static SUBST: OnceLock<Regex> = OnceLock::new();
    let pipe = re(
        &PIPE,
        r"\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?((ba|z|k|da)?sh|python[0-9.]*|node|perl|ruby)\b",
    );
    let subst = re(
        &SUBST,
        r#"\b((ba|z)?sh|source|\.)\s+<\(\s*(curl|wget)\b|\b(ba|z)?sh\s+-c\s+["']?\$\(\s*(curl|wget)\b"#,
    );
    let doc = ix.doc;
    for &c in &ix.commands {
        let Some(t) = doc.str(c) else { continue };
        if pipe.is_match(t) || subst.is_match(t) {
            rep.report(
                RULE,
                doc.range(c),
                format!("`{}` runs a downloaded script without verifying it; download it, check its checksum or signature, then run it", first_line(t)),
            );
        }
    }
}
