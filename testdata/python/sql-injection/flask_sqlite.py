import sqlite3

from flask import Flask, request

app = Flask(__name__)
TABLE = "accounts"


def db():
    return sqlite3.connect("app.db")


@app.route("/a")
def by_concat():
    uid = request.args.get("id")
    # ruleid: python/open-without-with
    cur = db().cursor()
    # ruleid: python/sql-injection
    cur.execute("SELECT * FROM accounts WHERE id = '" + uid + "'")
    return "ok"


@app.route("/b")
def by_percent():
    name = request.form["name"]
    # ruleid: python/db-resource-leak
    conn = db()
    # ruleid: python/sql-injection
    conn.execute("SELECT * FROM users WHERE name = '%s'" % name)
    return "ok"


@app.route("/c")
def by_fstring():
    name = request.values.get("name", "")
    # ruleid: python/db-resource-leak
    conn = db()
    # ruleid: python/sql-injection
    conn.executescript(f"DELETE FROM users WHERE name = '{name}'")
    return "ok"


@app.route("/d")
def by_format():
    data = request.get_json()
    # ruleid: python/db-resource-leak
    conn = db()
    query = "SELECT * FROM t WHERE a = '{}'".format(data["a"])
    # ruleid: python/sql-injection
    conn.execute(query)
    return "ok"


@app.route("/e")
def parameterized():
    uid = request.args.get("id")
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- parameterized query: the value is passed separately
    conn.execute("SELECT * FROM accounts WHERE id = ?", (uid,))
    return "ok"


@app.route("/f")
def to_int():
    uid = int(request.args.get("id", "0"))
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- converted to an int
    conn.execute("SELECT * FROM accounts WHERE id = %d" % uid)
    return "ok"


@app.route("/g")
def allow_listed():
    col = request.args["sort"]
    # ruleid: python/db-resource-leak
    conn = db()
    if col not in ("name", "created"):
        return "bad", 400
    # ok: python/sql-injection -- allow-listed column name
    conn.execute("SELECT * FROM accounts ORDER BY " + col)
    return "ok"


@app.route("/h")
def overwritten():
    name = request.args["name"]
    name = "guest"
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- the input was overwritten by a constant
    conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
    return "ok"


@app.route("/i")
def dead_branch():
    name = request.args["name"]
    debug = False
    query = "SELECT 1"
    if debug:
        query = "SELECT * FROM users WHERE name = '" + name + "'"
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- the tainted query is built only in a dead branch
    conn.execute(query)
    return "ok"


@app.route("/j")
def other_key():
    params = {"name": request.args["name"], "table": TABLE}
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- a different (constant) key of the dict
    conn.execute("SELECT * FROM " + params["table"])
    # ruleid: python/sql-injection
    conn.execute("SELECT * FROM users WHERE name = '" + params["name"] + "'")
    return "ok"


@app.route("/k")
def other_element():
    parts = [TABLE, request.args["x"]]
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- the list element used is the constant one
    conn.execute("SELECT * FROM " + parts[0])
    return "ok"


@app.route("/l/<name>")
def route_param(name):
    # ruleid: python/db-resource-leak
    conn = db()
    # ruleid: python/sql-injection
    conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
    return "ok"


@app.route("/m/<int:num>")
def many(num):
    rows = [(request.args["v"],)]
    # ruleid: python/db-resource-leak
    conn = db()
    # ok: python/sql-injection -- executemany with a constant statement and separate rows
    conn.executemany("INSERT INTO t VALUES (?)", rows)
    return "ok"


@app.route("/n")
def walrus():
    # ruleid: python/db-resource-leak
    conn = db()
    if (term := request.args.get("q")) is not None:
        # ruleid: python/sql-injection
        conn.execute("SELECT * FROM docs WHERE body LIKE '%" + term + "%'")
    return "ok"


@app.route("/o")
def joined():
    ids = request.args.getlist("id")
    # ruleid: python/db-resource-leak
    conn = db()
    # ruleid: python/sql-injection
    conn.execute("SELECT * FROM t WHERE id IN (" + ",".join(ids) + ")")
    return "ok"
