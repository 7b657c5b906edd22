"""Headers of every kind of response: Django's JsonResponse and redirects, Flask's send_file."""
import io

from django.http import HttpResponseRedirect, JsonResponse
from flask import Flask, request, send_file

app = Flask(__name__)
LANGS = {"en", "fr"}


def whoami(request):
    response = JsonResponse({"ok": True})
    # ruleid: python/header-injection
    response["X-Forwarded-User"] = request.COOKIES.get("display_user", "anonymous")
    # ok: python/header-injection -- a constant
    response["Cache-Control"] = "private, no-store"
    return response


def go(request):
    response = HttpResponseRedirect("/home")
    lang = request.GET.get("lang", "en")
    if lang in LANGS:
        # ok: python/header-injection -- allow-listed
        response["Content-Language"] = lang
    # ruleid: python/header-injection
    response["X-Lang"] = request.GET.get("lang", "en")
    return response


@app.route("/export")
def export_csv():
    name = request.args.get("filename", "export")
    resp = send_file(io.BytesIO(b"id,name\n"), mimetype="text/csv")
    # ruleid: python/header-injection
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    # ok: python/header-injection -- a number
    resp.headers["X-Rows"] = str(int(request.args.get("rows", "0")))
    return resp


@app.route("/raw")
def raw():
    # ruleid: python/path-traversal
    return send_file(request.args["path"], mimetype="text/plain")
