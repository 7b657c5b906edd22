import os
import shutil
from pathlib import Path

from django.http import FileResponse
from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/read")
def read():
    name = request.args["name"]
    # ruleid: python/path-traversal
    with open(os.path.join(BASE, name)) as f:
        data = f.read()
    # ok: python/path-traversal -- basename drops directories
    with open(os.path.join(BASE, os.path.basename(name))) as f:
        data += f.read()
    # ok: python/path-traversal -- secure_filename
    with open(os.path.join(BASE, secure_filename(name))) as f:
        data += f.read()
    return data


@app.route("/contained")
def contained():
    name = request.args["name"]
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        return "forbidden", 403
    # ok: python/path-traversal -- containment check on the resolved path
    return send_file(full)


@app.route("/download")
def download():
    name = request.args["name"]
    # ruleid: python/path-traversal
    return send_file(BASE + "/" + name)


@app.route("/static2")
def static2():
    # ok: python/path-traversal -- send_from_directory confines the path
    return send_from_directory(BASE, request.args["name"])


@app.route("/delete", methods=["POST"])
def delete():
    target = request.form["path"]
    # ruleid: python/path-traversal
    os.remove(target)
    # ruleid: python/path-traversal
    shutil.rmtree(target)
    return "ok"


@app.route("/pathlib")
def pathlib_read():
    p = Path(BASE) / request.args["name"]
    q = Path(request.args["name"])
    # ruleid: python/path-traversal
    text = q.read_text()
    # ok: python/path-traversal -- a constant path
    text += Path("/etc/motd").read_text()
    # ruleid: python/path-traversal
    text += p.read_text()
    under = Path(BASE) / "motd.txt"
    # ok: python/path-traversal -- a constant name under a constant base
    text += under.read_text()
    return text


@app.route("/choice")
def choice():
    files = {"a": "a.txt", "b": "b.txt"}
    key = request.args["k"]
    # ok: python/path-traversal -- a constant value of a dict, chosen by key
    with open(os.path.join(BASE, files["a"])) as f:
        print(key)
        return f.read()


def handler(event, context):
    name = event["queryStringParameters"]["file"]
    # ruleid: python/path-traversal
    # ruleid: python/open-without-with
    return open("/tmp/" + name).read()


def report(request, report_name):
    # ruleid: python/path-traversal
    with open("/reports/" + report_name + ".csv") as f:
        return f.read()


def report_file(request, name):
    # ruleid: python/path-traversal
    return FileResponse(open("/reports/" + name, "rb"))


def report_id(request, report_id: int):
    # ok: python/path-traversal -- an int-typed URL argument
    with open("/reports/%d.csv" % report_id) as f:
        return f.read()
