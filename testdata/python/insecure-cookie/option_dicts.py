"""Cookie flags passed as `**OPTIONS`, a dictionary literal of the module."""
import secrets

from flask import Flask, make_response

app = Flask(__name__)

SESSION_OPTIONS = {"max_age": 3600, "httponly": True, "secure": False, "samesite": "Lax"}
STRICT_OPTIONS = {"max_age": 3600, "httponly": True, "secure": True, "samesite": "Strict"}
PLAIN_OPTIONS = {"max_age": 600, "path": "/"}


def options_for(kind):
    return {"secure": kind == "prod", "httponly": True}


@app.post("/session")
def open_session():
    resp = make_response("ok")
    # ruleid: python/insecure-cookie
    resp.set_cookie("sid", secrets.token_urlsafe(24), **SESSION_OPTIONS)
    return resp


@app.post("/session/strict")
def open_strict_session():
    resp = make_response("ok")
    # ok: python/insecure-cookie -- the dictionary sets secure and httponly
    resp.set_cookie("sid", secrets.token_urlsafe(24), **STRICT_OPTIONS)
    return resp


@app.post("/theme")
def set_theme():
    resp = make_response("ok")
    # ruleid: python/insecure-cookie
    resp.set_cookie("theme", "dark", **PLAIN_OPTIONS)
    return resp


@app.post("/session/env")
def open_env_session():
    resp = make_response("ok")
    # ok: python/insecure-cookie -- options computed at run time are not known here
    resp.set_cookie("sid", secrets.token_urlsafe(24), **options_for("prod"))
    return resp
