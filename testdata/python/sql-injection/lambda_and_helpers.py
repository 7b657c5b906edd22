import pymysql
import sqlalchemy
from sqlalchemy import text

from .dbhelpers import build_query, quote_ident

engine = sqlalchemy.create_engine("sqlite://")


def handler(event, context):
    user = event["queryStringParameters"]["user"]
    # ruleid: python/db-resource-leak
    conn = pymysql.connect(host="db", user="app", password="x", database="app")
    with conn.cursor() as cur:
        # ruleid: python/sql-injection
        cur.execute("SELECT * FROM users WHERE name = '%s'" % user)
        # ok: python/sql-injection -- driver parameters
        cur.execute("SELECT * FROM users WHERE name = %s", (user,))
    return {"statusCode": 200}


def lookup(event, context):
    name = event["body"]
    with engine.connect() as conn:
        # ruleid: python/sql-injection
        conn.execute(text("SELECT * FROM t WHERE name = '" + name + "'"))
        # ok: python/sql-injection -- bound parameter
        conn.execute(text("SELECT * FROM t WHERE name = :name"), {"name": name})
    return {}


def local_helper(value):
    return "SELECT * FROM t WHERE v = '" + value + "'"


def constant_helper(value):
    return "SELECT count(*) FROM t"


def via_helpers(event, context):
    # ruleid: python/db-resource-leak
    conn = pymysql.connect(host="db")
    cur = conn.cursor()
    # ruleid: python/sql-injection
    cur.execute(local_helper(event["v"]))
    # ok: python/sql-injection -- the helper ignores its argument
    cur.execute(constant_helper(event["v"]))
    # ruleid: python/sql-injection
    cur.execute(build_query(event["v"]))
    # ok: python/sql-injection -- the other module's helper returns an int-derived constant-safe value
    cur.execute(quote_ident(event["v"]))
    return {}


def plain_script(path):
    # ruleid: python/db-resource-leak
    conn = pymysql.connect(host="db")
    # ok: python/sql-injection -- not untrusted input (a function parameter with no caller passing input)
    conn.cursor().execute("SELECT * FROM t WHERE p = '" + path + "'")
