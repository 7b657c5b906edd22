import boto
import boto.ec2
import boto3
from boto.s3.connection import S3Connection


def bucket(name):
    # ruleid: python/aws-deprecated-boto2
    return boto.connect_s3().get_bucket(name)


def instances(region):
    # ruleid: python/aws-deprecated-boto2
    conn = boto.ec2.connect_to_region(region)
    return conn.get_all_instances()


def legacy(key, secret):
    # ruleid: python/aws-deprecated-boto2
    return S3Connection(key, secret)


def modern(name):
    # ok: python/aws-deprecated-boto2 -- boto3
    return boto3.resource("s3").Bucket(name)


def config_value():
    # ok: python/aws-deprecated-boto2 -- boto's config reader opens no connection
    return boto.config.get("Boto", "debug")
