# A job object built from the request, run by a helper whose parameter is named like nothing in
# particular (a `with` block around the process).
import os

from flask import Flask, jsonify, request

app = Flask(__name__)


class BackupJob:
    source = "/var/www/uploads"

    def __init__(self, archive_name):
        self.archive_name = archive_name

    @property
    def command(self):
        return "tar czf /backups/{} {}".format(self.archive_name, self.source)


def execute(job):
    # ruleid: python/command-injection
    with os.popen(job.command) as pipe:
        return pipe.read()


@app.post("/backups")
def create_backup():
    payload = request.get_json(force=True)
    job = BackupJob(payload.get("archive", "site.tgz"))
    return jsonify({"output": execute(job)})
