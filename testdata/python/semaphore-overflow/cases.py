import asyncio
import threading

slots = threading.Semaphore(4)
bounded = threading.BoundedSemaphore(4)


def try_and_finally(url, get):
    slots.acquire()
    try:
        data = get(url)
        slots.release()
        return data
    finally:
        # ruleid: python/semaphore-overflow
        slots.release()


def inside_with(job):
    with slots:
        job()
        # ruleid: python/semaphore-overflow
        slots.release()


def twice(job):
    slots.acquire()
    job()
    slots.release()
    # ruleid: python/semaphore-overflow
    slots.release()


def ignored_result(job):
    # ruleid: python/semaphore-overflow
    slots.acquire(timeout=1)
    try:
        job()
    finally:
        slots.release()


class Limiter:
    def __init__(self):
        self.sem = asyncio.Semaphore(2)

    async def run(self, coro):
        await self.sem.acquire()
        self.sem.release()
        # ruleid: python/semaphore-overflow
        self.sem.release()
        return await coro


def balanced(job):
    slots.acquire()
    try:
        job()
    finally:
        # ok: python/semaphore-overflow -- one acquire, one release
        slots.release()


def branches(job):
    slots.acquire()
    if job():
        slots.release()
        return True
    # ok: python/semaphore-overflow -- releases on exclusive paths
    slots.release()
    return False


def checked_acquire(job):
    if not slots.acquire(timeout=1):
        return False
    try:
        job()
    finally:
        # ok: python/semaphore-overflow -- released only after a successful acquire
        slots.release()
    return True


def producer():
    # ok: python/semaphore-overflow -- a producer signalling a consumer
    slots.release()


def bounded_twice(job):
    bounded.acquire()
    job()
    bounded.release()
    # ok: python/semaphore-overflow -- a BoundedSemaphore raises on over-release
    bounded.release()
