//! `java/format-string-mismatch`: a constant format string of `String.format`, `printf`, `format` or
//! `formatted` needs more (or fewer) arguments than the call passes: a missing one throws
//! `MissingFormatArgumentException` at run time, an extra one is silently dropped.

use tree_sitter::Node;
use vigil_query::ConstValue;

use super::util::{args_of, call_parts, type_of};
use super::Checker;
use vigil_query::Semantics;

pub(crate) const NAME: &str = "format_string_mismatch";

/// The number of arguments a `java.util.Formatter` format string consumes, or `None` when it is not
/// a well-formed format (left alone).
pub(crate) fn required_args(fmt: &str) -> Option<usize> {
    let b = fmt.as_bytes();
    let (mut i, mut ordinary, mut explicit) = (0usize, 0usize, 0usize);
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        // argument_index$
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let mut index = None;
        if i < b.len() && b[i] == b'$' && i > start {
            index = fmt[start..i].parse::<usize>().ok();
            i += 1;
        } else {
            i = start;
        }
        let mut relative = false;
        while i < b.len() && b"-#+ 0,(<".contains(&b[i]) {
            relative |= b[i] == b'<';
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < b.len() && (b[i] == b't' || b[i] == b'T') {
            i += 1;
        }
        let conv = *b.get(i)?;
        i += 1;
        match conv {
            b'%' | b'n' => {}
            c if b"bBhHsScCdoxXeEfgGaAYmdHIklMSLNpzZsQejyRTrDFc".contains(&c) => {
                if let Some(ix) = index {
                    explicit = explicit.max(ix);
                } else if !relative {
                    ordinary += 1;
                }
            }
            _ => return None,
        }
    }
    Some(ordinary.max(explicit))
}

fn is_locale(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let t = cx.text(n);
    t.starts_with("Locale.") || t == "null" || type_of(cx, n).is_some_and(|t| t == "Locale")
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, call: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some((name, obj, args)) = call_parts(cx, call) else {
        return;
    };
    let args = args_of(args);
    let obj_text = obj.map(|o| cx.text(o)).unwrap_or("");
    let (fmt, rest): (Node<'_>, &[Node<'_>]) = match name.as_str() {
        "formatted" => match obj {
            Some(o) => (o, &args[..]),
            None => return,
        },
        "format" | "printf" => {
            let ok_recv = name == "printf"
                || obj_text == "String"
                || matches!(obj_text, "System.out" | "System.err")
                || obj.and_then(|o| type_of(cx, o)).is_some_and(|t| {
                    matches!(t.as_str(), "PrintStream" | "PrintWriter" | "Formatter")
                });
            if !ok_recv || obj.is_none() || args.is_empty() {
                return;
            }
            let skip = usize::from(args.len() > 1 && is_locale(cx, args[0]));
            (args[skip], &args[skip + 1..])
        }
        _ => return,
    };
    let Some(ConstValue::Str(text)) = cx.sem.const_value(fmt) else {
        return;
    };
    let Some(need) = required_args(&text) else {
        return;
    };
    // A single argument that may be the varargs array itself.
    if let [one] = rest {
        let array = match one.kind() {
            "array_creation_expression" => true,
            "identifier" => type_of(cx, *one).is_none_or(|t| t.ends_with("[]")),
            "method_invocation" | "field_access" | "cast_expression" | "ternary_expression" => true,
            _ => false,
        };
        if array && need != 1 {
            return;
        }
    }
    if rest.len() == need {
        return;
    }
    let msg = if rest.len() < need {
        format!(
            "the format string needs {need} argument(s) but {} are passed: `MissingFormatArgumentException` at run time",
            rest.len()
        )
    } else {
        format!(
            "the format string uses {need} argument(s) but {} are passed: the extra ones are ignored",
            rest.len()
        )
    };
    cx.report(NAME, call, msg);
}

#[cfg(test)]
mod tests {
    use super::required_args;

    #[test]
    fn counts_specifiers() {
        assert_eq!(required_args("%s has %d items%n"), Some(2));
        assert_eq!(required_args("100%% of %s"), Some(1));
        assert_eq!(required_args("%2$s %1$s"), Some(2));
        assert_eq!(required_args("%s %<s"), Some(1));
        assert_eq!(required_args("%-10s|%08.3f|%tY"), Some(3));
        assert_eq!(required_args("50%"), None);
    }
}
