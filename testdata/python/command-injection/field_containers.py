"""Untrusted input kept in a container held by a field, filled by one method, read by another."""
import subprocess

from flask import request


class CommandQueue:
    def __init__(self):
        self.pending = []
        self.labels = {}
        self.defaults = ["uptime"]

    def record(self):
        self.pending.append(request.args.get("cmd"))
        self.labels["last"] = request.args.get("label")
        self.defaults.append("date")

    def flush(self):
        for cmd in self.pending:
            # ruleid: python/command-injection, python/subprocess-shell-true
            subprocess.run(cmd, shell=True)
        self.pending.clear()

    def flush_label(self):
        # ruleid: python/command-injection, python/subprocess-shell-true
        subprocess.call("echo " + self.labels["last"], shell=True)

    def run_defaults(self):
        for cmd in self.defaults:
            # ok: python/command-injection -- only constant commands are added to this list
            # ruleid: python/subprocess-shell-true
            subprocess.run(cmd, shell=True)


class Other:
    def __init__(self):
        self.pending = ["hostname"]

    def flush(self):
        for cmd in self.pending:
            # ok: python/command-injection -- another class's field of the same name
            # ruleid: python/subprocess-shell-true
            subprocess.run(cmd, shell=True)
