//! Rust-coded syntactic rules. One file per rule, one entry in [`ANALYSES`] and one dispatch arm in
//! [`visit`]: the tree is walked once and each node goes to the rules interested in its kind.

mod atomicity_violation;
mod aws;
mod bigdecimal_double;
mod blocking_under_lock;
mod boxed_equality;
mod check_then_act_map;
mod collection_modified_in_loop;
mod double_checked_locking;
mod equals_hashcode;
mod format_string_mismatch;
mod ignored_check_result;
mod ignored_immutable_result;
mod inconsistent_sync;
mod infinite_loop;
mod int_division_to_floating;
mod int_overflow_widening;
mod interrupted_swallowed;
mod invocation_target_cause;
mod keyset_get;
mod lock_order_inversion;
mod non_thread_safe_static;
mod null_dereference;
mod null_dereference_of_source;
mod return_in_finally;
mod sort_for_min_max;
mod stream_find_present;
mod string_reference_equality;
mod substring_unchecked_index;
mod sync_on_mutable_field;
mod thread_run_direct_call;
mod thread_unsafe_shared;
pub(crate) mod util;
mod wait_not_in_loop;
mod weak_key_size;
mod xxe;

use tree_sitter::Node;

use crate::JavaSemantics;

/// The registry: every Rust analysis of the Java front end (what rule files name in `analysis:`).
pub(crate) const ANALYSES: &[&str] =
    &vigil_query::concat_names::<{ LOCAL.len() + aws::ANALYSES.len() }>(LOCAL, aws::ANALYSES);

/// The analyses of this directory's own files (the AWS rules keep their list in `aws/`).
const LOCAL: &[&str] = &[
    atomicity_violation::NAME,
    bigdecimal_double::NAME,
    boxed_equality::NAME,
    inconsistent_sync::NAME,
    int_division_to_floating::NAME,
    blocking_under_lock::NAME,
    check_then_act_map::NAME,
    collection_modified_in_loop::NAME,
    double_checked_locking::NAME,
    equals_hashcode::NAME,
    format_string_mismatch::NAME,
    ignored_immutable_result::NAME,
    ignored_check_result::NAME,
    infinite_loop::NAME,
    int_overflow_widening::NAME,
    interrupted_swallowed::NAME,
    invocation_target_cause::NAME,
    keyset_get::NAME,
    lock_order_inversion::NAME,
    non_thread_safe_static::NAME,
    null_dereference::NAME,
    sort_for_min_max::NAME,
    stream_find_present::NAME,
    substring_unchecked_index::NAME,
    sync_on_mutable_field::NAME,
    null_dereference_of_source::NAME,
    return_in_finally::NAME,
    string_reference_equality::NAME,
    string_reference_equality::NAME_IDENTITY,
    thread_run_direct_call::NAME,
    thread_unsafe_shared::NAME,
    wait_not_in_loop::NAME,
    weak_key_size::NAME,
    xxe::NAME,
];

/// What a rule sees while the tree is walked (the shared [`vigil_query::RuleChecker`]).
pub(crate) type Checker<'a, 't> = vigil_query::RuleChecker<'a, JavaSemantics<'t>>;

pub(crate) fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    match node.kind() {
        "binary_expression" => {
            string_reference_equality::check(cx, node);
            null_dereference::check_binary(cx, node);
            int_overflow_widening::check(cx, node);
            stream_find_present::check_count(cx, node);
            boxed_equality::check(cx, node);
            int_division_to_floating::check(cx, node);
        }
        "finally_clause" => return_in_finally::check(cx, node),
        "expression_statement" => {
            ignored_immutable_result::check(cx, node);
            ignored_check_result::check(cx, node);
            sort_for_min_max::check_sort(cx, node);
        }
        "method_invocation" => {
            wait_not_in_loop::check(cx, node);
            thread_run_direct_call::check(cx, node);
            xxe::check_chain(cx, node);
            weak_key_size::check_initialize(cx, node);
            check_then_act_map::check_put(cx, node);
            atomicity_violation::check_set(cx, node);
            blocking_under_lock::check(cx, node);
            format_string_mismatch::check(cx, node);
            substring_unchecked_index::check(cx, node);
            null_dereference::check_nullable_return(cx, node);
            sort_for_min_max::check_stream(cx, node);
            stream_find_present::check_call(cx, node);
            null_dereference_of_source::check(cx, node);
            thread_unsafe_shared::check_parallel(cx, node);
        }
        "variable_declarator" => xxe::check_declarator(cx, node),
        "object_creation_expression" => {
            weak_key_size::check_spec(cx, node);
            bigdecimal_double::check(cx, node);
        }
        "if_statement" => {
            check_then_act_map::check_if(cx, node);
            double_checked_locking::check(cx, node);
            null_dereference::check_if(cx, node);
        }
        "synchronized_statement" => sync_on_mutable_field::check(cx, node),
        "class_body" => {
            lock_order_inversion::check(cx, node);
            equals_hashcode::check(cx, node);
            inconsistent_sync::check(cx, node);
        }
        "catch_clause" => {
            interrupted_swallowed::check(cx, node);
            invocation_target_cause::check(cx, node);
        }
        "field_declaration" => {
            non_thread_safe_static::check(cx, node);
            thread_unsafe_shared::check_field(cx, node);
        }
        "update_expression" | "assignment_expression" => {
            atomicity_violation::check_update(cx, node)
        }
        "enhanced_for_statement" => {
            collection_modified_in_loop::check(cx, node);
            keyset_get::check(cx, node);
            infinite_loop::check(cx, node);
        }
        "while_statement" | "do_statement" | "for_statement" => infinite_loop::check(cx, node),
        _ => {}
    }
    aws::visit(cx, node);
}

/// The method, constructor, lambda or initializer body enclosing `node`.
pub(crate) fn enclosing_callable(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "static_initializer"
            | "block"
                if n.kind() != "block" || n.parent().is_some_and(|p| p.kind() == "class_body") =>
            {
                return Some(n)
            }
            "class_body" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}
