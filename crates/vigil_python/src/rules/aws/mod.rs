//! AWS SDK (boto3/botocore) best-practice rules. They run once per file, from the module node, and
//! share [`Env`]: which names hold a boto3 client or resource of which service, found from
//! `boto3.client("svc")`, `boto3.resource("svc")`, `session.client(service_name="svc")`,
//! `resource.meta.client` and `resource.Table(...)` assigned to names or `self.` attributes. Operation
//! facts (pagination tokens, waiters, batch failure members) come from the generated `vigil_aws` table.

mod batch_failures;
mod batch_in_loop;
mod client_reuse;
mod credentials_logged;
mod deprecated_boto2;
mod error_message;
mod get_item_unchecked;
mod iam_wildcard;
mod inefficient_chain;
mod insecure_transport;
mod kms_reencrypt;
mod lambda_reserved_env;
mod lambda_sync_metrics;
mod manual_retry;
mod pagination;
mod s3_bucket_owner;
mod s3_metadata_case;
mod sns_unauthenticated;
mod sqs_queue_url;
mod sqs_short_polling;
mod untrusted_ami;
mod waiter;

use crate::fields::Field;
use std::collections::HashMap;

use tree_sitter::Node;
use vigil_aws::Service;
use vigil_query::{walk_tree, ConstValue, Semantics};

use super::Checker;

/// Every analysis of this module (extends the front end's registry).
pub(crate) const ANALYSES: &[&str] = &[
    batch_failures::NAME,
    batch_in_loop::NAME,
    client_reuse::NAME,
    credentials_logged::NAME,
    deprecated_boto2::NAME,
    error_message::NAME,
    get_item_unchecked::NAME,
    iam_wildcard::NAME,
    inefficient_chain::NAME,
    insecure_transport::NAME,
    kms_reencrypt::NAME,
    lambda_reserved_env::NAME,
    lambda_sync_metrics::NAME,
    manual_retry::NAME,
    pagination::NAME,
    s3_bucket_owner::NAME,
    s3_metadata_case::NAME,
    sns_unauthenticated::NAME,
    sqs_queue_url::NAME,
    sqs_short_polling::NAME,
    untrusted_ami::NAME,
    waiter::NAME,
];

/// What kind of boto3 object a name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A low-level client (`boto3.client`).
    Client,
    /// A service resource (`boto3.resource`).
    Resource,
    /// A DynamoDB `Table` resource (its `scan`/`query`/`get_item` mirror the client's).
    Table,
    /// Another sub-resource (`Bucket`, `Queue`, `Object`, …).
    Sub,
}

/// A boto3 object of a known service.
#[derive(Debug, Clone, Copy)]
pub(super) struct Svc {
    pub service: &'static Service,
    pub kind: Kind,
}

/// A call `recv.op(...)` that may be an AWS operation.
pub(super) struct AwsCall<'t> {
    pub call: Node<'t>,
    pub op: String,
    /// The receiver's service, when known.
    pub svc: Option<Svc>,
}

/// What the AWS rules know about one file.
pub(super) struct Env {
    /// `name` or `self.attr` → the boto3 object it holds (`None`: bound to different services).
    bindings: HashMap<String, Option<Svc>>,
    /// The file uses boto3/botocore (imports them or creates a client).
    pub aws_file: bool,
    /// Whether a name that is not bound to a boto3 object but is named like one (`s3_client`,
    /// `orders_table`) counts as one.
    by_convention: bool,
}

/// Run every enabled AWS rule over the file (called once, with the module node).
pub(crate) fn check_module(cx: &mut Checker<'_, '_>, root: Node<'_>) {
    if !ANALYSES.iter().any(|a| cx.on(a)) {
        return;
    }
    let env = Env::build(cx, root);
    // Keyed on Lambda-only variable names: meaningful in any file.
    lambda_reserved_env::check(cx, &env);
    if !env.aws_file {
        return;
    }
    batch_failures::check(cx, &env);
    batch_in_loop::check(cx, &env);
    client_reuse::check(cx, &env);
    credentials_logged::check(cx, &env);
    deprecated_boto2::check(cx, &env);
    error_message::check(cx, &env, root);
    get_item_unchecked::check(cx, &env);
    iam_wildcard::check(cx, &env, root);
    inefficient_chain::check(cx, &env);
    insecure_transport::check(cx, &env);
    kms_reencrypt::check(cx, &env, root);
    lambda_sync_metrics::check(cx, &env);
    manual_retry::check(cx, &env, root);
    pagination::check(cx, &env);
    s3_bucket_owner::check(cx, &env);
    s3_metadata_case::check(cx, &env, root);
    sns_unauthenticated::check(cx, &env);
    sqs_queue_url::check(cx, &env, root);
    sqs_short_polling::check(cx, &env);
    untrusted_ami::check(cx, &env);
    waiter::check(cx, &env);
}

/// Normalized text of a name or `self.attr` target (whitespace removed).
fn key(cx: &Checker<'_, '_>, n: Node<'_>) -> Option<String> {
    matches!(n.kind(), "identifier" | "attribute")
        .then(|| cx.text(n).chars().filter(|c| !c.is_whitespace()).collect())
}

impl Env {
    fn build(cx: &Checker<'_, '_>, root: Node<'_>) -> Self {
        // The semantics collected the definitions and assignments in its one walk.
        let handler = cx
            .sem
            .function_definitions()
            .any(|f| client_reuse::is_handler(cx, f));
        let assignments: Vec<(String, Node<'_>)> = cx
            .sem
            .assignments
            .iter()
            .filter_map(|n| {
                let l = n.field("left")?;
                let r = n.field("right")?;
                Some((key(cx, l)?, r))
            })
            .collect();
        let aws_file = ["boto3", "botocore", "aioboto3", "aiobotocore", "boto"]
            .iter()
            .any(|m| cx.sem.imports(m))
            || cx.text(root).contains("boto3.")
            || handler;
        let mut env = Env {
            bindings: HashMap::new(),
            aws_file,
            by_convention: false,
        };
        // A name bound to a boto3 factory's result makes this an AWS file; a name that only looks
        // like a client (`overlap_table = ...`) does not.
        env.bind(cx, &assignments);
        if !env.bindings.is_empty() {
            env.aws_file = true;
        }
        env.by_convention = true;
        env.bindings.clear();
        env.bind(cx, &assignments);
        env
    }

    /// Bind each assigned name to the boto3 object its value evaluates to. Two passes so that
    /// `table = ddb.Table(n)` resolves after `ddb = boto3.resource(...)`.
    fn bind(&mut self, cx: &Checker<'_, '_>, assignments: &[(String, Node<'_>)]) {
        for _ in 0..2 {
            let found: Vec<(&String, Svc)> = assignments
                .iter()
                .filter_map(|(k, r)| Some((k, self.svc_of(cx, *r)?)))
                .collect();
            for (k, s) in found {
                let e = self.bindings.entry(k.clone()).or_insert(Some(s));
                if e.is_some_and(|o| o.service.name != s.service.name || o.kind != s.kind) {
                    *e = None;
                }
            }
        }
    }

    /// The boto3 object an expression evaluates to, if it is one.
    pub(super) fn svc_of(&self, cx: &Checker<'_, '_>, e: Node<'_>) -> Option<Svc> {
        self.svc_at(cx, e, 0)
    }

    /// [`Self::svc_of`] at receiver-chain depth `depth` (bounded: deeply nested input never overflows).
    fn svc_at(&self, cx: &Checker<'_, '_>, e: Node<'_>, depth: usize) -> Option<Svc> {
        if depth > 8 {
            return None;
        }
        match e.kind() {
            "parenthesized_expression" | "await" => self.svc_at(cx, e.named_child(0)?, depth + 1),
            "call" => {
                let f = e.field("function")?;
                if f.kind() != "attribute" {
                    return None;
                }
                let attr = cx.text(f.field("attribute")?);
                let recv = f.field("object")?;
                match attr {
                    "client" | "resource" => {
                        if !is_boto_factory(cx, recv) {
                            return None;
                        }
                        let args = e.field("arguments")?;
                        let name = service_arg(cx, args)?;
                        let service = vigil_aws::table().service(&name)?;
                        let kind = if attr == "client" {
                            Kind::Client
                        } else {
                            Kind::Resource
                        };
                        Some(Svc { service, kind })
                    }
                    _ if attr.starts_with(|c: char| c.is_ascii_uppercase()) => {
                        let parent = self.svc_at(cx, recv, depth + 1)?;
                        if parent.kind != Kind::Resource {
                            return None;
                        }
                        let kind = if parent.service.name == "dynamodb" && attr == "Table" {
                            Kind::Table
                        } else {
                            Kind::Sub
                        };
                        Some(Svc {
                            service: parent.service,
                            kind,
                        })
                    }
                    _ => None,
                }
            }
            "attribute" => {
                // `resource.meta.client`
                if cx.text(e).ends_with("meta.client") {
                    let meta = e.field("object")?;
                    let res = self.svc_at(cx, meta.field("object")?, depth + 1)?;
                    return Some(Svc {
                        service: res.service,
                        kind: Kind::Client,
                    });
                }
                self.lookup(cx, e)
            }
            "identifier" => self.lookup(cx, e),
            _ => None,
        }
    }

    fn lookup(&self, cx: &Checker<'_, '_>, e: Node<'_>) -> Option<Svc> {
        let k = key(cx, e)?;
        if let Some(b) = self.bindings.get(&k) {
            return *b;
        }
        if !self.by_convention {
            return None;
        }
        // A parameter or attribute named after its service: `s3_client`, `self.sqs`, `ddb_client`.
        let last = k.rsplit('.').next().unwrap_or(&k).to_ascii_lowercase();
        // `table`, `orders_table`, `self._table`: a DynamoDB `Table` resource by convention.
        if last.trim_start_matches('_') == "table" || last.ends_with("_table") {
            let service = vigil_aws::table().service("dynamodb")?;
            return Some(Svc {
                service,
                kind: Kind::Table,
            });
        }
        let base = last
            .trim_start_matches('_')
            .trim_end_matches("_client")
            .trim_start_matches("client_")
            .trim_end_matches("client");
        let name = match base {
            "ddb" | "dynamo" | "dynamodb" => "dynamodb",
            // Also plain words that happen to be service names.
            "" | "client" | "session" | "boto" | "aws" | "conn" | "events" | "logs" | "config"
            | "batch" | "health" | "support" | "pricing" | "account" | "budgets" | "backup"
            | "schemas" | "shield" | "signer" | "tax" | "invoicing" | "notifications" => {
                return None
            }
            b => b,
        };
        if !(last.contains("client") || last == name || base == "ddb" || base == "dynamo") {
            return None;
        }
        let service = vigil_aws::table().service(name)?;
        Some(Svc {
            service,
            kind: Kind::Client,
        })
    }

    /// `call` as an AWS operation: `recv.op(...)` with a known receiver, or (in a boto3 file) an
    /// unknown receiver that the rule then matches by operation name.
    pub(super) fn aws_call<'t>(&self, cx: &Checker<'_, '_>, call: Node<'t>) -> Option<AwsCall<'t>> {
        if call.kind() != "call" {
            return None;
        }
        let f = call.field("function")?;
        if f.kind() != "attribute" {
            return None;
        }
        let op = cx.text(f.field("attribute")?).to_owned();
        let recv = f.field("object")?;
        let svc = self.svc_of(cx, recv);
        if svc.is_none() {
            // boto3 client operations take keyword arguments only: a positional argument means
            // another API (a project's wrapper with the same method name).
            let positional = call.field("arguments").is_some_and(|a| {
                let mut c = a.walk();
                let any = a.named_children(&mut c).any(|x| {
                    !matches!(
                        x.kind(),
                        "keyword_argument" | "dictionary_splat" | "comment"
                    )
                });
                any
            });
            if positional {
                return None;
            }
            // `self.method()`, `str.x()`, `os.path.x()`: not clients.
            let r = cx.text(recv);
            if r == "self"
                || r == "cls"
                || cx
                    .sem
                    .qualified_name(recv)
                    .is_some_and(|q| !q.starts_with("boto"))
            {
                return None;
            }
        }
        Some(AwsCall { call, op, svc })
    }
}

impl AwsCall<'_> {
    /// The services this call may belong to whose operation satisfies `pred`: the receiver's service
    /// when known (client, or a DynamoDB table/resource for DynamoDB operations), else every service
    /// defining such an operation.
    pub(super) fn services(&self, pred: impl Fn(&Service) -> bool) -> Vec<&'static Service> {
        match self.svc {
            Some(s) => {
                let usable = match s.kind {
                    Kind::Client => true,
                    Kind::Table | Kind::Resource => s.service.name == "dynamodb",
                    Kind::Sub => false,
                };
                if usable && pred(s.service) {
                    vec![s.service]
                } else {
                    Vec::new()
                }
            }
            None => {
                if !self.op.contains('_') {
                    // `scan`, `query`, `publish`: too generic without a known receiver.
                    return Vec::new();
                }
                vigil_aws::table().services().filter(|s| pred(s)).collect()
            }
        }
    }

    /// The keyword arguments' names.
    pub(super) fn kwarg_names<'a>(&self, cx: &'a Checker<'_, '_>) -> Vec<&'a str> {
        let mut out = Vec::new();
        if let Some(args) = self.call.field("arguments") {
            let mut c = args.walk();
            for a in args.named_children(&mut c) {
                if a.kind() == "keyword_argument" {
                    if let Some(n) = a.field("name") {
                        out.push(cx.text(n));
                    }
                } else if a.kind() == "dictionary_splat" {
                    out.push("**");
                }
            }
        }
        out
    }
}

impl<'t> AwsCall<'t> {
    /// The value of keyword argument `name`.
    pub(super) fn kwarg(&self, cx: &Checker<'_, '_>, name: &str) -> Option<Node<'t>> {
        cx.sem.keyword_arg(self.call.field("arguments")?, name)
    }
}

/// Whether `recv` creates clients: the `boto3` module, a boto3 `Session`, or a name bound to one.
fn is_boto_factory(cx: &Checker<'_, '_>, recv: Node<'_>) -> bool {
    if let Some(q) = cx.sem.qualified_name(recv) {
        if q.starts_with("boto3") || q.starts_with("aioboto3") || q.starts_with("botocore") {
            return true;
        }
    }
    match recv.kind() {
        "call" => recv.field("function").is_some_and(|f| {
            cx.sem
                .qualified_name(f)
                .is_some_and(|q| q.starts_with("boto3") || q.starts_with("aioboto3"))
                || cx.text(f).ends_with("Session")
        }),
        "identifier" | "attribute" => {
            let t = cx.text(recv).to_ascii_lowercase();
            t.contains("session") || t == "boto3"
        }
        _ => false,
    }
}

/// The service name argument of `client(...)`/`resource(...)`: first positional or `service_name=`.
fn service_arg(cx: &Checker<'_, '_>, args: Node<'_>) -> Option<String> {
    let v = cx.sem.keyword_arg(args, "service_name").or_else(|| {
        let mut c = args.walk();
        let first = args.named_children(&mut c).next();
        first.filter(|a| a.kind() != "keyword_argument")
    })?;
    match cx.sem.const_value(v)? {
        ConstValue::Str(s) => Some(s),
        _ => None,
    }
}

/// The innermost function definition or lambda around `n`, if any.
pub(super) fn enclosing_function(n: Node<'_>) -> Option<Node<'_>> {
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p.kind() == "function_definition" {
            return Some(p);
        }
        cur = p.parent();
    }
    None
}

/// The code the rules search for follow-up reads: the enclosing function, else the module.
pub(super) fn scope(n: Node<'_>) -> Node<'_> {
    let mut top = n;
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p.kind() == "function_definition" {
            return p;
        }
        top = p;
        cur = p.parent();
    }
    top
}

/// The innermost loop (`for`/`while` statement or comprehension) whose BODY holds `n`, stopping at
/// the enclosing function.
pub(super) fn enclosing_loop(n: Node<'_>) -> Option<Node<'_>> {
    let mut child = n;
    let mut cur = n.parent();
    while let Some(p) = cur {
        match p.kind() {
            "function_definition" | "lambda" | "class_definition" => return None,
            "for_statement"
            | "while_statement"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
                if p.field("body").is_some_and(|b| b.id() == child.id()) =>
            {
                return Some(p);
            }
            _ => {}
        }
        child = p;
        cur = p.parent();
    }
    None
}

/// Whether `n` contains a call named `sleep` (`time.sleep`, `sleep`, `asyncio.sleep`).
pub(super) fn has_sleep(cx: &Checker<'_, '_>, n: Node<'_>) -> bool {
    let mut found = false;
    walk_tree(n, |c| {
        if !found && c.kind() == "call" {
            if let Some(f) = c.field("function") {
                let t = cx.text(f);
                found = t == "sleep" || t.ends_with(".sleep");
            }
        }
    });
    found
}

/// Visit every `call` of the file, in pre-order, from the semantics index (no walk of the tree).
pub(super) fn each_call<'t>(cx: &Checker<'_, 't>, mut visit: impl FnMut(Node<'t>)) {
    for &n in &cx.sem.calls {
        visit(n);
    }
}

/// Every `call` node under `n`.
pub(super) fn calls(n: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    walk_tree(n, |c| {
        if c.kind() == "call" {
            out.push(c);
        }
    });
    out
}

/// Whether the source of `n` mentions any of `words` (as a string key or attribute).
pub(super) fn mentions(cx: &Checker<'_, '_>, n: Node<'_>, words: &[&str]) -> bool {
    let t = cx.text(n);
    words.iter().any(|w| !w.is_empty() && t.contains(w))
}

/// How a call's result is used.
pub(super) enum Use<'t> {
    /// The statement is the call alone: the response is dropped.
    Discarded,
    /// Assigned to a name (or `self.attr`).
    Assigned(Node<'t>),
    /// Returned or yielded to the caller.
    Returned,
    /// Any other use (subscripted, passed on, iterated).
    Other(Node<'t>),
}

pub(super) fn use_of(call: Node<'_>) -> Use<'_> {
    let mut n = call;
    while let Some(p) = n.parent() {
        match p.kind() {
            "await" | "parenthesized_expression" => n = p,
            "expression_statement" => return Use::Discarded,
            "assignment" => {
                return match p.field("left") {
                    Some(l)
                        if matches!(l.kind(), "identifier" | "attribute")
                            && p.field("right").is_some_and(|r| r.id() == n.id()) =>
                    {
                        Use::Assigned(l)
                    }
                    _ => Use::Other(p),
                }
            }
            "return_statement" | "yield" => return Use::Returned,
            _ => return Use::Other(p),
        }
    }
    Use::Other(call)
}

/// Run `f` on every possible AWS call of the file and report what it returns, on the call, under
/// `name` (when that analysis is enabled).
pub(super) fn report_calls(
    cx: &mut Checker<'_, '_>,
    env: &Env,
    name: &str,
    mut f: impl FnMut(&Checker<'_, '_>, &AwsCall<'_>) -> Option<String>,
) {
    if !cx.on(name) {
        return;
    }
    // The calls the semantics collected in its walk (pre-order), not another walk of the file.
    let mut hits = Vec::new();
    for &n in &cx.sem.calls {
        if let Some(msg) = env.aws_call(cx, n).and_then(|call| f(cx, &call)) {
            hits.push((n, msg));
        }
    }
    for (n, msg) in hits {
        cx.report(name, n, msg);
    }
}
