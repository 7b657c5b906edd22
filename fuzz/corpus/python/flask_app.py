import os

from flask import Flask

app = Flask(__name__)
DEBUG = True

if __name__ == "__main__":
    # ruleid: python/debug-mode-enabled
    app.run(host="0.0.0.0", debug=True)
    # ruleid: python/debug-mode-enabled
    app.run(debug=DEBUG)
    # ok: python/debug-mode-enabled -- from the environment
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    # ok: python/debug-mode-enabled -- explicitly off
    app.run(debug=False)
# ruleid: python/debug-mode-enabled
app.debug = True
