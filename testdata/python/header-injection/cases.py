from django.http import HttpResponse
from flask import Flask, make_response, request

app = Flask(__name__)
LANGS = {"en", "fr"}


@app.route("/lang")
def lang():
    resp = make_response("ok")
    # ruleid: python/header-injection
    resp.headers["Content-Language"] = request.args["lang"]
    value = request.args["lang"]
    if value in LANGS:
        # ok: python/header-injection -- allow-listed
        resp.headers["Content-Language"] = value
    # ok: python/header-injection -- constant
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@app.route("/cookie")
def cookie():
    resp = make_response("ok")
    # ok: python/header-injection -- Werkzeug quotes cookie values (CR, LF, `;` become octal escapes)
    resp.set_cookie("theme", request.args["theme"], secure=True, httponly=True)
    stripped = request.args["theme"].replace("\r", "").replace("\n", "")
    # ok: python/header-injection -- line breaks removed
    resp.set_cookie("theme", stripped, secure=True, httponly=True)
    return resp


def view(request):
    response = HttpResponse("ok")
    # ruleid: python/header-injection
    response["X-Request-Id"] = request.GET["rid"]
    # ok: python/header-injection -- an int
    response["X-Page"] = str(int(request.GET["page"]))
    return response


def view_path(request):
    response = HttpResponse("ok")
    # ok: python/header-injection -- the path is percent-encoded
    response["X-Path"] = request.path
    return response
