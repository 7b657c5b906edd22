"""`map(f, items)` applies f to each element: an escaping function escapes every one."""
from html import escape

import markupsafe
from flask import Flask, request

app = Flask(__name__)


@app.route("/tags")
def tags():
    names = request.args.getlist("tag")
    # ok: python/xss -- the lambda escapes every element
    return "<ul>" + "".join(map(lambda t: "<li>" + escape(t) + "</li>", names)) + "</ul>"


@app.route("/tags/plain")
def tags_plain():
    names = request.args.getlist("tag")
    # ruleid: python/xss
    return "<ul>" + "".join(map(lambda t: "<li>" + t + "</li>", names)) + "</ul>"


@app.route("/tags/markup")
def tags_markup():
    names = request.args.getlist("tag")
    # ok: python/xss -- markupsafe.escape applied to each element
    return "<p>" + ", ".join(map(markupsafe.escape, names)) + "</p>"


@app.route("/tags/stripped")
def tags_stripped():
    names = request.args.getlist("tag")
    # ruleid: python/xss
    return "<p>" + ", ".join(map(str.strip, names)) + "</p>"


@app.route("/ids")
def ids():
    values = request.args.getlist("id")
    # ok: python/xss -- numbers only
    return "<p>" + ",".join(map(str, map(int, values))) + "</p>"
