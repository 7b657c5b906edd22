import boto3

s3 = boto3.client("s3")
OWNER = "111122223333"


def read(key):
    # ruleid: python/aws-s3-missing-bucket-owner
    return s3.get_object(Bucket="reports", Key=key)["Body"].read()


def write(key, data):
    # ruleid: python/aws-s3-missing-bucket-owner
    s3.put_object(Bucket="reports", Key=key, Body=data)


def read_owned(key):
    # ok: python/aws-s3-missing-bucket-owner -- owner condition set
    return s3.get_object(Bucket="reports", Key=key, ExpectedBucketOwner=OWNER)["Body"].read()


def upload(path, key):
    # ok: python/aws-s3-missing-bucket-owner -- managed transfer (owner goes in ExtraArgs)
    s3.upload_file(path, "reports", key, ExtraArgs={"ExpectedBucketOwner": OWNER})


def link(key):
    # ok: python/aws-s3-missing-bucket-owner -- presigned URL, no request is made
    return s3.generate_presigned_url("get_object", Params={"Bucket": "reports", "Key": key})


def other(table):
    # ok: python/aws-s3-missing-bucket-owner -- not an S3 client
    return table.get_item(Key={"Bucket": "x"})
