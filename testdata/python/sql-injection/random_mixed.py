import random
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def narrow(stmt, label):
    return stmt + " AND label = '" + label + "'"


def with_tag(query):
    tag = random.choice(["a", "b", "c"])
    return query + " /* " + tag + " */"


def sample_rows(conn: sqlite3.Connection, base):
    label = random.choice(["order 1", "order 3", "order 5"])
    stmt = narrow(base, label)
    # ok: python/sql-injection -- a random choice among constants, joined with a parameter by a helper
    return conn.execute(stmt).fetchall()


@app.route("/rows")
def rows(conn: sqlite3.Connection):
    query = "SELECT * FROM t WHERE owner = '" + request.args["owner"] + "'"
    # ruleid: python/sql-injection
    return str(conn.execute(with_tag(query)).fetchall())


@app.route("/rows-fixed")
def rows_fixed(conn: sqlite3.Connection):
    # ok: python/sql-injection -- only the random tag and constants reach the query (the helper returns
    # its parameter: the other caller's input goes back to that caller only)
    return str(conn.execute(with_tag("SELECT * FROM t")).fetchall())
