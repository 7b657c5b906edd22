import hashlib
import html

from flask import Flask, Markup, escape, jsonify, make_response, render_template, render_template_string, request
from markupsafe import escape as ms_escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python/xss
    return "<h1>Hello " + name + "</h1>"


@app.route("/hello-escaped")
def hello_escaped():
    name = request.args.get("name", "")
    # ok: python/xss -- html.escape
    return "<h1>Hello " + html.escape(name) + "</h1>"


@app.route("/hello-ms")
def hello_ms():
    # ok: python/xss -- markupsafe.escape
    return "<p>%s</p>" % ms_escape(request.args["q"])


@app.route("/hello-flask-escape")
def hello_flask_escape():
    # ok: python/xss -- flask.escape
    return "<p>{}</p>".format(escape(request.args["q"]))


@app.route("/template")
def template():
    # ok: python/xss -- an autoescaped template file
    return render_template("page.html", name=request.args["name"])


@app.route("/template-string")
def template_string():
    tmpl = "<p>" + request.args["name"] + "</p>"
    # ruleid: python/xss, python/code-injection
    return render_template_string(tmpl)


@app.route("/json")
def json_view():
    # ok: python/xss -- a JSON response
    return jsonify(name=request.args["name"])


@app.route("/dict")
def dict_view():
    # ok: python/xss -- a dict is serialized as JSON
    return {"name": request.args["name"]}


@app.route("/markup")
def markup():
    # ruleid: python/xss
    return Markup("<b>" + request.args["b"] + "</b>")


@app.route("/response")
def response():
    body = "<div>" + request.cookies.get("theme", "") + "</div>"
    # ruleid: python/xss
    resp = make_response(body)
    return resp


@app.route("/user/<username>")
def profile(username):
    # ruleid: python/xss
    return f"<h2>{username}</h2>"


@app.route("/user/<int:uid>")
def profile_id(uid: int):
    # ok: python/xss -- an int route parameter
    return f"<h2>{uid}</h2>"


@app.route("/count")
def count():
    n = len(request.args.get("q", ""))
    # ok: python/xss -- a length
    return "<p>%d</p>" % n


@app.route("/branch")
def branch():
    q = request.args.get("q", "")
    if q in ("a", "b"):
        # ok: python/xss -- allow-listed
        return "<p>" + q + "</p>"
    # ok: python/xss -- a constant page
    return "<p>none</p>"


@app.route("/helper")
def helper_view():
    # ruleid: python/xss
    return wrap_bold(request.args["t"])


@app.route("/helper-safe")
def helper_safe_view():
    # ok: python/xss -- the helper escapes
    return wrap_escaped(request.args["t"])


def wrap_bold(text):
    return "<b>" + text + "</b>"


def wrap_escaped(text):
    return "<b>" + html.escape(text) + "</b>"


@app.route("/markup-interpolated")
def markup_interpolated():
    name = request.args.get("name", "")
    # ok: python/xss -- Markup's `%` escapes what it interpolates
    first = Markup("<b>%s</b>") % name
    # ok: python/xss -- so does Markup.format
    second = Markup("<i>{}</i>").format(name)
    # ruleid: python/xss
    third = Markup("<u>" + name + "</u>")
    return first + second + third


@app.route("/fingerprint")
def fingerprint():
    name = request.args.get("name", "")
    digest = hashlib.sha256(name.encode()).hexdigest()
    # ok: python/xss -- a hex digest of the input
    return "<p>" + digest + "</p>"
