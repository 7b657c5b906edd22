from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse


class ExportHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        name = parse_qs(urlparse(self.path).query).get("name", ["export"])[0]
        self.send_response(200)
        # ruleid: python/header-injection
        self.send_header("Content-Disposition", f'attachment; filename="{name}.csv"')
        # ok: python/header-injection -- a constant value
        self.send_header("Content-Type", "text/csv")
        self.end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        theme = self.rfile.read(length).decode()
        self.send_response(204)
        # ruleid: python/header-injection
        self.send_header("X-Theme", theme)
        # ok: python/header-injection -- line breaks removed
        self.send_header("X-Theme-Clean", theme.replace("\r", "").replace("\n", ""))
        # ok: python/header-injection -- a number
        self.send_header("X-Length", str(length))
        self.end_headers()


class Plain:
    """Not a request handler: its `path` is whatever the caller set."""

    def __init__(self, path, out):
        self.path = path
        self.out = out

    def send_header(self, key, value):
        self.out.append((key, value))

    def run(self):
        # ok: python/header-injection -- not an http.server handler
        self.send_header("X-Path", self.path)
