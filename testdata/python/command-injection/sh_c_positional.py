"""`["sh", "-c", script, ...]`: only the script is shell code; what follows are `$0`, `$1`, ..."""
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/lines")
def lines():
    name = request.args["name"]
    # ok: python/command-injection -- the name is `$1`, a positional parameter, not shell syntax
    out = subprocess.check_output(["sh", "-c", 'wc -l < "$1"', "sh", name], timeout=5)
    args = ["bash", "-c", 'cat -- "$1"', "bash", name]
    # ok: python/command-injection -- the same through a variable
    subprocess.run(args, timeout=5, check=False)
    # ruleid: python/command-injection -- the name is in the script
    subprocess.check_output(["sh", "-c", "wc -l < " + name], timeout=5)
    script = ["bash", "-c", "cat " + name]
    # ruleid: python/command-injection
    subprocess.run(script, timeout=5, check=False)
    return out
