import html

from aiohttp import web


async def greet(request):
    name = request.match_info.get("name", "")
    # ruleid: python/xss
    return web.Response(text=f"<h1>Hello {name}</h1>", content_type="text/html")


async def greet_escaped(request):
    name = request.match_info.get("name", "")
    # ok: python/xss -- escaped
    return web.Response(text=f"<h1>Hello {html.escape(name)}</h1>", content_type="text/html")


async def greet_plain(request):
    name = request.query.get("name", "")
    # ok: python/xss -- aiohttp sends `text=` as text/plain unless told otherwise
    return web.Response(text=f"Hello {name}")


app = web.Application()
app.router.add_get("/hello/{name}", greet)
app.router.add_get("/safe/{name}", greet_escaped)
app.router.add_get("/plain", greet_plain)
