# A hash of a predictable value is as predictable as the value.
import hashlib
import random
import secrets
import time


def make_id():
    seed = f"{time.time()}-{random.random()}"
    return hashlib.sha256(seed.encode()).hexdigest()


def new_request_id():
    return hashlib.sha256(secrets.token_bytes(16)).hexdigest()


def login(resp):
    # ruleid: python/insecure-random
    resp.set_cookie("sid", make_id(), secure=True, httponly=True)
    # ok: python/insecure-random -- hashed from the secrets module
    resp.set_cookie("rid", new_request_id(), secure=True, httponly=True)
    # ok: python/insecure-random -- a cache-busting checksum, not a secret
    resp.set_cookie("v", hashlib.sha256(b"static-bundle").hexdigest(), secure=True, httponly=True)
    return resp


def new_session_id():
    # ruleid: python/insecure-random
    return hashlib.blake2b(str(random.getrandbits(64)).encode()).hexdigest()
