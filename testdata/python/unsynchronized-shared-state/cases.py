import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

hits = 0
total = 0
seen = 0
counts = {}
results = []
lock = threading.Lock()


def worker(n):
    global hits
    for _ in range(n):
        # ruleid: python/unsynchronized-shared-state
        hits += 1


def tally(word):
    # ruleid: python/unsynchronized-shared-state
    counts[word] += 1


def add(amount):
    global total
    # ruleid: python/unsynchronized-shared-state
    total = total + amount


def child_count():
    global seen
    # ruleid: python/unsynchronized-shared-state
    seen += 1


def locked_worker(n):
    global hits
    for _ in range(n):
        # ok: python/unsynchronized-shared-state -- under the lock
        with lock:
            hits += 1


def appender(x):
    # ok: python/unsynchronized-shared-state -- list.append is a single atomic operation
    results.append(x)


def local_only(n):
    total = 0
    for i in range(n):
        # ok: python/unsynchronized-shared-state -- a local variable
        total += i
    return total


def not_a_thread_target():
    global hits
    # ok: python/unsynchronized-shared-state -- never run concurrently
    hits += 1


def start():
    threads = [threading.Thread(target=worker, args=(1000,)) for _ in range(4)]
    threads += [threading.Thread(target=locked_worker, args=(10,))]
    threads += [threading.Thread(target=appender, args=(1,))]
    threads += [threading.Thread(target=local_only, args=(3,))]
    threads.append(threading.Thread(target=add, args=(5,)))
    for t in threads:
        t.start()
    with ThreadPoolExecutor(4) as pool:
        pool.map(tally, ["a", "b"])
    p = multiprocessing.Process(target=child_count)
    p.start()
    p.join()
    not_a_thread_target()
