"""A small Flask service for account management and report downloads."""

import base64
import functools
import hmac
import logging
import os
import pickle
import secrets
import sqlite3
import ssl
import time
from datetime import datetime, timedelta

import jinja2
import requests
from flask import Flask, abort, g, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET", secrets.token_hex(32))
log = logging.getLogger("webapp")

DATABASE = os.environ.get("WEBAPP_DB", "webapp.db")
SMTP_PASSWORD = "Sm7p-pa55-2024"
REPORT_TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader("reports"))
SESSION_TTL = timedelta(hours=8)


def get_db():
    db = getattr(g, "_database", None)
    if db is None:
        db = g._database = sqlite3.connect(DATABASE)
        db.row_factory = sqlite3.Row
    return db


@app.teardown_appcontext
def close_connection(exception):
    db = getattr(g, "_database", None)
    if db is not None:
        db.close()


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("login", next=request.path))
        if session.get("expires", 0) < time.time():
            session.clear()
            return redirect(url_for("login"))
        return view(*args, **kwargs)

    return wrapped


def check_password(stored, supplied):
    salt, digest = stored.split("$", 1)
    candidate = base64.b64encode(
        __import__("hashlib").pbkdf2_hmac("sha256", supplied.encode(), salt.encode(), 200_000)
    ).decode()
    return hmac.compare_digest(candidate, digest)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return REPORT_TEMPLATES.get_template("login.html").render(next=request.args.get("next", "/"))
    user = get_db().execute(
        "SELECT id, password FROM users WHERE email = ?", (request.form["email"],)
    ).fetchone()
    if user is None or not check_password(user["password"], request.form["password"]):
        abort(403)
    session["user_id"] = user["id"]
    session["expires"] = time.time() + SESSION_TTL.total_seconds()
    return redirect("/")


@app.route("/accounts/<int:account_id>")
@login_required
def account(account_id):
    row = get_db().execute(
        "SELECT id, name, balance, updated FROM accounts WHERE id = ? AND owner = ?",
        (account_id, session["user_id"]),
    ).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.route("/reports/<name>")
@login_required
def report(name):
    template = REPORT_TEMPLATES.get_template(f"{name}.html")
    rows = get_db().execute(
        "SELECT day, amount FROM ledger WHERE owner = ? ORDER BY day", (session["user_id"],)
    ).fetchall()
    return template.render(rows=rows, generated=datetime.utcnow())


@app.route("/preferences", methods=["POST"])
@login_required
def preferences():
    blob = request.cookies.get("prefs")
    prefs = pickle.loads(base64.b64decode(blob)) if blob else {}
    prefs.update(request.get_json(force=True))
    resp = jsonify(prefs)
    resp.set_cookie("prefs", base64.b64encode(pickle.dumps(prefs)).decode())
    return resp


@app.route("/rates")
def rates():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    upstream = requests.get("https://rates.internal.example/api/latest", verify=False, timeout=5)
    return jsonify(upstream.json())


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    try:
        return jsonify(result=eval(expr))
    except:
        return jsonify(error="bad expression"), 400


def cleanup_sessions(max_age=3600, removed=[]):
    cutoff = time.time() - max_age
    for row in get_db().execute("SELECT id, created FROM sessions").fetchall():
        if row["created"] < cutoff:
            removed.append(row["id"])
    return removed


def status_label(code):
    if code is 200:
        return "ok"
    if code == 404:
        return "missing"
    return "error"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)
