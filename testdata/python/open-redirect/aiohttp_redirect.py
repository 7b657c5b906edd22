from aiohttp import web

SAFE_PATHS = {"/", "/account", "/orders"}


async def sso_callback(request):
    state = request.query.get("state", "/")
    # ruleid: python/open-redirect
    raise web.HTTPFound(location=state)


async def after_login(request):
    nxt = request.query.get("next", "/")
    if nxt not in SAFE_PATHS:
        nxt = "/"
    # ok: python/open-redirect -- allow-listed or replaced by a constant
    raise web.HTTPSeeOther(nxt)


async def moved(request):
    # ok: python/open-redirect -- a constant location
    raise web.HTTPMovedPermanently("/new-home")


app = web.Application()
app.router.add_get("/sso/callback", sso_callback)
app.router.add_get("/after", after_login)
app.router.add_get("/old", moved)
