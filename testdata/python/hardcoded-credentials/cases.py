import os

import boto3

# ruleid: python/hardcoded-credentials
DB_PASSWORD = "Winter2024!"
# ok: python/hardcoded-credentials -- read from the environment
API_KEY = os.environ.get("API_KEY")
# ok: python/hardcoded-credentials -- a key name, not a secret
PASSWORD_FIELD_PASSWORD = "user.password"
# ok: python/hardcoded-credentials -- a label
PASSWORD = "Password"
# ok: python/hardcoded-credentials -- a template
SECRET = "{vault_secret}"
# ruleid: python/hardcoded-credentials
ACCESS_KEY_ID = "AKIA2E0A8F3B244C9986"
# ok: python/hardcoded-credentials -- AWS's documented example key id
DOC_KEY_ID = "AKIAIOSFODNN7EXAMPLE"


def client():
    # ruleid: python/hardcoded-credentials
    return boto3.client("s3", aws_access_key_id=os.environ["AWS_ID"], aws_secret_access_key="q1vT9sXb/4kPz2Lr8mW0uYc7HdN3eJg5RfA6iBoS")


def doc_client():
    # ok: python/hardcoded-credentials -- AWS's documented example secret, a placeholder
    return boto3.client("s3", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def connect(db, user):
    # ruleid: python/hardcoded-credentials
    db.connect(user=user, password="s3cr3t-pass")
    # ok: python/hardcoded-credentials -- empty
    db.connect(user=user, password="")
    # ok: python/hardcoded-credentials -- from the environment
    db.connect(user=user, password=os.environ["DB_PASSWORD"])


class Settings:
    def __init__(self):
        # ruleid: python/hardcoded-credentials
        self.client_secret = "8f14e45fceea167a5a36dedd4bea2543"


# ruleid: python/hardcoded-credentials
def login(user, password="hunter2-Prod!"):
    return user, password


# ok: python/hardcoded-credentials -- None default, supplied by the caller
def login_ok(user, password: str = None):
    return user, password
