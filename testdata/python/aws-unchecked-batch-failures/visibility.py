import boto3

sqs = boto3.client("sqs")
sqs_resource = boto3.resource("sqs")


def extend(queue_url, messages):
    entries = [{"Id": m["MessageId"], "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 300} for m in messages]
    # ruleid: python/aws-unchecked-batch-failures
    sqs.change_message_visibility_batch(QueueUrl=queue_url, Entries=entries)


def extend_logged(queue_url, entries):
    # ruleid: python/aws-unchecked-batch-failures
    resp = sqs.change_message_visibility_batch(QueueUrl=queue_url, Entries=entries)
    print(len(resp["Successful"]), "extended")


def extend_resource(queue_url, entries):
    queue = sqs_resource.Queue(queue_url)
    # ruleid: python/aws-unchecked-batch-failures
    queue.change_message_visibility_batch(Entries=entries)


def send_resource(queue_url, entries):
    queue = sqs_resource.Queue(queue_url)
    # ruleid: python/aws-unchecked-batch-failures
    queue.send_messages(Entries=entries)


def extend_checked(queue_url, entries):
    # ok: python/aws-unchecked-batch-failures -- failed entries are raised
    resp = sqs.change_message_visibility_batch(QueueUrl=queue_url, Entries=entries)
    if resp.get("Failed"):
        raise RuntimeError(resp["Failed"])


def delete_resource_checked(queue_url, entries):
    queue = sqs_resource.Queue(queue_url)
    # ok: python/aws-unchecked-batch-failures -- failed deletions are reported
    resp = queue.delete_messages(Entries=entries)
    for failed in resp.get("Failed", []):
        print("not deleted:", failed["Id"], failed["Code"])


def extend_one(queue_url, handle):
    # ok: python/aws-unchecked-batch-failures -- a single change fails with an exception, there is no failure list
    sqs.change_message_visibility(QueueUrl=queue_url, ReceiptHandle=handle, VisibilityTimeout=300)


def extend_message(message):
    # ok: python/aws-unchecked-batch-failures -- the Message resource's single change raises on failure
    message.change_visibility(VisibilityTimeout=300)
