import collections


def board(rows, cols):
    # ruleid: python/nested-list-replication
    grid = [[0] * cols] * rows
    grid[0][0] = 1
    return grid


def buckets(n, items):
    # ruleid: python/nested-list-replication
    out = [[]] * n
    for i, x in enumerate(items):
        out[i % n].append(x)
    return out


def tables(n):
    # ruleid: python/nested-list-replication
    t = n * [{}]
    t[0]["k"] = 1
    return t


class Matrix:
    def __init__(self, n):
        # ruleid: python/nested-list-replication
        self.rows = [collections.Counter()] * n
        self.rows[0]["x"] += 1


def flat(n):
    # ok: python/nested-list-replication -- immutable elements are safe to repeat
    cells = [0] * n
    cells[0] = 1
    return cells


def tuples(n):
    # ok: python/nested-list-replication -- tuples are immutable
    return [(0, 0)] * n


def fresh_rows(rows, cols):
    # ok: python/nested-list-replication -- a comprehension builds a new row each time
    grid = [[0] * cols for _ in range(rows)]
    grid[0][0] = 1
    return grid


def replaced_only(n, make):
    # ok: python/nested-list-replication -- elements are replaced whole, never changed in place
    buf = [[None]] * n
    for i in range(n):
        buf[i] = make(i)
    return buf


def padding(lines, blank, extra):
    # ok: python/nested-list-replication -- read-only padding rows
    return lines + [[blank]] * extra


def list(x):  # noqa: A001 - shadows the builtin on purpose
    return (x,)


def shadowed(n):
    # ok: python/nested-list-replication -- `list` is a local function returning a tuple here
    rows = [list(1)] * n
    rows[0][0] = 2
    return rows
