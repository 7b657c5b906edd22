from multiprocessing import JoinableQueue, Process


def worker(jobs, handle):
    while True:
        # ruleid: python/joinable-queue-missing-task-done
        item = jobs.get()
        if item is None:
            break
        handle(item)


def good_worker(jobs, handle):
    while True:
        # ok: python/joinable-queue-missing-task-done -- every item is marked done
        item = jobs.get()
        try:
            if item is None:
                break
            handle(item)
        finally:
            jobs.task_done()


def run(items, handle):
    jobs = JoinableQueue()
    for it in items:
        jobs.put(it)
    p = Process(target=good_worker, args=(jobs, handle))
    p.start()
    jobs.join()


def plain_dict(config):
    # ok: python/joinable-queue-missing-task-done -- a dict parameter named differently
    return config.get("x")
