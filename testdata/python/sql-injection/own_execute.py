# A module's own function named like a cursor method is that function, not a cursor's.
import os
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def execute(job):
    with os.popen("echo queued") as pipe:
        return pipe.read() + str(len(job))


@app.post("/jobs")
def create_job():
    payload = request.get_json(force=True)
    # ok: python/sql-injection -- this `execute` is the function above, which runs no SQL
    result = execute(payload)
    with sqlite3.connect("jobs.db") as conn:
        # ruleid: python/sql-injection
        conn.execute("INSERT INTO jobs VALUES ('%s')" % payload["name"])
    return jsonify({"result": result})
