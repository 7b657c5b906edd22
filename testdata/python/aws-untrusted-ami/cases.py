import boto3

ec2 = boto3.client("ec2")
ec2_resource = boto3.resource("ec2")


def latest_image():
    # ruleid: python/aws-untrusted-ami
    images = ec2.describe_images(Filters=[{"Name": "name", "Values": ["ubuntu-jammy-*"]}])["Images"]
    return max(images, key=lambda i: i["CreationDate"])["ImageId"]


def by_name_resource(name):
    # ruleid: python/aws-untrusted-ami
    return list(ec2_resource.images.filter(Filters=[{"Name": "name", "Values": [name]}]))


def trusted_image():
    # ok: python/aws-untrusted-ami -- Owners restricts the publisher
    images = ec2.describe_images(Owners=["099720109477"], Filters=[{"Name": "name", "Values": ["ubuntu-jammy-*"]}])["Images"]
    return max(images, key=lambda i: i["CreationDate"])["ImageId"]


def owner_filter(name):
    # ok: python/aws-untrusted-ami -- owner-alias filter
    return list(ec2_resource.images.filter(Filters=[{"Name": "owner-alias", "Values": ["amazon"]}, {"Name": "name", "Values": [name]}]))


def by_id(image_id):
    # ok: python/aws-untrusted-ami -- a specific image id
    return ec2.describe_images(ImageIds=[image_id])["Images"][0]


def owner_in_variable(name, owner_id):
    filters = [{"Name": "name", "Values": [name]}, {"Name": "owner-id", "Values": [owner_id]}]
    # ok: python/aws-untrusted-ami -- the owner filter is in the variable
    return list(ec2_resource.images.filter(Filters=filters))
