import boto3

sqs = boto3.client("sqs")
REGION = "eu-west-1"


def send(account, name, body):
    # ruleid: python/aws-sqs-queue-url-from-name
    url = f"https://sqs.{REGION}.amazonaws.com/{account}/{name}"
    sqs.send_message(QueueUrl=url, MessageBody=body)


def send_format(account, name, body):
    # ruleid: python/aws-sqs-queue-url-from-name
    sqs.send_message(QueueUrl="https://sqs.{}.amazonaws.com/{}/{}".format(REGION, account, name), MessageBody=body)


def send_concat(account, name, body):
    # ruleid: python/aws-sqs-queue-url-from-name
    url = "https://sqs." + REGION + ".amazonaws.com/" + account + "/" + name
    sqs.send_message(QueueUrl=url, MessageBody=body)


def send_resolved(name, body):
    # ok: python/aws-sqs-queue-url-from-name -- asked from SQS
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=body)


def topic_arn(account, name):
    # ok: python/aws-sqs-queue-url-from-name -- an ARN, not a queue URL
    return f"arn:aws:sns:{REGION}:{account}:{name}"
