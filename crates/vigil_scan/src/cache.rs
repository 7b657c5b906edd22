//! The incremental cache (`.vigil_cache/` by default; `--no-cache`, `--cache-dir`).
//!
//! One file per run configuration, `<dir>/<key>.bin`, where the key hashes everything a result
//! depends on besides the files themselves: the vigil binary (so its version, rules and models),
//! the configuration, the rule selection, user rule files, the baseline, threat models, the root and
//! the shard (computed by the caller, [`CacheOptions::key`]). Inside, each file's entry is keyed by
//! its path and the hash of its content, and holds:
//!
//! - the hash of its summary for cross-file facts, when the analyzer can encode it
//!   ([`vigil_core::Analyzer::encode_summary`]);
//! - its finished result when no project fact can change it; or
//! - the raw output of its first pass, and its finished result together with the *facts key* it was
//!   computed under. The facts key of a file kind hashes the encoded summaries of all files of that
//!   kind (or, when an analyzer cannot encode summaries, the content hashes of all of them), so an
//!   edit that changes no summary re-analyzes only the edited file, and one that does re-checks the
//!   files that depend on the project facts.
//!
//! The encoded summaries themselves are in `<dir>/<key>.sums` ([`Cache::save_summaries`]), apart:
//! they are most of the bytes (60 MB on the whole OpenJDK), and a run needs them only to link the
//! facts again, which an unchanged tree or an edit that changes no summary does not. So a warm run
//! reads only the entries, and a run does not hold every summary's bytes until its end to write
//! them: they are written after the first pass, when one changed, and dropped as the link consumes
//! them. Each record carries its summary's hash, which the entry names: a record of another run or
//! a torn one is not used (the file is summarized again).
//!
//! Beside them, `<dir>/<key>.<kind>.facts` holds the last linked project facts of a file kind, with
//! the facts key they were linked under and a checksum ([`Cache::save_facts`]): an edited file that
//! needs the facts, when no summary changed, gets them decoded instead of linked again.
//!
//! So an unchanged file costs a read and a hash. The cache is written atomically (a temporary file
//! renamed over the old one), so concurrent runs never see a torn file (the last writer wins); a
//! cache file that cannot be read or decoded is ignored and rebuilt.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use vigil_core::{Finding, Notification};

/// Where the cache lives and the key of this run's configuration.
#[derive(Debug, Clone)]
pub struct CacheOptions {
    /// The cache folder (created with a `.gitignore` of `*`).
    pub dir: PathBuf,
    /// Hash of everything results depend on besides the files' contents.
    pub key: u64,
}

/// Version of the on-disk layout (part of every key). 2: summaries as CBOR byte strings (they were
/// arrays of integers: a third bigger, and decoded one integer at a time). 3: [`Waiting::clean_under`].
/// 4: summaries encoded with postcard. 5: the facts' checksum follows them. 6: the summaries in a
/// file of their own. 7: summaries with keyed returns. 8: Java summaries record `asks_arg_type`.
const FORMAT: u64 = 9;

/// How many configurations' cache files are kept (the newest).
const KEEP: usize = 4;

/// A finished file result, as cached.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Done {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Finding>,
    pub baselined: Vec<Finding>,
    pub comment_suppressed: usize,
    pub notifications: Vec<Notification>,
}

/// The first-pass state of a file whose result depends on the project facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Waiting {
    /// [`vigil_core::analyzer::SecondPass::Full`] (else `IfNeeded`).
    pub full: bool,
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// The finished result and the facts key it was computed under.
    pub last: Option<(u64, Done)>,
    /// A facts key under which the project facts changed nothing for this file's path (no
    /// cross-file analysis had to run again). That depends only on the facts and the path, and the
    /// facts key hashes every summary of the kind, this file's included: so when the file is edited
    /// without changing its summary (the facts key is the same), its result is its first pass, and
    /// the summaries need not be linked at all.
    pub clean_under: Option<u64>,
}

/// A file's summary, as cached.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) enum SummaryState {
    /// The file has no summary.
    #[default]
    None,
    /// The summary, encoded by its analyzer: the hash of the bytes, which are kept in the
    /// summaries file.
    Stored(u64),
    /// The file has a summary its analyzer cannot encode.
    Opaque,
}

/// What is known of one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Hash of the file's text.
    pub hash: u128,
    pub summary: SummaryState,
    pub done: Option<Done>,
    pub waiting: Option<Waiting>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    key: u64,
    entries: HashMap<String, Entry>,
}

/// The entries of the previous run of the same configuration, and the ones of this run.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    opts: Option<CacheOptions>,
    old: HashMap<String, Entry>,
}

/// Hash of a file's text.
pub(crate) fn text_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// A 64-bit hash of bytes (facts keys, configuration keys).
#[must_use]
pub fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl Cache {
    /// The cache of `opts` (empty when `None`, or when there is no readable cache file yet).
    pub(crate) fn load(opts: Option<&CacheOptions>) -> Self {
        let Some(opts) = opts else {
            return Self::default();
        };
        let key = opts.key ^ FORMAT.rotate_left(17);
        // Decoded as it is read: the file (100 MB for the whole OpenJDK) is never in memory at once.
        let old = std::fs::File::open(file_of(&opts.dir, key))
            .ok()
            .and_then(|f| {
                ciborium::from_reader::<Stored, _>(std::io::BufReader::with_capacity(1 << 16, f))
                    .ok()
            })
            .filter(|s| s.key == key)
            .map(|s| s.entries)
            .unwrap_or_default();
        Self {
            opts: Some(CacheOptions {
                dir: opts.dir.clone(),
                key,
            }),
            old,
        }
    }

    /// Whether the cache is on.
    pub(crate) fn enabled(&self) -> bool {
        self.opts.is_some()
    }

    /// The entry of `path` from the previous run, if its text hash is `hash`.
    pub(crate) fn get(&self, path: &str, hash: u128) -> Option<&Entry> {
        self.old.get(path).filter(|e| e.hash == hash)
    }

    /// The summary of the previous run's entry of `path`, whatever its text was.
    pub(crate) fn old_summary(&self, path: &str) -> Option<&SummaryState> {
        self.old.get(path).map(|e| &e.summary)
    }

    /// [`Waiting::clean_under`] of the previous run's entry of `path`, whatever its text was.
    pub(crate) fn clean_under(&self, path: &str) -> Option<u64> {
        self.old.get(path)?.waiting.as_ref()?.clean_under
    }

    /// The stored summaries of the paths of `wanted` whose bytes hash to the hash given there
    /// (what their entries name): records of another version of the file, torn or missing ones
    /// are left out (the caller summarizes those files again).
    pub(crate) fn load_summaries(&self, wanted: &HashMap<&str, u64>) -> HashMap<String, Vec<u8>> {
        let mut out = HashMap::new();
        let Some(opts) = &self.opts else {
            return out;
        };
        let Ok(f) = std::fs::File::open(sums_file_of(&opts.dir, opts.key)) else {
            return out;
        };
        let size = f.metadata().map_or(0, |m| m.len());
        let mut r = std::io::BufReader::with_capacity(1 << 16, f);
        // Records: path length (u32), path, summary hash (u64), length (u32), bytes. A length
        // beyond the file is a torn file: stop there.
        let read_len = |r: &mut std::io::BufReader<std::fs::File>| -> Option<usize> {
            let mut b = [0u8; 4];
            std::io::Read::read_exact(r, &mut b).ok()?;
            let n = u32::from_le_bytes(b);
            (u64::from(n) <= size)
                .then(|| usize::try_from(n).ok())
                .flatten()
        };
        while let Some(n) = read_len(&mut r) {
            let mut path = vec![0u8; n];
            let mut h = [0u8; 8];
            if std::io::Read::read_exact(&mut r, &mut path).is_err()
                || std::io::Read::read_exact(&mut r, &mut h).is_err()
            {
                break;
            }
            let Some(n) = read_len(&mut r) else { break };
            let mut bytes = vec![0u8; n];
            if std::io::Read::read_exact(&mut r, &mut bytes).is_err() {
                break;
            }
            let Ok(path) = String::from_utf8(path) else {
                continue;
            };
            let h = u64::from_le_bytes(h);
            if wanted.get(path.as_str()) == Some(&h) && hash64(&bytes) == h {
                out.insert(path, bytes);
            }
        }
        out
    }

    /// Store this run's encoded summaries (path, hash, bytes), atomically, replacing the previous
    /// ones of this configuration.
    pub(crate) fn save_summaries<'s>(
        &self,
        items: impl Iterator<Item = (&'s str, u64, &'s [u8])>,
    ) -> Result<(), String> {
        let Some(opts) = &self.opts else {
            return Ok(());
        };
        let len = |n: usize| {
            u32::try_from(n)
                .map(u32::to_le_bytes)
                .map_err(|_| std::io::Error::other("a summary of 4 GB or more"))
        };
        write_atomically(
            &opts.dir,
            opts.key,
            &sums_file_of(&opts.dir, opts.key),
            |w| {
                for (path, h, bytes) in items {
                    w.write_all(&len(path.len())?)?;
                    w.write_all(path.as_bytes())?;
                    w.write_all(&h.to_le_bytes())?;
                    w.write_all(&len(bytes.len())?)?;
                    w.write_all(bytes)?;
                }
                Ok(true)
            },
        )
    }

    /// The linked facts of the file kind `kind` computed under `facts_key` by a previous run of
    /// this configuration, if they are stored, whole (checksum) and of that key.
    pub(crate) fn load_facts(&self, kind: &str, facts_key: u64) -> Option<Vec<u8>> {
        let opts = self.opts.as_ref()?;
        // The facts key, the payload, then the payload's checksum.
        let mut bytes = std::fs::read(facts_file_of(&opts.dir, opts.key, kind)).ok()?;
        let key: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
        let sum: [u8; 8] = bytes.get(bytes.len().checked_sub(8)?..)?.try_into().ok()?;
        let payload = bytes.get(8..bytes.len() - 8)?;
        if u64::from_le_bytes(key) != facts_key || u64::from_le_bytes(sum) != hash64(payload) {
            return None;
        }
        bytes.truncate(bytes.len() - 8);
        bytes.drain(..8);
        Some(bytes)
    }

    /// Store the linked facts of `kind` under `facts_key` (atomically, replacing the previous
    /// ones of this configuration), as `encode` writes them (`Ok(false)`: not encodable, nothing
    /// stored).
    pub(crate) fn save_facts(
        &self,
        kind: &str,
        facts_key: u64,
        encode: impl FnOnce(&mut dyn Write) -> std::io::Result<bool>,
    ) -> Result<(), String> {
        let Some(opts) = &self.opts else {
            return Ok(());
        };
        // Encoded as they are written (tens of MB on the JDK: no copy of them in memory), so the
        // checksum follows the payload.
        write_atomically(
            &opts.dir,
            opts.key,
            &facts_file_of(&opts.dir, opts.key, kind),
            |w| {
                w.write_all(&facts_key.to_le_bytes())?;
                let mut hashing = Hashing {
                    inner: w,
                    hasher: xxhash_rust::xxh3::Xxh3::new(),
                };
                if !encode(&mut hashing)? {
                    return Ok(false);
                }
                let sum = hashing.hasher.digest();
                w.write_all(&sum.to_le_bytes())?;
                Ok(true)
            },
        )
    }

    /// Write this run's entries (atomically); failures are returned as a notice text (a cache that
    /// cannot be written only costs speed).
    pub(crate) fn save(&self, entries: HashMap<String, Entry>) -> Result<(), String> {
        let Some(opts) = &self.opts else {
            return Ok(());
        };
        let target = file_of(&opts.dir, opts.key);
        if entries == self.old {
            // Nothing changed (the usual re-run): keep the file, only mark it used, so that
            // `prune` keeps it among the newest (re-encoding and writing it was most of a warm run).
            if let Ok(f) = std::fs::File::options().append(true).open(&target) {
                let _ = f.set_modified(std::time::SystemTime::now());
                return Ok(());
            }
        }
        let stored = Stored {
            key: opts.key,
            entries,
        };
        // CBOR: self-describing, so the findings' optional fields round-trip. Encoded as it is
        // written: the file (70 MB for the whole OpenJDK) is never in memory at once, next to the
        // entries it encodes.
        write_atomically(&opts.dir, opts.key, &target, |w| {
            ciborium::into_writer(&stored, w)
                .map(|()| true)
                .map_err(|e| match e {
                    ciborium::ser::Error::Io(e) => e,
                    ciborium::ser::Error::Value(m) => std::io::Error::other(m),
                })
        })?;
        prune(&opts.dir, &target);
        Ok(())
    }
}

/// A writer that hashes what it writes.
struct Hashing<'w, W: Write> {
    inner: &'w mut W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or(buf));
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Write what `write` writes to `target` in the cache folder `dir` (created, with its
/// `.gitignore`): to a temporary file renamed over the target, so that concurrent runs never see a
/// torn file. When `write` returns `Ok(false)` (nothing to store), the target is left alone.
fn write_atomically(
    dir: &Path,
    key: u64,
    target: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<bool>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# Created by vigil: the incremental cache.\n*\n");
    }
    let tmp = dir.join(format!(
        ".{key:016x}.{}.{:?}.tmp",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::File::create(&tmp)
        .and_then(|f| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            let wrote = write(&mut w)?;
            w.into_inner().map_err(|e| e.into_error())?;
            Ok(wrote)
        })
        .and_then(|wrote| {
            if wrote {
                std::fs::rename(&tmp, target)
            } else {
                std::fs::remove_file(&tmp)
            }
        })
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}", target.display())
        })
}

fn file_of(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("{key:016x}.bin"))
}

/// The encoded summaries of the configuration `key`.
fn sums_file_of(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("{key:016x}.sums"))
}

/// The linked facts of one file kind, for the configuration `key`.
fn facts_file_of(dir: &Path, key: u64, kind: &str) -> PathBuf {
    dir.join(format!("{key:016x}.{kind}.facts"))
}

/// Keep the [`KEEP`] newest cache files (other configurations), remove the rest.
fn prune(dir: &Path, current: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin") && p != current)
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut removed: Vec<String> = Vec::new();
    for (_, p) in files.into_iter().skip(KEEP - 1) {
        if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
            removed.push(format!("{stem}."));
        }
        let _ = std::fs::remove_file(p);
    }
    // The summaries and facts files of the configurations removed.
    if removed.is_empty() {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.filter_map(Result::ok).map(|e| e.path()) {
        let is_facts = p.extension().is_some_and(|x| x == "facts" || x == "sums");
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if is_facts && removed.iter().any(|r| name.starts_with(r.as_str())) {
            let _ = std::fs::remove_file(&p);
        }
    }
}
