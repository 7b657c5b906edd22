import traceback


def describe_failure():
    # ok: python/stack-trace-exposure -- not a web application: a library helper returning text
    return traceback.format_exc()
