import logging


def push(metrics):
    try:
        metrics.flush()
    # ruleid: python/swallowed-exception
    except Exception:
        pass
    try:
        metrics.close()
    # ruleid: python/swallowed-exception
    except BaseException as err:
        ...


def specific(d, key):
    try:
        return d[key]
    # ok: python/swallowed-exception -- a specific, expected exception
    except KeyError:
        pass


def logged(metrics):
    try:
        metrics.flush()
    # ok: python/swallowed-exception -- logged
    except Exception:
        logging.warning("flush failed", exc_info=True)
