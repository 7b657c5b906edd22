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
