import logging

from django.http import HttpRequest
from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    # ruleid: python/log-injection
    log.info("login attempt for " + user)
    # ruleid: python/log-injection
    logging.warning("failed login: %s", user)
    # ruleid: python/log-injection
    app.logger.error(f"bad user {user}")
    clean = user.replace("\n", "").replace("\r", "")
    # ok: python/log-injection -- line breaks removed
    log.info("login attempt for " + clean)
    # ok: python/log-injection -- a length
    log.info("user name length %d", len(user))
    # ok: python/log-injection -- the path is percent-encoded (no raw line breaks)
    log.info("path %s", request.path)
    return "ok"


def view(request: HttpRequest):
    logger = logging.getLogger("views")
    agent = request.META.get("HTTP_USER_AGENT", "")
    # ruleid: python/log-injection
    logger.debug("agent=%s", agent)
    if agent.isalnum():
        # ok: python/log-injection -- letters and digits only
        logger.debug("agent=%s", agent)
    return None


def handler(event, context):
    # ruleid: python/log-injection
    logging.info("event body: %s", event["body"])
    # ok: python/log-injection -- constant message
    logging.info("handled")
    return {}


def search(request: HttpRequest):
    logger = logging.getLogger("search")
    term = request.GET.get("q", "")
    # ok: python/log-injection -- %r logs the repr: line breaks are escaped
    logger.info("search term=%r hits=%d", term, 3)
    # ruleid: python/log-injection
    logger.info("search term=%r then %s", term, term)
    # ok: python/log-injection -- repr escapes line breaks
    logger.warning("term " + repr(term))
    # ruleid: python/log-injection
    logging.log(logging.INFO, "term=%s", term)
    # ok: python/log-injection -- the level form, with %r
    logging.log(logging.INFO, "term=%r", term)
    return None
