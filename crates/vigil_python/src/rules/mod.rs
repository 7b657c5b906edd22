//! Rust-coded syntactic rules. One file per rule, one entry in [`ANALYSES`] and one dispatch arm in
//! [`visit`]: the tree is walked once and each node goes to the rules interested in its kind.

mod aws;
mod catch_and_reraise;
mod dict_get_none;
mod joinable_queue_task_done;
mod modify_while_iterating;
mod multiprocessing_deadlock;
mod mutable_default_arg;
mod naive_aware_datetime;
mod nested_list_replication;
mod process_without_main_guard;
mod semaphore_overflow;
mod socket_without_timeout;
mod stack_trace_exposure;
mod subprocess_timeout_leak;
mod syntax;
mod unpicklable_process_task;
mod unrestricted_file_upload;
mod unsafe_archive_extraction;
mod unsynchronized_shared_state;

use tree_sitter::Node;

use crate::PySemantics;

/// The registry: every Rust analysis of the Python front end (what rule files name in `analysis:`).
pub(crate) const ANALYSES: &[&str] = &vigil_query::concat_names::<
    { SYNTACTIC.len() + aws::ANALYSES.len() },
>(SYNTACTIC, aws::ANALYSES);

/// The rules dispatched by node kind in [`visit`].
const SYNTACTIC: &[&str] = &[
    mutable_default_arg::NAME,
    modify_while_iterating::NAME,
    catch_and_reraise::NAME,
    socket_without_timeout::NAME,
    unsafe_archive_extraction::NAME,
    subprocess_timeout_leak::NAME,
    unsynchronized_shared_state::NAME,
    stack_trace_exposure::NAME,
    unrestricted_file_upload::NAME,
    process_without_main_guard::NAME,
    unpicklable_process_task::NAME,
    semaphore_overflow::NAME,
    dict_get_none::NAME,
    multiprocessing_deadlock::NAME,
    joinable_queue_task_done::NAME,
    naive_aware_datetime::NAME,
    nested_list_replication::NAME,
];

/// What a rule sees while the tree is walked (the shared [`vigil_query::RuleChecker`]).
pub(crate) type Checker<'a, 't> = vigil_query::RuleChecker<'a, PySemantics<'t>>;

pub(crate) fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    match node.kind() {
        "module" => aws::check_module(cx, node),
        "function_definition" => {
            mutable_default_arg::check(cx, node);
            unsynchronized_shared_state::check(cx, node);
            semaphore_overflow::check(cx, node);
        }
        "for_statement" => modify_while_iterating::check(cx, node),
        "comparison_operator" => naive_aware_datetime::check(cx, node),
        "binary_operator" => {
            naive_aware_datetime::check(cx, node);
            nested_list_replication::check(cx, node);
        }
        "except_clause" => {
            catch_and_reraise::check(cx, node);
            subprocess_timeout_leak::check(cx, node);
        }
        "call" => {
            socket_without_timeout::check(cx, node);
            unsafe_archive_extraction::check(cx, node);
            stack_trace_exposure::check(cx, node);
            unrestricted_file_upload::check(cx, node);
            process_without_main_guard::check(cx, node);
            unpicklable_process_task::check(cx, node);
            dict_get_none::check(cx, node);
            multiprocessing_deadlock::check(cx, node);
            joinable_queue_task_done::check(cx, node);
        }
        _ => {}
    }
}
