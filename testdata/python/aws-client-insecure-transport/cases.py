import boto3

session = boto3.session.Session()

# ruleid: python/aws-client-insecure-transport
s3 = boto3.client("s3", verify=False)
# ruleid: python/aws-client-insecure-transport
sqs = session.client("sqs", use_ssl=False)
# ruleid: python/aws-client-insecure-transport
ddb = boto3.resource("dynamodb", endpoint_url="http://dynamodb.internal.example.com:8000")

# ok: python/aws-client-insecure-transport -- a private CA bundle, still verified
kms = boto3.client("kms", verify="/etc/ssl/corp-ca.pem")
# ok: python/aws-client-insecure-transport -- a local emulator
local = boto3.client("s3", endpoint_url="http://localhost:4566")
# ok: python/aws-client-insecure-transport -- HTTPS endpoint
vpce = boto3.client("sqs", endpoint_url="https://vpce-1234.sqs.eu-west-1.vpce.amazonaws.com")
