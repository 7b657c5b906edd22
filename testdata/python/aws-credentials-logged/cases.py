import logging

import boto3

log = logging.getLogger(__name__)
secrets = boto3.client("secretsmanager")
sts = boto3.client("sts")


def db_password(name):
    secret = secrets.get_secret_value(SecretId=name)["SecretString"]
    # ruleid: python/aws-credentials-logged
    log.info("loaded secret %s", secret)
    return secret


def show_credentials():
    creds = boto3.Session().get_credentials().get_frozen_credentials()
    # ruleid: python/aws-credentials-logged
    print("using", creds.access_key, creds.secret_key)


def assume(role_arn):
    response = sts.assume_role(RoleArn=role_arn, RoleSessionName="job")
    # ruleid: python/aws-credentials-logged
    logging.debug("assumed: %s", response["Credentials"]["SecretAccessKey"])
    return response["Credentials"]


def db_password_quiet(name):
    secret = secrets.get_secret_value(SecretId=name)["SecretString"]
    # ok: python/aws-credentials-logged -- only the secret's name is logged
    log.info("loaded secret %s", name)
    return secret


def which_credentials():
    # ok: python/aws-credentials-logged -- the provider's name, not the keys
    log.info("credentials from %s", boto3.Session().get_credentials().method)


def missing(name):
    # ok: python/aws-credentials-logged -- a message naming the member, no value
    log.error("secret %s has no SecretString", name)
