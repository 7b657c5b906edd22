import tempfile
from tempfile import mktemp as make_name


def scratch():
    # ruleid: python/insecure-temp-file
    a = tempfile.mktemp(suffix=".csv")
    # ruleid: python/insecure-temp-file
    b = make_name()
    # ok: python/insecure-temp-file -- opened atomically
    fd, c = tempfile.mkstemp()
    # ok: python/insecure-temp-file -- a directory created securely
    d = tempfile.mkdtemp()
    return a, b, c, d, fd
