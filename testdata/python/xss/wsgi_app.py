"""WSGI applications (PEP 3333): the environ is the request; an HTML app's return is the page."""
import html
import pickle
from urllib.parse import parse_qs


def application(environ, start_response):
    qs = parse_qs(environ.get("QUERY_STRING", ""))
    title = qs.get("title", ["Welcome"])[0]
    page = "<html><body><h1>%s</h1></body></html>" % title
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    # ruleid: python/xss
    return [page.encode("utf-8")]


def escaped_app(environ, start_response):
    qs = parse_qs(environ.get("QUERY_STRING", ""))
    title = html.escape(qs.get("title", ["Welcome"])[0])
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    # ok: python/xss -- escaped
    return [("<h1>%s</h1>" % title).encode("utf-8")]


def text_app(environ, start_response):
    qs = parse_qs(environ.get("QUERY_STRING", ""))
    start_response("200 OK", [("Content-Type", "text/plain")])
    # ok: python/xss -- a plain-text response
    return [qs.get("title", [""])[0].encode("utf-8")]


def upload_app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    # ruleid: python/unsafe-deserialization
    job = pickle.loads(environ["wsgi.input"].read(length))
    start_response("202 Accepted", [("Content-Type", "text/plain")])
    return [repr(job).encode()]


def not_wsgi(environ, config):
    # ok: python/unsafe-deserialization -- not a WSGI application: the caller's dictionary
    return pickle.loads(environ["blob"])
