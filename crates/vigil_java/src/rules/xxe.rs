//! `java/xxe`: an XML parser factory created and used without the hardening feature or attribute.
//!
//! A factory variable created by `newInstance()` (or `newFactory()`) counts as hardened when any
//! `setFeature`/`setAttribute`/`setProperty`/`setXIncludeAware`/`setExpandEntityReferences` call is
//! made on it in the same body, and is not reported when it escapes (passed to a method, returned,
//! stored elsewhere), because it may be configured there.

use tree_sitter::Node;
use vigil_query::walk_tree;

use super::{enclosing_callable, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "xxe";

const FACTORIES: &[(&str, &[&str])] = &[
    (
        "javax.xml.parsers.DocumentBuilderFactory",
        &[
            "newInstance",
            "newDefaultInstance",
            "newNSInstance",
            "newDefaultNSInstance",
        ],
    ),
    (
        "javax.xml.parsers.SAXParserFactory",
        &[
            "newInstance",
            "newDefaultInstance",
            "newNSInstance",
            "newDefaultNSInstance",
        ],
    ),
    (
        "javax.xml.stream.XMLInputFactory",
        &["newInstance", "newFactory", "newDefaultFactory"],
    ),
    (
        "javax.xml.transform.TransformerFactory",
        &["newInstance", "newDefaultInstance"],
    ),
    (
        "javax.xml.validation.SchemaFactory",
        &["newInstance", "newDefaultInstance"],
    ),
];

const HARDENING: &[&str] = &[
    "setFeature",
    "setAttribute",
    "setProperty",
    "setXIncludeAware",
    "setExpandEntityReferences",
];

/// Methods that turn a factory into a parser (the use that makes an unhardened factory dangerous).
const USES: &[&str] = &[
    "newDocumentBuilder",
    "newSAXParser",
    "createXMLStreamReader",
    "createXMLEventReader",
    "newTransformer",
    "newTemplates",
    "newSchema",
];

/// If `call` is `Factory.newInstance()` for a known factory, the factory's simple name.
fn factory_creation(cx: &Checker<'_, '_>, call: Node<'_>) -> Option<&'static str> {
    if call.kind() != "method_invocation" {
        return None;
    }
    let name = cx.text(call.field("name")?);
    let obj = call.field("object")?;
    let obj_text = cx.text(obj);
    for (fqn, ctors) in FACTORIES {
        if !ctors.contains(&name) {
            continue;
        }
        let simple = fqn.rsplit('.').next().unwrap_or(fqn);
        let hit = match obj.kind() {
            "identifier" => cx.sem.may_be(obj_text, fqn),
            "scoped_identifier" | "field_access" => {
                obj_text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    == *fqn
            }
            _ => false,
        };
        if hit {
            return Some(simple);
        }
    }
    None
}

/// `DocumentBuilderFactory.newInstance().newDocumentBuilder()`: never hardened.
pub(crate) fn check_chain(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(name) = node.field("name") else {
        return;
    };
    if !USES.contains(&cx.text(name)) {
        return;
    }
    let Some(obj) = node.field("object") else {
        return;
    };
    if let Some(factory) = factory_creation(cx, obj) {
        let msg = format!(
            "`{}` parses XML with a default {factory}, which resolves external entities; disable DOCTYPEs or external entities first",
            vigil_query::shorten(cx.text(node))
        );
        cx.report(NAME, node, msg);
    }
}

/// `DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();` with no hardening of `f`.
pub(crate) fn check_declarator(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let (Some(var), Some(value)) = (node.field("name"), node.field("value")) else {
        return;
    };
    let Some(factory) = factory_creation(cx, value) else {
        return;
    };
    // Fields are configured elsewhere (constructors, initializers): out of scope.
    if node
        .parent()
        .is_some_and(|p| p.kind() != "local_variable_declaration")
    {
        return;
    }
    let Some(body) = enclosing_callable(node) else {
        return;
    };
    let var = cx.text(var).to_owned();
    let mut hardened = false;
    let mut escapes = false;
    let mut used = false;
    walk_tree(body, |n| match n.kind() {
        "method_invocation" => {
            let on_var = n
                .field("object")
                .is_some_and(|o| o.kind() == "identifier" && cx.text(o) == var);
            if on_var {
                let m = n.field("name").map(|x| cx.text(x)).unwrap_or("");
                if HARDENING.contains(&m) {
                    hardened = true;
                }
                if USES.contains(&m) {
                    used = true;
                }
            }
        }
        "argument_list" => {
            let mut c = n.walk();
            if n.named_children(&mut c)
                .any(|a| a.kind() == "identifier" && cx.text(a) == var)
            {
                escapes = true;
            }
        }
        "return_statement" | "assignment_expression" | "variable_declarator"
            if n.id() != node.id() =>
        {
            let mut c = n.walk();
            let right = n
                .field("right")
                .or_else(|| n.field("value"))
                .or_else(|| n.named_children(&mut c).next());
            if right.is_some_and(|r| r.kind() == "identifier" && cx.text(r) == var) {
                escapes = true;
            }
            if n.field("left").is_some_and(|l| cx.text(l) == var) {
                // Re-assigned: we no longer know which factory is used.
                escapes = true;
            }
        }
        _ => {}
    });
    if used && !hardened && !escapes {
        let msg = format!(
            "{factory} `{var}` is used without disabling DOCTYPEs or external entities (no setFeature/setAttribute on it)"
        );
        cx.report(NAME, value, msg);
    }
}
