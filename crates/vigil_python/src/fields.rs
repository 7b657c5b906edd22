//! Field lookups by id ([`vigil_query::FieldIds`]) for the names the Python front end asks for.

vigil_query::field_lookup!(
    tree_sitter_python::LANGUAGE,
    [
        "left",
        "right",
        "function",
        "body",
        "value",
        "name",
        "attribute",
        "arguments",
        "object",
        "alias",
        "operator",
        "parameters",
        "subscript",
        "condition",
        "key",
        "type",
        "argument",
        "consequence",
        "module_name",
        "definition",
        "subject",
        "expression",
        "alternative",
    ]
);

#[cfg(test)]
mod tests {
    #[test]
    fn lookups_by_id_agree_with_lookups_by_name() {
        let sample = "x = f(a, b=1)\nif x:\n    y.z[0] = -x\n";
        assert!(super::FIELDS.verify(sample) > 10, "the sample has fields");
    }
}
