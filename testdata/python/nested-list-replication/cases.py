import collections


def board(rows, cols):
    # ruleid: python/nested-list-replication
    grid = [[0] * cols] * rows
    grid[0][0] = 1
    return grid


def buckets(n):
    # ruleid: python/nested-list-replication
    out = [[]] * n
    out[0].append(1)
    return out


def tables(n):
    # ruleid: python/nested-list-replication
    return n * [{}]


def groups(n):
    # ruleid: python/nested-list-replication
    return [set()] * n


def counters(n):
    # ruleid: python/nested-list-replication
    return [collections.Counter()] * n


def flat(n):
    # ok: python/nested-list-replication -- immutable elements are safe to repeat
    return [0] * n


def nones(n):
    # ok: python/nested-list-replication -- None is immutable
    return [None] * n


def tuples(n):
    # ok: python/nested-list-replication -- tuples are immutable
    return [(0, 0)] * n


def fresh_rows(rows, cols):
    # ok: python/nested-list-replication -- a comprehension builds a new row each time
    return [[0] * cols for _ in range(rows)]


def concat(a):
    # ok: python/nested-list-replication -- list concatenation, not replication
    return [[1]] + a


def list(x):  # noqa: A001 - shadows the builtin on purpose
    return (x,)


def shadowed(n):
    # ok: python/nested-list-replication -- `list` is a local function returning a tuple here
    return [list(1)] * n
