import boto3
from boto3.session import Session

SHARED_S3 = boto3.client("s3")
orders = boto3.resource("dynamodb").Table("orders")
_sqs = None


def handler(event, context):
    # ruleid: python/aws-lambda-client-reuse
    client = boto3.client("sns")
    client.publish(TopicArn=event["topic"], Message="hi")


def lambda_handler(event, context):
    # ruleid: python/aws-lambda-client-reuse
    table = boto3.resource("dynamodb").Table("users")
    return table.get_item(Key={"id": event["id"]}).get("Item")


def typed_handler(event: dict, context) -> dict:
    session = Session()
    # ruleid: python/aws-lambda-client-reuse
    sqs = session.client(service_name="sqs")
    sqs.delete_queue(QueueUrl=event["url"])
    return {}


def reuse_handler(event, context):
    # ok: python/aws-lambda-client-reuse -- module-scope client used in the handler
    return SHARED_S3.head_bucket(Bucket=event["bucket"], ExpectedBucketOwner="111122223333")


def lazy_handler(event, context):
    global _sqs
    if _sqs is None:
        # ok: python/aws-lambda-client-reuse -- created once, cached in a global
        _sqs = boto3.client("sqs")
    return _sqs.get_queue_url(QueueName=event["name"])


def helper(name):
    # ok: python/aws-lambda-client-reuse -- not a handler, not in a loop
    return boto3.client("ssm").get_parameter(Name=name)


def copy_everywhere(regions, image):
    for region in regions:
        # ok: python/aws-lambda-client-reuse -- one client per region is needed
        ec2 = boto3.client("ec2", region_name=region)
        ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy")


def notify_all(topics):
    for topic in topics:
        # ruleid: python/aws-lambda-client-reuse
        sns = boto3.client("sns")
        # ruleid: python/aws-batch-operation-in-loop
        sns.publish(TopicArn=topic, Message="done")


def drain(queue_url):
    while True:
        # ruleid: python/aws-lambda-client-reuse
        sqs = boto3.resource("sqs")
        queue = sqs.Queue(queue_url)
        if not queue.receive_messages(WaitTimeSeconds=20):
            break


def confirm_all(event):
    for record in event["Records"]:
        topic_arn = record["TopicArn"]
        # ok: python/aws-lambda-client-reuse -- the region comes from this iteration's record
        sns = boto3.client("sns", region_name=topic_arn.split(":")[3])
        sns.confirm_subscription(TopicArn=topic_arn, Token=record["Token"], AuthenticateOnUnsubscribe="true")
