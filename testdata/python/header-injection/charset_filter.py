"""`re.sub` with a negated character class: what is left is only the class's characters."""
import logging
import os
import re

from flask import Flask, make_response, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/report")
def report():
    raw = request.args.get("title", "report")
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", raw)[:64]
    resp = make_response("ok")
    # ok: python/header-injection -- only letters, digits, dots, dashes and underscores remain
    resp.headers["Content-Disposition"] = "attachment; filename=%s.txt" % safe
    # ok: python/command-injection -- no shell metacharacter or space remains
    os.system("touch /tmp/" + safe)
    # ok: python/log-injection -- line breaks removed
    log.info("title %s", re.sub(r"[\r\n]", "", raw))
    # ruleid: python/path-traversal -- dots remain: `..`
    with open(os.path.join("/data", safe)) as fh:
        fh.read()
    word = re.sub(r"[^\w-]+", "", raw)
    # ok: python/path-traversal -- letters, digits, `_` and `-` only
    with open(os.path.join("/data", word)) as fh:
        fh.read()
    return resp


@app.route("/loose")
def loose():
    raw = request.args.get("title", "report")
    spaced = re.sub(r"[^A-Za-z0-9 ;]", "", raw)
    # ruleid: python/command-injection -- `;` and spaces remain
    os.system("touch " + spaced)
    # ruleid: python/log-injection -- only `\n` removed: `\r` remains
    log.info("title %s", re.sub(r"[\n]", "", raw))
    resp = make_response("ok")
    # ruleid: python/header-injection -- the replacement puts a line break back
    resp.headers["X-Title"] = re.sub(r"[^A-Za-z]", "\n", raw)
    # ok: python/header-injection -- spaces and letters only
    resp.headers["X-Name"] = re.sub(r"[^A-Za-z ]", "", raw)
    return resp
