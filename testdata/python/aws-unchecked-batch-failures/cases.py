import boto3

dynamodb = boto3.client("dynamodb")
resource = boto3.resource("dynamodb")
sqs = boto3.client("sqs")
kinesis = boto3.client("kinesis")
firehose = boto3.client("firehose")
sns = boto3.client("sns")


def save(requests):
    # ruleid: python/aws-unchecked-batch-failures
    dynamodb.batch_write_item(RequestItems={"orders": requests})


def save_with_resource(requests):
    # ruleid: python/aws-unchecked-batch-failures
    resource.batch_write_item(RequestItems={"orders": requests})


def fetch(keys):
    # ruleid: python/aws-unchecked-batch-failures
    response = dynamodb.batch_get_item(RequestItems={"orders": {"Keys": keys}})
    return response["Responses"]["orders"]


def send(queue_url, entries):
    # ruleid: python/aws-unchecked-batch-failures
    result = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
    return len(result["Successful"])


def stream(records):
    # ruleid: python/aws-unchecked-batch-failures
    kinesis.put_records(StreamName="clicks", Records=records)


def deliver(records):
    # ruleid: python/aws-unchecked-batch-failures
    firehose.put_record_batch(DeliveryStreamName="logs", Records=records)


def announce(topic, entries):
    # ruleid: python/aws-unchecked-batch-failures
    sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=entries)


def save_retrying(requests):
    pending = {"orders": requests}
    while pending:
        # ok: python/aws-unchecked-batch-failures -- UnprocessedItems are resent
        response = dynamodb.batch_write_item(RequestItems=pending)
        pending = response.get("UnprocessedItems")


def send_checked(queue_url, entries):
    # ok: python/aws-unchecked-batch-failures -- Failed entries are inspected
    result = sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)
    if result.get("Failed"):
        raise RuntimeError(result["Failed"])


def stream_checked(records):
    # ok: python/aws-unchecked-batch-failures -- FailedRecordCount is checked
    out = kinesis.put_records(StreamName="clicks", Records=records)
    return out["FailedRecordCount"] == 0


def save_with_writer(items):
    table = resource.Table("orders")
    with table.batch_writer() as batch:
        for item in items:
            # ok: python/aws-unchecked-batch-failures -- batch_writer resends unprocessed items
            batch.put_item(Item=item)


def forward(requests):
    # ok: python/aws-unchecked-batch-failures -- the caller gets the response
    return dynamodb.batch_write_item(RequestItems=requests)
