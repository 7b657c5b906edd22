"""Who owns what: None-initialised flags, openers given a caller's file, processes started on purpose."""

import aifc
import bz2
import gzip
import io
import socket
import subprocess
import sunau
import tarfile
import urllib.request
import wave
import zipfile
from subprocess import PIPE, Popen


# --- `err = sock = None`: a variable still None on a path decides the branch on that path ---


def connect_first(addresses):
    for af, sa in addresses:
        err = sock = None
        try:
            # ok: python/resource-leak-on-exception -- `err` is None on the path that breaks out with the socket open
            sock = socket.socket(af, socket.SOCK_STREAM)
            sock.settimeout(5)
            sock.connect(sa)
            break
        except OSError as exc:
            err = exc
            if sock is not None:
                sock.close()
    if err is not None:
        raise err
    return sock


def connect_first_raises_with_socket_open(addresses):
    for af, sa in addresses:
        err = None
        try:
            # ruleid: python/resource-leak-on-exception
            sock = socket.socket(af, socket.SOCK_STREAM)
            sock.settimeout(5)
            sock.connect(sa)
            break
        except OSError as exc:
            # the socket is not closed before the error is kept
            err = exc
    if err is not None:
        raise err
    return sock


def read_header(path, want):
    error = None
    # ruleid: python/resource-leak
    f = open(path, "rb")
    data = f.read(16)
    if error is not None:
        raise error
    if not data.startswith(want):
        return None
    f.close()
    return data


def reset_to_none_then_reopened(paths):
    f = None
    for p in paths:
        if f is not None:
            f.close()
        # ok: python/resource-leak -- the previous file is closed at the top of the next iteration, the last one after the loop
        # ruleid: python/resource-leak-on-exception -- but not when readline() raises
        f = open(p)
        f.readline()
    if f is not None:
        f.close()


def none_flag_reassigned(path, fallback):
    handle = None
    # ruleid: python/resource-leak
    f = open(path)
    if fallback:
        handle = fallback
    if handle is None:
        return f.read()
    f.close()
    return handle


# --- openers given a caller's file object wrap it without owning it ---


def wav_rate(h, f):
    # f is the caller's open file (it seeks it): wave.open wraps it, closing is the caller's job
    f.seek(0)
    try:
        # ok: python/resource-leak -- wraps the caller's file object, holds nothing of its own
        w = wave.open(f, "r")
    except (EOFError, wave.Error):
        return None
    return w.getframerate()


def aiff_frames(f):
    f.seek(0)
    # ok: python/resource-leak -- wraps the caller's file object
    a = aifc.open(f, "r")
    return a.getnframes()


def au_from_bytes(data):
    # ok: python/resource-leak -- an in-memory buffer holds no system resource
    a = sunau.open(io.BytesIO(data), "r")
    return a.getnframes()


def wav_of_open_file(path):
    # ok: python/resource-leak -- the file is closed; the wave reader borrowed it
    f = open(path, "rb")
    try:
        w = wave.open(f)
        return w.getnchannels()
    finally:
        f.close()


def wav_of_open_file_left_open(path):
    # ruleid: python/resource-leak
    f = open(path, "rb")
    w = wave.open(f)
    n = w.getnchannels()
    # closing the reader does not close a file object it was given
    w.close()
    return n


def wav_by_name(path):
    # ruleid: python/resource-leak
    w = wave.open(path, "rb")
    return w.getnframes()


def wav_by_literal_name():
    # ruleid: python/resource-leak
    w = wave.open("beep.wav")
    return w.getnframes()


def zip_of_callers_file(fileobj):
    fileobj.seek(0)
    # ok: python/resource-leak -- ZipFile does not close a file object it was given
    z = zipfile.ZipFile(fileobj)
    return z.namelist()


def zip_by_name(path):
    # ruleid: python/resource-leak
    z = zipfile.ZipFile(path)
    return z.namelist()


# --- subprocess.Popen: an obligation only when it has pipes ---


def start_browser(cmdline):
    # ok: python/resource-leak -- a detached child (no pipes): not waiting for it is the point
    p = subprocess.Popen(cmdline, close_fds=True, start_new_session=True)
    return p.poll() is None


def start_editor(cmd):
    # ok: python/open-without-with -- started and left running on purpose, no pipe to close
    subprocess.Popen(cmd, shell=False)
    return "break"


def start_with_devnull(cmd):
    # ok: python/resource-leak -- DEVNULL is no pipe of the parent
    p = Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return p.pid


def read_first_line(cmd):
    # ruleid: python/resource-leak
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    return p.stdout.readline()


def write_input(cmd, data):
    # ruleid: python/resource-leak
    p = Popen(cmd, stdin=PIPE)
    p.stdin.write(data)
    return p.pid


def pipe_discarded(cmd):
    # ruleid: python/open-without-with
    Popen(cmd, stderr=PIPE)


def pipe_communicated(cmd):
    # ok: python/resource-leak -- communicate() reads the pipe to the end, closes it and waits
    p = Popen(cmd, stdout=PIPE, stderr=PIPE)
    out, err = p.communicate()
    return out, err


def popen_shell_with_pipe():
    # ruleid: python/resource-leak
    p = subprocess.Popen("ls -l", shell=True, stdout=PIPE)
    return p.stdout.read()


def version_of(cmd):
    # ok: python/resource-leak -- the only pipe is taken and closed in a `finally`
    out = Popen(cmd, stdout=PIPE).stdout
    try:
        text = out.read()
    finally:
        out.close()
    return text.strip()


def first_line_pipe_closed(cmd):
    # ok: python/resource-leak -- the pipe is closed by `with` on it
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    with p.stdout:
        line = p.stdout.readline()
    return line


def version_pipe_left_open(cmd):
    # ruleid: python/resource-leak
    out = Popen(cmd, stdout=PIPE).stdout
    return out.read()


# --- compressed files and archives keep a file object they were given open ---


def gunzip_bytes(data):
    # ok: python/resource-leak -- GzipFile over an in-memory buffer holds nothing
    g = gzip.GzipFile(fileobj=io.BytesIO(data))
    return g.read()


def tar_into_buffer(members):
    buf = io.BytesIO()
    # ok: python/resource-leak -- a TarFile writing into a buffer holds no descriptor
    t = tarfile.open(mode="w", fileobj=buf)
    for m in members:
        t.addfile(m)
    return buf


def gzip_closes_only_itself(path):
    # ruleid: python/resource-leak
    raw = open(path, "rb")
    g = gzip.GzipFile(fileobj=raw)
    data = g.read()
    # GzipFile.close() leaves a file object it was given open
    g.close()
    return data


def bz2_by_name(path):
    # ruleid: python/resource-leak
    b = bz2.BZ2File(path)
    return b.read()


def tar_by_name(path, mode):
    # ruleid: python/resource-leak
    t = tarfile.open(path, mode)
    return t.getnames()


class LazyZip:
    """A file-like object over a remote archive (read/seek/tell)."""

    def __init__(self, fetch):
        self._fetch = fetch
        self._pos = 0

    def read(self, n=-1):
        data = self._fetch(self._pos, n)
        self._pos += len(data)
        return data

    def seek(self, pos, whence=0):
        self._pos = pos

    def tell(self):
        return self._pos

    def check(self):
        # ok: python/open-without-with -- ZipFile over the object itself holds nothing of its own
        zipfile.ZipFile(self)
        return True


def fetch_checked(url):
    # ok: python/resource-leak-on-exception -- isinstance() does not raise; the rest is in try/finally
    f = urllib.request.urlopen(url, timeout=10)
    if isinstance(f, io.BufferedIOBase):
        print("buffered")
    try:
        return f.read()
    finally:
        f.close()
