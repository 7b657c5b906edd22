# Entries buffered in a deque are logged when the buffer is flushed.
import logging
from collections import deque

from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger("audit")


@app.route("/audit")
def audit():
    events = deque(maxlen=100)
    events.append("path " + request.args.get("next", "/"))
    events.appendleft("start")
    while events:
        entry = events.popleft()
        # ruleid: python/log-injection
        logger.info("request " + entry)
    constants = deque(["boot", "ready"])
    # ok: python/log-injection -- constant entries only
    logger.info("state " + constants.popleft())
    return "ok"
