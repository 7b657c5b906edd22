import urllib.request
from urllib.request import urlopen

import aiohttp
import httpx
import requests
from fastapi import FastAPI
from flask import Flask, request

app = Flask(__name__)
api = FastAPI()
ALLOWED = {"https://a.example.com/feed", "https://b.example.com/feed"}


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    # ruleid: python/ssrf
    body = requests.get(url, timeout=5).text
    # ruleid: python/ssrf
    # ruleid: python/open-without-with
    body += urlopen(url).read().decode()
    # ruleid: python/ssrf
    body += requests.request("GET", url, timeout=5).text
    # ok: python/ssrf -- constant URL, the input is a query parameter
    body += requests.get("https://api.example.com/search", params={"q": url}, timeout=5).text
    if url in ALLOWED:
        # ok: python/ssrf -- allow-listed URL
        body += requests.get(url, timeout=5).text
    return body


@app.route("/host")
def host():
    h = request.args["host"]
    # ruleid: python/ssrf
    return requests.post("http://" + h + "/api", timeout=5).text


@app.route("/req")
def req():
    target = request.headers.get("X-Target")
    # ruleid: python/ssrf
    r = urllib.request.Request(
        target
    )
    return str(r)


@api.get("/proxy")
async def proxy(url: str):
    # ruleid: python/ssrf
    return requests.get(url, timeout=5).json()


@api.get("/item/{item_id}")
async def item(item_id: int):
    # ok: python/ssrf -- an int path parameter
    return requests.get("https://api.example.com/items/" + str(item_id), timeout=5).json()


def handler(event, context):
    # ruleid: python/ssrf
    return requests.get(event["body"], timeout=5).status_code


def handler_const(event, context):
    url = event["body"]
    url = "https://status.example.com"
    # ok: python/ssrf -- overwritten
    return requests.get(url, timeout=5).status_code


@api.get("/clients")
async def clients(url: str, item_id: int):
    with httpx.Client() as client:
        # ruleid: python/ssrf
        client.get(url)
        # ok: python/ssrf -- the untrusted part is an int
        client.get("https://api.example.com/items/%d" % item_id)
    async with httpx.AsyncClient() as aclient:
        # ruleid: python/ssrf
        await aclient.post(url, json={})
    async with aiohttp.ClientSession() as session:
        # ruleid: python/ssrf
        async with session.get(url) as resp:
            body = await resp.text()
        # ok: python/ssrf -- a constant URL, the input goes in the query string
        async with session.get("https://api.example.com/search", params={"q": url}) as resp:
            body += await resp.text()
    return body
