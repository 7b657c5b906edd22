import html
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

api = FastAPI()


def greet(request):
    name = request.GET.get("name", "")
    # ruleid: python/xss
    return HttpResponse("<p>Hello " + name + "</p>")


def greet_escaped(request):
    name = request.GET.get("name", "")
    # ok: python/xss -- django escape
    return HttpResponse("<p>Hello " + escape(name) + "</p>")


def greet_format_html(request):
    # ok: python/xss -- format_html escapes its arguments
    return HttpResponse(format_html("<p>{}</p>", request.GET["name"]))


def greet_template(request):
    # ok: python/xss -- an autoescaped template
    return render(request, "greet.html", {"name": request.GET["name"]})


def greet_safe(request):
    # ruleid: python/xss
    html = mark_safe("<p>" + request.POST["bio"] + "</p>")
    return render(request, "bio.html", {"bio": html})


def slug(request, slug):
    # ruleid: python/xss
    return HttpResponse("<h1>" + slug + "</h1>")


def write(request):
    resp = HttpResponse()
    # ruleid: python/xss
    resp.write(request.body)
    return resp


@api.get("/page")
async def page(q: str):
    # ruleid: python/xss
    return HTMLResponse("<p>" + q + "</p>")


@api.get("/text")
async def text(q: str):
    # ok: python/xss -- a FastAPI route's return value is JSON-encoded
    return "<p>" + q + "</p>"


def lambda_page(event, context):
    # ok: python/xss -- a Lambda returns data to API Gateway, not a page (no HTML sink)
    return {"statusCode": 200, "body": "<p>" + event["body"] + "</p>"}


@api.get("/page", response_class=HTMLResponse)
async def html_page(name: str):
    # ruleid: python/xss
    return "<h1>Hello " + name + "</h1>"


@api.get("/page-escaped", response_class=HTMLResponse)
async def html_page_escaped(name: str):
    # ok: python/xss -- escaped
    return "<h1>Hello " + html.escape(name) + "</h1>"


@api.get("/page-count", response_class=HTMLResponse)
async def html_page_count(count: int):
    # ok: python/xss -- an int parameter
    return "<p>" + str(count) + "</p>"
