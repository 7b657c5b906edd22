from flask import Flask, render_template_string, request
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment

app = Flask(__name__)
env = Environment(autoescape=True)
sandbox = SandboxedEnvironment(autoescape=True)


def render_source(source, context):
    # ruleid: python/code-injection
    return env.from_string(source).render(**context)


@app.route("/preview", methods=["POST"])
def preview():
    body = request.get_json()
    return render_source(body["template"], {"name": body["name"]})


@app.route("/sandboxed", methods=["POST"])
def sandboxed():
    body = request.get_json()
    # ok: python/code-injection -- a sandboxed environment
    return sandbox.from_string(body["template"]).render(name=body["name"])


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    # ok: python/code-injection -- the input is a context value, not the template
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
