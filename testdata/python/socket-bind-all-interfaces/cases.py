import socket
import socketserver
from http.server import HTTPServer, SimpleHTTPRequestHandler

ANY = "0.0.0.0"
LOCAL = "127.0.0.1"


def tcp(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: python/socket-bind-all-interfaces
    s.bind(("0.0.0.0", port))
    return s


def udp(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # ruleid: python/socket-bind-all-interfaces
    s.bind(("", port))
    return s


def via_constant(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    # ruleid: python/socket-bind-all-interfaces
    s.bind((ANY, port))
    return s


def ipv6(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_INET6)
    # ruleid: python/socket-bind-all-interfaces
    s.bind(("::", port))
    return s


def http(port):
    # ruleid: python/socket-bind-all-interfaces
    return HTTPServer(("", port), SimpleHTTPRequestHandler)


def tcp_server(port, handler):
    # ruleid: python/socket-bind-all-interfaces
    return socketserver.TCPServer(("0.0.0.0", port), handler)


def loopback(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    # ok: python/socket-bind-all-interfaces -- loopback only
    s.bind(("127.0.0.1", port))
    return s


def local_constant(port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    # ok: python/socket-bind-all-interfaces -- constant is loopback
    s.bind((LOCAL, port))
    return s


def configured(host, port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    # ok: python/socket-bind-all-interfaces -- host comes from the caller
    s.bind((host, port))
    return s


def local_http(port):
    # ok: python/socket-bind-all-interfaces -- loopback server
    return HTTPServer(("localhost", port), SimpleHTTPRequestHandler)


def unix(path):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_UNIX)
    # ok: python/socket-bind-all-interfaces -- a Unix socket path, not an interface
    s.bind(path)
    return s
