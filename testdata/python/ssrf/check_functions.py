"""Allow-list checks written as functions that return a bool: `if not permitted(url): abort`."""
import re
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
HOSTS = {"feeds.partner.example", "api.partner.example"}
_SLUG = re.compile(r"[a-z0-9-]{1,40}")


def permitted(url):
    parts = urlparse(url)
    return parts.scheme == "https" and parts.hostname in HOSTS and parts.port is None


def known_host(host):
    return host in HOSTS


def looks_like_url(url):
    # Not a check of where it points.
    return url.startswith("http")


def always(url):
    return True


def valid_slug(slug):
    return _SLUG.fullmatch(slug) is not None


@app.route("/preview")
def preview():
    url = request.args["url"]
    if not permitted(url):
        abort(400)
    # ok: python/ssrf -- permitted() checked scheme and host
    return requests.get(url, timeout=5).text


@app.route("/host")
def host():
    h = request.args["host"]
    if known_host(h):
        # ok: python/ssrf -- an allow-listed host
        return requests.get("https://" + h + "/status", timeout=5).text
    # ruleid: python/ssrf
    return requests.get("https://" + h + "/status", timeout=5).text


@app.route("/loose")
def loose():
    url = request.args["url"]
    if looks_like_url(url):
        # ruleid: python/ssrf
        return requests.get(url, timeout=5).text
    return "no"


@app.route("/always")
def always_ok():
    url = request.args["url"]
    if always(url):
        # ruleid: python/ssrf
        return requests.get(url, timeout=5).text
    return "no"


@app.route("/ignored")
def ignored():
    url = request.args["url"]
    permitted(url)
    # ruleid: python/ssrf
    return requests.get(url, timeout=5).text


@app.route("/slug")
def slug():
    s = request.args["s"]
    if valid_slug(s):
        # ok: python/ssrf -- only letters, digits and dashes: a label of a fixed domain
        return requests.get("https://" + s + ".example.net/x", timeout=5).text
    return "no"


@app.route("/slug-inline")
def slug_inline():
    s = request.args["s"]
    if _SLUG.fullmatch(s) is None:
        # ruleid: python/ssrf -- where the pattern did not match
        return requests.get("https://" + s + ".example.net/x", timeout=5).text
    # ok: python/ssrf -- where it did
    return requests.get("https://" + s + ".example.net/y", timeout=5).text
