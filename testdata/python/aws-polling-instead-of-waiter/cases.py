import time
from time import sleep

import boto3

ec2 = boto3.client("ec2")
ddb = boto3.client("dynamodb")
cfn = boto3.client("cloudformation")


def wait_running(instance_id):
    while True:
        # ruleid: python/aws-polling-instead-of-waiter
        r = ec2.describe_instances(InstanceIds=[instance_id])
        if r["Reservations"][0]["Instances"][0]["State"]["Name"] == "running":
            return
        time.sleep(5)


def wait_table(name):
    # ruleid: python/aws-polling-instead-of-waiter
    while ddb.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
        sleep(2)


def wait_stack(name):
    for _ in range(60):
        # ruleid: python/aws-polling-instead-of-waiter
        status = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if status.endswith("_COMPLETE"):
            break
        time.sleep(10)


def wait_running_properly(instance_id):
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id])
    # ok: python/aws-polling-instead-of-waiter -- a waiter was used, this is a single read
    return ec2.describe_instances(InstanceIds=[instance_id])


def report(names):
    for name in names:
        # ok: python/aws-polling-instead-of-waiter -- no sleep: iterates, does not poll
        print(ddb.describe_table(TableName=name)["Table"]["ItemCount"])


def poll_queue_depth(sqs, url):
    while True:
        # ok: python/aws-polling-instead-of-waiter -- no waiter polls queue attributes
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
        if attrs["Attributes"]["ApproximateNumberOfMessages"] == "0":
            return
        time.sleep(5)


def resource_style(instance_id):
    instance = boto3.resource("ec2").Instance(instance_id)
    # ok: python/aws-polling-instead-of-waiter -- the resource's waiter
    instance.wait_until_running()


def busy_wait_volume(volume_id):
    state = "creating"
    while state != "available":
        # ruleid: python/aws-polling-instead-of-waiter
        state = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"]


def all_volumes():
    volumes, token = [], None
    while True:
        kwargs = {"NextToken": token} if token else {}
        # ok: python/aws-polling-instead-of-waiter -- a pagination loop, not polling
        page = ec2.describe_volumes(MaxResults=100, **kwargs)
        volumes.extend(page["Volumes"])
        token = page.get("NextToken")
        if not token:
            return volumes
