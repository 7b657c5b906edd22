//! A shape check of a query pattern before tree-sitter sees it.
//!
//! tree-sitter's query parser (0.25 to at least 0.27.1) aborts the whole process with a C assertion
//! (`step_index < steps.size` in `ts_query__parse_pattern`) when a group that holds only predicates,
//! such as `((#eq? @a "x"))` or `[((#eq? @a "x"))]`, is followed by a capture or a quantifier, since
//! the group produced no step to attach it to. A user rule file must never take vigil down, so such a
//! pattern is rejected here with an error pointing at the group. Found by the `rule_file` fuzz target
//! (`fuzz/known/rule_file-tree-sitter-query-assert.bin`).

/// An open `(` or `[` and whether anything inside it matches a node (a step).
struct Open {
    row: usize,
    column: usize,
    /// `(#...)`: a predicate; it never makes a step and neither do its arguments.
    predicate: bool,
    has_step: bool,
}

/// Check `pattern` for a capture or quantifier on a group without steps.
///
/// # Errors
/// `(row, column, message)` of the offending group, rows and columns counted from 1.
pub(crate) fn check(pattern: &str) -> Result<(), (usize, usize, String)> {
    let mut stack: Vec<Open> = Vec::new();
    let mut chars = pattern.char_indices().peekable();
    let (mut row, mut column) = (1usize, 0usize);
    // The group just closed without a step, waiting to see whether a suffix follows it.
    let mut empty_group: Option<(usize, usize)> = None;
    while let Some((_, c)) = chars.next() {
        if c == '\n' {
            row += 1;
            column = 0;
            continue;
        }
        column += 1;
        if c.is_whitespace() {
            continue;
        }
        if c == ';' {
            // A comment to the end of the line.
            while chars.peek().is_some_and(|&(_, n)| n != '\n') {
                chars.next();
            }
            continue;
        }
        if let Some((r, col)) = empty_group.take() {
            if matches!(c, '@' | '?' | '*' | '+') {
                return Err((
                    r,
                    col,
                    "a group that holds only predicates cannot take a capture or a quantifier \
                     (put the predicates inside the node pattern they test)"
                        .to_string(),
                ));
            }
        }
        let inside_predicate = stack.iter().any(|o| o.predicate);
        match c {
            '"' => {
                // A string literal: an anonymous node outside predicates.
                let mut escaped = false;
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        row += 1;
                        column = 0;
                    } else {
                        column += 1;
                    }
                    if escaped {
                        escaped = false;
                    } else if n == '\\' {
                        escaped = true;
                    } else if n == '"' {
                        break;
                    }
                }
                mark_step(&mut stack, inside_predicate);
            }
            '(' | '[' => {
                let predicate = c == '(' && chars.peek().is_some_and(|&(_, n)| n == '#');
                stack.push(Open {
                    row,
                    column,
                    predicate,
                    has_step: false,
                });
            }
            ')' | ']' => {
                if let Some(open) = stack.pop() {
                    if open.has_step {
                        mark_step(&mut stack, inside_predicate);
                    } else if !open.predicate {
                        empty_group = Some((open.row, open.column));
                    }
                }
            }
            '@' | '#' | '!' | '.' | '?' | '*' | '+' | ':' => {
                // Captures, predicate names, negated fields, anchors, quantifiers, field colons:
                // skip the name that follows.
                while chars
                    .peek()
                    .is_some_and(|&(_, n)| is_name_char(n) && n != ':')
                {
                    chars.next();
                    column += 1;
                }
            }
            _ => {
                // A node name, `_`, or a field name (followed by `:`).
                let mut field = false;
                while let Some(&(_, n)) = chars.peek() {
                    if n == ':' {
                        field = true;
                        break;
                    }
                    if !is_name_char(n) {
                        break;
                    }
                    chars.next();
                    column += 1;
                }
                if !field {
                    mark_step(&mut stack, inside_predicate);
                }
            }
        }
    }
    Ok(())
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '"' | ';' | '@')
}

fn mark_step(stack: &mut [Open], inside_predicate: bool) {
    if inside_predicate {
        return;
    }
    if let Some(top) = stack.last_mut() {
        top.has_step = true;
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn predicate_only_groups_with_a_suffix_are_rejected() {
        for bad in [
            r#"(program (identifier) @a ((#eq? @a "x")) @r)"#,
            r#"(program (identifier) @a ((#eq? @a "x"))?)"#,
            r#"(program (identifier) @a [((#eq? @a "x"))] @r)"#,
            r#"(program (identifier) @a (((#eq? @a "x"))) @r)"#,
            r#"(identifier) @a ((#eq? @a "x")) @r"#,
            "(program (identifier) @a\n  ( (#eq? @a \"x\") ; note\n  ) ; c\n  @r)",
        ] {
            let err = check(bad).expect_err(bad);
            assert!(err.2.contains("only predicates"), "{bad}: {err:?}");
        }
        let (row, column, _) =
            check("(program\n  (identifier) @a\n  ((#eq? @a \"x\")) @r)").expect_err("multi-line");
        assert_eq!((row, column), (3, 3));
    }

    #[test]
    fn ordinary_patterns_pass() {
        for good in [
            r#"(method_invocation name: (identifier) @m (#eq? @m "x")) @report"#,
            r#"((identifier) @a (#eq? @a "x")) @r"#,
            r#"((identifier) @a (#eq? @a "x"))?"#,
            r#"[(identifier) "null" (_)] @v"#,
            r#"(call ("(" @p) "x" @q)"#,
            r#"(program (identifier)* @ids . (comment)+)"#,
            r#"(a !field (b) @x (#match? @x "^[()@?]+$")) @r"#,
            r#"(a field: ((b) @x (#set! k "v")) @g)"#,
            "; a comment ((#eq? @a \"x\")) @r\n(identifier) @i",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
    }
}
