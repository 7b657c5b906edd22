import collections


# ruleid: python/mutable-default-arg
def add(item, bucket=[]):
    bucket.append(item)
    return bucket


# ruleid: python/mutable-default-arg
def remember(key, value, registry={}):
    registry[key] = value


# ruleid: python/mutable-default-arg
def counts(word, seen=collections.defaultdict(int)):
    seen[word] += 1
    return seen[word]


# ok: python/mutable-default-arg -- only read
def lookup(key, table={}):
    return table.get(key)


# ok: python/mutable-default-arg -- copied before mutation
def extended(items, extra=[]):
    extra = list(extra)
    extra.extend(items)
    return extra


# ok: python/mutable-default-arg -- None default
def fresh(item, bucket=None):
    bucket = [] if bucket is None else bucket
    bucket.append(item)
    return bucket


# ok: python/mutable-default-arg -- immutable default
def joined(parts=()):
    return ",".join(parts)


class Holder:
    # ok: python/mutable-default-arg -- only stored here (immutable builders do this safely)
    def __init__(self, items=[]):
        self.items = items


# ok: python/mutable-default-arg -- a deliberate memoization cache
def fib(n, _cache={}):
    if n not in _cache:
        _cache[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return _cache[n]


# ok: python/mutable-default-arg -- the "mutable cell" idiom (a non-empty display)
def counter(n=[0]):
    n[0] += 1
    return n[0]
