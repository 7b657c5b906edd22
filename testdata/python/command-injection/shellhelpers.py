import shlex
import subprocess


def archive(filename):
    # ruleid: python/command-injection, python/subprocess-shell-true
    subprocess.run("tar czf /tmp/archive.tgz " + filename, shell=True, check=True)


def archive_quoted(filename):
    # ok: python/command-injection -- quoted for the shell
    subprocess.run("tar czf /tmp/archive.tgz " + shlex.quote(filename), shell=True, check=True)


def rotate(count):
    # ruleid: python/subprocess-shell-true
    # ok: python/command-injection -- its only caller passes a number
    subprocess.run("logrotate -n " + str(count), shell=True, check=True)
