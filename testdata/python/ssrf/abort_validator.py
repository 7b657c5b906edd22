# `abort()` raises: the code after it runs only for values that passed the check.
import sys
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ALLOWED_NETLOCS = {"status.example.com", "www.examplestatus.com"}


def check_feed_url(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.netloc not in ALLOWED_NETLOCS:
        abort(400)
    return url


def log_feed_url(url):
    parsed = urlparse(url)
    if parsed.netloc not in ALLOWED_NETLOCS:
        print("unknown feed host", file=sys.stderr)
    return url


@app.route("/status-feed")
def status_feed():
    url = check_feed_url(request.args.get("feed", ""))
    # ok: python/ssrf -- check_feed_url aborts unless the host is allow-listed
    resp = requests.get(url, timeout=5)
    other = log_feed_url(request.args.get("mirror", ""))
    # ruleid: python/ssrf
    requests.get(other, timeout=5)
    return jsonify({"ok": resp.ok})
