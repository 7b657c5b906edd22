import subprocess
import subprocess as sp
from subprocess import Popen

CMD = "ls -l /tmp"


def run(name, args):
    # ruleid: python/subprocess-shell-true
    subprocess.run("convert " + name + " out.png", shell=True, check=True)
    # ruleid: python/subprocess-shell-true
    sp.check_output(f"grep {name} /etc/hosts", shell=True)
    # ruleid: python/subprocess-shell-true
    # ok: python/open-without-with -- no pipe: a child started and left running
    Popen(args, shell=True)
    # ok: python/subprocess-shell-true -- constant command
    subprocess.run(CMD, shell=True, check=True)
    # ok: python/subprocess-shell-true -- no shell
    subprocess.run(["convert", name, "out.png"], check=True)
    # ok: python/subprocess-shell-true -- an argument list: the first element is the program
    subprocess.check_call([name, "/quiet"], shell=True)
    # ok: python/subprocess-shell-true -- shell explicitly off
    subprocess.call("echo " + name, shell=False)
