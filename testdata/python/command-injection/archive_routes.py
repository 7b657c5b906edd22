from flask import Flask, request

from .shellhelpers import archive, archive_quoted, rotate

app = Flask(__name__)


@app.route("/archive", methods=["POST"])
def archive_export():
    archive(request.form["name"])
    archive_quoted(request.form["name"])
    rotate(int(request.form["count"]))
    return "archived"
