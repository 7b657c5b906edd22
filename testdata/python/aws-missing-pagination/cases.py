import boto3

s3 = boto3.client("s3")
ddb = boto3.client("dynamodb")
table = boto3.resource("dynamodb").Table("events")
session = boto3.session.Session()
lam = session.client("lambda")


def list_keys(bucket):
    # ruleid: python/aws-missing-pagination
    response = s3.list_objects_v2(Bucket=bucket, Prefix="logs/", ExpectedBucketOwner="111122223333")
    return [o["Key"] for o in response.get("Contents", [])]


def all_items(name):
    # ruleid: python/aws-missing-pagination
    return ddb.scan(TableName=name)["Items"]


def recent(pk):
    # ruleid: python/aws-missing-pagination
    result = table.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": pk})
    return result["Items"]


def functions():
    # ruleid: python/aws-missing-pagination
    return [f["FunctionName"] for f in lam.list_functions()["Functions"]]


def count_queues(sqs_client):
    # ruleid: python/aws-missing-pagination
    return len(sqs_client.list_queues(QueueNamePrefix="app-").get("QueueUrls", []))


def paged_keys(bucket):
    paginator = s3.get_paginator("list_objects_v2")
    keys = []
    for page in paginator.paginate(Bucket=bucket, ExpectedBucketOwner="111122223333"):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    return keys


def scan_everything(name):
    items, start = [], None
    while True:
        kwargs = {"TableName": name}
        if start:
            kwargs["ExclusiveStartKey"] = start
        # ok: python/aws-missing-pagination -- the loop follows LastEvaluatedKey
        page = ddb.scan(**kwargs)
        items.extend(page["Items"])
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def query_all(pk):
    items = []
    # ok: python/aws-missing-pagination -- LastEvaluatedKey is followed below
    resp = table.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": pk})
    items.extend(resp["Items"])
    while "LastEvaluatedKey" in resp:
        resp = table.query(
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": pk},
            ExclusiveStartKey=resp["LastEvaluatedKey"],
        )
        items.extend(resp["Items"])
    return items


def first_ten(bucket):
    # ok: python/aws-missing-pagination -- an explicit page size: one page is intended
    return s3.list_objects_v2(Bucket=bucket, MaxKeys=10, ExpectedBucketOwner="111122223333").get("Contents", [])


def resource_listing(bucket_name):
    bucket = boto3.resource("s3").Bucket(bucket_name)
    # ok: python/aws-missing-pagination -- resource collections paginate themselves
    return [o.key for o in bucket.objects.all()]


def one_instance(ec2, instance_id):
    # ok: python/aws-missing-pagination -- specific ids bound the result
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]


def warm(name):
    # ok: python/aws-missing-pagination -- response discarded, nothing is read
    ddb.scan(TableName=name, Select="COUNT")


class Lister:
    def list_objects(self, bucket, prefix):
        return []


def own_wrapper(bucket):
    lister = Lister()
    # ok: python/aws-missing-pagination -- positional arguments: not a boto3 client operation
    return lister.list_objects(bucket, "logs/")


def camel_case_api(client):
    # ok: python/aws-missing-pagination -- arguments cased unlike any paginated API of that name
    return client.describe_services(cluster="prod", services=["web"])["services"]


def scan_param(table):
    # ruleid: python/aws-missing-pagination
    return table.scan(FilterExpression="active = :t", ExpressionAttributeValues={":t": True})["Items"]


def all_keys_by_token(bucket):
    keys, token = [], None
    while True:
        kwargs = {"Bucket": bucket, "ExpectedBucketOwner": "111122223333"}
        if token:
            kwargs["ContinuationToken"] = token
        # ok: python/aws-missing-pagination -- the loop follows NextContinuationToken
        resp = s3.list_objects_v2(**kwargs)
        keys.extend(o["Key"] for o in resp.get("Contents", []))
        if not resp.get("IsTruncated"):
            return keys
        token = resp["NextContinuationToken"]


def all_functions_by_marker():
    names = []
    # ok: python/aws-missing-pagination -- NextMarker is followed below
    resp = lam.list_functions()
    names.extend(f["FunctionName"] for f in resp["Functions"])
    while resp.get("NextMarker"):
        resp = lam.list_functions(Marker=resp["NextMarker"])
        names.extend(f["FunctionName"] for f in resp["Functions"])
    return names


def all_log_groups(logs):
    groups, token = [], None
    while True:
        # ok: python/aws-missing-pagination -- the loop passes nextToken back
        resp = logs.describe_log_groups(**({"nextToken": token} if token else {}))
        groups.extend(resp["logGroups"])
        token = resp.get("nextToken")
        if not token:
            return groups


def latest_five(pk):
    # ok: python/aws-missing-pagination -- an explicit small Limit: one page is intended
    return table.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": pk}, Limit=5)["Items"]


def first_users(iam):
    # ok: python/aws-missing-pagination -- MaxItems bounds the single page
    return iam.list_users(MaxItems=20)["Users"]


def paged_scan_resource():
    paginator = boto3.client("dynamodb").get_paginator("scan")
    items = []
    # ok: python/aws-missing-pagination -- a paginator follows LastEvaluatedKey
    for page in paginator.paginate(TableName="events"):
        items.extend(page["Items"])
    return items
