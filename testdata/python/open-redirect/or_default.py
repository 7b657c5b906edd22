from urllib.parse import urlparse

from flask import Flask, redirect, request, url_for

app = Flask(__name__)
TRUSTED_NETLOCS = {"app.example.com", "docs.example.com"}


def pick_destination(candidate):
    parsed = urlparse(candidate or "")
    if parsed.scheme == "https" and parsed.netloc in TRUSTED_NETLOCS:
        return candidate
    return url_for("index")


def first_of(candidate, fallback):
    parsed = urlparse(fallback or "")
    if parsed.netloc in TRUSTED_NETLOCS:
        return candidate
    return url_for("index")


@app.route("/logout")
def logout():
    # ok: python/open-redirect -- the destination's host is on the allow-list (or it is url_for)
    return redirect(pick_destination(request.args.get("return")))


@app.route("/switch")
def switch():
    # ruleid: python/open-redirect
    return redirect(first_of(request.args.get("to"), request.args.get("via")))
