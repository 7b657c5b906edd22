def check(status, code, value):
    # ruleid: python/is-literal-comparison
    if status is "ok":
        return 1
    # ruleid: python/is-literal-comparison
    if code is not 200:
        return 2
    # ok: python/is-literal-comparison -- None is a singleton
    if value is None:
        return 3
    # ok: python/is-literal-comparison -- equality
    if status == "ok":
        return 4
    # ok: python/is-literal-comparison -- booleans are singletons
    return value is True
