//! One file per rule: `rules/<kind>/<rule>.rs` (the rule's name with `-` → `_`) declares the rule's
//! [`crate::SpecRule`] as `RULE` and a `run` function over the kind's shared per-document index
//! (`rules/<kind>/mod.rs`). The analyzer of a kind parses and indexes a document once, then runs only
//! the rules that are enabled. The parse rules every kind shares are in [`parse`].

pub mod appspec;
pub mod buildspec;
pub mod openapi;
pub mod parse;

/// Declare the rule modules of a kind and its registry `RULES` (in running order): each module
/// exposes `RULE` and `run(&mut Reporter, &Index)`.
macro_rules! rule_files {
    ($($m:ident),* $(,)?) => {
        $(mod $m;)*
        /// The rules of this kind (besides the parse rules), each with the function that runs it.
        pub(crate) const RULES: &[(crate::SpecRule, Run)] = &[$(($m::RULE, $m::run)),*];
    };
}
pub(crate) use rule_files;
