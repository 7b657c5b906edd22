import os
import signal
import subprocess
from subprocess import PIPE, Popen, TimeoutExpired


def leak(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    try:
        out, _ = proc.communicate(timeout=30)
    # ruleid: python/subprocess-timeout-leak
    except subprocess.TimeoutExpired:
        return None
    return out


def leak_wait(cmd, log):
    p = Popen(cmd)
    try:
        p.wait(5)
    # ruleid: python/subprocess-timeout-leak
    except (TimeoutExpired, OSError) as exc:
        log.warning("timed out: %s", exc)
        raise


def leak_with(cmd):
    with Popen(cmd, stdout=PIPE) as p:
        try:
            return p.communicate(timeout=10)[0]
        # ruleid: python/subprocess-timeout-leak
        except TimeoutExpired:
            return b""


def killed(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    try:
        out, _ = proc.communicate(timeout=30)
    # ok: python/subprocess-timeout-leak -- the child is killed and reaped
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def killed_in_finally(cmd):
    proc = Popen(cmd)
    try:
        proc.wait(timeout=3)
    # ok: python/subprocess-timeout-leak -- killed in the finally block
    except TimeoutExpired:
        pass
    finally:
        if proc.poll() is None:
            proc.terminate()


def killed_by_pid(cmd):
    proc = Popen(cmd, start_new_session=True)
    try:
        proc.wait(timeout=3)
    # ok: python/subprocess-timeout-leak -- the process group is killed
    except TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def run_kills(cmd):
    try:
        return subprocess.run(cmd, timeout=5, check=True).returncode
    # ok: python/subprocess-timeout-leak -- subprocess.run kills the child on timeout
    except subprocess.TimeoutExpired:
        return -1


def launch_browser(cmd):
    p = Popen(cmd, preexec_fn=os.setsid)
    try:
        return p.wait(5) == 0
    # ok: python/subprocess-timeout-leak -- a detached child that is meant to keep running
    except TimeoutExpired:
        return True
