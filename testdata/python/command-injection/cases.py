import configparser
import os
import shlex
import subprocess
from subprocess import run as r

from flask import Flask, request

app = Flask(__name__)
SAFE_CMD = "uptime"


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    # ruleid: python/command-injection
    os.system("ping -c 1 " + host)
    # ruleid: python/command-injection, python/subprocess-shell-true
    subprocess.check_output("ping -c 1 %s" % host, shell=True)
    # ruleid: python/command-injection, python/subprocess-shell-true
    r(f"nslookup {host}", shell=True)
    # ruleid: python/command-injection
    subprocess.check_output(["sh", "-c", "dig %s" % host])
    # ruleid: python/command-injection
    # ruleid: python/open-without-with
    os.popen("traceroute " + host).read()
    # ruleid: python/command-injection
    subprocess.getoutput("host " + host)
    # ok: python/command-injection -- an argument list without a shell
    subprocess.run(["ping", "-c", "1", host], check=False)
    # ok: python/command-injection -- shell=False with a list
    subprocess.call(["ping", "-c", "1", host], shell=False)
    # ok: python/command-injection, python/subprocess-shell-true -- quoted for the shell
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    # ok: python/command-injection -- constant command
    os.system(SAFE_CMD)
    return "ok"


@app.route("/tool")
def tool():
    name = request.form["tool"]
    if name in {"uptime", "whoami"}:
        # ok: python/command-injection -- allow-listed
        os.system(name)
    # ruleid: python/command-injection
    os.system(name)
    count = int(request.form["count"])
    # ok: python/command-injection -- an int
    os.system("seq %d" % count)
    return "ok"


@app.route("/sh")
def shell_list():
    arg = request.args["a"]
    cmd = ["ls", "-l", arg]
    # ok: python/command-injection -- a list run without a shell: the tainted element is an argument
    # ok: python/open-without-with -- no pipe: a child started and left running
    subprocess.Popen(cmd)
    # ruleid: python/command-injection
    # ok: python/open-without-with -- no pipe: a child started and left running
    subprocess.Popen(["bash", "-c", "echo " + arg])
    script = ["bash", "-c", "echo " + arg]
    # ruleid: python/command-injection
    # ok: python/open-without-with -- no pipe: a child started and left running
    subprocess.Popen(script)
    script = ["ls", arg]
    # ok: python/command-injection -- reassigned to a list without a shell
    # ok: python/open-without-with -- no pipe: a child started and left running
    subprocess.Popen(script)
    return "ok"


def handler(event, context):
    name = event["pathParameters"]["name"]
    # ruleid: python/command-injection, python/subprocess-shell-true
    subprocess.run("convert " + name + " out.png", shell=True, check=True)
    # ok: python/command-injection -- the input does not reach the command
    subprocess.run("convert in.png out.png", shell=True, check=True)
    return {"statusCode": 200}


USE_SHELL = False


def shell_flag(event, context):
    # ok: python/command-injection -- shell is a module constant False
    subprocess.run("echo " + event["x"], shell=USE_SHELL)
    return {}


@app.route("/switch")
def switch():
    param = request.args.get("p", "")
    target = "ABC"[1]
    if target == "B":
        bar = "uptime"
    else:
        bar = param
    # ok: python/command-injection -- the string comparison folds: the tainted branch is dead
    os.system(bar)
    if target != "B":
        bar = param
    # ok: python/command-injection -- still dead
    os.system(bar)
    choice = request.args.get("c", "")
    if choice == "B":
        bar = param
    # ruleid: python/command-injection
    os.system(bar)
    return "ok"


@app.route("/switch")
def switch_on_constant_character():
    param = request.args.get("p", "")
    guess = "ABC"
    target = guess[2]
    if target == "A":
        bar = param
    elif target == "C":
        bar = "bob"
    else:
        bar = param
    # ok: python/command-injection -- `guess[2]` is "C": only the constant branch runs
    os.system(bar)
    last = guess[-3]
    chosen = param if last == "A" else "safe"
    # ruleid: python/command-injection
    os.system(chosen)
    return "ok"


@app.route("/equal")
def compared_with_a_constant():
    tool = request.args.get("tool", "")
    if tool == "uptime":
        # ok: python/command-injection -- where `tool == "uptime"` holds, it is that constant
        os.system(tool)
    if tool != "df":
        # ruleid: python/command-injection
        os.system(tool)
        return "no"
    # ok: python/command-injection -- past the early return, `tool` is "df"
    os.system(tool)
    return "ok"


@app.route("/configured")
def configured():
    host = request.args.get("host", "")
    conf = configparser.ConfigParser()
    conf.add_section("net")
    conf.set("net", "default_host", "localhost")
    conf.set("net", "user_host", host)
    # ruleid: python/command-injection
    os.system("ping -c 1 " + conf.get("net", "user_host"))
    # ok: python/command-injection -- another option of the same section
    os.system("ping -c 1 " + conf.get("net", "default_host"))
    # ok: python/command-injection -- a number
    os.system("sleep %d" % conf.getint("net", "user_host"))
    conf.set("net", "user_host", "example.org")
    # ok: python/command-injection -- the option was overwritten with a constant
    os.system("ping -c 1 " + conf.get("net", "user_host"))
    return "ok"


@app.route("/sleep")
def sleep_for():
    secs = request.args.get("secs", "1")
    # ok: python/command-injection -- a format of numeric conversions only
    os.system("sleep %d" % int(secs))
    # ok: python/command-injection -- %d refuses anything but a number
    os.system("sleep %d; renice %+5.1f" % (secs, secs))
    # ruleid: python/command-injection
    os.system("sleep %d; echo %s" % (1, secs))
    return "ok"
