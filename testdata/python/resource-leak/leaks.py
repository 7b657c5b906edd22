"""Resource leaks in Python: files, sockets, databases, processes, locks, executors."""

import bz2
import codecs
import concurrent.futures
import contextlib
import gzip
import io
import json
import multiprocessing
import socket
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.request
import zipfile

_lock = threading.Lock()
_kept = []


def open_never_closed(path):
    # ruleid: python/resource-leak
    f = open(path)
    return f.read()


def open_with(path):
    # ok: python/resource-leak -- with closes it
    with open(path) as f:
        return f.read()


def open_closed_in_finally(path):
    # ok: python/resource-leak -- closed in finally
    f = open(path)
    try:
        return f.read()
    finally:
        f.close()


def open_returned(path):
    # ok: python/resource-leak -- returned to the caller
    return open(path, "rb")


def open_stored(path):
    # ok: python/resource-leak -- stored in a module-level list
    f = open(path)
    _kept.append(f)


def early_return(path):
    # ruleid: python/resource-leak
    f = open(path)
    first = f.readline()
    if not first:
        return ""
    f.close()
    return first


def closed_both_branches(path, flag):
    # ok: python/resource-leak -- closed on both branches
    f = open(path)
    if flag:
        f.close()
    else:
        f.close()


def none_checked(path):
    f = None
    try:
        # ok: python/resource-leak -- closed in finally after a None check
        f = open(path)
        return f.read()
    finally:
        if f is not None:
            f.close()


def read_then_close(path):
    # ruleid: python/resource-leak-on-exception
    f = open(path)
    data = f.read()
    f.close()
    return data


def io_open_leak(path):
    # ruleid: python/resource-leak
    f = io.open(path, encoding="utf-8")
    return f.readline()


def codecs_open_with(path):
    # ok: python/resource-leak -- with closes it
    with codecs.open(path, encoding="utf-8") as f:
        return f.read()


def gzip_leak(path):
    # ruleid: python/resource-leak
    g = gzip.open(path)
    return g.read()


def bz2_with(path):
    # ok: python/resource-leak -- with closes it
    with bz2.open(path) as b:
        return b.read()


def string_io_needs_no_close(text):
    # ok: python/resource-leak -- io.StringIO holds no system resource
    buf = io.StringIO(text)
    return buf.getvalue()


def bytes_io_needs_no_close(data):
    # ok: python/resource-leak -- io.BytesIO holds no system resource
    buf = io.BytesIO(data)
    return buf.read()


def socket_leak(host):
    # ruleid: python/resource-leak
    # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
    s = socket.create_connection((host, 80))
    s.sendall(b"GET / HTTP/1.0\r\n\r\n")
    return s.recv(1024)


def socket_with(host):
    # ok: python/resource-leak -- with closes it
    # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
    with socket.create_connection((host, 80)) as s:
        return s.recv(1024)


def socket_closing(host):
    # ok: python/resource-leak -- contextlib.closing closes it
    with contextlib.closing(socket.socket()) as s:
        s.connect((host, 80))


def sqlite_leak(db):
    # ruleid: python/db-resource-leak
    conn = sqlite3.connect(db)
    # ok: python/db-resource-leak -- belongs to the connection (which leaks)
    cur = conn.cursor()
    cur.execute("SELECT 1")
    return cur.fetchone()


def sqlite_closed(db):
    # ok: python/db-resource-leak -- closed in finally
    conn = sqlite3.connect(db)
    try:
        # ok: python/db-resource-leak -- closed with its connection
        cur = conn.cursor()
        cur.execute("SELECT 1")
        return cur.fetchone()
    finally:
        conn.close()


def sqlite_closing(db):
    # ok: python/db-resource-leak -- contextlib.closing closes it
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT 1").fetchone()


def temp_file_leak():
    # ruleid: python/resource-leak
    t = tempfile.NamedTemporaryFile(delete=False)
    t.write(b"x")
    return t.name


def temp_file_with():
    # ok: python/resource-leak -- with closes it
    with tempfile.TemporaryFile() as t:
        t.write(b"x")


def zip_leak(path):
    # ruleid: python/resource-leak
    z = zipfile.ZipFile(path)
    return z.namelist()


def zip_with(path):
    # ok: python/resource-leak -- with closes it
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def tar_leak(path):
    # ruleid: python/resource-leak
    t = tarfile.open(path)
    return t.getnames()


def popen_not_waited(cmd):
    # ruleid: python/resource-leak
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    return p.stdout.readline()


def popen_communicate(cmd):
    # ok: python/resource-leak -- communicate() waits for the process and closes its pipes
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, _ = p.communicate()
    return out


def popen_with(cmd):
    # ok: python/resource-leak -- with waits for it
    with subprocess.Popen(cmd) as p:
        return p.pid


def urlopen_leak(url):
    # ruleid: python/resource-leak
    r = urllib.request.urlopen(url)
    return r.read()


def urlopen_with(url):
    # ok: python/resource-leak -- with closes it
    with urllib.request.urlopen(url) as r:
        return r.read()


def exit_stack(paths):
    # ok: python/resource-leak -- the ExitStack closes every file entered
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(p)) for p in paths]
        return [f.readline() for f in files]


def json_load_leak(path):
    # ruleid: python/open-without-with
    return json.load(open(path))


def json_load_with(path):
    # ok: python/resource-leak -- with closes it
    with open(path) as f:
        return json.load(f)


def closed_by_helper(path):
    # ok: python/resource-leak -- the helper closes it
    f = open(path)
    _close(f)


def _close(f):
    if f is not None:
        f.close()


def loop_leak(paths):
    out = []
    for p in paths:
        # ruleid: python/resource-leak
        f = open(p)
        out.append(f.readline())
    return out


def loop_with(paths):
    out = []
    for p in paths:
        # ok: python/resource-leak -- with closes each file
        with open(p) as f:
            out.append(f.readline())
    return out


def lock_not_released(counter):
    # ruleid: python/lock-not-released
    _lock.acquire()
    counter.append(1)
    _lock.release()


def lock_released_in_finally(counter):
    # ok: python/lock-not-released -- released in finally
    _lock.acquire()
    try:
        counter.append(1)
    finally:
        _lock.release()


def lock_with(counter):
    # ok: python/lock-not-released -- with releases it
    with _lock:
        counter.append(1)


def worker_waits_for_jobs(jobs):
    while True:
        # ok: python/lock-not-released -- a signal: the thread that hands over a job releases it
        if _lock.acquire(timeout=10):
            jobs.pop()()
        else:
            return


def lock_reacquired_in_loop(items, out):
    for x in items:
        # ruleid: python/lock-not-released
        _lock.acquire()
        out.append(x)
        if x is None:
            continue
        _lock.release()


def pool_not_closed(items):
    # ruleid: python/executor-not-shutdown
    pool = multiprocessing.Pool(4)
    return pool.map(str, items)


def pool_with(items):
    # ok: python/executor-not-shutdown -- with terminates it
    with multiprocessing.Pool(4) as pool:
        return pool.map(str, items)


def executor_not_shutdown(items):
    # ruleid: python/executor-not-shutdown
    ex = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    return [ex.submit(str, i) for i in items]


def executor_shutdown(items):
    # ok: python/executor-not-shutdown -- shut down after the work
    ex = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    try:
        return [f.result() for f in [ex.submit(str, i) for i in items]]
    finally:
        ex.shutdown()


class Holder:
    def __init__(self, path):
        # ok: python/resource-leak -- stored on the instance
        self.f = open(path)

    def close(self):
        self.f.close()


def generator_yields(path):
    # ok: python/resource-leak -- with closes it when the generator finishes
    with open(path) as f:
        for line in f:
            yield line


# --- the same condition tested twice: the second test takes the side the first one chose ---


def dump(name, text):
    if name == "-":
        f = sys.stdout
    else:
        # ok: python/resource-leak -- closed under the same condition it was opened under
        # ruleid: python/resource-leak-on-exception
        f = open(name, "w")
    f.write(text)
    if name != "-":
        f.close()


def dump_wrong_test(name, text):
    if name == "-":
        f = sys.stdout
    else:
        # ruleid: python/resource-leak
        f = open(name, "w")
    f.write(text)
    if name == "-":
        f.close()


def dump_owned(name, text, own):
    if own:
        # ok: python/resource-leak -- closed when `own`, as it was opened
        # ruleid: python/resource-leak-on-exception
        f = open(name, "w")
    else:
        f = sys.stdout
    f.write(text)
    if own:
        f.close()


def dump_other_name(name, other, text):
    if name == "-":
        f = sys.stdout
    else:
        # ruleid: python/resource-leak -- a different variable is tested the second time
        f = open(name, "w")
    f.write(text)
    if other != "-":
        f.close()


def encode_all(names):
    for name in names:
        if name == "-":
            fp = sys.stdin
        else:
            # ok: python/resource-leak -- closed in `finally` under the same test, each iteration
            fp = open(name, "rb")
        try:
            sys.stdout.write(fp.read())
        finally:
            if name != "-":
                fp.close()
