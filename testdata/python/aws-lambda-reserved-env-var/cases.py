import os

import boto3

lam = boto3.client("lambda")


def handler(event, context):
    # ruleid: python/aws-lambda-reserved-env-var
    os.environ["AWS_REGION"] = event["region"]
    # ruleid: python/aws-lambda-reserved-env-var
    os.environ["_HANDLER"] = "other.handler"
    # ok: python/aws-lambda-reserved-env-var -- a variable of the application's own
    os.environ["TARGET_REGION"] = event["region"]
    return {"ok": True}


def deploy(name, role, code):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": code},
        Environment={
            "Variables": {
                # ruleid: python/aws-lambda-reserved-env-var
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
                # ok: python/aws-lambda-reserved-env-var -- not reserved
                "LOG_LEVEL": "INFO",
            }
        },
    )


def reconfigure(name):
    lam.update_function_configuration(
        FunctionName=name,
        # ruleid: python/aws-lambda-reserved-env-var
        Environment={"Variables": {"AWS_ACCESS_KEY_ID": "from-config"}},
    )


def configure_tests():
    # ok: python/aws-lambda-reserved-env-var -- not inside a Lambda handler (a local test setup)
    os.environ["AWS_REGION"] = "us-east-1"


def create_variable():
    # ruleid: python/aws-lambda-reserved-env-var
    os.environ["_HANDLER"] = "value"
