import random
import secrets
import string

import flask
from django.http import HttpResponse

rng = random.Random()


def init(app):
    @app.route("/remember")
    def remember():
        # ruleid: python/insecure-random
        flask.session["token"] = str(random.getrandbits(64))
        # ok: python/insecure-random -- secrets
        flask.session["token2"] = secrets.token_hex(16)
        key = "%x" % random.randint(0, 2**32)
        resp = flask.make_response("ok")
        # ruleid: python/insecure-random
        resp.set_cookie("rememberMe", key, secure=True, httponly=True)
        # ok: python/insecure-random -- a SystemRandom value
        resp.set_cookie("other", str(random.SystemRandom().random()), secure=True, httponly=True)
        # ok: python/insecure-random -- the name of the cookie is constant, the value is from secrets
        resp.set_cookie("k" + str(1), secrets.token_urlsafe(), secure=True, httponly=True)
        return resp

    @app.route("/shuffle")
    def not_secret():
        n = random.randint(1, 6)
        # ok: python/insecure-random -- a dice roll shown to the user is no secret
        return "<p>%d</p>" % n


def view(request):
    value = rng.random()
    request.session["csrf"] = "x"
    # ruleid: python/insecure-random
    request.session["nonce"] = str(value)
    return HttpResponse("ok")


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def generate_password(length=12):
    chars = [random.choice(ALPHABET) for _ in range(length)]
    # ruleid: python/insecure-random
    return "".join(chars)


def generate_secure_password(length=12):
    # ok: python/insecure-random -- secrets.choice
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def reset_link(user):
    # ruleid: python/insecure-random
    reset_token = "%032x" % random.getrandbits(128)
    return "/reset?u=%s&t=%s" % (user, reset_token)


def shuffle_deck(cards):
    # ok: python/insecure-random -- a card order is not a secret
    order = random.sample(cards, len(cards))
    # ok: python/insecure-random -- a sample of a list, stored under an ordinary name
    winner = random.choice(order)
    return order, winner


class Account:
    def __init__(self):
        # ruleid: python/insecure-random
        self.api_key = str(rng.getrandbits(128))
        # ok: python/insecure-random -- secrets
        self.session_id = secrets.token_urlsafe(32)
        # ok: python/insecure-random -- a jittered retry delay
        self.backoff = random.uniform(0.5, 1.5)


def register(db, name):
    # ruleid: python/insecure-random
    db.create_user(name=name, password=str(random.randint(100000, 999999)))
    record = {}
    # ruleid: python/insecure-random
    record["nonce"] = random.random()
    # ok: python/insecure-random -- a random sample id under a non-secret key
    record["sample"] = random.random()
    return record


def sign(message):
    import hmac

    key = random.randbytes(32)
    # ruleid: python/insecure-random
    return hmac.new(key, message, "sha256").hexdigest()


def salted(password):
    import hashlib
    import os

    salt = os.urandom(16)
    # ok: python/insecure-random -- os.urandom is a CSPRNG
    return hashlib.pbkdf2_hmac("sha256", password, salt, 100000)


def dead_branch_salt():
    salt = secrets.token_bytes(16)
    if False:
        # ok: python/insecure-random -- dead branch
        salt = random.randbytes(16)
    return salt


def temporary_password():
    # ruleid: python/insecure-random
    pw = "".join(random.choice(string.ascii_letters) for _ in range(12))
    # ok: python/insecure-random -- secrets
    new_pw = "".join(secrets.choice(string.ascii_letters) for _ in range(12))
    # ok: python/insecure-random -- `pw` inside a longer ordinary name is not a password
    upward = random.choice([1, -1])
    return pw, new_pw, upward


def generate_key():
    # ruleid: python/insecure-random
    return "%032x" % random.getrandbits(128)


def make_cache_key(prefix):
    # ok: python/insecure-random -- a cache key, not a secret
    return prefix + str(random.randint(0, 9))


def generate_key_securely():
    # ok: python/insecure-random -- the secrets module
    return secrets.token_hex(16)


api = flask.Flask(__name__)


@api.route("/api/keys", methods=["POST"])
def create_key():
    key = secrets.token_hex(24)
    delay = round(0.5 + random.uniform(0, 0.25), 3)
    # ok: python/insecure-random -- a route's response: the jitter is no key, whatever the route's name
    return flask.jsonify({"api_key": key, "retry_after": delay})
