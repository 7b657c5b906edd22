import hashlib
from hashlib import md5 as fast_md5
from hashlib import sha256

ALG = "sha1"


def digests(password, body, name):
    # ruleid: python/weak-hash
    a = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python/weak-hash
    b = fast_md5(body)
    # ruleid: python/weak-hash
    c = hashlib.new(ALG, body)
    # ruleid: python/weak-hash
    d = hashlib.sha1(body, usedforsecurity=True)
    # ok: python/weak-hash -- declared non-security use
    e = hashlib.md5(body, usedforsecurity=False).hexdigest()
    # ok: python/weak-hash -- strong algorithm
    f = sha256(body).hexdigest()
    # ok: python/weak-hash -- algorithm unknown here
    g = hashlib.new(name, body)
    # ok: python/weak-hash -- strong algorithm by name
    h = hashlib.new("sha256", body)
    return a, b, c, d, e, f, g, h


def local_md5(md5, data):
    # ok: python/weak-hash -- `md5` is a parameter, not hashlib's
    return md5(data)


def by_local_name(body):
    algorithm = "md5"
    # ruleid: python/weak-hash
    first = hashlib.new(algorithm, body)
    # ok: python/weak-hash -- declared non-security use
    second = hashlib.new(algorithm, body, usedforsecurity=False)
    return first, second
