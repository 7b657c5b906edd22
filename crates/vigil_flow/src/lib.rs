//! The language-neutral dataflow layer of vigil.
//!
//! - [`ir`]: functions of basic blocks (assignments, calls, field/array loads and stores, returns,
//!   throws, branches), every node with its byte span. Front ends lower their trees into it.
//! - [`cfg`]: successors/predecessors, reverse post-order, and the generic worklist [`cfg::solve`]r.
//! - [`constprop`]: constant propagation with condition folding (dead branches drop out).
//! - [`model`]: library models as data (sources, propagators, sanitizers, sinks, guards, containers).
//! - [`cookie`]: cookie-flag typestate (`Secure`/`HttpOnly` before `addCookie`).
//! - [`obligation`]: resources acquired in a function and released on every path (leaks, locks,
//!   executors), with models of `rules/<lang>/models/resources.yaml`.
//! - [`leak_report`]: the leak rules' file driver (summary rounds) and findings, for every front end.
//! - [`taint`]: the taint engine, a client of the solver, with per-function summaries.

pub mod cfg;
pub mod constprop;
pub mod cookie;
pub mod ir;
pub mod leak_report;
pub mod model;
pub mod obligation;
pub mod taint;

pub use model::Models;

/// Serialize a hash map with its keys in order, so that equal maps encode to equal bytes (the
/// incremental cache compares summaries by their encoding): `#[serde(serialize_with = ...)]`.
///
/// # Errors
/// The serializer's.
pub fn ordered_map<K, V, S>(
    map: &std::collections::HashMap<K, V>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    K: serde::Serialize + Ord,
    V: serde::Serialize,
    S: serde::Serializer,
{
    let ordered: std::collections::BTreeMap<&K, &V> = map.iter().collect();
    serde::Serialize::serialize(&ordered, serializer)
}

/// Shares equal strings among the summaries a link keeps: each summary is decoded into its own
/// allocations, while the files of a project name the same classes, methods and types again and
/// again (on the whole OpenJDK, most of the linked facts' strings are repeats).
#[derive(Debug, Default)]
pub struct Interner(foldhash::HashSet<std::sync::Arc<str>>);

impl Interner {
    /// Replace `s` by the shared copy of its text (the first one seen becomes the shared copy).
    pub fn intern(&mut self, s: &mut std::sync::Arc<str>) {
        match self.0.get(&**s) {
            Some(shared) => *s = std::sync::Arc::clone(shared),
            None => {
                self.0.insert(std::sync::Arc::clone(s));
            }
        }
    }

    /// [`Interner::intern`] on each string.
    pub fn intern_all<'a>(
        &mut self,
        strings: impl IntoIterator<Item = &'a mut std::sync::Arc<str>>,
    ) {
        for s in strings {
            self.intern(s);
        }
    }
}

/// Encode a summary for the incremental cache and for holding between the passes: postcard, a
/// compact positional format (no field names, variable-length integers). A summary is about a
/// third of the size of the same summary in CBOR (the whole OpenJDK: 101 MB of CBOR), and it is
/// decoded several times faster. Summaries must serialize every field (no
/// `skip_serializing_if`): the format is not self-describing.
#[must_use]
pub fn encode_summary<T: serde::Serialize>(summary: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(summary).ok()
}

/// [`encode_summary`] written to `out` as it is encoded.
///
/// # Errors
/// Writing fails, or `value` does not serialize.
pub fn encode_to<T: serde::Serialize>(
    value: &T,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    postcard::to_io(value, out)
        .map(drop)
        .map_err(std::io::Error::other)
}

/// Decode a summary written by [`encode_summary`] (`None`: not a summary of this type; the
/// cache's format version changes with the encoding).
#[must_use]
pub fn decode_summary<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

/// The cache codec of a [`vigil_core::FileAnalyzer`] whose summary and facts types are
/// serializable: [`encode_summary`]/[`decode_summary`] for both. Use inside the `impl`.
#[macro_export]
macro_rules! postcard_codec {
    ($summary:ty, $facts:ty) => {
        fn encode_summary(&self, summary: &$summary) -> Option<Vec<u8>> {
            $crate::encode_summary(summary)
        }

        fn decode_summary(&self, bytes: &[u8]) -> Option<$summary> {
            $crate::decode_summary(bytes)
        }

        fn encode_facts(
            &self,
            facts: &$facts,
            out: &mut dyn std::io::Write,
        ) -> std::io::Result<bool> {
            $crate::encode_to(facts, out).map(|()| true)
        }

        fn decode_facts(&self, bytes: &[u8]) -> Option<$facts> {
            $crate::decode_summary(bytes)
        }
    };
}
