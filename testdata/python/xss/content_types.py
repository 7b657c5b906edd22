import json

from django.http import HttpResponse
from flask import Flask, Response, request

app = Flask(__name__)


def as_json(request):
    # ok: python/xss -- a JSON response is not a page
    return HttpResponse(json.dumps({"q": request.GET["q"]}), content_type="application/json")


def as_text(request):
    # ok: python/xss -- plain text (the content type given positionally)
    return HttpResponse(request.GET["q"], "text/plain")


def as_html(request):
    # ruleid: python/xss
    return HttpResponse(request.GET["q"], content_type="text/html; charset=utf-8")


def default_type(request):
    # ruleid: python/xss
    return HttpResponse(request.GET["q"])


@app.route("/text")
def text():
    # ok: python/xss -- a plain-text response object
    return Response(request.args["q"], mimetype="text/plain")


@app.route("/page")
def page():
    # ruleid: python/xss
    return Response(request.args["q"])
