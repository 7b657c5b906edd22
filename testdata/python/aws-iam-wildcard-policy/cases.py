import json

import boto3

iam = boto3.client("iam")


def grant_all(role):
    # ruleid: python/aws-iam-wildcard-policy
    statement = {"Effect": "Allow", "Action": "*", "Resource": "*"}
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    iam.put_role_policy(RoleName=role, PolicyName="all", PolicyDocument=json.dumps(policy))


def grant_service(user):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                # ruleid: python/aws-iam-wildcard-policy
                "Action": ["s3:GetObject", "dynamodb:*"],
                "Resource": "*",
            }
        ],
    }
    iam.put_user_policy(UserName=user, PolicyName="svc", PolicyDocument=json.dumps(policy))


def grant_least(role):
    # ok: python/aws-iam-wildcard-policy -- specific actions
    statement = {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*"}
    iam.put_role_policy(RoleName=role, PolicyName="read", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


def deny_all(role):
    # ok: python/aws-iam-wildcard-policy -- a Deny statement
    statement = {"Effect": "Deny", "Action": "*", "Resource": "*"}
    iam.put_role_policy(RoleName=role, PolicyName="deny", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


def ui_state():
    # ok: python/aws-iam-wildcard-policy -- not a policy statement
    return {"Action": "*", "Label": "all"}
