//! Field lookups by id. `Node::child_by_field_name` turns the name into an id by comparing it with
//! every field name of the grammar, on every call; a front end asks for fields millions of times
//! per scan. A [`FieldIds`] maps the names a front end uses to the grammar's ids once (per
//! process), and asks tree-sitter by id; a name not in its table falls back to the lookup by name.

use std::sync::OnceLock;

use tree_sitter::{Language, Node};

/// The ids of a fixed list of field names in one grammar, resolved on first use.
pub struct FieldIds {
    names: &'static [&'static str],
    language: fn() -> Language,
    ids: OnceLock<Vec<u16>>,
}

impl FieldIds {
    /// A table for `names` in the grammar `language` returns.
    #[must_use]
    pub const fn new(names: &'static [&'static str], language: fn() -> Language) -> Self {
        Self {
            names,
            language,
            ids: OnceLock::new(),
        }
    }

    fn ids(&self) -> &[u16] {
        self.ids.get_or_init(|| {
            let lang = (self.language)();
            self.names
                .iter()
                .map(|n| {
                    lang.field_id_for_name(n)
                        .map_or(0, std::num::NonZeroU16::get)
                })
                .collect()
        })
    }

    /// The child of `node` in the field `name`, as `node.child_by_field_name(name)` gives it.
    #[inline]
    #[must_use]
    pub fn child<'t>(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        match self.names.iter().position(|n| *n == name) {
            Some(i) => match self.ids().get(i) {
                Some(&id) if id != 0 => node.child_by_field_id(id),
                _ => node.child_by_field_name(name),
            },
            None => node.child_by_field_name(name),
        }
    }

    /// The names of the table that are not fields of the grammar (a test asserts there are none).
    #[must_use]
    pub fn unknown(&self) -> Vec<&'static str> {
        self.names
            .iter()
            .zip(self.ids())
            .filter(|(_, &id)| id == 0)
            .map(|(n, _)| *n)
            .collect()
    }

    /// Parse `src` and check, over every node of its tree, that every name of the table is a
    /// field of the grammar and that lookups by id agree with lookups by name; the number of
    /// fields found (a test asserts it is not zero).
    ///
    /// # Panics
    /// When a name is unknown, the sample does not parse, or a lookup disagrees.
    #[must_use]
    pub fn verify(&self, src: &str) -> usize {
        assert!(
            self.unknown().is_empty(),
            "not fields: {:?}",
            self.unknown()
        );
        let mut p = tree_sitter::Parser::new();
        p.set_language(&(self.language)())
            .expect("the grammar loads");
        let tree = p.parse(src, None).expect("the sample parses");
        let mut asked = 0;
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            for name in self.names.iter().chain(&["no_such_field"]) {
                assert_eq!(
                    self.child(n, name),
                    n.child_by_field_name(name),
                    "{name} of {n:?}"
                );
                asked += usize::from(self.child(n, name).is_some());
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        asked
    }
}

/// Declare `FIELDS` (a [`FieldIds`] over `$names` in the grammar `$language`) and a crate-private
/// trait `Field` whose `node.field(name)` looks children up through it.
#[macro_export]
macro_rules! field_lookup {
    ($language:expr, [$($name:literal),* $(,)?]) => {
        /// The field names the front end asks for (any other name is looked up by name).
        pub(crate) static FIELDS: $crate::FieldIds =
            $crate::FieldIds::new(&[$($name),*], || $language.into());

        /// A child by field name, looked up by id.
        pub(crate) trait Field<'t> {
            fn field(&self, name: &str) -> Option<tree_sitter::Node<'t>>;
        }

        impl<'t> Field<'t> for tree_sitter::Node<'t> {
            #[inline]
            fn field(&self, name: &str) -> Option<tree_sitter::Node<'t>> {
                FIELDS.child(*self, name)
            }
        }
    };
}
