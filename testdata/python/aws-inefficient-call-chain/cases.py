import boto3

s3 = boto3.client("s3")
s3_resource = boto3.resource("s3")
OWNER = "111122223333"


def size(bucket, key):
    # ruleid: python/aws-inefficient-call-chain
    return s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)["ContentLength"]


def describe(bucket, key):
    # ruleid: python/aws-inefficient-call-chain
    resp = s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    return resp["ContentType"], resp.get("ETag"), resp["Metadata"]


def measured(bucket, key):
    # ruleid: python/aws-inefficient-call-chain
    return len(s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)["Body"].read())


def resource_size(bucket, key):
    obj = s3_resource.Object(bucket, key)
    # ruleid: python/aws-inefficient-call-chain
    return obj.get()["ContentLength"]


def head(bucket, key):
    # ok: python/aws-inefficient-call-chain -- HEAD request
    return s3.head_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)["ContentLength"]


def read(bucket, key):
    # ok: python/aws-inefficient-call-chain -- the body is read
    resp = s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    if resp["ContentLength"] > 10_000_000:
        raise ValueError("too big")
    return resp["Body"].read()


def read_and_measure(bucket, key):
    # ok: python/aws-inefficient-call-chain -- the bytes are kept and used
    data = s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)["Body"].read()
    print(len(data))
    return data


def handed_on(bucket, key):
    # ok: python/aws-inefficient-call-chain -- the caller gets the stream
    resp = s3.get_object(Bucket=bucket, Key=key, ExpectedBucketOwner=OWNER)
    print(resp["ETag"])
    return resp


def streamed(bucket, key, sink):
    obj = s3_resource.Object(bucket, key)
    # ok: python/aws-inefficient-call-chain -- the body is streamed to the sink
    body = obj.get()["Body"]
    for chunk in body.iter_chunks():
        sink.write(chunk)


def other(cache, key):
    # ok: python/aws-inefficient-call-chain -- not S3
    return cache.get_object(key)["size"]
