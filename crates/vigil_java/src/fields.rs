//! Field lookups by id ([`vigil_query::FieldIds`]) for the names the Java front end asks for.

vigil_query::field_lookup!(
    tree_sitter_java::LANGUAGE,
    [
        "name",
        "object",
        "type",
        "left",
        "value",
        "right",
        "arguments",
        "operator",
        "body",
        "field",
        "condition",
        "parameters",
        "consequence",
        "array",
        "superclass",
        "alternative",
        "operand",
        "index",
        "declarator",
        "resources",
        "interfaces",
        "dimensions",
        "init",
        "update",
    ]
);

#[cfg(test)]
mod tests {
    #[test]
    fn lookups_by_id_agree_with_lookups_by_name() {
        let sample = "class A extends B implements C { int[] f = new int[3]; \
         void m(int x) { for (int i = 0; i < x; i++) { if (x > 1) { f[i] = -x; } else { g(x); } } \
         try (var r = open()) { this.y = r.read(); } } }";
        assert!(super::FIELDS.verify(sample) > 20, "the sample has fields");
    }
}
