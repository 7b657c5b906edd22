from django.http import HttpRequest
from flask import Flask, request, session

app = Flask(__name__)
ROLES = {"reader", "writer"}


@app.route("/role")
def role():
    # ruleid: python/trust-boundary-violation
    session["role"] = request.args["role"]
    return "ok"


@app.route("/role-checked")
def role_checked():
    r = request.args["role"]
    if r in ROLES:
        # ok: python/trust-boundary-violation -- allow-listed
        session["role"] = r
    return "ok"


@app.route("/count")
def count():
    # ok: python/trust-boundary-violation -- an int
    session["page"] = int(request.args.get("page", "1"))
    # ok: python/trust-boundary-violation -- a constant
    session["visited"] = True
    return "ok"


def remember(request: HttpRequest):
    # ruleid: python/trust-boundary-violation
    request.session["theme"] = request.GET["theme"]
    # ok: python/trust-boundary-violation -- constant value
    request.session["seen"] = "yes"
    return None


def remember_key(request: HttpRequest):
    prefs = {"lang": request.GET["lang"], "fixed": "dark"}
    # ok: python/trust-boundary-violation -- the constant entry
    request.session["theme"] = prefs["fixed"]
    # ruleid: python/trust-boundary-violation
    request.session["lang"] = prefs["lang"]
    return None


def sign_in(request: HttpRequest):
    from django.contrib.auth import authenticate

    username = request.POST.get("username", "")
    account = authenticate(request, username=username, password=request.POST.get("password", ""))
    if account is None:
        return None
    # ok: python/trust-boundary-violation -- the id of the user the database returned
    request.session["account_id"] = account.pk
    # ruleid: python/trust-boundary-violation
    request.session["login_name"] = username
    return None
