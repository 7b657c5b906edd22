import boto3

sqs = boto3.client("sqs")
table = boto3.resource("dynamodb").Table("orders")
ddb = boto3.client("dynamodb")
kinesis = boto3.client("kinesis")
s3 = boto3.client("s3")
sns = boto3.client("sns")


def enqueue(url, bodies):
    for body in bodies:
        # ruleid: python/aws-batch-operation-in-loop
        sqs.send_message(QueueUrl=url, MessageBody=body)


def ack(url, messages):
    for m in messages:
        # ruleid: python/aws-batch-operation-in-loop
        sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])


def store(items):
    for item in items:
        # ruleid: python/aws-batch-operation-in-loop
        table.put_item(Item=item)


def store_low_level(items):
    for item in items:
        # ruleid: python/aws-batch-operation-in-loop
        ddb.put_item(TableName="orders", Item=item)


def emit(events):
    # ruleid: python/aws-batch-operation-in-loop
    return [kinesis.put_record(StreamName="s", Data=e, PartitionKey="k") for e in events]


def purge(bucket, keys):
    for key in keys:
        # ruleid: python/aws-batch-operation-in-loop
        s3.delete_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")


def broadcast(topic, messages):
    for m in messages:
        # ruleid: python/aws-batch-operation-in-loop
        sns.publish(TopicArn=topic, Message=m)


def store_batched(items):
    with table.batch_writer() as writer:
        for item in items:
            # ok: python/aws-batch-operation-in-loop -- goes through batch_writer
            writer.put_item(Item=item)


def enqueue_batched(url, bodies):
    for start in range(0, len(bodies), 10):
        entries = [{"Id": str(i), "MessageBody": b} for i, b in enumerate(bodies[start:start + 10])]
        # ok: python/aws-batch-operation-in-loop -- already the batch operation
        response = sqs.send_message_batch(QueueUrl=url, Entries=entries)
        if response.get("Failed"):
            raise RuntimeError(response["Failed"])


def first_reachable(urls, body):
    for url in urls:
        try:
            # ok: python/aws-batch-operation-in-loop -- stops at the first success
            return sqs.send_message(QueueUrl=url, MessageBody=body)
        except Exception:
            continue


def consume(url):
    while True:
        for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages", []):
            print(m["Body"])
        # ok: python/aws-batch-operation-in-loop -- one message, not per item of a collection
        sqs.send_message(QueueUrl=url, MessageBody="heartbeat")
