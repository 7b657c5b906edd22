import socket

socket.setdefaulttimeout(10)


def fetch(host, port):
    # ruleid: python/resource-leak -- also a finding of this rule (the example code does it)
    s = socket.socket()
    # ok: python/socket-without-timeout -- the module sets a default timeout for new sockets
    s.connect((host, port))
    return s.recv(1024)
