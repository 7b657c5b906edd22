"""Helpers other modules call: factories, a reader that only borrows, closers and keepers."""
import socket
import sqlite3

_OPEN = []


def open_db(path):
    return sqlite3.connect(path)


def open_log(path):
    return open(path, "a", encoding="utf-8")


def connect(host, port):
    return socket.create_connection((host, port), timeout=5)


def read_header(f):
    return f.read(16)


def close_quietly(f):
    try:
        f.close()
    except OSError:
        pass


def remember(f):
    _OPEN.append(f)


def header_of(path):
    # ok: python/resource-leak
    with open(path, "rb") as f:
        return read_header(f)
