import random
import secrets

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
