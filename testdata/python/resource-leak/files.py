"""Files: with, finally, escapes, wrappers, helpers, branches, None checks, temporaries."""

import bz2
import codecs
import contextlib
import gzip
import io
import json
import lzma
import os
import shutil
import tarfile
import tempfile
import zipfile
from contextlib import ExitStack, closing

_cache = {}


class Reader:
    """Owns the file it is given."""

    def __init__(self, f):
        self.f = f

    def close(self):
        self.f.close()


class Log:
    def __init__(self, path):
        # ok: python/resource-leak -- stored on the instance, closed by close()
        self.out = open(path, "a")
        self.err = None

    def open_err(self, path):
        # ok: python/resource-leak -- stored on the instance
        self.err = open(path, "a")

    def reopen(self, path):
        self.out.close()
        # ok: python/resource-leak -- replaces the attribute
        self.out = open(path, "a")

    def close(self):
        self.out.close()


def with_two_items(src, dst):
    # ok: python/resource-leak -- both items of the with statement are closed
    with open(src) as a, open(dst, "w") as b:
        b.write(a.read())


def with_parenthesized_items(src, dst):
    # ok: python/resource-leak -- parenthesized with items are closed
    with (open(src) as a, open(dst, "w") as b):
        b.write(a.read())


def with_no_alias(path):
    # ok: python/resource-leak -- closed by the with statement even without `as`
    with open(path, "w"):
        pass


def closing_wrapper(path):
    # ok: python/resource-leak -- contextlib.closing closes it
    with closing(gzip.open(path)) as g:
        return g.read()


def exit_stack_direct(a, b):
    with ExitStack() as stack:
        # ok: python/resource-leak -- entered into the ExitStack
        fa = stack.enter_context(open(a))
        # ok: python/resource-leak -- entered into the ExitStack
        fb = stack.enter_context(open(b))
        return fa.read() + fb.read()


def finally_close_two(src, dst):
    # ok: python/resource-leak -- closed in finally
    a = open(src)
    try:
        # ok: python/resource-leak -- closed in the inner finally
        b = open(dst, "w")
        try:
            b.write(a.read())
        finally:
            b.close()
    finally:
        a.close()


def returned_after_use(path):
    # ruleid: python/resource-leak-on-exception
    # ok: python/resource-leak -- returned to the caller after the header is read
    f = open(path, "rb")
    f.read(4)
    return f


def returned_in_tuple(path):
    # ok: python/resource-leak -- returned (in a tuple) to the caller
    f = open(path)
    return f, path


def yielded(path):
    # ok: python/resource-leak -- yielded to the consumer
    f = open(path)
    yield f


def stored_in_module_dict(path):
    # ok: python/resource-leak -- stored in a module-level cache
    f = open(path)
    _cache[path] = f


def passed_to_owner(path):
    # ok: python/resource-leak -- ownership passed to a constructor
    f = open(path)
    return Reader(f)


def wrapped_and_wrapper_closed(path):
    # ruleid: python/resource-leak-on-exception
    # ok: python/resource-leak -- closing the wrapper closes the raw file
    raw = open(path, "rb")
    text = io.TextIOWrapper(raw, encoding="utf-8")
    data = text.read()
    text.close()
    return data


def wrapper_leaks(path):
    # ruleid: python/resource-leak
    raw = open(path, "rb")
    text = io.TextIOWrapper(raw, encoding="utf-8")
    return text.readline()


def gzip_over_file_with(path):
    # ok: python/resource-leak -- the inner file is closed by the with statement
    with open(path, "rb") as raw:
        g = gzip.GzipFile(fileobj=raw)
        return g.read()


def closed_by_helper_in_file(path):
    # ruleid: python/resource-leak-on-exception
    # ok: python/resource-leak -- the helper of this file closes it
    f = open(path)
    data = f.read()
    _quietly_close(f)
    return data


def _quietly_close(handle):
    try:
        handle.close()
    except OSError:
        pass


def read_by_helper_then_leak(path):
    # ruleid: python/resource-leak
    f = open(path)
    return _first(f)


def _first(handle):
    return handle.readline()


def closed_in_both_branches(path, binary):
    # ruleid: python/resource-leak-on-exception
    # ok: python/resource-leak -- closed in both branches
    f = open(path, "rb" if binary else "r")
    if binary:
        data = f.read()
        f.close()
        return data
    text = f.read()
    f.close()
    return text


def closed_in_one_branch(path, keep):
    # ruleid: python/resource-leak
    f = open(path)
    if keep:
        return None
    f.close()
    return path


def none_checked_truthy(path):
    f = None
    try:
        # ok: python/resource-leak -- `if f:` before close in finally
        f = open(path)
        return f.read()
    finally:
        if f:
            f.close()


def none_checked_is_none(path):
    f = None
    try:
        # ok: python/resource-leak -- closed unless it is None
        f = open(path)
        return f.read()
    finally:
        if f is None:
            pass
        else:
            f.close()


def except_close_and_reraise(path):
    # ok: python/resource-leak-on-exception -- closed in the except clause before re-raising
    f = open(path)
    try:
        data = f.read()
    except Exception:
        f.close()
        raise
    f.close()
    return data


def close_then_raise(path):
    # ok: python/resource-leak-on-exception -- closed before the raise
    f = open(path)
    try:
        header = f.read(4)
    finally:
        f.close()
    if header != b"PK\x03\x04":
        raise ValueError("not a zip file")
    return header


def raise_while_open(path):
    # ruleid: python/resource-leak-on-exception
    f = open(path, "rb")
    try:
        header = f.read(4)
    finally:
        pass
    if header != b"PK\x03\x04":
        raise ValueError("not a zip file")
    f.close()
    return header


def write_then_close(path, text):
    # ruleid: python/resource-leak-on-exception
    f = open(path, "w")
    f.write(text)
    f.close()


def dump_then_close(path, obj):
    # ruleid: python/resource-leak-on-exception
    f = open(path, "w")
    json.dump(obj, f)
    f.close()


def copy_two_files(src, dst):
    # ruleid: python/resource-leak-on-exception
    a = open(src, "rb")
    # ruleid: python/resource-leak-on-exception
    b = open(dst, "wb")
    shutil.copyfileobj(a, b)
    b.close()
    a.close()


def reassigned_before_close(a, b):
    # ruleid: python/resource-leak
    f = open(a)
    first = f.read()
    # ok: python/resource-leak -- closed below
    # ruleid: python/resource-leak-on-exception
    f = open(b)
    second = f.read()
    f.close()
    return first + second


def loop_closes_each(paths):
    out = []
    for p in paths:
        # ok: python/resource-leak -- closed at the end of each iteration
        f = open(p)
        try:
            out.append(f.readline())
        finally:
            f.close()
    return out


def read_one_liner(path):
    # ruleid: python/open-without-with
    return open(path).read()


def write_one_liner(path, text):
    # ruleid: python/open-without-with
    open(path, "w").write(text)


def json_one_liner_with(path):
    # ok: python/open-without-with -- with closes it
    with open(path) as f:
        return json.load(f)


def gzip_one_liner(path):
    # ruleid: python/open-without-with
    return gzip.open(path).read()


def codecs_leak(path):
    # ruleid: python/resource-leak
    f = codecs.open(path, "r", "utf-8")
    return f.read()


def bz2_closed(path):
    # ok: python/resource-leak -- closed in finally
    b = bz2.open(path)
    try:
        return b.read()
    finally:
        b.close()


def lzma_leak(path):
    # ruleid: python/resource-leak
    x = lzma.open(path)
    return x.read()


def fdopen_leak(fd):
    # ruleid: python/resource-leak
    f = os.fdopen(fd, "w")
    f.write("x")
    return fd


def scandir_with(path):
    # ok: python/resource-leak -- with closes the iterator
    with os.scandir(path) as it:
        return [e.name for e in it]


def scandir_names(path):
    # ok: python/open-without-with -- a scandir iterator closes itself when exhausted
    return [e.name for e in os.scandir(path)]


def scandir_total(path):
    total = 0
    # ok: python/open-without-with -- the loop runs the iterator to its end (no break)
    for e in os.scandir(path):
        if e.is_file():
            total += e.stat().st_size
        for part in e.name.split("."):
            if not part:
                break
    return total


def scandir_find(path, name):
    # ruleid: python/open-without-with -- the return leaves the iterator open
    for e in os.scandir(path):
        if e.name == name:
            return e
    return None


def scandir_first_break(path):
    found = None
    # ruleid: python/open-without-with -- the break leaves the iterator open
    for e in os.scandir(path):
        if e.is_dir():
            found = e
            break
    return found


def scandir_next(path):
    # ruleid: python/resource-leak
    it = os.scandir(path)
    first = next(it, None)
    return first


def first_line_next(path):
    # ruleid: python/resource-leak -- next() reads a line, it does not close the file
    f = open(path)
    return next(f, "")


def first_line_next_closed(path):
    # ok: python/resource-leak
    with open(path) as f:
        return next(iter(f), "")


def temp_file_closed(data):
    # ok: python/resource-leak -- closed in finally
    t = tempfile.TemporaryFile()
    try:
        t.write(data)
        t.seek(0)
        return t.read()
    finally:
        t.close()


def spooled_leak(data):
    # ruleid: python/resource-leak
    t = tempfile.SpooledTemporaryFile(max_size=1024)
    t.write(data)
    return t.tell()


def temp_dir_cleanup():
    # ok: python/resource-leak -- cleanup() removes it
    d = tempfile.TemporaryDirectory()
    name = d.name
    d.cleanup()
    return name


def temp_dir_with():
    # ok: python/resource-leak -- with removes it
    with tempfile.TemporaryDirectory() as d:
        return os.listdir(d)


def zip_closed(path):
    # ok: python/resource-leak -- closed in finally
    z = zipfile.ZipFile(path)
    try:
        return z.namelist()
    finally:
        z.close()


def zip_write_leak(path, name, data):
    # ruleid: python/resource-leak
    z = zipfile.ZipFile(path, "w")
    z.writestr(name, data)
    return name


def tar_with(path):
    # ok: python/resource-leak -- with closes it
    with tarfile.open(path) as t:
        return t.getnames()


def string_io_unclosed(text):
    # ok: python/resource-leak -- io.StringIO holds no system resource
    buf = io.StringIO()
    buf.write(text)
    return buf.getvalue()


def bytes_io_unclosed(data):
    # ok: python/open-without-with -- io.BytesIO holds no system resource
    return io.BytesIO(data).read()


def contextlib_suppress(path):
    # ok: python/resource-leak -- with closes it
    with contextlib.suppress(OSError), open(path) as f:
        return f.read()


_log_file = None


def open_global_log(path):
    global _log_file
    # ok: python/resource-leak -- assigned to a module-level global
    _log_file = open(path, "a")
    _log_file.write("start\n")


def captured_by_closure(path, callbacks):
    # ok: python/resource-leak -- the nested function closes it later
    f = open(path)

    def done():
        f.close()

    callbacks.append(done)
    return f.name


def captured_by_lambda(path, register):
    # ok: python/resource-leak -- a lambda keeps it
    f = open(path)
    register(lambda: f.close())


def not_captured(path, register):
    # ruleid: python/resource-leak
    f = open(path)
    register(lambda: None)
    return f.name


def iterate_lines(path):
    out = []
    # ruleid: python/open-without-with
    for line in open(path):
        out.append(line.strip())
    return out


def touch(path):
    # ruleid: python/open-without-with
    open(path, "a")


def iterate_with(path):
    # ok: python/open-without-with -- with closes it
    with open(path) as f:
        return [line.strip() for line in f]


def closed_flag(path, data):
    # ok: python/resource-leak -- closed on the error path, else in finally (the flag says which)
    f = open(path, "w")
    closed = False
    try:
        try:
            f.write(data)
        except BaseException:
            f.close()
            closed = True
            raise
    finally:
        if not closed:
            f.close()


def break_through_finally(paths):
    for p in paths:
        # ok: python/resource-leak -- the finally clause runs when break leaves the loop
        f = open(p)
        try:
            if f.read(1) == "#":
                break
        finally:
            f.close()


def identity_checked(path, out, use_stdout):
    # ok: python/resource-leak -- closed unless it is the standard stream (a fresh file never is)
    # ruleid: python/resource-leak-on-exception
    g = out if use_stdout else open(path, "w")
    g.write("x")
    if g is not out:
        g.close()
