import boto3

s3 = boto3.client("s3")
OWNER = "111122223333"


def owner(bucket, key):
    head = s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    # ruleid: python/aws-s3-metadata-case
    return head["Metadata"]["Owner-Id"]


def version(bucket, key):
    # ruleid: python/aws-inefficient-call-chain
    meta = s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)["Metadata"]
    # ruleid: python/aws-s3-metadata-case
    return meta.get("SchemaVersion")


def resource_style(bucket, key):
    obj = boto3.resource("s3").Object(bucket, key)
    # ruleid: python/aws-s3-metadata-case
    return obj.metadata["Checksum"]


def owner_lower(bucket, key):
    head = s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    # ok: python/aws-s3-metadata-case -- lower-case key
    return head["Metadata"]["owner-id"]


def write(bucket, key, data):
    # ok: python/aws-s3-metadata-case -- writing mixed-case keys is fine (S3 lower-cases them)
    s3.put_object(Bucket=bucket, Key=key, Body=data, Metadata={"Owner-Id": "42"}, ExpectedBucketOwner=OWNER)


def content_type(bucket, key):
    head = s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    # ok: python/aws-s3-metadata-case -- a system header, not user metadata
    return head["ContentType"]
