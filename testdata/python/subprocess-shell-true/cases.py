import shlex
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


REPORTS = {"disk": "df -h /srv", "memory": "free -m"}
STEPS = ("make clean", "make all")


def quoted(name, args, kind, i):
    # ok: python/subprocess-shell-true -- the only non-constant part is quoted for the shell
    subprocess.run("grep -c -- %s /var/log/app.log" % shlex.quote(name), shell=True)
    # ok: python/subprocess-shell-true -- quoted in an f-string
    subprocess.run(f"ls -l {shlex.quote(name)}", shell=True)
    line = "tar czf out.tgz " + " ".join(shlex.quote(a) for a in args)
    # ok: python/subprocess-shell-true -- every argument quoted, through a name bound once
    subprocess.run(line, shell=True)
    # ok: python/subprocess-shell-true -- shlex.join quotes the list
    subprocess.run("nice " + shlex.join(args), shell=True)
    command = REPORTS.get(kind)
    # ok: python/subprocess-shell-true -- one of the commands of a constant table
    subprocess.check_output(command, shell=True, text=True)
    # ok: python/subprocess-shell-true -- indexed constant table
    subprocess.run(STEPS[i], shell=True)
    # ruleid: python/subprocess-shell-true
    subprocess.run("grep -c -- %s %s" % (shlex.quote(name), kind), shell=True)
    # ruleid: python/subprocess-shell-true
    subprocess.run(REPORTS.get(kind, kind), shell=True)
    # ruleid: python/subprocess-shell-true
    subprocess.run("ls {}".format(name), shell=True)


def unquoted(args):
    line = "tar czf out.tgz " + " ".join(args)
    # ruleid: python/subprocess-shell-true
    subprocess.run(line, shell=True)
