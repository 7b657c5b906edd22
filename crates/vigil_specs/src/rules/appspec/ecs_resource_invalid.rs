//! `appspec/ecs-resource-invalid`: an ECS appspec whose `resources` is not one valid `AWS::ECS::Service` target.

use std::sync::OnceLock;

use regex::Regex;

use super::{prop, resources, Index, Platform};
use crate::tree::NodeId;
use crate::{re, spec_rule, Reporter, SpecRule};

pub(crate) const RULE: SpecRule = spec_rule!(Appspec, "ecs-resource-invalid");

pub(crate) fn run(rep: &mut Reporter<'_>, ix: &Index<'_>) {
    if ix.platform != Platform::Ecs {
        return;
    }
    let doc = ix.doc;
    let Some((res, bodies)) = resources(ix) else {
        return;
    };
    let n = doc.items(res).len();
    if n != 1 {
        rep.report(
            RULE,
            doc.key_range(res),
            format!("`resources` must list exactly one Amazon ECS target, found {n}"),
        );
    }
    for body in bodies {
        check_ecs_resource(rep, ix, body);
    }
}

fn check_ecs_resource(rep: &mut Reporter<'_>, ix: &Index<'_>, body: NodeId) {
    let doc = ix.doc;
    static ARN: OnceLock<Regex> = OnceLock::new();
    if let Some((_, v, t)) = prop(doc, body, "type") {
        if t != Some("AWS::ECS::Service") {
            rep.report(
                RULE,
                doc.range(v),
                format!(
                    "resource `Type` is `{}`; expected AWS::ECS::Service",
                    t.unwrap_or("")
                ),
            );
        }
    }
    let Some((pk, props, _)) = prop(doc, body, "properties") else {
        rep.report(
            RULE,
            doc.key_range(body),
            "ECS resource has no `Properties` (TaskDefinition, LoadBalancerInfo)",
        );
        return;
    };
    match prop(doc, props, "TaskDefinition") {
        None => rep.report(
            RULE,
            doc.range(pk),
            "ECS `Properties` has no `TaskDefinition`",
        ),
        Some((_, v, t)) => {
            let arn = re(
                &ARN,
                r"^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/[A-Za-z0-9_-]{1,255}(:\d+)?$",
            );
            let ok = doc.is_opaque(v)
                || t.is_some_and(|s| arn.is_match(s) || (s.starts_with('<') && s.ends_with('>')));
            if !ok {
                rep.report(RULE, doc.range(v), format!("`TaskDefinition` is `{}`; expected a task definition ARN `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` (or the `<TASK_DEFINITION>` placeholder)", t.unwrap_or("")));
            }
        }
    }
    if let Some((_, nc, _)) = prop(doc, props, "NetworkConfiguration") {
        if let Some((ak, aws, _)) = prop(doc, nc, "AwsvpcConfiguration") {
            let missing: Vec<&str> = ["Subnets", "SecurityGroups", "AssignPublicIp"]
                .into_iter()
                .filter(|k| prop(doc, aws, k).is_none())
                .collect();
            if !missing.is_empty() {
                rep.report(RULE, doc.range(ak), format!("`AwsvpcConfiguration` must set Subnets, SecurityGroups and AssignPublicIp together; missing {}", missing.join(", ")));
            }
            if let Some((_, v, t)) = prop(doc, aws, "AssignPublicIp") {
                if !doc.is_opaque(v) && !matches!(t, Some("ENABLED" | "DISABLED")) {
                    rep.report(
                        RULE,
                        doc.range(v),
                        format!(
                            "`AssignPublicIp` is `{}`; expected ENABLED or DISABLED",
                            t.unwrap_or("")
                        ),
                    );
                }
            }
        }
    }
    match prop(doc, props, "LoadBalancerInfo") {
        None => rep.report(
            RULE,
            doc.range(pk),
            "ECS `Properties` has no `LoadBalancerInfo` (ContainerName, ContainerPort)",
        ),
        Some((lk, lb, _)) => {
            if prop(doc, lb, "ContainerName")
                .and_then(|(_, _, t)| t)
                .is_none_or(|s| s.trim().is_empty())
            {
                rep.report(
                    RULE,
                    doc.range(lk),
                    "`LoadBalancerInfo` has no `ContainerName`",
                );
            }
            match prop(doc, lb, "ContainerPort") {
                None => rep.report(
                    RULE,
                    doc.range(lk),
                    "`LoadBalancerInfo` has no `ContainerPort`",
                ),
                Some((_, v, t)) => {
                    let ok = doc.is_opaque(v)
                        || t.and_then(|s| s.parse::<u32>().ok())
                            .is_some_and(|p| (1..=65535).contains(&p));
                    if !ok {
                        rep.report(
                            RULE,
                            doc.range(v),
                            format!(
                                "`ContainerPort` is `{}`; expected a port number from 1 to 65535",
                                t.unwrap_or("")
                            ),
                        );
                    }
                }
            }
        }
    }
}
