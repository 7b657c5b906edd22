# What a generator yields is what its caller iterates.
from flask import Flask, make_response, request

app = Flask(__name__)


def tag_items(tags):
    for tag in tags:
        tag = tag.strip()
        if tag:
            yield "<li class='tag'>" + tag + "</li>"


def numbered(count):
    for i in range(count):
        yield "<li>%d</li>" % i


@app.route("/tags")
def tags():
    selected = request.args.getlist("tag")
    parts = ["<ul>"]
    parts.extend(tag_items(selected))
    parts.append("</ul>")
    # ruleid: python/xss
    resp = make_response("".join(parts))
    return resp


@app.route("/numbers")
def numbers():
    count = int(request.args.get("n", "3"))
    # ok: python/xss -- numbers only
    return make_response("<ul>" + "".join(numbered(count)) + "</ul>")
