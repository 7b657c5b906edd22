import threading


class Job(threading.Thread):
    def run(self, debug=False):
        return debug


def start(job):
    # ok: python/debug-mode-enabled -- not a Flask application (no flask import)
    job.run(debug=True)
