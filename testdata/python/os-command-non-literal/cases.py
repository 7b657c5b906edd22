import os
from os import popen as run_shell
import subprocess


def ping(host):
    # ruleid: python/os-command-non-literal
    os.system("ping -c1 " + host)
    # ruleid: python/os-command-non-literal
    out = run_shell("nslookup %s" % host).read()
    # ruleid: python/os-command-non-literal
    status = subprocess.getoutput(f"host {host}")
    # ok: python/os-command-non-literal -- constant command
    os.system("clear")
    # ok: python/os-command-non-literal -- argument list, no shell
    subprocess.run(["ping", "-c1", host], check=True)
    return out, status


class Runner:
    def system(self, cmd):
        return cmd


def not_os(r, cmd):
    # ok: python/os-command-non-literal -- a method named system
    return r.system(cmd)
