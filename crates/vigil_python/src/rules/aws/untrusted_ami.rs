//! `python/aws-untrusted-ami`: EC2 images looked up (`describe_images`, `ec2.images.filter`) by name or
//! other filters without restricting the owner (`Owners=[...]` or an `owner-id`/`owner-alias`
//! filter): anyone can publish a public AMI with a matching name, and the instance would boot it.

use crate::fields::Field;

use super::{each_call, Checker, Env, Kind};

pub(crate) const NAME: &str = "aws_untrusted_ami";

pub(super) fn check(cx: &mut Checker<'_, '_>, env: &Env) {
    if !cx.on(NAME) {
        return;
    }
    let mut hits = Vec::new();
    each_call(cx, |n| {
        if n.kind() != "call" {
            return;
        }
        let Some(f) = n.field("function").filter(|f| f.kind() == "attribute") else {
            return;
        };
        let Some(recv) = f.field("object") else {
            return;
        };
        let attr = f.field("attribute").map_or("", |a| cx.text(a));
        let lookup = match attr {
            "describe_images" => env
                .aws_call(cx, n)
                .is_some_and(|c| !c.services(|s| s.name == "ec2").is_empty()),
            // Resource style: `ec2.images.filter(...)` / `.all()`.
            "filter" | "all" if recv.kind() == "attribute" => {
                recv.field("attribute")
                    .is_some_and(|a| cx.text(a) == "images")
                    && recv.field("object").is_some_and(|o| {
                        env.svc_of(cx, o)
                            .is_some_and(|s| s.service.name == "ec2" && s.kind == Kind::Resource)
                    })
            }
            _ => false,
        };
        if !lookup {
            return;
        }
        // The filters are often built in a variable first: look at the whole function.
        let args = cx.text(super::scope(n));
        if args.contains("Owners")
            || args.contains("ImageIds")
            || args.contains("owner-id")
            || args.contains("owner-alias")
            || args.contains("ExecutableUsers")
            || args.contains("**")
        {
            return;
        }
        hits.push(n);
    });
    for n in hits {
        cx.report(
            NAME,
            n,
            "AMI lookup without an owner restriction (`Owners=[...]` or an `owner-id` filter) can select a public image published by anyone".to_owned(),
        );
    }
}
