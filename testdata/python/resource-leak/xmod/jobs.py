"""Callers of the helpers of another module (storage): the leak analysis uses their summaries."""
from . import storage
from .storage import close_quietly, open_db, open_log, read_header, remember


def count_rows(path):
    # ruleid: python/db-resource-leak
    conn = open_db(path)
    return conn.execute("select count(*) from jobs").fetchone()


def count_rows_closed(path):
    # ok: python/db-resource-leak
    conn = open_db(path)
    try:
        return conn.execute("select count(*) from jobs").fetchone()
    finally:
        conn.close()


def append_line(path, line):
    # ruleid: python/resource-leak
    log = open_log(path)
    log.write(line)


def append_line_with(path, line):
    # ok: python/resource-leak
    log = open_log(path)
    with log:
        log.write(line)


def magic(path):
    # ruleid: python/resource-leak
    f = open(path, "rb")
    return read_header(f)


def magic_closed(path):
    # ok: python/resource-leak
    f = open(path, "rb")
    try:
        return read_header(f)
    finally:
        close_quietly(f)


def discard(path):
    # ok: python/resource-leak -- closed by a helper of another module
    f = open(path, "rb")
    close_quietly(f)


def keep(path):
    # ok: python/resource-leak -- the helper keeps it
    f = open(path, "rb")
    remember(f)


def ping(host):
    # ruleid: python/resource-leak
    sock = storage.connect(host, 7)
    sock.sendall(b"ping")


def ping_closed(host):
    # ok: python/resource-leak
    sock = storage.connect(host, 7)
    with sock:
        sock.sendall(b"ping")


def handed_back(host):
    # ok: python/resource-leak -- returned to the caller
    return storage.connect(host, 7)
