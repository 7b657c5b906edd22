import json


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    # ruleid: python/catch-and-reraise
    except ValueError:
        raise


def load_named(path):
    try:
        with open(path) as f:
            return json.load(f)
    # ruleid: python/catch-and-reraise
    except ValueError as err:
        raise err


def with_finally(path):
    try:
        f = open(path)
    # ruleid: python/catch-and-reraise
    except OSError:
        # nothing to do
        raise
    finally:
        print("done")
    return f


def filtered(path):
    try:
        # ruleid: python/open-without-with -- also a finding of this rule (the example code does it)
        return open(path).read()
    # ok: python/catch-and-reraise -- keeps KeyboardInterrupt away from the broad handler below
    except KeyboardInterrupt:
        raise
    except Exception:
        return ""


class LoadError(Exception):
    pass


def wrapped(path):
    try:
        # ruleid: python/open-without-with -- also a finding of this rule (the example code does it)
        return open(path).read()
    # ok: python/catch-and-reraise -- adds context
    except OSError as err:
        raise LoadError(path) from err


def logged(path, log):
    try:
        # ruleid: python/open-without-with -- also a finding of this rule (the example code does it)
        return open(path).read()
    # ok: python/catch-and-reraise -- logs before re-raising
    except OSError:
        log.exception("cannot read %s", path)
        raise


def other_exception(path, fallback):
    try:
        # ruleid: python/open-without-with -- also a finding of this rule (the example code does it)
        return open(path).read()
    # ok: python/catch-and-reraise -- raises a different exception object
    except OSError:
        raise fallback
