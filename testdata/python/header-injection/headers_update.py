import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)


def echo_headers(tenant, request_id):
    return {"X-Tenant": tenant, "X-Request-Id": request_id, "X-Api-Version": "2024-01"}


@app.route("/api/ping")
def ping():
    tenant = request.args.get("tenant", "default")
    resp = jsonify({"pong": True})
    # ruleid: python/header-injection
    resp.headers.update(echo_headers(tenant, uuid.uuid4().hex))
    return resp


@app.route("/api/version")
def version():
    resp = jsonify({"version": "2024-01"})
    # ok: python/header-injection -- constant header values
    resp.headers.update({"X-Api-Version": "2024-01", "X-Request-Id": uuid.uuid4().hex})
    return resp
