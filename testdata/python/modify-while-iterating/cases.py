def drop_expired(cache, now):
    for key in cache:
        if cache[key] < now:
            # ruleid: python/modify-while-iterating
            del cache[key]


def drop_items(cache):
    for key, value in cache.items():
        if value is None:
            # ruleid: python/modify-while-iterating
            cache.pop(key)


def drop_odd(numbers):
    for n in numbers:
        if n % 2:
            # ruleid: python/modify-while-iterating
            numbers.remove(n)


def tutorial(words):
    for w in words:
        if len(w) > 6:
            # ruleid: python/modify-while-iterating
            words.insert(0, w)


class Registry:
    def __init__(self):
        self.handlers = set()

    def prune(self):
        for h in self.handlers:
            if h.dead:
                # ruleid: python/modify-while-iterating
                self.handlers.discard(h)


def drop_keys(d):
    for k in d.keys():
        # ruleid: python/modify-while-iterating
        del d[k], d[k + "_x"]


def nested_break(items, others):
    for x in items:
        for y in others:
            if x == y:
                # ruleid: python/modify-while-iterating
                items.remove(x)
                break  # leaves only the inner loop


def over_copy(cache, now):
    for key in list(cache):
        if cache[key] < now:
            # ok: python/modify-while-iterating -- iterates a copy
            del cache[key]


def over_slice(numbers):
    for n in numbers[:]:
        if n % 2:
            # ok: python/modify-while-iterating -- iterates a slice copy
            numbers.remove(n)


def over_copy_method(d):
    for k in d.copy():
        # ok: python/modify-while-iterating -- iterates d.copy()
        d.pop(k)


def remove_first(items, target):
    for x in items:
        if x == target:
            # ok: python/modify-while-iterating -- the loop stops right after the removal
            items.remove(x)
            break


def take(items, target):
    for x in items:
        if x == target:
            # ok: python/modify-while-iterating -- returns right after the removal
            items.remove(x)
            return x
    return None


def update_values(d):
    for k in d:
        # ok: python/modify-while-iterating -- assigning an existing key does not change the size
        d[k] = d[k] * 2


def other_collection(src, dst):
    for x in src:
        # ok: python/modify-while-iterating -- a different list
        dst.append(x)


def deferred(items):
    callbacks = []
    for x in items:
        # ok: python/modify-while-iterating -- runs later, after the loop
        callbacks.append(lambda: items.remove(x))
    return callbacks


def rebound(items):
    for x in items:
        items = [y for y in items if y != x]
        # ok: python/modify-while-iterating -- `items` now names a new list
        items.append(x)
    return items


def doubles(numbers):
    for n in numbers:
        # ruleid: python/modify-while-iterating
        numbers.append(n * 2)


def worklist(start, successors):
    todo = [start]
    for node in todo:
        for nxt in successors(node):
            if nxt not in todo:
                # ok: python/modify-while-iterating -- the worklist idiom: new items are visited too
                todo.append(nxt)
    return todo


class Jar:
    def __iter__(self):
        return iter(list(self.__dict__))

    def clear(self, domain, path, name):
        self.__dict__.pop((domain, path, name), None)

    def expire(self):
        for cookie in self:
            # ok: python/modify-while-iterating -- a class iterating itself calls its own method
            self.clear(cookie, "/", "x")


def expand_tan(items, tan, sin, cos):
    for fn, arg in items:
        if fn == tan:
            # ok: python/modify-while-iterating -- a conditional worklist: the new items are visited too
            items.extend([(sin, arg), (cos, arg)])
    return items


def preorder(expr):
    nodes = [expr]
    for node in nodes:
        yield node
        # ok: python/modify-while-iterating -- a traversal: the children of each node are added and visited, and it ends at the leaves
        nodes.extend(node.args)


def breadth_first(start, prereq):
    queue = [start]
    for fact in queue:
        new_facts = list(prereq[fact])
        # ok: python/modify-while-iterating -- a worklist extended with values computed before
        queue.extend(new_facts)
    return queue
