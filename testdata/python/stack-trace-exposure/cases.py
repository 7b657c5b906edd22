import logging
import traceback

from flask import Flask, jsonify, make_response

app = Flask(__name__)
log = logging.getLogger(__name__)


def work():
    return {}


@app.route("/a")
def direct():
    try:
        return jsonify(work())
    except Exception:
        # ruleid: python/stack-trace-exposure
        return traceback.format_exc()


@app.route("/b")
def in_json():
    try:
        return jsonify(work())
    except Exception:
        # ruleid: python/stack-trace-exposure
        return jsonify(error=traceback.format_exc()), 500


@app.route("/c")
def via_local():
    try:
        return jsonify(work())
    except Exception:
        # ruleid: python/stack-trace-exposure
        details = "failed: " + traceback.format_exc()
        return make_response(details, 500)


@app.route("/d")
def logged():
    try:
        return jsonify(work())
    except Exception:
        # ok: python/stack-trace-exposure -- only logged on the server
        log.error("failed: %s", traceback.format_exc())
        return jsonify(error="internal error"), 500


@app.route("/e")
def logged_local():
    try:
        return jsonify(work())
    except Exception:
        # ok: python/stack-trace-exposure -- the local is logged, not returned
        tb = traceback.format_exc()
        log.error(tb)
        return jsonify(error="internal error"), 500
