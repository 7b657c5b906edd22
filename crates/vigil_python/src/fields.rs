//! Field lookups by id. `Node::child_by_field_name` turns the name into an id by comparing it with
//! every field name of the grammar, on every call; the front end asks for fields millions of times
//! per scan. [`Field::field`] maps the names the front end uses to ids once (per process) and asks
//! tree-sitter by id; a name not in the table falls back to the lookup by name.

use std::sync::OnceLock;

use tree_sitter::Node;

/// The field names the front end asks for (any other name is looked up by name).
const NAMES: [&str; 23] = [
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
];

/// The id of each of [`NAMES`] in the Python grammar (0: not a field of it).
fn ids() -> &'static [u16; NAMES.len()] {
    static IDS: OnceLock<[u16; NAMES.len()]> = OnceLock::new();
    IDS.get_or_init(|| {
        let lang: tree_sitter::Language = tree_sitter_python::LANGUAGE.into();
        NAMES.map(|n| {
            lang.field_id_for_name(n)
                .map_or(0, std::num::NonZeroU16::get)
        })
    })
}

/// A child by field name, looked up by id.
pub(crate) trait Field<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> Field<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        match NAMES.iter().position(|n| *n == name) {
            Some(i) if ids()[i] != 0 => self.child_by_field_id(ids()[i]),
            _ => self.child_by_field_name(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_a_python_field() {
        assert!(ids().iter().all(|&id| id != 0), "{:?}", ids());
    }

    #[test]
    fn lookups_by_id_agree_with_lookups_by_name() {
        let src = "x = f(a, b=1)\nif x:\n    y.z[0] = -x\n";
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("python grammar");
        let tree = p.parse(src, None).expect("parse");
        let mut stack = vec![tree.root_node()];
        let mut asked = 0;
        while let Some(n) = stack.pop() {
            for name in NAMES.iter().chain(&["no_such_field"]) {
                assert_eq!(
                    n.field(name),
                    n.child_by_field_name(name),
                    "{name} of {n:?}"
                );
                asked += usize::from(n.field(name).is_some());
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        assert!(asked > 10, "the sample has fields: {asked}");
    }
}
