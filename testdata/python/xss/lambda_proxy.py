import html
import json


def page(event, context):
    name = event["queryStringParameters"]["name"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        # ruleid: python/xss
        "body": "<h1>Hello " + name + "</h1>",
    }


def page_escaped(event, context):
    name = event["queryStringParameters"]["name"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html"},
        # ok: python/xss -- escaped
        "body": "<h1>Hello " + html.escape(name) + "</h1>",
    }


def page_json(event, context):
    name = event["queryStringParameters"]["name"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        # ok: python/xss -- a JSON response is not a page
        "body": json.dumps({"greeting": "Hello " + name}),
    }


def page_constant(event, context):
    name = event["queryStringParameters"]["name"]
    print(len(name))
    return {
        "statusCode": 200,
        "headers": {"content-type": "text/html"},
        # ok: python/xss -- a constant page
        "body": "<h1>Hello</h1>",
    }


def respond(status, body):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "text/html"},
        # ruleid: python/xss
        "body": body,
    }


def page_via_helper(event, context):
    who = event.get("pathParameters", {}).get("who", "")
    return respond(200, f"<p>{who}</p>")


def page_via_helper_escaped(event, context):
    who = event.get("pathParameters", {}).get("who", "")
    return respond(200, f"<p>{html.escape(who)}</p>")


def page_other_key(event, context):
    name = event["queryStringParameters"]["name"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html", "X-Request-Name": str(len(name))},
        # ok: python/xss -- the untrusted value is not in the body
        "body": "<p>ok</p>",
        "isBase64Encoded": False,
    }
