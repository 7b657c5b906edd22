# A lambda bound to a module-level name is a function callers reach by that name.
import ast

from flask import Flask, jsonify, request

app = Flask(__name__)

# ruleid: python/code-injection
compute = lambda expression, env: eval(expression, {"__builtins__": {}}, env)  # noqa: E731
parse_literal = lambda text: ast.literal_eval(text)  # noqa: E731


@app.route("/calc")
def calc():
    expression = request.args.get("expr", "0")
    # ok: python/code-injection -- the evaluated expression is a constant here
    pi = compute("3.14159", {})
    # ok: python/code-injection -- literal_eval evaluates literals only
    values = parse_literal(request.args.get("values", "[]"))
    return jsonify({"value": compute(expression, {"pi": pi}), "values": values})
