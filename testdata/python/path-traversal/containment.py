import os
import re

from flask import Flask, request, send_file

app = Flask(__name__)
ROOT = os.path.realpath("/srv/media")
NAME_RE = re.compile(r"[a-z0-9_-]{1,40}\.pdf")


def resolve(name):
    candidate = os.path.realpath(os.path.join(ROOT, name))
    if os.path.commonpath([ROOT, candidate]) != ROOT:
        raise ValueError(name)
    return candidate


def resolve_unchecked(name):
    return os.path.realpath(os.path.join(ROOT, name))


@app.route("/a")
def contained_by_helper():
    # ok: python/path-traversal -- the helper checks containment and raises
    return send_file(resolve(request.args["n"]))


@app.route("/b")
def contained_inline():
    candidate = os.path.realpath(os.path.join(ROOT, request.args["n"]))
    if os.path.commonpath([candidate, ROOT]) == ROOT:
        # ok: python/path-traversal -- inside the root
        return send_file(candidate)
    # ruleid: python/path-traversal
    return send_file(candidate)


@app.route("/c")
def unchecked():
    # ruleid: python/path-traversal
    return send_file(resolve_unchecked(request.args["n"]))


@app.route("/d")
def pattern_checked():
    name = request.args["n"]
    if not NAME_RE.fullmatch(name):
        return "bad name", 400
    # ok: python/path-traversal -- validated by a compiled pattern, early return
    return send_file(os.path.join(ROOT, name))


@app.route("/e")
def pattern_searched():
    name = request.args["n"]
    if not NAME_RE.search(name):
        return "bad name", 400
    # ruleid: python/path-traversal
    return send_file(os.path.join(ROOT, name))


@app.route("/upload", methods=["POST"])
def upload_bundle():
    import tarfile

    # ok: python/path-traversal -- the archive is read from the uploaded file object, not a path
    with tarfile.open(fileobj=request.files["bundle"], mode="r:gz") as bundle:
        names = bundle.getnames()
    # ruleid: python/path-traversal
    with tarfile.open(request.form["path"]) as other:
        names += other.getnames()
    return {"names": names}
