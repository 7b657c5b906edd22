import subprocess
from multiprocessing import Process, Queue


def produce(q):
    q.put("x" * 1_000_000)


def join_first():
    q = Queue()
    p = Process(target=produce, args=(q,))
    p.start()
    # ruleid: python/multiprocessing-deadlock
    p.join()
    return q.get()


def wait_first(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    # ruleid: python/multiprocessing-deadlock
    proc.wait()
    return proc.stdout.read()


def drain_first():
    q = Queue()
    p = Process(target=produce, args=(q,))
    p.start()
    item = q.get()
    # ok: python/multiprocessing-deadlock -- the queue is drained before the join
    p.join()
    return item


def communicate(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, _ = proc.communicate()
    # ok: python/multiprocessing-deadlock -- communicate() read the pipe
    proc.wait()
    return out


def read_lines(cmd):
    # ruleid: python/resource-leak-on-exception -- not waited for when reading the pipe raises
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    lines = [line for line in proc.stdout.readlines()]
    # ok: python/multiprocessing-deadlock -- the pipe was read to the end first
    proc.wait()
    return lines


def no_pipe(cmd):
    proc = subprocess.Popen(cmd)
    # ok: python/multiprocessing-deadlock -- output is not piped
    return proc.wait()


def reader_threads(cmd, reader):
    import threading

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    t = threading.Thread(target=reader, args=(proc.stdout,))
    t.start()
    # ok: python/multiprocessing-deadlock -- a reader thread drains the pipe
    proc.wait()
    t.join()


def log_output(proc):
    for line in proc.stdout:
        print(line)


def helper_drains(cmd):
    # ruleid: python/resource-leak-on-exception -- also a finding of this rule (the example code does it)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    log_output(proc)
    # ok: python/multiprocessing-deadlock -- a helper given the process reads its pipes first
    return proc.wait()
