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
    # ruleid: python/hardcoded-credentials -- even AWS's documented example secret: the pattern is the defect
    return boto3.client("s3", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def session_client(token):
    # ok: python/hardcoded-credentials -- a placeholder, not key-shaped
    boto3.client("s3", aws_secret_access_key="<your-secret-key>")
    # ok: python/hardcoded-credentials -- passed in
    return boto3.client("s3", aws_secret_access_key=token)


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


# ruleid: python/hardcoded-credentials
GITHUB_TOKEN = "ghp_R7x2Lq9ZtW4mKc8VbN3sPd6HyJ1fGa5Ue0Xo"
# ruleid: python/hardcoded-credentials
JWT_SIGNING_KEY = "9c2f7a1e4b8d0f63a5e7c9b1d3f5a7e2"
# ok: python/hardcoded-credentials -- a low-entropy key name, not a secret
CACHE_KEY = "user_profile_cache_v2"
# ok: python/hardcoded-credentials -- too short to be a token
CSRF_TOKEN = "abc123"
# ok: python/hardcoded-credentials -- a URL, not a secret
OAUTH_TOKEN = "https://auth.example.org/oauth2/token"
# ok: python/hardcoded-credentials -- a test dummy
FAKE_TOKEN = "test-token-0000000000000000"
# ok: python/hardcoded-credentials -- a dummy password for local development
ADMIN_PASSWORD = "dummy-pass-1"
# ok: python/hardcoded-credentials -- read from the environment with no literal
SESSION_KEY = os.environ.get("SESSION_KEY", "")
# ok: python/hardcoded-credentials -- a letters-only label (the name of a setting)
ENCRYPTION_KEY = "encryptionKey"
# ok: python/hardcoded-credentials -- repeated characters have no entropy
MASTER_KEY = "0000000000000000aaaa"

DATABASES = {
    "default": {
        "USER": "app",
        # ruleid: python/hardcoded-credentials
        "PASSWORD": "Kx9!mQ2#vLp7",
        "HOST": "db.internal",
    },
    "replica": {
        # ok: python/hardcoded-credentials -- a template placeholder
        "PASSWORD": "${REPLICA_PASSWORD}",
        # ok: python/hardcoded-credentials -- empty
        "password": "",
    },
}


def check_login(user, password):
    # ruleid: python/hardcoded-credentials
    if password == "S3cure!Admin":
        return True
    # ok: python/hardcoded-credentials -- compared with an empty string
    if password == "":
        return False
    # ok: python/hardcoded-credentials -- a letters-only word
    return password == "anonymous"


def token_from_env():
    # ok: python/hardcoded-credentials -- the literal is the name of the variable, not a secret
    api_token = os.environ["API_TOKEN"]
    # ok: python/hardcoded-credentials -- overwritten with an environment lookup; the literal is a key name
    refresh_token = "refresh_token"
    return api_token, refresh_token


class FirewallState:
    def __init__(self):
        # ok: python/hardcoded-credentials -- a concurrency token, not a credential
        self.update_token = "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"


def configure(app, settings):
    # ruleid: python/hardcoded-credentials
    app.config["SECRET_KEY"] = "c0f3e1a9b7d24e58a6f1b2c3d4e5f607"
    # ruleid: python/hardcoded-credentials
    settings["db_password"] = "Pr0d!Passw0rd"
    # ok: python/hardcoded-credentials -- read from the environment
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    # ok: python/hardcoded-credentials -- a placeholder
    settings["db_password"] = "changeme"
    # ok: python/hardcoded-credentials -- not a credential key
    app.config["SESSION_COOKIE_NAME"] = "c0f3e1a9b7d24e58"


def tokens(claims, token):
    import jwt

    # ruleid: python/hardcoded-credentials
    signed = jwt.encode(claims, "c0ffee-jwt-signing-key-2024", algorithm="HS256")
    # ruleid: python/hardcoded-credentials
    jwt.decode(token, "c0ffee-jwt-signing-key-2024", algorithms=["HS256"])
    # ok: python/hardcoded-credentials -- the key comes from the environment
    jwt.encode(claims, os.environ["JWT_KEY"], algorithm="HS256")
    # ok: python/hardcoded-credentials -- a placeholder
    jwt.encode(claims, "changeme", algorithm="HS256")
    return signed
