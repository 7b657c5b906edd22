import time

import boto3
import botocore.exceptions
from botocore.config import Config
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
ddb = boto3.client("dynamodb", config=Config(retries={"mode": "adaptive", "max_attempts": 10}))
table = boto3.resource("dynamodb").Table("orders")


def fetch(bucket, key):
    for attempt in range(5):
        try:
            # ruleid: python/aws-manual-retry
            return s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")["Body"].read()
        except ClientError:
            time.sleep(2 ** attempt)
    raise RuntimeError("gave up")


def put(item):
    retries = 0
    while retries < 3:
        try:
            # ruleid: python/aws-manual-retry
            table.put_item(Item=item)
            return
        except botocore.exceptions.ClientError as err:
            if err.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                raise
            retries += 1
            time.sleep(1)


def copy_all(keys):
    for key in keys:
        try:
            # ok: python/aws-manual-retry -- iterates over data, pausing between items; not a retry
            s3.copy_object(Bucket="dst", Key=key, CopySource={"Bucket": "src", "Key": key}, ExpectedBucketOwner="111122223333")
        except ClientError:
            pass
        time.sleep(0.1)


def once(bucket, key):
    try:
        # ok: python/aws-manual-retry -- no loop: a single attempt with error handling
        return s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")
    except ClientError:
        return None


def count(name):
    # ok: python/aws-manual-retry -- retries configured on the client
    return ddb.describe_table(TableName=name)["Table"]["ItemCount"]


def local_retry(path):
    for attempt in range(3):
        try:
            # ok: python/aws-manual-retry -- not an AWS call
            with open(path) as f:
                return f.read()
        except OSError:
            time.sleep(attempt)
    return None


def collect(stack, cfn_client):
    events = set()
    while True:
        try:
            for page in cfn_client.get_paginator("describe_stack_events").paginate(StackName=stack):
                for event in page["StackEvents"]:
                    # ok: python/aws-manual-retry -- `events` is a set, not an EventBridge client
                    events.add(event["EventId"])
        except ClientError:
            return events
        time.sleep(5)
