import ldap
import ldap3
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)
BASE_DN = "dc=example,dc=com"


@app.route("/user")
def user():
    uid = request.args["uid"]
    conn = ldap.initialize("ldap://localhost")
    # ruleid: python/ldap-injection
    r1 = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    # ok: python/ldap-injection -- escaped filter value
    r2 = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(uid) + ")")
    # ok: python/ldap-injection -- constant filter
    r3 = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(objectClass=person)")
    return str(len(r1) + len(r2) + len(r3))


@app.route("/dn")
def dn():
    ou = request.args["ou"]
    conn = ldap.initialize("ldap://localhost")
    # ruleid: python/ldap-injection
    return str(conn.search_s("ou=" + ou + "," + BASE_DN, ldap.SCOPE_ONELEVEL, "(cn=*)"))


@app.route("/ldap3")
def with_ldap3():
    name = request.args["name"]
    server = ldap3.Server("ldap://localhost")
    conn = ldap3.Connection(server, auto_bind=True)
    # ruleid: python/ldap-injection
    conn.search(BASE_DN, "(cn=" + name + ")")
    if name.isalnum():
        # ok: python/ldap-injection -- only letters and digits
        conn.search(BASE_DN, "(cn=" + name + ")")
    return "ok"


def handler(event, context):
    conn = ldap.initialize("ldap://localhost")
    mail = event["queryStringParameters"]["mail"]
    # ruleid: python/ldap-injection
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(mail={mail})")


def handler_formatted(event, context):
    conn = ldap.initialize("ldap://localhost")
    uid = (event.get("queryStringParameters") or {}).get("uid", "")
    query = ldap.filter.filter_format("(&(objectClass=person)(uid=%s))", [uid])
    # ok: python/ldap-injection -- filter_format escapes the values it puts in the template
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, query)


def directory():
    conn = ldap.initialize("ldap://localhost")
    conn.simple_bind_s()
    return conn


@app.route("/people")
def people():
    uid = request.args.get("uid", "")
    conn = directory()
    # ruleid: python/ldap-injection
    found = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(uid={uid})")
    # ok: python/ldap-injection -- escaped
    conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(uid)})")
    return str(found)
