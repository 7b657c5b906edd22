"""A module that defines its own `open` (a browser launcher): calls of it are not the builtin."""

import io


def open(url, new=0):
    print(url, new)
    return True


def main(url):
    # ok: python/open-without-with -- this module's open(), not the builtin
    open(url, 1)
    print("done")


def first_line(path):
    # ruleid: python/resource-leak
    f = io.open(path)
    return f.readline()
