import os

from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"
ALLOWED_EXTENSIONS = {"png", "jpg"}


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    # ruleid: python/unrestricted-file-upload
    f.save(os.path.join(UPLOADS, f.filename))
    return "ok"


@app.route("/upload2", methods=["POST"])
def upload_secure_name_only():
    f = request.files.get("file")
    name = secure_filename(f.filename)
    # ruleid: python/unrestricted-file-upload
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/many", methods=["POST"])
def many():
    for item in request.files.getlist("docs"):
        # ruleid: python/unrestricted-file-upload
        item.save(os.path.join(UPLOADS, secure_filename(item.filename)))
    return "ok"


@app.route("/direct", methods=["POST"])
def direct():
    # ruleid: python/unrestricted-file-upload
    request.files["file"].save("/tmp/upload.bin")
    return "ok"


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.route("/checked", methods=["POST"])
def checked():
    f = request.files["file"]
    if not allowed_file(f.filename):
        abort(400)
    # ok: python/unrestricted-file-upload -- extension allow-listed first
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/mime", methods=["POST"])
def mime():
    f = request.files["file"]
    if f.mimetype != "application/pdf":
        abort(415)
    # ok: python/unrestricted-file-upload -- MIME type checked
    f.save(os.path.join(UPLOADS, "doc.pdf"))
    return "ok"


class Report:
    def save(self, path):
        return path


def not_an_upload(path):
    r = Report()
    # ok: python/unrestricted-file-upload -- not an uploaded file
    r.save(path)
