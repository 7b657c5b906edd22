//! AWS SDK for Java best-practice rules (SDK v1 `com.amazonaws.*` and v2 `software.amazon.awssdk.*`).
//!
//! One file per rule; this module holds what they share: recognising SDK types (through the file's
//! imports, falling back to the SDK's unambiguous type names when a snippet has no imports), typing
//! the receiver of a call as a service client (declared type, `var` initializer, builder chain), client
//! construction, loops and the enclosing method. The operation tables (paginated operations, waiters,
//! batch failures) come from `vigil_aws`, generated from the SDK service models.

mod batch_in_loop;
mod client_constructor;
mod client_in_loop;
mod credentials_logged;
mod custom_retry;
mod dynamodb_null_item;
mod error_by_message;
mod iam_wildcard;
mod inefficient_chain;
mod kms_reencrypt;
mod lambda_client_reuse;
mod lambda_reserved_env;
mod missing_pagination;
mod polling_waiter;
mod region_enumeration;
mod s3_bucket_owner;
mod s3_metadata_case;
mod sns_unsubscribe;
mod sqs_queue_url;
mod sqs_short_polling;
mod transfer_manager;
mod unchecked_batch;
mod untrusted_ami;

use tree_sitter::Node;
use vigil_aws::Service;
use vigil_query::walk_tree;

use super::Checker;
use crate::fields::Field;

/// Every AWS analysis (extends the front end's registry).
pub(crate) const ANALYSES: &[&str] = &[
    batch_in_loop::NAME,
    client_constructor::NAME,
    client_in_loop::NAME,
    credentials_logged::NAME,
    custom_retry::NAME,
    dynamodb_null_item::NAME,
    error_by_message::NAME,
    iam_wildcard::NAME,
    inefficient_chain::NAME,
    kms_reencrypt::NAME,
    lambda_client_reuse::NAME,
    lambda_reserved_env::NAME,
    missing_pagination::NAME,
    polling_waiter::NAME,
    region_enumeration::NAME,
    s3_bucket_owner::NAME,
    s3_metadata_case::NAME,
    sns_unsubscribe::NAME,
    sqs_queue_url::NAME,
    sqs_short_polling::NAME,
    transfer_manager::NAME,
    unchecked_batch::NAME,
    untrusted_ami::NAME,
];

/// Dispatch one node to the AWS rules interested in its kind. A call is typed once (is its receiver a
/// service client?) and handed to every rule that needs it.
pub(crate) fn visit(cx: &mut Checker<'_, '_>, node: Node<'_>) {
    match node.kind() {
        "method_invocation" => {
            if !ANALYSES.iter().any(|a| cx.on(a)) {
                return;
            }
            let call = client_call(cx, node);
            let call = call.as_ref();
            batch_in_loop::check(cx, node, call);
            client_in_loop::check(cx, node);
            credentials_logged::check(cx, node);
            dynamodb_null_item::check(cx, node, call);
            error_by_message::check(cx, node);
            inefficient_chain::check(cx, node, call);
            kms_reencrypt::check(cx, node, call);
            lambda_client_reuse::check(cx, node);
            lambda_reserved_env::check(cx, node);
            missing_pagination::check(cx, node, call);
            polling_waiter::check(cx, node, call);
            region_enumeration::check(cx, node);
            s3_bucket_owner::check(cx, node, call);
            s3_metadata_case::check(cx, node);
            sns_unsubscribe::check(cx, node, call);
            sqs_short_polling::check(cx, node, call);
            transfer_manager::check(cx, node);
            unchecked_batch::check(cx, node, call);
            untrusted_ami::check(cx, node, call);
        }
        "object_creation_expression" => {
            client_constructor::check(cx, node);
            client_in_loop::check(cx, node);
            lambda_client_reuse::check(cx, node);
            transfer_manager::check(cx, node);
        }
        "try_statement" => custom_retry::check(cx, node),
        "binary_expression" => sqs_queue_url::check(cx, node),
        "string_literal" => iam_wildcard::check(cx, node),
        _ => {}
    }
}

/// Whether the simple type name `name` may denote an AWS SDK type: imported from an SDK package, or not
/// resolvable at all (a snippet without imports; the caller then checks the name is the SDK's).
pub(crate) fn may_be_sdk_type(cx: &Checker<'_, '_>, name: &str) -> bool {
    if cx.sem.declares_type(name) {
        return false;
    }
    match cx.sem.resolve_type(name) {
        Some(fqn) => is_sdk_fqn(&fqn),
        None => true,
    }
}

pub(crate) fn is_sdk_fqn(fqn: &str) -> bool {
    fqn.starts_with("com.amazonaws.") || fqn.starts_with("software.amazon.awssdk.")
}

/// The service of a client type name (`S3Client`, `AmazonDynamoDB`, `AmazonSQSClientBuilder`).
pub(crate) fn client_service(cx: &Checker<'_, '_>, type_name: &str) -> Option<&'static Service> {
    let base = type_name.rsplit('.').next().unwrap_or(type_name);
    if !base.starts_with(|c: char| c.is_ascii_uppercase()) || !may_be_sdk_type(cx, base) {
        return None;
    }
    vigil_aws::table().service_for_java_client(base)
}

/// Strip parentheses and casts around an expression.
pub(crate) fn unwrap_expr(mut n: Node<'_>) -> Node<'_> {
    loop {
        match n.kind() {
            "parenthesized_expression" => match n.named_child(0) {
                Some(c) => n = c,
                None => return n,
            },
            "cast_expression" => match n.field("value") {
                Some(c) => n = c,
                None => return n,
            },
            _ => return n,
        }
    }
}

/// The first receiver of a call chain (`A` of `A.b().c().d()`) and the name of the first call on it.
pub(crate) fn chain_root<'t>(call: Node<'t>) -> (Node<'t>, Option<Node<'t>>) {
    let mut cur = call;
    let mut first = None;
    while cur.kind() == "method_invocation" {
        match cur.field("object") {
            Some(o) => {
                first = cur.field("name");
                cur = unwrap_expr(o);
            }
            None => break,
        }
    }
    (cur, first)
}

/// The simple type name of the value of `expr`, as far as the file tells: a variable's declared type
/// (or its initializer's type for `var`), `this.field`, a client built by `T.create()`,
/// `T.defaultClient()`, `T.builder()...build()`, `T.standard()...build()` or `new T(..)`.
pub(crate) fn expr_type(cx: &Checker<'_, '_>, expr: Node<'_>) -> Option<String> {
    expr_type_depth(cx, unwrap_expr(expr), 0)
}

fn expr_type_depth(cx: &Checker<'_, '_>, expr: Node<'_>, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    match expr.kind() {
        "identifier" => {
            let name = cx.text(expr);
            let Some(t) = cx.sem.declared_type_of(name, expr) else {
                return undeclared_client_name(cx, name);
            };
            if t == "var" {
                let init = local_initializer(cx, name, expr)?;
                return expr_type_depth(cx, unwrap_expr(init), depth + 1);
            }
            Some(t)
        }
        "field_access" => {
            let obj = expr.field("object")?;
            let field = expr.field("field")?;
            if obj.kind() == "this" {
                cx.sem.declared_type_of(cx.text(field), expr)
            } else {
                None
            }
        }
        "object_creation_expression" => {
            let t = expr.field("type")?;
            Some(simple_type(cx.text(t)))
        }
        "method_invocation" => {
            let name = cx.text(expr.field("name")?);
            // `getS3()` / `this.getS3()`: the return type of a method of this file.
            if expr.field("object").is_none_or(|o| o.kind() == "this") {
                return return_type_of(cx, expr, name);
            }
            let (root, first) = chain_root(expr);
            if root.kind() != "identifier" {
                return None;
            }
            let root_name = cx.text(root);
            if !root_name.starts_with(|c: char| c.is_ascii_uppercase()) {
                return None;
            }
            let first = first.map(|f| cx.text(f)).unwrap_or_default();
            let creates = match name {
                "create" | "defaultClient" => expr
                    .field("object")
                    .is_some_and(|o| o.kind() == "identifier"),
                "build" => matches!(first, "builder" | "standard"),
                _ => false,
            };
            creates.then(|| root_name.to_owned())
        }
        _ => None,
    }
}

/// The initializer of the local variable `name` declared in the callable around `at`.
pub(crate) fn local_initializer<'t>(
    cx: &Checker<'_, '_>,
    name: &str,
    at: Node<'t>,
) -> Option<Node<'t>> {
    let body = super::enclosing_callable(at)?;
    let mut found = None;
    walk_tree(body, |n| {
        if n.kind() == "variable_declarator"
            && n.start_byte() < at.start_byte()
            && n.field("name").is_some_and(|x| cx.text(x) == name)
        {
            found = n.field("value");
        }
    });
    found
}

/// `a.b.C<D>` → `C`.
pub(crate) fn simple_type(t: &str) -> String {
    let base = t.split('<').next().unwrap_or(t).trim();
    base.rsplit('.').next().unwrap_or(base).to_owned()
}

/// A call on a service client: its service and the method name.
pub(crate) struct ClientCall {
    pub(crate) service: &'static Service,
    pub(crate) method: String,
}

/// `node` as a call `client.op(..)` whose receiver is typed as an SDK client.
pub(crate) fn client_call(cx: &Checker<'_, '_>, node: Node<'_>) -> Option<ClientCall> {
    if node.kind() != "method_invocation" {
        return None;
    }
    let obj = node.field("object")?;
    // Typing the receiver is the costly part: in a file that spells no client type name, only an
    // undeclared variable named like a client (a snippet's `s3`) can be one.
    let bare = unwrap_expr(obj);
    if !cx.sem.may_name_sdk_client()
        && (bare.kind() != "identifier" || undeclared_client_name(cx, cx.text(bare)).is_none())
    {
        return None;
    }
    let method = cx.text(node.field("name")?).to_owned();
    let ty = expr_type(cx, obj)?;
    let service = client_service(cx, &ty)?;
    Some(ClientCall { service, method })
}

/// Whether `node` constructs an SDK service client: `T.create()`, `T.defaultClient()`,
/// `T.builder()...build()`, `T.standard()...build()` or `new T(..)` for a client type `T` (and the
/// DynamoDB enhanced client, the S3 transfer managers).
pub(crate) fn constructs_client(cx: &Checker<'_, '_>, node: Node<'_>) -> Option<String> {
    let ty = match node.kind() {
        "method_invocation" => {
            let name = cx.text(node.field("name")?);
            if !matches!(name, "create" | "defaultClient" | "build")
                || node.field("object").is_none()
            {
                return None;
            }
            expr_type(cx, node)?
        }
        "object_creation_expression" => {
            if node
                .named_children(&mut node.walk())
                .any(|c| c.kind() == "class_body")
            {
                return None;
            }
            simple_type(cx.text(node.field("type")?))
        }
        _ => return None,
    };
    let extra = matches!(
        ty.as_str(),
        "DynamoDbEnhancedClient"
            | "DynamoDbEnhancedAsyncClient"
            | "S3TransferManager"
            | "TransferManagerBuilder"
            | "S3AsyncClient"
    ) && may_be_sdk_type(cx, &ty);
    (extra || client_service(cx, &ty).is_some()).then_some(ty)
}

/// The innermost loop around `node` within its method, if any: a `for`, for-each, `while` or `do`
/// statement, or the lambda of a `forEach` call.
pub(crate) fn enclosing_loop<'t>(cx: &Checker<'_, '_>, node: Node<'t>) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "for_statement" | "enhanced_for_statement" | "while_statement" | "do_statement" => {
                return Some(n)
            }
            "lambda_expression" => {
                let call = n.parent().and_then(|a| a.parent());
                return call.filter(|c| {
                    c.kind() == "method_invocation"
                        && c.field("name").is_some_and(|m| cx.text(m) == "forEach")
                });
            }
            "method_declaration" | "constructor_declaration" | "class_body" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}

/// Whether `node` is the operand of a statement that discards it.
pub(crate) fn result_discarded(node: Node<'_>) -> bool {
    node.parent()
        .is_some_and(|p| p.kind() == "expression_statement")
}

/// A method name with its first letter lower-cased (`ListObjects` → `listObjects`).
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// The names of methods called in `body` (`x.name(..)` and `name(..)`).
pub(crate) fn called_names<'s>(cx: &'s Checker<'_, '_>, body: Node<'_>) -> Vec<&'s str> {
    let mut out = Vec::new();
    walk_tree(body, |n| {
        if n.kind() == "method_invocation" {
            if let Some(m) = n.field("name") {
                out.push(cx.sem.text(m));
            }
        }
    });
    out
}

/// Exception types of the SDKs that need no import to be recognised in a snippet.
const SDK_EXCEPTIONS: &[&str] = &[
    "AmazonServiceException",
    "AmazonClientException",
    "SdkClientException",
    "SdkBaseException",
    "SdkException",
    "SdkServiceException",
    "AwsServiceException",
    "AmazonS3Exception",
    "AmazonDynamoDBException",
    "AmazonSQSException",
    "S3Exception",
    "DynamoDbException",
    "SqsException",
    "SnsException",
    "KmsException",
    "LambdaException",
    "Ec2Exception",
    "KinesisException",
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceededException",
];

/// Whether the exception type `name` is an AWS SDK exception: one of the SDKs' well-known exception
/// types, or any exception type imported from an SDK package.
pub(crate) fn is_sdk_exception(cx: &Checker<'_, '_>, name: &str) -> bool {
    let name = simple_type(name);
    if cx.sem.declares_type(&name) {
        return false;
    }
    match cx.sem.resolve_type(&name) {
        Some(fqn) => is_sdk_fqn(&fqn),
        None => SDK_EXCEPTIONS.contains(&name.as_str()),
    }
}

/// The exception types caught by a `catch_clause` (one for a plain catch, several for a multi-catch).
pub(crate) fn caught_types<'s>(cx: &'s Checker<'_, '_>, catch: Node<'_>) -> Vec<&'s str> {
    let mut out = Vec::new();
    walk_tree(catch, |n| {
        if n.kind() == "catch_type" {
            let mut c = n.walk();
            for t in n.named_children(&mut c) {
                out.push(cx.sem.text(t));
            }
        }
    });
    out
}

/// The `catch_clause` whose parameter is named `name`, around `at`.
pub(crate) fn catch_of<'t>(cx: &Checker<'_, '_>, name: &str, at: Node<'t>) -> Option<Node<'t>> {
    let mut cur = at.parent();
    while let Some(n) = cur {
        match n.kind() {
            "catch_clause" => {
                let param = n
                    .named_children(&mut n.walk())
                    .find(|c| c.kind() == "catch_formal_parameter");
                if param
                    .and_then(|p| p.field("name"))
                    .is_some_and(|p| cx.text(p) == name)
                {
                    return Some(n);
                }
            }
            "method_declaration" | "class_body" | "lambda_expression" => return None,
            _ => {}
        }
        cur = n.parent();
    }
    None
}

/// The arguments of a call, as nodes.
pub(crate) fn call_args(node: Node<'_>) -> Vec<Node<'_>> {
    node.field("arguments")
        .map(|a| {
            let mut c = a.walk();
            a.named_children(&mut c)
                .filter(|n| !matches!(n.kind(), "line_comment" | "block_comment"))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the callable around `node` calls a method whose name, with a `with`/`set` prefix removed,
/// is `member` (any case), with an argument that is not the constant `false`/`0`/`"false"`.
pub(crate) fn sets_member(cx: &Checker<'_, '_>, scope: Node<'_>, member: &str) -> bool {
    use vigil_query::{ConstValue, Semantics};
    let want = vigil_aws::normalize(member);
    let mut hit = false;
    walk_tree(scope, |n| {
        if hit || n.kind() != "method_invocation" {
            return;
        }
        let Some(name) = n.field("name").map(|m| vigil_aws::normalize(cx.text(m))) else {
            return;
        };
        let bare = ["with", "set"]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(&name);
        if bare != want {
            return;
        }
        let off = call_args(n).first().is_some_and(|a| {
            matches!(
                cx.sem.const_value(*a),
                Some(ConstValue::Bool(false)) | Some(ConstValue::Int(0))
            ) || matches!(cx.sem.const_value(*a), Some(ConstValue::Str(s)) if s.eq_ignore_ascii_case("false"))
        });
        if !off {
            hit = true;
        }
    });
    hit
}

/// Whether the request argument of a client call is built elsewhere (a parameter or a field): the
/// method cannot tell what it sets.
pub(crate) fn request_from_elsewhere(cx: &Checker<'_, '_>, call: Node<'_>) -> bool {
    let args = call_args(call);
    args.iter().any(|a| {
        a.kind() == "identifier" && local_initializer(cx, cx.text(*a), call).is_none() && {
            // A local assigned later (`req = ...`) is still local.
            let ty = cx.sem.declared_type_of(cx.text(*a), *a);
            ty.is_some_and(|t| t.ends_with("Request"))
        }
    })
}

/// Whether the receiver of the call `node` is a `DynamoDBMapper`.
pub(crate) fn is_mapper(cx: &Checker<'_, '_>, node: Node<'_>) -> bool {
    let Some(obj) = node.field("object") else {
        return false;
    };
    if let Some(t) = expr_type(cx, obj) {
        return matches!(t.as_str(), "DynamoDBMapper" | "IDynamoDBMapper")
            && may_be_sdk_type(cx, &t);
    }
    // A snippet's field declared nowhere in the file, named like a DynamoDB mapper.
    obj.kind() == "identifier" && cx.sem.declared_type_of(cx.text(obj), obj).is_none() && {
        let l = cx.text(obj).to_ascii_lowercase();
        l == "mapper" || l == "dbmapper" || (l.contains("dynamo") && l.ends_with("mapper"))
    }
}

/// The innermost `for`/`while`/`do` loop around `node` (not a for-each over a collection, nor a
/// `forEach` lambda): the loops that poll or retry.
pub(crate) fn enclosing_repeat_loop<'t>(cx: &Checker<'_, '_>, node: Node<'t>) -> Option<Node<'t>> {
    enclosing_loop(cx, node).filter(|l| {
        matches!(
            l.kind(),
            "while_statement" | "do_statement" | "for_statement"
        )
    })
}

/// The declared return type of the method `name` of the file (unique by name) around `at`.
fn return_type_of(cx: &Checker<'_, '_>, at: Node<'_>, name: &str) -> Option<String> {
    let mut root = at;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut found = Vec::new();
    walk_tree(root, |n| {
        if n.kind() == "method_declaration" && n.field("name").is_some_and(|m| cx.text(m) == name) {
            if let Some(t) = n.field("type") {
                found.push(simple_type(cx.text(t)));
            }
        }
    });
    found.dedup();
    match found.as_slice() {
        [t] => Some(t.clone()),
        _ => None,
    }
}

/// Services whose clients are commonly held in a variable named after them (`s3`, `sqsClient`,
/// `amazonDynamoDB`).
const CLIENT_NAMES: &[&str] = &[
    "s3",
    "dynamodb",
    "sqs",
    "sns",
    "kinesis",
    "firehose",
    "kms",
    "ec2",
    "lambda",
    "secretsmanager",
    "ssm",
    "cloudwatch",
    "sts",
    "iam",
    "ecs",
    "rds",
    "sfn",
    "glue",
    "athena",
    "route53",
    "ses",
    "eventbridge",
    "cloudformation",
    "ecr",
    "autoscaling",
];

/// A snippet's variable declared nowhere in the file (a field of a class not shown) but named like a
/// service client: `s3Client`, `amazonSQS`, `dynamoDb`. Typed as that service's client, but only
/// when it is a client of a service whose table knows the call.
fn undeclared_client_name(cx: &Checker<'_, '_>, name: &str) -> Option<String> {
    if cx.sem.declares_type(name) || name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix("client").unwrap_or(&lower);
    let base = base
        .strip_prefix("amazon")
        .or_else(|| base.strip_prefix("aws"))
        .unwrap_or(base);
    let base = base.strip_suffix("async").unwrap_or(base);
    CLIENT_NAMES.contains(&base).then(|| {
        let svc = vigil_aws::table()
            .service(base)
            .map_or(base, |s| s.name.as_str());
        let mut c = svc.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase().to_string());
        format!(
            "{}{}Client",
            first.unwrap_or_default(),
            c.as_str().replace('-', "")
        )
    })
}
