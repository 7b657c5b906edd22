from django.http import HttpResponseRedirect
from django.shortcuts import redirect as dj_redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, url_for

app = Flask(__name__)
api = FastAPI()


@app.route("/login")
def login():
    target = request.args.get("next", "/")
    # ruleid: python/open-redirect
    return redirect(target)


@app.route("/login2")
def login2():
    # ok: python/open-redirect -- url_for builds an application URL
    return redirect(url_for("home", tab=request.args.get("tab")))


@app.route("/login3")
def login3():
    target = request.args.get("next", "/")
    if target not in ("/", "/home", "/account"):
        target = "/"
    # ok: python/open-redirect -- allow-listed or replaced
    return redirect(target)


@app.route("/login4")
def login4():
    # ok: python/open-redirect -- a constant target
    return redirect("/home")


def done(request):
    nxt = request.GET.get("next", "/")
    # ruleid: python/open-redirect
    return HttpResponseRedirect(nxt)


def done_checked(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        # ok: python/open-redirect -- host checked
        return dj_redirect(nxt)
    return dj_redirect("/")


def done_shortcut(request):
    # ruleid: python/open-redirect
    return dj_redirect(request.POST["to"])


def done_reverse(request):
    # ok: python/open-redirect -- reverse() builds an application URL
    return dj_redirect(reverse("profile", args=[request.GET["user"]]))


@api.get("/go")
async def go(url: str):
    # ruleid: python/open-redirect
    return RedirectResponse(url)


@api.get("/go-home")
async def go_home(url: str):
    # ok: python/open-redirect -- constant target
    return RedirectResponse("/home?from=" + str(len(url)))


def add_slash(request):
    # ok: python/open-redirect -- the current path of this site
    return HttpResponseRedirect(request.get_full_path() + "/")


def lambda_redirect(event, context):
    target = event["queryStringParameters"]["next"]
    return {
        "statusCode": 302,
        # ruleid: python/open-redirect
        "headers": {"Location": target},
        "body": "",
    }


def lambda_redirect_home(event, context):
    target = event["queryStringParameters"]["next"]
    allowed = {"home": "/home", "help": "/help"}
    return {
        "statusCode": 302,
        # ok: python/open-redirect -- an allow-list lookup
        "headers": {"Location": allowed.get(target, "/home")},
        "body": "",
    }


def lambda_redirect_constant(event, context):
    target = event["queryStringParameters"]["next"]
    return {
        "statusCode": 302,
        # ok: python/open-redirect -- the untrusted value only goes to another header
        "headers": {"Location": "/home", "X-From": str(len(target))},
        "body": "",
    }
