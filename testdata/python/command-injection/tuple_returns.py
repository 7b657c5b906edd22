# A helper returning a tuple or a dict: each element keeps its own taint.
import os
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
SPOOL_FILE = "/srv/spool/current.pdf"


def print_job(form):
    return (form.get("title", "untitled"), SPOOL_FILE, "office-2f")


def job_options(form):
    return {"printer": form.get("printer", "office-2f"), "copies": 1}


def own_input():
    return {"title": request.form.get("title", ""), "queue": "default"}


@app.post("/print")
def submit_print():
    title, document, printer = print_job(request.form)
    # ok: python/command-injection -- the tainted title is element 0, unused here
    status = os.system("lp -d %s %s" % (printer, document))
    opts = job_options(request.form)
    # ruleid: python/command-injection
    # ruleid: python/subprocess-shell-true
    subprocess.run("lp -d %s %s" % (opts["printer"], document), shell=True)
    # ok: python/command-injection -- a constant element of the same dict
    # ruleid: python/subprocess-shell-true
    subprocess.run("lp -n %s %s" % (opts["copies"], document), shell=True)
    # ruleid: python/command-injection
    os.system("lp -t %s %s" % (print_job(request.form)[0], document))
    mine = own_input()
    # ruleid: python/command-injection
    os.system("echo " + mine["title"])
    # ok: python/command-injection -- the constant element of a dict that also holds input
    os.system("lpq -P " + mine["queue"])
    return jsonify({"queued": status == 0, "title": title})
