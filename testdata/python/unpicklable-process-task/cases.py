import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from multiprocessing import Pool, Process


def square(x):
    return x * x


def scale(k, x):
    return k * x


def lambdas(items):
    with Pool(4) as pool:
        # ruleid: python/unpicklable-process-task
        return pool.map(lambda x: x * x, items)


def local_function(items, k):
    def times_k(x):
        return x * k

    with ProcessPoolExecutor() as ex:
        # ruleid: python/unpicklable-process-task
        futures = [ex.submit(times_k, i) for i in items]
    return [f.result() for f in futures]


def context_pool(items):
    pool = multiprocessing.get_context("spawn").Pool(2)
    # ruleid: python/unpicklable-process-task
    res = pool.apply_async(lambda: sum(items))
    return res.get()


def process_target():
    # ruleid: python/unpicklable-process-task
    p = Process(target=lambda: print("hi"))
    p.start()
    p.join()


def module_function(items):
    with Pool(4) as pool:
        # ok: python/unpicklable-process-task -- module-level function
        return pool.map(square, items)


def partial_of_module_function(items, k):
    with Pool(4) as pool:
        # ok: python/unpicklable-process-task -- partial of a module-level function pickles fine
        return pool.map(partial(scale, k), items)


def threads_are_fine(items):
    with ThreadPoolExecutor() as ex:
        # ok: python/unpicklable-process-task -- threads do not pickle the callable
        return list(ex.map(lambda x: x + 1, items))


def builtin_map(items):
    # ok: python/unpicklable-process-task -- the builtin map, no pool
    return list(map(lambda x: x + 1, items))
