"""Header values of an API Gateway proxy response returned by a Lambda handler."""
import json

ALLOWED_LANGS = {"en", "fr", "de"}


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    lang = params.get("lang", "en")
    headers = {"Content-Type": "application/json"}
    headers["Content-Language"] = lang
    # ruleid: python/header-injection
    return {"statusCode": 200, "headers": headers, "body": json.dumps({"lang": lang})}


def inline_handler(event, context):
    trace = event["headers"].get("x-trace-id", "")
    return {
        "statusCode": 200,
        # ruleid: python/header-injection
        "headers": {"Content-Type": "text/plain", "X-Trace-Id": trace},
        "body": "ok",
    }


def checked_handler(event, context):
    lang = (event.get("queryStringParameters") or {}).get("lang", "en")
    if lang not in ALLOWED_LANGS:
        lang = "en"
    headers = {"Content-Type": "application/json"}
    headers["Content-Language"] = lang
    # ok: python/header-injection -- the language is one of a fixed set
    return {"statusCode": 200, "headers": headers, "body": "{}"}


def body_only_handler(event, context):
    lang = (event.get("queryStringParameters") or {}).get("lang", "en")
    headers = {"Content-Type": "application/json", "Content-Language": "en"}
    # ok: python/header-injection -- the input goes to the JSON body, not to a header
    return {"statusCode": 200, "headers": headers, "body": json.dumps({"lang": lang})}


def length_handler(event, context):
    body = event.get("body") or ""
    return {
        "statusCode": 200,
        # ok: python/header-injection -- a number computed from the input
        "headers": {"Content-Length": str(len(body))},
        "body": body.upper(),
    }
