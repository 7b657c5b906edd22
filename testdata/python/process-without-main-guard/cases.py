import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Process


def work(n):
    return n * n


# ruleid: python/process-without-main-guard
multiprocessing.set_start_method("spawn")

p = Process(target=work, args=(3,))
# ruleid: python/process-without-main-guard
p.start()

# ruleid: python/process-without-main-guard
with ProcessPoolExecutor() as ex:
    print(list(ex.map(work, range(3))))


def run_all():
    # ok: python/process-without-main-guard -- inside a function, run by the caller
    with multiprocessing.Pool(2) as pool:
        return pool.map(work, range(4))


if __name__ == "__main__":
    # ok: python/process-without-main-guard -- under the main guard
    q = multiprocessing.Process(target=work, args=(1,))
    q.start()
    q.join()
