//! `java/aws-region-enumeration`: a Region given as a string constant (`withRegion("us-west-2")`,
//! `Region.of("us-west-2")`, `Regions.fromName("us-west-2")`, `RegionUtils.getRegion(..)`) where the
//! SDK's enumeration has the constant (`Regions.US_WEST_2`, `Region.US_WEST_2`): a typo
//! (`"us-west2"`, `"eu-west"`) is found only when the client is first used, in production.

use tree_sitter::Node;
use vigil_query::{ConstValue, Semantics};

use super::{call_args, chain_root, may_be_sdk_type, Checker};
use crate::fields::Field;

pub(crate) const NAME: &str = "aws_region_enumeration";

const AREAS: &[&str] = &[
    "us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "us-gov",
];
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northeast",
    "southeast",
    "northwest",
    "southwest",
];

/// Whether `s` has the shape of a public commercial/GovCloud/China Region code (`eu-west-1`).
fn region_code(s: &str) -> bool {
    let Some((rest, num)) = s.rsplit_once('-') else {
        return false;
    };
    let Some((area, dir)) = rest.rsplit_once('-') else {
        return false;
    };
    num.len() == 1
        && num.bytes().all(|b| b.is_ascii_digit())
        && AREAS.contains(&area)
        && DIRECTIONS.contains(&dir)
}

pub(crate) fn check(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    if !cx.on(NAME) {
        return;
    }
    let Some(method) = node.field("name").map(|n| cx.text(n)) else {
        return;
    };
    let args = call_args(node);
    let [arg] = args.as_slice() else {
        return;
    };
    let Some(obj) = node.field("object") else {
        return;
    };
    // Which enumeration the caller should use instead.
    let enum_ty = match (method, obj.kind()) {
        ("of", "identifier") if cx.text(obj) == "Region" => "Region",
        ("fromName", "identifier") if cx.text(obj) == "Regions" => "Regions",
        ("getRegion", "identifier") if cx.text(obj) == "RegionUtils" => "Regions",
        // A v1 client builder: `AmazonS3ClientBuilder.standard().withRegion("..")`.
        ("withRegion", _) => {
            let (root, _) = chain_root(node);
            let builder = root.kind() == "identifier" && {
                let t = cx.text(root);
                (t.ends_with("ClientBuilder") || t == "TransferManagerBuilder")
                    && may_be_sdk_type(cx, t)
            };
            if !builder {
                return;
            }
            "Regions"
        }
        _ => return,
    };
    if method != "withRegion" && !may_be_sdk_type(cx, cx.text(obj)) {
        return;
    }
    let Some(ConstValue::Str(s)) = cx.sem.const_value(*arg) else {
        return;
    };
    let msg = if region_code(&s) {
        let constant = s.to_ascii_uppercase().replace('-', "_");
        format!(
            "Region given as the string \"{s}\"; use the SDK's enumeration (`{enum_ty}.{constant}`) so that a mistyped Region fails to compile instead of at the first request"
        )
    } else {
        format!(
            "\"{s}\" is not a Region code; use the SDK's enumeration (`{enum_ty}`) so that a mistyped Region fails to compile instead of at the first request"
        )
    };
    cx.report(NAME, node, msg);
}

#[cfg(test)]
mod tests {
    use super::region_code;

    #[test]
    fn region_codes() {
        assert!(region_code("us-west-2"));
        assert!(region_code("us-gov-west-1"));
        assert!(region_code("ap-southeast-1"));
        assert!(!region_code("us-west2"));
        assert!(!region_code("local"));
        assert!(!region_code("eu-west-12"));
    }
}
