//! The scanner: discovery, classification and the parallel two-phase driver.
//!
//! ```text
//! paths ─► discover ─► read (parallel) ─► phase 1: summarize (parallel) ─► link ─► phase 2: check
//!          (ignore,     (size, binary,      per analyzer that has it               (parallel, this shard)
//!           excludes)    UTF-8, OpenAPI                                              │
//!                        sniffing)                                                   ▼
//!   ScanReport ◄─ sort ◄─ baseline ◄─ suppression comments ◄─ fingerprints ◄─ severity / rule filter
//! ```
//!
//! Entry point: [`scan`] with the analyzers (one per [`vigil_core::FileKind`]), the compiled
//! [`Settings`] and the [`ScanOptions`]. Every call into an analyzer is wrapped in `catch_unwind`: a
//! panic becomes a `panic` notification naming the file, and the scan goes on. The output is sorted and
//! identical whatever the number of threads.

pub mod cache;
pub mod classify;
pub mod discover;
mod driver;
mod panic;
pub mod settings;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

pub use cache::CacheOptions;
pub use driver::{scan, ParseStats, ScanResult};
pub use settings::{CliSettings, FileRules, Selector, Settings, SettingsError};

/// A fatal scan error (per-file problems are notifications instead).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{}: no such file or directory", .0.display())]
    PathNotFound(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start {0} worker threads: {1}")]
    ThreadPool(usize, String),
}

/// `--shard K/N`: the K-th (1-based) of N deterministic slices of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub total: u32,
}

impl Shard {
    /// Whether the file at `rel_path` belongs to this shard (FNV-1a hash of the relative path).
    #[must_use]
    pub fn contains(&self, rel_path: &str) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in rel_path.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % u64::from(self.total.max(1)) == u64::from(self.index.saturating_sub(1))
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid shard `{s}` (expected K/N with 1 <= K <= N, e.g. 2/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let total: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || total == 0 || index > total {
            return Err(bad());
        }
        Ok(Self { index, total })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.total)
    }
}

/// What to scan and how.
#[derive(Clone, Default)]
pub struct ScanOptions {
    /// Files and directories to scan (relative to the current directory, or absolute).
    pub paths: Vec<PathBuf>,
    /// Scan root (finding paths are relative to it). Default: see [`discover::resolve_root`].
    pub root: Option<PathBuf>,
    /// Worker threads (default: one per core).
    pub jobs: Option<usize>,
    pub shard: Option<Shard>,
    /// Findings whose fingerprint is in the baseline are moved to `suppressed`.
    pub baseline: Option<Arc<vigil_core::baseline::Baseline>>,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal and the scan is long).
    pub progress: bool,
    /// Only read and parse each file and visit its tree (the floor the analyses are measured
    /// against); no rule runs. The figures are in [`driver::ScanResult::parse_stats`].
    pub parse_only: bool,
    /// The incremental cache (`None`: off).
    pub cache: Option<cache::CacheOptions>,
}

impl fmt::Debug for ScanOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScanOptions")
            .field("paths", &self.paths)
            .field("root", &self.root)
            .field("jobs", &self.jobs)
            .field("shard", &self.shard)
            .field("baseline", &self.baseline.as_ref().map(|b| b.len()))
            .field("progress", &self.progress)
            .field("parse_only", &self.parse_only)
            .field("cache", &self.cache)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_files() {
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for i in 0..200 {
            let p = format!("src/f{i}.java");
            assert_eq!(shards.iter().filter(|s| s.contains(&p)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert_eq!("2/5".parse::<Shard>().unwrap().to_string(), "2/5");
    }
}
