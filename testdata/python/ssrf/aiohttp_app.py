# aiohttp's server: the handler's `request` parameter, and `self.request` in a `web.View`.
from urllib.parse import urlparse

import aiohttp
from aiohttp import web

ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


async def preview(request):
    url = request.query.get("url", "")
    async with aiohttp.ClientSession() as session:
        # ruleid: python/ssrf
        async with session.get(url) as resp:
            body = await resp.read()
    return web.Response(body=body)


async def checked_preview(request):
    url = request.query.get("url", "")
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.netloc not in ALLOWED_HOSTS:
        raise web.HTTPBadRequest()
    async with aiohttp.ClientSession() as session:
        # ok: python/ssrf -- the parsed host is on a fixed allow-list
        async with session.get(url) as resp:
            body = await resp.read()
    return web.Response(body=body)


async def wrong_check(request):
    url = request.query.get("url", "")
    other = request.query.get("mirror", "")
    if urlparse(other).hostname not in ALLOWED_HOSTS:
        raise web.HTTPBadRequest()
    async with aiohttp.ClientSession() as session:
        # ruleid: python/ssrf
        async with session.get(url) as resp:
            return web.Response(body=await resp.read())


class Fetch(web.View):
    async def post(self):
        data = await self.request.json()
        async with aiohttp.ClientSession() as session:
            # ruleid: python/ssrf
            async with session.post(data["callback"], json={"ok": True}) as resp:
                return web.json_response({"status": resp.status})


app = web.Application()
app.router.add_get("/preview", preview)
app.router.add_get("/checked", checked_preview)
app.router.add_get("/wrong", wrong_check)
app.router.add_view("/fetch", Fetch)
