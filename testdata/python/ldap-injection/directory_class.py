# A connection kept in a field the constructor assigns: its type is known in the other methods.
import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


class GroupDirectory:
    base_dn = "ou=groups,dc=example,dc=com"

    def __init__(self):
        server = Server(os.environ.get("LDAP_URL", "ldaps://ldap.example.com"))
        self.conn = Connection(server, auto_bind=True)

    def _filter(self, group):
        return "".join(["(&(objectClass=groupOfNames)(cn=", group, "))"])

    def members(self, group):
        # ruleid: python/ldap-injection
        self.conn.search(self.base_dn, self._filter(group), attributes=["member"])
        return [str(m) for e in self.conn.entries for m in e.member.values]

    def escaped_members(self, group):
        # ok: python/ldap-injection -- escaped before it is joined into the filter
        self.conn.search(self.base_dn, self._filter(escape_filter_chars(group)))
        return list(self.conn.entries)


@app.route("/groups/members")
def members():
    group = request.args.get("group", "staff")
    directory = GroupDirectory()
    return jsonify(directory.members(group) + directory.escaped_members(group))
