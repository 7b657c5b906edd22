import base64
import json
import marshal
import pickle
import shelve

import jsonpickle
import yaml
from django.http import HttpResponse
from flask import Flask, request

app = Flask(__name__)


@app.route("/pickle", methods=["POST"])
def load_pickle():
    data = request.get_data()
    # ruleid: python/unsafe-deserialization
    obj = pickle.loads(data)
    # ruleid: python/unsafe-deserialization
    obj = pickle.loads(base64.b64decode(request.form["state"]))
    # ok: python/unsafe-deserialization -- JSON
    obj = json.loads(data)
    return "ok" if obj else "no"


@app.route("/yaml", methods=["POST"])
def load_yaml():
    doc = request.data
    # ruleid: python/unsafe-deserialization, python/unsafe-yaml-load
    a = yaml.load(doc, Loader=yaml.Loader)
    # ruleid: python/unsafe-deserialization, python/unsafe-yaml-load
    b = yaml.unsafe_load(doc)
    # ok: python/unsafe-deserialization -- safe_load
    c = yaml.safe_load(doc)
    # ok: python/unsafe-deserialization -- the safe loader
    d = yaml.load(doc, Loader=yaml.SafeLoader)
    # ok: python/unsafe-deserialization -- the safe loader, passed by position
    e = yaml.load(doc, yaml.SafeLoader)
    print(a, b, c, d, e)
    return "ok"


@app.route("/other", methods=["POST"])
def other():
    raw = request.files["f"].read()
    # ruleid: python/unsafe-deserialization
    m = marshal.loads(raw)
    # ruleid: python/unsafe-deserialization
    j = jsonpickle.decode(request.form["j"])
    # ruleid: python/unsafe-deserialization
    # ruleid: python/resource-leak
    db = shelve.open(request.form["db"])
    print(m, j, db)
    return "ok"


def local_file():
    with open("cache.pkl", "rb") as f:
        # ok: python/unsafe-deserialization -- a local file, not untrusted input
        return pickle.load(f)


def handler(event, context):
    # ruleid: python/unsafe-deserialization
    return pickle.loads(base64.b64decode(event["body"]))


def handler_json(event, context):
    # ok: python/unsafe-deserialization -- JSON from the event
    return json.loads(event["body"])


def view(request):
    # ruleid: python/unsafe-deserialization
    return HttpResponse(pickle.loads(request.body))


def view_other_key(request):
    payload = {"trusted": b"\x80\x04N.", "user": request.body}
    # ok: python/unsafe-deserialization -- the constant entry of the dict
    return pickle.loads(payload["trusted"])


@app.route("/draft", methods=["POST"])
def draft():
    changes = request.get_json(silent=True) or {}
    # ok: python/unsafe-deserialization -- bytes this program serialized itself from plain objects
    copy = pickle.loads(pickle.dumps(changes, protocol=pickle.HIGHEST_PROTOCOL))
    # ruleid: python/unsafe-deserialization -- the request's own bytes
    blob = pickle.loads(base64.b64decode(changes.get("blob", "")))
    return {"copy": copy, "blob": repr(blob)}
