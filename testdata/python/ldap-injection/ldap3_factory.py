# The connection comes from a module function that builds it: its type is known at the call.
import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


def directory():
    server = Server("ldaps://ldap.example.com", get_info=ALL)
    return Connection(server, user="cn=reader,dc=example,dc=com",
                      password=os.environ["LDAP_READER_PW"], auto_bind=True)


@app.route("/people/lookup")
def lookup():
    uid = request.args.get("uid", "")
    conn = directory()
    # ruleid: python/ldap-injection
    conn.search(BASE_DN, f"(&(objectClass=inetOrgPerson)(uid={uid}))", attributes=["cn"])
    # ok: python/ldap-injection -- filter metacharacters escaped
    conn.search(BASE_DN, f"(uid={escape_filter_chars(uid)})", attributes=["cn"])
    return jsonify([str(e.cn) for e in conn.entries])
