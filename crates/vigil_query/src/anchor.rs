//! Anchored matching: which node kinds a query's patterns can start at.
//!
//! A `QueryCursor` pass over a whole tree costs about twice a plain walk of it: at every node
//! tree-sitter computes the node's field, siblings and supertypes before it looks for a pattern to
//! start. When every pattern of a query is rooted at named node kinds (`(call ...)`,
//! `[(attribute) (identifier)] @x`, `((assignment) @a (#eq? ...))`), the same matches come from
//! running the cursor at each node of those kinds only, with a start depth of 0: the cursor then
//! goes no deeper than the pattern's own steps. One plain walk collects the nodes for every query a
//! file runs.
//!
//! Anything this reader does not recognise as a named root (a wildcard `(_)`, a supertype, an
//! anonymous `"node"`, a field or anchor at the top, a quantified root, a pattern tree-sitter says
//! is not rooted) makes the query run as a whole-tree pass instead: never fewer matches.

use tree_sitter::{Language, Query};

use crate::gate::Parser;

/// The node kinds (by id) at which the patterns of `query` can start, or `None` when a pattern's
/// root is not a named node kind this reader recognises. `source` is the text `query` was compiled
/// from.
pub(crate) fn root_kinds(language: &Language, query: &Query, source: &str) -> Option<Vec<bool>> {
    let mut names: Vec<String> = Vec::new();
    for p in 0..query.pattern_count() {
        if !query.is_pattern_rooted(p) {
            return None;
        }
        names.extend(pattern_roots(crate::pattern_text(source, query, p))?);
    }
    let count = language.node_kind_count();
    let mut table = vec![false; count];
    for name in &names {
        let mut found = false;
        for id in 0..u16::try_from(count).unwrap_or(u16::MAX) {
            if language.node_kind_is_named(id)
                && language.node_kind_is_visible(id)
                && language.node_kind_for_id(id) == Some(name.as_str())
            {
                if language.node_kind_is_supertype(id) {
                    return None; // matches the kinds below it: not worth listing
                }
                table[usize::from(id)] = true;
                found = true;
            }
        }
        if !found {
            return None;
        }
    }
    Some(table)
}

/// The root kinds of one top-level pattern (its text, possibly followed by comments and space).
fn pattern_roots(text: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut r = Parser { s: &chars, i: 0 };
    let roots = r.element(0)?;
    r.skip_captures();
    // A quantified root (`(call)*`) may match without a node of its kind.
    if matches!(r.peek(), Some('?' | '*' | '+')) {
        return None;
    }
    (!roots.is_empty()).then_some(roots)
}

const MAX_NESTING: usize = 64;

/// Reading a root: the query reader of [`crate::gate`], with a few more steps.
impl Parser<'_> {
    /// Captures (`@x`) after an element.
    fn skip_captures(&mut self) {
        loop {
            self.skip_space();
            if self.peek() == Some('@') {
                self.i += 1;
                let _ = self.name();
            } else {
                return;
            }
        }
    }

    /// Skip one balanced item: a parenthesised or bracketed group, a string or a word.
    fn skip_item(&mut self) {
        self.skip_space();
        match self.peek() {
            Some('(' | '[') => {
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    match c {
                        '(' | '[' => depth += 1,
                        ')' | ']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return;
                            }
                        }
                        '"' => {
                            self.i -= 1;
                            let _ = self.string();
                        }
                        ';' => {
                            while self.peek().is_some_and(|c| c != '\n') {
                                self.i += 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some('"') => {
                let _ = self.string();
            }
            Some(_) => {
                let before = self.i;
                let _ = self.name();
                if self.i == before {
                    self.i += 1;
                }
            }
            None => {}
        }
    }

    /// Whether the item at the cursor is a predicate `(#...)`.
    fn at_predicate(&self) -> bool {
        self.peek() == Some('(')
            && self
                .s
                .get(self.i + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| c == '#')
    }

    /// The root kinds of the element at the cursor, leaving the cursor after it.
    fn element(&mut self, depth: usize) -> Option<Vec<String>> {
        if depth > MAX_NESTING {
            return None;
        }
        self.skip_space();
        let open = self.i;
        match self.peek()? {
            '(' => {
                self.i += 1;
                self.skip_space();
                if matches!(self.peek(), Some('(' | '[')) {
                    // A group: `((call) @c (#eq? ...))`. The pattern is rooted, so its one node
                    // element (the first that is not a predicate) is the root.
                    loop {
                        self.skip_space();
                        if self.at_predicate() {
                            self.skip_item();
                            continue;
                        }
                        let roots = self.element(depth + 1)?;
                        // The rest of the group: captures, predicates, the closing parenthesis.
                        loop {
                            self.skip_space();
                            match self.peek() {
                                Some(')') => {
                                    self.i += 1;
                                    return Some(roots);
                                }
                                Some('@') => self.skip_captures(),
                                Some('(') if self.at_predicate() => self.skip_item(),
                                // A second element or a quantifier: not a single root.
                                _ => return None,
                            }
                        }
                    }
                }
                let name = self.name();
                if name.is_empty()
                    || name == "_"
                    || name.contains('/')
                    || name.starts_with('#')
                    || matches!(name.as_str(), "ERROR" | "MISSING")
                    || self.peek() == Some(':')
                {
                    return None;
                }
                // The rest of the node pattern.
                self.i = open;
                self.skip_item();
                Some(vec![name])
            }
            '[' => {
                self.i += 1;
                let mut roots = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek()? {
                        ']' => {
                            self.i += 1;
                            return Some(roots);
                        }
                        '(' if self.at_predicate() => self.skip_item(),
                        '@' => self.skip_captures(),
                        '(' | '[' => roots.extend(self.element(depth + 1)?),
                        // A quantifier, an anonymous node, a field or an anchor.
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pattern_roots;

    fn roots(p: &str) -> Option<Vec<String>> {
        pattern_roots(p)
    }

    #[test]
    fn named_roots_are_read() {
        assert_eq!(
            roots("(call function: (_) @f (#eq? @f \"x\")) @report\n"),
            Some(vec!["call".into()])
        );
        assert_eq!(
            roots("[(attribute) (identifier)] @r (#match? @r \"x\")"),
            Some(vec!["attribute".into(), "identifier".into()])
        );
        assert_eq!(
            roots("((assignment left: (identifier) @l) @a (#eq? @l \"(\"))"),
            Some(vec!["assignment".into()])
        );
        assert_eq!(
            roots("; a comment (x)\n  (except_clause . (block) @b)"),
            Some(vec!["except_clause".into()])
        );
        assert_eq!(
            roots("[(default_parameter name: (identifier) @n) (typed_default_parameter)]"),
            Some(vec![
                "default_parameter".into(),
                "typed_default_parameter".into()
            ])
        );
        assert_eq!(roots("(string \"))\" @s)"), Some(vec!["string".into()]));
    }

    #[test]
    fn anything_else_is_not_anchored() {
        for p in [
            "(_) @x",
            "_ @x",
            "\"if\" @kw",
            "(expression/identifier) @x",
            "(call)* @c",
            "(call)? @c",
            "((call) (call))",
            "name: (identifier)",
            "[(call) \"if\"]",
            "(ERROR) @e",
            "",
        ] {
            assert_eq!(roots(p), None, "{p}");
        }
    }
}
