"""Sockets, processes, HTTP, databases, locks and pools."""

import concurrent.futures
import contextlib
import http.client
import multiprocessing
import socket
import smtplib
import sqlite3
import subprocess
import threading
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing.pool import ThreadPool

import requests


class Client:
    def __init__(self, host):
        # ok: python/resource-leak -- stored on the instance
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        self.sock = socket.create_connection((host, 80))
        self._lock = threading.Lock()
        # ok: python/resource-leak -- stored on the instance
        self.session = requests.Session()

    def send(self, data):
        # ok: python/lock-not-released -- released in finally
        self._lock.acquire()
        try:
            self.sock.sendall(data)
        finally:
            self._lock.release()

    def send_unsafe(self, data):
        # ruleid: python/lock-not-released
        self._lock.acquire()
        self.sock.sendall(data)
        self._lock.release()

    def send_early_return(self, data):
        # ruleid: python/lock-not-released
        self._lock.acquire()
        if not data:
            return False
        self._lock.release()
        return True

    def try_send(self, data):
        # ok: python/lock-not-released -- held only when acquire() returns true, then released in finally
        if not self._lock.acquire(False):
            return False
        try:
            self.sock.sendall(data)
        finally:
            self._lock.release()
        return True

    def send_with(self, data):
        # ok: python/lock-not-released -- with releases it
        with self._lock:
            self.sock.sendall(data)

    def lock(self):
        # ok: python/lock-not-released -- acquiring is this method's job: the caller releases
        self._lock.acquire()

    def close(self):
        self.sock.close()
        self.session.close()


_state_lock = threading.RLock()
_sem = threading.Semaphore(4)


def bump(counter):
    # ruleid: python/lock-not-released
    _state_lock.acquire()
    counter.update(n=counter["n"] + 1)
    _state_lock.release()


def bump_safely(counter):
    # ok: python/lock-not-released -- released in finally
    _state_lock.acquire()
    try:
        counter["n"] += 1
    finally:
        _state_lock.release()


def limited(work):
    # ok: python/lock-not-released -- with releases the semaphore
    with _sem:
        return work()


def socket_closed_in_finally(host, port):
    # ok: python/resource-leak -- closed in finally
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        s.connect((host, port))
        return s.recv(16)
    finally:
        s.close()


def socket_never_closed(host, port):
    # ruleid: python/resource-leak
    s = socket.socket()
    # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
    s.connect((host, port))
    return s.recv(16)


def socket_returned(host, port):
    # ok: python/resource-leak -- returned to the caller
    # ok: python/resource-leak-on-exception -- settimeout() on a socket does not raise
    s = socket.create_connection((host, port), timeout=5)
    s.settimeout(10)
    return s


def accept_with(server: socket.socket):
    conn, _ = server.accept()
    # ok: python/resource-leak -- with closes it
    with conn:
        conn.sendall(b"hi")


def server_socket_with(port):
    # ok: python/resource-leak -- with closes it
    with socket.create_server(("", port)) as srv:
        return srv.getsockname()


def close_on_error_only(host, port):
    # ok: python/resource-leak -- closed on error, returned otherwise
    s = socket.socket()
    try:
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        s.connect((host, port))
    except OSError:
        s.close()
        raise
    return s


def popen_waited(cmd):
    # ok: python/resource-leak -- wait() reaps the process
    p = subprocess.Popen(cmd)
    return p.wait()


def popen_killed_on_timeout(cmd):
    # ok: python/resource-leak -- communicate() on both paths
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    try:
        out, _ = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    return out


def popen_leak_on_branch(cmd, wait):
    # ruleid: python/resource-leak
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    if wait:
        p.wait()
    return p.pid


def popen_detached_on_branch(cmd, wait):
    # ok: python/resource-leak -- no pipe: a child left running is started on purpose
    p = subprocess.Popen(cmd)
    if wait:
        p.wait()
    return p.pid


def run_is_fine(cmd):
    # ok: python/resource-leak -- subprocess.run waits for the process
    return subprocess.run(cmd, check=True, capture_output=True).stdout


def urlopen_closed(url):
    # ok: python/resource-leak -- closed in finally
    r = urllib.request.urlopen(url)
    try:
        return r.read()
    finally:
        r.close()


def urlopen_one_liner(url):
    # ruleid: python/open-without-with
    return urllib.request.urlopen(url).read()


def session_leak(url):
    # ruleid: python/resource-leak
    s = requests.Session()
    s.headers["User-Agent"] = "x"
    return s.get(url, timeout=5).text


def session_with(url):
    # ok: python/resource-leak -- with closes the session
    with requests.Session() as s:
        return s.get(url, timeout=5).text


def requests_get_is_fine(url):
    # ok: python/resource-leak -- requests.get closes its own session
    return requests.get(url, timeout=5).json()


def http_connection_leak(host):
    # ruleid: python/resource-leak
    c = http.client.HTTPSConnection(host)
    c.request("GET", "/")
    return c.getresponse().status


def http_connection_closed(host):
    # ok: python/resource-leak -- closed in finally
    c = http.client.HTTPSConnection(host)
    try:
        c.request("GET", "/")
        return c.getresponse().status
    finally:
        c.close()


def sqlite_in_finally_none_checked(db):
    conn = None
    try:
        # ok: python/db-resource-leak -- closed in finally when it was opened
        conn = sqlite3.connect(db)
        return conn.execute("SELECT 1").fetchall()
    finally:
        if conn is not None:
            conn.close()


def sqlite_returned(db):
    # ok: python/db-resource-leak -- returned to the caller
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return conn


def sqlite_leak_after_commit(db, rows):
    # ruleid: python/db-resource-leak
    conn = sqlite3.connect(db)
    conn.executemany("INSERT INTO t VALUES (?)", rows)
    conn.commit()


def sqlite_closed_on_exception_path_only(db):
    # ruleid: python/resource-leak-on-exception
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT 1").fetchall()
    conn.close()
    return rows


def sqlite_cursor_closed_with_connection(db):
    # ok: python/db-resource-leak -- closed with contextlib.closing
    with contextlib.closing(sqlite3.connect(db)) as conn:
        # ok: python/db-resource-leak -- released with its connection
        cur = conn.cursor()
        cur.execute("SELECT 1")
        return cur.fetchall()


def pool_closed(items):
    # ok: python/executor-not-shutdown -- closed and joined in finally
    pool = multiprocessing.Pool(2)
    try:
        return pool.map(abs, items)
    finally:
        pool.close()
        pool.join()


def thread_pool_leak(items):
    # ruleid: python/executor-not-shutdown
    pool = ThreadPool(4)
    return pool.map(abs, items)


def process_executor_with(items):
    # ok: python/executor-not-shutdown -- with shuts it down
    with ProcessPoolExecutor() as ex:
        return list(ex.map(abs, items))


def thread_executor_leak(fn, items):
    # ruleid: python/executor-not-shutdown
    ex = ThreadPoolExecutor(max_workers=4)
    futures = [ex.submit(fn, i) for i in items]
    return [f.result() for f in futures]


def executor_shutdown_wait_false(fn):
    # ok: python/executor-not-shutdown -- shut down
    ex = concurrent.futures.ThreadPoolExecutor()
    fut = ex.submit(fn)
    ex.shutdown(wait=False)
    return fut


def executor_returned():
    # ok: python/executor-not-shutdown -- returned to the caller
    return ThreadPoolExecutor(max_workers=2)


def try_lock_in_loop(lock: threading.Lock, work):
    while True:
        # ok: python/lock-not-released -- released by the finally clause that break leaves through
        if lock.acquire(False):
            try:
                if work():
                    break
            finally:
                lock.release()


class Counter:
    def __init__(self):
        self._slots = threading.Semaphore(2)

    def take(self):
        # ok: python/lock-not-released -- a semaphore is a counter, released elsewhere
        self._slots.acquire()
        self._slots.release()
        self._slots.acquire()


def smtp_quit(host, msg):
    # ok: python/resource-leak -- quit() closes the connection
    smtp = smtplib.SMTP(host, timeout=10)
    try:
        smtp.send_message(msg)
    finally:
        smtp.quit()


def socket_detached(family):
    # ok: python/resource-leak -- detach() hands the descriptors on and closes the socket objects
    a, b = socket.socketpair(family)
    a.setblocking(True)
    return a.detach(), b


class Transport:
    def _make_transport(self, sock):
        raise NotImplementedError

    def connect(self, host, port):
        # ok: python/resource-leak -- handed to a method whose overrides keep it (the base only raises)
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        sock = socket.create_connection((host, port))
        return self._make_transport(sock)
