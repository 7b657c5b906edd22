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


def default_algorithm(body, name="md5"):
    # ruleid: python/weak-hash
    return hashlib.new(name, body)


def default_strong(body, name="sha256"):
    # ok: python/weak-hash -- the default is a strong algorithm
    return hashlib.new(name, body)


def default_rebound(body, name="md5"):
    name = name.lower()
    # ok: python/weak-hash -- the parameter is rebound to an unknown value
    return hashlib.new(name, body)


def overwritten(body):
    alg = "md5"
    alg = "sha256"
    # ok: python/weak-hash -- overwritten with a strong algorithm before the call
    return hashlib.new(alg, body)


def overwritten_weak(body):
    alg = "sha256"
    alg = "sha1"
    # ruleid: python/weak-hash
    return hashlib.new(alg, body)


def dead_branch(body):
    alg = "sha256"
    if False:
        alg = "md5"
    # ok: python/weak-hash -- the weak name is only assigned in a dead branch
    return hashlib.new(alg, body)


def either_branch(body, legacy):
    alg = "sha256"
    if legacy:
        alg = "md5"
    # todoruleid: python/weak-hash -- md5 on one path only; constant propagation joins to "unknown"
    return hashlib.new(alg, body)


def alias_of_constructor(body):
    h = hashlib.sha1
    # ruleid: python/weak-hash
    return h(body).hexdigest()


def checksum_flag(body):
    alg = "md5"
    alg = alg.upper()
    # ok: python/weak-hash -- declared non-security use
    return hashlib.new(alg, body, usedforsecurity=False)


STRONG = "sha512"


def module_strong(body):
    # ok: python/weak-hash -- a strong algorithm in the module constant
    return hashlib.new(STRONG, body)


def keyword_name(body):
    algorithm = "sha256"
    algorithm = "md5"
    # ruleid: python/weak-hash
    return hashlib.new(name=algorithm, data=body)
