import socket
from socket import create_connection


def fetch(host, port, request):
    # ruleid: python/resource-leak -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: python/socket-without-timeout
    s.connect((host, port))
    s.sendall(request)
    return s.recv(4096)


def with_block(host, port):
    with socket.socket() as s:
        # ruleid: python/socket-without-timeout
        s.connect((host, port))
        return s.recv(1024)


def helper(addr):
    # ruleid: python/socket-without-timeout
    return create_connection(addr)


def explicit_none(addr):
    # ruleid: python/socket-without-timeout
    return socket.create_connection(addr, timeout=None)


def with_timeout(host, port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    s.settimeout(5.0)
    # ok: python/socket-without-timeout -- a timeout is set
    s.connect((host, port))
    return s


def non_blocking(host, port):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket()
    s.setblocking(False)
    # ok: python/socket-without-timeout -- non-blocking socket
    s.connect_ex((host, port))
    return s


def create_with_timeout(addr):
    # ok: python/socket-without-timeout -- timeout passed positionally
    return socket.create_connection(addr, 10)


def create_with_kw(addr):
    # ok: python/socket-without-timeout -- timeout passed by keyword
    return socket.create_connection(addr, timeout=3)


def server(port):
    # ruleid: python/resource-leak -- also a finding of this rule (the example code does it)
    s = socket.socket()
    s.bind(("127.0.0.1", port))
    s.listen()
    # ok: python/socket-without-timeout -- a server socket waiting for clients
    return s.accept()


class Client:
    def connect(self, host, port):
        self.sock = socket.socket()
        self.sock.settimeout(3)
        # ok: python/socket-without-timeout -- timeout set on the same attribute
        self.sock.connect((host, port))


def unix_peer(path):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # ok: python/socket-without-timeout -- a Unix-domain socket to a local peer
    s.connect(path)
    return s


def caller_decides(addr, timeout=None):
    if timeout is not None:
        return socket.create_connection(addr, timeout)
    # ok: python/socket-without-timeout -- the caller passed timeout=None on purpose
    return socket.create_connection(addr)


def local_address(family):
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        # ok: python/socket-without-timeout -- connect on a UDP socket only records the peer, it never waits
        s.connect(("10.253.155.219", 58162))
        return s.getsockname()[0]


def udp_receive(port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", port))
        # ruleid: python/socket-without-timeout
        return s.recvfrom(512)
