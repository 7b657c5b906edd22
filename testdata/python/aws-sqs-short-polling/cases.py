import boto3

sqs = boto3.client("sqs")
queue = boto3.resource("sqs").Queue("https://sqs.eu-west-1.amazonaws.com/111122223333/jobs")


def poll(url):
    while True:
        # ruleid: python/aws-sqs-short-polling
        for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
            print(m["Body"])


def poll_resource():
    while True:
        # ruleid: python/aws-sqs-short-polling
        for m in queue.receive_messages(MaxNumberOfMessages=10):
            m.delete()


def poll_long(url):
    while True:
        # ok: python/aws-sqs-short-polling -- long polling
        for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages", []):
            print(m["Body"])


def poll_resource_long():
    # ok: python/aws-sqs-short-polling -- long polling on the resource
    return queue.receive_messages(WaitTimeSeconds=10)


def poll_configured(url, **options):
    # ok: python/aws-sqs-short-polling -- options passed through may set WaitTimeSeconds
    return sqs.receive_message(QueueUrl=url, **options)
