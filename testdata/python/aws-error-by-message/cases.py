import re

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
sqs = boto3.client("sqs")


def read(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")["Body"].read()
    except ClientError as e:
        # ruleid: python/aws-error-by-message
        if "NoSuchKey" in str(e):
            return None
        raise


def queue_url(name):
    try:
        return sqs.get_queue_url(QueueName=name)["QueueUrl"]
    except Exception as exc:
        message = str(exc)
        # ruleid: python/aws-error-by-message
        if message.startswith("An error occurred (AWS.SimpleQueueService.NonExistentQueue)"):
            return None
        raise


def exists(bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")
        return True
    except ClientError as err:
        # ruleid: python/aws-error-by-message
        if re.search("Not Found", str(err)):
            return False
        raise


def by_message_member(bucket):
    try:
        s3.head_bucket(Bucket=bucket, ExpectedBucketOwner="111122223333")
    except ClientError as e:
        # ruleid: python/aws-error-by-message
        if e.response["Error"]["Message"] == "Forbidden":
            return False
    return True


def by_code(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")["Body"].read()
    except ClientError as e:
        # ok: python/aws-error-by-message -- the error code is compared
        if e.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise


def by_class(bucket, key):
    try:
        return s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner="111122223333")["Body"].read()
    except s3.exceptions.NoSuchKey as e:
        # ok: python/aws-error-by-message -- the message is only logged
        print("missing: " + str(e))
        return None


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        # ok: python/aws-error-by-message -- not an AWS error
        if "invalid literal" in str(e):
            return 0
        raise
