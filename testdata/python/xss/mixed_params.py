# A helper that escapes one of its parameters and not the other: each parameter's own flow to the
# result decides.
import html

from flask import Flask, request

app = Flask(__name__)


def results_html(query, hits):
    items = "".join(f"<li>{h}</li>" for h in hits)
    return f"<h1>Results for {html.escape(query)}</h1><ul>{items}</ul>"


@app.route("/search")
def search():
    query = request.args.get("q", "")
    hits = [t for t in ("alpha", "beta", "gamma") if query.lower() in t]
    # ok: python/xss -- the query is escaped; the hits are constants
    return "<html><body>" + results_html(query, hits) + "</body></html>"


@app.route("/tags")
def tags():
    query = request.args.get("q", "")
    chosen = request.args.getlist("tag")
    # ruleid: python/xss
    return "<html><body>" + results_html(query, chosen) + "</body></html>"
