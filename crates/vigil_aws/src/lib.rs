//! The AWS SDK operation tables shared by the Java and Python AWS SDK rules.
//!
//! The data is `rules/aws/sdk-operations.json`, generated from botocore's service models by
//! `python3 rules/aws/generate.py --version <botocore version>` (never written by hand). It is embedded
//! in the binary and parsed once, on first use, so scans with no AWS rule enabled pay nothing.
//!
//! Lookups take an operation name in any SDK's spelling: botocore/Java v2 model names
//! (`ListObjectsV2`), Java method names (`listObjectsV2`) and boto3 method names
//! (`list_objects_v2`) all normalize to the same key (ASCII lowercase, underscores removed).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The generated table, as shipped.
const TABLE_JSON: &str = include_str!("../../../rules/aws/sdk-operations.json");

/// A paginated operation: the request member that takes the continuation token, the response member
/// that returns it, the page-size member and the result members.
#[derive(Debug, Clone, Deserialize)]
pub struct Paginated {
    /// Request members that carry the continuation token (e.g. `NextToken`, `ExclusiveStartKey`).
    #[serde(default)]
    pub input: Vec<String>,
    /// Response members that carry the next token (e.g. `NextToken`, `LastEvaluatedKey`).
    #[serde(default)]
    pub output: Vec<String>,
    /// The page-size request member, if the operation has one (e.g. `MaxResults`, `Limit`).
    #[serde(default)]
    pub limit: Option<String>,
    /// The response member that says whether more pages follow (e.g. `IsTruncated`), if any.
    #[serde(default)]
    pub more: Option<String>,
    /// Response members holding the page's items.
    #[serde(default)]
    pub result: Vec<String>,
    /// The boto3 method name.
    #[serde(default)]
    pub py: String,
}

/// A waiter: its model name, boto3 name and the operation it polls.
#[derive(Debug, Clone, Deserialize)]
pub struct Waiter {
    /// The operation the waiter polls (model name, e.g. `DescribeInstances`).
    pub operation: String,
    /// The boto3 spelling of that operation.
    #[serde(default)]
    pub operation_py: String,
    /// The boto3 waiter name (e.g. `instance_running`).
    #[serde(default)]
    pub py: String,
}

/// A batch operation whose response reports per-item failures.
#[derive(Debug, Clone, Deserialize)]
pub struct Batch {
    /// Response members listing the items that failed (e.g. `UnprocessedItems`, `Failed`).
    #[serde(default)]
    pub failures: Vec<String>,
    /// The boto3 method name.
    #[serde(default)]
    pub py: String,
}

#[derive(Debug, Default, Deserialize)]
struct RawService {
    #[serde(default)]
    paginated: HashMap<String, Paginated>,
    #[serde(default)]
    waiters: HashMap<String, Waiter>,
    #[serde(default)]
    batch: HashMap<String, Batch>,
}

#[derive(Debug, Deserialize)]
struct RawTable {
    #[serde(default)]
    source: String,
    services: HashMap<String, RawService>,
}

/// One service's operations, keyed by normalized operation name.
#[derive(Debug, Default)]
pub struct Service {
    /// The botocore service name (`dynamodb`, `s3`, `cognito-idp`).
    pub name: String,
    paginated: HashMap<String, (String, Paginated)>,
    /// Waiters keyed by the normalized name of the operation they poll.
    waiters_by_operation: HashMap<String, Vec<(String, Waiter)>>,
    batch: HashMap<String, (String, Batch)>,
}

impl Service {
    /// The paginated operation `op` (any spelling), with its model name.
    #[must_use]
    pub fn paginated(&self, op: &str) -> Option<(&str, &Paginated)> {
        self.paginated
            .get(&normalize(op))
            .map(|(n, p)| (n.as_str(), p))
    }

    /// The waiters that poll operation `op` (any spelling), with their model names.
    pub fn waiters_for(&self, op: &str) -> impl Iterator<Item = (&str, &Waiter)> {
        self.waiters_by_operation
            .get(&normalize(op))
            .into_iter()
            .flatten()
            .map(|(n, w)| (n.as_str(), w))
    }

    /// The batch operation `op` (any spelling) whose response lists failed items.
    #[must_use]
    pub fn batch(&self, op: &str) -> Option<(&str, &Batch)> {
        self.batch.get(&normalize(op)).map(|(n, b)| (n.as_str(), b))
    }

    /// Every batch operation of the service (model name, data).
    pub fn batches(&self) -> impl Iterator<Item = (&str, &Batch)> {
        self.batch.values().map(|(n, b)| (n.as_str(), b))
    }
}

/// The whole table.
#[derive(Debug, Default)]
pub struct Table {
    /// Where the data came from (`botocore <version> (Apache-2.0)`).
    pub source: String,
    services: HashMap<String, Service>,
    /// Normalized service name (`-` and `_` removed) → botocore name.
    aliases: HashMap<String, String>,
}

impl Table {
    /// The service named `name` in botocore's spelling or any spelling that normalizes the same way
    /// (`DynamoDB`, `dynamodb`, `cognito_idp`, `CognitoIdp`).
    #[must_use]
    pub fn service(&self, name: &str) -> Option<&Service> {
        if let Some(s) = self.services.get(name) {
            return Some(s);
        }
        let key = normalize(name).replace('-', "");
        self.aliases.get(&key).and_then(|n| self.services.get(n))
    }

    /// The service of a Java SDK client type: v2 `DynamoDbClient`, `S3AsyncClient`,
    /// `SqsClientBuilder`; v1 `AmazonDynamoDB`, `AmazonS3Client`, `AmazonSQSAsync`, `AWSKMS`,
    /// `AWSLambdaClient`. `None` when the name is not a client type of a known service.
    #[must_use]
    pub fn service_for_java_client(&self, type_name: &str) -> Option<&Service> {
        let mut n = type_name;
        for suffix in ["Builder", "Client", "Async"] {
            n = n.strip_suffix(suffix).unwrap_or(n);
        }
        // `AmazonS3AsyncClient` → after `Client` is removed, `Async` may remain.
        n = n.strip_suffix("Async").unwrap_or(n);
        let stripped = n
            .strip_prefix("Amazon")
            .or_else(|| n.strip_prefix("AWS"))
            .unwrap_or(n);
        if stripped.is_empty() || stripped.len() == type_name.len() {
            // Neither a client/builder suffix nor an Amazon/AWS prefix: not a client type.
            if !(type_name.ends_with("Client") || type_name.ends_with("ClientBuilder")) {
                return None;
            }
        }
        self.service(stripped).or_else(|| {
            let key = normalize(stripped);
            JAVA_ALIASES
                .iter()
                .find(|(java, _)| *java == key)
                .and_then(|(_, svc)| self.service(svc))
        })
    }

    /// Every service.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }
}

/// Java client names (normalized, `Amazon`/`AWS` and `Client` removed) whose service is not named
/// like its botocore model.
const JAVA_ALIASES: &[(&str, &str)] = &[
    ("kinesisfirehose", "firehose"),
    ("simpleemailservice", "ses"),
    ("simpleemailservicev2", "sesv2"),
    ("simplesystemsmanagement", "ssm"),
    ("identitymanagement", "iam"),
    ("securitytokenservice", "sts"),
    ("elasticmapreduce", "emr"),
    ("cloudwatchevents", "events"),
    ("eventbridge", "events"),
    ("cloudwatchlogs", "logs"),
    ("elasticloadbalancing", "elb"),
    ("elasticloadbalancingv2", "elbv2"),
    ("elasticfilesystem", "efs"),
    ("sfn", "stepfunctions"),
    ("cognitoidentityprovider", "cognito-idp"),
    ("ec2containerregistry", "ecr"),
    ("simpledb", "sdb"),
    ("simpleworkflow", "swf"),
    ("keymanagementservice", "kms"),
];

/// Normalize an operation or service name: ASCII lowercase with `_` removed.
#[must_use]
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The embedded table, parsed on first use. An unparsable table (a build with a broken generated
/// file) yields an empty table: the AWS rules then find nothing rather than crash; the crate's tests
/// keep the shipped table parsable.
#[must_use]
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(TABLE_JSON).unwrap_or_default())
}

fn parse(json: &str) -> Result<Table, serde_json::Error> {
    let raw: RawTable = serde_json::from_str(json)?;
    let mut table = Table {
        source: raw.source,
        ..Table::default()
    };
    for (name, svc) in raw.services {
        let mut service = Service {
            name: name.clone(),
            ..Service::default()
        };
        for (op, p) in svc.paginated {
            service.paginated.insert(normalize(&op), (op, p));
        }
        for (wname, w) in svc.waiters {
            service
                .waiters_by_operation
                .entry(normalize(&w.operation))
                .or_default()
                .push((wname, w));
        }
        for list in service.waiters_by_operation.values_mut() {
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
        for (op, b) in svc.batch {
            service.batch.insert(normalize(&op), (op, b));
        }
        table
            .aliases
            .insert(normalize(&name).replace('-', ""), name.clone());
        table.services.insert(name, service);
    }
    Ok(table)
}

/// The environment variables the AWS Lambda runtime reserves (a function cannot set them).
pub const LAMBDA_RESERVED_ENV: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_is_complete() {
        let t = parse(TABLE_JSON).expect("the generated table parses");
        assert!(t.source.starts_with("botocore "), "{}", t.source);
        assert!(t.services.len() > 300, "{}", t.services.len());
    }

    #[test]
    fn lookups_accept_every_sdk_spelling() {
        let t = table();
        let s3 = t.service("s3").expect("s3");
        for op in ["ListObjectsV2", "listObjectsV2", "list_objects_v2"] {
            let (name, p) = s3.paginated(op).expect(op);
            assert_eq!(name, "ListObjectsV2");
            assert!(
                p.output.iter().any(|o| o == "NextContinuationToken"),
                "{p:?}"
            );
        }
        assert!(s3.paginated("get_object").is_none());
        let ddb = t.service("DynamoDB").expect("dynamodb");
        let (_, b) = ddb.batch("batchWriteItem").expect("batch write");
        assert_eq!(b.failures, ["UnprocessedItems"]);
        let ec2 = t.service("ec2").expect("ec2");
        assert!(ec2
            .waiters_for("describe_instances")
            .any(|(_, w)| w.py == "instance_running"));
        assert_eq!(
            t.service("cognito_idp").map(|s| s.name.as_str()),
            Some("cognito-idp")
        );
    }

    #[test]
    fn java_client_types_map_to_services() {
        let t = table();
        for (ty, svc) in [
            ("DynamoDbClient", "dynamodb"),
            ("DynamoDbAsyncClient", "dynamodb"),
            ("AmazonDynamoDB", "dynamodb"),
            ("AmazonDynamoDBClient", "dynamodb"),
            ("AmazonS3", "s3"),
            ("S3Client", "s3"),
            ("AmazonSQSAsync", "sqs"),
            ("SqsClientBuilder", "sqs"),
            ("AWSKMS", "kms"),
            ("AWSLambdaClient", "lambda"),
            ("AmazonKinesisFirehose", "firehose"),
            ("FirehoseClient", "firehose"),
            ("SfnClient", "stepfunctions"),
            ("EventBridgeClient", "events"),
            ("AmazonCloudWatchEvents", "events"),
            ("AWSSimpleSystemsManagement", "ssm"),
        ] {
            assert_eq!(
                t.service_for_java_client(ty).map(|s| s.name.as_str()),
                Some(svc),
                "{ty}"
            );
        }
        for ty in ["String", "Amazon", "HttpClient", "Logger"] {
            assert!(t.service_for_java_client(ty).is_none(), "{ty}");
        }
    }
}
