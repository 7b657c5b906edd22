import ast
import importlib
import json

from django.http import HttpResponse
from flask import Flask, request
from jinja2 import Template

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args["expr"]
    # ruleid: python/code-injection
    value = eval(expr)
    # ok: python/code-injection -- literal_eval only parses literals
    safe = ast.literal_eval(expr)
    # ok: python/code-injection -- constant code
    eval("1 + 2")
    print(value, safe)
    return "ok"


@app.route("/run", methods=["POST"])
def run():
    code = request.get_json()["code"]
    # ruleid: python/code-injection
    exec(code)
    # ruleid: python/code-injection
    compile(code, "<input>", "exec")
    return "ok"


@app.route("/plugin")
def plugin():
    name = request.args["plugin"]
    # ruleid: python/code-injection
    mod = importlib.import_module(name)
    if name in ("csv_export", "pdf_export"):
        # ok: python/code-injection -- allow-listed module name
        mod = importlib.import_module(name)
    return str(mod)


@app.route("/greet")
def greet():
    tmpl = request.args["t"]
    # ruleid: python/code-injection
    return Template(tmpl).render()


@app.route("/data")
def data():
    raw = request.args["d"]
    # ok: python/code-injection -- JSON parsing, not evaluation
    parsed = json.loads(raw)
    print(parsed)
    return "ok"


def view(request):
    formula = request.POST["f"]
    # ruleid: python/code-injection
    return HttpResponse(eval(formula, {"__builtins__": {}}))


def view_number(request):
    n = float(request.POST["n"])
    # ok: python/code-injection -- a float
    return HttpResponse(eval(str(n)))


def handler(event, context):
    # ruleid: python/code-injection
    return eval(event["expression"])


def not_from_input(expr):
    # ok: python/code-injection -- no untrusted source reaches this parameter
    return eval(expr)
