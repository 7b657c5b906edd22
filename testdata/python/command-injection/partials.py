# `functools.partial` binds leading arguments: calling the partial calls the function with them.
import functools
import json
import shlex
import subprocess

REPO = "/opt/checkout"


def run_git(subcommand, ref):
    # ruleid: python/command-injection
    # ruleid: python/subprocess-shell-true
    return subprocess.check_output("git -C " + REPO + " " + subcommand + " " + ref, shell=True, text=True)


def quoted_git(subcommand, ref):
    # ok: python/command-injection -- the ref is quoted for the shell
    # ruleid: python/subprocess-shell-true
    return subprocess.check_output("git " + subcommand + " " + shlex.quote(ref), shell=True, text=True)


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    branch = params.get("branch", "main")
    show_log = functools.partial(run_git, "log --oneline -n 5")
    show_quoted = functools.partial(quoted_git, "log -n 5")
    output = show_log(branch) + show_quoted(branch)
    return {"statusCode": 200, "body": json.dumps({"log": output.splitlines()})}
