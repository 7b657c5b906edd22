//! Fingerprints that survive unrelated edits.
//!
//! - [`assign`] sets vigil's own fingerprint (`vigil/v1`): rule id + path + the flagged line with all
//!   white space removed + the occurrence index of that (rule, line) pair in the file. Inserting or
//!   deleting lines elsewhere does not change it; editing the flagged line does.
//! - [`line_hashes`] computes GitHub's `primaryLocationLineHash` for every line of a file, exactly as
//!   `github/codeql-action` (`src/fingerprints.ts`) does.

use std::collections::HashMap;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::source::SourceFile;

/// Set `fingerprint` and `line_hash` on the findings of one file. `findings` must be sorted.
///
/// The cost is linear in the file plus the distinct flagged lines, not findings × line length: each
/// flagged line is normalized once, and the hash state of each (rule, line) pair is computed once
/// and cloned for its occurrences (minified JSON is one line that every finding of the file shares).
pub fn assign(file: &SourceFile, findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let hashes = line_hash_values(&file.text);
    // Normalized text of each flagged line, interned: line -> id, text -> id.
    let mut line_norm: HashMap<usize, usize> = HashMap::new();
    let mut norm_ids: HashMap<String, usize> = HashMap::new();
    let mut norms: Vec<String> = Vec::new();
    let mut states: HashMap<(Arc<str>, usize), Sha256> = HashMap::new();
    let mut seen: HashMap<(Arc<str>, usize), u32> = HashMap::new();
    for f in findings.iter_mut() {
        let line0 = f.location.start.line.saturating_sub(1) as usize;
        let norm = *line_norm.entry(line0).or_insert_with(|| {
            let normalized: String = file
                .lines
                .line_text(&file.text, line0)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let next = norms.len();
            *norm_ids.entry(normalized).or_insert_with_key(|k| {
                norms.push(k.clone());
                next
            })
        });
        let n = seen.entry((f.rule_id.clone(), norm)).or_insert(0);
        *n += 1;
        let mut h = states
            .entry((f.rule_id.clone(), norm))
            .or_insert_with(|| {
                let mut h = Sha256::new();
                h.update(f.rule_id.as_bytes());
                h.update([0]);
                h.update(f.location.path.as_bytes());
                h.update([0]);
                h.update(norms.get(norm).map_or(&[][..], |s| s.as_bytes()));
                h.update([0]);
                h
            })
            .clone();
        h.update(n.to_string().as_bytes());
        f.fingerprint = hex::encode(&h.finalize()[..8]);
        f.line_hash = match hashes.get(line0) {
            Some(&(hash, n)) if n > 0 => format!("{hash:x}:{n}"),
            _ => String::new(),
        };
    }
}

const BLOCK: usize = 100;
const MOD_MUL: u64 = 37;
const EOF_CHAR: u64 = 65535;

/// GitHub's `primaryLocationLineHash` for every line (index 0 = line 1) of `text`.
#[must_use]
pub fn line_hashes(text: &str) -> Vec<String> {
    line_hash_values(text)
        .into_iter()
        .map(|(hash, n)| {
            if n == 0 {
                String::new()
            } else {
                format!("{hash:x}:{n}")
            }
        })
        .collect()
}

/// The (hash, occurrence) pairs behind [`line_hashes`]; occurrence 0 marks a line never hashed.
fn line_hash_values(text: &str) -> Vec<(u64, u32)> {
    // 37^BLOCK mod 2^64, the weight of the code unit leaving the window.
    let mut first_mod = 1u64;
    for _ in 0..BLOCK {
        first_mod = first_mod.wrapping_mul(MOD_MUL);
    }
    let mut window = [0u64; BLOCK];
    let mut index = 0usize;
    let mut hash = 0u64;
    let mut line_numbers = [-1i64; BLOCK];
    let mut hash_counts: HashMap<u64, u32> = HashMap::new();
    let mut out: Vec<(u64, u32)> = Vec::new();
    let mut set = |line: i64, hash: u64, out: &mut Vec<(u64, u32)>| {
        let n = hash_counts.entry(hash).or_insert(0);
        *n += 1;
        let line = usize::try_from(line).unwrap_or(0);
        if out.len() < line {
            out.resize(line, (0, 0));
        }
        if let Some(slot) = out.get_mut(line.saturating_sub(1)) {
            *slot = (hash, *n);
        }
    };
    let mut update = |c: u64,
                      hash: &mut u64,
                      index: &mut usize,
                      window: &mut [u64; BLOCK],
                      line_numbers: &mut [i64; BLOCK],
                      out: &mut Vec<(u64, u32)>,
                      line: i64,
                      new_line: bool| {
        let begin = window[*index];
        *hash = hash
            .wrapping_mul(MOD_MUL)
            .wrapping_add(c)
            .wrapping_sub(first_mod.wrapping_mul(begin));
        window[*index] = c;
        line_numbers[*index] = if new_line { line } else { -1 };
        *index = (*index + 1) % BLOCK;
        if line_numbers[*index] != -1 {
            set(line_numbers[*index], *hash, out);
            line_numbers[*index] = -1;
        }
    };
    let mut line_number = 1i64;
    let mut at_line_start = true;
    let mut prev_cr = false;
    for unit in text.encode_utf16() {
        let mut c = u64::from(unit);
        if c == u64::from(b' ') || c == u64::from(b'\t') {
            continue;
        }
        if c == u64::from(b'\n') && prev_cr {
            prev_cr = false;
            continue;
        }
        prev_cr = c == u64::from(b'\r');
        if prev_cr {
            c = u64::from(b'\n');
        }
        let new_line = at_line_start;
        at_line_start = false;
        update(
            c,
            &mut hash,
            &mut index,
            &mut window,
            &mut line_numbers,
            &mut out,
            line_number,
            new_line,
        );
        if c == u64::from(b'\n') {
            line_number += 1;
            at_line_start = true;
        }
    }
    // The EOF marker, then zeros until every pending line is hashed.
    let new_line = at_line_start;
    update(
        EOF_CHAR,
        &mut hash,
        &mut index,
        &mut window,
        &mut line_numbers,
        &mut out,
        line_number,
        new_line,
    );
    for _ in 0..BLOCK {
        update(
            0,
            &mut hash,
            &mut index,
            &mut window,
            &mut line_numbers,
            &mut out,
            line_number,
            false,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::line_hashes;

    // Test vectors from github/codeql-action src/fingerprints.test.ts.
    #[test]
    fn matches_codeql_action_vectors() {
        let h = line_hashes(" a\nb\n  \t\tc\n d");
        assert_eq!(
            h,
            vec![
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1"
            ]
        );
        let lorem = "Lorem ipsum dolor sit amet.\n".repeat(10);
        let h = line_hashes(&lorem);
        assert_eq!(h[0], "a7f2ff13bc495cf2:1");
        assert_eq!(h[5], "a7f2ff13bc495cf2:6");
        assert_eq!(h[6], "a7f2ff1481e87703:1");
        assert_eq!(line_hashes(&lorem.replace('\n', "\r\n")), h);
        assert_eq!(line_hashes(&lorem.replace('\n', "\r")), h);
    }

    #[test]
    fn empty_file() {
        assert_eq!(line_hashes(""), vec!["c129715d7a2bc9a3:1"]);
    }
}
